/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-entity-decision.h"
#include "mg-entity.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_ENTITY_PANEL (mg_entity_panel_get_type ())
G_DECLARE_FINAL_TYPE (MgEntityPanel, mg_entity_panel, MG, ENTITY_PANEL, GtkWidget)

void         mg_entity_panel_set_store      (MgEntityPanel *self,
                                             MgStore       *store);
void         mg_entity_panel_set_document   (MgEntityPanel *self,
                                             MgDocument    *document);
void         mg_entity_panel_reload         (MgEntityPanel *self);
GListModel  *mg_entity_panel_get_entities   (MgEntityPanel *self);
GPtrArray   *mg_entity_panel_get_mentions   (MgEntityPanel *self);
gboolean     mg_entity_panel_get_show_in_text (MgEntityPanel *self);
gboolean     mg_entity_panel_get_busy       (MgEntityPanel *self);
MgEntity    *mg_entity_panel_find_entity    (MgEntityPanel *self,
                                             const char    *key);
gboolean     mg_entity_panel_activate_entity (MgEntityPanel *self,
                                             const char    *key,
                                             gboolean       forward);
void         mg_entity_panel_show_document_scope (MgEntityPanel *self);
gboolean     mg_entity_panel_decide         (MgEntityPanel *self,
                                             MgEntityDecision *decision,
                                             const char    *message);

G_END_DECLS
