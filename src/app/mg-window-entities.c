/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: the Entities page at work in the window. A click walks the reader to
 * a mention, the underline toggle marks them all, decisions come with an Undo, and a name
 * selected in the reader can be marked as an entity. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-store-entities.h"
#include "mg-window-private.h"

/* Walks the reader to the entity's next (or previous) mention from where the reader is. */
static void
on_entity_activated (MgWindow *self,
                     MgEntity *entity,
                     gboolean  forward)
{
  const MgEntitySpan *spans;
  gint64 start, end;
  guint n_spans;
  int index;

  mg_reader_get_selection (self->reader, &start, &end);
  index = mg_entity_find_span (entity, start, forward);
  if (index < 0)
    return;
  spans = mg_entity_get_spans (entity, &n_spans);
  mg_reader_select_range (self->reader, spans[index].start, spans[index].end);
}

static void
on_corpus_entity_activated (MgWindow *self,
                            MgEntity *entity)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = mg_store_find_document_mentioning (self->store, mg_entity_get_key (entity),
                                                          &error);
  g_autofree char *key = g_strdup (mg_entity_get_key (entity));

  if (document_id < 0)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  if (document_id == 0 || !mg_window_open_document (self, document_id))
    return;
  mg_entity_panel_show_document_scope (mg_side_panel_get_entity_panel (self->side_panel));
  mg_entity_panel_activate_entity (mg_side_panel_get_entity_panel (self->side_panel), key, TRUE);
}

static void
update_entity_marks (MgWindow *self)
{
  MgEntityPanel *panel = mg_side_panel_get_entity_panel (self->side_panel);

  mg_reader_set_entity_marks (self->reader, mg_entity_panel_get_show_in_text (panel)
                                            ? mg_entity_panel_get_mentions (panel) : NULL);
}

static void
on_entity_decision_made (MgWindow   *self,
                         const char *message,
                         gint64      decision_id)
{
  AdwToast *toast = adw_toast_new (message);

  if (decision_id > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-entity-decision");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (decision_id));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_entity_decision_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!mg_store_remove_entity_decision (self->store, g_variant_get_int64 (parameter), &error))
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  mg_entity_panel_reload (mg_side_panel_get_entity_panel (self->side_panel));
}

/* "Mark as Entity": the selected name becomes an entity of the chosen type in every
 * document of the library. */
static void
mark_entity_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  g_autofree char *selected = mg_reader_get_selected_text (self->reader);
  g_autoptr(MgEntityDecision) decision = NULL;
  g_autofree char *message = NULL;
  MgEntityType type;

  if (selected == NULL || !mg_entity_type_from_string (g_variant_get_string (parameter, NULL),
                                                       &type))
    return;
  g_strstrip (selected);
  decision = mg_entity_decision_new (MG_ENTITY_DECISION_ADD, selected, type, 0);
  if (*decision->key == '\0')
    {
      mg_window_show_toast (self, _("Select a name to mark it as an entity"));
      return;
    }
  /* Translators: the name the user marked as an entity. */
  message = g_strdup_printf (_("“%s” is now an entity in every document"), selected);
  mg_entity_panel_decide (mg_side_panel_get_entity_panel (self->side_panel), decision, message);
}

void
mg_window_entities_init (MgWindow *self)
{
  static const GActionEntry actions[] = {
    { "mark-entity", mark_entity_action, "s" },
    { "undo-entity-decision", undo_entity_decision_action, "x" },
  };
  MgEntityPanel *panel = mg_side_panel_get_entity_panel (self->side_panel);
  g_autoptr(GMenu) extra = g_menu_new ();
  g_autoptr(GMenu) types = g_menu_new ();
  static const struct { const char *label; const char *type; } items[] = {
    { N_("_Person"), "PERSON" },
    { N_("_Organisation"), "ORG" },
    { N_("P_lace"), "LOC" },
    { N_("_Date"), "DATE" },
    { N_("_Law or Resolution"), "LAW" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.mark-entity::%s", items[i].type);
      g_menu_append (types, _(items[i].label), detailed);
    }
  /* The reader's context menu: tagging first, it is what a selection is mostly for. */
  g_menu_append (extra, _("_Tag With Code…"), "win.tag-palette");
  g_menu_append (extra, _("Tag With _Last Code"), "win.tag-last");
  g_menu_append_submenu (extra, _("Mark as _Entity"), G_MENU_MODEL (types));
  gtk_text_view_set_extra_menu (mg_reader_get_text_view (self->reader), G_MENU_MODEL (extra));
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);

  g_signal_connect_object (panel, "entity-activated", G_CALLBACK (on_entity_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "corpus-entity-activated",
                           G_CALLBACK (on_corpus_entity_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "mentions-changed", G_CALLBACK (update_entity_marks), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "notify::show-in-text", G_CALLBACK (update_entity_marks), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "decision-made", G_CALLBACK (on_entity_decision_made), self,
                           G_CONNECT_SWAPPED);
}
