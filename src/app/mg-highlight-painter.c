/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Paints tagged passages into the reader as text tags, one per blended colour. A long
 * document is painted visible range first, the rest in time-boxed slices on an idle source,
 * so opening a book with tens of thousands of passages never freezes the window. */
#include "config.h"

#include <adwaita.h>

#include "mg-highlight-painter.h"
#include "mg-interval-index.h"

/* Time one slice may take: well inside a frame at 60 Hz, with room for the frame itself. */
/* What the first paint covers at least: a screenful even while the view has not laid out
 * its lines yet and cannot tell how much of the text is in sight. */
#define FIRST_PAINT_MIN_CHARS 20000
#define SLICE_BUDGET_USEC 6000

struct _MgHighlightPainter
{
  GObject parent_instance;

  GtkTextView *view;              /* weak: the view owns the painter */
  GArray *spans;                  /* MgPassageSpan */
  GArray *segments;               /* MgHighlightSegment still to paint, by start */
  guint next_segment;
  gint64 painted_start;           /* the range painted first (the visible one) */
  gint64 painted_end;
  MgIntervalIndex *index;         /* the spans, for what lies under the pointer; NULL when stale */
  GHashTable *tags;               /* blended 0xRRGGBBAA -> GtkTextTag */
  GtkTextTag *note_tag;           /* marks passages that carry a note */
  GHashTable *outline_tags;       /* 0xRRGGBB -> GtkTextTag underlining a compared set */
  guint idle_id;
  gboolean dark;
};

G_DEFINE_FINAL_TYPE (MgHighlightPainter, mg_highlight_painter, G_TYPE_OBJECT)

static GtkTextBuffer *
buffer_of (MgHighlightPainter *self)
{
  return gtk_text_view_get_buffer (self->view);
}

static GtkTextTag *
tag_for (MgHighlightPainter       *self,
         const MgHighlightSegment *segment)
{
  guint32 rgba = mg_highlight_layout_blend (segment->colours, segment->n_colours, self->dark);
  GtkTextTag *tag = g_hash_table_lookup (self->tags, GUINT_TO_POINTER (rgba));
  GdkRGBA colour = {
    ((rgba >> 24) & 0xff) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
    ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0,
  };

  if (tag != NULL)
    return tag;
  tag = gtk_text_buffer_create_tag (buffer_of (self), NULL, "background-rgba", &colour, NULL);
  /* Below every other tag: entity underlines and the current mention stay visible on top. */
  gtk_text_tag_set_priority (tag, 0);
  g_hash_table_insert (self->tags, GUINT_TO_POINTER (rgba), tag);
  return tag;
}

static void
paint_segment (MgHighlightPainter       *self,
               const MgHighlightSegment *segment)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) segment->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) segment->end);
  gtk_text_buffer_apply_tag (buffer, tag_for (self, segment), &start, &end);
}

static void
clear_range (MgHighlightPainter *self,
             gint64              from,
             gint64              to)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextIter start, end;
  GHashTableIter iter;
  gpointer tag;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
  if (to < 0)
    gtk_text_buffer_get_end_iter (buffer, &end);
  else
    gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) to);
  g_hash_table_iter_init (&iter, self->tags);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  if (self->note_tag != NULL)
    gtk_text_buffer_remove_tag (buffer, self->note_tag, &start, &end);
  g_hash_table_iter_init (&iter, self->outline_tags);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
}

/* A compared set's passage is underlined in its code's colour, so it reads apart from
 * the reader's own fills over the same words. */
static void
mark_outline (MgHighlightPainter  *self,
              const MgPassageSpan *span)
{
  GtkTextBuffer *buffer = buffer_of (self);
  GtkTextTag *tag = g_hash_table_lookup (self->outline_tags, GUINT_TO_POINTER (span->colour));
  GtkTextIter start, end;

  if (tag == NULL)
    {
      GdkRGBA colour = { ((span->colour >> 16) & 0xff) / 255.0,
                         ((span->colour >> 8) & 0xff) / 255.0,
                         (span->colour & 0xff) / 255.0, 1.0 };

      tag = gtk_text_buffer_create_tag (buffer, NULL, "underline", PANGO_UNDERLINE_SINGLE,
                                        "underline-rgba", &colour, NULL);
      gtk_text_tag_set_priority (tag, 0);
      g_hash_table_insert (self->outline_tags, GUINT_TO_POINTER (span->colour), tag);
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) span->end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* A passage with a note gets a dotted underline, so notes are seen while reading, not only
 * in the Annotations page; a compared set's passage its underline. Few passages carry notes
 * and a comparison is of few passages: a scan of them all is cheap. */
static void
mark_notes (MgHighlightPainter *self,
            gint64              from,
            gint64              to)
{
  GtkTextBuffer *buffer = buffer_of (self);

  for (guint i = 0; i < self->spans->len; i++)
    {
      const MgPassageSpan *span = &g_array_index (self->spans, MgPassageSpan, i);
      GtkTextIter start, end;

      if (span->end <= from || span->start >= to)
        continue;
      if (span->outline)
        mark_outline (self, span);
      if (!span->has_note)
        continue;
      /* Wavy, to tell it from the entities' double underline; grey, not a speller's red. */
      if (self->note_tag == NULL)
        self->note_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                     "underline", PANGO_UNDERLINE_ERROR,
                                                     "underline-rgba",
                                                     &(GdkRGBA) { 0.47, 0.46, 0.5, 1.0 },
                                                     NULL);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) span->end);
      gtk_text_buffer_apply_tag (buffer, self->note_tag, &start, &end);
    }
}

static void
visible_range (MgHighlightPainter *self,
               gint64             *out_start,
               gint64             *out_end)
{
  GdkRectangle rect;
  GtkTextIter start, end;

  gtk_text_view_get_visible_rect (self->view, &rect);
  gtk_text_view_get_iter_at_location (self->view, &start, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (self->view, &end, rect.x + rect.width,
                                      rect.y + rect.height);
  gtk_text_iter_forward_line (&end);
  *out_start = gtk_text_iter_get_offset (&start);
  *out_end = MAX (gtk_text_iter_get_offset (&end), *out_start + FIRST_PAINT_MIN_CHARS);
}

static gboolean
is_painted_first (MgHighlightPainter       *self,
                  const MgHighlightSegment *segment)
{
  return segment->start >= self->painted_start && segment->end <= self->painted_end;
}

static gboolean
paint_slice (gpointer user_data)
{
  MgHighlightPainter *self = user_data;
  gint64 deadline = g_get_monotonic_time () + SLICE_BUDGET_USEC;

  while (self->next_segment < self->segments->len)
    {
      const MgHighlightSegment *segment = &g_array_index (self->segments, MgHighlightSegment,
                                                          self->next_segment++);

      if (!is_painted_first (self, segment))
        paint_segment (self, segment);
      if ((self->next_segment & 31) == 0 && g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }
  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* The visible range first, at once; a segment crossing its edges is painted whole. */
static void
paint_visible (MgHighlightPainter *self)
{
  visible_range (self, &self->painted_start, &self->painted_end);
  for (guint i = 0; i < self->segments->len; i++)
    {
      MgHighlightSegment *segment = &g_array_index (self->segments, MgHighlightSegment, i);

      if (segment->start >= self->painted_end)
        break;
      if (segment->end > self->painted_start)
        {
          paint_segment (self, segment);
          self->painted_start = MIN (self->painted_start, segment->start);
          self->painted_end = MAX (self->painted_end, segment->end);
        }
    }
}

static void
repaint_all (MgHighlightPainter *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  clear_range (self, 0, -1);
  g_array_unref (self->segments);
  self->segments = mg_highlight_layout_segments ((MgPassageSpan *) (gpointer) self->spans->data,
                                                 self->spans->len, 0, G_MAXINT64);
  self->next_segment = 0;
  mark_notes (self, 0, G_MAXINT64);
  paint_visible (self);
  if (self->segments->len > 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, paint_slice, self, NULL);
}

/* The blends differ between the light and dark styles: drop every tag and paint anew. */
static void
on_dark_changed (MgHighlightPainter *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer_of (self));
  GHashTableIter iter;
  gpointer tag;

  clear_range (self, 0, -1);
  g_hash_table_iter_init (&iter, self->tags);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    gtk_text_tag_table_remove (table, tag);
  g_hash_table_remove_all (self->tags);
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  repaint_all (self);
}

static void
mg_highlight_painter_dispose (GObject *object)
{
  MgHighlightPainter *self = MG_HIGHLIGHT_PAINTER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);

  G_OBJECT_CLASS (mg_highlight_painter_parent_class)->dispose (object);
}

static void
mg_highlight_painter_finalize (GObject *object)
{
  MgHighlightPainter *self = MG_HIGHLIGHT_PAINTER (object);

  g_array_unref (self->spans);
  g_array_unref (self->segments);
  g_clear_pointer (&self->index, mg_interval_index_free);
  g_hash_table_unref (self->tags);
  g_hash_table_unref (self->outline_tags);

  G_OBJECT_CLASS (mg_highlight_painter_parent_class)->finalize (object);
}

static void
mg_highlight_painter_class_init (MgHighlightPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_highlight_painter_dispose;
  object_class->finalize = mg_highlight_painter_finalize;
}

static void
mg_highlight_painter_init (MgHighlightPainter *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (MgPassageSpan));
  self->segments = g_array_new (FALSE, FALSE, sizeof (MgHighlightSegment));
  self->tags = g_hash_table_new (NULL, NULL);
  self->outline_tags = g_hash_table_new (NULL, NULL);
}

/**
 * mg_highlight_painter_new:
 * @view: the reader's text view; the painter must not outlive it
 *
 * Returns: (transfer full): a painter with nothing to paint
 */
MgHighlightPainter *
mg_highlight_painter_new (GtkTextView *view)
{
  MgHighlightPainter *self = g_object_new (MG_TYPE_HIGHLIGHT_PAINTER, NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->view = view;
  self->dark = adw_style_manager_get_dark (style);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
replace_spans (MgHighlightPainter  *self,
               const MgPassageSpan *spans,
               guint                n_spans)
{
  g_array_set_size (self->spans, 0);
  g_array_append_vals (self->spans, spans, n_spans);
  /* Rebuilt when next asked: a burst of edits costs one build, not one each. */
  g_clear_pointer (&self->index, mg_interval_index_free);
}

static MgIntervalIndex *
ensure_index (MgHighlightPainter *self)
{
  g_autoptr(GArray) intervals = NULL;

  if (self->index != NULL)
    return self->index;
  intervals = g_array_sized_new (FALSE, FALSE, sizeof (MgInterval), self->spans->len);
  for (guint i = 0; i < self->spans->len; i++)
    {
      const MgPassageSpan *span = &g_array_index (self->spans, MgPassageSpan, i);
      MgInterval interval = { span->start, span->end, span->id };

      g_array_append_val (intervals, interval);
    }
  self->index = mg_interval_index_new_from_array ((MgInterval *) (gpointer) intervals->data,
                                                  intervals->len);
  return self->index;
}

/**
 * mg_highlight_painter_set_passages:
 * @spans: (array length=n_spans): every passage of the document
 *
 * Paints the document's passages anew: the visible range before this returns, the rest in
 * slices afterwards.
 */
void
mg_highlight_painter_set_passages (MgHighlightPainter  *self,
                                   const MgPassageSpan *spans,
                                   guint                n_spans)
{
  g_return_if_fail (MG_IS_HIGHLIGHT_PAINTER (self));

  replace_spans (self, spans, n_spans);
  repaint_all (self);
}

/**
 * mg_highlight_painter_update:
 * @spans: (array length=n_spans): every passage of the document, after the change
 * @changed_start: the first offset the change touched
 * @changed_end: the offset after the last one
 *
 * Repaints only what one action changed (a passage tagged, recoded, resized or removed), so
 * an action costs the same in a short note and in a book.
 */
void
mg_highlight_painter_update (MgHighlightPainter  *self,
                             const MgPassageSpan *spans,
                             guint                n_spans,
                             gint64               changed_start,
                             gint64               changed_end)
{
  g_autoptr(GArray) segments = NULL;

  g_return_if_fail (MG_IS_HIGHLIGHT_PAINTER (self));

  replace_spans (self, spans, n_spans);
  /* A full paint still under way would lay stale segments over the change: start it again. */
  if (self->idle_id != 0)
    {
      repaint_all (self);
      return;
    }
  clear_range (self, changed_start, changed_end);
  segments = mg_highlight_layout_segments (spans, n_spans, changed_start, changed_end);
  for (guint i = 0; i < segments->len; i++)
    paint_segment (self, &g_array_index (segments, MgHighlightSegment, i));
  mark_notes (self, changed_start, changed_end);
}

/**
 * mg_highlight_painter_is_complete:
 *
 * Returns: %TRUE once every passage is painted
 */
gboolean
mg_highlight_painter_is_complete (MgHighlightPainter *self)
{
  g_return_val_if_fail (MG_IS_HIGHLIGHT_PAINTER (self), FALSE);
  return self->idle_id == 0;
}

/**
 * mg_highlight_painter_passages_at:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the passages over @offset, the
 *   shortest (innermost) first, so a click picks the passage the reader sees on top
 */
GArray *
mg_highlight_painter_passages_at (MgHighlightPainter *self,
                                  gint64              offset)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (MgInterval));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (MG_IS_HIGHLIGHT_PAINTER (self), ids);

  mg_interval_index_query_point (ensure_index (self), offset, found);
  for (guint i = 0; i < found->len; i++)
    {
      const MgInterval *interval = &g_array_index (found, MgInterval, i);
      gint64 length = interval->end - interval->start;
      guint at = 0;

      while (at < lengths->len && g_array_index (lengths, gint64, at) <= length)
        at++;
      g_array_insert_val (lengths, at, length);
      g_array_insert_val (ids, at, interval->id);
    }
  return ids;
}

/**
 * mg_highlight_painter_colour_at:
 *
 * Returns: the highlight painted at @offset as 0xRRGGBBAA, 0 when there is none
 */
guint32
mg_highlight_painter_colour_at (MgHighlightPainter *self,
                                gint64              offset)
{
  GtkTextIter iter;
  GHashTableIter tags;
  gpointer key, tag;

  g_return_val_if_fail (MG_IS_HIGHLIGHT_PAINTER (self), 0);

  gtk_text_buffer_get_iter_at_offset (buffer_of (self), &iter, (int) offset);
  g_hash_table_iter_init (&tags, self->tags);
  while (g_hash_table_iter_next (&tags, &key, &tag))
    if (gtk_text_iter_has_tag (&iter, tag))
      return GPOINTER_TO_UINT (key);
  return 0;
}
