/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation.h"
#include "mg-document.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATIONS_PANEL (mg_annotations_panel_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationsPanel, mg_annotations_panel, MG, ANNOTATIONS_PANEL, GtkWidget)

void         mg_annotations_panel_set_store    (MgAnnotationsPanel *self,
                                                MgStore            *store);
void         mg_annotations_panel_set_document (MgAnnotationsPanel *self,
                                                MgDocument         *document);
void         mg_annotations_panel_set_codes    (MgAnnotationsPanel *self,
                                                GListModel         *codes);
void         mg_annotations_panel_reload       (MgAnnotationsPanel *self);
void         mg_annotations_panel_reload_sets  (MgAnnotationsPanel *self);
GListModel  *mg_annotations_panel_get_annotations (MgAnnotationsPanel *self);

G_END_DECLS
