/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-table.h"

G_BEGIN_DECLS

#define MG_TYPE_BAR_CHART (mg_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (MgBarChart, mg_bar_chart, MG, BAR_CHART, GtkWidget)

GtkWidget   *mg_bar_chart_new               (void);
void         mg_bar_chart_set_table         (MgBarChart  *self,
                                             MgTable     *table,
                                             guint        label_column,
                                             guint        value_column);
void         mg_bar_chart_set_value_column  (MgBarChart  *self,
                                             guint        value_column);
guint        mg_bar_chart_get_focus_row     (MgBarChart  *self);
int          mg_bar_chart_row_at            (MgBarChart  *self,
                                             double       y);
gboolean     mg_bar_chart_save              (MgBarChart  *self,
                                             GFile       *file,
                                             GError     **error);
void         mg_bar_chart_export            (MgBarChart  *self,
                                             const char  *extension);

G_END_DECLS
