/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-bar-chart.h"
#include "mg-store.h"
#include "mg-table-view.h"

G_BEGIN_DECLS

#define MG_TYPE_FREQUENCY_VIEW (mg_frequency_view_get_type ())
G_DECLARE_FINAL_TYPE (MgFrequencyView, mg_frequency_view, MG, FREQUENCY_VIEW, GtkBox)

GtkWidget   *mg_frequency_view_new          (MgStore         *store);
void         mg_frequency_view_refresh      (MgFrequencyView *self);
void         mg_frequency_view_reload       (MgFrequencyView *self);
void         mg_frequency_view_show_passages (MgFrequencyView *self,
                                             guint            row);
MgBarChart  *mg_frequency_view_get_chart    (MgFrequencyView *self);
MgTableView *mg_frequency_view_get_table_view (MgFrequencyView *self);
MgTableView *mg_frequency_view_get_passages_view (MgFrequencyView *self);

G_END_DECLS
