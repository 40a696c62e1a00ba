/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entity overview: every entity of the corpus with its counts, and the codes its
 * mentions fall inside ("who is talked about under Economic integration?"). */
#include "config.h"

#include "mg-analysis-entities.h"
#include "mg-analysis-private.h"

#include <glib/gi18n-lib.h>

#include "mg-entity.h"
#include "mg-store-entities.h"
#include "mg-store-private.h"

void
mg_entity_usage_free (MgEntityUsage *usage)
{
  if (usage == NULL)
    return;
  g_free (usage->key);
  g_free (usage->name);
  g_clear_pointer (&usage->codes, g_array_unref);
  g_free (usage);
}

/* While counting: the usage, its per-code counts and the last document counted. */
typedef struct
{
  MgEntityUsage *usage;
  GHashTable *codes;      /* code id (gint64 *) -> count */
  gint64 last_document;
} Tally;

static void
tally_free (Tally *tally)
{
  mg_entity_usage_free (tally->usage);
  g_hash_table_unref (tally->codes);
  g_free (tally);
}

typedef struct
{
  gint64 code;
  gint64 start;
  gint64 end;
} Span;

typedef struct
{
  MgStore *store;
  gint64 code_id;
  gint64 set_id;
  GHashTable *tallies;    /* key -> Tally */
  sqlite3_stmt *passages;
} Count;

static GArray *
load_passages (Count   *count,
               gint64   document_id,
               GError **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  int rc;

  sqlite3_reset (count->passages);
  sqlite3_bind_int64 (count->passages, 1, document_id);
  sqlite3_bind_int64 (count->passages, 2, count->set_id);
  while ((rc = sqlite3_step (count->passages)) == SQLITE_ROW)
    {
      Span span = { sqlite3_column_int64 (count->passages, 0),
                    sqlite3_column_int64 (count->passages, 1),
                    sqlite3_column_int64 (count->passages, 2) };
      g_array_append_val (spans, span);
    }
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (count->store, error, rc);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

static Tally *
get_tally (Count      *count,
           MgEntity   *entity)
{
  Tally *tally = g_hash_table_lookup (count->tallies, mg_entity_get_key (entity));

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      tally->usage = g_new0 (MgEntityUsage, 1);
      tally->usage->key = g_strdup (mg_entity_get_key (entity));
      tally->usage->name = g_strdup (mg_entity_get_name (entity));
      tally->usage->type = mg_entity_get_entity_type (entity);
      tally->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (count->tallies, tally->usage->key, tally);
    }
  return tally;
}

/* The codes of the passages that overlap one mention, each code once. */
static void
codes_around (GArray     *spans,
              gint64      start,
              gint64      end,
              GHashTable *out)
{
  g_hash_table_remove_all (out);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      if (span->start >= end)
        break;
      if (span->end > start)
        g_hash_table_add (out, &span->code);
    }
}

static void
count_mention (Count           *count,
               Tally           *tally,
               gint64           document_id,
               GHashTable      *codes)
{
  GHashTableIter iter;
  gint64 *code;

  if (count->code_id != 0 && !g_hash_table_contains (codes, &count->code_id))
    return;
  tally->usage->mentions++;
  if (tally->last_document != document_id)
    {
      tally->usage->documents++;
      tally->last_document = document_id;
    }
  g_hash_table_iter_init (&iter, codes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &code, NULL))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (tally->codes, code));
      g_hash_table_insert (tally->codes, g_memdup2 (code, sizeof *code), GUINT_TO_POINTER (n + 1));
    }
}

/* Passages come sorted by start; a mention looks only at those that start before it ends.
 * A document's passages and mentions are few enough that the scan from the first passage
 * costs less than keeping an interval index for them. */
static gboolean
count_document (Count       *count,
                gint64       document_id,
                const char  *text,
                int          extractor_version,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) mentions = mg_store_get_document_entities (count->store, document_id, text,
                                                                  extractor_version, &local_error);
  g_autoptr(GListModel) entities = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (mentions == NULL)
    return TRUE;
  spans = load_passages (count, document_id, error);
  if (spans == NULL)
    return FALSE;
  entities = mg_entity_group_mentions (mentions);
  n = g_list_model_get_n_items (entities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgEntity) entity = g_list_model_get_item (entities, i);
      Tally *tally = get_tally (count, entity);
      guint n_spans;
      const MgEntitySpan *mention_spans = mg_entity_get_spans (entity, &n_spans);

      for (guint k = 0; k < n_spans; k++)
        {
          codes_around (spans, mention_spans[k].start, mention_spans[k].end, codes);
          count_mention (count, tally, document_id, codes);
        }
    }
  return TRUE;
}

static int
compare_code_counts (gconstpointer a,
                     gconstpointer b)
{
  const MgEntityCodeCount *x = a, *y = b;

  if (x->mentions != y->mentions)
    return (x->mentions < y->mentions) - (x->mentions > y->mentions);
  return (x->code_id > y->code_id) - (x->code_id < y->code_id);
}

static MgEntityUsage *
finish_tally (Tally *tally)
{
  MgEntityUsage *usage = g_steal_pointer (&tally->usage);
  GHashTableIter iter;
  gint64 *code;
  gpointer n;

  usage->codes = g_array_new (FALSE, FALSE, sizeof (MgEntityCodeCount));
  g_hash_table_iter_init (&iter, tally->codes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &code, &n))
    {
      MgEntityCodeCount entry = { *code, GPOINTER_TO_UINT (n) };
      g_array_append_val (usage->codes, entry);
    }
  g_array_sort (usage->codes, compare_code_counts);
  return usage;
}

static int
compare_usages (gconstpointer a,
                gconstpointer b)
{
  const MgEntityUsage *x = *(MgEntityUsage * const *) a, *y = *(MgEntityUsage * const *) b;

  if (x->documents != y->documents)
    return (x->documents < y->documents) - (x->documents > y->documents);
  if (x->mentions != y->mentions)
    return (x->mentions < y->mentions) - (x->mentions > y->mentions);
  return g_strcmp0 (x->key, y->key);
}

static GPtrArray *
finish (Count *count)
{
  GPtrArray *usages = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_usage_free);
  GHashTableIter iter;
  Tally *tally;

  g_hash_table_iter_init (&iter, count->tallies);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tally))
    if (tally->usage->mentions > 0)
      g_ptr_array_add (usages, finish_tally (tally));
  g_ptr_array_sort (usages, compare_usages);
  return usages;
}

static gboolean
count_corpus (Count   *count,
              int      extractor_version,
              GError **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (count->store,
    "SELECT d.id, d.text FROM documents d JOIN entity_extractions e ON e.document = d.id"
    " ORDER BY d.id", error);
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = count_document (count, sqlite3_column_int64 (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1), extractor_version, error);
  if (ok && rc != SQLITE_DONE)
    {
      mg_store_set_db_error (count->store, error, rc);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * mg_analysis_entities:
 * @code_id: count only mentions inside passages of this code, or 0 for every mention
 * @set_id: passages of one annotation set, or 0 for all of them
 *
 * Counts every entity of the documents the extractor has read (the user's decisions
 * applied): mentions, documents, and per code the mentions that fall inside (overlap) a
 * passage of it.
 *
 * Returns: (transfer full) (element-type MgEntityUsage): the entities, most documents first,
 *   or %NULL with @error set
 */
GPtrArray *
mg_analysis_entities (MgStore  *store,
                      gint64    code_id,
                      gint64    set_id,
                      int       extractor_version,
                      GError  **error)
{
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) tally_free);
  Count count = { store, code_id, set_id, tallies, NULL };
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if ((code_id != 0 && !mg_analysis_check_code (store, code_id, error))
      || !mg_analysis_check_scope (store, 0, set_id, error))
    return NULL;
  count.passages = mg_store_prepare (store,
    "SELECT code, start, end FROM annotations WHERE document = ?1 AND " MG_ANALYSIS_PLACED
    " AND (?2 = 0 OR annotation_set = ?2) ORDER BY start", error);
  if (count.passages == NULL)
    return NULL;
  ok = count_corpus (&count, extractor_version, error);
  sqlite3_finalize (count.passages);
  return ok ? finish (&count) : NULL;
}

static char *
describe_codes (GArray     *codes,
                GPtrArray  *code_rows,
                GHashTable *index)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      MgEntityCodeCount *entry = &g_array_index (codes, MgEntityCodeCount, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &entry->code_id));
      MgCodeFrequency *code = at > 0 ? g_ptr_array_index (code_rows, at - 1) : NULL;

      if (code == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s (%u)", code->path, entry->mentions);
    }
  return g_string_free (out, FALSE);
}

/**
 * mg_analysis_entities_table:
 * @usages: (element-type MgEntityUsage): from mg_analysis_entities()
 *
 * Returns: (transfer full): entity, type, documents, mentions and the codes around its
 *   mentions ("Trade (4); Economic integration (2)"), or %NULL with @error set
 */
MgTable *
mg_analysis_entities_table (MgStore    *store,
                            GPtrArray  *usages,
                            GError    **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) code_rows = mg_analysis_load_codes (store, &index, error);
  MgTable *table;

  if (code_rows == NULL)
    return NULL;
  table = mg_table_new (_("Entities"));
  mg_table_add_column (table, _("Entity"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Type"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Documents"), MG_TABLE_COLUMN_NUMBER);
  mg_table_add_column (table, _("Mentions"), MG_TABLE_COLUMN_NUMBER);
  mg_table_add_column (table, _("Inside codes"), MG_TABLE_COLUMN_TEXT);
  for (guint i = 0; i < usages->len; i++)
    {
      MgEntityUsage *usage = g_ptr_array_index (usages, i);
      guint row = mg_table_add_row (table);
      g_autofree char *codes = describe_codes (usage->codes, code_rows, index);

      mg_table_set_text (table, row, 0, usage->name);
      mg_table_set_text (table, row, 1, mg_entity_type_to_string (usage->type));
      mg_table_set_number (table, row, 2, usage->documents);
      mg_table_set_number (table, row, 3, usage->mentions);
      mg_table_set_text (table, row, 4, codes);
      mg_table_get_target (table, row)->key = g_strdup (usage->key);
    }
  return table;
}
