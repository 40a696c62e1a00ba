/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis core on a small library built through the store's API: frequencies, the code
 * by document and co-occurrence matrices, the entity overview, keyword in context, and the
 * CSV, SVG and HTML writers (parsed back with libxml2). */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "mg-analysis-entities.h"
#include "mg-analysis-frequencies.h"
#include "mg-analysis-matrix.h"
#include "mg-csv-writer.h"
#include "mg-entity-extractor.h"
#include "mg-kwic.h"
#include "mg-report-html.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-entities.h"
#include "mg-svg-chart.h"

/* Offsets count code points: "Hà Nội" has six, in more bytes. */
static const char harbour_text[] =
  "The harbour of Hà Nội opened at dawn. Ships waited for the tide, and the pilots rowed "
  "out. By noon the quays were full of rice, timber and news.";
static const char council_text[] =
  "The council of Huế met on Monday. Trade with Hà Nội was the only matter.";

typedef struct
{
  MgStore *store;
  gint64 harbour;
  gint64 council;
  gint64 mine;
  gint64 other;
  gint64 economy;
  gint64 trade;
  gint64 politics;
} Fixture;

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, body, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static gint64
add_code (MgStore    *store,
          const char *name,
          gint64      parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_add_code (store, name, NULL, parent, &error);

  g_assert_no_error (error);
  return mg_code_get_id (code);
}

static MgRange
range_of (const char *text,
          const char *needle)
{
  const char *hit = strstr (text, needle);
  MgRange range;

  g_assert_nonnull (hit);
  range.start = g_utf8_pointer_to_offset (text, hit);
  range.end = range.start + g_utf8_strlen (needle, -1);
  return range;
}

static void
tag (Fixture    *fixture,
     gint64      document,
     gint64      set,
     gint64      code,
     const char *needle)
{
  g_autoptr(GError) error = NULL;
  const char *text = document == fixture->harbour ? harbour_text : council_text;
  MgRange range = range_of (text, needle);
  g_autoptr(MgAnnotation) annotation = mg_store_add_annotation (fixture->store, document, set,
                                                                code, range.start, range.end,
                                                                NULL, &error);

  g_assert_no_error (error);
}

static void
save_mentions (Fixture    *fixture,
               gint64      document,
               const char *text,
               const char *const *names,
               const char *const *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      MgRange range = range_of (text, names[i]);
      g_ptr_array_add (mentions, mg_entity_mention_new (range.start, range.end,
                                                        MG_ENTITY_TYPE_LOC, names[i], keys[i]));
    }
  mg_store_save_entity_mentions (fixture->store, document, MG_ENTITY_EXTRACTOR_VERSION,
                                 mentions, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgAnnotationSet) mine = NULL;
  g_autoptr(MgAnnotationSet) other = NULL;

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  fixture->harbour = add_document (fixture->store, "Harbour", harbour_text);
  fixture->council = add_document (fixture->store, "Council", council_text);
  mine = mg_store_get_default_annotation_set (fixture->store, &error);
  other = mg_store_create_annotation_set (fixture->store, "Other", "B", "local", &error);
  g_assert_no_error (error);
  fixture->mine = mg_annotation_set_get_id (mine);
  fixture->other = mg_annotation_set_get_id (other);
  fixture->economy = add_code (fixture->store, "Economy", 0);
  fixture->trade = add_code (fixture->store, "Trade", fixture->economy);
  fixture->politics = add_code (fixture->store, "Politics", 0);

  tag (fixture, fixture->harbour, fixture->mine, fixture->trade, "harbour of Hà Nội");
  tag (fixture, fixture->harbour, fixture->mine, fixture->politics, "Hà Nội opened at dawn");
  tag (fixture, fixture->harbour, fixture->mine, fixture->economy, "Ships waited for the tide");
  tag (fixture, fixture->harbour, fixture->mine, fixture->trade, "rice, timber");
  tag (fixture, fixture->harbour, fixture->mine, fixture->trade, "timber and news");
  tag (fixture, fixture->harbour, fixture->other, fixture->politics, "pilots");
  tag (fixture, fixture->council, fixture->mine, fixture->trade, "Trade with Hà Nội");
  tag (fixture, fixture->council, fixture->mine, fixture->politics, "council of Huế");

  save_mentions (fixture, fixture->harbour, harbour_text,
                 (const char *[]) { "Hà Nội", NULL }, (const char *[]) { "ha noi", NULL });
  save_mentions (fixture, fixture->council, council_text,
                 (const char *[]) { "Huế", "Hà Nội", NULL },
                 (const char *[]) { "hue", "ha noi", NULL });
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static MgCodeFrequency *
find_frequency (GPtrArray *frequencies,
                gint64     code_id)
{
  for (guint i = 0; i < frequencies->len; i++)
    if (((MgCodeFrequency *) g_ptr_array_index (frequencies, i))->code_id == code_id)
      return g_ptr_array_index (frequencies, i);
  g_assert_not_reached ();
}

static void
test_frequencies (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = mg_analysis_code_frequencies (fixture->store, 0, 0, &error);
  MgCodeFrequency *trade;

  g_assert_no_error (error);
  /* Every code, unused ones too, parents before children, paths from the top. */
  g_assert_cmpuint (all->len, ==, 4);
  trade = find_frequency (all, fixture->trade);
  g_assert_cmpstr (trade->path, ==, "Economy/Trade");
  g_assert_cmpuint (trade->passages, ==, 4);
  g_assert_cmpuint (trade->documents, ==, 2);
  /* "rice, timber" and "timber and news" overlap: "rice, timber and news" counts once. */
  g_assert_cmpint (trade->characters, ==, 17 + 21 + 17);
  g_assert_cmpuint (find_frequency (all, fixture->politics)->passages, ==, 3);
  g_assert_cmpuint (find_frequency (all, fixture->economy)->passages, ==, 1);
  g_assert_cmpuint (find_frequency (all, fixture->economy)->documents, ==, 1);
}

static void
test_frequencies_scope (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) council = mg_analysis_code_frequencies (fixture->store, fixture->council,
                                                               0, &error);
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (find_frequency (council, fixture->trade)->passages, ==, 1);
  g_assert_cmpint (find_frequency (council, fixture->trade)->characters, ==, 17);
  g_assert_cmpuint (find_frequency (council, fixture->economy)->passages, ==, 0);

  other = mg_analysis_code_frequencies (fixture->store, 0, fixture->other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (find_frequency (other, fixture->politics)->passages, ==, 1);
  g_assert_cmpuint (find_frequency (other, fixture->trade)->passages, ==, 0);

  /* A scope that is not there is an error that names it, not an empty table. */
  missing = mg_analysis_code_frequencies (fixture->store, 999, 0, &error);
  g_assert_null (missing);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  missing = mg_analysis_code_frequencies (fixture->store, 0, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static guint
matrix_row (MgAnalysisMatrix *matrix,
            gint64            id)
{
  for (guint i = 0; i < matrix->rows->len; i++)
    if (((MgMatrixAxis *) g_ptr_array_index (matrix->rows, i))->id == id)
      return i;
  g_assert_not_reached ();
}

static guint
matrix_column (MgAnalysisMatrix *matrix,
               gint64            id)
{
  for (guint i = 0; i < matrix->columns->len; i++)
    if (((MgMatrixAxis *) g_ptr_array_index (matrix->columns, i))->id == id)
      return i;
  g_assert_not_reached ();
}

static guint
cell (MgAnalysisMatrix *matrix,
      gint64            row,
      gint64            column)
{
  return mg_analysis_matrix_get (matrix, matrix_row (matrix, row), matrix_column (matrix, column));
}

static void
test_code_document_matrix (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnalysisMatrix) matrix = mg_analysis_code_document_matrix (fixture->store, 0,
                                                                         &error);
  g_autoptr(MgAnalysisMatrix) mine = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (matrix->rows->len, ==, 4);
  g_assert_cmpuint (matrix->columns->len, ==, 2);
  /* Columns by title: Council before Harbour. */
  g_assert_cmpstr (((MgMatrixAxis *) g_ptr_array_index (matrix->columns, 0))->label, ==,
                   "Council");
  g_assert_cmpuint (cell (matrix, fixture->trade, fixture->harbour), ==, 3);
  g_assert_cmpuint (cell (matrix, fixture->trade, fixture->council), ==, 1);
  g_assert_cmpuint (cell (matrix, fixture->politics, fixture->harbour), ==, 2);
  g_assert_cmpuint (cell (matrix, fixture->economy, fixture->council), ==, 0);
  g_assert_cmpuint (matrix->max, ==, 3);

  mine = mg_analysis_code_document_matrix (fixture->store, fixture->mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cell (mine, fixture->politics, fixture->harbour), ==, 1);
}

static void
test_cooccurrence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnalysisMatrix) touching = mg_analysis_cooccurrence_matrix (fixture->store, 0, 0,
                                                                          &error);
  g_autoptr(MgAnalysisMatrix) near = NULL;
  g_autoptr(MgAnalysisMatrix) nearer = NULL;

  g_assert_no_error (error);
  /* Only "harbour of Hà Nội" and "Hà Nội opened at dawn" overlap; overlapping passages of
   * one code (Trade's "rice, timber" and "timber and news") do not count. */
  g_assert_cmpuint (cell (touching, fixture->trade, fixture->politics), ==, 1);
  g_assert_cmpuint (cell (touching, fixture->politics, fixture->trade), ==, 1);
  g_assert_cmpuint (cell (touching, fixture->economy, fixture->politics), ==, 0);
  g_assert_cmpuint (cell (touching, fixture->trade, fixture->trade), ==, 0);

  /* 16 characters reach from "council of Huế" to "Trade with Hà Nội", and the 2 from
   * "dawn" to "Ships"; the 17 from "Hà Nội" to "Ships" stay out of reach. */
  near = mg_analysis_cooccurrence_matrix (fixture->store, fixture->mine, 16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cell (near, fixture->trade, fixture->politics), ==, 2);
  g_assert_cmpuint (cell (near, fixture->economy, fixture->politics), ==, 1);
  g_assert_cmpuint (cell (near, fixture->economy, fixture->trade), ==, 0);

  nearer = mg_analysis_cooccurrence_matrix (fixture->store, fixture->mine, 15, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cell (nearer, fixture->trade, fixture->politics), ==, 1);
}

static void
test_cooccurring_pairs (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pairs = mg_analysis_cooccurring_pairs (fixture->store, fixture->mine, 16,
                                                           fixture->politics, fixture->trade,
                                                           &error);
  g_autoptr(MgAnalysisMatrix) bad = NULL;
  MgPassagePair *pair;

  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 2);
  pair = &g_array_index (pairs, MgPassagePair, 0);
  g_assert_cmpint (pair->document_id, ==, fixture->harbour);
  g_assert_cmpint (pair->start, ==, 4);
  g_assert_cmpint (pair->end, ==, 36);

  bad = mg_analysis_cooccurrence_matrix (fixture->store, 0, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mg_analysis_cooccurring_pairs (fixture->store, 0, 0, 999, fixture->trade,
                                                &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static MgEntityUsage *
find_usage (GPtrArray  *usages,
            const char *key)
{
  for (guint i = 0; i < usages->len; i++)
    if (g_strcmp0 (((MgEntityUsage *) g_ptr_array_index (usages, i))->key, key) == 0)
      return g_ptr_array_index (usages, i);
  return NULL;
}

static void
test_entities (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) usages = mg_analysis_entities (fixture->store, 0, 0,
                                                      MG_ENTITY_EXTRACTOR_VERSION, &error);
  g_autoptr(GPtrArray) politics = NULL;
  g_autoptr(MgTable) table = NULL;
  MgEntityUsage *hanoi;
  MgEntityCodeCount *first;

  g_assert_no_error (error);
  hanoi = find_usage (usages, "ha noi");
  g_assert_nonnull (hanoi);
  g_assert_cmpuint (hanoi->documents, ==, 2);
  g_assert_cmpuint (hanoi->mentions, ==, 2);
  /* Both mentions lie inside Trade passages, the Harbour one inside Politics too. */
  g_assert_cmpuint (hanoi->codes->len, ==, 2);
  first = &g_array_index (hanoi->codes, MgEntityCodeCount, 0);
  g_assert_cmpint (first->code_id, ==, fixture->trade);
  g_assert_cmpuint (first->mentions, ==, 2);
  /* Most documents first. */
  g_assert_true (g_ptr_array_index (usages, 0) == hanoi);

  table = mg_analysis_entities_table (fixture->store, usages, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_table_get_text (table, 0, 4), ==, "Economy/Trade (2); Politics (1)");

  /* Who is talked about under Politics: Huế, and Hà Nội once. */
  politics = mg_analysis_entities (fixture->store, fixture->politics, 0,
                                   MG_ENTITY_EXTRACTOR_VERSION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (politics->len, ==, 2);
  g_assert_cmpuint (find_usage (politics, "ha noi")->mentions, ==, 1);
  g_assert_cmpuint (find_usage (politics, "hue")->mentions, ==, 1);
}

static void
test_kwic (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = mg_kwic_for_code (fixture->store, fixture->trade, 0, 0, 10,
                                                 &error);
  g_autoptr(GPtrArray) missing = NULL;
  MgKwicLine *line;

  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 4);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (line->document_title, ==, "Harbour");
  g_assert_cmpstr (line->left, ==, "The ");
  g_assert_cmpstr (line->keyword, ==, "harbour of Hà Nội");
  g_assert_cmpstr (line->right, ==, " opened at");

  /* Left context sorts by the nearest word: "Monday." < "of" < "rice," < "The". */
  mg_kwic_sort (lines, MG_KWIC_ORDER_LEFT);
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (lines, 0))->keyword, ==,
                   "Trade with Hà Nội");
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (lines, 1))->keyword, ==, "rice, timber");
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (lines, 3))->keyword, ==,
                   "harbour of Hà Nội");
  mg_kwic_sort (lines, MG_KWIC_ORDER_RIGHT);
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (lines, 0))->right, ==, " and news.");

  missing = mg_kwic_for_code (fixture->store, 999, 0, 0, 10, &error);
  g_assert_null (missing);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static void
test_kwic_entity_and_search (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hanoi = mg_kwic_for_entity (fixture->store, "ha noi",
                                                   MG_ENTITY_EXTRACTOR_VERSION, 5, &error);
  g_autoptr(GPtrArray) tide = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (hanoi->len, ==, 2);
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (hanoi, 1))->left, ==, "with ");

  tide = mg_kwic_for_search (fixture->store, "tide", 0, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tide->len, ==, 1);
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (tide, 0))->keyword, ==, "tide");
  g_assert_cmpstr (((MgKwicLine *) g_ptr_array_index (tide, 0))->left, ==, "for the ");
}

/* Reads CSV back as RFC 4180 says, to check what the writer quoted. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == ',' || (*p == '\r' && p[1] == '\n')))
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\r')
            p++;
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_string_free (field, TRUE);
  return fields;
}

static void
test_csv_quoting (void)
{
  g_autoptr(MgTable) table = mg_table_new ("Quoting");
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *csv = NULL;
  guint row;

  mg_table_add_column (table, "Name, full", MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, "Count", MG_TABLE_COLUMN_NUMBER);
  row = mg_table_add_row (table);
  mg_table_set_text (table, row, 0, "say \"hi\"");
  mg_table_set_number (table, row, 1, 42);
  row = mg_table_add_row (table);
  mg_table_set_text (table, row, 0, "two\nlines, and\r\nmore");
  mg_table_set_number (table, row, 1, -3);
  row = mg_table_add_row (table);
  mg_table_set_text (table, row, 0, "plain Hà Nội");

  csv = mg_csv_format_table (table);
  g_assert_true (g_str_has_prefix (csv, "\"Name, full\",Count\r\n\"say \"\"hi\"\"\",42\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\nplain Hà Nội,0\r\n"));
  fields = parse_csv (csv);
  g_assert_cmpuint (fields->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "Name, full");
  g_assert_cmpstr (g_ptr_array_index (fields, 2), ==, "say \"hi\"");
  g_assert_cmpstr (g_ptr_array_index (fields, 4), ==, "two\nlines, and\r\nmore");
  g_assert_cmpstr (g_ptr_array_index (fields, 5), ==, "-3");
}

static void
test_csv_write (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frequencies = mg_analysis_code_frequencies (fixture->store, 0, 0, &error);
  g_autoptr(MgTable) table = mg_analysis_frequencies_table (frequencies);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "frequencies.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/frequencies.csv");
  g_autofree char *contents = NULL;

  g_assert_true (mg_csv_write_table (table, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nEconomy/Trade,4,55,2\r\n"));
  g_assert_false (mg_csv_write_table (table, nowhere, &error));
  g_assert_nonnull (error);
}

static xmlDocPtr
parse_xml (const char *text)
{
  xmlDocPtr doc = xmlReadMemory (text, (int) strlen (text), "memory.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

static int
count_nodes (xmlDocPtr   doc,
             const char *xpath)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) xpath, context);
  int n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return n;
}

static void
test_svg_charts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frequencies = mg_analysis_code_frequencies (fixture->store, 0, 0, &error);
  g_autoptr(MgTable) table = mg_analysis_frequencies_table (frequencies);
  g_autoptr(MgAnalysisMatrix) matrix = mg_analysis_cooccurrence_matrix (fixture->store, 0, 0,
                                                                        &error);
  g_autofree char *bars = mg_svg_bar_chart (table, 0, 1);
  g_autofree char *heat = mg_svg_heat_map (matrix);
  xmlDocPtr doc;

  g_assert_no_error (error);
  doc = parse_xml (bars);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='rect']"), ==, 4);
  xmlFreeDoc (doc);
  doc = parse_xml (heat);
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='rect']"), ==, 16);
  xmlFreeDoc (doc);
}

static void
test_report_html (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 hostile = add_code (fixture->store, "<b>Fish & \"Chips\"</b>", 0);
  gint64 codes[] = { fixture->trade, hostile };
  MgReportOptions options = { "Report <1>", 0, 16, codes, G_N_ELEMENTS (codes), 20 };
  g_autofree char *html = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  htmlDocPtr loose;
  xmlDocPtr doc;

  tag (fixture, fixture->council, fixture->mine, hostile, "met on Monday");
  html = mg_report_html_build (fixture->store, &options, &error);
  g_assert_no_error (error);
  /* Well-formed as XML, and read by an HTML parser without complaint. */
  doc = parse_xml (html);
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='svg']"), ==, 3);
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='table']"), ==, 5);
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='style']"), ==, 1);
  /* The code's name is text, never markup; nothing refers outside the file. */
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='b']"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='script' or local-name()='link']"), ==, 0);
  g_assert_nonnull (strstr (html, "&lt;b&gt;Fish &amp; &quot;Chips&quot;&lt;/b&gt;"));
  g_assert_cmpint (count_nodes (doc, "//*[local-name()='td' and .='Trade with Hà Nội']"), ==, 1);
  xmlFreeDoc (doc);
  loose = htmlReadMemory (html, (int) strlen (html), "report.html", "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (loose);
  xmlFreeDoc (loose);

  g_assert_true (mg_report_html_write (fixture->store, &options, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_report_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 codes[] = { 999 };
  MgReportOptions options = { "Report", 0, 0, codes, 1, 20 };
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* A missing code fails the whole report, and no half-written file is left. */
  g_assert_false (mg_report_html_write (fixture->store, &options, file, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_table_sort (void)
{
  g_autoptr(MgTable) table = mg_table_new ("Sort");
  const char *lefts[] = { "and the quay ", "near Huế ", "of the Harbour " };

  mg_table_add_column (table, "Left", MG_TABLE_COLUMN_TEXT_END);
  mg_table_add_column (table, "N", MG_TABLE_COLUMN_NUMBER);
  for (guint i = 0; i < G_N_ELEMENTS (lefts); i++)
    {
      guint row = mg_table_add_row (table);
      mg_table_set_text (table, row, 0, lefts[i]);
      mg_table_set_number (table, row, 1, 10 - (gint64) i);
    }
  /* By the last word: "harbour" < "huế" < "quay". */
  g_assert_cmpint (mg_table_compare_rows (table, 0, 2, 1), <, 0);
  g_assert_cmpint (mg_table_compare_rows (table, 0, 1, 0), <, 0);
  g_assert_cmpint (mg_table_compare_rows (table, 1, 2, 0), <, 0);
  g_assert_cmpint (mg_table_compare_rows (table, 1, 0, 0), ==, 0);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/analysis/frequencies", test_frequencies);
  ADD ("/analysis/frequencies/scope", test_frequencies_scope);
  ADD ("/analysis/matrix/code-document", test_code_document_matrix);
  ADD ("/analysis/matrix/cooccurrence", test_cooccurrence);
  ADD ("/analysis/matrix/cooccurring-pairs", test_cooccurring_pairs);
  ADD ("/analysis/entities", test_entities);
  ADD ("/analysis/kwic/code", test_kwic);
  ADD ("/analysis/kwic/entity-and-search", test_kwic_entity_and_search);
  g_test_add_func ("/analysis/csv/quoting", test_csv_quoting);
  ADD ("/analysis/csv/write", test_csv_write);
  ADD ("/analysis/svg", test_svg_charts);
  ADD ("/analysis/report/html", test_report_html);
  ADD ("/analysis/report/errors", test_report_errors);
  g_test_add_func ("/analysis/table/sort", test_table_sort);
  return g_test_run ();
}
