/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis window under a real (virtual) display: it opens from the main window, every
 * view shows the fixture library's numbers, a bar, a cell and an entity list their passages,
 * a passage opens in the main window's reader, and charts and the report export. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "mg-analysis-scope.h"
#include "mg-analysis-window.h"
#include "mg-entity-extractor.h"
#include "mg-entity-overview.h"
#include "mg-frequency-view.h"
#include "mg-kwic-view.h"
#include "mg-matrix-view.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-entities.h"

static const char harbour_text[] =
  "The harbour of Hà Nội opened at dawn. Ships waited for the tide, and the pilots rowed "
  "out. By noon the quays were full of rice, timber and news.";
static const char council_text[] =
  "The council of Huế met on Monday. Trade with Hà Nội was the only matter.";

typedef struct
{
  char *folder;
  MgStore *store;
  MgWindow *window;
  MgAnalysisWindow *analysis;
  gint64 harbour;
  gint64 council;
  gint64 trade;
  gint64 politics;
} Fixture;

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the views' counts on their worker threads are all in and shown,
 * as the window does between user actions. */
static void
iterate (void)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (20, on_timeout, &timed_out);

  while ((mg_analysis_get_n_running () > 0 || g_main_context_pending (NULL)) && !timed_out)
    g_main_context_iteration (NULL, mg_analysis_get_n_running () > 0);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static void
tag (Fixture    *fixture,
     gint64      document,
     gint64      code,
     const char *needle)
{
  g_autoptr(GError) error = NULL;
  const char *text = document == fixture->harbour ? harbour_text : council_text;
  const char *hit = strstr (text, needle);
  gint64 start = g_utf8_pointer_to_offset (text, hit);
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_get_default_annotation_set (fixture->store, &error);

  annotation = mg_store_add_annotation (fixture->store, document, mg_annotation_set_get_id (set),
                                        code, start, start + g_utf8_strlen (needle, -1), NULL,
                                        &error);
  g_assert_no_error (error);
}

static void
save_mention (Fixture    *fixture,
              gint64      document,
              const char *text,
              const char *name,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  gint64 start = g_utf8_pointer_to_offset (text, strstr (text, name));

  g_ptr_array_add (mentions, mg_entity_mention_new (start, start + g_utf8_strlen (name, -1),
                                                    MG_ENTITY_TYPE_LOC, name, key));
  mg_store_save_entity_mentions (fixture->store, document, MG_ENTITY_EXTRACTOR_VERSION, mentions,
                                 &error);
  g_assert_no_error (error);
}

static gint64
add_code (MgStore    *store,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_add_code (store, name, NULL, 0, &error);

  g_assert_no_error (error);
  return mg_code_get_id (code);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-analysis-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  fixture->harbour = add_document (fixture->store, "Harbour", harbour_text);
  fixture->council = add_document (fixture->store, "Council", council_text);
  fixture->trade = add_code (fixture->store, "Trade");
  fixture->politics = add_code (fixture->store, "Politics");
  tag (fixture, fixture->harbour, fixture->trade, "harbour of Hà Nội");
  tag (fixture, fixture->harbour, fixture->politics, "Hà Nội opened at dawn");
  tag (fixture, fixture->harbour, fixture->trade, "rice, timber");
  tag (fixture, fixture->council, fixture->trade, "Trade with Hà Nội");
  tag (fixture, fixture->council, fixture->politics, "council of Huế");
  /* Read by the extractor already, so the window starts no extraction of its own. */
  save_mention (fixture, fixture->harbour, harbour_text, "Hà Nội", "ha noi");
  save_mention (fixture, fixture->council, council_text, "Hà Nội", "ha noi");

  fixture->window = mg_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();
  /* As the menu item and Ctrl+Shift+A do. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "analysis", NULL);
  iterate ();
  fixture->analysis = g_object_get_data (G_OBJECT (fixture->window), "mg-analysis-window");
  g_assert_nonnull (fixture->analysis);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The analysis window closes with its main window, and is freed. */
  g_object_add_weak_pointer (G_OBJECT (fixture->analysis), (gpointer *) &fixture->analysis);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_assert_null (fixture->analysis);
  g_clear_object (&fixture->store);
  remove_folder (fixture->folder);
  g_free (fixture->folder);
}

static gpointer
view (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = mg_analysis_window_get_view (fixture->analysis, name);

  g_assert_nonnull (widget);
  adw_view_stack_set_visible_child_name (mg_analysis_window_get_stack (fixture->analysis), name);
  iterate ();
  g_assert_true (gtk_widget_get_mapped (widget));
  return widget;
}

static guint
table_rows (MgTableView *table_view)
{
  MgTable *table = mg_table_view_get_table (table_view);

  return table != NULL ? mg_table_get_n_rows (table) : 0;
}

static guint
row_of (MgTable    *table,
        const char *first_cell)
{
  for (guint i = 0; i < mg_table_get_n_rows (table); i++)
    if (g_str_equal (mg_table_get_text (table, i, 0), first_cell))
      return i;
  g_assert_not_reached ();
}

static void
test_opens_every_view (Fixture       *fixture,
                       gconstpointer  data)
{
  MgFrequencyView *frequencies = view (fixture, "frequencies");
  MgMatrixView *matrices = view (fixture, "matrices");
  MgEntityOverview *entities = view (fixture, "entities");
  MgKwicView *kwic = view (fixture, "kwic");
  MgTable *table;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->analysis)));
  /* Highlight, Trade, Politics. */
  g_assert_cmpuint (table_rows (mg_frequency_view_get_table_view (frequencies)), ==, 3);
  table = mg_table_view_get_table (mg_frequency_view_get_table_view (frequencies));
  g_assert_cmpint (mg_table_get_number (table, row_of (table, "Trade"), 1), ==, 3);
  g_assert_cmpint (mg_table_get_number (table, row_of (table, "Trade"), 3), ==, 2);
  /* Documents as rows of the code x document table. */
  g_assert_cmpuint (table_rows (mg_matrix_view_get_table_view (matrices)), ==, 2);
  g_assert_cmpuint (table_rows (mg_entity_overview_get_table_view (entities)), ==, 1);
  /* The first code, Highlight, tags nothing here. */
  g_assert_cmpuint (table_rows (mg_kwic_view_get_table_view (kwic)), ==, 0);
  mg_kwic_view_show_code (kwic, fixture->trade);
  iterate ();
  g_assert_cmpuint (table_rows (mg_kwic_view_get_table_view (kwic)), ==, 3);
  mg_kwic_view_show_search (kwic, "tide");
  iterate ();
  g_assert_cmpuint (table_rows (mg_kwic_view_get_table_view (kwic)), ==, 1);
}

static void
test_bar_lists_passages_and_opens_one (Fixture       *fixture,
                                       gconstpointer  data)
{
  MgFrequencyView *frequencies = view (fixture, "frequencies");
  MgTable *table = mg_table_view_get_table (mg_frequency_view_get_table_view (frequencies));
  MgBarChart *chart = mg_frequency_view_get_chart (frequencies);
  MgTableView *passages = mg_frequency_view_get_passages_view (frequencies);
  guint trade = row_of (table, "Trade");
  MgTable *lines;
  MgReader *reader = mg_window_get_reader (fixture->window);
  gint64 start, end;

  /* The bars stand in the table's order, one row each. */
  g_assert_cmpint (mg_bar_chart_row_at (chart, 8 + 24 * trade + 12), ==, (int) trade);
  g_assert_cmpint (mg_bar_chart_row_at (chart, 8 + 24 * 3 + 12), ==, -1);
  g_signal_emit_by_name (chart, "bar-activated", trade);
  lines = mg_table_view_get_table (passages);
  g_assert_cmpuint (mg_table_get_n_rows (lines), ==, 3);
  g_assert_cmpstr (mg_table_get_text (lines, 0, 2), ==, "harbour of Hà Nội");

  /* The keyboard reaches the bars too: the chart takes the focus, Home goes to the first bar,
   * Down (bound to bar-chart.move) to the next, Enter (bar-chart.activate) lists them. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  mg_table_view_set_table (passages, NULL);
  gtk_widget_activate_action (GTK_WIDGET (chart), "bar-chart.move", "i", -G_MAXINT32);
  g_assert_cmpuint (mg_bar_chart_get_focus_row (chart), ==, 0);
  for (guint i = 0; i < trade; i++)
    gtk_widget_activate_action (GTK_WIDGET (chart), "bar-chart.move", "i", 1);
  g_assert_cmpuint (mg_bar_chart_get_focus_row (chart), ==, trade);
  gtk_widget_activate_action (GTK_WIDGET (chart), "bar-chart.move", "i", 99);
  g_assert_cmpuint (mg_bar_chart_get_focus_row (chart), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (chart), "bar-chart.move", "i", (int) trade - 2);
  gtk_widget_activate_action (GTK_WIDGET (chart), "bar-chart.activate", NULL);
  lines = mg_table_view_get_table (passages);
  g_assert_nonnull (lines);
  g_assert_cmpuint (mg_table_get_n_rows (lines), ==, 3);

  /* Activating a line opens its document in the reader with the passage selected, at once
   * (the action is synchronous, as the search hits' is). */
  g_signal_emit_by_name (passages, "row-activated", 2);
  g_assert_cmpint (mg_document_get_id (mg_reader_get_document (reader)), ==, fixture->council);
  g_assert_true (mg_reader_get_selection (reader, &start, &end));
  g_assert_cmpint (start, ==, 34);
  g_assert_cmpint (end, ==, 51);
  iterate ();
  g_assert_cmpint (mg_document_get_id (mg_reader_get_document (reader)), ==, fixture->council);
}

static void
test_cell_lists_passages (Fixture       *fixture,
                          gconstpointer  data)
{
  MgMatrixView *matrices = view (fixture, "matrices");
  MgAnalysisMatrix *matrix;
  MgTable *lines;

  mg_matrix_view_set_kind (matrices, MG_MATRIX_KIND_COOCCURRENCE);
  mg_matrix_view_set_window (matrices, 16);
  iterate ();
  matrix = mg_heat_map_get_matrix (mg_matrix_view_get_heat_map (matrices));
  g_assert_cmpuint (matrix->rows->len, ==, 3);
  /* Rows and columns: Highlight, Trade, Politics. */
  g_assert_cmpuint (mg_analysis_matrix_get (matrix, 1, 2), ==, 2);
  mg_matrix_view_show_cell (matrices, 1, 2);
  lines = mg_table_view_get_table (mg_matrix_view_get_passages_view (matrices));
  g_assert_cmpuint (mg_table_get_n_rows (lines), ==, 2);

  /* The same cell with the keyboard: the map takes the focus, the arrows (bound to
   * heat-map.move) go to Trade × Politics, Enter (heat-map.activate) lists its passages. */
  {
    MgHeatMap *map = mg_matrix_view_get_heat_map (matrices);
    guint row, column;

    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (map)));
    mg_table_view_set_table (mg_matrix_view_get_passages_view (matrices), NULL);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.move", "(ii)", -99, -G_MAXINT32);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.move", "(ii)", 1, 0);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.move", "(ii)", 0, 1);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.move", "(ii)", 0, 1);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.move", "(ii)", 0, 1);
    mg_heat_map_get_focus_cell (map, &row, &column);
    g_assert_cmpuint (row, ==, 1);
    g_assert_cmpuint (column, ==, 2);
    gtk_widget_activate_action (GTK_WIDGET (map), "heat-map.activate", NULL);
    lines = mg_table_view_get_table (mg_matrix_view_get_passages_view (matrices));
    g_assert_nonnull (lines);
    g_assert_cmpuint (mg_table_get_n_rows (lines), ==, 2);
  }

  /* Back to codes x documents: a cell lists one code's passages in one document. */
  mg_matrix_view_set_kind (matrices, MG_MATRIX_KIND_DOCUMENTS);
  iterate ();
  matrix = mg_heat_map_get_matrix (mg_matrix_view_get_heat_map (matrices));
  g_assert_cmpuint (matrix->columns->len, ==, 2);
  /* Columns by title: Council, Harbour. */
  g_assert_cmpuint (mg_analysis_matrix_get (matrix, 1, 1), ==, 2);
  mg_matrix_view_show_cell (matrices, 1, 1);
  lines = mg_table_view_get_table (mg_matrix_view_get_passages_view (matrices));
  g_assert_cmpuint (mg_table_get_n_rows (lines), ==, 2);
}

static void
test_entity_opens_in_context (Fixture       *fixture,
                              gconstpointer  data)
{
  MgEntityOverview *entities = view (fixture, "entities");
  MgTableView *table_view = mg_entity_overview_get_table_view (entities);
  MgTable *table = mg_table_view_get_table (table_view);
  MgKwicView *kwic;

  g_assert_cmpstr (mg_table_get_text (table, 0, 0), ==, "Hà Nội");
  /* The type in words, as the reader names it, not the extractor's code "LOC". */
  g_assert_cmpstr (mg_table_get_text (table, 0, 1), ==, "Place");
  g_assert_cmpstr (mg_table_get_text (table, 0, 4), ==, "Trade (2); Politics (1)");
  mg_entity_overview_set_code (entities, fixture->politics);
  iterate ();
  table = mg_table_view_get_table (table_view);
  g_assert_cmpint (mg_table_get_number (table, 0, 3), ==, 1);

  g_signal_emit_by_name (table_view, "row-activated", 0);
  iterate ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (mg_analysis_window_get_stack (fixture->analysis)),
                   ==, "kwic");
  kwic = MG_KWIC_VIEW (mg_analysis_window_get_view (fixture->analysis, "kwic"));
  g_assert_cmpuint (table_rows (mg_kwic_view_get_table_view (kwic)), ==, 2);
}

static void
assert_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG\r\n\x1a\n", 8), ==, 0);
}

static void
assert_svg (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);

  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  xmlFreeDoc (doc);
}

static void
test_charts_and_report_export (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgFrequencyView *frequencies = view (fixture, "frequencies");
  MgMatrixView *matrices = view (fixture, "matrices");
  g_autofree char *png = g_build_filename (fixture->folder, "bars.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->folder, "bars.svg", NULL);
  g_autofree char *map_png = g_build_filename (fixture->folder, "map.PNG", NULL);
  g_autofree char *map_svg = g_build_filename (fixture->folder, "map.svg", NULL);
  g_autofree char *report = g_build_filename (fixture->folder, "report.html", NULL);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/bars.png");
  gint64 codes[] = { fixture->trade };
  xmlDocPtr doc;

#define SAVE(func, widget, path) \
  G_STMT_START { \
    g_autoptr(GFile) file = g_file_new_for_path (path); \
    g_assert_true (func (widget, file, &error)); \
    g_assert_no_error (error); \
  } G_STMT_END
  SAVE (mg_bar_chart_save, mg_frequency_view_get_chart (frequencies), png);
  SAVE (mg_bar_chart_save, mg_frequency_view_get_chart (frequencies), svg);
  SAVE (mg_heat_map_save, mg_matrix_view_get_heat_map (matrices), map_png);
  SAVE (mg_heat_map_save, mg_matrix_view_get_heat_map (matrices), map_svg);
#undef SAVE
  assert_png (png);
  assert_svg (svg);
  assert_png (map_png);
  assert_svg (map_svg);
  g_assert_false (mg_bar_chart_save (mg_frequency_view_get_chart (frequencies), nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  {
    g_autoptr(GFile) file = g_file_new_for_path (report);
    g_assert_true (mg_analysis_window_write_report (fixture->analysis, file, codes, 1, &error));
    g_assert_no_error (error);
  }
  doc = xmlReadFile (report, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
  g_unlink (png);
  g_unlink (svg);
  g_unlink (map_png);
  g_unlink (map_svg);
  g_unlink (report);
}

static void
test_reopening_counts_again (Fixture       *fixture,
                             gconstpointer  data)
{
  MgFrequencyView *frequencies = view (fixture, "frequencies");
  MgTable *table;

  tag (fixture, fixture->council, fixture->trade, "only matter");
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "analysis", NULL);
  iterate ();
  g_assert_true (g_object_get_data (G_OBJECT (fixture->window), "mg-analysis-window")
                 == fixture->analysis);
  table = mg_table_view_get_table (mg_frequency_view_get_table_view (frequencies));
  g_assert_cmpint (mg_table_get_number (table, row_of (table, "Trade"), 1), ==, 4);
}

static void
test_new_code_reaches_the_choosers (Fixture       *fixture,
                                    gconstpointer  data)
{
  MgKwicView *kwic = view (fixture, "kwic");
  gint64 ports = add_code (fixture->store, "Ports");
  MgTable *table;

  tag (fixture, fixture->harbour, ports, "the quays");
  /* Reopened from the main window, the window lists the codebook as it is now. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "analysis", NULL);
  iterate ();
  mg_kwic_view_show_code (kwic, ports);
  iterate ();
  table = mg_table_view_get_table (mg_kwic_view_get_table_view (kwic));
  g_assert_cmpstr (mg_table_get_title (table), ==, "Passages of “Ports”");
  g_assert_cmpuint (mg_table_get_n_rows (table), ==, 1);
  g_assert_cmpstr (mg_table_get_text (table, 0, 2), ==, "the quays");
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("/analysis-window/opens-every-view", test_opens_every_view);
  ADD ("/analysis-window/bar-lists-passages-and-opens-one", test_bar_lists_passages_and_opens_one);
  ADD ("/analysis-window/cell-lists-passages", test_cell_lists_passages);
  ADD ("/analysis-window/entity-opens-in-context", test_entity_opens_in_context);
  ADD ("/analysis-window/charts-and-report-export", test_charts_and_report_export);
  ADD ("/analysis-window/reopening-counts-again", test_reopening_counts_again);
  ADD ("/analysis-window/new-code-reaches-the-choosers", test_new_code_reaches_the_choosers);
  return g_test_run ();
}
