/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any analysis table in a column view: one column per table column, each sortable by its
 * header (numbers by value, a left context by its nearest word), the first column in the
 * row's code colour; a row activates with Enter or a click, and the table exports as CSV. */
#include "config.h"

#include "mg-table-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-analysis-scope.h"
#include "mg-csv-writer.h"
#include "mg-table-row.h"

struct _MgTableView
{
  GtkBox parent_instance;

  GtkLabel *caption;
  GtkButton *export_button;
  GtkStack *stack;
  GtkColumnView *column_view;
  GtkLabel *placeholder;
  MgTable *table;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MgTableView, mg_table_view, GTK_TYPE_BOX)

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Very long cells (a passage, a context) are cut for the column; the whole text is in the
 * tooltip and in the CSV. */
#define CELL_CHARS 80

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  MgTableColumnKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kind"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), kind == MG_TABLE_COLUMN_TEXT ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), kind == MG_TABLE_COLUMN_TEXT_END
                                              ? PANGO_ELLIPSIZE_START : PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_CHARS);
  if (kind == MG_TABLE_COLUMN_NUMBER)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* GTK 4.8 gives a column view's rows no name of their own (gtk_list_item_set_accessible_label
 * came later): the row widget, the cell's parent, gets its cells' texts. */
static void
name_row (GtkWidget *label,
          MgTable   *table,
          guint      index)
{
  GtkWidget *cell = gtk_widget_get_parent (label);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  GString *name = g_string_new (NULL);

  if (row == NULL)
    {
      g_string_free (name, TRUE);
      return;
    }
  for (guint j = 0; j < mg_table_get_n_columns (table); j++)
    g_string_append_printf (name, "%s%s: %s", j > 0 ? ", " : "",
                            mg_table_get_column_title (table, j),
                            mg_table_get_text (table, index, j));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
  g_string_free (name, TRUE);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  MgTableRow *row = gtk_list_item_get_item (item);
  MgTable *table = mg_table_row_get_table (row);
  guint index = mg_table_row_get_index (row);
  const char *text = mg_table_get_text (table, index, column);
  const char *colour = mg_table_get_colour (table, index);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  /* The code's colour as a swatch before its name, as the Codes page shows it. */
  if (column == 0 && colour != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span> %s",
                                                 colour, escaped);
      gtk_label_set_markup (label, markup);
    }
  else
    gtk_label_set_text (label, text);
  if (column == 0)
    name_row (GTK_WIDGET (label), table, index);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), g_utf8_strlen (text, -1) > CELL_CHARS / 2
                                                   ? text : NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  MgTableRow *x = (MgTableRow *) a, *y = (MgTableRow *) b;

  return mg_table_compare_rows (mg_table_row_get_table (x), GPOINTER_TO_UINT (user_data),
                                mg_table_row_get_index (x), mg_table_row_get_index (y));
}

static void
add_column (MgTableView *self,
            guint        column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  MgTableColumnKind kind = mg_table_get_column_kind (self->table, column);

  g_object_set_data (G_OBJECT (factory), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (mg_table_get_column_title (self->table, column),
                                            factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, kind != MG_TABLE_COLUMN_NUMBER);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
remove_columns (MgTableView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

/**
 * mg_table_view_set_table:
 * @table: (nullable): the table to show, or %NULL for the placeholder
 */
void
mg_table_view_set_table (MgTableView *self,
                         MgTable     *table)
{
  g_autoptr(GListStore) rows = g_list_store_new (MG_TYPE_TABLE_ROW);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkSortListModel *sorted;
  guint n = table != NULL ? mg_table_get_n_rows (table) : 0;

  g_return_if_fail (MG_IS_TABLE_VIEW (self));

  g_set_object (&self->table, table);
  gtk_column_view_set_model (self->column_view, NULL);
  remove_columns (self);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, mg_table_row_new (table, i));
  g_list_store_splice (rows, 0, 0, items->pdata, items->len);
  for (guint j = 0; table != NULL && j < mg_table_get_n_columns (table); j++)
    add_column (self, j);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (sorted)));
  gtk_column_view_set_model (self->column_view, selection);
  gtk_label_set_text (self->caption, table != NULL ? mg_table_get_title (table) : "");
  mg_a11y_label_first_of_type (GTK_WIDGET (self->column_view), GTK_TYPE_LIST_VIEW,
                               table != NULL ? mg_table_get_title (table) : _("Table"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), table != NULL);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "table" : "placeholder");
}

MgTable *
mg_table_view_get_table (MgTableView *self)
{
  g_return_val_if_fail (MG_IS_TABLE_VIEW (self), NULL);
  return self->table;
}

GtkColumnView *
mg_table_view_get_column_view (MgTableView *self)
{
  g_return_val_if_fail (MG_IS_TABLE_VIEW (self), NULL);
  return self->column_view;
}

static void
on_activate (MgTableView *self,
             guint        position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
  g_autoptr(MgTableRow) row = g_list_model_get_item (model, position);

  if (row != NULL)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, mg_table_row_get_index (row));
}

static void
on_chooser_response (MgTableView          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL || self->table == NULL)
    return;
  if (!mg_csv_write_table (self->table, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the table: %s. Choose "
                                                    "another folder and try again."),
                                                  error->message);
      mg_analysis_toast (GTK_WIDGET (self), message);
      return;
    }
  mg_analysis_toast (GTK_WIDGET (self), _("Table saved as CSV"));
}

/**
 * mg_table_view_export_csv:
 *
 * Asks where to save the table, then writes it as CSV.
 */
void
mg_table_view_export_csv (MgTableView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  if (self->table == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Table"), GTK_IS_WINDOW (root)
                                               ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  name = g_strdup_printf ("%s.csv", mg_table_get_title (self->table));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mg_table_view_dispose (GObject *object)
{
  MgTableView *self = MG_TABLE_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->table);
  G_OBJECT_CLASS (mg_table_view_parent_class)->dispose (object);
}

static void
mg_table_view_class_init (MgTableViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_table_view_dispose;

  /**
   * MgTableView::row-activated:
   * @index: the row's index in the table (not its place in the sorted view)
   */
  signals[ROW_ACTIVATED] = g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);
}

static GtkWidget *
make_header (MgTableView *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->caption, 0);
  gtk_label_set_ellipsize (self->caption, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->caption), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "heading");
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Export _CSV…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               _("Save this table as a CSV file for a spreadsheet"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (mg_table_view_export_csv),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->caption));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->export_button));
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  return header;
}

static void
mg_table_view_init (MgTableView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_box_append (GTK_BOX (self), make_header (self));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->column_view), GTK_TYPE_LIST_VIEW,
                               _("Table"));
  /* GTK 4.8's column view puts its headings in a row of their own, first, unnamed. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->column_view))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headings"), -1);
  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "table");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->placeholder), "placeholder");
  gtk_stack_set_visible_child_name (self->stack, "placeholder");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));
}

/**
 * mg_table_view_new:
 * @placeholder: what the view says while it has no rows
 */
GtkWidget *
mg_table_view_new (const char *placeholder)
{
  MgTableView *self = g_object_new (MG_TYPE_TABLE_VIEW, NULL);

  gtk_label_set_text (self->placeholder, placeholder);
  return GTK_WIDGET (self);
}
