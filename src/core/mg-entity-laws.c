/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-block.h"

/* Named legal and policy documents. This pass runs before dates and names, so that years
 * inside a law's name ("... Strategy to 2030, with a vision to 2045") stay in the law. */

/* A document number: glued tokens from a number on ("59", "59-NQ/TW", "15/2020/ND-CP"). */
static guint
doc_number_end (MgBlock *b,
                guint    i)
{
  guint end;
  guint j;

  if (i >= b->n_tokens || b->tokens[i].kind != MG_TOKEN_NUMBER || b->claimed[i])
    return 0;
  end = i + 1;
  for (j = i + 1; j < b->n_tokens && (b->tokens[j].flags & MG_TOKEN_GLUED); j++)
    {
      const MgToken *t = &b->tokens[j];

      if (t->kind == MG_TOKEN_PUNCT)
        {
          gboolean joins = t->ch == MG_CH_DASH || t->ch == '/' || t->ch == '.';

          if (!joins || j + 1 >= b->n_tokens || !(b->tokens[j + 1].flags & MG_TOKEN_GLUED)
              || b->tokens[j + 1].kind == MG_TOKEN_PUNCT)
            break;
          continue;
        }
      if (t->kind != MG_TOKEN_NUMBER && !(t->kind == MG_TOKEN_WORD && mg_block_is_cap_word (b, j)))
        break;
      end = j + 1;
    }
  return end;
}

/* "Resolution No. 59-NQ/TW", "Directive No.25-CT/TW", "Resolution 59", "Decree 15/2020/ND-CP". */
static guint
match_numbered (MgBlock *b,
                guint    i)
{
  guint j = i + 1;
  gboolean numbered = FALSE;

  if (!mg_block_is_cap_word (b, i) || !(mg_block_words (b, i) & MG_WORD_LAW_NUMBERED))
    return 0;
  if (mg_block_is (b, j, "no") || mg_block_is (b, j, "nos") || mg_block_is (b, j, "number"))
    {
      numbered = TRUE;
      j++;
      if (mg_block_is_punct (b, j, '.'))
        j++;
    }
  /* A bare year after the word is a date ("the Law 2020 amendments" is too rare to guess). */
  if (!numbered && mg_block_is_year (b, j))
    return 0;
  return doc_number_end (b, j);
}

/* "Official Dispatch No. 112/CD-TTg", "Joint Circular No. 01/2020/TTLT-BTC": the word
 * before the document's kind is part of its name. */
static guint
numbered_qualifier (MgBlock *b,
                    guint    i)
{
  static const char * const words[] = { "official", "joint", "interministerial" };

  if (i == 0 || b->claimed[i - 1] || !mg_block_is_cap_word (b, i - 1))
    return i;
  for (gsize k = 0; k < G_N_ELEMENTS (words); k++)
    if (mg_block_is (b, i - 1, words[k]))
      return i - 1;
  return i;
}

/* "Documents of the 13th National Party Congress": documents named by their congress. */
static guint
match_congress_documents (MgBlock *b,
                          guint    i)
{
  guint j = i + 3;
  guint end = 0;

  if (!mg_block_is_cap_word (b, i) || !mg_block_is (b, i + 1, "of")
      || !mg_block_is (b, i + 2, "the") || !(mg_block_words (b, i) & MG_WORD_LAW_DOCUMENTS))
    return 0;
  if (j < b->n_tokens && b->tokens[j].kind == MG_TOKEN_ORDINAL)
    j++;
  for (; mg_block_is_cap_word (b, j) && !b->claimed[j]; j++)
    if (mg_block_words (b, j) & MG_WORD_EVENT_HEAD)
      end = j + 1;
  return end;
}

/* The horizon of a strategy: "to 2030", "until 2025", "for 2021-2025". */
static guint
horizon_end (MgBlock *b,
             guint    j)
{
  static const char * const words[] = { "to", "until", "till", "by", "for", "towards" };
  gboolean ok = FALSE;

  for (gsize k = 0; k < G_N_ELEMENTS (words) && !ok; k++)
    ok = mg_block_is (b, j, words[k]);
  if (!ok || !mg_block_is_year (b, j + 1) || b->claimed[j + 1])
    return 0;
  if (j + 3 < b->n_tokens && mg_block_is_punct (b, j + 2, MG_CH_DASH)
      && b->tokens[j + 3].kind == MG_TOKEN_NUMBER)
    return j + 4;
  return j + 2;
}

/* ", with a vision to 2045" and its variants, after a horizon. */
static guint
vision_end (MgBlock *b,
            guint    j)
{
  guint end;

  if (mg_block_is_punct (b, j, ','))
    j++;
  if (mg_block_is (b, j, "and"))
    j++;
  if (mg_block_is (b, j, "with"))
    j++;
  if (mg_block_is (b, j, "a") || mg_block_is (b, j, "the"))
    j++;
  if (!mg_block_is (b, j, "vision") && !mg_block_is (b, j, "orientation"))
    return 0;
  end = horizon_end (b, j + 1);
  return end;
}

/* Capitalised words before a strategy's head word belong to its name. */
static guint
name_start (MgBlock *b,
            guint    i)
{
  guint start = i;

  while (start > 0 && !b->claimed[start - 1])
    {
      guint k = start - 1;

      if (mg_block_is_cap_word (b, k) && !(mg_block_words (b, k) & (MG_WORD_STOP | MG_WORD_TITLE))
          && !(b->tokens[start].flags & MG_TOKEN_LINE_START))
        start = k;
      else if (k > 0 && mg_block_is (b, k, "and") && mg_block_is_cap_word (b, k - 1))
        start = k;
      else if (k > 0 && mg_block_is_punct (b, k, MG_CH_DASH) && (b->tokens[k].flags & MG_TOKEN_GLUED)
               && (b->tokens[start].flags & MG_TOKEN_GLUED) && mg_block_is_cap_word (b, k - 1))
        start = k;
      else if (k > 0 && mg_block_is_lower_word (b, k) && (b->tokens[k].flags & MG_TOKEN_GLUED)
               && mg_block_is_punct (b, k - 1, MG_CH_DASH) && mg_block_is_cap_word (b, k - 2))
        start = k - 1;
      else
        break;
    }
  /* A run that began with "and" or a hyphen did not begin a name. */
  while (start < i && b->tokens[start].kind != MG_TOKEN_WORD)
    start++;
  while (start < i && mg_block_is_lower_word (b, start))
    start++;
  return start;
}

/* "National Strategy on X to 2030", "Project on ... to 2030, with a vision to 2045". */
static guint
match_horizon (MgBlock *b,
               guint    i,
               guint   *out_start)
{
  guint start;
  guint j = i + 1;
  guint end = 0;

  if (!mg_block_is_cap_word (b, i) || !(mg_block_words (b, i) & MG_WORD_LAW_HORIZON))
    return 0;
  start = name_start (b, i);
  /* The name goes on with "on", "for", "of" or capitalised words, not with a verb. */
  if (!mg_block_is_cap_word (b, j) && !(mg_block_words (b, j) & MG_WORD_CONNECTOR)
      && !horizon_end (b, j))
    return 0;
  for (; j < b->n_tokens && j < i + 30 && !b->claimed[j]; j++)
    {
      const MgToken *t = &b->tokens[j];

      if ((end = horizon_end (b, j)) != 0 || (t->flags & MG_TOKEN_LINE_START))
        break;
      if (t->kind != MG_TOKEN_WORD && t->kind != MG_TOKEN_ORDINAL
          && !(t->kind == MG_TOKEN_PUNCT && (t->ch == MG_CH_DASH || t->ch == MG_CH_APOSTROPHE)))
        break;
    }
  if (end == 0 || (start == i && j == i + 1))
    return 0;
  *out_start = start;
  {
    guint vision = vision_end (b, end);

    return vision ? vision : end;
  }
}

/* A programme named by a quoted title: project “International integration in ...”. */
static guint
match_quoted (MgBlock *b,
              guint    i,
              guint   *out_start)
{
  if (!mg_block_is_punct (b, i + 1, MG_CH_QUOTE) || !mg_block_is_cap_word (b, i + 2)
      || !(mg_block_words (b, i) & MG_WORD_LAW_HORIZON))
    return 0;
  for (guint j = i + 2; j < b->n_tokens && j < i + 60; j++)
    {
      if (b->tokens[j].flags & MG_TOKEN_LINE_START || b->claimed[j])
        return 0;
      if (mg_block_is_punct (b, j, MG_CH_QUOTE))
        {
          *out_start = i + 2;
          return j;
        }
    }
  return 0;
}

/* Every match below starts on a word of one of these classes, in capitals unless a quote
 * follows: a quick test, as this runs on every word and most are none of these. */
static inline gboolean
may_start_law (MgBlock *b,
               guint    i)
{
  if (b->tokens[i].kind != MG_TOKEN_WORD)
    return FALSE;
  if (!mg_block_is_cap_word (b, i) && !mg_block_is_punct (b, i + 1, MG_CH_QUOTE))
    return FALSE;
  return (mg_block_words (b, i) & (MG_WORD_LAW_NUMBERED | MG_WORD_LAW_DOCUMENTS
                                   | MG_WORD_LAW_HORIZON)) != 0;
}

void
mg_entity_find_laws (MgBlock *b)
{
  for (guint i = 0; i < b->n_tokens; i++)
    {
      guint start = i;
      guint end;

      if (b->claimed[i] || !may_start_law (b, i))
        continue;
      end = match_numbered (b, i);
      if (end != 0)
        start = numbered_qualifier (b, i);
      if (end == 0)
        end = match_congress_documents (b, i);
      if (end == 0)
        end = match_horizon (b, i, &start);
      if (end == 0)
        end = match_quoted (b, i, &start);
      if (end > start && mg_block_is_free (b, start, end))
        {
          mg_block_add_span (b, start, end, MG_ENTITY_TYPE_LAW, MG_STRENGTH_GAZETTEER, NULL);
          i = end - 1;
        }
    }
}
