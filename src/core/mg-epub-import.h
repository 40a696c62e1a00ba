/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-document.h"

G_BEGIN_DECLS

MgDocument  *mg_epub_import_file            (GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
