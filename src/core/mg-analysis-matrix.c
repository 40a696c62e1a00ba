/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Matrices of counts: passages per code and document (a GROUP BY in SQLite), and code
 * co-occurrence, found by one sweep over each document's passages sorted by start instead of
 * joining every passage with every other. */
#include "config.h"

#include "mg-analysis-matrix.h"
#include "mg-analysis-private.h"

#include <glib/gi18n-lib.h>

#include "mg-store-private.h"

static void
axis_free (MgMatrixAxis *axis)
{
  g_free (axis->label);
  g_free (axis->colour);
  g_free (axis);
}

static MgMatrixAxis *
axis_new (gint64      id,
          const char *label,
          const char *colour)
{
  MgMatrixAxis *axis = g_new0 (MgMatrixAxis, 1);

  axis->id = id;
  axis->label = g_strdup (label);
  axis->colour = g_strdup (colour);
  return axis;
}

void
mg_analysis_matrix_free (MgAnalysisMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_ptr_array_unref (matrix->rows);
  g_ptr_array_unref (matrix->columns);
  g_free (matrix->cells);
  g_free (matrix);
}

guint
mg_analysis_matrix_get (MgAnalysisMatrix *matrix,
                        guint             row,
                        guint             column)
{
  g_return_val_if_fail (row < matrix->rows->len && column < matrix->columns->len, 0);
  return matrix->cells[(gsize) row * matrix->columns->len + column];
}

static void
matrix_add (MgAnalysisMatrix *matrix,
            guint             row,
            guint             column,
            guint             count)
{
  guint *cell = &matrix->cells[(gsize) row * matrix->columns->len + column];

  *cell += count;
  matrix->max = MAX (matrix->max, *cell);
}

/* Rows for every code of the codebook; @index maps a code id to its row plus one. */
static MgAnalysisMatrix *
matrix_with_code_rows (MgStore     *store,
                       GHashTable **index,
                       GError     **error)
{
  g_autoptr(GPtrArray) codes = mg_analysis_load_codes (store, index, error);
  MgAnalysisMatrix *matrix;

  if (codes == NULL)
    return NULL;
  matrix = g_new0 (MgAnalysisMatrix, 1);
  matrix->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) axis_free);
  matrix->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) axis_free);
  for (guint i = 0; i < codes->len; i++)
    {
      MgCodeFrequency *code = g_ptr_array_index (codes, i);
      g_ptr_array_add (matrix->rows, axis_new (code->code_id, code->path, code->colour));
    }
  return matrix;
}

static gboolean
add_document_columns (MgStore          *store,
                      MgAnalysisMatrix *matrix,
                      GHashTable       *columns,
                      GError          **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT id, title FROM documents ORDER BY title COLLATE NOCASE, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_ptr_array_add (matrix->columns,
                       axis_new (id, (const char *) sqlite3_column_text (stmt, 1), NULL));
      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER (matrix->columns->len));
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (store, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
count_code_documents (MgStore          *store,
                      MgAnalysisMatrix *matrix,
                      GHashTable       *rows,
                      GHashTable       *columns,
                      gint64            set_id,
                      GError          **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT code, document, count(*) FROM annotations WHERE " MG_ANALYSIS_PLACED
    " AND (?1 = 0 OR annotation_set = ?1) GROUP BY code, document", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, &(gint64) { sqlite3_column_int64 (stmt, 0) }));
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (columns, &(gint64) { sqlite3_column_int64 (stmt, 1) }));

      if (row > 0 && column > 0)
        matrix_add (matrix, row - 1, column - 1, (guint) sqlite3_column_int64 (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (store, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/**
 * mg_analysis_code_document_matrix:
 * @set_id: one annotation set, or 0 for all of them
 *
 * Returns: (transfer full): placed passages per code (rows, display order) and document
 *   (columns, by title), or %NULL with @error set
 */
MgAnalysisMatrix *
mg_analysis_code_document_matrix (MgStore  *store,
                                  gint64    set_id,
                                  GError  **error)
{
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(MgAnalysisMatrix) matrix = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if (!mg_analysis_check_scope (store, 0, set_id, error))
    return NULL;
  matrix = matrix_with_code_rows (store, &rows, error);
  if (matrix == NULL || !add_document_columns (store, matrix, columns, error))
    return NULL;
  matrix->cells = g_new0 (guint, (gsize) matrix->rows->len * matrix->columns->len);
  if (!count_code_documents (store, matrix, rows, columns, set_id, error))
    return NULL;
  return g_steal_pointer (&matrix);
}

typedef struct
{
  gint64 id;
  gint64 document;
  gint64 code;
  gint64 start;
  gint64 end;
} Passage;

/* Called for every pair of passages within the window, the earlier one first. */
typedef void (*PairFunc) (const Passage *first,
                          const Passage *second,
                          gpointer       user_data);

/* The sweep: passages arrive sorted by document and start. @active holds the passages of
 * this document that may still reach a later one: those whose end plus the window is not
 * yet behind the current start. Each new passage pairs with every active one still in reach,
 * so the work grows with the pairs found, not with the square of the passages. */
static void
sweep_document_pairs (GArray        *active,
                      const Passage *passage,
                      gint64         window,
                      PairFunc       func,
                      gpointer       user_data)
{
  guint kept = 0;

  if (active->len > 0 && g_array_index (active, Passage, 0).document != passage->document)
    g_array_set_size (active, 0);
  for (guint i = 0; i < active->len; i++)
    {
      Passage *earlier = &g_array_index (active, Passage, i);

      if (earlier->end + window < passage->start)
        continue;
      func (earlier, passage, user_data);
      g_array_index (active, Passage, kept++) = *earlier;
    }
  g_array_set_size (active, kept);
  g_array_append_val (active, *passage);
}

static gboolean
sweep_pairs (MgStore  *store,
             gint64    set_id,
             gint64    window,
             PairFunc  func,
             gpointer  user_data,
             GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT id, document, code, start, end FROM annotations WHERE " MG_ANALYSIS_PLACED
    " AND (?1 = 0 OR annotation_set = ?1) ORDER BY document, start, end", error);
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (Passage));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Passage passage = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
      };
      sweep_document_pairs (active, &passage, window, func, user_data);
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (store, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
check_window (gint64   window,
              GError **error)
{
  if (window >= 0)
    return TRUE;
  g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                       _("The co-occurrence distance is a number of characters, 0 or more"));
  return FALSE;
}

typedef struct
{
  MgAnalysisMatrix *matrix;
  GHashTable *index;
} CountPairs;

/* A code's passages near each other say nothing about two codes: the diagonal stays 0. */
static void
count_pair (const Passage *first,
            const Passage *second,
            gpointer       user_data)
{
  CountPairs *count = user_data;
  guint a, b;

  if (first->code == second->code)
    return;
  a = GPOINTER_TO_UINT (g_hash_table_lookup (count->index, &first->code));
  b = GPOINTER_TO_UINT (g_hash_table_lookup (count->index, &second->code));
  if (a == 0 || b == 0)
    return;
  matrix_add (count->matrix, a - 1, b - 1, 1);
  matrix_add (count->matrix, b - 1, a - 1, 1);
}

/**
 * mg_analysis_cooccurrence_matrix:
 * @set_id: one annotation set, or 0 for all of them
 * @window: how many characters may lie between two passages that still count as
 *   co-occurring; 0 counts only passages that overlap or touch
 *
 * Counts, for every two different codes, the pairs of their passages in the same document
 * that overlap or lie within @window characters of each other. The matrix is symmetric, its
 * rows and columns the codebook in display order; the diagonal is 0.
 *
 * Returns: (transfer full): the matrix, or %NULL with @error set (%MG_STORE_ERROR_INVALID
 *   for a negative window)
 */
MgAnalysisMatrix *
mg_analysis_cooccurrence_matrix (MgStore  *store,
                                 gint64    set_id,
                                 gint64    window,
                                 GError  **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(MgAnalysisMatrix) matrix = NULL;
  CountPairs count;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if (!check_window (window, error) || !mg_analysis_check_scope (store, 0, set_id, error))
    return NULL;
  matrix = matrix_with_code_rows (store, &index, error);
  if (matrix == NULL)
    return NULL;
  for (guint i = 0; i < matrix->rows->len; i++)
    {
      MgMatrixAxis *row = g_ptr_array_index (matrix->rows, i);
      g_ptr_array_add (matrix->columns, axis_new (row->id, row->label, row->colour));
    }
  matrix->cells = g_new0 (guint, (gsize) matrix->rows->len * matrix->columns->len);
  count = (CountPairs) { matrix, index };
  if (!sweep_pairs (store, set_id, window, count_pair, &count, error))
    return NULL;
  return g_steal_pointer (&matrix);
}

typedef struct
{
  gint64 code_a;
  gint64 code_b;
  GArray *pairs;
} CollectPairs;

static void
collect_pair (const Passage *first,
              const Passage *second,
              gpointer       user_data)
{
  CollectPairs *collect = user_data;
  MgPassagePair pair;

  if (!((first->code == collect->code_a && second->code == collect->code_b)
        || (first->code == collect->code_b && second->code == collect->code_a)))
    return;
  pair = (MgPassagePair) { first->document, first->id, second->id, first->start,
                           MAX (first->end, second->end) };
  g_array_append_val (collect->pairs, pair);
}

/**
 * mg_analysis_cooccurring_pairs:
 *
 * The pairs behind one cell of mg_analysis_cooccurrence_matrix(): passages of @code_a and
 * @code_b within @window characters of each other, by document and start.
 *
 * Returns: (transfer full) (element-type MgPassagePair): the pairs, or %NULL with @error set
 */
GArray *
mg_analysis_cooccurring_pairs (MgStore  *store,
                               gint64    set_id,
                               gint64    window,
                               gint64    code_a,
                               gint64    code_b,
                               GError  **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (MgPassagePair));
  CollectPairs collect = { code_a, code_b, pairs };

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  if (!check_window (window, error) || !mg_analysis_check_scope (store, 0, set_id, error)
      || !mg_analysis_check_code (store, code_a, error)
      || !mg_analysis_check_code (store, code_b, error))
    return NULL;
  if (code_a == code_b)
    return g_steal_pointer (&pairs);
  if (!sweep_pairs (store, set_id, window, collect_pair, &collect, error))
    return NULL;
  return g_steal_pointer (&pairs);
}

static void
fill_row (MgTable      *table,
          MgMatrixAxis *axis,
          gboolean      is_code)
{
  guint row = mg_table_add_row (table);

  mg_table_set_text (table, row, 0, axis->label);
  mg_table_set_colour (table, row, axis->colour);
  if (is_code)
    mg_table_get_target (table, row)->code_id = axis->id;
  else
    mg_table_get_target (table, row)->other_id = axis->id;
}

/**
 * mg_analysis_matrix_table:
 * @title: the table's title
 * @corner: the first column's heading ("Code", "Document")
 * @transpose: %TRUE for one row per matrix column: a thousand documents read better as
 *   rows than as columns
 *
 * Returns: (transfer full): one row per matrix row (or column), its label first, then one
 *   number column per matrix column (or row). A row that stands for a code points at it
 *   (target code_id), one that stands for a document keeps its id in target other_id.
 */
MgTable *
mg_analysis_matrix_table (MgAnalysisMatrix *matrix,
                          const char       *title,
                          const char       *corner,
                          gboolean          transpose)
{
  MgTable *table = mg_table_new (title);
  GPtrArray *rows = transpose ? matrix->columns : matrix->rows;
  GPtrArray *columns = transpose ? matrix->rows : matrix->columns;

  mg_table_add_column (table, corner, MG_TABLE_COLUMN_TEXT);
  for (guint j = 0; j < columns->len; j++)
    mg_table_add_column (table, ((MgMatrixAxis *) g_ptr_array_index (columns, j))->label,
                         MG_TABLE_COLUMN_NUMBER);
  for (guint i = 0; i < rows->len; i++)
    {
      MgMatrixAxis *axis = g_ptr_array_index (rows, i);

      /* Row axes are codes; column axes are codes only when they carry a colour. */
      fill_row (table, axis, !transpose || axis->colour != NULL);
      for (guint j = 0; j < columns->len; j++)
        mg_table_set_number (table, i, j + 1, transpose ? mg_analysis_matrix_get (matrix, j, i)
                                                        : mg_analysis_matrix_get (matrix, i, j));
    }
  return table;
}
