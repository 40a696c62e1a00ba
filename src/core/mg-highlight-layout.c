/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How tagged passages are painted: the text is cut where any passage starts or ends, and each
 * piece gets one colour blended from every passage over it, so overlapping and nested
 * passages all stay visible. Kept apart from GTK so it is tested without a display. */
#include "config.h"

#include <math.h>

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

      if (start >= end || spans[i].outline)
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

/* An sRGB channel (0-255) in linear light, as WCAG 2 defines relative luminance. */
static double
linear (double channel)
{
  channel /= 255;
  return channel <= 0.03928 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

static double
luminance (double red,
           double green,
           double blue)
{
  return 0.2126 * linear (red) + 0.7152 * linear (green) + 0.0722 * linear (blue);
}

/**
 * mg_highlight_layout_text_contrast:
 * @colour: a highlight's colour as 0xRRGGBB
 * @alpha: its opacity
 * @dark: %TRUE for the dark style
 *
 * The WCAG contrast ratio of the reader's text on the highlight, laid over the reader's
 * background: libadwaita's view colours, #ffffff under black at 80% in the light style,
 * #1e1e1e under white in the dark one.
 *
 * Returns: the ratio, from 1 to 21
 */
double
mg_highlight_layout_text_contrast (guint32  colour,
                                   double   alpha,
                                   gboolean dark)
{
  double background = dark ? 0x1e : 0xff;
  double red = ((colour >> 16) & 0xff) * alpha + background * (1 - alpha);
  double green = ((colour >> 8) & 0xff) * alpha + background * (1 - alpha);
  double blue = (colour & 0xff) * alpha + background * (1 - alpha);
  double highlight = luminance (red, green, blue);
  double text = dark ? 1.0 : luminance (red * 0.2, green * 0.2, blue * 0.2);

  return (MAX (highlight, text) + 0.05) / (MIN (highlight, text) + 0.05);
}

/**
 * mg_highlight_layout_blend:
 * @colours: (array length=n_colours): the colours of the passages over a segment
 * @dark: %TRUE when the text is light on dark
 *
 * Mixes the colours into one translucent highlight: the mean hue, a little more opaque with
 * each passage, so a nested passage reads darker than its surroundings yet the text on it
 * stays legible in both light and dark styles: the wash is thinned until the text on it
 * keeps %MG_HIGHLIGHT_MIN_TEXT_CONTRAST, whatever the codes' colours.
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
  red /= n_colours;
  green /= n_colours;
  blue /= n_colours;
  /* Light codes (yellow, sky blue) deepened under white text, dark ones under black, would
   * fall below what a reader with low vision can read; a little to spare for the alpha's
   * rounding to 8 bits. */
  while (alpha > 0.1
         && mg_highlight_layout_text_contrast ((red << 16) | (green << 8) | blue, alpha, dark)
            < MG_HIGHLIGHT_MIN_TEXT_CONTRAST + 0.05)
    alpha -= 0.02;
  return (red << 24) | (green << 16) | (blue << 8) | (guint32) (alpha * 255 + 0.5);
}
