/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         mg_cli_import_add_options      (GOptionContext *context);
gboolean     mg_cli_import_expand           (const char     *arg,
                                             GPtrArray      *paths);

G_END_DECLS
