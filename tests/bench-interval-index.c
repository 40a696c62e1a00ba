/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interval index at the size of issue #4's long document: 50,000 passages over 10 M code
 * points. Prints figures; never fails on time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mg-interval-index.h"

#define TEXT_LENGTH 10000000
#define N_PASSAGES 50000
#define N_QUERIES 10000
#define N_EDITS 1000
/* About what a reader window shows at once. */
#define VIEWPORT 4000

/* Peak resident memory of this process, from the kernel, in KiB. */
static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static MgInterval
random_passage (GRand  *rand,
                gint64  id)
{
  MgInterval passage;

  passage.start = g_rand_int_range (rand, 0, TEXT_LENGTH);
  /* A sentence or a paragraph, and now and then a whole chapter. */
  passage.end = passage.start + (g_rand_int_range (rand, 0, 100) == 0
                                 ? g_rand_int_range (rand, 1000, 200000)
                                 : g_rand_int_range (rand, 5, 800));
  passage.id = id;
  return passage;
}

static void
report (const char *what,
        gint64      microseconds,
        int         count)
{
  printf ("%-28s %10.3f µs per operation (%d in %.1f ms)\n", what,
          (double) microseconds / count, count, microseconds / 1000.0);
}

static void
bench_queries (MgIntervalIndex *index,
               GRand           *rand)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  gint64 t0 = g_get_monotonic_time ();
  gsize total = 0;

  for (int i = 0; i < N_QUERIES; i++)
    {
      gint64 a = g_rand_int_range (rand, 0, TEXT_LENGTH - VIEWPORT);

      g_array_set_size (found, 0);
      total += mg_interval_index_query (index, a, a + VIEWPORT, found);
    }
  report ("viewport query", g_get_monotonic_time () - t0, N_QUERIES);
  printf ("%-28s %10.1f passages per viewport\n", "", (double) total / N_QUERIES);

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < N_QUERIES; i++)
    {
      g_array_set_size (found, 0);
      mg_interval_index_query_point (index, g_rand_int_range (rand, 0, TEXT_LENGTH), found);
    }
  report ("point query", g_get_monotonic_time () - t0, N_QUERIES);
}

static void
bench_edits (MgIntervalIndex *index,
             GRand           *rand)
{
  g_autofree MgInterval *added = g_new (MgInterval, N_EDITS);
  gint64 t0 = g_get_monotonic_time ();

  for (int i = 0; i < N_EDITS; i++)
    {
      added[i] = random_passage (rand, N_PASSAGES + i);
      mg_interval_index_insert (index, added[i].start, added[i].end, added[i].id);
    }
  report ("insert", g_get_monotonic_time () - t0, N_EDITS);

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < N_EDITS; i++)
    if (!mg_interval_index_remove (index, added[i].start, added[i].end, added[i].id))
      g_error ("a passage just inserted was not found");
  report ("remove", g_get_monotonic_time () - t0, N_EDITS);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree MgInterval *passages = g_new (MgInterval, N_PASSAGES);
  g_autoptr(MgIntervalIndex) index = NULL;
  long rss_before;
  gint64 t0;

  for (int i = 0; i < N_PASSAGES; i++)
    passages[i] = random_passage (rand, i);
  rss_before = peak_rss_kib ();

  t0 = g_get_monotonic_time ();
  index = mg_interval_index_new_from_array (passages, N_PASSAGES);
  printf ("build %d passages over %d code points: %.1f ms\n", N_PASSAGES, TEXT_LENGTH,
          (g_get_monotonic_time () - t0) / 1000.0);

  bench_queries (index, rand);
  bench_edits (index, rand);

  printf ("index memory: %.1f KiB; peak RSS %ld KiB (%ld KiB before the build)\n",
          mg_interval_index_get_memory_size (index) / 1024.0, peak_rss_kib (), rss_before);
  return 0;
}
