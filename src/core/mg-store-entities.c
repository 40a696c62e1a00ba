/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: the extractor's mentions, cached per document with the extractor's
 * version, and the user's decisions, kept apart and applied on every read so that they
 * survive re-extraction and always win. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-entity.h"
#include "mg-store-entities.h"
#include "mg-store-private.h"

static gboolean
insert_mentions (MgStore    *self,
                 gint64      document_id,
                 int         extractor_version,
                 GPtrArray  *mentions,
                 GError    **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT OR IGNORE INTO entity_mentions (document, start, end, type, text, entity_key,"
    " extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < mentions->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (mentions, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int64 (stmt, 2, mention->start);
      sqlite3_bind_int64 (stmt, 3, mention->end);
      sqlite3_bind_text (stmt, 4, mg_entity_type_to_string (mention->type), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, mention->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, mention->key, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, extractor_version);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          mg_store_set_db_error (self, error, rc);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
mark_extracted (MgStore  *self,
                gint64    document_id,
                int       extractor_version,
                GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO entity_extractions (document, extractor_version, extracted) VALUES (?, ?, ?)"
    " ON CONFLICT (document) DO UPDATE SET extractor_version = excluded.extractor_version,"
    " extracted = excluded.extracted", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, extractor_version);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return mg_store_step_done (self, stmt, error);
}

static gboolean
delete_mentions (MgStore  *self,
                 gint64    document_id,
                 GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, "DELETE FROM entity_mentions WHERE document = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return mg_store_step_done (self, stmt, error);
}

/**
 * mg_store_save_entity_mentions:
 * @mentions: (element-type MgEntityMention): what the extractor found, before decisions
 *
 * Replaces the cached mentions of a document in one transaction.
 */
gboolean
mg_store_save_entity_mentions (MgStore    *self,
                               gint64      document_id,
                               int         extractor_version,
                               GPtrArray  *mentions,
                               GError    **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (mentions != NULL, FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  if (!delete_mentions (self, document_id, error)
      || !insert_mentions (self, document_id, extractor_version, mentions, error)
      || !mark_extracted (self, document_id, extractor_version, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

static GPtrArray *
read_mentions (MgStore  *self,
               gint64    document_id,
               GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT start, end, type, text, entity_key FROM entity_mentions WHERE document = ?"
    " ORDER BY start, end", error);
  g_autoptr(GPtrArray) mentions = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MgEntityType type;

      if (!mg_entity_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &type))
        continue;
      g_ptr_array_add (mentions,
                       mg_entity_mention_new (sqlite3_column_int64 (stmt, 0),
                                              sqlite3_column_int64 (stmt, 1), type,
                                              (const char *) sqlite3_column_text (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&mentions);
}

static int
extracted_version (MgStore *self,
                   gint64   document_id)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT extractor_version FROM entity_extractions WHERE document = ?", NULL);
  int version = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/**
 * mg_store_load_entity_mentions:
 *
 * Returns: (transfer full) (nullable) (element-type MgEntityMention): the cached mentions,
 *   or %NULL without an error when the document was not read by this extractor version
 */
GPtrArray *
mg_store_load_entity_mentions (MgStore  *self,
                               gint64    document_id,
                               int       extractor_version,
                               GError  **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  if (extracted_version (self, document_id) != extractor_version)
    return NULL;
  return read_mentions (self, document_id, error);
}

/**
 * mg_store_list_unextracted_documents:
 *
 * Returns: (transfer full) (element-type gint64): ids of the documents this extractor version
 *   has not read yet
 */
GArray *
mg_store_list_unextracted_documents (MgStore  *self,
                                     int       extractor_version,
                                     GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self,
    "SELECT d.id FROM documents d LEFT JOIN entity_extractions e ON e.document = d.id"
    " WHERE e.extractor_version IS NULL OR e.extractor_version != ? ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, extractor_version);
  return mg_store_step_ids (self, stmt, error);
}

/**
 * mg_store_add_entity_decision:
 *
 * Stores the user's decision in one transaction and sets its id.
 */
gboolean
mg_store_add_entity_decision (MgStore           *self,
                              MgEntityDecision  *decision,
                              GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  stmt = mg_store_prepare (self,
    "INSERT INTO entity_decisions (uuid, kind, entity_key, text, type, alias_of, document,"
    " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mg_entity_decision_kind_to_string (decision->kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, decision->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, decision->text ? decision->text : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mg_entity_type_to_string (decision->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, decision->alias_of, -1, SQLITE_STATIC);
  if (decision->document > 0)
    sqlite3_bind_int64 (stmt, 7, decision->document);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  decision->id = mg_store_last_insert_id (self);
  return TRUE;
}

/**
 * mg_store_remove_entity_decision:
 *
 * Takes a decision back (undo).
 */
gboolean
mg_store_remove_entity_decision (MgStore  *self,
                                 gint64    decision_id,
                                 GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  stmt = mg_store_prepare (self, "DELETE FROM entity_decisions WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, decision_id);
  return mg_store_step_done (self, stmt, error);
}

static MgEntityDecision *
decision_from_row (sqlite3_stmt *stmt)
{
  MgEntityDecision *decision = g_new0 (MgEntityDecision, 1);

  decision->id = sqlite3_column_int64 (stmt, 0);
  mg_entity_decision_kind_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                       &decision->kind);
  decision->key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  decision->text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  mg_entity_type_from_string ((const char *) sqlite3_column_text (stmt, 4), &decision->type);
  decision->alias_of = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  decision->document = sqlite3_column_int64 (stmt, 6);
  return decision;
}

/**
 * mg_store_list_entity_decisions:
 * @document_id: a document, or 0 for the decisions that hold library-wide only
 *
 * Returns: (transfer full) (element-type MgEntityDecision): the decisions that hold for the
 *   document (the library's and its own), oldest first
 */
GPtrArray *
mg_store_list_entity_decisions (MgStore  *self,
                                gint64    document_id,
                                GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self,
    "SELECT id, kind, entity_key, text, type, alias_of, document FROM entity_decisions"
    " WHERE document IS NULL OR document = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return mg_store_step_rows (self, stmt, (MgStoreRowFunc) decision_from_row,
                             (GDestroyNotify) mg_entity_decision_free, error);
}

/**
 * mg_store_get_document_entities:
 * @text: the document's text (marked names are looked for in it)
 *
 * Returns: (transfer full) (nullable) (element-type MgEntityMention): the document's mentions
 *   with the user's decisions applied, or %NULL without an error when the extractor has not
 *   read it yet
 */
GPtrArray *
mg_store_get_document_entities (MgStore     *self,
                                gint64       document_id,
                                const char  *text,
                                int          extractor_version,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) raw = mg_store_load_entity_mentions (self, document_id, extractor_version,
                                                            &local_error);
  g_autoptr(GPtrArray) decisions = NULL;

  if (raw == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  decisions = mg_store_list_entity_decisions (self, document_id, error);
  if (decisions == NULL)
    return NULL;
  return mg_entity_decisions_apply (decisions, text, raw);
}

typedef struct
{
  char *name;
  MgEntityType type;
  guint mentions;
  guint documents;
} CorpusCount;

static void
corpus_count_free (CorpusCount *count)
{
  g_free (count->name);
  g_free (count);
}

static void
count_document (GHashTable *counts,
                GListModel *entities)
{
  guint n = g_list_model_get_n_items (entities);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgEntity) entity = g_list_model_get_item (entities, i);
      CorpusCount *count = g_hash_table_lookup (counts, mg_entity_get_key (entity));

      if (count == NULL)
        {
          count = g_new0 (CorpusCount, 1);
          count->name = g_strdup (mg_entity_get_name (entity));
          count->type = mg_entity_get_entity_type (entity);
          g_hash_table_insert (counts, g_strdup (mg_entity_get_key (entity)), count);
        }
      count->mentions += mg_entity_get_mention_count (entity);
      count->documents++;
    }
}

static int
compare_corpus_entities (gconstpointer a,
                         gconstpointer b)
{
  MgEntity *x = *(MgEntity **) a;
  MgEntity *y = *(MgEntity **) b;

  if (mg_entity_get_document_count (x) != mg_entity_get_document_count (y))
    return mg_entity_get_document_count (x) > mg_entity_get_document_count (y) ? -1 : 1;
  if (mg_entity_get_mention_count (x) != mg_entity_get_mention_count (y))
    return mg_entity_get_mention_count (x) > mg_entity_get_mention_count (y) ? -1 : 1;
  return g_utf8_collate (mg_entity_get_name (x), mg_entity_get_name (y));
}

static GListModel *
corpus_model (GHashTable *counts)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (MG_TYPE_ENTITY);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CorpusCount *count = value;
      g_ptr_array_add (entities, mg_entity_new_for_corpus (key, count->name, count->type,
                                                           count->mentions, count->documents));
    }
  g_ptr_array_sort (entities, compare_corpus_entities);
  g_list_store_splice (store, 0, 0, entities->pdata, entities->len);
  return G_LIST_MODEL (store);
}

/**
 * mg_store_list_corpus_entities:
 *
 * Counts every entity across the documents the extractor has read, with the user's
 * decisions applied, for the corpus view.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #MgEntity (without spans), in the
 *   most documents first
 */
GListModel *
mg_store_list_corpus_entities (MgStore  *self,
                               int       extractor_version,
                               GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) corpus_count_free);
  g_autoptr(GListModel) documents = mg_store_list_documents (self, error);
  guint n;

  if (documents == NULL)
    return NULL;
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgDocument) listed = g_list_model_get_item (documents, i);
      g_autoptr(MgDocument) document = NULL;
      g_autoptr(GPtrArray) mentions = NULL;
      g_autoptr(GListModel) entities = NULL;
      g_autoptr(GError) local_error = NULL;

      /* The text is needed for names the user marked; reading it once per document keeps
       * this simple and is fast enough for a corpus of hundreds of documents. */
      document = mg_store_get_document (self, mg_document_get_id (listed), error);
      if (document == NULL)
        return NULL;
      mentions = mg_store_get_document_entities (self, mg_document_get_id (document),
                                                 mg_document_get_text (document),
                                                 extractor_version, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (mentions == NULL)
        continue;
      entities = mg_entity_group_mentions (mentions);
      count_document (counts, entities);
    }
  return corpus_model (counts);
}

/**
 * mg_store_find_document_mentioning:
 *
 * Finds where to read about an entity of the corpus view: the document whose cached
 * mentions name it most often (by its key or by a name the user joined to it).
 *
 * Returns: the document's id, 0 when none mentions it, or -1 with @error set
 */
gint64
mg_store_find_document_mentioning (MgStore     *self,
                                   const char  *entity_key,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), -1);

  stmt = mg_store_prepare (self,
    "SELECT document FROM entity_mentions WHERE entity_key = ?1 OR entity_key IN"
    " (SELECT entity_key FROM entity_decisions WHERE kind = 'alias' AND alias_of = ?1)"
    " GROUP BY document ORDER BY count(*) DESC, document LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, entity_key, -1, SQLITE_STATIC);
  return mg_store_step_id (self, stmt, error);
}
