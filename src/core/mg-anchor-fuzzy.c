/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Approximate matching for re-anchoring: Myers' bit-parallel edit distance in Hyyrö's block
 * form, so a quote of any length is matched in O(n * m / 64) steps over a window of text.
 * A forward pass finds where matches end; a backward pass from each end, anchored there,
 * finds where that match starts. */
#include "mg-anchor-private.h"

#include <string.h>

#define EMPTY_KEY G_MAXUINT32

/* The pattern's characters, each with a bit vector per block of where it occurs. A small
 * open-addressing table maps a code point to its vectors, since the alphabet is Unicode;
 * ASCII, the bulk of most texts, skips the hashing. */
typedef struct {
  gsize m;
  guint n_blocks;
  guint mask;
  gunichar *keys;
  guint *rows;
  guint64 *peq;
  guint ascii_rows[128];
} Pattern;

static inline guint
slot_for (const Pattern *p,
          gunichar       c)
{
  guint slot = (c * 2654435761u) & p->mask;

  while (p->keys[slot] != c && p->keys[slot] != EMPTY_KEY)
    slot = (slot + 1) & p->mask;
  return slot;
}

static Pattern *
pattern_new (const gunichar *chars,
             gsize           m,
             gboolean        reversed)
{
  Pattern *p = g_new0 (Pattern, 1);
  guint size = 16;
  guint n_rows = 0;

  while (size < 2 * m)
    size *= 2;
  p->m = m;
  p->n_blocks = (guint) ((m + 63) / 64);
  p->mask = size - 1;
  p->keys = g_new (gunichar, size);
  p->rows = g_new (guint, size);
  memset (p->keys, 0xff, size * sizeof (gunichar));
  memset (p->ascii_rows, 0xff, sizeof p->ascii_rows);
  /* At most one row per character of the pattern. */
  p->peq = g_new0 (guint64, m * p->n_blocks);
  for (gsize i = 0; i < m; i++)
    {
      gunichar c = chars[reversed ? m - 1 - i : i];
      guint slot = slot_for (p, c);

      if (p->keys[slot] == EMPTY_KEY)
        {
          p->keys[slot] = c;
          p->rows[slot] = n_rows++;
          if (c < G_N_ELEMENTS (p->ascii_rows))
            p->ascii_rows[c] = p->rows[slot];
        }
      p->peq[p->rows[slot] * p->n_blocks + i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
  return p;
}

static void
pattern_free (Pattern *p)
{
  g_free (p->keys);
  g_free (p->rows);
  g_free (p->peq);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pattern, pattern_free)

static inline const guint64 *
pattern_peq (const Pattern *p,
             gunichar       c)
{
  guint slot;

  if (c < G_N_ELEMENTS (p->ascii_rows))
    return p->ascii_rows[c] == G_MAXUINT ? NULL : p->peq + p->ascii_rows[c] * p->n_blocks;
  slot = slot_for (p, c);
  return p->keys[slot] == c ? p->peq + p->rows[slot] * p->n_blocks : NULL;
}

/* One column step of one block: @h_in is the difference entering the block's top row, the
 * result the difference leaving its last row (each -1, 0 or +1). */
static inline int
advance_block (guint64 *pv_out,
               guint64 *mv_out,
               guint64  eq,
               int      h_in,
               guint64  last_bit)
{
  guint64 pv = *pv_out;
  guint64 mv = *mv_out;
  guint64 h_neg = h_in < 0;
  guint64 h_pos = h_in > 0;
  guint64 xv, xh, ph, mh;
  int h_out = 0;

  eq |= h_neg;
  xv = eq | mv;
  xh = (((eq & pv) + pv) ^ pv) | eq;
  ph = mv | ~(xh | pv);
  mh = pv & xh;
  if (ph & last_bit)
    h_out = 1;
  else if (mh & last_bit)
    h_out = -1;
  ph = (ph << 1) | h_pos;
  mh = (mh << 1) | h_neg;
  *pv_out = mh | ~(xv | ph);
  *mv_out = ph & xv;
  return h_out;
}

/* Fills @out[j] with the edit distance between the whole pattern and the best substring of
 * @text ending at j (inclusive); @anchored makes that substring start at 0. */
static void
myers_scan (const Pattern  *p,
            const gunichar *text,
            gsize           n,
            gboolean        anchored,
            guint          *out)
{
  guint nb = p->n_blocks;
  g_autofree guint64 *pv = g_new (guint64, nb);
  g_autofree guint64 *mv = g_new0 (guint64, nb);
  guint64 top_bit = G_GUINT64_CONSTANT (1) << 63;
  guint64 last_bit = G_GUINT64_CONSTANT (1) << ((p->m - 1) % 64);
  gint64 score = (gint64) p->m;

  for (guint b = 0; b < nb; b++)
    pv[b] = ~G_GUINT64_CONSTANT (0);
  for (gsize j = 0; j < n; j++)
    {
      const guint64 *eq = pattern_peq (p, text[j]);
      int carry = anchored ? 1 : 0;

      for (guint b = 0; b < nb; b++)
        carry = advance_block (&pv[b], &mv[b], eq ? eq[b] : 0, carry,
                               b + 1 == nb ? last_bit : top_bit);
      score += carry;
      out[j] = (guint) score;
    }
}

/* Where the match ending at @end (exclusive) starts: the start whose alignment with the whole
 * pattern costs least, and among those the one giving a length nearest the pattern's. */
static MgFuzzyMatch
match_ending_at (const Pattern  *reversed,
                 const gunichar *text,
                 gsize           end,
                 guint           max_errors)
{
  gsize reach = MIN (end, reversed->m + max_errors);
  g_autofree gunichar *back = g_new (gunichar, reach);
  g_autofree guint *costs = g_new (guint, reach);
  MgFuzzyMatch match = { end, end, G_MAXUINT };

  for (gsize i = 0; i < reach; i++)
    back[i] = text[end - 1 - i];
  myers_scan (reversed, back, reach, TRUE, costs);
  for (gsize i = 0; i < reach; i++)
    {
      gsize length = i + 1;
      gsize best_length = match.end - match.start;

      if (costs[i] < match.errors
          || (costs[i] == match.errors
              && ABS ((gssize) length - (gssize) reversed->m)
                 < ABS ((gssize) best_length - (gssize) reversed->m)))
        {
          match.errors = costs[i];
          match.start = end - length;
        }
    }
  return match;
}

static int
compare_by_errors (gconstpointer a,
                   gconstpointer b)
{
  const MgFuzzyMatch *x = a;
  const MgFuzzyMatch *y = b;

  if (x->errors != y->errors)
    return x->errors < y->errors ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Ends where the distance is within bounds and is a local minimum: one more or one fewer
 * character would only cost more (on a plateau, the longest wins). */
static void
collect_ends (const guint *costs,
              gsize        n,
              guint        max_errors,
              GArray      *ends)
{
  for (gsize j = 0; j < n; j++)
    {
      MgFuzzyMatch end = { 0, j + 1, costs[j] };

      if (costs[j] > max_errors
          || (j > 0 && costs[j] > costs[j - 1])
          || (j + 1 < n && costs[j] >= costs[j + 1]))
        continue;
      g_array_append_val (ends, end);
    }
  g_array_sort (ends, compare_by_errors);
}

/**
 * mg_anchor_fuzzy_search:
 * @max_matches: at most this many matches are appended, fewest errors first
 * @matches: (element-type MgFuzzyMatch): where they are appended
 *
 * Finds where @pattern occurs in @text with at most @max_errors insertions, deletions or
 * substitutions of characters.
 */
void
mg_anchor_fuzzy_search (const gunichar *text,
                        gsize           n_text,
                        const gunichar *pattern,
                        gsize           n_pattern,
                        guint           max_errors,
                        guint           max_matches,
                        GArray         *matches)
{
  g_autoptr(Pattern) forward = NULL;
  g_autoptr(Pattern) reversed = NULL;
  g_autofree guint *costs = NULL;
  g_autoptr(GArray) ends = NULL;

  if (n_pattern == 0 || n_text == 0)
    return;
  forward = pattern_new (pattern, n_pattern, FALSE);
  reversed = pattern_new (pattern, n_pattern, TRUE);
  costs = g_new (guint, n_text);
  ends = g_array_new (FALSE, FALSE, sizeof (MgFuzzyMatch));
  myers_scan (forward, text, n_text, FALSE, costs);
  collect_ends (costs, n_text, max_errors, ends);
  for (guint i = 0; i < ends->len && i < max_matches; i++)
    {
      gsize end = g_array_index (ends, MgFuzzyMatch, i).end;
      MgFuzzyMatch match = match_ending_at (reversed, text, end, max_errors);

      g_array_append_val (matches, match);
    }
}

/**
 * mg_anchor_edit_distance:
 *
 * Returns: the Levenshtein distance between @a and @b, in characters
 */
guint
mg_anchor_edit_distance (const gunichar *a,
                         gsize           n_a,
                         const gunichar *b,
                         gsize           n_b)
{
  g_autoptr(Pattern) pattern = NULL;
  g_autofree guint *costs = NULL;

  if (n_a == 0 || n_b == 0)
    return (guint) MAX (n_a, n_b);
  pattern = pattern_new (a, n_a, FALSE);
  costs = g_new (guint, n_b);
  myers_scan (pattern, b, n_b, TRUE, costs);
  return costs[n_b - 1];
}
