/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-block.h"

/* Calendar references: "January 24, 2025", "13 October 2022", "01/06/2025", "2001-2010",
 * "the late 1980s", "the middle of the 21st century", weekdays and months. A number of
 * years ("40 years") is a duration, not a date, and a bare year needs context. */

static gboolean
is_number (MgBlock *b,
           guint    i,
           guint    max_digits)
{
  return i < b->n_tokens && b->tokens[i].kind == MG_TOKEN_NUMBER
         && !(b->tokens[i].flags & MG_TOKEN_SEPARATED) && b->tokens[i].digits <= max_digits
         && !b->claimed[i];
}

static guint
day_at (MgBlock *b,
        guint    i)
{
  const MgToken *t;

  if (i >= b->n_tokens || b->claimed[i])
    return 0;
  t = &b->tokens[i];
  if ((t->kind == MG_TOKEN_ORDINAL || is_number (b, i, 2)) && t->value >= 1 && t->value <= 31)
    return i + 1;
  return 0;
}

/* A month's name, or its abbreviation with an optional full stop ("Jan.", "Sept"). */
static guint
month_at (MgBlock  *b,
          guint     i,
          gboolean *out_full)
{
  guint32 words;

  if (!mg_block_is_cap_word (b, i) || b->claimed[i])
    return 0;
  words = mg_block_words (b, i);
  *out_full = (words & MG_WORD_MONTH) != 0;
  if (*out_full)
    return i + 1;
  if (!(words & MG_WORD_MONTH_ABBR))
    return 0;
  return mg_block_is_punct (b, i + 1, '.') ? i + 2 : i + 1;
}

static guint
year_after (MgBlock *b,
            guint    i)
{
  if (mg_block_is_punct (b, i, ','))
    i++;
  return mg_block_is_year (b, i) && !b->claimed[i] ? i + 1 : 0;
}

/* A visit "from November 3-6" or "3–6 November": the days of one month as one range. */
static guint
day_range_end (MgBlock *b,
               guint    first_day,
               guint    end)
{
  const MgToken *t = b->tokens;

  if (mg_block_is_punct (b, end, MG_CH_DASH) && end + 1 < b->n_tokens
      && (t[end].flags & MG_TOKEN_GLUED) && (t[end + 1].flags & MG_TOKEN_GLUED)
      && day_at (b, end + 1) && t[end + 1].kind == MG_TOKEN_NUMBER
      && t[end + 1].value > t[first_day].value)
    return end + 2;
  return end;
}

/* "January 24, 2025", "August 8th, 2018", "October 2022", "December". */
static guint
match_month_first (MgBlock *b,
                   guint    i)
{
  gboolean full = FALSE;
  guint m = month_at (b, i, &full);
  guint d;
  guint y;

  if (m == 0)
    return 0;
  d = day_at (b, m);
  /* "March 3:00" is a time, "June 2" a date. */
  if (d != 0 && !mg_block_is_punct (b, d, ':'))
    {
      d = day_range_end (b, m, d);
      return (y = year_after (b, d)) ? y : d;
    }
  if ((y = year_after (b, m)) != 0)
    return y;
  /* "the August Revolution", "the October Revolution": the month names an event. */
  if (mg_block_is_cap_word (b, m) && (mg_block_words (b, m) & MG_WORD_EVENT_HEAD))
    return 0;
  /* "May" alone is most often the verb, but not after "in", "since" or "by". */
  if (full && mg_block_is (b, i, "may"))
    return i > 0 && mg_block_is_lower_word (b, i - 1)
           && (mg_block_words (b, i - 1) & MG_WORD_DATE_PREP) && !mg_block_is (b, i - 1, "and")
           && !mg_block_is (b, i - 1, "or") && !mg_block_is (b, i - 1, "as") ? m : 0;
  return full ? m : 0;
}

/* "13 October 2022", "24th of January". */
static guint
match_day_first (MgBlock *b,
                 guint    i)
{
  gboolean full = FALSE;
  guint j = day_at (b, i);
  guint m;
  guint y;

  if (j == 0)
    return 0;
  j = day_range_end (b, i, j);
  if (mg_block_is (b, j, "of"))
    j++;
  m = month_at (b, j, &full);
  if (m == 0)
    return 0;
  return (y = year_after (b, m)) ? y : m;
}

static gboolean
glued (MgBlock *b,
       guint    i)
{
  return i < b->n_tokens && (b->tokens[i].flags & MG_TOKEN_GLUED);
}

/* "01/06/2025", "1-6-2025", "2025-06-01". */
static guint
match_numeric (MgBlock *b,
               guint    i)
{
  const MgToken *t = b->tokens;
  gunichar sep;

  if (i + 4 >= b->n_tokens || !glued (b, i + 1) || !glued (b, i + 2) || !glued (b, i + 3)
      || !glued (b, i + 4) || t[i + 1].kind != MG_TOKEN_PUNCT)
    return 0;
  sep = t[i + 1].ch;
  if ((sep != '/' && sep != MG_CH_DASH && sep != '.') || !mg_block_is_punct (b, i + 3, sep))
    return 0;
  if (is_number (b, i, 2) && is_number (b, i + 2, 2) && mg_block_is_year (b, i + 4)
      && t[i].value >= 1 && t[i].value <= 31 && t[i + 2].value >= 1 && t[i + 2].value <= 31)
    return i + 5;
  if (mg_block_is_year (b, i) && is_number (b, i + 2, 2) && is_number (b, i + 4, 2)
      && t[i + 2].value >= 1 && t[i + 2].value <= 12)
    return i + 5;
  return 0;
}

/* "2001-2010", "2021–2025", "2021-25": one expression, one span. */
static guint
match_year_range (MgBlock *b,
                  guint    i)
{
  if (!mg_block_is_year (b, i) || !mg_block_is_punct (b, i + 1, MG_CH_DASH))
    return 0;
  if (mg_block_is_year (b, i + 2) && b->tokens[i + 2].value > b->tokens[i].value)
    return i + 3;
  if (is_number (b, i + 2, 2) && glued (b, i + 2) && glued (b, i + 1))
    return i + 3;
  return 0;
}

/* "21st century", "twentieth century". */
static gboolean
is_numeric (MgBlock *b,
            guint    i)
{
  return i < b->n_tokens && (b->tokens[i].kind == MG_TOKEN_NUMBER
                             || b->tokens[i].kind == MG_TOKEN_ORDINAL
                             || b->tokens[i].kind == MG_TOKEN_DECADE);
}

/* Cheap test first: most words are not followed by "century". */
static inline gboolean
may_precede_century (MgBlock *b,
                     guint    i)
{
  return i + 1 < b->n_tokens && b->tokens[i + 1].fold_len >= 7
         && b->folds[b->tokens[i + 1].fold] == 'c';
}

static guint
match_century (MgBlock *b,
               guint    i)
{
  gboolean ordinal;

  if (!may_precede_century (b, i) || b->claimed[i])
    return 0;
  ordinal = b->tokens[i].kind == MG_TOKEN_ORDINAL || (mg_block_words (b, i) & MG_WORD_ORDINAL);
  return ordinal && (mg_block_words (b, i + 1) & MG_WORD_CENTURY) ? i + 2 : 0;
}

/* "1980s", "the ’90s". */
static guint
match_decade (MgBlock *b,
              guint    i)
{
  if (i >= b->n_tokens || b->claimed[i])
    return 0;
  if (b->tokens[i].kind == MG_TOKEN_DECADE && b->tokens[i].digits == 4)
    return i + 1;
  if (mg_block_is_punct (b, i, MG_CH_APOSTROPHE) && i + 1 < b->n_tokens
      && b->tokens[i + 1].kind == MG_TOKEN_DECADE && glued (b, i + 1))
    return i + 2;
  return 0;
}

static gboolean
year_blocked_before (MgBlock *b,
                     guint    i)
{
  if (i == 0)
    return FALSE;
  if (glued (b, i) && b->tokens[i - 1].kind == MG_TOKEN_WORD)
    return TRUE;
  return mg_block_is_punct (b, i - 1, '$') || mg_block_is (b, i - 1, "no")
         || mg_block_is (b, i - 1, "number") || mg_block_is (b, i - 1, "pp")
         || mg_block_is (b, i - 1, "p") || mg_block_is_punct (b, i - 1, '#');
}

/* A bare year needs a preposition before it ("since 1986") or nothing wordy after it
 * ("in 1975, ..."): "2000 people" and "1152 views" are counts. */
static gboolean
year_in_context (MgBlock *b,
                 guint    i)
{
  guint next = i + 1;

  if (!mg_block_is_year (b, i) || year_blocked_before (b, i))
    return FALSE;
  if (mg_block_is_punct (b, next, ':') || mg_block_is_punct (b, next, '%')
      || mg_block_is (b, next, "years") || mg_block_is (b, next, "year"))
    return FALSE;
  if (i > 0 && (mg_block_words (b, i - 1) & MG_WORD_DATE_PREP))
    return TRUE;
  /* "© 2026 VGP News": a web page's copyright year. */
  if (i > 0 && (mg_block_is_punct (b, i - 1, 0xA9) || mg_block_is (b, i - 1, "copyright")))
    return TRUE;
  /* "the 1982 United Nations Convention", "the 2013 Constitution": a year naming which
   * one; "the 2000 delegates" stays a count. */
  if (i > 0 && mg_block_is (b, i - 1, "the") && mg_block_is_cap_word (b, next)
      && !(b->tokens[next].flags & MG_TOKEN_LINE_START))
    return TRUE;
  if (next >= b->n_tokens || (b->tokens[next].flags & MG_TOKEN_LINE_START))
    return TRUE;
  if (b->tokens[next].kind == MG_TOKEN_PUNCT)
    return b->tokens[next].ch != '/' && b->tokens[next].ch != '.'
           ? TRUE : !glued (b, next + 1);
  return mg_block_is_lower_word (b, next) && (mg_block_words (b, next) & MG_WORD_YEAR_FOLLOW);
}

static guint
match_core (MgBlock *b,
            guint    i)
{
  guint end;

  if ((end = match_month_first (b, i)) || (end = match_day_first (b, i))
      || (end = match_numeric (b, i)) || (end = match_year_range (b, i))
      || (end = match_century (b, i)) || (end = match_decade (b, i)))
    return end;
  return 0;
}

/* "Thursday, 13 October 2022" is one date; "Tuesday" alone is one too. */
static guint
match_weekday (MgBlock *b,
               guint    i)
{
  guint j = i + 1;
  guint end;

  if (!mg_block_is_cap_word (b, i) || !(mg_block_words (b, i) & MG_WORD_WEEKDAY))
    return 0;
  if (mg_block_is_punct (b, j, ','))
    j++;
  if ((end = match_month_first (b, j)) > j + 1 || (end = match_day_first (b, j)) != 0)
    return end;
  return i + 1;
}

/* The date modifiers of words.txt, tested without a dictionary lookup: this runs on every
 * lowercase word. The dictionary still decides, after this quick "maybe". */
static inline gboolean
may_be_modifier (MgBlock *b,
                 guint    i)
{
  const MgToken *t = &b->tokens[i];
  const char *w = b->folds + t->fold;

  switch (t->fold_len)
    {
    case 3:
      return w[0] == 'm' || w[0] == 'e';
    case 4:
      return w[0] == 'l' || w[0] == 't';
    case 5:
      /* "third" of the ordinals, not the many "the..." and "tra..." words. */
      return w[0] == 'e' || w[0] == 's' || w[0] == 'f' || (w[0] == 't' && w[2] == 'i');
    case 6:
      return w[0] == 'm' || w[0] == 's' || (w[0] == 'f' && w[1] == 'o');
    case 9:
      return w[0] == 'b';
    default:
      return FALSE;
    }
}

/* "late 1980s", "mid-2025", "middle of the 21st century", "end of 2025",
 * "first half of the 20th century". */
static guint
match_modified (MgBlock *b,
                guint    i)
{
  guint j = i + 1;
  guint end;

  gboolean near = FALSE;

  if (b->tokens[i].kind != MG_TOKEN_WORD || !may_be_modifier (b, i))
    return 0;

  /* A modifier comes at most five tokens before a number or a month: look no further
   * into the dictionary for any other word. */
  for (guint k = i + 1; k < i + 6 && k < b->n_tokens && !near; k++)
    near = is_numeric (b, k) || (mg_block_is_cap_word (b, k)
                                 && (mg_block_words (b, k) & (MG_WORD_MONTH | MG_WORD_MONTH_ABBR)));
  if (!near || !(mg_block_words (b, i) & (MG_WORD_DATE_MOD | MG_WORD_ORDINAL)))
    return 0;
  if (mg_block_is (b, j, "half") || mg_block_is (b, j, "quarter"))
    j++;
  /* "the first nine months of 2026": a count word, then "months". */
  else if (mg_block_is (b, j + 1, "months") && (mg_block_is_lower_word (b, j)
                                                 || is_number (b, j, 2)))
    j += 2;
  /* "third" or "fourth" only ever modify a quarter or the months of a year. */
  if (!(mg_block_words (b, i) & MG_WORD_DATE_MOD) && j == i + 1)
    return 0;
  if (mg_block_is_punct (b, j, MG_CH_DASH) && glued (b, j))
    j++;
  if (mg_block_is (b, j, "of"))
    j++;
  if (mg_block_is (b, j, "the"))
    j++;
  if (j == i + 1 && (mg_block_is (b, i, "first") || mg_block_is (b, i, "second")))
    return 0;
  if ((end = match_century (b, j)) || (end = match_decade (b, j)))
    return end;
  if ((end = match_month_first (b, j)) || (end = match_year_range (b, j)))
    return end;
  if (mg_block_is_year (b, j) && !year_blocked_before (b, j) && !mg_block_is (b, j + 1, "years"))
    return j + 1;
  return 0;
}

/* "from 2021 to 2025", "from January to April": a range written as one expression, when
 * both ends are of one kind. "from 2019 to present" keeps its year alone. */
static guint
range_end (MgBlock *b,
           guint    i,
           guint    end)
{
  guint to = end;
  guint j;

  if (i == 0 || !mg_block_is (b, i - 1, "from")
      || !(mg_block_is (b, to, "to") || mg_block_is (b, to, "until")))
    return end;
  j = to + 1;
  if (j >= b->n_tokens || b->claimed[j])
    return end;
  if (end == i + 1 && mg_block_is_year (b, i))
    return mg_block_is_year (b, j) && b->tokens[j].value > b->tokens[i].value ? j + 1 : end;
  if (mg_block_is_cap_word (b, i) && (mg_block_words (b, i) & MG_WORD_MONTH))
    {
      guint e = match_month_first (b, j);

      return e != 0 ? e : end;
    }
  return end;
}

void
mg_entity_find_dates (MgBlock *b)
{
  for (guint i = 0; i < b->n_tokens; i++)
    {
      guint end;

      const MgToken *t = &b->tokens[i];

      /* Dates start on a number, a capitalised month or weekday, a modifier word or an
       * apostrophe ("’90s"); any other token is passed at once. */
      if (b->claimed[i] || t->kind == MG_TOKEN_URL || t->kind == MG_TOKEN_DOMAIN
          || (t->kind == MG_TOKEN_PUNCT && t->ch != MG_CH_APOSTROPHE))
        continue;
      if (mg_block_is_lower_word (b, i) && !may_be_modifier (b, i)
          && !(mg_block_is (b, i + 1, "century") || mg_block_is (b, i + 1, "centuries")))
        continue;
      /* A capitalised word starts a date only as a month, a weekday, a modifier ("Late
       * 1990s") or an ordinal before "century". */
      if (mg_block_is_cap_word (b, i) && !may_be_modifier (b, i) && !may_precede_century (b, i)
          && !(mg_block_words (b, i) & (MG_WORD_MONTH | MG_WORD_MONTH_ABBR | MG_WORD_WEEKDAY)))
        continue;
      if ((end = match_weekday (b, i)) == 0 && (end = match_modified (b, i)) == 0
          && (end = match_core (b, i)) == 0)
        end = year_in_context (b, i) ? i + 1 : 0;
      if (end > i)
        end = range_end (b, i, end);
      if (end > i && mg_block_is_free (b, i, end))
        {
          mg_block_add_span (b, i, end, MG_ENTITY_TYPE_DATE, MG_STRENGTH_GAZETTEER, NULL);
          i = end - 1;
        }
    }
}
