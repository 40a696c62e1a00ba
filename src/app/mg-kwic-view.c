/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keyword in context: every occurrence of a code, an entity or a search as one line, the
 * occurrence between its left and right context; the Left context column sorts by the word
 * nearest the occurrence. A line opens its place in the reader. */
#include "config.h"

#include "mg-kwic-view.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-analysis-scope.h"
#include "mg-entity-extractor.h"
#include "mg-kwic.h"

/* The library's search gives at most this many hits to a concordance. */
#define SEARCH_LIMIT 5000

typedef enum {
  SOURCE_CODE,
  SOURCE_ENTITY,
  SOURCE_SEARCH,
} Source;

struct _MgKwicView
{
  GtkBox parent_instance;

  MgStore *store;
  GtkDropDown *source;
  GtkDropDown *codes;
  GtkSearchEntry *search;
  GtkLabel *entity_label;
  GtkStack *chooser;
  GtkSpinButton *context;
  MgTableView *table_view;
  MgTable *table;
  char *entity_key;
  char *entity_name;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MgKwicView, mg_kwic_view, GTK_TYPE_BOX)

/* What to look for, copied for the worker. */
typedef struct
{
  Source source;
  gint64 code_id;
  char *label;            /* the code's path, the entity's name or the query */
  char *entity_key;
  guint context;
} Request;

static void
request_free (Request *request)
{
  g_free (request->label);
  g_free (request->entity_key);
  g_free (request);
}

static gpointer
find_lines (MgStore  *store,
            gpointer  input,
            GError  **error)
{
  Request *request = input;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *title = NULL;

  switch (request->source)
    {
    case SOURCE_ENTITY:
      title = g_strdup_printf (_("Mentions of “%s”"), request->label);
      lines = mg_kwic_for_entity (store, request->entity_key, MG_ENTITY_EXTRACTOR_VERSION,
                                  request->context, error);
      break;
    case SOURCE_SEARCH:
      title = g_strdup_printf (_("Search for “%s”"), request->label);
      lines = mg_kwic_for_search (store, request->label, SEARCH_LIMIT, request->context, error);
      break;
    case SOURCE_CODE:
    default:
      title = g_strdup_printf (_("Passages of “%s”"), request->label);
      lines = mg_kwic_for_code (store, request->code_id, 0, 0, request->context, error);
      break;
    }
  return lines != NULL ? mg_kwic_table (lines, title) : NULL;
}

/* NULL when there is nothing to look for yet (no code, no entity, an empty query). */
static Request *
make_request (MgKwicView *self)
{
  Request *request = g_new0 (Request, 1);
  GtkStringObject *code = gtk_drop_down_get_selected_item (self->codes);

  request->source = gtk_drop_down_get_selected (self->source);
  request->context = gtk_spin_button_get_value_as_int (self->context);
  request->code_id = mg_analysis_dropdown_get_id (self->codes);
  if (request->source == SOURCE_ENTITY)
    {
      request->entity_key = g_strdup (self->entity_key);
      request->label = g_strdup (self->entity_name);
    }
  else if (request->source == SOURCE_SEARCH)
    request->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  else if (code != NULL)
    request->label = g_strdup (gtk_string_object_get_string (code));
  if ((request->source == SOURCE_ENTITY && request->entity_key == NULL)
      || (request->source == SOURCE_SEARCH && request->label[0] == '\0')
      || (request->source == SOURCE_CODE && request->code_id <= 0))
    {
      request_free (request);
      return NULL;
    }
  return request;
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MgKwicView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTable) table = mg_analysis_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (table == NULL)
    mg_analysis_report_error (GTK_WIDGET (self), _("Could not find the occurrences"), error);
  g_set_object (&self->table, table);
  mg_table_view_set_table (self->table_view, self->table);
}

/**
 * mg_kwic_view_refresh:
 *
 * Finds the occurrences again for the source chosen, on a worker thread.
 */
void
mg_kwic_view_refresh (MgKwicView *self)
{
  static const char * const pages[] = { "code", "entity", "search" };
  Request *request;

  g_return_if_fail (MG_IS_KWIC_VIEW (self));

  gtk_stack_set_visible_child_name (self->chooser, pages[gtk_drop_down_get_selected (self->source)]);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  request = make_request (self);
  if (request == NULL)
    {
      g_clear_object (&self->table);
      mg_table_view_set_table (self->table_view, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  mg_analysis_compute_async (self->store, find_lines, request, (GDestroyNotify) request_free,
                             g_object_unref, self->cancellable, on_found, g_object_ref (self));
}

static void
on_row_activated (MgKwicView *self,
                  guint       row)
{
  mg_analysis_open_target (GTK_WIDGET (self), mg_table_get_target (self->table, row));
}

static void
mg_kwic_view_dispose (GObject *object)
{
  MgKwicView *self = MG_KWIC_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table);
  g_clear_object (&self->store);
  g_clear_pointer (&self->entity_key, g_free);
  g_clear_pointer (&self->entity_name, g_free);
  G_OBJECT_CLASS (mg_kwic_view_parent_class)->dispose (object);
}

static void
mg_kwic_view_class_init (MgKwicViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_kwic_view_dispose;
}

static void
mg_kwic_view_init (MgKwicView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

static GtkWidget *
make_chooser (MgKwicView *self)
{
  self->codes = mg_analysis_codes_dropdown (self->store, NULL);
  mg_a11y_label_first_of_type (GTK_WIDGET (self->codes), GTK_TYPE_TOGGLE_BUTTON, _("Code"));
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->search), 260, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the library"), -1);
  self->entity_label = GTK_LABEL (gtk_label_new (_("Activate an entity in the Entities view")));
  gtk_label_set_ellipsize (self->entity_label, PANGO_ELLIPSIZE_END);
  self->chooser = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->chooser, GTK_WIDGET (self->codes), "code");
  gtk_stack_add_named (self->chooser, GTK_WIDGET (self->entity_label), "entity");
  gtk_stack_add_named (self->chooser, GTK_WIDGET (self->search), "search");
  gtk_stack_set_hhomogeneous (self->chooser, FALSE);
  g_signal_connect_swapped (self->codes, "notify::selected", G_CALLBACK (mg_kwic_view_refresh),
                            self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (mg_kwic_view_refresh), self);
  return GTK_WIDGET (self->chooser);
}

static GtkWidget *
make_toolbar (MgKwicView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *sources[] = { N_("Code"), N_("Entity"), N_("Search"), NULL };
  GtkStringList *names = gtk_string_list_new (NULL);

  for (int i = 0; sources[i] != NULL; i++)
    gtk_string_list_append (names, _(sources[i]));
  self->source = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
  self->context = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (5, 300, 5));
  gtk_spin_button_set_value (self->context, MG_KWIC_DEFAULT_CONTEXT);
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Occurrences of"),
                                                           GTK_WIDGET (self->source)));
  gtk_box_append (GTK_BOX (toolbar), make_chooser (self));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (toolbar), TRUE);
  gtk_widget_set_halign (gtk_widget_get_last_child (toolbar), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Context (characters)"),
                                                           GTK_WIDGET (self->context)));
  g_signal_connect_swapped (self->source, "notify::selected", G_CALLBACK (mg_kwic_view_refresh),
                            self);
  g_signal_connect_swapped (self->context, "value-changed", G_CALLBACK (mg_kwic_view_refresh),
                            self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  return toolbar;
}

/**
 * mg_kwic_view_reload:
 *
 * Lists the library's documents, sets and codes again in the choosers, then counts again.
 */
void
mg_kwic_view_reload (MgKwicView *self)
{
  mg_analysis_dropdown_reload (self->codes, self);
  mg_kwic_view_refresh (self);
}

GtkWidget *
mg_kwic_view_new (MgStore *store)
{
  MgKwicView *self = g_object_new (MG_TYPE_KWIC_VIEW, NULL);

  self->store = g_object_ref (store);
  gtk_box_append (GTK_BOX (self), make_toolbar (self));
  self->table_view = MG_TABLE_VIEW (mg_table_view_new (_("Choose a code, an entity or a "
                                                         "search to see every occurrence in "
                                                         "context")));
  gtk_widget_add_css_class (GTK_WIDGET (mg_table_view_get_column_view (self->table_view)),
                            "kwic");
  gtk_widget_set_vexpand (GTK_WIDGET (self->table_view), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->table_view));
  g_signal_connect_swapped (self->table_view, "row-activated", G_CALLBACK (on_row_activated),
                            self);
  return GTK_WIDGET (self);
}

void
mg_kwic_view_show_code (MgKwicView *self,
                        gint64      code_id)
{
  mg_analysis_dropdown_select_id (self->codes, code_id);
  gtk_drop_down_set_selected (self->source, SOURCE_CODE);
  mg_kwic_view_refresh (self);
}

/**
 * mg_kwic_view_show_entity:
 * @key: the entity's key
 * @name: its name, as the view shows it
 */
void
mg_kwic_view_show_entity (MgKwicView *self,
                          const char *key,
                          const char *name)
{
  g_free (self->entity_key);
  self->entity_key = g_strdup (key);
  g_free (self->entity_name);
  self->entity_name = g_strdup (name);
  gtk_label_set_text (self->entity_label, name);
  if (gtk_drop_down_get_selected (self->source) == SOURCE_ENTITY)
    mg_kwic_view_refresh (self);
  else
    gtk_drop_down_set_selected (self->source, SOURCE_ENTITY);
}

void
mg_kwic_view_show_search (MgKwicView *self,
                          const char *query)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), query);
  if (gtk_drop_down_get_selected (self->source) == SOURCE_SEARCH)
    mg_kwic_view_refresh (self);
  else
    gtk_drop_down_set_selected (self->source, SOURCE_SEARCH);
}

MgTableView *
mg_kwic_view_get_table_view (MgKwicView *self)
{
  return self->table_view;
}
