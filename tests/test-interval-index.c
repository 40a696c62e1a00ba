/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgIntervalIndex against a brute-force oracle on random data (fixed seeds), and the edge
 * cases a reader meets: nothing, empty passages, nested and touching ones. */
#include <stdlib.h>

#include "mg-interval-index.h"

/* The definition the index must follow, written the slow and obvious way. */
static gboolean
oracle_overlaps (const MgInterval *interval,
                 gint64            start,
                 gint64            end)
{
  if (start >= end)
    return FALSE;
  if (interval->start == interval->end)
    return start <= interval->start && interval->start < end;
  return interval->start < end && start < interval->end;
}

static int
compare_intervals (const void *a,
                   const void *b)
{
  const MgInterval *x = a;
  const MgInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static GArray *
oracle_query (GArray *all,
              gint64  start,
              gint64  end)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (MgInterval));

  for (guint i = 0; i < all->len; i++)
    if (oracle_overlaps (&g_array_index (all, MgInterval, i), start, end))
      g_array_append_val (found, g_array_index (all, MgInterval, i));
  g_array_sort (found, compare_intervals);
  return found;
}

static void
assert_same (GArray *expected,
             GArray *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      MgInterval *e = &g_array_index (expected, MgInterval, i);
      MgInterval *g = &g_array_index (got, MgInterval, i);

      g_assert_cmpint (g->start, ==, e->start);
      g_assert_cmpint (g->end, ==, e->end);
      g_assert_cmpint (g->id, ==, e->id);
    }
}

static void
assert_query (MgIntervalIndex *index,
              GArray          *all,
              gint64           start,
              gint64           end)
{
  g_autoptr(GArray) expected = oracle_query (all, start, end);
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  guint n = mg_interval_index_query (index, start, end, got);

  g_assert_cmpuint (n, ==, got->len);
  assert_same (expected, got);
}

/* Ids as a list of the matches, "1,3", for readable expectations in the small cases. */
static char *
query_ids (MgIntervalIndex *index,
           gint64           start,
           gint64           end)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  GString *ids = g_string_new ("");

  mg_interval_index_query (index, start, end, got);
  for (guint i = 0; i < got->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (got, MgInterval, i).id);
  return g_string_free (ids, FALSE);
}

static char *
point_ids (MgIntervalIndex *index,
           gint64           point)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  GString *ids = g_string_new ("");

  mg_interval_index_query_point (index, point, got);
  for (guint i = 0; i < got->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (got, MgInterval, i).id);
  return g_string_free (ids, FALSE);
}

#define assert_ids(expr, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = (expr); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

static void
test_empty (void)
{
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new ();
  g_autoptr(MgIntervalIndex) built = mg_interval_index_new_from_array (NULL, 0);

  g_assert_cmpuint (mg_interval_index_get_size (index), ==, 0);
  assert_ids (query_ids (index, 0, 100), "");
  assert_ids (point_ids (index, 0), "");
  g_assert_false (mg_interval_index_remove (index, 0, 1, 1));
  assert_ids (query_ids (built, G_MININT64, G_MAXINT64), "");
  g_assert_cmpuint (mg_interval_index_get_memory_size (built), >, 0);
}

static void
test_degenerate (void)
{
  MgInterval intervals[] = { { 5, 5, 1 }, { 0, 10, 2 }, { 10, 10, 3 } };
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new_from_array (intervals, 3);

  /* An empty range matches nothing, even inside a passage. */
  assert_ids (query_ids (index, 5, 5), "");
  assert_ids (query_ids (index, 7, 3), "");
  /* An empty passage lies at its start. */
  assert_ids (query_ids (index, 5, 6), "2,1");
  assert_ids (query_ids (index, 4, 5), "2");
  assert_ids (point_ids (index, 5), "2,1");
  assert_ids (point_ids (index, 10), "3");
  assert_ids (query_ids (index, 0, 11), "2,1,3");
  g_assert_true (mg_interval_index_remove (index, 5, 5, 1));
  assert_ids (point_ids (index, 5), "2");
}

static void
test_touching (void)
{
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new ();

  mg_interval_index_insert (index, 5, 10, 2);
  mg_interval_index_insert (index, 0, 5, 1);
  mg_interval_index_insert (index, 10, 15, 3);
  /* End exclusive: the character at 5 belongs to the second passage only. */
  assert_ids (point_ids (index, 4), "1");
  assert_ids (point_ids (index, 5), "2");
  assert_ids (point_ids (index, 15), "");
  assert_ids (query_ids (index, 0, 5), "1");
  assert_ids (query_ids (index, 5, 10), "2");
  assert_ids (query_ids (index, 4, 11), "1,2,3");
  assert_ids (point_ids (index, -1), "");
}

static void
test_nested (void)
{
  MgInterval intervals[] = {
    { 0, 100, 1 }, { 10, 20, 2 }, { 15, 30, 3 }, { 20, 25, 4 }, { 10, 20, 5 }, { 90, 200, 6 },
  };
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new_from_array (intervals, 6);

  assert_ids (point_ids (index, 17), "1,2,5,3");
  assert_ids (point_ids (index, 20), "1,3,4");
  assert_ids (point_ids (index, 95), "1,6");
  assert_ids (point_ids (index, 150), "6");
  assert_ids (query_ids (index, 26, 90), "1,3");
  /* The same span twice, told apart by id. */
  g_assert_true (mg_interval_index_remove (index, 10, 20, 5));
  g_assert_false (mg_interval_index_remove (index, 10, 20, 5));
  g_assert_false (mg_interval_index_remove (index, 10, 21, 2));
  assert_ids (point_ids (index, 17), "1,2,3");
  g_assert_cmpuint (mg_interval_index_get_size (index), ==, 5);
}

static void
test_duplicates (void)
{
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new ();

  for (int i = 0; i < 200; i++)
    mg_interval_index_insert (index, 7, 9, 1);
  g_assert_cmpuint (mg_interval_index_get_size (index), ==, 200);
  for (int i = 0; i < 200; i++)
    g_assert_true (mg_interval_index_remove (index, 7, 9, 1));
  g_assert_false (mg_interval_index_remove (index, 7, 9, 1));
  assert_ids (point_ids (index, 8), "");
}

static MgInterval
random_interval (GRand  *rand,
                 gint64  text_length,
                 gint64  id)
{
  MgInterval interval;
  gint64 length;

  interval.start = g_rand_int_range (rand, 0, (gint32) text_length);
  /* Mostly short passages, some empty, a few spanning much of the text. */
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      length = 0;
      break;
    case 1:
      length = g_rand_int_range (rand, 0, (gint32) text_length);
      break;
    default:
      length = g_rand_int_range (rand, 1, 50);
    }
  interval.end = interval.start + length;
  interval.id = id;
  return interval;
}

static void
assert_random_queries (MgIntervalIndex *index,
                       GArray          *all,
                       GRand           *rand,
                       gint64           text_length,
                       int              n_queries)
{
  for (int q = 0; q < n_queries; q++)
    {
      gint64 a = g_rand_int_range (rand, -10, (gint32) text_length + 10);
      gint64 b = a + g_rand_int_range (rand, -2, q % 4 == 0 ? (gint32) text_length : 80);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (MgInterval));
      g_autoptr(GArray) expected = oracle_query (all, a, a + 1);

      assert_query (index, all, a, b);
      mg_interval_index_query_point (index, a, got);
      assert_same (expected, got);
    }
}

static void
test_random_build (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + n);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  g_autoptr(MgIntervalIndex) index = NULL;
  gint64 text_length = MAX (100, n * 20);

  for (guint i = 0; i < n; i++)
    {
      MgInterval interval = random_interval (rand, text_length, i);
      g_array_append_val (all, interval);
    }
  index = mg_interval_index_new_from_array ((MgInterval *) (gpointer) all->data, all->len);
  g_assert_cmpuint (mg_interval_index_get_size (index), ==, n);
  assert_random_queries (index, all, rand, text_length, 300);
}

static void
remove_random (MgIntervalIndex *index,
               GArray          *all,
               GRand           *rand)
{
  guint victim = g_rand_int_range (rand, 0, (gint32) all->len);
  MgInterval interval = g_array_index (all, MgInterval, victim);

  g_assert_true (mg_interval_index_remove (index, interval.start, interval.end, interval.id));
  g_array_remove_index_fast (all, victim);
}

/* Inserts and removals in random order, checked after each burst, down to nothing again,
 * so chunks split, thin out, merge and vanish. */
static void
test_random_edits (gconstpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  g_autoptr(MgIntervalIndex) index = mg_interval_index_new ();
  gint64 text_length = 20000;
  gint64 next_id = 1;

  for (int round = 0; round < 40; round++)
    {
      gboolean growing = round < 25;

      for (int i = 0; i < 150; i++)
        {
          if (all->len > 0 && g_rand_int_range (rand, 0, 10) < (growing ? 3 : 8))
            remove_random (index, all, rand);
          else
            {
              MgInterval interval = random_interval (rand, text_length, next_id++);
              mg_interval_index_insert (index, interval.start, interval.end, interval.id);
              g_array_append_val (all, interval);
            }
        }
      g_assert_cmpuint (mg_interval_index_get_size (index), ==, all->len);
      assert_random_queries (index, all, rand, text_length, 40);
    }
  while (all->len > 0)
    remove_random (index, all, rand);
  g_assert_cmpuint (mg_interval_index_get_size (index), ==, 0);
  assert_ids (query_ids (index, G_MININT64, G_MAXINT64), "");
}

int
main (int argc, char *argv[])
{
  const guint sizes[] = { 1, 2, 47, 48, 49, 63, 64, 65, 1000, 20000 };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interval-index/empty", test_empty);
  g_test_add_func ("/interval-index/degenerate", test_degenerate);
  g_test_add_func ("/interval-index/touching", test_touching);
  g_test_add_func ("/interval-index/nested", test_nested);
  g_test_add_func ("/interval-index/duplicates", test_duplicates);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interval-index/random-build/%u", sizes[i]);
      g_test_add_data_func (path, GUINT_TO_POINTER (sizes[i]), test_random_build);
    }
  for (guint seed = 1; seed <= 4; seed++)
    {
      g_autofree char *path = g_strdup_printf ("/interval-index/random-edits/%u", seed);
      g_test_add_data_func (path, GUINT_TO_POINTER (seed), test_random_edits);
    }
  return g_test_run ();
}
