/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tagging at book scale: a 10 MB text with 50,000 stored passages. Prints the time of a tag
 * action through MgHistory (mean and 99th percentile), the time to list the document's
 * passages, and the peak memory. Figures only: it never fails on time. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "mg-history.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

#define TEXT_BYTES (10 * 1024 * 1024)
#define STORED 50000
#define ACTIONS 200

static const char * const words[] = {
  "harbour", "tide", "Hà Nội", "resolution", "council", "rice", "timber", "the", "of", "and",
  "Việt Nam", "levy", "quay", "pilot", "Assembly", "trade", "économie", "market", "to", "a",
};

static char *
make_text (GRand *rand)
{
  GString *text = g_string_sized_new (TEXT_BYTES + 64);

  while (text->len < TEXT_BYTES)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (folder);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
store_passages (MgStore *store,
                gint64   document,
                gint64   set,
                gint64   code,
                gint64   chars,
                GRand   *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  g_autoptr(GPtrArray) added = NULL;
  gint64 step = chars / STORED;
  gint64 started = g_get_monotonic_time ();

  for (gint64 i = 0; i < STORED; i++)
    {
      MgRange range = { i * step, i * step + g_rand_int_range (rand, 3, 60) };
      g_array_append_val (ranges, range);
    }
  added = mg_store_add_annotations (store, document, set, code, (MgRange *) ranges->data,
                                    ranges->len, NULL, &error);
  g_assert_no_error (error);
  g_print ("stored %u passages in one transaction: %.0f ms\n", added->len,
           (g_get_monotonic_time () - started) / 1000.0);
}

static void
time_tag_actions (MgStore *store,
                  gint64   document,
                  gint64   set,
                  gint64   code,
                  gint64   chars,
                  GRand   *rand)
{
  g_autoptr(MgHistory) history = mg_history_new ();
  gint64 times[ACTIONS];
  gint64 total = 0;

  for (int i = 0; i < ACTIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgAnnotation) annotation = NULL;
      gint64 start = g_rand_int_range (rand, 0, (gint32) (chars - 100));
      gint64 began = g_get_monotonic_time ();

      annotation = mg_history_tag (history, store, document, set, code, start,
                                   start + g_rand_int_range (rand, 1, 80), NULL, &error);
      times[i] = g_get_monotonic_time () - began;
      g_assert_no_error (error);
      total += times[i];
    }
  qsort (times, ACTIONS, sizeof times[0], compare_times);
  g_print ("tag action through MgHistory (%d actions): mean %.2f ms, p99 %.2f ms, "
           "max %.2f ms\n", ACTIONS, total / 1000.0 / ACTIONS,
           times[ACTIONS * 99 / 100 - 1] / 1000.0, times[ACTIONS - 1] / 1000.0);
}

static void
time_listing (MgStore *store,
              gint64   document)
{
  g_autoptr(GError) error = NULL;
  gint64 began = g_get_monotonic_time ();
  g_autoptr(GListModel) list = mg_store_list_annotations (store, document, 0, 0, &error);

  g_assert_no_error (error);
  g_print ("list the document's %u passages: %.0f ms\n", g_list_model_get_n_items (list),
           (g_get_monotonic_time () - began) / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree char *folder = g_dir_make_tmp ("marginalia-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "library.sqlite3", NULL);
  g_autofree char *text = make_text (rand);
  g_autoptr(MgStore) store = mg_store_open (path, &error);
  g_autoptr(MgDocument) document = mg_document_new ("Book", text, NULL, NULL);
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) code = NULL;
  struct rusage usage;
  gint64 chars = g_utf8_strlen (text, -1);

  g_assert_no_error (error);
  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  set = mg_store_get_default_annotation_set (store, &error);
  code = mg_store_find_code (store, "Highlight", &error);
  g_print ("text: %zu bytes, %" G_GINT64_FORMAT " code points\n", strlen (text), chars);

  store_passages (store, mg_document_get_id (document), mg_annotation_set_get_id (set),
                  mg_code_get_id (code), chars, rand);
  time_tag_actions (store, mg_document_get_id (document), mg_annotation_set_get_id (set),
                    mg_code_get_id (code), chars, rand);
  time_listing (store, mg_document_get_id (document));
  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory (max RSS): %.1f MB\n", usage.ru_maxrss / 1024.0);

  g_clear_object (&store);
  remove_folder (folder);
  return 0;
}
