/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Code frequencies: a bar chart and a sortable table of passages, characters and documents
 * per code, over the corpus or one document, one set or all; a bar or a row lists its
 * code's passages below, and a passage opens in the reader. */
#include "config.h"

#include "mg-frequency-view.h"

#include <glib/gi18n.h>

#include "mg-analysis-frequencies.h"
#include "mg-analysis-scope.h"
#include "mg-kwic.h"

struct _MgFrequencyView
{
  GtkBox parent_instance;

  MgStore *store;
  GtkDropDown *documents;
  GtkDropDown *sets;
  GtkDropDown *measure;
  MgBarChart *chart;
  MgTableView *table_view;
  MgTableView *passages;
  MgTable *table;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MgFrequencyView, mg_frequency_view, GTK_TYPE_BOX)

typedef struct
{
  gint64 document_id;
  gint64 set_id;
} Scope;

static gpointer
count_frequencies (MgStore  *store,
                   gpointer  input,
                   GError  **error)
{
  Scope *scope = input;
  g_autoptr(GPtrArray) frequencies = mg_analysis_code_frequencies (store, scope->document_id,
                                                                   scope->set_id, error);

  return frequencies != NULL ? mg_analysis_frequencies_table (frequencies) : NULL;
}

static void
show_frequencies (MgFrequencyView *self,
                  MgTable         *table)
{
  g_set_object (&self->table, table);
  mg_bar_chart_set_table (self->chart, self->table, 0,
                          gtk_drop_down_get_selected (self->measure) + 1);
  mg_table_view_set_table (self->table_view, self->table);
  mg_table_view_set_table (self->passages, NULL);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MgFrequencyView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgTable) table = mg_analysis_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (table == NULL)
    mg_analysis_report_error (GTK_WIDGET (self), _("Could not count the codes"), error);
  show_frequencies (self, table);
}

/**
 * mg_frequency_view_refresh:
 *
 * Counts again with the scope chosen, as the library is now, on a worker thread; the chart
 * and table change when the count is done.
 */
void
mg_frequency_view_refresh (MgFrequencyView *self)
{
  Scope *scope = g_new0 (Scope, 1);

  g_return_if_fail (MG_IS_FREQUENCY_VIEW (self));

  scope->document_id = MAX (mg_analysis_dropdown_get_id (self->documents), 0);
  scope->set_id = MAX (mg_analysis_dropdown_get_id (self->sets), 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mg_analysis_compute_async (self->store, count_frequencies, scope, g_free, g_object_unref,
                             self->cancellable, on_counted, g_object_ref (self));
}

/**
 * mg_frequency_view_show_passages:
 * @row: a row of the frequency table
 *
 * Lists the passages of the row's code, in the scope chosen, in context.
 */
void
mg_frequency_view_show_passages (MgFrequencyView *self,
                                 guint            row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autofree char *title = NULL;

  if (self->table == NULL || row >= mg_table_get_n_rows (self->table))
    return;
  lines = mg_kwic_for_code (self->store, mg_table_get_target (self->table, row)->code_id,
                            MAX (mg_analysis_dropdown_get_id (self->documents), 0),
                            MAX (mg_analysis_dropdown_get_id (self->sets), 0),
                            MG_KWIC_DEFAULT_CONTEXT, &error);
  if (lines == NULL)
    {
      mg_analysis_report_error (GTK_WIDGET (self), _("Could not list the passages"), error);
      return;
    }
  title = g_strdup_printf (_("Passages of “%s”"), mg_table_get_text (self->table, row, 0));
  table = mg_kwic_table (lines, title);
  mg_table_view_set_table (self->passages, table);
}

static void
on_passage_activated (MgFrequencyView *self,
                      guint            row)
{
  MgTable *table = mg_table_view_get_table (self->passages);

  mg_analysis_open_target (GTK_WIDGET (self), mg_table_get_target (table, row));
}

static void
on_measure_changed (MgFrequencyView *self)
{
  mg_bar_chart_set_value_column (self->chart, gtk_drop_down_get_selected (self->measure) + 1);
}

static void
export_png (MgFrequencyView *self)
{
  mg_bar_chart_export (self->chart, "png");
}

static void
export_svg (MgFrequencyView *self)
{
  mg_bar_chart_export (self->chart, "svg");
}

static void
mg_frequency_view_dispose (GObject *object)
{
  MgFrequencyView *self = MG_FREQUENCY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mg_frequency_view_parent_class)->dispose (object);
}

static void
mg_frequency_view_class_init (MgFrequencyViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_frequency_view_dispose;
}

static void
mg_frequency_view_init (MgFrequencyView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

static GtkWidget *
make_toolbar (MgFrequencyView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *measures[] = { N_("Passages"), N_("Characters"), N_("Documents"), NULL };
  GtkStringList *names = gtk_string_list_new (NULL);

  for (int i = 0; measures[i] != NULL; i++)
    gtk_string_list_append (names, _(measures[i]));
  self->documents = mg_analysis_documents_dropdown (self->store);
  self->sets = mg_analysis_sets_dropdown (self->store);
  self->measure = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Document"), GTK_WIDGET (self->documents)));
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Set"), GTK_WIDGET (self->sets)));
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Bars show"), GTK_WIDGET (self->measure)));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (toolbar), TRUE);
  gtk_widget_set_halign (gtk_widget_get_last_child (toolbar), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (toolbar),
                  mg_analysis_button (_("Save _PNG…"), _("Save the chart as a PNG image"),
                                      G_CALLBACK (export_png), self));
  gtk_box_append (GTK_BOX (toolbar),
                  mg_analysis_button (_("Save _SVG…"), _("Save the chart as an SVG drawing"),
                                      G_CALLBACK (export_svg), self));
  g_signal_connect_swapped (self->documents, "notify::selected",
                            G_CALLBACK (mg_frequency_view_refresh), self);
  g_signal_connect_swapped (self->sets, "notify::selected",
                            G_CALLBACK (mg_frequency_view_refresh), self);
  g_signal_connect_swapped (self->measure, "notify::selected", G_CALLBACK (on_measure_changed),
                            self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  return toolbar;
}

static GtkWidget *
make_content (MgFrequencyView *self)
{
  GtkWidget *top = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *outer = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->chart = MG_BAR_CHART (mg_bar_chart_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->chart));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->table_view = MG_TABLE_VIEW (mg_table_view_new (_("The codebook is empty")));
  self->passages = MG_TABLE_VIEW (mg_table_view_new (_("Click a bar or a row to list its "
                                                       "passages here")));
  gtk_paned_set_start_child (GTK_PANED (top), scrolled);
  gtk_paned_set_end_child (GTK_PANED (top), GTK_WIDGET (self->table_view));
  gtk_paned_set_position (GTK_PANED (top), 620);
  gtk_paned_set_start_child (GTK_PANED (outer), top);
  gtk_paned_set_end_child (GTK_PANED (outer), GTK_WIDGET (self->passages));
  gtk_paned_set_position (GTK_PANED (outer), 360);
  gtk_widget_set_vexpand (outer, TRUE);
  g_signal_connect_swapped (self->chart, "bar-activated",
                            G_CALLBACK (mg_frequency_view_show_passages), self);
  g_signal_connect_swapped (self->table_view, "row-activated",
                            G_CALLBACK (mg_frequency_view_show_passages), self);
  g_signal_connect_swapped (self->passages, "row-activated", G_CALLBACK (on_passage_activated),
                            self);
  return outer;
}

/**
 * mg_frequency_view_reload:
 *
 * Lists the library's documents, sets and codes again in the choosers, then counts again.
 */
void
mg_frequency_view_reload (MgFrequencyView *self)
{
  mg_analysis_dropdown_reload (self->documents, self);
  mg_analysis_dropdown_reload (self->sets, self);
  mg_frequency_view_refresh (self);
}

GtkWidget *
mg_frequency_view_new (MgStore *store)
{
  MgFrequencyView *self = g_object_new (MG_TYPE_FREQUENCY_VIEW, NULL);

  self->store = g_object_ref (store);
  gtk_box_append (GTK_BOX (self), make_toolbar (self));
  gtk_box_append (GTK_BOX (self), make_content (self));
  return GTK_WIDGET (self);
}

MgBarChart *
mg_frequency_view_get_chart (MgFrequencyView *self)
{
  return self->chart;
}

MgTableView *
mg_frequency_view_get_table_view (MgFrequencyView *self)
{
  return self->table_view;
}

MgTableView *
mg_frequency_view_get_passages_view (MgFrequencyView *self)
{
  return self->passages;
}
