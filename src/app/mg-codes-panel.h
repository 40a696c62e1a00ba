/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-code.h"
#include "mg-history.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_CODES_PANEL (mg_codes_panel_get_type ())
G_DECLARE_FINAL_TYPE (MgCodesPanel, mg_codes_panel, MG, CODES_PANEL, GtkWidget)

void         mg_codes_panel_set_store       (MgCodesPanel *self,
                                             MgStore      *store);
void         mg_codes_panel_set_history     (MgCodesPanel *self,
                                             MgHistory    *history);
void         mg_codes_panel_reload          (MgCodesPanel *self);
GListModel  *mg_codes_panel_get_codes       (MgCodesPanel *self);
MgCode      *mg_codes_panel_get_selected_code (MgCodesPanel *self);
gboolean     mg_codes_panel_select_code     (MgCodesPanel *self,
                                             gint64        code_id);

G_END_DECLS
