/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Which files a folder stands for, and which file names the importers read: shared by
 * `marginalia-cli import --recursive`, the window's drop target and its file chooser. */

#include <gio/gio.h>

#include "mg-import.h"

G_BEGIN_DECLS

const char *const *mg_import_format_suffixes     (MgImportFormat   format);
gboolean           mg_import_has_supported_suffix (const char      *name);
gboolean           mg_import_collect_folder       (GFile           *folder,
                                                   gboolean         supported_only,
                                                   GPtrArray       *files,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

G_END_DECLS
