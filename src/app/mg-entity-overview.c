/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entities of the corpus: documents and mentions of each, and the codes their mentions
 * fall inside; narrowed to one code it answers "who is talked about under Economic
 * integration?". A row opens the entity's mentions in Keyword in Context. */
#include "config.h"

#include "mg-entity-overview.h"

#include <glib/gi18n.h>

#include "mg-analysis-entities.h"
#include "mg-analysis-scope.h"
#include "mg-entity-extractor.h"

struct _MgEntityOverview
{
  GtkBox parent_instance;

  MgStore *store;
  GtkDropDown *codes;
  GtkDropDown *sets;
  MgTableView *table_view;
  MgTable *table;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MgEntityOverview, mg_entity_overview, GTK_TYPE_BOX)

typedef struct
{
  gint64 code_id;
  gint64 set_id;
} Scope;

static gpointer
count_entities (MgStore  *store,
                gpointer  input,
                GError  **error)
{
  Scope *scope = input;
  g_autoptr(GPtrArray) usages = mg_analysis_entities (store, scope->code_id, scope->set_id,
                                                      MG_ENTITY_EXTRACTOR_VERSION, error);

  return usages != NULL ? mg_analysis_entities_table (store, usages, error) : NULL;
}

/* The type in words, as the reader's status line names it; the counting (in core, shared with
 * the command line and the CSV export) keeps the stable code such as "LOC". */
static const char *
type_name (const char *code)
{
  MgEntityType type;

  return mg_entity_type_from_string (code, &type) ? mg_entity_type_get_label (type) : code;
}

static void
name_types (MgTable *table)
{
  for (guint row = 0; row < mg_table_get_n_rows (table); row++)
    {
      g_autofree char *code = g_strdup (mg_table_get_text (table, row, 1));

      mg_table_set_text (table, row, 1, type_name (code));
    }
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MgEntityOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTable) table = mg_analysis_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (table == NULL)
    mg_analysis_report_error (GTK_WIDGET (self), _("Could not count the entities"), error);
  else
    name_types (table);
  g_set_object (&self->table, table);
  mg_table_view_set_table (self->table_view, self->table);
}

/**
 * mg_entity_overview_refresh:
 *
 * Counts the entities again, as the library and the user's decisions are now, on a worker
 * thread (it reads every text the extractor has read).
 */
void
mg_entity_overview_refresh (MgEntityOverview *self)
{
  Scope *scope = g_new0 (Scope, 1);

  g_return_if_fail (MG_IS_ENTITY_OVERVIEW (self));

  scope->code_id = MAX (mg_analysis_dropdown_get_id (self->codes), 0);
  scope->set_id = MAX (mg_analysis_dropdown_get_id (self->sets), 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mg_analysis_compute_async (self->store, count_entities, scope, g_free, g_object_unref,
                             self->cancellable, on_counted, g_object_ref (self));
}

static void
on_row_activated (MgEntityOverview *self,
                  guint             row)
{
  MgTableTarget *target = mg_table_get_target (self->table, row);

  gtk_widget_activate_action (GTK_WIDGET (self), "analysis.show-entity", "(ss)", target->key,
                              mg_table_get_text (self->table, row, 0));
}

static void
mg_entity_overview_dispose (GObject *object)
{
  MgEntityOverview *self = MG_ENTITY_OVERVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mg_entity_overview_parent_class)->dispose (object);
}

static void
mg_entity_overview_class_init (MgEntityOverviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_entity_overview_dispose;
}

static void
mg_entity_overview_init (MgEntityOverview *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

static GtkWidget *
make_toolbar (MgEntityOverview *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *hint = gtk_label_new (_("Activate a row to read its mentions in context"));

  self->codes = mg_analysis_codes_dropdown (self->store, _("Any passage or none"));
  self->sets = mg_analysis_sets_dropdown (self->store);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->codes),
                               _("Count only mentions inside passages of this code"));
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Mentioned inside"),
                                                           GTK_WIDGET (self->codes)));
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Set"), GTK_WIDGET (self->sets)));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_widget_set_halign (hint, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (toolbar), hint);
  g_signal_connect_swapped (self->codes, "notify::selected",
                            G_CALLBACK (mg_entity_overview_refresh), self);
  g_signal_connect_swapped (self->sets, "notify::selected",
                            G_CALLBACK (mg_entity_overview_refresh), self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  return toolbar;
}

/**
 * mg_entity_overview_reload:
 *
 * Lists the library's documents, sets and codes again in the choosers, then counts again.
 */
void
mg_entity_overview_reload (MgEntityOverview *self)
{
  mg_analysis_dropdown_reload (self->codes, self);
  mg_analysis_dropdown_reload (self->sets, self);
  mg_entity_overview_refresh (self);
}

GtkWidget *
mg_entity_overview_new (MgStore *store)
{
  MgEntityOverview *self = g_object_new (MG_TYPE_ENTITY_OVERVIEW, NULL);

  self->store = g_object_ref (store);
  gtk_box_append (GTK_BOX (self), make_toolbar (self));
  self->table_view = MG_TABLE_VIEW (mg_table_view_new (_("No entities here yet: the extractor "
                                                         "reads each document as it is "
                                                         "imported")));
  gtk_widget_set_vexpand (GTK_WIDGET (self->table_view), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->table_view));
  g_signal_connect_swapped (self->table_view, "row-activated", G_CALLBACK (on_row_activated),
                            self);
  return GTK_WIDGET (self);
}

/**
 * mg_entity_overview_set_code:
 * @code_id: count only mentions inside this code's passages, or 0 for all
 */
void
mg_entity_overview_set_code (MgEntityOverview *self,
                             gint64            code_id)
{
  mg_analysis_dropdown_select_id (self->codes, code_id);
}

MgTableView *
mg_entity_overview_get_table_view (MgEntityOverview *self)
{
  return self->table_view;
}
