/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: annotation sets and annotations. A passage's quote and context are cut
 * from the document's stored text, which never changes in place; the last text used is kept
 * with a table of code-point marks, so tagging in a book-length text does not read and walk
 * megabytes on every action. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-store-annotations.h"
#include "mg-store-private.h"

/* A byte offset is kept for every MARK_STRIDE-th code point: finding an offset walks at
 * most that many characters. */
#define MARK_STRIDE 256

typedef struct
{
  gint64 document_id;
  char *uuid;
  char *text;
  gint64 char_count;
  GArray *marks;
} TextCache;

static const char annotation_columns[] =
  "SELECT a.id, a.uuid, a.document, a.annotation_set, a.code, a.start, a.end, a.quote,"
  " a.prefix, a.suffix, a.note, a.orphaned, a.created, a.modified, s.author, d.title"
  " FROM annotations a JOIN annotation_sets s ON s.id = a.annotation_set"
  " JOIN documents d ON d.id = a.document";

G_DEFINE_QUARK (mg-store-text-cache, text_cache)

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
text_cache_free (TextCache *cache)
{
  g_free (cache->uuid);
  g_free (cache->text);
  g_array_unref (cache->marks);
  g_free (cache);
}

/* Numbers are formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
static char *
number (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

typedef enum {
  MISSING_DOCUMENT,
  MISSING_CODE,
  MISSING_SET,
  MISSING_ANNOTATION,
} Missing;

/* Each message is its own literal, so the compiler checks its format. */
static void
set_not_found (GError  **error,
               Missing   what,
               gint64    id)
{
  g_autofree char *text = number (id);

  if (what == MISSING_DOCUMENT)
    g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                 _("There is no document %s in the library. "
                   "List the documents to see their numbers."), text);
  else if (what == MISSING_CODE)
    g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                 _("There is no code %s in the codebook. Reload the codebook and try again."),
                 text);
  else if (what == MISSING_SET)
    g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation set %s in the library. "
                   "Reload the library and try again."), text);
  else
    g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation %s in the library. "
                   "It may have been deleted; reload the document."), text);
}

/* Runs a query of one integer parameter; whether it returned a row. */
static gboolean
row_exists (MgStore     *self,
            const char  *sql,
            gint64       id,
            gboolean    *out_exists,
            GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return FALSE;
    }
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_exists (MgStore     *self,
              const char  *sql,
              gint64       id,
              Missing      missing,
              GError     **error)
{
  gboolean exists = FALSE;

  if (!row_exists (self, sql, id, &exists, error))
    return FALSE;
  if (!exists)
    set_not_found (error, missing, id);
  return exists;
}

static gboolean
check_document (MgStore  *self,
                gint64    document_id,
                GError  **error)
{
  return check_exists (self, "SELECT 1 FROM documents WHERE id = ?", document_id,
                       MISSING_DOCUMENT, error);
}

static gboolean
check_code (MgStore  *self,
            gint64    code_id,
            GError  **error)
{
  return check_exists (self, "SELECT 1 FROM codes WHERE id = ?", code_id,
                       MISSING_CODE, error);
}

static gboolean
check_set (MgStore  *self,
           gint64    set_id,
           GError  **error)
{
  return check_exists (self, "SELECT 1 FROM annotation_sets WHERE id = ?", set_id,
                       MISSING_SET, error);
}

static TextCache *
text_cache_new (gint64      document_id,
                const char *uuid,
                const char *text)
{
  TextCache *cache = g_new0 (TextCache, 1);
  const char *p = text;

  cache->document_id = document_id;
  cache->uuid = g_strdup (uuid);
  cache->text = g_strdup (text);
  cache->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (p = cache->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (cache->char_count % MARK_STRIDE == 0)
        {
          gsize at = (gsize) (p - cache->text);
          g_array_append_val (cache->marks, at);
        }
      cache->char_count++;
    }
  return cache;
}

static const char *
text_at (TextCache *cache,
         gint64     offset)
{
  gsize mark;

  if (offset >= cache->char_count)
    return cache->text + strlen (cache->text);
  mark = g_array_index (cache->marks, gsize, offset / MARK_STRIDE);
  return g_utf8_offset_to_pointer (cache->text + mark, offset % MARK_STRIDE);
}

static char *
text_slice (TextCache *cache,
            gint64     start,
            gint64     end)
{
  const char *from = text_at (cache, start);

  return g_strndup (from, text_at (cache, end) - from);
}

static char *
document_uuid (MgStore  *self,
               gint64    document_id,
               GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, "SELECT uuid FROM documents WHERE id = ?", error);
  char *uuid = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    check_document (self, document_id, error);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return uuid;
}

static TextCache *
read_text (MgStore     *self,
           gint64       document_id,
           const char  *uuid,
           GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, "SELECT text FROM documents WHERE id = ?", error);
  TextCache *cache = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    cache = text_cache_new (document_id, uuid, (const char *) sqlite3_column_text (stmt, 0));
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return cache;
}

/* The uuid tells a cached text from that of a later document that took a freed id. */
static TextCache *
document_text (MgStore  *self,
               gint64    document_id,
               GError  **error)
{
  TextCache *cache = g_object_get_qdata (G_OBJECT (self), text_cache_quark ());
  g_autofree char *uuid = document_uuid (self, document_id, error);

  if (uuid == NULL)
    return NULL;
  if (cache != NULL && cache->document_id == document_id && g_str_equal (cache->uuid, uuid))
    return cache;
  cache = read_text (self, document_id, uuid, error);
  if (cache != NULL)
    g_object_set_qdata_full (G_OBJECT (self), text_cache_quark (), cache,
                             (GDestroyNotify) text_cache_free);
  return cache;
}

static gboolean
check_range (TextCache  *cache,
             gint64      start,
             gint64      end,
             GError    **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *length = NULL;

  if (start >= 0 && start < end && end <= cache->char_count)
    return TRUE;
  from = number (start);
  to = number (end);
  length = number (cache->char_count);
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
               /* Translators: start, end, length of the text, in characters. */
               _("The passage from %s to %s does not lie within the text, which has %s "
                 "characters. Select at least one character of the text."),
               from, to, length);
  return FALSE;
}

/* Fills in the quote and its context from the stored text, after checking the range. */
static gboolean
cut_selectors (MgStore       *self,
               MgAnnotation  *annotation,
               GError       **error)
{
  gint64 start = mg_annotation_get_start (annotation);
  gint64 end = mg_annotation_get_end (annotation);
  TextCache *cache = document_text (self, mg_annotation_get_document_id (annotation), error);
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  if (cache == NULL || !check_range (cache, start, end, error))
    return FALSE;
  quote = text_slice (cache, start, end);
  prefix = text_slice (cache, MAX (0, start - MG_ANNOTATION_CONTEXT_LENGTH), start);
  suffix = text_slice (cache, end, MIN (cache->char_count, end + MG_ANNOTATION_CONTEXT_LENGTH));
  mg_annotation_set_selectors (annotation, quote, prefix, suffix);
  return TRUE;
}

static MgAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  MgAnnotation *annotation = mg_annotation_new (sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4),
                                                sqlite3_column_int64 (stmt, 5),
                                                sqlite3_column_int64 (stmt, 6));

  mg_annotation_set_identity (annotation, sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1));
  mg_annotation_set_selectors (annotation, (const char *) sqlite3_column_text (stmt, 7),
                               (const char *) sqlite3_column_text (stmt, 8),
                               (const char *) sqlite3_column_text (stmt, 9));
  mg_annotation_set_note (annotation, (const char *) sqlite3_column_text (stmt, 10));
  mg_annotation_set_orphaned (annotation, sqlite3_column_int (stmt, 11) != 0);
  mg_annotation_set_times (annotation, sqlite3_column_int64 (stmt, 12),
                           sqlite3_column_int64 (stmt, 13));
  mg_annotation_set_author (annotation, (const char *) sqlite3_column_text (stmt, 14));
  return annotation;
}

/* Steps a prepared annotation query to its end, into a list. */
static GListModel *
collect_annotations (MgStore       *self,
                     sqlite3_stmt  *stmt,
                     gboolean       with_titles,
                     GError       **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *list;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MgAnnotation *annotation = annotation_from_row (stmt);

      if (with_titles)
        mg_annotation_set_document_title (annotation,
                                          (const char *) sqlite3_column_text (stmt, 15));
      g_ptr_array_add (annotations, annotation);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  list = g_list_store_new (MG_TYPE_ANNOTATION);
  g_list_store_splice (list, 0, 0, annotations->pdata, annotations->len);
  return G_LIST_MODEL (list);
}

/**
 * mg_store_get_annotation:
 *
 * Returns: (transfer full) (nullable): the annotation with its set's author, or %NULL with
 *   @error set (%MG_STORE_ERROR_NOT_FOUND when there is none)
 */
MgAnnotation *
mg_store_get_annotation (MgStore  *self,
                         gint64    annotation_id,
                         GError  **error)
{
  g_autofree char *sql = g_strconcat (annotation_columns, " WHERE a.id = ?", NULL);
  sqlite3_stmt *stmt;
  MgAnnotation *annotation = NULL;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = annotation_from_row (stmt);
  else if (rc == SQLITE_DONE)
    set_not_found (error, MISSING_ANNOTATION, annotation_id);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return annotation;
}

/**
 * mg_store_list_annotations:
 * @code_id: only passages with this code, or 0 for all
 * @set_id: only passages of this set, or 0 for all
 *
 * Returns: (transfer full) (nullable): a #GListStore of the document's #MgAnnotation in
 *   text order (by start, then end), or %NULL with @error set
 *   (%MG_STORE_ERROR_NOT_FOUND when there is no document @document_id)
 */
GListModel *
mg_store_list_annotations (MgStore  *self,
                           gint64    document_id,
                           gint64    code_id,
                           gint64    set_id,
                           GError  **error)
{
  g_autofree char *sql = g_strconcat (annotation_columns,
                                      " WHERE a.document = ?1 AND (?2 = 0 OR a.code = ?2)"
                                      " AND (?3 = 0 OR a.annotation_set = ?3)"
                                      " ORDER BY a.start, a.end, a.id", NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  if (!check_document (self, document_id, error))
    return NULL;
  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, code_id);
  sqlite3_bind_int64 (stmt, 3, set_id);
  return collect_annotations (self, stmt, FALSE, error);
}

/**
 * mg_store_list_annotations_for_code:
 * @set_id: only passages of this set, or 0 for all
 *
 * The corpus view: every passage carrying @code_id across the library, each with its
 * document's title, by document title and then in text order.
 *
 * Returns: (transfer full) (nullable): a #GListStore of #MgAnnotation, or %NULL with @error
 *   set (%MG_STORE_ERROR_NOT_FOUND when there is no code @code_id)
 */
GListModel *
mg_store_list_annotations_for_code (MgStore  *self,
                                    gint64    code_id,
                                    gint64    set_id,
                                    GError  **error)
{
  g_autofree char *sql = g_strconcat (annotation_columns,
                                      " WHERE a.code = ?1 AND (?2 = 0 OR a.annotation_set = ?2)"
                                      " ORDER BY d.title COLLATE NOCASE, d.id, a.start, a.end,"
                                      " a.id", NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  if (!check_code (self, code_id, error))
    return NULL;
  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, set_id);
  return collect_annotations (self, stmt, TRUE, error);
}

static gboolean
insert_annotation (MgStore       *self,
                   MgAnnotation  *annotation,
                   GError       **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO annotations (id, uuid, document, annotation_set, code, start, end, quote,"
    " prefix, suffix, note, orphaned, created, modified)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (mg_annotation_get_id (annotation) > 0)
    sqlite3_bind_int64 (stmt, 1, mg_annotation_get_id (annotation));
  sqlite3_bind_text (stmt, 2, mg_annotation_get_uuid (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, mg_annotation_get_document_id (annotation));
  sqlite3_bind_int64 (stmt, 4, mg_annotation_get_set_id (annotation));
  sqlite3_bind_int64 (stmt, 5, mg_annotation_get_code_id (annotation));
  sqlite3_bind_int64 (stmt, 6, mg_annotation_get_start (annotation));
  sqlite3_bind_int64 (stmt, 7, mg_annotation_get_end (annotation));
  sqlite3_bind_text (stmt, 8, mg_annotation_get_quote (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, mg_annotation_get_prefix (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, mg_annotation_get_suffix (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, mg_annotation_get_note (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 12, mg_annotation_get_orphaned (annotation));
  sqlite3_bind_int64 (stmt, 13, mg_annotation_get_created (annotation));
  sqlite3_bind_int64 (stmt, 14, mg_annotation_get_modified (annotation));
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  mg_annotation_set_identity (annotation, mg_store_last_insert_id (self),
                              mg_annotation_get_uuid (annotation));
  return TRUE;
}

/* Whether the document already has this very passage with this code in this set. */
static gboolean
is_tagged (MgStore  *self,
           MgAnnotation *annotation,
           gboolean *out_tagged,
           GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT 1 FROM annotations WHERE document = ? AND start = ? AND end = ? AND code = ?"
    " AND annotation_set = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mg_annotation_get_document_id (annotation));
  sqlite3_bind_int64 (stmt, 2, mg_annotation_get_start (annotation));
  sqlite3_bind_int64 (stmt, 3, mg_annotation_get_end (annotation));
  sqlite3_bind_int64 (stmt, 4, mg_annotation_get_code_id (annotation));
  sqlite3_bind_int64 (stmt, 5, mg_annotation_get_set_id (annotation));
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return FALSE;
    }
  *out_tagged = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_tag_target (MgStore  *self,
                  gint64    document_id,
                  gint64    set_id,
                  gint64    code_id,
                  GError  **error)
{
  return check_document (self, document_id, error) && check_set (self, set_id, error)
         && check_code (self, code_id, error);
}

static MgAnnotation *
new_annotation (MgStore     *self,
                gint64       document_id,
                gint64       set_id,
                gint64       code_id,
                MgRange      range,
                const char  *note,
                GError     **error)
{
  g_autoptr(MgAnnotation) annotation = mg_annotation_new (document_id, set_id, code_id,
                                                          range.start, range.end);
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 time = now ();

  mg_annotation_set_identity (annotation, 0, uuid);
  mg_annotation_set_note (annotation, note);
  mg_annotation_set_times (annotation, time, time);
  if (!cut_selectors (self, annotation, error))
    return NULL;
  return g_steal_pointer (&annotation);
}

/* Reads stored annotations back, so callers see them as a list would (with the author). */
static gboolean
reread (MgStore    *self,
        GPtrArray  *annotations,
        GError    **error)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *stored = mg_store_get_annotation (self,
                               mg_annotation_get_id (g_ptr_array_index (annotations, i)), error);

      if (stored == NULL)
        return FALSE;
      g_object_unref (g_ptr_array_index (annotations, i));
      g_ptr_array_index (annotations, i) = stored;
    }
  return TRUE;
}

static GPtrArray *
add_annotations (MgStore       *self,
                 gint64         document_id,
                 gint64         set_id,
                 gint64         code_id,
                 const MgRange *ranges,
                 guint          n_ranges,
                 const char    *note,
                 GError       **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  if (!check_tag_target (self, document_id, set_id, code_id, error))
    return NULL;
  for (guint i = 0; i < n_ranges; i++)
    {
      g_autoptr(MgAnnotation) annotation = new_annotation (self, document_id, set_id, code_id,
                                                           ranges[i], note, error);
      gboolean tagged = FALSE;

      if (annotation == NULL || !is_tagged (self, annotation, &tagged, error))
        return NULL;
      if (tagged)
        continue;
      if (!insert_annotation (self, annotation, error))
        return NULL;
      g_ptr_array_add (added, g_steal_pointer (&annotation));
    }
  return g_steal_pointer (&added);
}

/**
 * mg_store_add_annotations:
 * @ranges: (array length=n_ranges): the passages to tag, in code points of the stored text
 * @note: (nullable): a note for each, or %NULL
 *
 * Tags many passages with one code in one transaction ("tag all occurrences"). A range
 * that already carries this code in this set is skipped; a range outside the text fails
 * the whole call and changes nothing.
 *
 * Returns: (transfer full) (nullable) (element-type MgAnnotation): the annotations added,
 *   or %NULL with @error set
 */
GPtrArray *
mg_store_add_annotations (MgStore       *self,
                          gint64         document_id,
                          gint64         set_id,
                          gint64         code_id,
                          const MgRange *ranges,
                          guint          n_ranges,
                          const char    *note,
                          GError       **error)
{
  g_autoptr(GPtrArray) added = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, NULL);

  if (!mg_store_begin (self, error))
    return NULL;
  added = add_annotations (self, document_id, set_id, code_id, ranges, n_ranges, note, error);
  if (added == NULL || !reread (self, added, error))
    {
      mg_store_rollback (self);
      return NULL;
    }
  if (!mg_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&added);
}

/**
 * mg_store_add_annotation:
 * @start: first code point of the passage
 * @end: the code point after it; 0 <= @start < @end <= the text's length
 * @note: (nullable): the passage's note, or %NULL
 *
 * Tags a passage in one transaction. The quote and context are cut from the stored text.
 *
 * Returns: (transfer full) (nullable): the stored annotation, or %NULL with @error set
 *   (%MG_STORE_ERROR_INVALID for a range outside the text, %MG_STORE_ERROR_NOT_FOUND for a
 *   missing document, set or code)
 */
MgAnnotation *
mg_store_add_annotation (MgStore     *self,
                         gint64       document_id,
                         gint64       set_id,
                         gint64       code_id,
                         gint64       start,
                         gint64       end,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  MgRange range = { start, end };

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  if (!mg_store_begin (self, error))
    return NULL;
  if (!check_tag_target (self, document_id, set_id, code_id, error)
      || (annotation = new_annotation (self, document_id, set_id, code_id, range, note,
                                       error)) == NULL
      || !insert_annotation (self, annotation, error))
    {
      mg_store_rollback (self);
      return NULL;
    }
  g_ptr_array_add (added, g_steal_pointer (&annotation));
  if (!reread (self, added, error))
    {
      mg_store_rollback (self);
      return NULL;
    }
  if (!mg_store_commit (self, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (added, 0));
}

/* Steps a statement that changes one annotation and returns its id, then finalises it; no
 * row back means there was no such annotation. */
static gboolean
step_returning (MgStore       *self,
                sqlite3_stmt  *stmt,
                gint64         annotation_id,
                GError       **error)
{
  int rc = sqlite3_step (stmt);
  gboolean found = rc == SQLITE_ROW;

  if (found)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return FALSE;
    }
  if (!found)
    set_not_found (error, MISSING_ANNOTATION, annotation_id);
  return found;
}

/* Writes every field of @annotation over its row; a row that is gone is an error. */
static gboolean
write_annotation (MgStore       *self,
                  MgAnnotation  *annotation,
                  GError       **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "UPDATE annotations SET annotation_set = ?, code = ?, start = ?, end = ?, quote = ?,"
    " prefix = ?, suffix = ?, note = ?, orphaned = ?, created = ?, modified = ?"
    " WHERE id = ? RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mg_annotation_get_set_id (annotation));
  sqlite3_bind_int64 (stmt, 2, mg_annotation_get_code_id (annotation));
  sqlite3_bind_int64 (stmt, 3, mg_annotation_get_start (annotation));
  sqlite3_bind_int64 (stmt, 4, mg_annotation_get_end (annotation));
  sqlite3_bind_text (stmt, 5, mg_annotation_get_quote (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mg_annotation_get_prefix (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, mg_annotation_get_suffix (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, mg_annotation_get_note (annotation), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, mg_annotation_get_orphaned (annotation));
  sqlite3_bind_int64 (stmt, 10, mg_annotation_get_created (annotation));
  sqlite3_bind_int64 (stmt, 11, mg_annotation_get_modified (annotation));
  sqlite3_bind_int64 (stmt, 12, mg_annotation_get_id (annotation));
  return step_returning (self, stmt, mg_annotation_get_id (annotation), error);
}

/**
 * mg_store_update_annotation:
 *
 * Writes @annotation back exactly as it is, every field included (undo and redo put a
 * snapshot back this way), in one transaction. The set and code must exist.
 */
gboolean
mg_store_update_annotation (MgStore       *self,
                            MgAnnotation  *annotation,
                            GError       **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  if (!check_code (self, mg_annotation_get_code_id (annotation), error)
      || !write_annotation (self, annotation, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

typedef gboolean (*EditFunc) (MgStore       *self,
                              MgAnnotation  *annotation,
                              gconstpointer  data,
                              GError       **error);

/* Reads an annotation, lets @edit change it, writes it back with a new modified time: one
 * transaction. */
static MgAnnotation *
edit_annotation (MgStore       *self,
                 gint64         annotation_id,
                 EditFunc       edit,
                 gconstpointer  data,
                 GError       **error)
{
  g_autoptr(MgAnnotation) annotation = NULL;

  if (!mg_store_begin (self, error))
    return NULL;
  annotation = mg_store_get_annotation (self, annotation_id, error);
  if (annotation == NULL || !edit (self, annotation, data, error))
    {
      mg_store_rollback (self);
      return NULL;
    }
  mg_annotation_set_times (annotation, mg_annotation_get_created (annotation), now ());
  if (!write_annotation (self, annotation, error) || !mg_store_commit (self, error))
    {
      mg_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&annotation);
}

static gboolean
edit_code (MgStore       *self,
           MgAnnotation  *annotation,
           gconstpointer  data,
           GError       **error)
{
  gint64 code_id = *(const gint64 *) data;

  if (!check_code (self, code_id, error))
    return FALSE;
  mg_annotation_set_code_id (annotation, code_id);
  return TRUE;
}

/**
 * mg_store_set_annotation_code:
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 */
MgAnnotation *
mg_store_set_annotation_code (MgStore  *self,
                              gint64    annotation_id,
                              gint64    code_id,
                              GError  **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  return edit_annotation (self, annotation_id, edit_code, &code_id, error);
}

/* Placing a passage by hand also settles an orphaned one: the reader has found it. */
static gboolean
edit_range (MgStore       *self,
            MgAnnotation  *annotation,
            gconstpointer  data,
            GError       **error)
{
  const MgRange *range = data;

  mg_annotation_set_range (annotation, range->start, range->end);
  mg_annotation_set_orphaned (annotation, FALSE);
  return cut_selectors (self, annotation, error);
}

/**
 * mg_store_resize_annotation:
 *
 * Moves a passage's edges; its quote and context are cut again from the text, and an
 * orphaned passage counts as placed.
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 *   (%MG_STORE_ERROR_INVALID for a range outside the text)
 */
MgAnnotation *
mg_store_resize_annotation (MgStore  *self,
                            gint64    annotation_id,
                            gint64    start,
                            gint64    end,
                            GError  **error)
{
  MgRange range = { start, end };

  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  return edit_annotation (self, annotation_id, edit_range, &range, error);
}

static gboolean
edit_note (MgStore       *self,
           MgAnnotation  *annotation,
           gconstpointer  data,
           GError       **error)
{
  mg_annotation_set_note (annotation, data);
  return TRUE;
}

/**
 * mg_store_set_annotation_note:
 * @note: (nullable): the note; %NULL or "" for none
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 */
MgAnnotation *
mg_store_set_annotation_note (MgStore     *self,
                              gint64       annotation_id,
                              const char  *note,
                              GError     **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  return edit_annotation (self, annotation_id, edit_note, note ? note : "", error);
}

static gboolean
remove_annotation (MgStore  *self,
                   gint64    annotation_id,
                   GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "DELETE FROM annotations WHERE id = ? RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  return step_returning (self, stmt, annotation_id, error);
}

/**
 * mg_store_delete_annotations:
 * @annotations: (element-type MgAnnotation): what to delete (by id)
 *
 * Deletes the annotations in one transaction: all of them, or none when one is missing.
 */
gboolean
mg_store_delete_annotations (MgStore    *self,
                             GPtrArray  *annotations,
                             GError    **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    if (!remove_annotation (self, mg_annotation_get_id (g_ptr_array_index (annotations, i)),
                            error))
      {
        mg_store_rollback (self);
        return FALSE;
      }
  return mg_store_commit (self, error);
}

/**
 * mg_store_delete_annotation:
 *
 * Deletes one annotation in one transaction. Keep the #MgAnnotation read before to
 * mg_store_restore_annotation() it on undo.
 */
gboolean
mg_store_delete_annotation (MgStore  *self,
                            gint64    annotation_id,
                            GError  **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  if (!remove_annotation (self, annotation_id, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

/**
 * mg_store_restore_annotations:
 * @annotations: (element-type MgAnnotation): deleted annotations, as read before
 *
 * Puts deleted annotations back exactly (same ids, uuids, selectors and times) in one
 * transaction, so undo returns what was there.
 */
gboolean
mg_store_restore_annotations (MgStore    *self,
                              GPtrArray  *annotations,
                              GError    **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (!check_code (self, mg_annotation_get_code_id (annotation), error)
          || !insert_annotation (self, annotation, error))
        {
          mg_store_rollback (self);
          return FALSE;
        }
    }
  return mg_store_commit (self, error);
}

/**
 * mg_store_restore_annotation:
 *
 * Puts one deleted annotation back exactly; see mg_store_restore_annotations().
 */
gboolean
mg_store_restore_annotation (MgStore       *self,
                             MgAnnotation  *annotation,
                             GError       **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (MG_IS_ANNOTATION (annotation), FALSE);

  g_ptr_array_add (one, annotation);
  return mg_store_restore_annotations (self, one, error);
}
