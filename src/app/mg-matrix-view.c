/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two matrices of the codebook: passages per code and document, and code co-occurrence
 * (passages that overlap or lie within N characters), each as a heat map and a table; a
 * cell lists the passages behind it, and a passage opens in the reader. */
#include "config.h"

#include "mg-matrix-view.h"

#include <glib/gi18n.h>

#include "mg-analysis-matrix.h"
#include "mg-analysis-scope.h"
#include "mg-kwic.h"

#define DEFAULT_WINDOW 100

struct _MgMatrixView
{
  GtkBox parent_instance;

  MgStore *store;
  GtkDropDown *kind;
  GtkSpinButton *window;
  GtkWidget *window_box;
  GtkDropDown *sets;
  GtkStack *stack;
  MgHeatMap *heat_map;
  MgTableView *table_view;
  MgTableView *passages;
  MgTable *table;
  MgMatrixKind shown_kind;
  gint64 shown_window;
  gint64 shown_set;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MgMatrixView, mg_matrix_view, GTK_TYPE_BOX)

static const char *
kind_title (MgMatrixKind kind)
{
  return kind == MG_MATRIX_KIND_DOCUMENTS ? _("Passages by code and document")
                                          : _("Code co-occurrence");
}

typedef struct
{
  MgMatrixKind kind;
  gint64 set_id;
  gint64 window;
} Request;

typedef struct
{
  Request request;
  MgAnalysisMatrix *matrix;
  MgTable *table;
} Counted;

static void
counted_free (Counted *counted)
{
  g_clear_pointer (&counted->matrix, mg_analysis_matrix_free);
  g_clear_object (&counted->table);
  g_free (counted);
}

static gpointer
count_matrix (MgStore  *store,
              gpointer  input,
              GError  **error)
{
  Request *request = input;
  Counted *counted;
  MgAnalysisMatrix *matrix = request->kind == MG_MATRIX_KIND_DOCUMENTS
    ? mg_analysis_code_document_matrix (store, request->set_id, error)
    : mg_analysis_cooccurrence_matrix (store, request->set_id, request->window, error);

  if (matrix == NULL)
    return NULL;
  counted = g_new0 (Counted, 1);
  counted->request = *request;
  counted->matrix = matrix;
  /* A thousand documents read better as rows than as columns. */
  counted->table = mg_analysis_matrix_table (matrix, kind_title (request->kind),
                                             request->kind == MG_MATRIX_KIND_DOCUMENTS
                                             ? _("Document") : _("Code"),
                                             request->kind == MG_MATRIX_KIND_DOCUMENTS);
  return counted;
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MgMatrixView) self = user_data;
  g_autoptr(GError) error = NULL;
  Counted *counted = mg_analysis_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->table);
  if (counted == NULL)
    {
      mg_analysis_report_error (GTK_WIDGET (self), _("Could not count the matrix"), error);
      mg_heat_map_set_matrix (self->heat_map, NULL, NULL);
    }
  else
    {
      self->table = g_steal_pointer (&counted->table);
      self->shown_kind = counted->request.kind;
      self->shown_window = counted->request.window;
      self->shown_set = counted->request.set_id;
      mg_heat_map_set_matrix (self->heat_map, g_steal_pointer (&counted->matrix),
                              kind_title (self->shown_kind));
      counted_free (counted);
    }
  mg_table_view_set_table (self->table_view, self->table);
  mg_table_view_set_table (self->passages, NULL);
}

/**
 * mg_matrix_view_refresh:
 *
 * Counts the chosen matrix again, as the library is now, on a worker thread.
 */
void
mg_matrix_view_refresh (MgMatrixView *self)
{
  Request *request = g_new0 (Request, 1);

  g_return_if_fail (MG_IS_MATRIX_VIEW (self));

  request->kind = gtk_drop_down_get_selected (self->kind);
  request->set_id = MAX (mg_analysis_dropdown_get_id (self->sets), 0);
  request->window = gtk_spin_button_get_value_as_int (self->window);
  gtk_widget_set_sensitive (self->window_box, request->kind == MG_MATRIX_KIND_COOCCURRENCE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mg_analysis_compute_async (self->store, count_matrix, request, g_free,
                             (GDestroyNotify) counted_free, self->cancellable, on_counted,
                             g_object_ref (self));
}

static GArray *
pair_ranges (GArray *pairs)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (MgKwicRange));

  for (guint i = 0; i < pairs->len; i++)
    {
      MgPassagePair *pair = &g_array_index (pairs, MgPassagePair, i);
      MgKwicRange range = { pair->document_id, pair->start, pair->end, 0 };
      g_array_append_val (ranges, range);
    }
  return ranges;
}

static GPtrArray *
cell_lines (MgMatrixView *self,
            gint64        row_id,
            gint64        column_id,
            GError      **error)
{
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) ranges = NULL;

  if (self->shown_kind == MG_MATRIX_KIND_DOCUMENTS)
    return mg_kwic_for_code (self->store, row_id, column_id, self->shown_set,
                             MG_KWIC_DEFAULT_CONTEXT, error);
  /* Each pair shows as one line: from the first passage's start to the later end. */
  pairs = mg_analysis_cooccurring_pairs (self->store, self->shown_set, self->shown_window,
                                         row_id, column_id, error);
  if (pairs == NULL)
    return NULL;
  ranges = pair_ranges (pairs);
  return mg_kwic_lines (self->store, ranges, MG_KWIC_DEFAULT_CONTEXT, error);
}

/**
 * mg_matrix_view_show_cell:
 *
 * Lists the passages behind one cell of the matrix shown.
 */
void
mg_matrix_view_show_cell (MgMatrixView *self,
                          guint         row,
                          guint         column)
{
  MgAnalysisMatrix *matrix = mg_heat_map_get_matrix (self->heat_map);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autofree char *title = NULL;
  MgMatrixAxis *row_axis, *column_axis;

  if (matrix == NULL || row >= matrix->rows->len || column >= matrix->columns->len)
    return;
  row_axis = g_ptr_array_index (matrix->rows, row);
  column_axis = g_ptr_array_index (matrix->columns, column);
  lines = cell_lines (self, row_axis->id, column_axis->id, &error);
  if (lines == NULL)
    {
      mg_analysis_report_error (GTK_WIDGET (self), _("Could not list the passages"), error);
      return;
    }
  title = g_strdup_printf ("%s × %s", row_axis->label, column_axis->label);
  table = mg_kwic_table (lines, title);
  mg_table_view_set_table (self->passages, table);
}

static void
on_row_activated (MgMatrixView *self,
                  guint         row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autofree char *title = NULL;

  /* A row of the co-occurrence table stands for its code: all its passages in the set. A
   * document's row has no one code to list. */
  if (mg_table_get_target (self->table, row)->code_id == 0)
    return;
  lines = mg_kwic_for_code (self->store, mg_table_get_target (self->table, row)->code_id, 0,
                            self->shown_set, MG_KWIC_DEFAULT_CONTEXT, &error);
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
on_passage_activated (MgMatrixView *self,
                      guint         row)
{
  MgTable *table = mg_table_view_get_table (self->passages);

  mg_analysis_open_target (GTK_WIDGET (self), mg_table_get_target (table, row));
}

static void
export_png (MgMatrixView *self)
{
  mg_heat_map_export (self->heat_map, "png");
}

static void
export_svg (MgMatrixView *self)
{
  mg_heat_map_export (self->heat_map, "svg");
}

static void
mg_matrix_view_dispose (GObject *object)
{
  MgMatrixView *self = MG_MATRIX_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->table);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mg_matrix_view_parent_class)->dispose (object);
}

static void
mg_matrix_view_class_init (MgMatrixViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_matrix_view_dispose;
}

static void
mg_matrix_view_init (MgMatrixView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

static GtkWidget *
make_window_box (MgMatrixView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->window = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 10));
  gtk_spin_button_set_value (self->window, DEFAULT_WINDOW);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window),
                               _("Passages this many characters apart or closer count as "
                                 "co-occurring; 0 counts only overlapping ones"));
  gtk_box_append (GTK_BOX (box), mg_analysis_labelled (_("Within"), GTK_WIDGET (self->window)));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("characters")));
  g_signal_connect_swapped (self->window, "value-changed", G_CALLBACK (mg_matrix_view_refresh),
                            self);
  return box;
}

static GtkWidget *
make_toolbar (MgMatrixView *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *kinds[] = { N_("Codes × documents"), N_("Code co-occurrence"), NULL };
  GtkStringList *names = gtk_string_list_new (NULL);

  for (int i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (names, _(kinds[i]));
  self->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
  self->sets = mg_analysis_sets_dropdown (self->store);
  self->window_box = make_window_box (self);
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Matrix"), GTK_WIDGET (self->kind)));
  gtk_box_append (GTK_BOX (toolbar), self->window_box);
  gtk_box_append (GTK_BOX (toolbar), mg_analysis_labelled (_("Set"), GTK_WIDGET (self->sets)));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (toolbar), TRUE);
  gtk_widget_set_halign (gtk_widget_get_last_child (toolbar), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (toolbar),
                  mg_analysis_button (_("Save _PNG…"), _("Save the heat map as a PNG image"),
                                      G_CALLBACK (export_png), self));
  gtk_box_append (GTK_BOX (toolbar),
                  mg_analysis_button (_("Save _SVG…"), _("Save the heat map as an SVG drawing"),
                                      G_CALLBACK (export_svg), self));
  g_signal_connect_swapped (self->kind, "notify::selected", G_CALLBACK (mg_matrix_view_refresh),
                            self);
  g_signal_connect_swapped (self->sets, "notify::selected", G_CALLBACK (mg_matrix_view_refresh),
                            self);
  gtk_widget_add_css_class (toolbar, "toolbar");
  return toolbar;
}

static GtkWidget *
make_top (MgMatrixView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->heat_map = MG_HEAT_MAP (mg_heat_map_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->heat_map));
  self->table_view = MG_TABLE_VIEW (mg_table_view_new (_("The codebook is empty")));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_titled (self->stack, scrolled, "heat-map", _("Heat Map"));
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->table_view), "table", _("Table"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->stack);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  g_signal_connect_swapped (self->heat_map, "cell-activated",
                            G_CALLBACK (mg_matrix_view_show_cell), self);
  g_signal_connect_swapped (self->table_view, "row-activated", G_CALLBACK (on_row_activated),
                            self);
  return box;
}

static GtkWidget *
make_content (MgMatrixView *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);

  self->passages = MG_TABLE_VIEW (mg_table_view_new (_("Click a cell to list the passages "
                                                       "behind it here")));
  gtk_paned_set_start_child (GTK_PANED (paned), make_top (self));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->passages));
  gtk_paned_set_position (GTK_PANED (paned), 400);
  gtk_widget_set_vexpand (paned, TRUE);
  g_signal_connect_swapped (self->passages, "row-activated", G_CALLBACK (on_passage_activated),
                            self);
  return paned;
}

/**
 * mg_matrix_view_reload:
 *
 * Lists the library's documents, sets and codes again in the choosers, then counts again.
 */
void
mg_matrix_view_reload (MgMatrixView *self)
{
  mg_analysis_dropdown_reload (self->sets, self);
  mg_matrix_view_refresh (self);
}

GtkWidget *
mg_matrix_view_new (MgStore *store)
{
  MgMatrixView *self = g_object_new (MG_TYPE_MATRIX_VIEW, NULL);

  self->store = g_object_ref (store);
  gtk_box_append (GTK_BOX (self), make_toolbar (self));
  gtk_box_append (GTK_BOX (self), make_content (self));
  return GTK_WIDGET (self);
}

void
mg_matrix_view_set_kind (MgMatrixView *self,
                         MgMatrixKind  kind)
{
  gtk_drop_down_set_selected (self->kind, kind);
}

void
mg_matrix_view_set_window (MgMatrixView *self,
                           gint64        window)
{
  gtk_spin_button_set_value (self->window, (double) window);
}

gint64
mg_matrix_view_get_window (MgMatrixView *self)
{
  return gtk_spin_button_get_value_as_int (self->window);
}

MgHeatMap *
mg_matrix_view_get_heat_map (MgMatrixView *self)
{
  return self->heat_map;
}

MgTableView *
mg_matrix_view_get_table_view (MgMatrixView *self)
{
  return self->table_view;
}

MgTableView *
mg_matrix_view_get_passages_view (MgMatrixView *self)
{
  return self->passages;
}
