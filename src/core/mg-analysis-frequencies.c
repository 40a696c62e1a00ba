/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Code frequencies: passages, coded characters and documents per code, over the corpus or
 * one document, in one set or all of them. */
#include "config.h"

#include "mg-analysis-frequencies.h"
#include "mg-analysis-private.h"

#include <glib/gi18n-lib.h>

#include "mg-store-codes.h"
#include "mg-store-private.h"

void
mg_code_frequency_free (MgCodeFrequency *frequency)
{
  if (frequency == NULL)
    return;
  g_free (frequency->name);
  g_free (frequency->path);
  g_free (frequency->colour);
  g_free (frequency);
}

/* Codes come parent first (display order), so a child's parent already has its path. */
static MgCodeFrequency *
code_row (MgCode     *code,
          GHashTable *index,
          GPtrArray  *rows)
{
  MgCodeFrequency *row = g_new0 (MgCodeFrequency, 1);
  gpointer parent_index = g_hash_table_lookup (index, &(gint64) { mg_code_get_parent_id (code) });

  row->code_id = mg_code_get_id (code);
  row->name = g_strdup (mg_code_get_name (code));
  row->colour = g_strdup (mg_code_get_colour (code));
  row->depth = mg_code_get_depth (code);
  if (parent_index != NULL)
    {
      MgCodeFrequency *parent = g_ptr_array_index (rows, GPOINTER_TO_UINT (parent_index) - 1);
      row->path = g_strconcat (parent->path, "/", row->name, NULL);
    }
  else
    row->path = g_strdup (row->name);
  return row;
}

/**
 * mg_analysis_load_codes:
 * @out_index: (out) (optional): code id (gint64 *) -> index in the result plus one
 *
 * Returns: (transfer full) (element-type MgCodeFrequency): the codebook in display order,
 *   every count zero, or %NULL with @error set
 */
GPtrArray *
mg_analysis_load_codes (MgStore     *store,
                        GHashTable **out_index,
                        GError     **error)
{
  g_autoptr(GListModel) codes = mg_store_list_codes (store, error);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *rows;
  guint n;

  if (codes == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_code_frequency_free);
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);
      MgCodeFrequency *row = code_row (code, index, rows);

      g_ptr_array_add (rows, row);
      g_hash_table_insert (index, g_memdup2 (&row->code_id, sizeof row->code_id),
                           GUINT_TO_POINTER (rows->len));
    }
  if (out_index != NULL)
    *out_index = g_steal_pointer (&index);
  return rows;
}

/* 1 when the row exists, 0 when not, -1 with @error set when the query failed. */
static int
check_exists (MgStore    *store,
              const char *sql,
              gint64      id,
              GError    **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, sql, error);
  gint64 found;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  found = mg_store_step_id (store, stmt, error);
  return found < 0 ? -1 : found > 0;
}

/**
 * mg_analysis_check_scope:
 * @document_id: a document, or 0 for the whole corpus
 * @set_id: an annotation set, or 0 for all of them
 *
 * Returns: %TRUE when both exist; otherwise %FALSE with %MG_STORE_ERROR_NOT_FOUND, whose
 *   message names what is missing
 */
gboolean
mg_analysis_check_scope (MgStore  *store,
                         gint64    document_id,
                         gint64    set_id,
                         GError  **error)
{
  int found;

  if (document_id < 0 || set_id < 0)
    {
      g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                           _("A document or set id is a positive number"));
      return FALSE;
    }
  if (document_id != 0)
    {
      found = check_exists (store, "SELECT id FROM documents WHERE id = ?", document_id, error);
      if (found == 0)
        g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                     /* %lld: a translated string cannot hold G_GINT64_FORMAT, a macro. */
                     _("There is no document %lld in the library"),

                     (long long) document_id);
      if (found != 1)
        return FALSE;
    }
  if (set_id != 0)
    {
      found = check_exists (store, "SELECT id FROM annotation_sets WHERE id = ?", set_id, error);
      if (found == 0)
        g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                     _("There is no annotation set %lld in the library"),
                     (long long) set_id);
      if (found != 1)
        return FALSE;
    }
  return TRUE;
}

/**
 * mg_analysis_check_code:
 *
 * Returns: %TRUE when the code exists, otherwise %FALSE with %MG_STORE_ERROR_NOT_FOUND
 */
gboolean
mg_analysis_check_code (MgStore  *store,
                        gint64    code_id,
                        GError  **error)
{
  int found = check_exists (store, "SELECT id FROM codes WHERE id = ?", code_id, error);

  if (found == 0)
    g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                 _("There is no code %lld in the codebook"), (long long) code_id);

  return found == 1;
}

/* The running state of the sweep over one code's passages, sorted by document and start. */
typedef struct
{
  gint64 document;
  gint64 covered_end;     /* end of the union of this document's passages so far */
} Sweep;

static void
count_passage (MgCodeFrequency *row,
               Sweep           *sweep,
               gint64           document,
               gint64           start,
               gint64           end)
{
  if (row->passages == 0 || document != sweep->document)
    {
      row->documents++;
      sweep->document = document;
      sweep->covered_end = start;
    }
  row->passages++;
  /* Only the part past what earlier passages already cover adds characters. */
  if (end > sweep->covered_end)
    {
      row->characters += end - MAX (start, sweep->covered_end);
      sweep->covered_end = end;
    }
}

static gboolean
sweep_passages (MgStore    *store,
                GPtrArray  *rows,
                GHashTable *index,
                gint64      document_id,
                gint64      set_id,
                GError    **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT code, document, start, end FROM annotations WHERE " MG_ANALYSIS_PLACED
    " AND (?1 = 0 OR document = ?1) AND (?2 = 0 OR annotation_set = ?2)"
    " ORDER BY code, document, start", error);
  MgCodeFrequency *row = NULL;
  gint64 row_code = 0;
  Sweep sweep = { 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 code = sqlite3_column_int64 (stmt, 0);

      if (row == NULL || code != row_code)
        {
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &code));
          row = at > 0 ? g_ptr_array_index (rows, at - 1) : NULL;
          row_code = code;
          sweep = (Sweep) { 0 };
        }
      if (row != NULL)
        count_passage (row, &sweep, sqlite3_column_int64 (stmt, 1),
                       sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (store, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/**
 * mg_analysis_code_frequencies:
 * @document_id: one document, or 0 for the whole corpus
 * @set_id: one annotation set, or 0 for all of them
 *
 * Counts, for every code of the codebook (unused ones too, with zeros), its placed passages,
 * the characters they cover and the documents they are in. One pass over the passages sorted
 * by code, document and start, which the store's index gives without sorting.
 *
 * Returns: (transfer full) (element-type MgCodeFrequency): the codebook in display order,
 *   or %NULL with @error set (%MG_STORE_ERROR_NOT_FOUND for a missing document or set)
 */
GPtrArray *
mg_analysis_code_frequencies (MgStore  *store,
                              gint64    document_id,
                              gint64    set_id,
                              GError  **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if (!mg_analysis_check_scope (store, document_id, set_id, error))
    return NULL;
  rows = mg_analysis_load_codes (store, &index, error);
  if (rows == NULL || !sweep_passages (store, rows, index, document_id, set_id, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * mg_analysis_frequencies_table:
 * @frequencies: (element-type MgCodeFrequency): from mg_analysis_code_frequencies()
 *
 * Returns: (transfer full): the frequencies as a table (code path, passages, characters,
 *   documents), each row in its code's colour and pointing at its code
 */
MgTable *
mg_analysis_frequencies_table (GPtrArray *frequencies)
{
  MgTable *table = mg_table_new (_("Code frequencies"));

  mg_table_add_column (table, _("Code"), MG_TABLE_COLUMN_TEXT);
  mg_table_add_column (table, _("Passages"), MG_TABLE_COLUMN_NUMBER);
  mg_table_add_column (table, _("Characters"), MG_TABLE_COLUMN_NUMBER);
  mg_table_add_column (table, _("Documents"), MG_TABLE_COLUMN_NUMBER);
  for (guint i = 0; i < frequencies->len; i++)
    {
      MgCodeFrequency *frequency = g_ptr_array_index (frequencies, i);
      guint row = mg_table_add_row (table);

      mg_table_set_text (table, row, 0, frequency->path);
      mg_table_set_number (table, row, 1, frequency->passages);
      mg_table_set_number (table, row, 2, frequency->characters);
      mg_table_set_number (table, row, 3, frequency->documents);
      mg_table_set_colour (table, row, frequency->colour);
      mg_table_get_target (table, row)->code_id = frequency->code_id;
    }
  return table;
}
