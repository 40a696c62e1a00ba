/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis views at corpus scale: 1,000 documents and 200,000 passages (and 30,000
 * entity mentions), built in one transaction. Prints how long each view's computation takes
 * (frequencies, code x document matrix, co-occurrence, the passages behind a cell, the
 * entity overview, a code's concordance and its sort, a search's concordance, CSV and the
 * HTML report). Figures only: it never fails on time. */
#include "config.h"

#include <glib/gstdio.h>
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
#include "mg-store-private.h"

#define N_DOCUMENTS 1000
#define N_PASSAGES 200000
#define N_CODES 24
#define MENTIONS_PER_DOCUMENT 30
#define DOCUMENT_WORDS 3000

static const char * const words[] = {
  "harbour", "tide", "Hà Nội", "resolution", "council", "rice", "timber", "the", "of", "and",
  "Việt Nam", "levy", "quay", "pilot", "Assembly", "trade", "économie", "market", "to", "a",
};

static char *
make_text (GRand *rand,
           glong *out_chars)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < DOCUMENT_WORDS; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
    }
  *out_chars = g_utf8_strlen (text->str, -1);
  return g_string_free (text, FALSE);
}

static void
step (MgStore      *store,
      sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mg_store_set_db_error (store, &error, sqlite3_errcode (sqlite3_db_handle (stmt)));
      g_error ("%s", error->message);
    }
  sqlite3_reset (stmt);
}

static gint64
insert_document (MgStore      *store,
                 sqlite3_stmt *stmt,
                 GRand        *rand,
                 guint         index,
                 glong        *out_chars)
{
  g_autofree char *text = make_text (rand, out_chars);
  g_autofree char *title = g_strdup_printf ("Report %04u", index);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, title, -1);

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, *out_chars);
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_STATIC);
  step (store, stmt);
  return mg_store_last_insert_id (store);
}

static void
insert_passages (MgStore      *store,
                 sqlite3_stmt *stmt,
                 GRand        *rand,
                 gint64        document,
                 glong         chars,
                 const gint64 *codes,
                 const gint64 *sets)
{
  for (int i = 0; i < N_PASSAGES / N_DOCUMENTS; i++)
    {
      gint64 start = g_rand_int_range (rand, 0, (gint32) chars - 300);

      sqlite3_bind_int64 (stmt, 1, document);
      sqlite3_bind_int64 (stmt, 2, sets[g_rand_int_range (rand, 0, 2)]);
      sqlite3_bind_int64 (stmt, 3, codes[g_rand_int_range (rand, 0, N_CODES)]);
      sqlite3_bind_int64 (stmt, 4, start);
      sqlite3_bind_int64 (stmt, 5, start + g_rand_int_range (rand, 5, 250));
      step (store, stmt);
    }
}

static void
insert_mentions (MgStore      *store,
                 sqlite3_stmt *mention,
                 sqlite3_stmt *extraction,
                 GRand        *rand,
                 gint64        document,
                 glong         chars)
{
  for (int i = 0; i < MENTIONS_PER_DOCUMENT; i++)
    {
      gint64 start = (chars / MENTIONS_PER_DOCUMENT) * i;
      g_autofree char *key = g_strdup_printf ("entity %d", g_rand_int_range (rand, 0, 200));

      sqlite3_bind_int64 (mention, 1, document);
      sqlite3_bind_int64 (mention, 2, start);
      sqlite3_bind_int64 (mention, 3, start + 6);
      sqlite3_bind_text (mention, 4, i % 2 ? "PERSON" : "LOC", -1, SQLITE_STATIC);
      sqlite3_bind_text (mention, 5, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (mention, 6, key, -1, SQLITE_STATIC);
      sqlite3_bind_int (mention, 7, MG_ENTITY_EXTRACTOR_VERSION);
      step (store, mention);
    }
  sqlite3_bind_int64 (extraction, 1, document);
  sqlite3_bind_int (extraction, 2, MG_ENTITY_EXTRACTOR_VERSION);
  step (store, extraction);
}

static sqlite3_stmt *
prepare (MgStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = mg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

static void
fill (MgStore      *store,
      const gint64 *codes,
      const gint64 *sets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  sqlite3_stmt *document, *passage, *mention, *extraction;
  gint64 began = g_get_monotonic_time ();

  mg_store_begin (store, &error);
  g_assert_no_error (error);
  document = prepare (store, "INSERT INTO documents (uuid, title, imported, text, char_count,"
                      " sha256) VALUES (mg_uuid (), ?, ?, ?, ?, ?)");
  passage = prepare (store, "INSERT INTO annotations (uuid, document, annotation_set, code,"
                     " start, end, quote, created, modified) VALUES (mg_uuid (), ?, ?, ?, ?, ?,"
                     " '', unixepoch (), unixepoch ())");
  mention = prepare (store, "INSERT OR IGNORE INTO entity_mentions (document, start, end, type,"
                     " text, entity_key, extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?)");
  extraction = prepare (store, "INSERT INTO entity_extractions (document, extractor_version,"
                        " extracted) VALUES (?, ?, unixepoch ())");
  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      glong chars;
      gint64 id = insert_document (store, document, rand, i, &chars);

      insert_passages (store, passage, rand, id, chars, codes, sets);
      insert_mentions (store, mention, extraction, rand, id, chars);
    }
  sqlite3_finalize (document);
  sqlite3_finalize (passage);
  sqlite3_finalize (mention);
  sqlite3_finalize (extraction);
  mg_store_commit (store, &error);
  g_assert_no_error (error);
  g_print ("library: %d documents, %d passages, %d mentions, built in one transaction: "
           "%.1f s\n", N_DOCUMENTS, N_PASSAGES, N_DOCUMENTS * MENTIONS_PER_DOCUMENT,
           (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC);
}

static gint64 timer;

static void
start_timer (void)
{
  timer = g_get_monotonic_time ();
}

static void
report (const char *what,
        guint       n)
{
  g_print ("%-52s %8.0f ms  (%u rows)\n", what, (g_get_monotonic_time () - timer) / 1000.0, n);
}

static void
time_frequencies (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(MgTable) table = NULL;

  start_timer ();
  all = mg_analysis_code_frequencies (store, 0, 0, &error);
  table = mg_analysis_frequencies_table (all);
  g_assert_no_error (error);
  report ("code frequencies, corpus (+ table)", all->len);
  start_timer ();
  one = mg_analysis_code_frequencies (store, 500, 0, &error);
  g_assert_no_error (error);
  report ("code frequencies, one document", one->len);
}

static void
time_matrices (MgStore      *store,
               const gint64 *codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnalysisMatrix) documents = NULL;
  g_autoptr(MgAnalysisMatrix) near = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autoptr(GArray) pairs = NULL;

  start_timer ();
  documents = mg_analysis_code_document_matrix (store, 0, &error);
  table = mg_analysis_matrix_table (documents, "matrix", "Document", TRUE);
  g_assert_no_error (error);
  report ("code x document matrix (+ table)", documents->rows->len * documents->columns->len);
  start_timer ();
  near = mg_analysis_cooccurrence_matrix (store, 0, 100, &error);
  g_assert_no_error (error);
  report ("co-occurrence matrix, window 100", near->max);
  start_timer ();
  pairs = mg_analysis_cooccurring_pairs (store, 0, 100, codes[1], codes[2], &error);
  g_assert_no_error (error);
  report ("passage pairs behind one co-occurrence cell", pairs->len);
}

static void
time_entities (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) usages = NULL;
  g_autoptr(MgTable) table = NULL;

  start_timer ();
  usages = mg_analysis_entities (store, 0, 0, MG_ENTITY_EXTRACTOR_VERSION, &error);
  g_assert_no_error (error);
  table = mg_analysis_entities_table (store, usages, &error);
  g_assert_no_error (error);
  report ("entity overview with codes (+ table)", usages->len);
}

static void
time_kwic (MgStore      *store,
           const gint64 *codes,
           const char   *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autofree char *path = g_build_filename (folder, "kwic.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  start_timer ();
  lines = mg_kwic_for_code (store, codes[3], 0, 0, MG_KWIC_DEFAULT_CONTEXT, &error);
  g_assert_no_error (error);
  table = mg_kwic_table (lines, "kwic");
  report ("keyword in context, one code (+ table)", lines->len);
  start_timer ();
  mg_kwic_sort (lines, MG_KWIC_ORDER_LEFT);
  report ("  sorted by left context", lines->len);
  start_timer ();
  mg_table_compare_rows (table, 1, 0, 1);
  report ("  table's left-context sort keys", lines->len);
  start_timer ();
  mg_csv_write_table (table, file, &error);
  g_assert_no_error (error);
  report ("  written as CSV", lines->len);
  g_unlink (path);
  start_timer ();
  hits = mg_kwic_for_search (store, "levy", 5000, MG_KWIC_DEFAULT_CONTEXT, &error);
  g_assert_no_error (error);
  report ("keyword in context, a search (5,000 hits)", hits->len);
}

static void
time_report (MgStore      *store,
             const gint64 *codes,
             const char   *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MgReportOptions options = { "Bench", 0, 100, codes, 1, MG_KWIC_DEFAULT_CONTEXT };
  GStatBuf st;

  start_timer ();
  mg_report_html_write (store, &options, file, &error);
  g_assert_no_error (error);
  g_stat (path, &st);
  report ("HTML report (frequencies, matrices, one code's KWIC)", (guint) (st.st_size / 1024));
  g_print ("  (the report's row count above is its size in KiB)\n");
  g_unlink (path);
}

static void
make_codebook (MgStore *store,
               gint64  *codes,
               gint64  *sets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) mine = mg_store_get_default_annotation_set (store, &error);
  g_autoptr(MgAnnotationSet) other = mg_store_create_annotation_set (store, "Other", "", "local",
                                                                     &error);

  g_assert_no_error (error);
  sets[0] = mg_annotation_set_get_id (mine);
  sets[1] = mg_annotation_set_get_id (other);
  for (int i = 0; i < N_CODES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %02d", i);
      g_autoptr(MgCode) code = mg_store_add_code (store, name, NULL, i % 4 ? codes[i - i % 4] : 0,
                                                  &error);
      g_assert_no_error (error);
      codes[i] = mg_code_get_id (code);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("marginalia-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "library.sqlite3", NULL);
  g_autoptr(MgStore) store = mg_store_open (path, &error);
  gint64 codes[N_CODES], sets[2];

  g_assert_no_error (error);
  make_codebook (store, codes, sets);
  fill (store, codes, sets);
  time_frequencies (store);
  time_matrices (store, codes);
  time_entities (store);
  time_kwic (store, codes, folder);
  time_report (store, codes, folder);

  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? (g_str_equal (suffix, "-wal") ? "-shm" : NULL) : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (folder);
  return 0;
}
