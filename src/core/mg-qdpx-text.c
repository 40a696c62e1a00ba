/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stored text is NFC with LF line ends; another tool counted its offsets in the text as it
 * wrote it, perhaps decomposed, perhaps with CRLF. The text is normalised in segments that
 * begin at each ASCII character: no canonical composition or reordering crosses into an ASCII
 * character, so the segments normalised apart give the NFC of the whole, and an offset at a
 * segment's start maps exactly. */
#include "config.h"

#include <stdlib.h>

#include "mg-qdpx-text.h"

/* A byte offset is kept every MARK_STRIDE code points, so a slice walks at most that far. */
#define MARK_STRIDE 256

struct _MgQdpxTextIndex
{
  const char *text;
  gint64 length;
  GArray *marks;
};

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = (*(MgQdpxOffset * const *) a)->original;
  gint64 y = (*(MgQdpxOffset * const *) b)->original;

  return (x > y) - (x < y);
}

static const char *
segment_end (const char *p)
{
  const char *end = p;

  if (*p == '\r')
    return p + 1;
  if ((guchar) *end < 0x80)
    end++;
  while (*end != '\0' && (guchar) *end >= 0x80)
    end = g_utf8_next_char (end);
  return end;
}

/* Offsets that fall inside a segment whose length changes map to the normalised length of
 * the part before them: the best place inside a composed character. */
static gint64
stored_inside (const char *segment,
               gint64      chars)
{
  const char *cut = g_utf8_offset_to_pointer (segment, chars);
  g_autofree char *part = g_utf8_normalize (segment, cut - segment, G_NORMALIZE_NFC);

  return g_utf8_strlen (part, -1);
}

typedef struct
{
  MgQdpxOffset **offsets;
  guint n;
  guint next;
  gint64 original;
  gint64 stored;
} Walk;

static void
resolve_at_or_before (Walk   *walk,
                      gint64  limit)
{
  while (walk->next < walk->n && walk->offsets[walk->next]->original <= limit)
    {
      if (walk->offsets[walk->next]->original == walk->original)
        walk->offsets[walk->next]->stored = walk->stored;
      walk->next++;
    }
}

/* CRLF is one LF; a lone CR is an LF too. count_cr: whether the tool counted the CR of CRLF. */
static void
walk_cr (Walk        *walk,
         const char  *p,
         gboolean     count_cr,
         GString     *out)
{
  gboolean crlf = p[1] == '\n';

  walk->original += (crlf && !count_cr) ? 0 : 1;
  if (crlf)
    return;
  walk->stored++;
  if (out != NULL)
    g_string_append_c (out, '\n');
}

static void
walk_segment (Walk        *walk,
              const char  *p,
              const char  *end,
              GString     *out)
{
  g_autofree char *normal = g_utf8_normalize (p, end - p, G_NORMALIZE_NFC);
  gint64 length = g_utf8_strlen (p, end - p);
  gint64 stored = g_utf8_strlen (normal, -1);

  while (walk->next < walk->n
         && walk->offsets[walk->next]->original < walk->original + length)
    {
      MgQdpxOffset *offset = walk->offsets[walk->next++];
      gint64 inside = offset->original - walk->original;

      offset->stored = walk->stored + (stored == length ? inside : stored_inside (p, inside));
    }
  if (out != NULL)
    g_string_append (out, normal);
  walk->original += length;
  walk->stored += stored;
}

/**
 * mg_qdpx_text_normalise:
 * @raw: valid UTF-8 without a BOM
 * @count_cr: whether the offsets count the CR of each CRLF
 * @offsets: (array length=n_offsets): offsets to carry over; sorted by this call
 * @out: (nullable): receives the stored text
 *
 * Normalises @raw to NFC with LF line ends and maps each offset into the result.
 */
void
mg_qdpx_text_normalise (const char    *raw,
                        gboolean       count_cr,
                        MgQdpxOffset **offsets,
                        guint          n_offsets,
                        GString       *out)
{
  Walk walk = { offsets, n_offsets, 0, 0, 0 };
  const char *p = raw;

  /* A source without selections has no array at all, and qsort must not be given NULL. */
  if (n_offsets > 0)
    qsort (offsets, n_offsets, sizeof *offsets, compare_offsets);
  for (guint i = 0; i < n_offsets; i++)
    offsets[i]->stored = -1;
  while (*p != '\0')
    {
      const char *end = segment_end (p);

      resolve_at_or_before (&walk, walk.original);
      if (*p == '\r')
        walk_cr (&walk, p, count_cr, out);
      else
        walk_segment (&walk, p, end, out);
      p = end;
    }
  resolve_at_or_before (&walk, walk.original);
}

MgQdpxTextIndex *
mg_qdpx_text_index_new (const char *text)
{
  MgQdpxTextIndex *index = g_new0 (MgQdpxTextIndex, 1);
  gsize byte = 0;

  index->text = text;
  index->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; ; p = g_utf8_next_char (p), index->length++)
    {
      if (index->length % MARK_STRIDE == 0)
        {
          byte = (gsize) (p - text);
          g_array_append_val (index->marks, byte);
        }
      if (*p == '\0')
        break;
    }
  return index;
}

void
mg_qdpx_text_index_free (MgQdpxTextIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->marks);
  g_free (index);
}

gint64
mg_qdpx_text_index_length (MgQdpxTextIndex *index)
{
  return index->length;
}

static const char *
text_at (MgQdpxTextIndex *index,
         gint64           offset)
{
  const char *p = index->text + g_array_index (index->marks, gsize, offset / MARK_STRIDE);

  return g_utf8_offset_to_pointer (p, offset % MARK_STRIDE);
}

/* Returns the text between two code-point offsets, clamped to the text. */
char *
mg_qdpx_text_index_slice (MgQdpxTextIndex *index,
                          gint64           start,
                          gint64           end)
{
  const char *from;

  start = CLAMP (start, 0, index->length);
  end = CLAMP (end, start, index->length);
  from = text_at (index, start);
  return g_strndup (from, text_at (index, end) - from);
}
