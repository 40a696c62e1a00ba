/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-store.h"
#include "mg-table-view.h"

G_BEGIN_DECLS

#define MG_TYPE_KWIC_VIEW (mg_kwic_view_get_type ())
G_DECLARE_FINAL_TYPE (MgKwicView, mg_kwic_view, MG, KWIC_VIEW, GtkBox)

GtkWidget   *mg_kwic_view_new               (MgStore     *store);
void         mg_kwic_view_refresh           (MgKwicView  *self);
void         mg_kwic_view_reload            (MgKwicView *self);
void         mg_kwic_view_show_code         (MgKwicView  *self,
                                             gint64       code_id);
void         mg_kwic_view_show_entity       (MgKwicView  *self,
                                             const char  *key,
                                             const char  *name);
void         mg_kwic_view_show_search       (MgKwicView  *self,
                                             const char  *query);
MgTableView *mg_kwic_view_get_table_view    (MgKwicView  *self);

G_END_DECLS
