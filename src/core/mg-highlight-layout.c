/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How tagged passages are painted: the text is cut where any passage starts or ends, and each
 * piece gets one colour blended from every passage over it, so overlapping and nested
 * passages all stay visible. Kept apart from GTK so it is tested without a display. */
#include "config.h"

#include "mg-highlight-layout.h"

typedef struct
{
  gint64 offset;
  gint64 order;       /* the span's index: ties keep the passage that started first first */
  guint32 colour;
  gboolean opens;
} Boundary;

static int
compare_boundaries (gconstpointer a,
                    gconstpointer b)
{
  const Boundary *x = a;
  const Boundary *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  /* At one offset, closings first: touching passages do not overlap (ends are exclusive). */
  if (x->opens != y->opens)
    return x->opens ? 1 : -1;
  return x->order < y->order ? -1 : (x->order > y->order);
}

static GArray *
collect_boundaries (const MgPassageSpan *spans,
                    guint                n_spans,
                    gint64               range_start,
                    gint64               range_end)
{
  GArray *boundaries = g_array_sized_new (FALSE, FALSE, sizeof (Boundary), n_spans * 2);

  for (guint i = 0; i < n_spans; i++)
    {
      gint64 start = MAX (spans[i].start, range_start);
      gint64 end = MIN (spans[i].end, range_end);
      Boundary open = { start, i, spans[i].colour, TRUE };
      Boundary close = { end, i, spans[i].colour, FALSE };

      if (start >= end)
        continue;
      g_array_append_val (boundaries, open);
      g_array_append_val (boundaries, close);
    }
  g_array_sort (boundaries, compare_boundaries);
  return boundaries;
}

/* The open passages, in the order they opened, as a small ordered list of (order, colour). */
typedef struct
{
  GArray *orders;
  GArray *colours;
} OpenSet;

static void
open_set_add (OpenSet        *set,
              const Boundary *boundary)
{
  g_array_append_val (set->orders, boundary->order);
  g_array_append_val (set->colours, boundary->colour);
}

static void
open_set_remove (OpenSet        *set,
                 const Boundary *boundary)
{
  for (guint i = 0; i < set->orders->len; i++)
    if (g_array_index (set->orders, gint64, i) == boundary->order)
      {
        g_array_remove_index (set->orders, i);
        g_array_remove_index (set->colours, i);
        return;
      }
}

static void
emit_segment (GArray  *segments,
              OpenSet *set,
              gint64   start,
              gint64   end)
{
  MgHighlightSegment segment = { start, end, 0, { 0 } };

  if (start >= end || set->colours->len == 0)
    return;
  segment.n_colours = MIN (set->colours->len, MG_HIGHLIGHT_MAX_BLEND);
  for (guint i = 0; i < segment.n_colours; i++)
    segment.colours[i] = g_array_index (set->colours, guint32, i);
  g_array_append_val (segments, segment);
}

/**
 * mg_highlight_layout_segments:
 * @spans: (array length=n_spans): the passages, in any order
 * @range_start: the first offset to lay out
 * @range_end: the offset after the last one
 *
 * Cuts [@range_start, @range_end) into the segments to paint.
 *
 * Returns: (transfer full) (element-type MgHighlightSegment): segments by start; text that no
 *   passage covers has none
 */
GArray *
mg_highlight_layout_segments (const MgPassageSpan *spans,
                              guint                n_spans,
                              gint64               range_start,
                              gint64               range_end)
{
  g_autoptr(GArray) boundaries = collect_boundaries (spans, n_spans, range_start, range_end);
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (MgHighlightSegment));
  OpenSet set = {
    g_array_new (FALSE, FALSE, sizeof (gint64)),
    g_array_new (FALSE, FALSE, sizeof (guint32)),
  };
  gint64 previous = range_start;

  for (guint i = 0; i < boundaries->len; i++)
    {
      const Boundary *boundary = &g_array_index (boundaries, Boundary, i);

      emit_segment (segments, &set, previous, boundary->offset);
      previous = boundary->offset;
      if (boundary->opens)
        open_set_add (&set, boundary);
      else
        open_set_remove (&set, boundary);
    }
  g_array_unref (set.orders);
  g_array_unref (set.colours);
  return segments;
}

/**
 * mg_highlight_layout_blend:
 * @colours: (array length=n_colours): the colours of the passages over a segment
 * @dark: %TRUE when the text is light on dark
 *
 * Mixes the colours into one translucent highlight: the mean hue, a little more opaque with
 * each passage, so a nested passage reads darker than its surroundings yet the text on it
 * stays legible in both light and dark styles.
 *
 * Returns: the highlight as 0xRRGGBBAA
 */
guint32
mg_highlight_layout_blend (const guint32 *colours,
                           guint          n_colours,
                           gboolean       dark)
{
  /* One passage: a wash that dark text reads through; light text needs a deeper one. */
  double base_alpha = dark ? 0.45 : 0.35;
  double alpha = 0;
  guint red = 0, green = 0, blue = 0;

  g_return_val_if_fail (n_colours > 0, 0);

  for (guint i = 0; i < n_colours; i++)
    {
      red += (colours[i] >> 16) & 0xff;
      green += (colours[i] >> 8) & 0xff;
      blue += colours[i] & 0xff;
      alpha = alpha + base_alpha * (1 - alpha);
    }
  alpha = MIN (alpha, 0.7);
  return ((red / n_colours) << 24) | ((green / n_colours) << 16) | ((blue / n_colours) << 8)
         | (guint32) (alpha * 255 + 0.5);
}
