/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-anchoring: finds an annotation's passage again in a new version of its text, by its
 * selectors (DESIGN.md, "Offsets and anchoring"): the quote at its old place, else the quote
 * elsewhere (context first, then nearness), else a fuzzy match of quote and context near the
 * expected place, else nothing, and the annotation is orphaned. Offsets are code points; the
 * searching itself runs on UTF-8 bytes (memmem) with a sampled map between the two units, so
 * anchoring thousands of annotations never converts a whole text per annotation. */
#define _GNU_SOURCE
#include "mg-anchor.h"

#include <string.h>

#include "mg-anchor-private.h"

/* One byte offset is kept per this many code points; finding any other walks at most this
 * many characters. */
#define SAMPLE_STEP 32

/* The search for a moved quote starts this many bytes around the expected place and doubles. */
#define FIRST_RING 256

/* Occurrences of the quote this near the expected place (or within twice the distance of the
 * nearest one) compete on context; farther ones lose to any of them. */
#define NEAR_CHARS 65536

/* A quote this long is specific enough to be trusted anywhere; a shorter one needs some of
 * its context to agree, or a common word would wander to another sentence. */
#define SPECIFIC_QUOTE_CHARS 32
#define MIN_CONTEXT_SHORT_QUOTE 0.25

/* The fuzzy step looks this far (in code points) around the expected place, and accepts at
 * most a quarter of the quote's characters edited. */
#define FUZZY_RADIUS 2048
#define FUZZY_ERROR_DIVISOR 4
#define FUZZY_MAX_CANDIDATES 32
#define FUZZY_MIN_CONTEXT_SHORT_QUOTE 0.5
#define FUZZY_SHORT_QUOTE_CHARS 16

/* When the context on both sides survived but the quote between changed too much for the
 * fuzzy match, what lies between the context still counts if half the quote survived. */
#define BRACKET_MIN_CONTEXT_CHARS 8
#define BRACKET_MIN_SIMILARITY 0.5

struct _MgAnchorText
{
  char *text;
  gsize n_bytes;
  gint64 n_chars;
  GArray *samples;
};

/* What one search knows about the annotation it looks for. */
typedef struct {
  MgAnchorText *text;
  const char *quote;
  gsize quote_bytes;
  gint64 quote_chars;
  const char *prefix;
  const char *suffix;
  glong prefix_chars;
  glong suffix_chars;
  gint64 old_start;
  gint64 centre;
} Search;

typedef struct {
  gint64 start;
  gint64 end;
  gint64 distance;
  double context;
  double score;
} Candidate;

/**
 * mg_anchor_text_new:
 * @text: valid UTF-8
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Prepares a text for anchoring: one pass over it, so that each annotation anchored later
 * costs only what its search costs.
 *
 * Returns: (transfer full): the prepared text
 */
MgAnchorText *
mg_anchor_text_new (const char *text,
                    gssize      length)
{
  MgAnchorText *self;
  const char *p;
  const char *end;
  gint64 n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (MgAnchorText, 1);
  self->n_bytes = length < 0 ? strlen (text) : (gsize) length;
  self->text = g_strndup (text, self->n_bytes);
  self->samples = g_array_sized_new (FALSE, FALSE, sizeof (gsize),
                                     (guint) (self->n_bytes / SAMPLE_STEP + 1));
  end = self->text + self->n_bytes;
  for (p = self->text; p < end; p = g_utf8_next_char (p), n++)
    if (n % SAMPLE_STEP == 0)
      {
        gsize offset = (gsize) (p - self->text);
        g_array_append_val (self->samples, offset);
      }
  if (n % SAMPLE_STEP == 0)
    g_array_append_val (self->samples, self->n_bytes);
  self->n_chars = n;
  return self;
}

/**
 * mg_anchor_text_free:
 *
 * Frees a prepared text.
 */
void
mg_anchor_text_free (MgAnchorText *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_array_unref (self->samples);
  g_free (self);
}

/**
 * mg_anchor_text_get_length:
 *
 * Returns: the text's length in code points
 */
gint64
mg_anchor_text_get_length (MgAnchorText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_chars;
}

static gsize
char_to_byte (MgAnchorText *self,
              gint64        offset)
{
  const char *p;

  offset = CLAMP (offset, 0, self->n_chars);
  p = self->text + g_array_index (self->samples, gsize, offset / SAMPLE_STEP);
  for (gint64 left = offset % SAMPLE_STEP; left > 0; left--)
    p = g_utf8_next_char (p);
  return (gsize) (p - self->text);
}

/* @byte must fall on a character's first byte. */
static gint64
byte_to_char (MgAnchorText *self,
              gsize         byte)
{
  guint lo = 0;
  guint hi = self->samples->len;
  gsize base;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->samples, gsize, mid) <= byte)
        lo = mid;
      else
        hi = mid;
    }
  base = g_array_index (self->samples, gsize, lo);
  return (gint64) lo * SAMPLE_STEP + g_utf8_strlen (self->text + base, (gssize) (byte - base));
}

/**
 * mg_anchor_text_substring:
 * @start: code-point offset, clamped to the text
 * @end: code-point offset (exclusive), clamped to the text
 *
 * Returns: (transfer full): the text between @start and @end
 */
char *
mg_anchor_text_substring (MgAnchorText *self,
                          gint64        start,
                          gint64        end)
{
  gsize from;
  gsize to;

  g_return_val_if_fail (self != NULL, NULL);

  from = char_to_byte (self, start);
  to = char_to_byte (self, MAX (start, end));
  return g_strndup (self->text + from, to - from);
}

/**
 * mg_anchor_text_get_selectors:
 * @out_quote: (out) (optional): the text between @start and @end
 * @out_prefix: (out) (optional): up to %MG_ANCHOR_CONTEXT_LENGTH code points before it
 * @out_suffix: (out) (optional): up to %MG_ANCHOR_CONTEXT_LENGTH code points after it
 *
 * Computes the selectors an annotation over [@start, @end) keeps in this text.
 */
void
mg_anchor_text_get_selectors (MgAnchorText  *self,
                              gint64         start,
                              gint64         end,
                              char         **out_quote,
                              char         **out_prefix,
                              char         **out_suffix)
{
  g_return_if_fail (self != NULL);

  if (out_quote != NULL)
    *out_quote = mg_anchor_text_substring (self, start, end);
  if (out_prefix != NULL)
    *out_prefix = mg_anchor_text_substring (self, start - MG_ANCHOR_CONTEXT_LENGTH, start);
  if (out_suffix != NULL)
    *out_suffix = mg_anchor_text_substring (self, end, end + MG_ANCHOR_CONTEXT_LENGTH);
}

/**
 * mg_anchor_method_to_string:
 *
 * Returns: a stable lowercase name for @method ("exact", "moved", "fuzzy", "orphaned")
 */
const char *
mg_anchor_method_to_string (MgAnchorMethod method)
{
  static const char * const names[] = { "exact", "moved", "fuzzy", "orphaned" };

  g_return_val_if_fail (method <= MG_ANCHOR_ORPHANED, NULL);
  return names[method];
}

/* Combining marks, and the joiner inside emoji sequences, continue the character before
 * them: a passage never starts or ends in front of one, nor just after a joiner. */
static gboolean
continues_cluster (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return c == 0x200D;
    }
}

static gboolean
is_boundary (MgAnchorText *self,
             gsize         byte)
{
  if (byte == 0 || byte >= self->n_bytes)
    return TRUE;
  if (continues_cluster (g_utf8_get_char (self->text + byte)))
    return FALSE;
  return g_utf8_get_char (g_utf8_prev_char (self->text + byte)) != 0x200D;
}

/* How many characters at the end of @context match the text just before @byte. */
static glong
common_tail (MgAnchorText *self,
             gsize         byte,
             const char   *context)
{
  const char *c = context + strlen (context);
  const char *t = self->text + byte;
  glong n = 0;

  while (c > context && t > self->text)
    {
      c = g_utf8_prev_char (c);
      t = g_utf8_prev_char (t);
      if (g_utf8_get_char (c) != g_utf8_get_char (t))
        break;
      n++;
    }
  return n;
}

/* How many characters at the start of @context match the text from @byte on. */
static glong
common_head (MgAnchorText *self,
             gsize         byte,
             const char   *context)
{
  const char *c = context;
  const char *t = self->text + byte;
  const char *end = self->text + self->n_bytes;
  glong n = 0;

  while (*c != '\0' && t < end && g_utf8_get_char (c) == g_utf8_get_char (t))
    {
      c = g_utf8_next_char (c);
      t = g_utf8_next_char (t);
      n++;
    }
  return n;
}

/* The share of the remembered context, both sides together, that the text around a place
 * still has: 1 when nothing around it changed (or nothing was remembered). */
static double
context_score (Search *s,
               gsize   start_byte,
               gsize   end_byte)
{
  glong total = s->prefix_chars + s->suffix_chars;

  if (total == 0)
    return 1.0;
  return (double) (common_tail (s->text, start_byte, s->prefix)
                   + common_head (s->text, end_byte, s->suffix)) / total;
}

static void
set_found (MgAnchorResult *result,
           MgAnchorMethod  method,
           gint64          start,
           gint64          end,
           double          score)
{
  result->found = TRUE;
  result->method = method;
  result->start = start;
  result->end = end;
  result->score = CLAMP (score, 0.0, 1.0);
}

static gboolean
quote_stands_at (Search *s,
                 gint64  start)
{
  MgAnchorText *text = s->text;
  gsize byte;

  if (start < 0 || start + s->quote_chars > text->n_chars)
    return FALSE;
  byte = char_to_byte (text, start);
  return memcmp (text->text + byte, s->quote, s->quote_bytes) == 0
         && is_boundary (text, byte) && is_boundary (text, byte + s->quote_bytes);
}

static gboolean
find_exact (Search         *s,
            MgAnchorResult *result)
{
  gsize byte;

  if (!quote_stands_at (s, s->old_start))
    return FALSE;
  byte = char_to_byte (s->text, s->old_start);
  set_found (result, MG_ANCHOR_EXACT, s->old_start, s->old_start + s->quote_chars,
             0.75 + 0.25 * context_score (s, byte, byte + s->quote_bytes));
  return TRUE;
}

/* Adds every occurrence of the quote that starts in bytes [from, to). */
static void
scan_occurrences (Search *s,
                  gsize   from,
                  gsize   to,
                  GArray *candidates)
{
  MgAnchorText *text = s->text;
  const char *end = text->text + MIN (to - 1 + s->quote_bytes, text->n_bytes);
  const char *p = text->text + from;
  const char *hit;

  while (p + s->quote_bytes <= end
         && (hit = memmem (p, (gsize) (end - p), s->quote, s->quote_bytes)) != NULL)
    {
      gsize byte = (gsize) (hit - text->text);
      Candidate candidate;

      p = hit + 1;
      if (!is_boundary (text, byte) || !is_boundary (text, byte + s->quote_bytes))
        continue;
      candidate.start = byte_to_char (text, byte);
      candidate.end = candidate.start + s->quote_chars;
      candidate.distance = ABS (candidate.start - s->centre);
      candidate.context = context_score (s, byte, byte + s->quote_bytes);
      g_array_append_val (candidates, candidate);
    }
}

static gint64
near_limit (gint64 nearest)
{
  return MAX (2 * nearest, NEAR_CHARS);
}

/* Whether the rings searched so far (@radius bytes around the centre) hold every occurrence
 * that could still win. A character takes at most four bytes, hence the factor. */
static gboolean
search_is_done (GArray *candidates,
                gsize   radius)
{
  gint64 nearest = G_MAXINT64;
  gint64 nearest_perfect = G_MAXINT64;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      nearest = MIN (nearest, c->distance);
      if (c->context >= 1.0)
        nearest_perfect = MIN (nearest_perfect, c->distance);
    }
  if (nearest_perfect != G_MAXINT64 && (gint64) radius >= 4 * nearest_perfect)
    return TRUE;
  return nearest != G_MAXINT64 && (gint64) radius >= 4 * near_limit (nearest);
}

/* Better context first, then nearer to the expected place, then earlier in the text. */
static gboolean
candidate_beats (const Candidate *a,
                 const Candidate *b)
{
  if (a->context != b->context)
    return a->context > b->context;
  if (a->distance != b->distance)
    return a->distance < b->distance;
  return a->start < b->start;
}

static const Candidate *
best_candidate (GArray *candidates)
{
  const Candidate *best = NULL;
  gint64 nearest = G_MAXINT64;

  for (guint i = 0; i < candidates->len; i++)
    nearest = MIN (nearest, g_array_index (candidates, Candidate, i).distance);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (c->distance <= near_limit (nearest) && (best == NULL || candidate_beats (c, best)))
        best = c;
    }
  return best;
}

/* Searches outwards from the expected place in doubling rings, so a quote that moved a
 * little costs little and only a quote that is gone costs a pass over the whole text. */
static gboolean
find_moved (Search         *s,
            MgAnchorResult *result)
{
  MgAnchorText *text = s->text;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gsize centre = char_to_byte (text, s->centre);
  gsize lo = centre;
  gsize hi = centre;
  const Candidate *best;

  for (gsize radius = FIRST_RING; ; radius *= 2)
    {
      gsize new_lo = centre > radius ? centre - radius : 0;
      gsize new_hi = MIN (centre + radius, text->n_bytes);

      if (new_lo < lo)
        scan_occurrences (s, new_lo, lo, candidates);
      if (hi < new_hi)
        scan_occurrences (s, hi, new_hi, candidates);
      lo = new_lo;
      hi = new_hi;
      if ((lo == 0 && hi == text->n_bytes) || search_is_done (candidates, radius))
        break;
    }
  best = best_candidate (candidates);
  if (best == NULL
      || (s->quote_chars < SPECIFIC_QUOTE_CHARS && best->context < MIN_CONTEXT_SHORT_QUOTE))
    return FALSE;
  set_found (result, best->start == s->old_start ? MG_ANCHOR_EXACT : MG_ANCHOR_MOVED,
             best->start, best->end, 0.75 + 0.25 * best->context);
  return TRUE;
}

static gunichar *
decode (MgAnchorText *text,
        gint64        start,
        gint64        end,
        glong        *out_length)
{
  gsize from = char_to_byte (text, start);
  gsize to = char_to_byte (text, end);

  return g_utf8_to_ucs4_fast (text->text + from, (glong) (to - from), out_length);
}

/* Quote similarity and context weigh about alike (context is what tells where a changed
 * passage begins and ends), nearness to the expected place breaks near ties. */
static gboolean
score_candidate (Search    *s,
                 Candidate *c,
                 double     similarity)
{
  gsize start_byte = char_to_byte (s->text, c->start);
  gsize end_byte = char_to_byte (s->text, c->end);

  if (c->end <= c->start || !is_boundary (s->text, start_byte) || !is_boundary (s->text, end_byte))
    return FALSE;
  c->distance = ABS (c->start - s->centre);
  c->context = context_score (s, start_byte, end_byte);
  c->score = 0.5 * similarity + 0.4 * c->context
             + 0.1 * (1.0 - MIN ((double) c->distance / FUZZY_RADIUS, 1.0));
  return s->quote_chars >= FUZZY_SHORT_QUOTE_CHARS || c->context >= FUZZY_MIN_CONTEXT_SHORT_QUOTE;
}

/* A match that ends before a combining mark takes the mark in (an accent added to the
 * passage's last letter belongs to it); one that starts on a mark takes its base letter. Each
 * character taken in counts as one more edit. */
static guint
snap_to_clusters (MgAnchorText *text,
                  gint64       *start,
                  gint64       *end)
{
  guint added = 0;

  while (*end < text->n_chars && !is_boundary (text, char_to_byte (text, *end)))
    {
      (*end)++;
      added++;
    }
  while (*start > 0 && !is_boundary (text, char_to_byte (text, *start)))
    {
      (*start)--;
      added++;
    }
  return added;
}

/* Where the context nearest @at (within @slack characters) meets the passage: the end of
 * the prefix's last characters, or with @after the start of the suffix's first ones. */
static gboolean
find_context_edge (Search  *s,
                   gint64   at,
                   gint64   slack,
                   gboolean after,
                   gint64  *out_edge)
{
  MgAnchorText *text = s->text;
  const char *context = after ? s->suffix : s->prefix;
  glong n = MIN (after ? s->suffix_chars : s->prefix_chars, BRACKET_MIN_CONTEXT_CHARS * 2);
  const char *piece = after ? context
                            : g_utf8_offset_to_pointer (context, g_utf8_strlen (context, -1) - n);
  gsize piece_bytes = after ? (gsize) (g_utf8_offset_to_pointer (context, n) - context)
                            : strlen (piece);
  gsize from = char_to_byte (text, after ? at - slack : at - slack - n);
  gsize to = MIN (char_to_byte (text, after ? at + slack + n : at + slack), text->n_bytes);
  gint64 best = G_MAXINT64;
  const char *p = text->text + from;
  const char *hit;

  if (n < BRACKET_MIN_CONTEXT_CHARS)
    return FALSE;
  while (p < text->text + to
         && (hit = memmem (p, (gsize) (text->text + to - p), piece, piece_bytes)) != NULL)
    {
      gint64 edge = byte_to_char (text, (gsize) (hit - text->text) + (after ? 0 : piece_bytes));

      if (ABS (edge - at) < ABS (best - at))
        best = edge;
      p = hit + 1;
    }
  if (best == G_MAXINT64)
    return FALSE;
  *out_edge = best;
  return TRUE;
}

/* An approximate match may start or end a few characters off where the quote really begins
 * and ends (a cheaper alignment that eats into the context): where the context still stands
 * next to it, the passage is taken to run up to the context. */
static gboolean
align_to_context (Search         *s,
                  const gunichar *quote,
                  Candidate      *c,
                  double         *similarity)
{
  gint64 slack = s->quote_chars / FUZZY_ERROR_DIVISOR + 1;
  gint64 start = c->start;
  gint64 end = c->end;
  g_autofree gunichar *span = NULL;
  glong n_span = 0;

  find_context_edge (s, c->start, slack, FALSE, &start);
  find_context_edge (s, c->end, slack, TRUE, &end);
  if (end <= start || (start == c->start && end == c->end))
    return FALSE;
  span = decode (s->text, start, end, &n_span);
  c->start = start;
  c->end = end;
  *similarity = MAX (0.0, 1.0 - (double) mg_anchor_edit_distance (quote, (gsize) s->quote_chars,
                                                                  span, (gsize) n_span)
                          / MAX (s->quote_chars, n_span));
  return TRUE;
}

static void
consider (Search    *s,
          Candidate *c,
          double     similarity,
          Candidate *best)
{
  if (score_candidate (s, c, similarity) && c->score > best->score)
    *best = *c;
}

static void
consider_fuzzy_matches (Search         *s,
                        const gunichar *window,
                        glong           n_window,
                        gint64          window_start,
                        const gunichar *quote,
                        Candidate      *best)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (MgFuzzyMatch));
  guint max_errors = (guint) (s->quote_chars / FUZZY_ERROR_DIVISOR);

  if (max_errors == 0)
    return;
  mg_anchor_fuzzy_search (window, (gsize) n_window, quote, (gsize) s->quote_chars, max_errors,
                          FUZZY_MAX_CANDIDATES, matches);
  for (guint i = 0; i < matches->len; i++)
    {
      MgFuzzyMatch *match = &g_array_index (matches, MgFuzzyMatch, i);
      Candidate c = { window_start + (gint64) match->start, window_start + (gint64) match->end };
      guint errors = match->errors + snap_to_clusters (s->text, &c.start, &c.end);
      double similarity = MAX (0.0, 1.0 - (double) errors / s->quote_chars);
      Candidate aligned = c;

      consider (s, &c, similarity, best);
      if (align_to_context (s, quote, &aligned, &similarity))
        consider (s, &aligned, similarity, best);
    }
}

/* The nearest place in the window where the prefix still stands, and the suffix follows it
 * soon enough to leave room for the quote. */
static gboolean
find_bracket (Search  *s,
              gint64   window_start,
              gint64   window_end,
              gint64  *out_start,
              gint64  *out_end)
{
  MgAnchorText *text = s->text;
  gsize from = char_to_byte (text, window_start);
  gsize to = char_to_byte (text, window_end);
  gsize prefix_bytes = strlen (s->prefix);
  gsize suffix_bytes = strlen (s->suffix);
  gint64 max_span = 2 * s->quote_chars + BRACKET_MIN_CONTEXT_CHARS;
  gint64 best_distance = G_MAXINT64;
  const char *p = text->text + from;
  const char *hit;

  while ((hit = memmem (p, text->text + to - p, s->prefix, prefix_bytes)) != NULL)
    {
      gsize after = (gsize) (hit - text->text) + prefix_bytes;
      gsize limit = MIN (char_to_byte (text, byte_to_char (text, after) + max_span) + suffix_bytes,
                         text->n_bytes);
      const char *next = memmem (text->text + after, limit - after, s->suffix, suffix_bytes);

      p = hit + 1;
      if (next != NULL && ABS (byte_to_char (text, after) - s->centre) < best_distance)
        {
          *out_start = byte_to_char (text, after);
          *out_end = byte_to_char (text, (gsize) (next - text->text));
          best_distance = ABS (*out_start - s->centre);
        }
    }
  return best_distance != G_MAXINT64;
}

static void
consider_bracket (Search         *s,
                  gint64          window_start,
                  gint64          window_end,
                  const gunichar *quote,
                  Candidate      *best)
{
  Candidate c = { 0 };
  g_autofree gunichar *between = NULL;
  glong n_between = 0;
  double similarity;

  if (s->prefix_chars < BRACKET_MIN_CONTEXT_CHARS || s->suffix_chars < BRACKET_MIN_CONTEXT_CHARS
      || !find_bracket (s, window_start, window_end, &c.start, &c.end) || c.end <= c.start)
    return;
  between = decode (s->text, c.start, c.end, &n_between);
  similarity = 1.0 - (double) mg_anchor_edit_distance (quote, (gsize) s->quote_chars, between,
                                                       (gsize) n_between)
                     / MAX (s->quote_chars, n_between);
  if (similarity >= BRACKET_MIN_SIMILARITY && score_candidate (s, &c, similarity)
      && c.score > best->score)
    *best = c;
}

static gboolean
find_fuzzy (Search         *s,
            MgAnchorResult *result)
{
  gint64 radius = MAX (FUZZY_RADIUS, 2 * s->quote_chars);
  gint64 window_start = MAX (0, s->centre - radius);
  gint64 window_end = MIN (s->text->n_chars, s->centre + s->quote_chars + radius);
  g_autofree gunichar *window = NULL;
  g_autofree gunichar *quote = NULL;
  glong n_window = 0;
  Candidate best = { 0 };

  if (window_end <= window_start)
    return FALSE;
  window = decode (s->text, window_start, window_end, &n_window);
  quote = g_utf8_to_ucs4_fast (s->quote, (glong) s->quote_bytes, NULL);
  consider_fuzzy_matches (s, window, n_window, window_start, quote, &best);
  consider_bracket (s, window_start, window_end, quote, &best);
  if (best.score <= 0.0)
    return FALSE;
  set_found (result, MG_ANCHOR_FUZZY, best.start, best.end, best.score);
  return TRUE;
}

/* A passage of no characters has only its context: it lies where prefix meets suffix. */
static void
find_empty (Search         *s,
            MgAnchorResult *result)
{
  g_autofree char *joined = g_strconcat (s->prefix, s->suffix, NULL);
  Search joint = *s;

  if (*joined == '\0')
    {
      gint64 at = MIN (s->old_start, s->text->n_chars);
      set_found (result, at == s->old_start ? MG_ANCHOR_EXACT : MG_ANCHOR_MOVED, at, at, 0.75);
      return;
    }
  joint.quote = joined;
  joint.quote_bytes = strlen (joined);
  joint.quote_chars = g_utf8_strlen (joined, -1);
  joint.prefix = joint.suffix = "";
  joint.prefix_chars = joint.suffix_chars = 0;
  joint.old_start = s->old_start - s->prefix_chars;
  joint.centre = s->centre - s->prefix_chars;
  if (!find_exact (&joint, result) && !find_moved (&joint, result))
    return;
  result->start += s->prefix_chars;
  result->end = result->start;
  if (result->start != s->old_start)
    result->method = MG_ANCHOR_MOVED;
}

static void
search_init (Search                  *s,
             MgAnchorText            *text,
             const MgAnchorSelectors *selectors,
             gint64                   expected_shift)
{
  s->text = text;
  s->quote = selectors->quote ? selectors->quote : "";
  s->quote_bytes = strlen (s->quote);
  s->quote_chars = g_utf8_strlen (s->quote, -1);
  s->prefix = selectors->prefix ? selectors->prefix : "";
  s->suffix = selectors->suffix ? selectors->suffix : "";
  s->prefix_chars = g_utf8_strlen (s->prefix, -1);
  s->suffix_chars = g_utf8_strlen (s->suffix, -1);
  s->old_start = selectors->start;
  s->centre = CLAMP (selectors->start + expected_shift, 0, text->n_chars);
}

/**
 * mg_anchor_find:
 * @selectors: what the annotation remembers of its place in the old text
 * @expected_shift: how far text near the passage is believed to have moved (for instance
 *   the shift of the passage re-anchored before it), or 0 when unknown
 * @result: (out caller-allocates): where the passage is now
 *
 * Finds an annotation's passage in this text: exact position first (the quote still stands
 * at the old start), else the occurrence of the quote with the best matching context nearest
 * the expected place, else a fuzzy match of the quote (at most a quarter of its characters
 * edited) or of what lies between its surviving context, near the expected place; else it
 * is orphaned and @result->found is %FALSE. Short quotes need some of their context to agree
 * before they are moved or matched fuzzily, so a common word is not tied to another sentence.
 */
void
mg_anchor_find (MgAnchorText            *self,
                const MgAnchorSelectors *selectors,
                gint64                   expected_shift,
                MgAnchorResult          *result)
{
  Search s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (selectors != NULL);
  g_return_if_fail (result != NULL);

  *result = (MgAnchorResult) { FALSE, selectors->start, selectors->end, MG_ANCHOR_ORPHANED, 0 };
  search_init (&s, self, selectors, expected_shift);
  if (s.quote_chars == 0)
    find_empty (&s, result);
  else if (!find_exact (&s, result) && !find_moved (&s, result))
    find_fuzzy (&s, result);
  if (!result->found)
    *result = (MgAnchorResult) { FALSE, selectors->start, selectors->end, MG_ANCHOR_ORPHANED, 0 };
}
