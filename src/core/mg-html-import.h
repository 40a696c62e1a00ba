/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-document.h"

G_BEGIN_DECLS

gboolean     mg_html_import_sniff           (const char    *head,
                                             gsize          length);
MgDocument  *mg_html_import_bytes           (const char    *data,
                                             gsize          length,
                                             const char    *fallback_title,
                                             const char    *source_uri,
                                             GError       **error);
MgDocument  *mg_html_import_file            (GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
