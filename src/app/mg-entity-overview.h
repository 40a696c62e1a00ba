/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-store.h"
#include "mg-table-view.h"

G_BEGIN_DECLS

#define MG_TYPE_ENTITY_OVERVIEW (mg_entity_overview_get_type ())
G_DECLARE_FINAL_TYPE (MgEntityOverview, mg_entity_overview, MG, ENTITY_OVERVIEW, GtkBox)

GtkWidget   *mg_entity_overview_new         (MgStore          *store);
void         mg_entity_overview_refresh     (MgEntityOverview *self);
void         mg_entity_overview_reload      (MgEntityOverview *self);
void         mg_entity_overview_set_code    (MgEntityOverview *self,
                                             gint64            code_id);
MgTableView *mg_entity_overview_get_table_view (MgEntityOverview *self);

G_END_DECLS
