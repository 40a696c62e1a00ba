/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-block.h"

#include <string.h>

/* The passes ask about words far more often than they look at letters, so a token's
 * gazetteer entry is looked up once, on first demand: most lowercase words never are. */
const MgGazEntry *
mg_block_lookup (MgBlock *b,
                 guint    i)
{
  MgToken *t = &b->tokens[i];

  t->flags |= MG_TOKEN_LOOKED_UP;
  if (t->fold_len > 0 && t->kind != MG_TOKEN_PUNCT && t->kind != MG_TOKEN_URL)
    t->entry = mg_entity_gazetteer_lookup (b->gazetteer, b->folds + t->fold, t->fold_len);
  return t->entry;
}

gboolean
mg_block_is_free (MgBlock *b,
                  guint    first,
                  guint    last)
{
  for (guint i = first; i < last && i < b->n_tokens; i++)
    if (b->claimed[i])
      return FALSE;
  return last <= b->n_tokens;
}

/* Punctuation a name may run across: "Ba Ria - Vung Tau", "People's", "U.S.",
 * "Washington, D.C."; the gazetteer's prefixes decide whether it really does. */
static gboolean
is_phrase_glue (const MgToken *t)
{
  return t->ch == '.' || t->ch == ',' || t->ch == MG_CH_DASH || t->ch == MG_CH_APOSTROPHE
         || t->ch == '&';
}

static gboolean
written_in_capitals (MgBlock *b,
                     guint    first,
                     guint    last)
{
  for (guint i = first; i < last; i++)
    {
      const MgToken *t = &b->tokens[i];

      if (t->kind == MG_TOKEN_PUNCT || t->kind == MG_TOKEN_NUMBER)
        continue;
      if (!(t->flags & MG_TOKEN_ALLCAPS) && !(t->fold_len == 1 && (t->flags & MG_TOKEN_CAPITAL))
          && !(t->kind == MG_TOKEN_WORD && (t->flags & MG_TOKEN_CAPITAL) && t->fold_len > 1
               && b->text[t->start + 1] >= '0' && b->text[t->start + 1] <= '9'))
        return FALSE;
    }
  return TRUE;
}

/**
 * mg_block_match_phrase:
 *
 * Finds the longest name of @gazetteer that starts at token @i, over unclaimed tokens of
 * one line. Returns the token after it, or 0 when none starts there.
 */
static guint match_phrase (MgBlock                 *b,
                           const MgEntityGazetteer *gazetteer,
                           guint                    i,
                           gboolean                 any_case,
                           const MgGazEntry       **out_entry);

/* The names pass asks for the gazetteer's match at one token many times while it weighs
 * a run; the answer holds until a span claims tokens, which bumps the generation. */
guint
mg_block_match_phrase (MgBlock                 *b,
                       const MgEntityGazetteer *gazetteer,
                       guint                    i,
                       gboolean                 any_case,
                       const MgGazEntry       **out_entry)
{
  guint end;

  if (gazetteer != b->gazetteer || any_case || b->phrase_end == NULL || i >= b->n_tokens)
    return match_phrase (b, gazetteer, i, any_case, out_entry);
  if (b->phrase_generation[i] == b->generation + 1)
    {
      if (b->phrase_end[i] != 0)
        *out_entry = b->phrase_entry[i];
      return b->phrase_end[i];
    }
  end = match_phrase (b, gazetteer, i, FALSE, &b->phrase_entry[i]);
  b->phrase_end[i] = end;
  b->phrase_generation[i] = b->generation + 1;
  if (end != 0)
    *out_entry = b->phrase_entry[i];
  return end;
}

static guint
match_phrase (MgBlock                 *b,
              const MgEntityGazetteer *gazetteer,
              guint                    i,
              gboolean                 any_case,
              const MgGazEntry       **out_entry)
{
  char key[512];
  gsize len = 0;
  guint best = 0;

  for (guint j = i; j < b->n_tokens && j < i + 16; j++)
    {
      const MgToken *t = &b->tokens[j];
      const MgGazEntry *e;

      if (b->claimed[j] || (j > i && (t->flags & MG_TOKEN_LINE_START)))
        break;
      if (t->kind == MG_TOKEN_PUNCT || t->kind == MG_TOKEN_URL)
        {
          if (j == i || t->kind == MG_TOKEN_URL || !is_phrase_glue (t))
            break;
          continue;
        }
      if (t->fold_len == 0 || len + t->fold_len > sizeof key)
        break;
      memcpy (key + len, b->folds + t->fold, t->fold_len);
      len += t->fold_len;
      e = (j == i && gazetteer == b->gazetteer) ? mg_block_entry (b, i)
                                                : mg_entity_gazetteer_lookup (gazetteer, key, len);
      if (e == NULL)
        break;
      if ((e->phrase & MG_PHRASE_FULL) && e->type >= 0
          && (any_case || !e->acronym || written_in_capitals (b, i, j + 1)))
        {
          best = j + 1;
          *out_entry = e;
        }
      if (!(e->phrase & MG_PHRASE_PREFIX))
        break;
    }
  /* "U.S." keeps its last full stop. */
  if (best > 0 && b->tokens[best - 1].fold_len == 1 && mg_block_is_punct (b, best, '.')
      && (b->tokens[best].flags & MG_TOKEN_GLUED) && mg_block_is_punct (b, best - 2, '.'))
    best++;
  return best;
}

/* Spans never start or end on punctuation, except the full stop of "Co., Ltd." or "Jr.". */
static void
trim_span (MgBlock *b,
           guint   *first,
           guint   *last)
{
  while (*first < *last && b->tokens[*first].kind == MG_TOKEN_PUNCT)
    (*first)++;
  while (*last > *first && b->tokens[*last - 1].kind == MG_TOKEN_PUNCT)
    {
      if (b->tokens[*last - 1].ch == '.' && *last >= 2 + *first
          && (mg_block_words (b, *last - 2) & MG_WORD_ORG_HEAD)
          && (mg_block_words (b, *last - 2) & MG_WORD_ABBREV))
        break;
      (*last)--;
    }
}

/* Records a span and claims its tokens; returns its index + 1, or 0 if nothing is left. */
guint
mg_block_add_span (MgBlock    *b,
                   guint       first,
                   guint       last,
                   int         type,
                   MgStrength  strength,
                   const char *canonical)
{
  MgSpan span = { 0 };

  trim_span (b, &first, &last);
  if (first >= last)
    return 0;
  span.first = first;
  span.last = last;
  span.type = (gint8) type;
  span.strength = (guint8) strength;
  span.canonical = canonical;
  g_array_append_val (b->spans, span);
  if (type != MG_SPAN_UNKNOWN)
    {
      memset (b->claimed + first, 1, last - first);
      b->generation++;
    }
  return b->spans->len;
}

static gboolean
ends_sentence (MgBlock *b,
               guint    i)
{
  const MgToken *t = &b->tokens[i];

  if (t->ch == '!' || t->ch == '?')
    return TRUE;
  if (t->ch != '.' || i == 0)
    return t->ch == '.';
  /* "Dr.", "No.", "Co., Ltd." and initials ("V.I. Lenin") do not end a sentence. */
  if (b->tokens[i - 1].kind == MG_TOKEN_WORD && (t->flags & MG_TOKEN_GLUED))
    {
      if (mg_block_words (b, i - 1) & MG_WORD_ABBREV)
        return FALSE;
      if (b->tokens[i - 1].fold_len == 1 && (b->tokens[i - 1].flags & MG_TOKEN_CAPITAL))
        return FALSE;
    }
  return TRUE;
}

/**
 * mg_entity_find_sentences:
 *
 * Marks the first token of every sentence: after a line end, or after a sentence's end
 * mark followed by space (quotes and brackets may stand between).
 */
void
mg_entity_find_sentences (MgBlock *b)
{
  gboolean ended = TRUE;

  for (guint i = 0; i < b->n_tokens; i++)
    {
      MgToken *t = &b->tokens[i];

      if (t->flags & MG_TOKEN_LINE_START)
        ended = TRUE;
      if (t->kind == MG_TOKEN_PUNCT)
        {
          if (t->ch == MG_CH_QUOTE || t->ch == '(' || t->ch == ')' || t->ch == MG_CH_APOSTROPHE)
            continue;
          if (ends_sentence (b, i))
            {
              ended = TRUE;
              continue;
            }
        }
      if (ended && (!(t->flags & MG_TOKEN_GLUED) || (t->flags & MG_TOKEN_LINE_START)
                    || i == 0 || b->tokens[i - 1].kind == MG_TOKEN_PUNCT))
        t->flags |= MG_TOKEN_SENT_START;
      ended = FALSE;
    }
}
