/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"
#include "mg-table.h"

G_BEGIN_DECLS

/**
 * MgMatrixAxis:
 * @id: the code or document a row or column stands for
 * @label: its name (a code's path, a document's title)
 * @colour: a code's colour, or %NULL for a document
 */
typedef struct {
  gint64 id;
  char *label;
  char *colour;
} MgMatrixAxis;

/**
 * MgAnalysisMatrix:
 * @rows: (element-type MgMatrixAxis): the rows, codes in display order
 * @columns: (element-type MgMatrixAxis): the columns, documents or codes
 * @cells: row-major counts, @rows->len times @columns->len of them
 * @max: the largest count, for a heat map's scale
 *
 * A table of counts: passages per code and document, or pairs of passages of two codes that
 * lie close together.
 */
typedef struct {
  GPtrArray *rows;
  GPtrArray *columns;
  guint *cells;
  guint max;
} MgAnalysisMatrix;

/**
 * MgPassagePair:
 * @document_id: the document both passages are in
 * @first_id: the passage that starts first
 * @second_id: the other
 * @start: where the first starts
 * @end: where the later of the two ends
 *
 * Two passages that overlap or lie within the co-occurrence window of each other.
 */
typedef struct {
  gint64 document_id;
  gint64 first_id;
  gint64 second_id;
  gint64 start;
  gint64 end;
} MgPassagePair;

void         mg_analysis_matrix_free        (MgAnalysisMatrix *matrix);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgAnalysisMatrix, mg_analysis_matrix_free)
guint        mg_analysis_matrix_get         (MgAnalysisMatrix *matrix,
                                             guint             row,
                                             guint             column);

MgAnalysisMatrix *mg_analysis_code_document_matrix (MgStore   *store,
                                             gint64            set_id,
                                             GError          **error);
MgAnalysisMatrix *mg_analysis_cooccurrence_matrix (MgStore    *store,
                                             gint64            set_id,
                                             gint64            window,
                                             GError          **error);
GArray      *mg_analysis_cooccurring_pairs  (MgStore          *store,
                                             gint64            set_id,
                                             gint64            window,
                                             gint64            code_a,
                                             gint64            code_b,
                                             GError          **error);
MgTable     *mg_analysis_matrix_table       (MgAnalysisMatrix *matrix,
                                             const char       *title,
                                             const char       *corner,
                                             gboolean          transpose);

G_END_DECLS
