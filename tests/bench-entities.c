/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Extraction throughput on one thread and peak memory. The text is this project's own
 * (tests/data/entities) repeated to at least 10 MB; the shared corpus is measured besides
 * when it is there. Prints figures; never fails on time. */
#include "config.h"

#include <gio/gio.h>
#include <sys/resource.h>

#include "mg-entity-extractor.h"

#define TARGET_BYTES (10 * 1024 * 1024)

static GString *
read_texts (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GString *all = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;

      if (g_str_has_suffix (name, ".txt") && g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_string_append (all, contents);
          g_string_append (all, "\n\n");
        }
    }
  return all;
}

static GString *
repeat_to_target (const GString *base)
{
  GString *text = g_string_sized_new (TARGET_BYTES + base->len);

  while (text->len < TARGET_BYTES && base->len > 0)
    g_string_append_len (text, base->str, base->len);
  return text;
}

static void
measure (MgEntityExtractor *extractor,
         const char        *label,
         const GString     *text,
         guint              rounds)
{
  gint64 best = G_MAXINT64;
  guint count = 0;

  for (guint r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) mentions = mg_entity_extractor_extract (extractor, text->str,
                                                                   (gssize) text->len, NULL);
      gint64 elapsed = g_get_monotonic_time () - start;

      best = MIN (best, MAX (elapsed, 1));
      count = mentions->len;
    }
  g_print ("%s: %.1f MB in %.1f ms, %.1f MB/s, %u mentions\n", label,
           text->len / 1e6, best / 1e3, (text->len / 1e6) / (best / 1e6), count);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgEntityExtractor) extractor = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GString *own;
  GString *text;

  if (argc < 2)
    {
      g_printerr ("usage: bench-entities OWN_TEXT_DIR [CORPUS_TEXT_DIR]\n");
      return 2;
    }
  extractor = mg_entity_extractor_new (&error);
  if (extractor == NULL)
    {
      g_printerr ("bench-entities: %s\n", error->message);
      return 1;
    }
  g_print ("gazetteers loaded in %.1f ms\n", (g_get_monotonic_time () - start) / 1e3);
  own = read_texts (argv[1]);
  text = repeat_to_target (own);
  measure (extractor, "project test texts x N (entity-dense: about 4x the corpus's entities per byte)", text, 3);
  g_string_free (text, TRUE);
  if (argc > 2 && g_file_test (argv[2], G_FILE_TEST_IS_DIR))
    {
      GString *corpus = read_texts (argv[2]);

      text = repeat_to_target (corpus);
      measure (extractor, "dev corpus x N (news text as users read it)", text, 3);
      g_string_free (text, TRUE);
      g_string_free (corpus, TRUE);
    }
  g_string_free (own, TRUE);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory (ru_maxrss): %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
