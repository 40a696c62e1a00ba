/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-tokenizer.h"
#include "mg-entity-fold.h"

#include <string.h>

/* One pass over the text, no allocation per token: tokens go into a caller's array and
 * their folded forms into one caller's buffer, both reused from block to block. */

typedef enum {
  CC_SPACE,
  CC_NEWLINE,
  CC_UPPER,
  CC_LETTER,
  CC_MARK,
  CC_DIGIT,
  CC_OTHER,
} CharClass;

typedef struct {
  const char *text;
  const char *p;
  const char *end;
  guint32     cp;
  GArray     *tokens;
  GString    *folds;
  guint16     pending;   /* flags for the next token: GLUED, LINE_START, PARA_START */
  guint       n_tokens;
} Scanner;

/* ASCII by table, the rest by GLib's Unicode data. */
#define L CC_LETTER
#define U CC_UPPER
#define D CC_DIGIT
#define S CC_SPACE
#define O CC_OTHER
static const guint8 ascii_class[128] = {
  O, O, O, O, O, O, O, O, O, S, CC_NEWLINE, S, S, S, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O,
  O, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
  U, U, U, U, U, U, U, U, U, U, U, O, O, O, O, O,
  O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
  L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,
};
#undef L
#undef U
#undef D
#undef S
#undef O

static inline CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return (CharClass) ascii_class[c];
  if (c == 0x2028 || c == 0x2029 || c == 0x85)
    return CC_NEWLINE;
  if (g_unichar_isspace (c))
    return CC_SPACE;
  if (g_unichar_ismark (c))
    return CC_MARK;
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return CC_UPPER;
  if (g_unichar_isalpha (c))
    return CC_LETTER;
  if (g_unichar_isdigit (c))
    return CC_DIGIT;
  return CC_OTHER;
}

static inline gunichar
peek (const Scanner *s,
      const char    *at,
      guint         *out_len)
{
  if (at >= s->end)
    {
      *out_len = 0;
      return 0;
    }
  if ((guchar) *at < 0x80)
    {
      *out_len = 1;
      return (guchar) *at;
    }
  *out_len = (guint) (g_utf8_next_char (at) - at);
  return g_utf8_get_char (at);
}

static inline gboolean
is_letter_class (CharClass cc)
{
  return cc == CC_UPPER || cc == CC_LETTER || cc == CC_MARK;
}

/* The array was sized for the worst case (a token per byte) before the scan, so a token
 * is written in place; the length is set right at the end. */
static MgToken *
push_token (Scanner     *s,
            MgTokenKind  kind,
            const char  *start,
            guint32      cp_start)
{
  MgToken *token = &((MgToken *) s->tokens->data)[s->n_tokens++];

  memset (token, 0, sizeof *token);
  token->start = (guint32) (start - s->text);
  token->end = (guint32) (s->p - s->text);
  token->cp_start = cp_start;
  token->cp_end = s->cp;
  token->kind = kind;
  token->flags = s->pending;
  token->fold = (guint32) s->folds->len;
  s->pending = MG_TOKEN_GLUED;
  return token;
}

static void
fold_range (Scanner    *s,
            MgToken    *token)
{
  const char *p = s->text + token->start;
  const char *end = s->text + token->end;

  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isalnum (*p) || *p == '+')
            g_string_append_c (s->folds, g_ascii_tolower (*p));
          p++;
        }
      else
        {
          mg_entity_fold_append_unichar (s->folds, g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
    }
  token->fold_len = (guint16) MIN (s->folds->len - token->fold, G_MAXUINT16);
}

static inline gboolean
is_ascii_letter (guchar byte)
{
  return (guchar) ((byte | 0x20) - 'a') < 26;
}

/* Room for @n more bytes in @folds, to write at the returned pointer; the caller sets the
 * length after. One check for a whole run of letters instead of one per letter. */
static inline char *
reserve (GString *folds,
         gsize    n)
{
  if (folds->len + n >= folds->allocated_len)
    {
      gsize len = folds->len;

      g_string_set_size (folds, len + n);
      g_string_truncate (folds, len);
    }
  return folds->str + folds->len;
}

/* Letters of one word, folded on the way into s->folds: runs of ASCII letters at once (most
 * words are nothing else), the rest one character at a time through the full fold. Counts
 * capitals and letters for the token's flags. */
static void
scan_letters (Scanner *s,
              guint   *n_upper,
              guint   *n_letters)
{
  guint len;

  while (s->p < s->end)
    {
      const char *run = s->p;
      const char *p = run;
      guint upper = 0;
      char *out = reserve (s->folds, (gsize) (s->end - p));
      gunichar c;
      CharClass cc;

      /* ASCII letters lowered on the way: OR 0x20 maps A-Z to a-z and keeps a-z. */
      for (; p < s->end && is_ascii_letter ((guchar) *p); p++)
        {
          upper += (guchar) *p <= 'Z';
          *out++ = (char) (*p | 0x20);
        }
      if (p > run)
        {
          s->folds->len += (gsize) (p - run);
          s->folds->str[s->folds->len] = '\0';
          *n_letters += (guint) (p - run);
          *n_upper += upper;
          s->cp += (guint32) (p - run);
          s->p = p;
          continue;
        }
      /* An ASCII byte that is not a letter ends the word. */
      if ((guchar) *p < 0x80)
        break;
      c = peek (s, p, &len);
      cc = classify (c);
      if (!is_letter_class (cc))
        break;
      if (cc == CC_UPPER)
        (*n_upper)++;
      if (cc != CC_MARK)
        (*n_letters)++;
      mg_entity_fold_append_unichar (s->folds, c);
      s->p += len;
      s->cp++;
    }
}

/* Skips to the next space: for addresses and e-mails, which are never names. */
static void
scan_to_space (Scanner *s)
{
  guint len;

  while (s->p < s->end)
    {
      gunichar c = peek (s, s->p, &len);
      CharClass cc = classify (c);

      if (cc == CC_SPACE || cc == CC_NEWLINE)
        break;
      s->p += len;
      s->cp++;
    }
  /* A sentence's full stop after an address is not part of it. */
}

static gboolean
is_tld (const char *p,
        gsize       len)
{
  static const char * const tlds[] = {
    "vn", "com", "net", "org", "gov", "edu", "int", "info", "news", "io", "uk", "us",
    "cn", "jp", "kr", "fr", "de", "ru", "eu", "asia", "la", "kh", "sg", "au",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tlds); i++)
    if (strlen (tlds[i]) == len && g_ascii_strncasecmp (tlds[i], p, len) == 0)
      return TRUE;
  return FALSE;
}

/* After a word, ".label.tld" with no space makes the whole a domain ("Vietnam.vn"). */
static gboolean
scan_domain (Scanner *s)
{
  const char *p = s->p;
  const char *label = NULL;
  guint32 cp = s->cp;
  gsize label_len = 0;

  while (p + 1 < s->end && *p == '.' && g_ascii_isalnum (p[1]))
    {
      label = ++p;
      cp++;
      while (p < s->end && (g_ascii_isalnum (*p) || *p == '-'))
        p++, cp++;
      label_len = (gsize) (p - label);
    }
  if (label == NULL || !is_tld (label, label_len))
    return FALSE;
  if (p < s->end && ((guchar) *p >= 0x80 || g_ascii_isalnum (*p)))
    return FALSE;
  s->p = p;
  s->cp = cp;
  return TRUE;
}

static gboolean
starts_with (const Scanner *s,
             const char    *at,
             const char    *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (s->end - at) >= n && memcmp (at, prefix, n) == 0;
}

/* Web artefacts: an address, an e-mail, or a path after a domain. */
static gboolean
scan_url (Scanner    *s,
          const char *start)
{
  gsize len = (gsize) (s->p - start);

  if ((len == 4 || len == 5 || len == 3) && starts_with (s, s->p, "://"))
    {
      scan_to_space (s);
      return TRUE;
    }
  if (len == 3 && starts_with (s, s->p, ".") && g_ascii_strncasecmp (start, "www", 3) == 0)
    {
      scan_to_space (s);
      return TRUE;
    }
  if (starts_with (s, s->p, "@") && s->p + 1 < s->end && g_ascii_isalnum (s->p[1]))
    {
      scan_to_space (s);
      return TRUE;
    }
  return FALSE;
}

/* Scraped pages repeat a logo's text with no space ("NewsSiteNewsSite"): two tokens. */
static void
split_doubled (Scanner *s,
               MgToken *token)
{
  guint32 bytes = token->end - token->start;
  guint32 half = bytes / 2;
  const char *w = s->text + token->start;
  MgToken second;

  if (bytes < 8 || bytes % 2 != 0 || memcmp (w, w + half, half) != 0)
    return;
  if (!g_utf8_validate (w, half, NULL))
    return;
  second = *token;
  token->end = token->start + half;
  token->cp_end = token->cp_start + (guint32) g_utf8_strlen (w, half);
  second.start = token->end;
  second.cp_start = token->cp_end;
  second.flags = MG_TOKEN_GLUED | (token->flags & (MG_TOKEN_CAPITAL | MG_TOKEN_ALLCAPS));
  token->fold_len /= 2;
  second.fold = token->fold + token->fold_len;
  second.fold_len = token->fold_len;
  ((MgToken *) s->tokens->data)[s->n_tokens++] = second;
}

static inline gboolean
starts_upper (const char *word)
{
  if ((guchar) *word < 0x80)
    return *word >= 'A' && *word <= 'Z';
  return classify (g_utf8_get_char (word)) == CC_UPPER;
}

static void
scan_word (Scanner *s)
{
  const char *start = s->p;
  const char *letters_end;
  guint32 cp_start = s->cp;
  gsize fold_start = s->folds->len;
  guint n_upper = 0, n_letters = 0;
  MgTokenKind kind = MG_TOKEN_WORD;
  MgToken *token;

  scan_letters (s, &n_upper, &n_letters);
  letters_end = s->p;
  /* "G20", "COP26": capitals run on into digits; "Plus01" splits. */
  if (n_upper == n_letters && s->p < s->end && g_ascii_isdigit (*s->p))
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++, s->cp++;
  /* Addresses, domains and "Vietnam+" go on with one of these; most words end otherwise. */
  if (s->p < s->end && (*s->p == ':' || *s->p == '.' || *s->p == '@' || *s->p == '+'))
    {
      if (scan_url (s, start))
        kind = MG_TOKEN_URL;
      else if (scan_domain (s))
        kind = MG_TOKEN_DOMAIN;
      else if (*s->p == '+' && (s->p + 1 >= s->end || !g_ascii_isalnum (s->p[1])))
        s->p++, s->cp++;
    }
  /* The folded letters stand unless more than letters joined the token. */
  if (s->p != letters_end)
    g_string_truncate (s->folds, fold_start);
  token = push_token (s, kind, start, cp_start);
  token->fold = (guint32) fold_start;
  if (n_upper > 0 && starts_upper (start))
    token->flags |= MG_TOKEN_CAPITAL;
  if (n_letters >= 2 && n_upper == n_letters)
    token->flags |= MG_TOKEN_ALLCAPS;
  if (s->p == letters_end)
    token->fold_len = (guint16) MIN (s->folds->len - fold_start, G_MAXUINT16);
  else if (kind != MG_TOKEN_URL)
    fold_range (s, token);
  if (kind == MG_TOKEN_WORD && (token->flags & MG_TOKEN_CAPITAL))
    split_doubled (s, token);
}

/* @suffix is in lower case; compared byte by byte, as this runs after every number. */
static inline gboolean
is_suffix (const char *p,
           const char *end,
           const char *suffix)
{
  gsize n = strlen (suffix);

  if ((gsize) (end - p) < n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_ascii_tolower (p[i]) != suffix[i])
      return FALSE;
  return p + n >= end || !g_ascii_isalpha (p[n]);
}

/* After digits: "st", "nd", "rd", "th" make an ordinal; "s" after a year a decade. */
static MgTokenKind
scan_number_suffix (Scanner *s,
                    guint    digits)
{
  static const char * const ordinals[] = { "st", "nd", "rd", "th" };

  /* Every suffix starts with a letter; most numbers are followed by none. */
  if (s->p >= s->end || !g_ascii_isalpha (*s->p))
    return MG_TOKEN_NUMBER;
  for (gsize i = 0; i < G_N_ELEMENTS (ordinals); i++)
    if (is_suffix (s->p, s->end, ordinals[i]))
      {
        s->p += 2, s->cp += 2;
        return MG_TOKEN_ORDINAL;
      }
  if ((digits == 4 || digits == 2) && is_suffix (s->p, s->end, "s"))
    {
      s->p++, s->cp++;
      return MG_TOKEN_DECADE;
    }
  return MG_TOKEN_NUMBER;
}

static void
scan_number (Scanner *s)
{
  const char *start = s->p;
  guint32 cp_start = s->cp;
  guint digits = 0;
  guint32 value = 0;
  gboolean separated = FALSE;
  MgTokenKind kind;
  MgToken *token;

  for (;;)
    {
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        {
          value = value < 100000000 ? value * 10 + (guint32) (*s->p - '0') : value;
          s->p++, s->cp++, digits++;
        }
      /* "5,000" and "4.0" are one number; "2019." ends a sentence. */
      if (s->p + 1 < s->end && (*s->p == ',' || *s->p == '.') && g_ascii_isdigit (s->p[1]))
        {
          s->p++, s->cp++;
          separated = TRUE;
          continue;
        }
      break;
    }
  kind = separated ? MG_TOKEN_NUMBER : scan_number_suffix (s, digits);
  token = push_token (s, kind, start, cp_start);
  token->digits = (guint8) MIN (digits, 255);
  token->value = value;
  if (separated)
    token->flags |= MG_TOKEN_SEPARATED;
  fold_range (s, token);
}

static gunichar
punct_role (gunichar c)
{
  switch (c)
    {
    case 0x2019: case 0x2018: case 0x02BC: case 0x2032: case '`':
      return MG_CH_APOSTROPHE;
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
      return MG_CH_QUOTE;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
      return MG_CH_DASH;
    default:
      return c;
    }
}

static void
scan_punct (Scanner  *s,
            gunichar  c,
            guint     len)
{
  const char *start = s->p;
  guint32 cp_start = s->cp;
  MgToken *token;

  s->p += len;
  s->cp++;
  token = push_token (s, MG_TOKEN_PUNCT, start, cp_start);
  token->ch = punct_role (c);
}

static void
scan_space (Scanner   *s,
            CharClass  cc,
            guint      len)
{
  if (cc == CC_NEWLINE)
    {
      /* A second line end before the next token means a blank line. */
      if (s->pending & MG_TOKEN_LINE_START)
        s->pending |= MG_TOKEN_PARA_START;
      s->pending |= MG_TOKEN_LINE_START;
    }
  s->pending &= (guint16) ~MG_TOKEN_GLUED;
  s->p += len;
  s->cp++;
}

/**
 * mg_entity_tokenize:
 * @text: valid UTF-8
 * @length: bytes of @text
 * @tokens: an array of #MgToken to append to
 * @folds: where the folded forms of the tokens go
 *
 * Returns: the number of code points in @text
 */
guint32
mg_entity_tokenize (const char *text,
                    gsize       length,
                    GArray     *tokens,
                    GString    *folds)
{
  Scanner s = { text, text, text + length, 0, tokens, folds,
                MG_TOKEN_LINE_START | MG_TOKEN_PARA_START, tokens->len };
  guint len;

  /* At most one token per byte, plus one for a split doubled word. */
  g_array_set_size (tokens, tokens->len + length + 1);

  while (s.p < s.end)
    {
      gunichar c;
      CharClass cc;

      /* A plain space, the commonest character, takes the shortest way. */
      if (*s.p == ' ')
        {
          s.pending &= (guint16) ~MG_TOKEN_GLUED;
          s.p++, s.cp++;
          continue;
        }
      c = peek (&s, s.p, &len);
      cc = classify (c);
      if (cc == CC_SPACE || cc == CC_NEWLINE)
        scan_space (&s, cc, len);
      else if (is_letter_class (cc))
        scan_word (&s);
      else if (cc == CC_DIGIT && c < 0x80)
        scan_number (&s);
      else
        scan_punct (&s, c, len);
    }
  g_array_set_size (tokens, s.n_tokens);
  return s.cp;
}
