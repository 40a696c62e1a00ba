/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-table.h"

G_BEGIN_DECLS

char        *mg_csv_format_table            (MgTable     *table);
gboolean     mg_csv_write_table             (MgTable     *table,
                                             GFile       *file,
                                             GError     **error);
void         mg_csv_append_field            (GString     *out,
                                             const char  *value);

G_END_DECLS
