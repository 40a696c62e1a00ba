/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How overlapping, nested and touching passages are cut into painted segments. */
#include "config.h"

#include "mg-highlight-layout.h"

#define RED 0xe01b24
#define BLUE 0x3584e4
#define GREEN 0x2ec27e

static void
assert_segment (GArray  *segments,
                guint    index,
                gint64   start,
                gint64   end,
                guint    n_colours,
                guint32  first_colour)
{
  MgHighlightSegment *segment;

  g_assert_cmpuint (index, <, segments->len);
  segment = &g_array_index (segments, MgHighlightSegment, index);
  g_assert_cmpint (segment->start, ==, start);
  g_assert_cmpint (segment->end, ==, end);
  g_assert_cmpuint (segment->n_colours, ==, n_colours);
  g_assert_cmphex (segment->colours[0], ==, first_colour);
}

static void
test_no_passages (void)
{
  g_autoptr(GArray) segments = mg_highlight_layout_segments (NULL, 0, 0, 100);

  g_assert_cmpuint (segments->len, ==, 0);
}

static void
test_overlapping (void)
{
  MgPassageSpan spans[] = { { 5, 15, BLUE, 2 }, { 0, 10, RED, 1 } };
  g_autoptr(GArray) segments = mg_highlight_layout_segments (spans, 2, 0, 100);

  g_assert_cmpuint (segments->len, ==, 3);
  assert_segment (segments, 0, 0, 5, 1, RED);
  assert_segment (segments, 1, 5, 10, 2, RED);
  g_assert_cmphex (g_array_index (segments, MgHighlightSegment, 1).colours[1], ==, BLUE);
  assert_segment (segments, 2, 10, 15, 1, BLUE);
}

static void
test_nested_and_touching (void)
{
  MgPassageSpan spans[] = {
    { 0, 20, RED, 1 }, { 5, 8, GREEN, 2 }, { 20, 30, BLUE, 3 },
  };
  g_autoptr(GArray) segments = mg_highlight_layout_segments (spans, 3, 0, 100);

  g_assert_cmpuint (segments->len, ==, 4);
  assert_segment (segments, 0, 0, 5, 1, RED);
  assert_segment (segments, 1, 5, 8, 2, RED);
  assert_segment (segments, 2, 8, 20, 1, RED);
  /* Touching is not overlapping: the end is exclusive. */
  assert_segment (segments, 3, 20, 30, 1, BLUE);
}

static void
test_range_clips (void)
{
  MgPassageSpan spans[] = { { 0, 50, RED, 1 }, { 60, 70, BLUE, 2 }, { 90, 95, GREEN, 3 } };
  g_autoptr(GArray) segments = mg_highlight_layout_segments (spans, 3, 40, 65);

  g_assert_cmpuint (segments->len, ==, 2);
  assert_segment (segments, 0, 40, 50, 1, RED);
  assert_segment (segments, 1, 60, 65, 1, BLUE);
}

static void
test_blend_is_bounded (void)
{
  MgPassageSpan spans[6];
  g_autoptr(GArray) segments = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    spans[i] = (MgPassageSpan) { i, 100, RED + i, i };
  segments = mg_highlight_layout_segments (spans, G_N_ELEMENTS (spans), 0, 100);
  /* Past four passages the blend keeps the four that started first. */
  assert_segment (segments, segments->len - 1, 5, 100, MG_HIGHLIGHT_MAX_BLEND, RED);
}

static void
test_blend_colour (void)
{
  guint32 one[] = { 0xff0000 };
  guint32 two[] = { 0xff0000, 0x0000ff };
  guint32 single = mg_highlight_layout_blend (one, 1, FALSE);
  guint32 pair = mg_highlight_layout_blend (two, 2, FALSE);
  guint32 dark = mg_highlight_layout_blend (one, 1, TRUE);

  g_assert_cmphex (single >> 8, ==, 0xff0000);
  g_assert_cmphex (pair >> 8, ==, 0x7f007f);
  /* Nested passages read deeper; the dark style needs a deeper wash than the light one. */
  g_assert_cmpuint (pair & 0xff, >, single & 0xff);
  g_assert_cmpuint (dark & 0xff, >, single & 0xff);
  g_assert_cmpuint (pair & 0xff, <=, 0.7 * 255 + 1);
}

static void
test_many_passages_fast (void)
{
  g_autofree MgPassageSpan *spans = g_new (MgPassageSpan, 50000);
  g_autoptr(GArray) segments = NULL;
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 50000; i++)
    {
      gint64 start = g_rand_int_range (rand, 0, 10000000 - 500);
      spans[i] = (MgPassageSpan) { start, start + g_rand_int_range (rand, 1, 500), BLUE, i };
    }
  g_rand_free (rand);
  segments = mg_highlight_layout_segments (spans, 50000, 0, 10000000);
  g_assert_cmpuint (segments->len, >=, 50000);
  for (guint i = 1; i < segments->len; i++)
    g_assert_cmpint (g_array_index (segments, MgHighlightSegment, i - 1).end, <=,
                     g_array_index (segments, MgHighlightSegment, i).start);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlight-layout/no-passages", test_no_passages);
  g_test_add_func ("/highlight-layout/overlapping", test_overlapping);
  g_test_add_func ("/highlight-layout/nested-and-touching", test_nested_and_touching);
  g_test_add_func ("/highlight-layout/range-clips", test_range_clips);
  g_test_add_func ("/highlight-layout/blend-is-bounded", test_blend_is_bounded);
  g_test_add_func ("/highlight-layout/blend-colour", test_blend_colour);
  g_test_add_func ("/highlight-layout/many-passages", test_many_passages_fast);
  return g_test_run ();
}
