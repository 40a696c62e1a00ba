/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: search across the corpus. FTS5 finds the documents and ranks them;
 * the hits inside each are then located with FTS5's own tokenizer, borrowed through its C
 * API, so what counts as a word and how case and diacritics fold is exactly what the index
 * did, with no second set of rules to drift from it. Only the texts of matching documents
 * are read, and only until enough hits are found. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-store-private.h"
#include "mg-store-schema.h"
#include "mg-store-search.h"

/* Code points of context on each side of a match in a snippet, and how far the snippet
 * may give some of them up so as not to cut a word. */
#define SNIPPET_CONTEXT 60
#define SNIPPET_WORD_SLACK 15

G_DEFINE_BOXED_TYPE (MgSearchHit, mg_search_hit, mg_search_hit_copy, mg_search_hit_free)

/**
 * mg_search_hit_copy:
 *
 * Returns: (transfer full): a copy of @hit
 */
MgSearchHit *
mg_search_hit_copy (const MgSearchHit *hit)
{
  MgSearchHit *copy = g_memdup2 (hit, sizeof *hit);

  copy->title = g_strdup (hit->title);
  copy->snippet = g_strdup (hit->snippet);
  return copy;
}

/**
 * mg_search_hit_free:
 *
 * Frees @hit and its strings.
 */
void
mg_search_hit_free (MgSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* --- The index's tokenizer --- */

typedef struct
{
  fts5_tokenizer api;
  Fts5Tokenizer *tokenizer;
} Tokenizer;

static void
tokenizer_clear (Tokenizer *self)
{
  if (self->tokenizer != NULL)
    self->api.xDelete (self->tokenizer);
  self->tokenizer = NULL;
}

static void
set_no_fts (GError **error)
{
  g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_FAILED,
                       _("Search is not available: the SQLite library in use has no "
                         "full-text search (FTS5). Install one built with FTS5."));
}

/* The documented way to reach FTS5's C API from a connection (SQLite >= 3.20). */
static fts5_api *
get_fts5_api (MgStore  *store,
              GError  **error)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = mg_store_prepare (store, "SELECT fts5 (?1)", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (api == NULL)
    set_no_fts (error);
  return api;
}

static gboolean
tokenizer_init (Tokenizer  *self,
                MgStore    *store,
                GError    **error)
{
  g_auto(GStrv) args = g_strsplit (MG_STORE_FTS_TOKENIZER_ARGS, " ", -1);
  fts5_api *api = get_fts5_api (store, error);
  void *context = NULL;

  if (api == NULL)
    return FALSE;
  if (api->xFindTokenizer (api, MG_STORE_FTS_TOKENIZER, &context, &self->api) != SQLITE_OK
      || self->api.xCreate (context, (const char **) args, (int) g_strv_length (args),
                            &self->tokenizer) != SQLITE_OK)
    {
      self->tokenizer = NULL;
      set_no_fts (error);
      return FALSE;
    }
  return TRUE;
}

/* --- The user's query --- */

/* One word or "quoted phrase" of the query, as the index's folded tokens. */
typedef struct
{
  GPtrArray *tokens;
  gboolean prefix;
} Term;

static void
term_free (Term *term)
{
  g_ptr_array_unref (term->tokens);
  g_free (term);
}

static void
string_free (GString *string)
{
  g_string_free (string, TRUE);
}

static int
collect_token (void        *data,
               int          flags,
               const char  *token,
               int          length,
               int          start,
               int          end)
{
  GPtrArray *tokens = data;

  if ((flags & FTS5_TOKEN_COLOCATED) == 0)
    g_ptr_array_add (tokens, g_string_new_len (token, length));
  return SQLITE_OK;
}

/* Reads one word or "quoted phrase" from @p into @out_text; a trailing "*" makes it a
 * prefix. A quote without a closing one is just a character of a word. Returns where the
 * next term starts, or %NULL at the end of the query. */
static const char *
next_raw_term (const char  *p,
               char       **out_text,
               gboolean    *out_prefix)
{
  const char *end;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return NULL;
  if (*p == '"' && (end = strchr (p + 1, '"')) != NULL)
    {
      *out_text = g_strndup (p + 1, (gsize) (end - p - 1));
      *out_prefix = end[1] == '*';
      return *out_prefix ? end + 2 : end + 1;
    }
  for (end = p; *end != '\0' && !g_ascii_isspace (*end); end++)
    ;
  /* The star stays in the text: the tokenizer drops it with the other punctuation. */
  *out_text = g_strndup (p, (gsize) (end - p));
  *out_prefix = end[-1] == '*';
  return end;
}

/* Terms that fold to no token at all (punctuation, a lone "*") ask for nothing and go. */
static GPtrArray *
parse_query (Tokenizer  *tokenizer,
             const char *query)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  const char *p = query;
  char *text = NULL;
  gboolean prefix = FALSE;

  while ((p = next_raw_term (p, &text, &prefix)) != NULL)
    {
      Term *term = g_new0 (Term, 1);

      term->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free);
      term->prefix = prefix;
      tokenizer->api.xTokenize (tokenizer->tokenizer, term->tokens, FTS5_TOKENIZE_QUERY, text,
                                (int) strlen (text), collect_token);
      g_clear_pointer (&text, g_free);
      if (term->tokens->len > 0)
        g_ptr_array_add (terms, term);
      else
        term_free (term);
    }
  return terms;
}

/* Every term becomes a quoted FTS5 string, so nothing the user types is read as FTS5
 * syntax (NEAR, OR, column filters, a stray quote); the expression is bound as a
 * parameter, so nothing is read as SQL either. */
static char *
match_expression (GPtrArray *terms)
{
  GString *expression = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      Term *term = g_ptr_array_index (terms, i);

      g_string_append (expression, i > 0 ? " AND \"" : "\"");
      for (guint j = 0; j < term->tokens->len; j++)
        {
          GString *token = g_ptr_array_index (term->tokens, j);

          if (j > 0)
            g_string_append_c (expression, ' ');
          /* unicode61 never keeps a quote in a token; doubling it is what FTS5 asks. */
          for (gsize k = 0; k < token->len; k++)
            {
              if (token->str[k] == '"')
                g_string_append_c (expression, '"');
              g_string_append_c (expression, token->str[k]);
            }
        }
      g_string_append (expression, term->prefix ? "\" *" : "\"");
    }
  return g_string_free (expression, FALSE);
}

/* --- Locating the hits in one text --- */

/* A token of the text: its folded form and where it lies, in bytes. */
typedef struct
{
  GString *folded;
  int start;
  int end;
} Slot;

typedef struct
{
  int start;
  int end;
} Span;

typedef struct
{
  GPtrArray *terms;
  Slot *ring;
  guint window;
  guint64 n_seen;
  GArray *spans;
  guint wanted;
  guint64 full_at;
} Locator;

static gboolean
token_matches (const Slot    *slot,
               const GString *token,
               gboolean       prefix)
{
  if (prefix ? slot->folded->len < token->len : slot->folded->len != token->len)
    return FALSE;
  return memcmp (slot->folded->str, token->str, token->len) == 0;
}

/* Spans come in the order of their ends. One that covers those kept before it replaces
 * them (the phrase "Viet Nam" over the word "Nam"); one that overlaps a kept one only in
 * part is dropped, so hits never overlap and stay in text order. */
static void
keep_span (GArray *spans,
           int     start,
           int     end)
{
  Span span = { start, end };

  while (spans->len > 0 && start <= g_array_index (spans, Span, spans->len - 1).start)
    g_array_set_size (spans, spans->len - 1);
  if (spans->len > 0 && start < g_array_index (spans, Span, spans->len - 1).end)
    return;
  g_array_append_val (spans, span);
}

/* Does @term end at the token just seen? */
static void
match_term (Locator    *self,
            const Term *term)
{
  guint n = term->tokens->len;
  guint64 first;

  if (self->n_seen < n)
    return;
  first = self->n_seen - n;
  for (guint j = n; j-- > 0;)
    if (!token_matches (&self->ring[(first + j) % self->window],
                        g_ptr_array_index (term->tokens, j), term->prefix && j == n - 1))
      return;
  keep_span (self->spans, self->ring[first % self->window].start,
             self->ring[(self->n_seen - 1) % self->window].end);
}

static int
locate_token (void        *data,
              int          flags,
              const char  *token,
              int          length,
              int          start,
              int          end)
{
  Locator *self = data;
  Slot *slot;

  if ((flags & FTS5_TOKEN_COLOCATED) != 0)
    return SQLITE_OK;
  /* Enough hits: read on only as far as a longer match could still reach back. */
  if (self->full_at != 0 && self->n_seen >= self->full_at + self->window)
    return SQLITE_DONE;
  slot = &self->ring[self->n_seen % self->window];
  g_string_truncate (slot->folded, 0);
  g_string_append_len (slot->folded, token, length);
  slot->start = start;
  slot->end = end;
  self->n_seen++;
  for (guint i = 0; i < self->terms->len; i++)
    match_term (self, g_ptr_array_index (self->terms, i));
  if (self->spans->len < self->wanted)
    self->full_at = 0;
  else if (self->full_at == 0)
    self->full_at = self->n_seen;
  return SQLITE_OK;
}

/* Returns: (element-type Span): at most @wanted matches of @terms in @text, in order. */
static GArray *
locate (Tokenizer  *tokenizer,
        GPtrArray  *terms,
        guint       window,
        const char *text,
        int         length,
        guint       wanted)
{
  Locator self = { terms, g_new0 (Slot, window), window, 0,
                   g_array_new (FALSE, FALSE, sizeof (Span)), wanted, 0 };

  for (guint i = 0; i < window; i++)
    self.ring[i].folded = g_string_new (NULL);
  /* SQLITE_DONE is the early stop; any other failure leaves the hits found so far. */
  tokenizer->api.xTokenize (tokenizer->tokenizer, &self, FTS5_TOKENIZE_DOCUMENT, text, length,
                            locate_token);
  if (self.spans->len > wanted)
    g_array_set_size (self.spans, wanted);
  for (guint i = 0; i < window; i++)
    g_string_free (self.ring[i].folded, TRUE);
  g_free (self.ring);
  return self.spans;
}

/* --- Snippets --- */

static gboolean
is_space_at (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* SNIPPET_CONTEXT code points back from @match, on to the start of a word when one begins
 * near, and never on a combining mark cut off from its letter. */
static const char *
context_start (const char *text,
               const char *match)
{
  const char *p = match;
  const char *q;

  for (int i = 0; i < SNIPPET_CONTEXT && p > text; i++)
    p = g_utf8_prev_char (p);
  if (p == text)
    return p;
  q = p;
  for (int i = 0; i < SNIPPET_WORD_SLACK && q < match; i++, q = g_utf8_next_char (q))
    if (is_space_at (q))
      return g_utf8_next_char (q);
  while (p > text && g_unichar_ismark (g_utf8_get_char (p)))
    p = g_utf8_prev_char (p);
  return p;
}

static const char *
context_end (const char *match_end,
             const char *text_end)
{
  const char *p = match_end;
  const char *q;

  for (int i = 0; i < SNIPPET_CONTEXT && p < text_end; i++)
    p = g_utf8_next_char (p);
  if (p >= text_end)
    return text_end;
  q = p;
  for (int i = 0; i < SNIPPET_WORD_SLACK && q > match_end; i++, q = g_utf8_prev_char (q))
    if (is_space_at (g_utf8_prev_char (q)))
      return g_utf8_prev_char (q);
  while (p < text_end && g_unichar_ismark (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Line ends, tabs and runs of blanks become one space, so a snippet is one line. */
static void
append_one_line (GString    *out,
                 const char *p,
                 const char *end)
{
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_iscntrl (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
}

static char *
make_snippet (const char *text,
              const char *text_end,
              const Span *span,
              glong      *out_start,
              glong      *out_end)
{
  const char *from = context_start (text, text + span->start);
  const char *to = context_end (text + span->end, text_end);
  GString *out = g_string_new (from > text ? "…" : "");

  append_one_line (out, from, text + span->start);
  *out_start = g_utf8_strlen (out->str, (gssize) out->len);
  append_one_line (out, text + span->start, text + span->end);
  *out_end = g_utf8_strlen (out->str, (gssize) out->len);
  append_one_line (out, text + span->end, to);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (to < text_end)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* --- Hits, document by document --- */

typedef struct
{
  Tokenizer tokenizer;
  GPtrArray *terms;
  guint window;
  guint max_hits;
  GPtrArray *hits;
} Search;

static MgSearchHit *
hit_new (gint64      document_id,
         const char *title)
{
  MgSearchHit *hit = g_new0 (MgSearchHit, 1);

  hit->document_id = document_id;
  hit->title = g_strdup (title);
  return hit;
}

/* Byte spans, in order, become code-point offsets by counting on from the last one. */
static void
add_text_hits (Search     *search,
               gint64      document_id,
               const char *title,
               const char *text,
               int         length,
               GArray     *spans)
{
  const char *cursor = text;
  gint64 offset = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      MgSearchHit *hit = hit_new (document_id, title);

      offset += g_utf8_strlen (cursor, text + span->start - cursor);
      hit->start = offset;
      hit->end = offset + g_utf8_strlen (text + span->start, span->end - span->start);
      hit->snippet = make_snippet (text, text + length, span, &hit->snippet_start,
                                   &hit->snippet_end);
      offset = hit->end;
      cursor = text + span->end;
      g_ptr_array_add (search->hits, hit);
    }
}

/* A document the index found by its title alone still gets one hit, at the start of its
 * text, so that it shows in the results and opens. */
static void
add_title_hit (Search     *search,
               gint64      document_id,
               const char *title)
{
  int length = (int) strlen (title);
  g_autoptr(GArray) spans = locate (&search->tokenizer, search->terms, search->window, title,
                                    length, 1);
  MgSearchHit *hit;

  if (spans->len == 0)
    return;
  hit = hit_new (document_id, title);
  hit->in_title = TRUE;
  hit->snippet = make_snippet (title, title + length, &g_array_index (spans, Span, 0),
                               &hit->snippet_start, &hit->snippet_end);
  g_ptr_array_add (search->hits, hit);
}

static void
search_document (Search       *search,
                 sqlite3_stmt *stmt)
{
  gint64 document_id = sqlite3_column_int64 (stmt, 0);
  const char *title = (const char *) sqlite3_column_text (stmt, 1);
  const char *text = (const char *) sqlite3_column_text (stmt, 2);
  int length = sqlite3_column_bytes (stmt, 2);
  g_autoptr(GArray) spans = NULL;

  /* The offsets walk the text by its UTF-8 lead bytes; a damaged row is left out. */
  if (title == NULL || text == NULL || !g_utf8_validate_len (text, (gsize) length, NULL)
      || !g_utf8_validate (title, -1, NULL))
    return;
  spans = locate (&search->tokenizer, search->terms, search->window, text, length,
                  search->max_hits - search->hits->len);
  if (spans->len > 0)
    add_text_hits (search, document_id, title, text, length, spans);
  else
    add_title_hit (search, document_id, title);
}

/* Returns: (element-type gint64): the documents that match, best first (bm25). */
static GArray *
ranked_documents (MgStore     *store,
                  const char  *expression,
                  GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rank", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  return mg_store_step_ids (store, stmt, error);
}

/* Reads the ranked documents' texts one at a time, and no more of them than the hits
 * need: a common word across a large corpus stops after the first few documents. */
static gboolean
collect_hits (MgStore  *store,
              Search   *search,
              GArray   *documents,
              GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT id, title, text FROM documents WHERE id = ?", error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len && search->hits->len < search->max_hits; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (documents, gint64, i));
      rc = sqlite3_step (stmt);
      /* A document deleted since the index was asked is simply gone. */
      if (rc == SQLITE_ROW)
        search_document (search, stmt);
      else if (rc != SQLITE_DONE)
        break;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mg_store_set_db_error (store, error, rc);
      return FALSE;
    }
  return TRUE;
}

static guint
longest_term (GPtrArray *terms)
{
  guint longest = 1;

  for (guint i = 0; i < terms->len; i++)
    longest = MAX (longest, ((Term *) g_ptr_array_index (terms, i))->tokens->len);
  return longest;
}

static gboolean
run_search (MgStore     *store,
            Search      *search,
            const char  *query,
            GError     **error)
{
  g_autofree char *expression = NULL;
  g_autoptr(GArray) documents = NULL;

  if (!tokenizer_init (&search->tokenizer, store, error))
    return FALSE;
  search->terms = parse_query (&search->tokenizer, query);
  if (search->terms->len == 0)
    return TRUE;
  search->window = longest_term (search->terms);
  expression = match_expression (search->terms);
  documents = ranked_documents (store, expression, error);
  return documents != NULL && collect_hits (store, search, documents, error);
}

/**
 * mg_store_search:
 * @query: words, all of which must occur in a document, and "quoted phrases"; a word or
 *   phrase ending in `*` also matches longer words it begins. Case and diacritics do not
 *   matter, and punctuation only separates words. Nothing in it is read as FTS5 syntax.
 * @max_hits: the most hits to return, or 0 for all of them
 *
 * Searches the titles and texts of the library. Documents come best first (bm25), each
 * with a hit per occurrence in its text in text order; a document found by its title
 * alone gets one hit with @in_title set. A query with no word in it finds nothing.
 *
 * Returns: (transfer full) (element-type MgSearchHit): the hits, or %NULL with @error set
 */
GPtrArray *
mg_store_search (MgStore     *store,
                 const char  *query,
                 guint        max_hits,
                 GError     **error)
{
  Search search = { { { 0 } }, NULL, 1, max_hits > 0 ? max_hits : G_MAXUINT, NULL };
  GPtrArray *hits;
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_search_hit_free);
  search.hits = hits;
  ok = run_search (store, &search, query, error);
  tokenizer_clear (&search.tokenizer);
  g_clear_pointer (&search.terms, g_ptr_array_unref);
  if (!ok)
    g_clear_pointer (&hits, g_ptr_array_unref);
  return hits;
}
