/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many overlapping passages a segment blends; more are rare and would only muddy it. */
#define MG_HIGHLIGHT_MAX_BLEND 4

/* The least contrast of the text on a highlight: WCAG's AA for body text. */
#define MG_HIGHLIGHT_MIN_TEXT_CONTRAST 4.5

/**
 * MgPassageSpan:
 * @start: code-point offset of the passage's first character
 * @end: code-point offset just after it
 * @colour: its code's colour as 0xRRGGBB
 * @id: the annotation's id
 * @has_note: whether the passage carries a note (it is marked in the text)
 * @outline: a passage of a set compared with the reader's (see the Agreement view): drawn
 *   as an underline in its colour rather than blended into the fill
 */
typedef struct {
  gint64   start;
  gint64   end;
  guint32  colour;
  gint64   id;
  gboolean has_note;
  gboolean outline;
} MgPassageSpan;

/**
 * MgHighlightSegment:
 * @start: where the segment starts
 * @end: where it ends (exclusive)
 * @n_colours: how many passages cover it (up to %MG_HIGHLIGHT_MAX_BLEND are kept)
 * @colours: their colours, the passage that starts first first
 *
 * A stretch of text covered by the same passages: the unit painted with one blended colour.
 */
typedef struct {
  gint64  start;
  gint64  end;
  guint   n_colours;
  guint32 colours[MG_HIGHLIGHT_MAX_BLEND];
} MgHighlightSegment;

GArray      *mg_highlight_layout_segments   (const MgPassageSpan *spans,
                                             guint                n_spans,
                                             gint64               range_start,
                                             gint64               range_end);
guint32      mg_highlight_layout_blend      (const guint32       *colours,
                                             guint                n_colours,
                                             gboolean             dark);
double       mg_highlight_layout_text_contrast (guint32          colour,
                                                double           alpha,
                                                gboolean         dark);

G_END_DECLS
