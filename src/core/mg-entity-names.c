/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-block.h"

/* Names: runs of capitalised words (with "of", "and", "for", "on", "the" inside, hyphens,
 * "Co., Ltd."), then classified, most telling evidence first: a gazetteer name for the whole
 * run, a byline, a title before a name, a Vietnamese name at the end, a head word
 * ("Ministry", "Port", "Charter"), and last the run's parts one by one. What nothing
 * classifies is kept as a candidate for the consistency pass. */

static void classify_run (MgBlock  *b,
                          guint     first,
                          guint     last,
                          gboolean  title_before);

static gboolean
is_connector (MgBlock *b,
              guint    i)
{
  return mg_block_is_lower_word (b, i) && (mg_block_words (b, i) & MG_WORD_CONNECTOR);
}

static gboolean
is_run_word (MgBlock *b,
             guint    i)
{
  return i < b->n_tokens && mg_block_is_cap_word (b, i) && !b->claimed[i];
}

static gboolean
is_glued (MgBlock *b,
          guint    i)
{
  return i < b->n_tokens && (b->tokens[i].flags & MG_TOKEN_GLUED);
}

static gboolean
on_same_line (MgBlock *b,
              guint    i)
{
  return i < b->n_tokens && !(b->tokens[i].flags & MG_TOKEN_LINE_START);
}

static gboolean
is_title (MgBlock *b,
          guint    i)
{
  return mg_block_is_cap_word (b, i) && (mg_block_words (b, i) & MG_WORD_TITLE);
}

static gboolean
starts_run (MgBlock *b,
            guint    i)
{
  if (b->claimed[i])
    return FALSE;
  if (mg_block_is_cap_word (b, i))
    return TRUE;
  return b->tokens[i].kind == MG_TOKEN_ORDINAL && is_run_word (b, i + 1) && on_same_line (b, i + 1);
}

/* The dot of "Dr.", "Co." or an initial ("V.I.") stays inside a name. */
static gboolean
is_abbreviation_dot (MgBlock *b,
                     guint    j)
{
  const MgToken *w = &b->tokens[j - 1];

  return mg_block_is_punct (b, j, '.') && is_glued (b, j) && w->kind == MG_TOKEN_WORD
         && ((mg_block_words (b, j - 1) & MG_WORD_ABBREV)
             || (w->fold_len == 1 && (w->flags & MG_TOKEN_CAPITAL)));
}

static gboolean
is_company_suffix (MgBlock *b,
                   guint    i)
{
  guint32 w = mg_block_words (b, i);

  return is_run_word (b, i) && (w & MG_WORD_ORG_HEAD)
         && ((w & MG_WORD_ABBREV) || (b->tokens[i].flags & MG_TOKEN_ALLCAPS));
}

/* "People's Committee" is one name, "Vietnam's Ministry" two, and so are "the Central
 * Military Commission's Standing Board" and "the Ministry of Finance's Tax Department": a
 * head word or a whole known name has already ended the first name. This runs only at
 * an apostrophe, which is rare, so the loops below cost nothing on most text. */
static gboolean
is_possessive_inside (MgBlock *b,
                      guint    i,
                      guint    j)
{
  const MgGazEntry *before = mg_block_entry (b, j - 1);
  const MgGazEntry *e = NULL;

  if (!mg_block_is_punct (b, j, MG_CH_APOSTROPHE) || !is_glued (b, j)
      || !mg_block_is (b, j + 1, "s") || !is_glued (b, j + 1) || !is_run_word (b, j + 2))
    return FALSE;
  if (before != NULL && (before->type >= 0 || (before->words & MG_WORD_ANY_HEAD)))
    return FALSE;
  /* "Ministry of Finance's": a head word earlier in the run ended a name of its own. */
  for (guint k = i; k < j; k++)
    if (mg_block_is_cap_word (b, k) && (mg_block_words (b, k) & MG_WORD_ORG_HEAD))
      return FALSE;
  /* The name may begin after a sentence's "The" or a title: try each start. */
  for (guint k = i; k + 1 < j && k + 8 > j; k++)
    if (mg_block_match_phrase (b, b->gazetteer, k, FALSE, &e) == j)
      return FALSE;
  return TRUE;
}

static gboolean
has_org_or_law_head (MgBlock *b,
                     guint    first,
                     guint    last)
{
  for (guint k = first; k < last; k++)
    if (mg_block_is_cap_word (b, k)
        && (mg_block_words (b, k) & (MG_WORD_ORG_HEAD | MG_WORD_LAW_HEAD | MG_WORD_LAW_NUMBERED)))
      return TRUE;
  return FALSE;
}

/* "of", "and" and "the" join capitalised words; "for" and "on" only continue the name of an
 * organisation or a law ("Bank for Investment", "Law on Investment"), never "left Hai
 * Phong Port for Da Nang". */
static gboolean
continues_with_connector (MgBlock *b,
                          guint    first,
                          guint    j,
                          guint   *out_next)
{
  guint k = j + 1;

  if (!is_connector (b, j))
    return FALSE;
  if ((mg_block_is (b, j, "for") || mg_block_is (b, j, "on"))
      && !has_org_or_law_head (b, first, j))
    return FALSE;
  if (mg_block_is (b, k, "the") && !mg_block_is (b, j, "the"))
    k++;
  if (!on_same_line (b, k) || b->claimed[k])
    return FALSE;
  if (!is_run_word (b, k) && !(b->tokens[k].kind == MG_TOKEN_ORDINAL && is_run_word (b, k + 1)))
    return FALSE;
  *out_next = k;
  return TRUE;
}

static guint
run_end (MgBlock *b,
         guint    i)
{
  guint end = i + 1;
  guint j = i + 1;
  guint next;

  while (j < b->n_tokens && !b->claimed[j] && on_same_line (b, j))
    {
      const MgToken *t = &b->tokens[j];

      if (is_run_word (b, j) || (t->kind == MG_TOKEN_ORDINAL && is_run_word (b, j + 1)))
        end = ++j;
      else if (t->kind == MG_TOKEN_PUNCT && t->ch == MG_CH_DASH && is_glued (b, j)
               && is_glued (b, j + 1) && is_run_word (b, j + 1))
        end = j += 2;
      else if (j == end && is_abbreviation_dot (b, j))
        end = ++j;
      else if (j == end && mg_block_is_punct (b, j, ',') && is_company_suffix (b, j + 1))
        j++;
      else if (j == end && is_possessive_inside (b, i, j))
        j += 2;
      else if (j == end && continues_with_connector (b, i, j, &next))
        j = next;
      else
        break;
    }
  return end;
}

/* A Vietnamese name: a surname, then one to three given or middle names. */
static guint
vn_name_length (MgBlock *b,
                guint    k,
                guint    limit)
{
  guint n = 1;

  if (!is_run_word (b, k) || !(mg_block_words (b, k) & MG_WORD_SURNAME))
    return 0;
  for (guint j = k + 1; j < limit && n < 4; j++, n++)
    {
      guint32 w = mg_block_words (b, j);

      if (!is_run_word (b, j) || is_glued (b, j) || !(w & (MG_WORD_GIVEN | MG_WORD_SURNAME))
          || (w & MG_WORD_ANY_HEAD) || b->tokens[j].fold_len > 7)
        break;
    }
  return n >= 2 ? n : 0;
}

/* A place of the gazetteer covers two or more words from @k ("Ha Noi", "Lam Dong"). */
static gboolean
is_place_at (MgBlock *b,
             guint    k)
{
  const MgGazEntry *e = NULL;
  guint end = mg_block_match_phrase (b, b->gazetteer, k, FALSE, &e);

  return end >= k + 2 && e->type != MG_ENTITY_TYPE_PERSON;
}

static gboolean
is_plain_name_word (MgBlock *b,
                    guint    j)
{
  const MgGazEntry *e = mg_block_entry (b, j);

  return is_run_word (b, j) && (e == NULL || (e->type < 0 && !(e->words & (MG_WORD_ANY_HEAD
                                   | MG_WORD_TITLE | MG_WORD_STOP | MG_WORD_DEMONYM
                                   | MG_WORD_MONTH | MG_WORD_WEEKDAY))));
}

/* A name by its shape: Vietnamese, a known given name and a surname, or an East Asian
 * surname and given name forming the whole run. Returns its length in tokens. */
static guint
person_length (MgBlock *b,
               guint    k,
               guint    first,
               guint    last)
{
  guint32 w = mg_block_words (b, k);
  guint n = vn_name_length (b, k, last);

  if (n != 0)
    return is_place_at (b, k) ? 0 : n;
  if ((w & MG_WORD_GIVEN_INTL) && is_run_word (b, k))
    {
      for (n = 1; k + n < last && n < 3 && is_plain_name_word (b, k + n); n++)
        ;
      return n >= 2 ? n : 0;
    }
  if ((w & MG_WORD_SURNAME_OTHER) && k == first && last - k >= 2 && last - k <= 3)
    {
      for (guint j = k + 1; j < last; j++)
        if (!is_plain_name_word (b, j))
          return 0;
      return last - k;
    }
  return 0;
}

/* "Phu My town", "Ba Ria-Vung Tau province", "the Mekong sub-region". */
static gboolean
place_cue_at (MgBlock *b,
              guint    i)
{
  guint32 w = mg_block_words (b, i);

  if (!on_same_line (b, i) || b->claimed[i])
    return FALSE;
  if (mg_block_is (b, i, "sub") && mg_block_is_punct (b, i + 1, MG_CH_DASH))
    w = mg_block_words (b, i + 2);
  if (!(w & MG_WORD_PLACE_CUE))
    return FALSE;
  return !(w & MG_WORD_PLACE_HEAD) || mg_block_is_lower_word (b, i);
}

/* A person found by shape alone that a place word follows was a place. */
static void
emit_person (MgBlock    *b,
             guint       first,
             guint       last,
             MgStrength  strength)
{
  int type = MG_ENTITY_TYPE_PERSON;

  if (strength < MG_STRENGTH_CUE && place_cue_at (b, last))
    type = MG_ENTITY_TYPE_LOC, strength = MG_STRENGTH_CUE;
  mg_block_add_span (b, first, last, type, strength, NULL);
}

static gboolean
has_org_head (MgBlock *b,
              guint    first,
              guint    last)
{
  for (guint k = first; k < last; k++)
    if (mg_block_is_cap_word (b, k) && (mg_block_words (b, k) & MG_WORD_ORG_HEAD))
      return TRUE;
  return FALSE;
}

static guint
skip_leading (MgBlock *b,
              guint    first,
              guint    last)
{
  while (first < last)
    {
      const MgGazEntry *e = NULL;
      guint32 w = mg_block_words (b, first);

      if (b->tokens[first].kind == MG_TOKEN_PUNCT || is_connector (b, first))
        {
          first++;
          continue;
        }
      if (!(w & (MG_WORD_STOP | MG_WORD_DEMONYM)) || b->tokens[first].kind != MG_TOKEN_WORD)
        break;
      /* "Lao People's Revolutionary Party": a nationality heading an organisation's name. */
      if (!(w & MG_WORD_STOP) && has_org_head (b, first + 1, last))
        break;
      /* "New York", "Vietnamese Communist Party" and "To Lam" begin with such words. */
      if (mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e) > first
          || vn_name_length (b, first, last) > 0)
        break;
      first++;
    }
  return first;
}

static guint
trim_trailing (MgBlock  *b,
               guint     first,
               guint     last,
               gboolean  titles)
{
  while (last > first)
    {
      guint k = last - 1;

      if (is_connector (b, k) || (titles && is_title (b, k))
          || (b->tokens[k].kind == MG_TOKEN_PUNCT && !is_abbreviation_dot (b, k)))
        last--;
      else
        break;
    }
  return last;
}

static gboolean
classify_whole (MgBlock *b,
                guint    first,
                guint    last)
{
  const MgGazEntry *e = NULL;
  guint end = mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e);

  if (end < last)
    return FALSE;
  mg_block_add_span (b, first, end, e->type, MG_STRENGTH_GAZETTEER, e->canonical);
  return TRUE;
}

/* "(Photo: Hong Dat/VNA)", "Photo: VGP/Nhat Bac", "By Nguyen Van A" at a line's start:
 * a byline word and a colon earlier on the same line, within a few tokens. */
static gboolean
after_byline (MgBlock *b,
              guint    first)
{
  guint stop = first > 8 ? first - 8 : 0;

  if (first >= 1 && (mg_block_words (b, first - 1) & MG_WORD_BYLINE)
      && mg_block_is_cap_word (b, first - 1) && (b->tokens[first - 1].flags & MG_TOKEN_LINE_START))
    return TRUE;
  for (guint k = first; k > stop; k--)
    {
      if (b->tokens[k].flags & MG_TOKEN_LINE_START)
        return FALSE;
      if (mg_block_is_punct (b, k - 1, ':'))
        return k >= 2 && (mg_block_words (b, k - 2) & MG_WORD_BYLINE) != 0;
      if (mg_block_is_punct (b, k - 1, '(') || mg_block_is_punct (b, k - 1, '.'))
        return FALSE;
    }
  return FALSE;
}

static gboolean
has_head (MgBlock *b,
          guint    first,
          guint    last)
{
  for (guint k = first; k < last; k++)
    if (mg_block_is_cap_word (b, k) && (mg_block_words (b, k) & MG_WORD_ANY_HEAD))
      return TRUE;
  return FALSE;
}

/* "By THU HANG – MINH DUC", "Photo: Hong Dat, Minh Khoi": a name that a dash, a comma or
 * "and" joins to a byline's person is one more author. */
static gboolean
after_byline_person (MgBlock *b,
                     guint    first)
{
  const MgSpan *span;

  if (first < 2 || b->spans->len == 0 || (b->tokens[first].flags & MG_TOKEN_LINE_START)
      || !(mg_block_is_punct (b, first - 1, MG_CH_DASH) || mg_block_is_punct (b, first - 1, ',')
           || mg_block_is (b, first - 1, "and")))
    return FALSE;
  span = &g_array_index (b->spans, MgSpan, b->spans->len - 1);
  return span->last == first - 1 && span->type == MG_ENTITY_TYPE_PERSON
         && (after_byline (b, span->first) || after_byline_person (b, span->first));
}

static gboolean
classify_byline (MgBlock *b,
                 guint    first,
                 guint    last)
{
  const MgGazEntry *e = NULL;

  if (last - first > 6 || !(after_byline (b, first) || after_byline_person (b, first))
      || has_head (b, first, last)
      || mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e) > first)
    return FALSE;
  mg_block_add_span (b, first, last, MG_ENTITY_TYPE_PERSON, MG_STRENGTH_CUE, NULL);
  return TRUE;
}

/* The words after a title make a person's name: capitalised, no head words, not a place. */
static gboolean
is_person_tail (MgBlock *b,
                guint    from,
                guint    last)
{
  const MgGazEntry *e = NULL;
  guint words = 0;

  for (guint k = from; k < last; k++)
    {
      const MgToken *t = &b->tokens[k];

      if (t->kind == MG_TOKEN_PUNCT)
        {
          if (t->ch != MG_CH_DASH && !is_abbreviation_dot (b, k))
            return FALSE;
          continue;
        }
      if (!mg_block_is_cap_word (b, k) || is_connector (b, k)
          || (mg_block_words (b, k) & (MG_WORD_ANY_HEAD | MG_WORD_DEMONYM)))
        return FALSE;
      words++;
    }
  if (words == 0 || words > 5)
    return FALSE;
  return mg_block_match_phrase (b, b->gazetteer, from, FALSE, &e) < last
         || e->type == MG_ENTITY_TYPE_PERSON;
}

/* "General Secretary To Lam" gives the person "To Lam"; "UN Secretary-General Antonio
 * Guterres" gives the person and leaves "UN" to be classified on its own. */
static gboolean
split_title (MgBlock  *b,
             guint     first,
             guint     last,
             gboolean  title_before)
{
  guint t = G_MAXUINT;
  guint from;
  guint prefix;
  const MgGazEntry *e = NULL;

  for (guint k = first; k < last; k++)
    if (is_title (b, k))
      t = k;
  if (t == G_MAXUINT && !title_before)
    return FALSE;
  from = t == G_MAXUINT ? first : t + 1;
  while (from < last && b->tokens[from].kind == MG_TOKEN_PUNCT)
    from++;
  if (from >= last || !is_person_tail (b, from, last))
    return FALSE;
  mg_block_match_phrase (b, b->gazetteer, from, FALSE, &e);
  mg_block_add_span (b, from, last, MG_ENTITY_TYPE_PERSON, MG_STRENGTH_CUE,
                     e != NULL && e->type == MG_ENTITY_TYPE_PERSON ? e->canonical : NULL);
  prefix = t == G_MAXUINT ? first : t;
  while (prefix > first && (is_title (b, prefix - 1)
                            || b->tokens[prefix - 1].kind == MG_TOKEN_PUNCT))
    prefix--;
  if (prefix > first)
    classify_run (b, first, prefix, FALSE);
  return TRUE;
}

/* "Minister of Foreign Affairs Bui Thanh Son": the name at the end is the person. */
static gboolean
split_name_at_end (MgBlock *b,
                   guint    first,
                   guint    last)
{
  for (guint k = first; k + 1 < last; k++)
    {
      guint n = vn_name_length (b, k, last);
      guint prefix = k;
      MgStrength strength = MG_STRENGTH_WEAK;

      if (n == 0 || k + n != last)
        continue;
      if (is_place_at (b, k))
        return FALSE;
      while (prefix > first && (is_title (b, prefix - 1)
                                || b->tokens[prefix - 1].kind == MG_TOKEN_PUNCT))
        prefix--, strength = MG_STRENGTH_CUE;
      emit_person (b, k, last, strength);
      if (prefix > first)
        classify_run (b, first, prefix, FALSE);
      return TRUE;
    }
  return FALSE;
}

/* A reporter's signature: "Hung Vo" alone on the last line, "Minh Phuong/VOV reporter",
 * "Minh Khoi - VGP". Two or three words that are all Vietnamese name syllables, a whole
 * line or before a slash or a dash and a source. Places of the gazetteer are not names. */
static gboolean
classify_signature (MgBlock *b,
                    guint    first,
                    guint    last)
{
  const MgGazEntry *e = NULL;

  if (last - first < 2 || last - first > 3 || !(b->tokens[first].flags & MG_TOKEN_LINE_START)
      || mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e) > first)
    return FALSE;
  for (guint k = first; k < last; k++)
    {
      guint32 w = mg_block_words (b, k);

      if (!is_run_word (b, k) || (k > first && is_glued (b, k))
          || !(w & (MG_WORD_GIVEN | MG_WORD_SURNAME))
          || (w & (MG_WORD_ANY_HEAD | MG_WORD_TITLE | MG_WORD_STOP | MG_WORD_MONTH
                   | MG_WORD_WEEKDAY | MG_WORD_DEMONYM)))
        return FALSE;
    }
  if (!(last >= b->n_tokens || (b->tokens[last].flags & MG_TOKEN_LINE_START)
        || (mg_block_is_punct (b, last, '/') && is_glued (b, last + 1)
            && mg_block_is_cap_word (b, last + 1))
        || (mg_block_is_punct (b, last, MG_CH_DASH) && mg_block_is_cap_word (b, last + 1)
            && (b->tokens[last + 1].flags & MG_TOKEN_ALLCAPS)
            && (last + 2 >= b->n_tokens || (b->tokens[last + 2].flags & MG_TOKEN_LINE_START)))))
    return FALSE;
  mg_block_add_span (b, first, last, MG_ENTITY_TYPE_PERSON, MG_STRENGTH_CUE, NULL);
  return TRUE;
}

/* "O Mon district", "Hai Ba Trung ward": capitalised words that a place word follows
 * make one place, even where a part of them is a name of its own elsewhere. */
static gboolean
classify_cued_place (MgBlock *b,
                     guint    first,
                     guint    last)
{
  if (last - first < 2 || last - first > 4 || !place_cue_at (b, last))
    return FALSE;
  for (guint k = first; k < last; k++)
    if (!is_run_word (b, k) || (k > first && is_glued (b, k))
        || (mg_block_words (b, k) & (MG_WORD_ANY_HEAD | MG_WORD_TITLE | MG_WORD_STOP
                                     | MG_WORD_DEMONYM | MG_WORD_GENERIC | MG_WORD_MONTH)))
      return FALSE;
  mg_block_add_span (b, first, last, MG_ENTITY_TYPE_LOC, MG_STRENGTH_CUE, NULL);
  return TRUE;
}

/* "Speaker of the House of Representatives Puan Maharani": after a title's "of", an
 * organisation's name, then two or three plain words that name its holder. */
static gboolean
split_org_person (MgBlock *b,
                  guint    first,
                  guint    last)
{
  const MgGazEntry *e = NULL;
  const MgGazEntry *tail = NULL;
  guint end = mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e);

  if (end <= first || e->type != MG_ENTITY_TYPE_ORG)
    {
      end = first;
      for (guint k = first; k < last; k++)
        if (mg_block_is_cap_word (b, k) && (mg_block_words (b, k) & MG_WORD_ORG_HEAD))
          end = k + 1;
      if (end == first || !has_org_head (b, first, end))
        return FALSE;
      e = NULL;
    }
  if (last - end < 2 || last - end > 3)
    return FALSE;
  for (guint k = end; k < last; k++)
    if (!is_plain_name_word (b, k) || is_glued (b, k) || is_connector (b, k))
      return FALSE;
  if (mg_block_match_phrase (b, b->gazetteer, end, FALSE, &tail) > end)
    return FALSE;
  mg_block_add_span (b, first, end, MG_ENTITY_TYPE_ORG,
                     e != NULL ? MG_STRENGTH_GAZETTEER : MG_STRENGTH_CUE,
                     e != NULL ? e->canonical : NULL);
  mg_block_add_span (b, end, last, MG_ENTITY_TYPE_PERSON, MG_STRENGTH_CUE, NULL);
  return TRUE;
}

/* "Director of the Ministry of Finance": the title and its "of" are not the name. */
static guint
skip_title_of (MgBlock *b,
               guint    first,
               guint    last)
{
  for (;;)
    {
      guint k = first;

      while (k < last && (is_title (b, k) || b->tokens[k].kind == MG_TOKEN_PUNCT))
        k++;
      if (k == first || k >= last || !is_connector (b, k))
        return first;
      while (k < last && is_connector (b, k))
        k++;
      first = k;
    }
}

static int
head_type (guint32 words)
{
  if (words & MG_WORD_LAW_HEAD)
    return MG_ENTITY_TYPE_LAW;
  if (words & MG_WORD_ORG_HEAD)
    return MG_ENTITY_TYPE_ORG;
  if (words & MG_WORD_EVENT_HEAD)
    return MG_SPAN_EVENT;
  if (words & MG_WORD_PLACE_HEAD)
    return MG_ENTITY_TYPE_LOC;
  return MG_SPAN_UNKNOWN;
}

/* After "and" in an organisation's complement, a second name may begin: "the Ministry of
 * Finance and Vietnam", "the Ministry of Industry and the State Bank". */
static gboolean
second_name_follows (MgBlock *b,
                     guint    k,
                     guint    last)
{
  const MgGazEntry *e = NULL;

  if (mg_block_is (b, k, "the"))
    k++;
  if (mg_block_match_phrase (b, b->gazetteer, k, FALSE, &e) > k)
    return TRUE;
  return has_head (b, k, last);
}

static gboolean
is_content_word (MgBlock *b,
                 guint    k)
{
  const MgToken *t = &b->tokens[k];
  guint32 w = mg_block_words (b, k);

  if (t->kind != MG_TOKEN_WORD || t->fold_len < 2)
    return FALSE;
  return !(w & (MG_WORD_GENERIC | MG_WORD_TITLE | MG_WORD_STOP | MG_WORD_CONNECTOR));
}

/* A gazetteer name covers exactly [first, last): "Mexico" in "Mexico and the EU". */
static gboolean
is_whole_name (MgBlock *b,
               guint    first,
               guint    last)
{
  const MgGazEntry *e = NULL;

  return mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e) == last;
}

/* The last head word before a complement decides: "Vietnam News Agency" (ORG),
 * "Gemalink-like International Port" (LOC), "... Party Congress Resolution" (LAW).
 * Head words alone ("the Ministry", "Party Committee") name nothing. */
static gboolean
classify_by_head (MgBlock *b,
                  guint    first,
                  guint    last)
{
  int type = MG_SPAN_UNKNOWN;
  gboolean content = FALSE;
  gboolean complement = FALSE;
  gboolean after_head = FALSE;
  guint restart = 0;

  for (guint k = first; k < last; k++)
    {
      int head;

      if (is_connector (b, k) && type == MG_SPAN_UNKNOWN && !mg_block_is (b, k, "and")
          && !mg_block_is (b, k, "the"))
        restart = k;
      if (is_connector (b, k))
        {
          gboolean and = mg_block_is (b, k, "and");

          if (and && ((complement && second_name_follows (b, k + 1, last))
                      || (!complement && type != MG_SPAN_UNKNOWN)
                      || is_whole_name (b, first, k)))
            {
              classify_run (b, first, k, FALSE);
              classify_run (b, k + 1, last, FALSE);
              return TRUE;
            }
          if (type != MG_SPAN_UNKNOWN && !mg_block_is (b, k, "and") && !mg_block_is (b, k, "the"))
            complement = TRUE;
          continue;
        }
      head = mg_block_is_cap_word (b, k) ? head_type (mg_block_words (b, k)) : MG_SPAN_UNKNOWN;
      /* "Officials of the Ministry of Finance": the name starts after the first "of". */
      if (type == MG_SPAN_UNKNOWN && head != MG_SPAN_UNKNOWN && restart != 0)
        {
          classify_run (b, first, restart, FALSE);
          classify_run (b, restart + 1, last, FALSE);
          return TRUE;
        }
      if (!complement && head != MG_SPAN_UNKNOWN)
        {
          type = head;
          after_head = FALSE;
        }
      else if (is_content_word (b, k))
        {
          content = TRUE;
          if (!complement)
            after_head = TRUE;
        }
    }
  if (type == MG_SPAN_UNKNOWN)
    return FALSE;
  /* A place word ends the place's name ("Cai Mep International Port"): one followed by
   * more of the name ("Port Rules", "Harbour Fees") names something else. */
  if (type == MG_ENTITY_TYPE_LOC && after_head)
    return FALSE;
  /* "ASEAN Summit", "APEC meetings": an event is not scored, but the body or the country
   * that opens its name still is. */
  if (type == MG_SPAN_EVENT)
    {
      const MgGazEntry *e = NULL;
      guint end = mg_block_match_phrase (b, b->gazetteer, first, FALSE, &e);

      if (end > first && end < last && mg_block_is_cap_word (b, end)
          && (e->type == MG_ENTITY_TYPE_ORG || e->type == MG_ENTITY_TYPE_LOC))
        mg_block_add_span (b, first, end, e->type, MG_STRENGTH_GAZETTEER, e->canonical);
      return TRUE;
    }
  if (content)
    mg_block_add_span (b, first, last, type, MG_STRENGTH_CUE, NULL);
  return TRUE;
}

/* Words nothing classified: a place when a place word follows, else a candidate. */
static void
flush_unknown (MgBlock *b,
               guint   *unknown,
               guint    end,
               guint    last)
{
  if (*unknown == G_MAXUINT)
    return;
  end = trim_trailing (b, *unknown, end, FALSE);
  if (end > *unknown)
    {
      if (end == last && place_cue_at (b, last))
        mg_block_add_span (b, *unknown, end, MG_ENTITY_TYPE_LOC, MG_STRENGTH_CUE, NULL);
      else
        mg_block_add_span (b, *unknown, end, MG_SPAN_UNKNOWN, MG_STRENGTH_CANDIDATE, NULL);
    }
  *unknown = G_MAXUINT;
}

static void
classify_parts (MgBlock *b,
                guint    first,
                guint    last)
{
  guint unknown = G_MAXUINT;
  guint k = first;

  while (k < last)
    {
      const MgGazEntry *e = NULL;
      guint end;
      guint n;

      if (b->tokens[k].kind == MG_TOKEN_PUNCT || is_connector (b, k))
        {
          if (!mg_block_is_punct (b, k, MG_CH_DASH) || !is_glued (b, k))
            flush_unknown (b, &unknown, k, last);
          k++;
          continue;
        }
      if ((end = mg_block_match_phrase (b, b->gazetteer, k, FALSE, &e)) > k)
        {
          const MgGazEntry *place = NULL;

          flush_unknown (b, &unknown, k, last);
          /* "Samsung Electronics Vietnam", "UNDP Vietnam": a body's name with the country
           * it works in, at the end of the run, is the name of its office there. */
          if (e->type == MG_ENTITY_TYPE_ORG && end < last && !is_glued (b, end)
              && mg_block_match_phrase (b, b->gazetteer, end, FALSE, &place) == last
              && place->type == MG_ENTITY_TYPE_LOC)
            {
              mg_block_add_span (b, k, last, MG_ENTITY_TYPE_ORG, MG_STRENGTH_CUE, NULL);
              k = last;
              continue;
            }
          /* "LG Display", "SK Hynix", "FPT Software": a group known by its initials and one
           * more plain word ending the run is one of its companies. */
          if (e->type == MG_ENTITY_TYPE_ORG && end == k + 1 && end + 1 == last
              && (b->tokens[k].flags & MG_TOKEN_ALLCAPS) && !is_glued (b, end)
              && is_plain_name_word (b, end) && !(b->tokens[end].flags & MG_TOKEN_ALLCAPS)
              && mg_block_match_phrase (b, b->gazetteer, end, FALSE, &place) == 0)
            {
              mg_block_add_span (b, k, last, MG_ENTITY_TYPE_ORG, MG_STRENGTH_CUE, NULL);
              k = last;
              continue;
            }
          mg_block_add_span (b, k, end, e->type, MG_STRENGTH_GAZETTEER, e->canonical);
          k = end;
          continue;
        }
      if ((n = person_length (b, k, first, last)) != 0)
        {
          flush_unknown (b, &unknown, k, last);
          emit_person (b, k, k + n, MG_STRENGTH_WEAK);
          k += n;
          continue;
        }
      if (unknown == G_MAXUINT && b->tokens[k].kind == MG_TOKEN_WORD
          && !(mg_block_words (b, k) & (MG_WORD_STOP | MG_WORD_DEMONYM | MG_WORD_TITLE
                                        | MG_WORD_GENERIC)))
        unknown = k;
      k++;
    }
  flush_unknown (b, &unknown, last, last);
}

/* Two people in one run: "Governor X Nguyen Thi Hong and Deputy Minister Y Tran Quoc
 * Phuong". The run splits after a full name that "and" follows, or before "and" and a
 * title. */
static gboolean
split_at_and (MgBlock *b,
              guint    first,
              guint    last)
{
  for (guint k = first + 1; k + 1 < last; k++)
    {
      gboolean split = FALSE;

      if (!mg_block_is (b, k, "and"))
        continue;
      if (is_title (b, k + 1))
        split = TRUE;
      for (guint s = first; s + 2 < k && !split; s++)
        split = vn_name_length (b, s, k) == k - s && k - s >= 3 && !is_place_at (b, s);
      if (split)
        {
          classify_run (b, first, k, FALSE);
          classify_run (b, k + 1, last, FALSE);
          return TRUE;
        }
    }
  return FALSE;
}

static void
classify_run (MgBlock  *b,
              guint     first,
              guint     last,
              gboolean  title_before)
{
  guint start;

  first = skip_leading (b, first, last);
  last = trim_trailing (b, first, last, FALSE);
  if (first >= last || classify_whole (b, first, last) || split_at_and (b, first, last)
      || classify_byline (b, first, last) || classify_signature (b, first, last)
      || split_title (b, first, last, title_before) || classify_cued_place (b, first, last)
      || split_name_at_end (b, first, last))
    return;
  last = trim_trailing (b, first, last, TRUE);
  start = first;
  first = skip_title_of (b, first, last);
  if (first >= last || (first != start && (classify_whole (b, first, last)
                                            || split_org_person (b, first, last)))
      || classify_by_head (b, first, last))
    return;
  classify_parts (b, first, last);
}

static gboolean
only_titles (MgBlock *b,
             guint    first,
             guint    last)
{
  for (guint k = first; k < last; k++)
    if (b->tokens[k].kind != MG_TOKEN_PUNCT && !is_title (b, k))
      return FALSE;
  return TRUE;
}

/* The initials of a span's words, in order: "Asian Development Bank" gives "adb". */
static gboolean
is_acronym_of (MgBlock *b,
               guint    acronym,
               guint    first,
               guint    last)
{
  const MgToken *a = &b->tokens[acronym];
  const char *letters = b->folds + a->fold;
  guint matched = 0;

  for (guint k = first; k < last && matched < a->fold_len; k++)
    {
      const MgToken *t = &b->tokens[k];

      if (t->kind != MG_TOKEN_PUNCT && t->fold_len > 0 && b->folds[t->fold] == letters[matched])
        matched++;
    }
  return a->fold_len >= 2 && matched == a->fold_len && b->folds[b->tokens[first].fold] == letters[0];
}

/* "Asian Development Bank (ADB)": the short form links to the long one. */
static void
link_parenthetical (MgBlock *b,
                    guint    end)
{
  const MgSpan *span;
  guint index;
  guint added;

  if (b->spans->len == 0 || !mg_block_is_punct (b, end, '(') || !is_run_word (b, end + 1)
      || !mg_block_is_punct (b, end + 2, ')'))
    return;
  index = b->spans->len - 1;
  span = &g_array_index (b->spans, MgSpan, index);
  /* "(KADIN)" after an organisation's name in English is its own language's acronym. */
  if (span->last != end || span->type < 0 || span->type == MG_ENTITY_TYPE_PERSON
      || !(is_acronym_of (b, end + 1, span->first, span->last)
           || (span->type == MG_ENTITY_TYPE_ORG && (b->tokens[end + 1].flags & MG_TOKEN_ALLCAPS)
               && b->tokens[end + 1].fold_len >= 3)))
    return;
  added = mg_block_add_span (b, end + 1, end + 2, span->type, span->strength, span->canonical);
  if (added != 0)
    g_array_index (b->spans, MgSpan, added - 1).link = (gint) index + 1;
}

/* A dateline's source: "(PTOJ) - ...", "HANOI (VNA) – ..." at the start of a line. */
static void
find_datelines (MgBlock *b)
{
  for (guint i = 0; i + 3 < b->n_tokens; i++)
    {
      guint k = i;

      if (!mg_block_is_punct (b, i, '(') || !is_run_word (b, i + 1)
          || !(b->tokens[i + 1].flags & MG_TOKEN_ALLCAPS) || !mg_block_is_punct (b, i + 2, ')')
          || !mg_block_is_punct (b, i + 3, MG_CH_DASH))
        continue;
      while (k > 0 && !(b->tokens[k].flags & MG_TOKEN_LINE_START) && mg_block_is_cap_word (b, k - 1))
        k--;
      if (b->tokens[k].flags & MG_TOKEN_LINE_START)
        mg_block_add_span (b, i + 1, i + 2, MG_ENTITY_TYPE_ORG, MG_STRENGTH_CUE, NULL);
    }
}

void
mg_entity_find_names (MgBlock *b)
{
  find_datelines (b);
  for (guint i = 0; i < b->n_tokens; i++)
    {
      guint end;

      if (b->claimed[i])
        continue;
      if (b->tokens[i].kind == MG_TOKEN_DOMAIN)
        {
          mg_block_add_span (b, i, i + 1, MG_ENTITY_TYPE_ORG, MG_STRENGTH_CUE, NULL);
          continue;
        }
      if (!starts_run (b, i))
        continue;
      end = run_end (b, i);
      classify_run (b, i, end, b->pending_title == i && i > 0);
      if (only_titles (b, i, end))
        b->pending_title = mg_block_is_punct (b, end, ',') ? end + 1 : end;
      link_parenthetical (b, end);
      i = end - 1;
    }
}
