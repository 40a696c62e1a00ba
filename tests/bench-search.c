/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search across a generated corpus of more than 100 MB (2,000 documents of 50 KB, English
 * and Vietnamese words): time to store and index it in one transaction, query times for a
 * common word, a rare word, a phrase and a prefix, and the process's peak memory. Figures
 * only. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "mg-store-private.h"
#include "mg-store-search.h"

#define N_DOCUMENTS 2000
#define DOCUMENT_BYTES (50 * 1024)
#define N_RUNS 5
/* What the window asks for: a first page of hits. */
#define PAGE_HITS 200

static const char * const words[] = {
  "the", "of", "and", "to", "in", "a", "harbour", "river", "market", "people", "ministry",
  "province", "report", "council", "delegation", "agreement", "trade", "fishing", "boats",
  "rice", "village", "teacher", "school", "letter", "archive", "minutes", "meeting", "road",
  "Việt Nam", "Hà Nội", "Huế", "Đà Nẵng", "người", "thành phố", "sông", "nước", "làng",
  "chợ", "trường", "Hồ Chí Minh", "Cần Thơ", "Quảng Ngãi", "đồng bằng", "mùa", "gạo",
  "cooperative", "harvest", "season", "delta", "committee", "resolution", "district",
};

/* Syllables for the long tail of a real vocabulary: tens of thousands of words that each
 * occur rarely, which is what makes an index large. */
static const char * const syllables[] = {
  "ka", "lo", "mi", "ngu", "thu", "ra", "ve", "sto", "pen", "dar", "qui", "bel", "tor",
  "nam", "vin", "hos", "ell", "ma", "cre", "du", "fa", "gon", "lis", "pra", "ser", "tan",
  "uy", "xa", "yen", "zo", "bri", "cho", "dem", "fro", "gla", "hin", "jor", "kle", "mun",
  "pho",
};

/* Rare words go into a few documents only. */
static const char * const rare_words[] = { "zanzibar", "quetzal", "xylograph" };

/* Squaring skews the choice towards the front of the list, as real word use is. */
static void
append_common_word (GString *text,
                    GRand   *rand)
{
  double x = g_rand_double (rand);

  g_string_append (text, words[(gsize) (x * x * G_N_ELEMENTS (words))]);
}

static void
append_rare_word (GString *text,
                  GRand   *rand)
{
  int n = g_rand_int_range (rand, 2, 4);

  for (int i = 0; i < n; i++)
    g_string_append (text, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
}

static void
append_document (GString *text,
                 GRand   *rand,
                 guint    index)
{
  g_string_truncate (text, 0);
  while (text->len < DOCUMENT_BYTES)
    {
      if (g_rand_int_range (rand, 0, 4) == 0)
        append_rare_word (text, rand);
      else
        append_common_word (text, rand);
      g_string_append (text, g_rand_int_range (rand, 0, 12) == 0 ? ".\n" : " ");
    }
  if (index % 700 == 0)
    g_string_append_printf (text, " %s.\n", rare_words[index / 700]);
  g_string_append_printf (text, "Document %u.\n", index);
}

static void
insert (MgStore      *store,
        sqlite3_stmt *stmt,
        const char   *text,
        guint         index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Report %u", index);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_utf8_strlen (text, -1));
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mg_store_set_db_error (store, &error, sqlite3_errcode (sqlite3_db_handle (stmt)));
      g_error ("%s", error->message);
    }
  sqlite3_reset (stmt);
}

/* One transaction for the whole corpus: the FTS5 triggers index as the rows go in. */
static void
fill (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_sized_new (DOCUMENT_BYTES + 64);
  GRand *rand = g_rand_new_with_seed (6);
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();
  gint64 bytes = 0;
  double seconds;

  mg_store_begin (store, &error);
  g_assert_no_error (error);
  stmt = mg_store_prepare (store, "INSERT INTO documents (uuid, title, imported, text,"
                           " char_count, sha256) VALUES (mg_uuid (), ?, ?, ?, ?, ?)", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      append_document (text, rand, i);
      insert (store, stmt, text->str, i);
      bytes += (gint64) text->len;
    }
  sqlite3_finalize (stmt);
  mg_store_commit (store, &error);
  g_assert_no_error (error);
  g_rand_free (rand);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("corpus: %d documents, %.1f MB\n", N_DOCUMENTS, bytes / 1e6);
  g_print ("stored and indexed in one transaction: %.1f s (%.1f MB/s)\n", seconds,
           bytes / 1e6 / seconds);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of N_RUNS, in ms; @out_hits gets the number of hits. */
static double
time_query (MgStore    *store,
            const char *query,
            guint       max_hits,
            guint      *out_hits)
{
  double times[N_RUNS];

  for (int run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = mg_store_search (store, query, max_hits, &error);

      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      *out_hits = hits->len;
    }
  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  return times[N_RUNS / 2];
}

static void
report_query (MgStore    *store,
              const char *kind,
              const char *query,
              gboolean    all_too)
{
  guint page_hits;
  guint all_hits = 0;
  double page_ms = time_query (store, query, PAGE_HITS, &page_hits);
  double all_ms = all_too ? time_query (store, query, 0, &all_hits) : 0;

  if (all_too)
    g_print ("%-12s %-14s %5u hits %8.1f ms   all %7u hits %8.1f ms\n", kind, query, page_hits,
             page_ms, all_hits, all_ms);
  else
    g_print ("%-12s %-14s %5u hits %8.1f ms\n", kind, query, page_hits, page_ms);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-bench-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.sqlite3", NULL);
  const char *suffixes[] = { "", "-wal", "-shm" };
  MgStore *store;
  struct rusage usage;

  /* The figures name the queries, some of them in Vietnamese. */
  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  store = mg_store_open (path, &error);
  g_assert_no_error (error);
  fill (store);
  g_print ("queries (median of %d; a first page of %d hits, and for some all hits):\n",
           N_RUNS, PAGE_HITS);
  /* Every document has the common word thousands of times: all its hits would be
   * millions, which no reader pages through, so only the first page is timed. */
  report_query (store, "common word", "the", FALSE);
  report_query (store, "rare word", "zanzibar", TRUE);
  report_query (store, "phrase", "\"Viet Nam\"", TRUE);
  report_query (store, "prefix", "thàn*", FALSE);
  report_query (store, "prefix, rare", "quetz*", TRUE);
  g_object_unref (store);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory: %.0f MB\n", usage.ru_maxrss / 1024.0);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
  return 0;
}
