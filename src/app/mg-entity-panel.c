/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Entities page: who, which bodies, where, when and which laws the document names, with
 * how often, grouped by type; a click walks the reader through the mentions. Extraction runs
 * off the main thread; the store keeps its result and the user's decisions. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-entity-extractor.h"
#include "mg-entity-panel.h"
#include "mg-store-entities.h"

struct _MgEntityPanel
{
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkSearchEntry *filter_entry;
  GtkToggleButton *show_in_text_button;
  GtkToggleButton *document_scope_button;
  GtkToggleButton *corpus_scope_button;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkListBox *list_box;
  GtkPopoverMenu *context_menu;
  AdwStatusPage *empty_page;

  MgStore *store;
  MgDocument *document;
  MgEntityExtractor *extractor;
  GCancellable *cancellable;

  GListModel *entities;        /* MgEntity, most mentioned first */
  GPtrArray *mentions;         /* MgEntityMention of the document, decisions applied */
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  MgEntity *menu_entity;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (MgEntityPanel, mg_entity_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_IN_TEXT,
  PROP_BUSY,
  N_PROPS
};

enum {
  ENTITY_ACTIVATED,
  CORPUS_ENTITY_ACTIVATED,
  MENTIONS_CHANGED,
  DECISION_MADE,
  TAG_ALL_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
showing_corpus (MgEntityPanel *self)
{
  return gtk_toggle_button_get_active (self->corpus_scope_button);
}

/* Translators: the headings of the entity list, one per type. */
static const char *
type_heading (MgEntityType type)
{
  switch (type)
    {
    case MG_ENTITY_TYPE_PERSON:
      return _("People");
    case MG_ENTITY_TYPE_ORG:
      return _("Organisations");
    case MG_ENTITY_TYPE_LOC:
      return _("Places");
    case MG_ENTITY_TYPE_DATE:
      return _("Dates");
    case MG_ENTITY_TYPE_LAW:
      return _("Laws and Resolutions");
    default:
      return "";
    }
}

static void
set_busy (MgEntityPanel *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
count_text (MgEntityPanel *self,
            MgEntity      *entity)
{
  guint mentions = mg_entity_get_mention_count (entity);
  guint documents = mg_entity_get_document_count (entity);
  g_autofree char *in_documents = NULL;

  if (!showing_corpus (self))
    return g_strdup_printf ("%'u", mentions);
  /* Translators: how many documents of the library mention an entity, kept short for a
   * narrow column. */
  in_documents = g_strdup_printf (ngettext ("%'u doc", "%'u docs", documents), documents);
  /* Translators: an entity's documents ("3 docs"), then its mentions, across the library. */
  return g_strdup_printf (_("%s · %'u"), in_documents, mentions);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgEntityPanel *self = user_data;
  MgEntity *entity = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name = gtk_label_new (mg_entity_get_name (entity));
  g_autofree char *count = count_text (self, entity);
  g_autofree char *dot_class = g_strdup_printf ("entity-%s",
                                                mg_entity_type_to_string (mg_entity_get_entity_type (entity)));
  GtkWidget *count_label = gtk_label_new (count);
  g_autofree char *accessible = NULL;

  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dot, "entity-dot");
  gtk_widget_add_css_class (dot, dot_class);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, mg_entity_get_name (entity));
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "entity-count");
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (entity), g_object_unref);

  /* The type is told in words too, not by the dot's colour alone. */
  /* Translators: an entity's name, its type ("Places") and how often it is mentioned, for
   * screen readers. */
  accessible = g_strdup_printf (ngettext ("%s, %s, %'u mention", "%s, %s, %'u mentions",

                                          mg_entity_get_mention_count (entity)),
                                mg_entity_get_name (entity),
                                type_heading (mg_entity_get_entity_type (entity)),
                                mg_entity_get_mention_count (entity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static MgEntity *
row_entity (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "entity") : NULL;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  MgEntityType type = mg_entity_get_entity_type (row_entity (row));
  GtkWidget *header;

  if (before != NULL && mg_entity_get_entity_type (row_entity (before)) == type)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (type_heading (type));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "entity-header");
  gtk_list_box_row_set_header (row, header);
}

/* Types in a fixed order, then most mentioned (or, for the corpus, in most documents). */
static int
compare_entities (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  MgEntity *x = (MgEntity *) a;
  MgEntity *y = (MgEntity *) b;

  if (mg_entity_get_entity_type (x) != mg_entity_get_entity_type (y))
    return mg_entity_get_entity_type (x) < mg_entity_get_entity_type (y) ? -1 : 1;
  if (mg_entity_get_document_count (x) != mg_entity_get_document_count (y))
    return mg_entity_get_document_count (x) > mg_entity_get_document_count (y) ? -1 : 1;
  if (mg_entity_get_mention_count (x) != mg_entity_get_mention_count (y))
    return mg_entity_get_mention_count (x) > mg_entity_get_mention_count (y) ? -1 : 1;
  return g_utf8_collate (mg_entity_get_name (x), mg_entity_get_name (y));
}

static gboolean
filter_entity (gpointer item,
               gpointer user_data)
{
  MgEntityPanel *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_query = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  folded_name = g_utf8_casefold (mg_entity_get_name (item), -1);
  folded_query = g_utf8_casefold (query, -1);
  return strstr (folded_name, folded_query) != NULL;
}

static void
show_entities (MgEntityPanel *self,
               GListModel    *entities)
{
  gboolean empty;

  g_set_object (&self->entities, entities);
  gtk_sort_list_model_set_model (self->sorted, entities);
  empty = entities == NULL || g_list_model_get_n_items (entities) == 0;
  adw_status_page_set_title (self->empty_page, self->document || showing_corpus (self)
                                               ? _("No Entities Found")
                                               : _("No Document Open"));
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
set_mentions (MgEntityPanel *self,
              GPtrArray     *mentions)
{
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  self->mentions = mentions ? g_ptr_array_ref (mentions) : NULL;
  g_signal_emit (self, signals[MENTIONS_CHANGED], 0);
}

/* Reads the document's entities from the store, the user's decisions applied; %FALSE when
 * the extractor has not read this document yet. */
static gboolean
load_document_entities (MgEntityPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GListModel) entities = NULL;

  mentions = mg_store_get_document_entities (self->store, mg_document_get_id (self->document),
                                             mg_document_get_text (self->document),
                                             MG_ENTITY_EXTRACTOR_VERSION, &error);
  if (error != NULL)
    g_warning ("Could not read the entities: %s", error->message);
  if (mentions == NULL)
    return FALSE;
  entities = mg_entity_group_mentions (mentions);
  set_mentions (self, mentions);
  show_entities (self, entities);
  return TRUE;
}

typedef struct
{
  MgEntityExtractor *extractor;
  char *text;
  char *library_path;
  gint64 document_id;
} ExtractData;

static void
extract_data_free (ExtractData *data)
{
  g_clear_object (&data->extractor);
  g_free (data->text);
  g_free (data->library_path);
  g_free (data);
}

static void
extract_document_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ExtractData *data = task_data;
  GPtrArray *mentions = mg_entity_extractor_extract (data->extractor, data->text, -1,
                                                     cancellable);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&mentions, g_ptr_array_unref);
      return;
    }
  g_task_return_pointer (task, mentions, (GDestroyNotify) g_ptr_array_unref);
}

static void
extract_document_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (source);
  ExtractData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = g_task_propagate_pointer (G_TASK (result), &error);

  if (mentions == NULL)
    return;
  set_busy (self, FALSE);
  /* Written on the main thread, in one transaction, whatever is shown now. */
  if (!mg_store_save_entity_mentions (self->store, data->document_id,
                                      MG_ENTITY_EXTRACTOR_VERSION, mentions, &error))
    g_warning ("Could not keep the entities: %s", error->message);
  if (self->document != NULL && mg_document_get_id (self->document) == data->document_id
      && !showing_corpus (self) && !load_document_entities (self))
    {
      g_autoptr(GListModel) entities = mg_entity_group_mentions (mentions);
      set_mentions (self, mentions);
      show_entities (self, entities);
    }
}

static gboolean
ensure_extractor (MgEntityPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->extractor != NULL)
    return TRUE;
  self->extractor = mg_entity_extractor_new (&error);
  if (self->extractor == NULL)
    {
      g_warning ("Could not load the entity gazetteers: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
restart_work (MgEntityPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);
}

/* Runs @thread_func with @data (the extractor added) off the main thread, the list showing
 * that it is busy until @done. */
static void
run_extraction (MgEntityPanel       *self,
                ExtractData         *data,
                GTaskThreadFunc      thread_func,
                GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = NULL;

  if (!ensure_extractor (self))
    {
      extract_data_free (data);
      return;
    }
  data->extractor = g_object_ref (self->extractor);
  task = g_task_new (self, self->cancellable, done, NULL);
  g_task_set_source_tag (task, run_extraction);
  g_task_set_task_data (task, data, (GDestroyNotify) extract_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, thread_func);
}

static void
extract_document (MgEntityPanel *self)
{
  ExtractData *data = g_new0 (ExtractData, 1);

  data->text = g_strdup (mg_document_get_text (self->document));
  data->document_id = mg_document_get_id (self->document);
  run_extraction (self, data, extract_document_thread, extract_document_done);
}

/* The corpus view needs every document read by the extractor, then counted with the user's
 * decisions: reading every text is work for the worker, on a connection of its own, so the
 * window's stays free for the user. */
static void
extract_corpus_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ExtractData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (data->library_path, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListModel) entities = NULL;

  if (store != NULL)
    ids = mg_store_list_unextracted_documents (store, MG_ENTITY_EXTRACTOR_VERSION, &error);
  for (guint i = 0; ids != NULL && i < ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(MgDocument) document = mg_store_get_document (store,
                                                              g_array_index (ids, gint64, i),
                                                              NULL);
      g_autoptr(GPtrArray) mentions = NULL;

      if (document == NULL)
        continue;
      mentions = mg_entity_extractor_extract (data->extractor, mg_document_get_text (document),
                                              -1, cancellable);
      if (mentions != NULL
          && !mg_store_save_entity_mentions (store, mg_document_get_id (document),
                                             MG_ENTITY_EXTRACTOR_VERSION, mentions, &error))
        break;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (error == NULL)
    entities = mg_store_list_corpus_entities (store, MG_ENTITY_EXTRACTOR_VERSION, &error);
  if (entities == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&entities), g_object_unref);
}

static void
extract_corpus_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entities = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entities == NULL)
    g_warning ("Could not count the corpus's entities: %s", error->message);
  set_busy (self, FALSE);
  if (showing_corpus (self))
    show_entities (self, entities);
}

static void
extract_corpus (MgEntityPanel *self)
{
  ExtractData *data = g_new0 (ExtractData, 1);

  data->library_path = g_strdup (mg_store_get_path (self->store));
  run_extraction (self, data, extract_corpus_thread, extract_corpus_done);
}

/**
 * mg_entity_panel_reload:
 *
 * Shows the entities again, after a decision or when the scope changes; reads the document
 * (or the corpus) in the background where the extractor has not read it yet.
 */
void
mg_entity_panel_reload (MgEntityPanel *self)
{
  g_return_if_fail (MG_IS_ENTITY_PANEL (self));

  restart_work (self);
  if (self->store == NULL)
    return;
  if (showing_corpus (self))
    {
      extract_corpus (self);
      return;
    }
  if (self->document == NULL)
    {
      set_mentions (self, NULL);
      show_entities (self, NULL);
      return;
    }
  if (!load_document_entities (self))
    extract_document (self);
}

/* Both buttons of the group report a change; act on the one that became active, when the
 * group's state is settled. */
static void
on_scope_toggled (MgEntityPanel   *self,
                  GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    mg_entity_panel_reload (self);
}

static void
on_filter_changed (MgEntityPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_show_in_text_toggled (MgEntityPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_IN_TEXT]);
}

static void
on_row_activated (MgEntityPanel *self,
                  GtkListBoxRow *row)
{
  MgEntity *entity = row_entity (row);

  if (showing_corpus (self))
    g_signal_emit (self, signals[CORPUS_ENTITY_ACTIVATED], 0, entity);
  else
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, entity, TRUE);
}

/* Shift+Enter walks backwards; Enter (the row's activation) forwards. */
static gboolean
on_key_pressed (MgEntityPanel         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  gboolean enter = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter;

  if (enter && (state & GDK_SHIFT_MASK) && row != NULL && !showing_corpus (self))
    {
      g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, row_entity (row), FALSE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
popup_menu_at (MgEntityPanel *self,
               GtkListBoxRow *row)
{
  graphene_point_t point;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (row == NULL || showing_corpus (self))
    return;
  g_set_object (&self->menu_entity, row_entity (row));
  gtk_list_box_select_row (self->list_box, row);
  if (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (24, gtk_widget_get_height (GTK_WIDGET (row))),
                                &point))
    {
      rect.x = (int) point.x;
      rect.y = (int) point.y;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                MgEntityPanel   *self)
{
  popup_menu_at (self, gtk_list_box_get_row_at_y (self->list_box, (int) y));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (widget);

  popup_menu_at (self, gtk_list_box_get_selected_row (self->list_box));
}

/**
 * mg_entity_panel_decide:
 * @decision: the user's decision (the panel stores it and sets its id)
 * @message: what to tell the user, with an Undo
 *
 * Returns: %TRUE when the decision was stored and the list shows it
 */
gboolean
mg_entity_panel_decide (MgEntityPanel    *self,
                        MgEntityDecision *decision,
                        const char       *message)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), FALSE);

  if (!mg_store_add_entity_decision (self->store, decision, &error))
    {
      g_signal_emit (self, signals[DECISION_MADE], 0, error->message, (gint64) 0);
      return FALSE;
    }
  mg_entity_panel_reload (self);
  g_signal_emit (self, signals[DECISION_MADE], 0, message, decision->id);
  return TRUE;
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (widget);
  gboolean everywhere = g_str_equal (action_name, "entity.reject-library");
  g_autoptr(MgEntityDecision) decision = NULL;
  g_autofree char *message = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->context_menu)))
    g_set_object (&self->menu_entity, row_entity (gtk_list_box_get_selected_row (self->list_box)));
  if (self->menu_entity == NULL || self->document == NULL || showing_corpus (self))
    return;
  decision = mg_entity_decision_new (MG_ENTITY_DECISION_REJECT,
                                     mg_entity_get_name (self->menu_entity),
                                     mg_entity_get_entity_type (self->menu_entity),
                                     everywhere ? 0 : mg_document_get_id (self->document));
  /* The entity's own key, so short forms linked to it go with it. */
  g_free (decision->key);
  decision->key = g_strdup (mg_entity_get_key (self->menu_entity));
  message = g_strdup_printf (everywhere ? _("“%s” is no longer an entity anywhere")
                                        : _("“%s” is no longer an entity in this document"),
                             mg_entity_get_name (self->menu_entity));
  mg_entity_panel_decide (self, decision, message);
}

static void
retype_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (widget);
  g_autoptr(MgEntityDecision) decision = NULL;
  g_autofree char *message = NULL;
  MgEntityType type;

  if (self->menu_entity == NULL
      || !mg_entity_type_from_string (g_variant_get_string (parameter, NULL), &type))
    return;
  decision = mg_entity_decision_new (MG_ENTITY_DECISION_RETYPE,
                                     mg_entity_get_name (self->menu_entity), type, 0);
  g_free (decision->key);
  decision->key = g_strdup (mg_entity_get_key (self->menu_entity));
  /* Translators: an entity's name, then its new type ("Places"). */
  message = g_strdup_printf (_("“%s” is now listed under %s"),
                             mg_entity_get_name (self->menu_entity), type_heading (type));
  mg_entity_panel_decide (self, decision, message);
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   MgEntityPanel    *self)
{
  GtkDropDown *choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  MgEntity *source = g_object_get_data (G_OBJECT (dialog), "source");
  MgEntity *target = gtk_drop_down_get_selected_item (choice);
  g_autoptr(MgEntityDecision) decision = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "merge") || target == NULL || source == NULL)
    return;
  decision = mg_entity_decision_new (MG_ENTITY_DECISION_ALIAS, mg_entity_get_name (source),
                                     mg_entity_get_entity_type (target), 0);
  g_free (decision->key);
  decision->key = g_strdup (mg_entity_get_key (source));
  decision->alias_of = g_strdup (mg_entity_get_key (target));
  /* Translators: two entities' names: the first now counts as the second. */
  message = g_strdup_printf (_("“%s” now counts as “%s”"), mg_entity_get_name (source),
                             mg_entity_get_name (target));
  mg_entity_panel_decide (self, decision, message);
}

static gboolean
is_other_entity (gpointer item,
                 gpointer user_data)
{
  return item != user_data;
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (widget);
  g_autofree char *heading = NULL;
  GtkFilterListModel *others;
  GtkWidget *choice;
  GtkWidget *dialog;

  if (self->menu_entity == NULL || self->entities == NULL)
    return;
  heading = g_strdup_printf (_("Merge “%s” With…"), mg_entity_get_name (self->menu_entity));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Its mentions will count as mentions of the entity you "
                                     "choose, in every document."));
  others = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                      GTK_FILTER (gtk_custom_filter_new (is_other_entity,
                                                                         self->menu_entity,
                                                                         NULL)));
  choice = gtk_drop_down_new (G_LIST_MODEL (others),
                              gtk_property_expression_new (MG_TYPE_ENTITY, NULL, "name"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (choice), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), choice);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "source", g_object_ref (self->menu_entity),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tag_all_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (widget);

  if (self->menu_entity != NULL && !showing_corpus (self))
    g_signal_emit (self, signals[TAG_ALL_REQUESTED], 0, self->menu_entity);
}

static void
mg_entity_panel_dispose (GObject *object)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_ENTITY_PANEL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->extractor);
  g_clear_object (&self->entities);
  g_clear_object (&self->sorted);
  g_clear_object (&self->menu_entity);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);

  G_OBJECT_CLASS (mg_entity_panel_parent_class)->dispose (object);
}

static void
mg_entity_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MgEntityPanel *self = MG_ENTITY_PANEL (object);

  switch (prop_id)
    {
    case PROP_SHOW_IN_TEXT:
      g_value_set_boolean (value, mg_entity_panel_get_show_in_text (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_signals (GObjectClass *klass)
{
  /**
   * MgEntityPanel::entity-activated:
   * @entity: the entity chosen in this document
   * @forward: %TRUE for its next mention, %FALSE for the one before
   */
  signals[ENTITY_ACTIVATED] =
    g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, MG_TYPE_ENTITY, G_TYPE_BOOLEAN);
  /**
   * MgEntityPanel::corpus-entity-activated:
   * @entity: the entity chosen in the corpus view
   */
  signals[CORPUS_ENTITY_ACTIVATED] =
    g_signal_new ("corpus-entity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_ENTITY);
  /**
   * MgEntityPanel::mentions-changed:
   *
   * The document's mentions changed (read, or a decision applied).
   */
  signals[MENTIONS_CHANGED] =
    g_signal_new ("mentions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MgEntityPanel::decision-made:
   * @message: what to tell the user
   * @decision_id: the stored decision, to take back with Undo; 0 when it failed
   */
  /**
   * MgEntityPanel::tag-all-requested:
   * @entity: the entity whose every mention should be tagged with a code
   */
  signals[TAG_ALL_REQUESTED] =
    g_signal_new ("tag-all-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_ENTITY);
  signals[DECISION_MADE] =
    g_signal_new ("decision-made", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
mg_entity_panel_class_init (MgEntityPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_entity_panel_dispose;
  object_class->get_property = mg_entity_panel_get_property;

  properties[PROP_SHOW_IN_TEXT] =
    g_param_spec_boolean ("show-in-text", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  install_signals (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-entity-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, content);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, show_in_text_button);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, document_scope_button);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, corpus_scope_button);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, context_menu);
  gtk_widget_class_bind_template_child (widget_class, MgEntityPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_show_in_text_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "entity.reject-document", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "entity.reject-library", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "entity.retype", "s", retype_action);
  gtk_widget_class_install_action (widget_class, "entity.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "entity.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "entity.tag-all", NULL, tag_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "entity.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "entity.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "entity.reject-document", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "entitypanel");
}

static void
setup_list (MgEntityPanel *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *right_click = gtk_gesture_click_new ();

  self->filter = gtk_custom_filter_new (filter_entity, self, NULL);
  self->sorted = gtk_sort_list_model_new (NULL,
                                          GTK_SORTER (gtk_custom_sorter_new (compare_entities,
                                                                             NULL, NULL)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  g_object_unref (self->filtered);
  g_object_unref (self->filter);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), keys);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (right_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (right_click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (right_click));
}

static void
mg_entity_panel_init (MgEntityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
  setup_list (self);
  show_entities (self, NULL);
}

void
mg_entity_panel_set_store (MgEntityPanel *self,
                           MgStore       *store)
{
  g_return_if_fail (MG_IS_ENTITY_PANEL (self));

  if (g_set_object (&self->store, store))
    mg_entity_panel_reload (self);
}

/**
 * mg_entity_panel_set_document:
 * @document: (nullable): the document shown in the reader, with its text
 */
void
mg_entity_panel_set_document (MgEntityPanel *self,
                              MgDocument    *document)
{
  g_return_if_fail (MG_IS_ENTITY_PANEL (self));

  if (!g_set_object (&self->document, document))
    return;
  if (!showing_corpus (self))
    mg_entity_panel_reload (self);
}

/**
 * mg_entity_panel_get_entities:
 *
 * Returns: (transfer none) (nullable): the entities listed, before the filter
 */
GListModel *
mg_entity_panel_get_entities (MgEntityPanel *self)
{
  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), NULL);
  return self->entities;
}

/**
 * mg_entity_panel_get_mentions:
 *
 * Returns: (transfer none) (nullable) (element-type MgEntityMention): the document's mentions,
 *   the user's decisions applied
 */
GPtrArray *
mg_entity_panel_get_mentions (MgEntityPanel *self)
{
  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), NULL);
  return self->mentions;
}

gboolean
mg_entity_panel_get_show_in_text (MgEntityPanel *self)
{
  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), FALSE);
  return gtk_toggle_button_get_active (self->show_in_text_button);
}

gboolean
mg_entity_panel_get_busy (MgEntityPanel *self)
{
  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), FALSE);
  return self->busy;
}

/**
 * mg_entity_panel_find_entity:
 *
 * Returns: (transfer none) (nullable): the listed entity with this key
 */
MgEntity *
mg_entity_panel_find_entity (MgEntityPanel *self,
                             const char    *key)
{
  guint n;

  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), NULL);

  n = self->entities ? g_list_model_get_n_items (self->entities) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgEntity) entity = g_list_model_get_item (self->entities, i);

      if (g_strcmp0 (mg_entity_get_key (entity), key) == 0)
        return entity;
    }
  return NULL;
}

/**
 * mg_entity_panel_activate_entity:
 *
 * Selects the entity's row and walks the reader to its next (or previous) mention, as a
 * click or Enter (Shift+Enter) on the row does.
 *
 * Returns: %TRUE when the entity is listed
 */
gboolean
mg_entity_panel_activate_entity (MgEntityPanel *self,
                                 const char    *key,
                                 gboolean       forward)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MG_IS_ENTITY_PANEL (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (g_strcmp0 (mg_entity_get_key (row_entity (row)), key) == 0)
      {
        gtk_list_box_select_row (self->list_box, row);
        if (forward)
          g_signal_emit_by_name (self->list_box, "row-activated", row);
        else
          g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, row_entity (row), FALSE);
        return TRUE;
      }
  return FALSE;
}

/**
 * mg_entity_panel_show_document_scope:
 *
 * Lists the entities of the document again, instead of the corpus's.
 */
void
mg_entity_panel_show_document_scope (MgEntityPanel *self)
{
  g_return_if_fail (MG_IS_ENTITY_PANEL (self));
  gtk_toggle_button_set_active (self->document_scope_button, TRUE);
}
