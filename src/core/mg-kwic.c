/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keyword in context: every occurrence of a code, an entity or a search as one line, the
 * occurrence centred between the text before and after it. */
#include "config.h"

#include "mg-kwic.h"
#include "mg-analysis-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-store-entities.h"
#include "mg-store-private.h"
#include "mg-store-search.h"

/* A passage longer than this shows its start and end around an ellipsis: a line is for
 * reading the context, and the reader opens the whole passage. */
#define KEYWORD_MAX 240

void
mg_kwic_line_free (MgKwicLine *line)
{
  if (line == NULL)
    return;
  g_free (line->document_title);
  g_free (line->left);
  g_free (line->keyword);
  g_free (line->right);
  g_free (line);
}

/* Steps @n code points forward from @p, never past the text's end. */
static const char *
advance (const char *p,
         gint64      n)
{
  while (n-- > 0 && *p != '\0')
    p = g_utf8_next_char (p);
  return p;
}

/* The text between @from and @to on one line: line breaks and tabs become spaces. */
static char *
one_line (const char *from,
          const char *to)
{
  char *text = g_strndup (from, to - from);

  for (char *p = text; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return text;
}

static char *
shorten (char *keyword)
{
  glong length = g_utf8_strlen (keyword, -1);
  const char *head_end, *tail;
  char *shortened;

  if (length <= KEYWORD_MAX)
    return keyword;
  head_end = g_utf8_offset_to_pointer (keyword, KEYWORD_MAX / 2);
  tail = g_utf8_offset_to_pointer (keyword, length - KEYWORD_MAX / 2);
  shortened = g_strdup_printf ("%.*s … %s", (int) (head_end - keyword), keyword, tail);
  g_free (keyword);
  return shortened;
}

/* A cursor over one document's text that only moves forward: the ranges come sorted by
 * start, so cutting all of a document's lines reads its text once. */
typedef struct
{
  const char *p;
  gint64 offset;
} Cursor;

static MgKwicLine *
cut_line (Cursor            *cursor,
          const MgKwicRange *range,
          const char        *title,
          guint              context)
{
  MgKwicLine *line = g_new0 (MgKwicLine, 1);
  gint64 left_start = MAX (0, range->start - (gint64) context);
  const char *left, *start, *end, *right_end;

  if (left_start > cursor->offset)
    {
      cursor->p = advance (cursor->p, left_start - cursor->offset);
      cursor->offset = left_start;
    }
  left = advance (cursor->p, left_start - cursor->offset);
  start = advance (left, range->start - left_start);
  end = advance (start, range->end - range->start);
  right_end = advance (end, context);

  line->range = *range;
  line->document_title = g_strdup (title);
  line->left = one_line (left, start);
  line->keyword = shorten (one_line (start, end));
  line->right = one_line (end, right_end);
  return line;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const MgKwicRange *x = a, *y = b;

  if (x->document_id != y->document_id)
    return (x->document_id > y->document_id) - (x->document_id < y->document_id);
  if (x->start != y->start)
    return (x->start > y->start) - (x->start < y->start);
  return (x->end > y->end) - (x->end < y->end);
}

static gboolean
cut_document (sqlite3_stmt      *stmt,
              const MgKwicRange *ranges,
              guint              n_ranges,
              guint              context,
              GPtrArray         *lines)
{
  const char *title, *text;
  Cursor cursor;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  title = (const char *) sqlite3_column_text (stmt, 0);
  text = (const char *) sqlite3_column_text (stmt, 1);
  cursor = (Cursor) { text, 0 };
  for (guint i = 0; i < n_ranges; i++)
    g_ptr_array_add (lines, cut_line (&cursor, &ranges[i], title, context));
  return TRUE;
}

/**
 * mg_kwic_lines:
 * @ranges: (element-type MgKwicRange): the occurrences, in any order; sorted in place
 * @context: code points of context on each side
 *
 * Cuts a line for every occurrence, reading each document's text once. Occurrences in a
 * document that is no longer in the library are left out.
 *
 * Returns: (transfer full) (element-type MgKwicLine): the lines by document and position,
 *   or %NULL with @error set
 */
GPtrArray *
mg_kwic_lines (MgStore  *store,
               GArray   *ranges,
               guint     context,
               GError  **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_kwic_line_free);
  sqlite3_stmt *stmt;
  guint first = 0;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  g_array_sort (ranges, compare_ranges);
  stmt = mg_store_prepare (store, "SELECT title, text FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  while (first < ranges->len)
    {
      gint64 document = g_array_index (ranges, MgKwicRange, first).document_id;
      guint last = first;

      while (last < ranges->len && g_array_index (ranges, MgKwicRange, last).document_id == document)
        last++;
      sqlite3_bind_int64 (stmt, 1, document);
      cut_document (stmt, &g_array_index (ranges, MgKwicRange, first), last - first, context,
                    lines);
      sqlite3_reset (stmt);
      first = last;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&lines);
}

/**
 * mg_kwic_for_code:
 * @document_id: one document, or 0 for the whole corpus
 * @set_id: one annotation set, or 0 for all of them
 *
 * Returns: (transfer full) (element-type MgKwicLine): every placed passage of the code in
 *   context, or %NULL with @error set (%MG_STORE_ERROR_NOT_FOUND for a missing code,
 *   document or set)
 */
GPtrArray *
mg_kwic_for_code (MgStore  *store,
                  gint64    code_id,
                  gint64    document_id,
                  gint64    set_id,
                  guint     context,
                  GError  **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgKwicRange));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if (!mg_analysis_check_code (store, code_id, error)
      || !mg_analysis_check_scope (store, document_id, set_id, error))
    return NULL;
  stmt = mg_store_prepare (store,
    "SELECT document, start, end FROM annotations WHERE " MG_ANALYSIS_PLACED
    " AND code = ?1 AND (?2 = 0 OR document = ?2) AND (?3 = 0 OR annotation_set = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MgKwicRange range = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int64 (stmt, 2), code_id };
      g_array_append_val (ranges, range);
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (store, error, rc);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return mg_kwic_lines (store, ranges, context, error);
}

static GArray *
documents_mentioning (MgStore     *store,
                      const char  *entity_key,
                      GError     **error)
{
  /* The cached mentions under the key or a name joined to it, and mentions the user added. */
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT document FROM entity_mentions WHERE entity_key = ?1 OR entity_key IN"
    " (SELECT entity_key FROM entity_decisions WHERE kind = 'alias' AND alias_of = ?1)"
    " UNION SELECT document FROM entity_decisions WHERE entity_key = ?1"
    " AND document IS NOT NULL ORDER BY 1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity_key, -1, SQLITE_TRANSIENT);
  return mg_store_step_ids (store, stmt, error);
}

static char *
document_text (MgStore *store,
               gint64   document_id)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, "SELECT text FROM documents WHERE id = ?", NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gboolean
add_entity_ranges (MgStore    *store,
                   gint64      document_id,
                   const char *entity_key,
                   int         extractor_version,
                   GArray     *ranges,
                   GError    **error)
{
  g_autofree char *text = document_text (store, document_id);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return TRUE;
  /* With the user's decisions applied: a rejected mention is no occurrence. */
  mentions = mg_store_get_document_entities (store, document_id, text, extractor_version,
                                             &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (mentions, i);
      MgKwicRange range = { document_id, mention->start, mention->end, 0 };

      if (g_strcmp0 (mention->key, entity_key) == 0)
        g_array_append_val (ranges, range);
    }
  return TRUE;
}

/**
 * mg_kwic_for_entity:
 * @entity_key: the entity's key (mg_entity_get_key())
 *
 * Returns: (transfer full) (element-type MgKwicLine): every mention of the entity in
 *   context, with the user's decisions applied, or %NULL with @error set
 */
GPtrArray *
mg_kwic_for_entity (MgStore     *store,
                    const char  *entity_key,
                    int          extractor_version,
                    guint        context,
                    GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgKwicRange));
  g_autoptr(GArray) documents = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);
  g_return_val_if_fail (entity_key != NULL, NULL);

  documents = documents_mentioning (store, entity_key, error);
  if (documents == NULL)
    return NULL;
  for (guint i = 0; i < documents->len; i++)
    if (!add_entity_ranges (store, g_array_index (documents, gint64, i), entity_key,
                            extractor_version, ranges, error))
      return NULL;
  return mg_kwic_lines (store, ranges, context, error);
}

/**
 * mg_kwic_for_search:
 * @limit: at most this many hits, 0 for all
 *
 * Returns: (transfer full) (element-type MgKwicLine): every hit of the library's search in
 *   its text (a match in a title alone is left out), or %NULL with @error set
 */
GPtrArray *
mg_kwic_for_search (MgStore     *store,
                    const char  *query,
                    guint        limit,
                    guint        context,
                    GError     **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgKwicRange));
  g_autoptr(GPtrArray) hits = mg_store_search (store, query, limit, error);

  if (hits == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      MgSearchHit *hit = g_ptr_array_index (hits, i);
      MgKwicRange range = { hit->document_id, hit->start, hit->end, 0 };

      if (!hit->in_title)
        g_array_append_val (ranges, range);
    }
  return mg_kwic_lines (store, ranges, context, error);
}

/**
 * mg_kwic_left_sort_key:
 *
 * A concordance sorts its left context by the word nearest the occurrence, then the one
 * before it: the key is the left context's words in reverse order, case folded.
 *
 * Returns: (transfer full): the key, for g_utf8_collate()
 */
char *
mg_kwic_left_sort_key (const char *left)
{
  g_autofree char *folded = g_utf8_casefold (left, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " ", -1);
  GString *key = g_string_new (NULL);

  for (int i = (int) g_strv_length (words) - 1; i >= 0; i--)
    if (words[i][0] != '\0')
      {
        g_string_append (key, words[i]);
        g_string_append_c (key, ' ');
      }
  return g_string_free (key, FALSE);
}

typedef struct
{
  MgKwicLine *line;
  char *key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;
  int order = strcmp (x->key, y->key);

  return order != 0 ? order : compare_ranges (&x->line->range, &y->line->range);
}

static char *
line_key (MgKwicLine  *line,
          MgKwicOrder  order)
{
  g_autofree char *folded = NULL;

  switch (order)
    {
    case MG_KWIC_ORDER_LEFT:
      folded = mg_kwic_left_sort_key (line->left);
      break;
    case MG_KWIC_ORDER_RIGHT:
      folded = g_utf8_casefold (line->right, -1);
      break;
    case MG_KWIC_ORDER_KEYWORD:
      folded = g_utf8_casefold (line->keyword, -1);
      break;
    case MG_KWIC_ORDER_TEXT:
    default:
      folded = g_utf8_casefold (line->document_title, -1);
      break;
    }
  return g_utf8_collate_key (folded, -1);
}

/**
 * mg_kwic_sort:
 * @lines: (element-type MgKwicLine): sorted in place
 *
 * Sorts a concordance; lines that tie keep the order of their position in the corpus.
 */
void
mg_kwic_sort (GPtrArray   *lines,
              MgKwicOrder  order)
{
  g_autoptr(GArray) keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), lines->len);

  /* Keys once per line, not once per comparison. */
  for (guint i = 0; i < lines->len; i++)
    {
      Keyed k = { g_ptr_array_index (lines, i), line_key (g_ptr_array_index (lines, i), order) };
      g_array_append_val (keyed, k);
    }
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < keyed->len; i++)
    {
      Keyed *k = &g_array_index (keyed, Keyed, i);
      lines->pdata[i] = k->line;
      g_free (k->key);
    }
}

/**
 * mg_kwic_table:
 * @lines: (element-type MgKwicLine): the concordance
 *
 * Returns: (transfer full): a table of document, left context, occurrence, right context
 *   and position; each row points at its occurrence
 */
MgTable *
mg_kwic_table (GPtrArray  *lines,
               const char *title)
{
  MgTable *table = mg_table_new (title);

  mg_table_add_column (table, _("Document"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Left context"), MG_TABLE_COLUMN_TEXT_END);
  mg_table_add_column (table, _("Occurrence"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Right context"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Start"), MG_TABLE_COLUMN_NUMBER);
  for (guint i = 0; i < lines->len; i++)
    {
      MgKwicLine *line = g_ptr_array_index (lines, i);
      guint row = mg_table_add_row (table);
      MgTableTarget *target = mg_table_get_target (table, row);

      mg_table_set_text (table, row, 0, line->document_title);
      mg_table_set_text (table, row, 1, line->left);
      mg_table_set_text (table, row, 2, line->keyword);
      mg_table_set_text (table, row, 3, line->right);
      mg_table_set_number (table, row, 4, line->range.start);
      target->document_id = line->range.document_id;
      target->start = line->range.start;
      target->end = line->range.end;
      target->code_id = line->range.code_id;
    }
  return table;
}
