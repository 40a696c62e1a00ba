/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-table.h"

G_BEGIN_DECLS

#define MG_TYPE_TABLE_VIEW (mg_table_view_get_type ())
G_DECLARE_FINAL_TYPE (MgTableView, mg_table_view, MG, TABLE_VIEW, GtkBox)

GtkWidget   *mg_table_view_new              (const char  *placeholder);
void         mg_table_view_set_table        (MgTableView *self,
                                             MgTable     *table);
MgTable     *mg_table_view_get_table        (MgTableView *self);
GtkColumnView *mg_table_view_get_column_view (MgTableView *self);
void         mg_table_view_export_csv       (MgTableView *self);

G_END_DECLS
