/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mg-table.h"

G_BEGIN_DECLS

#define MG_TYPE_TABLE_ROW (mg_table_row_get_type ())
G_DECLARE_FINAL_TYPE (MgTableRow, mg_table_row, MG, TABLE_ROW, GObject)

MgTableRow  *mg_table_row_new               (MgTable    *table,
                                             guint       index);
MgTable     *mg_table_row_get_table         (MgTableRow *self);
guint        mg_table_row_get_index         (MgTableRow *self);

G_END_DECLS
