/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-codes-panel.h"
#include "mg-annotations-panel.h"
#include "mg-entity-panel.h"

G_BEGIN_DECLS

#define MG_TYPE_SIDE_PANEL (mg_side_panel_get_type ())
G_DECLARE_FINAL_TYPE (MgSidePanel, mg_side_panel, MG, SIDE_PANEL, GtkWidget)

const char  *mg_side_panel_get_visible_page (MgSidePanel *self);
void         mg_side_panel_set_visible_page (MgSidePanel *self,
                                             const char  *name);

MgEntityPanel *mg_side_panel_get_entity_panel (MgSidePanel *self);
MgAnnotationsPanel *mg_side_panel_get_annotations_panel (MgSidePanel *self);
MgCodesPanel *mg_side_panel_get_codes_panel (MgSidePanel *self);

G_END_DECLS
