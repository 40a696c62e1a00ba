/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mg-store.h"

G_BEGIN_DECLS

#define MG_AGREEMENT_ERROR (mg_agreement_error_quark ())

/**
 * MgAgreementError:
 * @MG_AGREEMENT_ERROR_TOO_FEW_SETS: agreement needs two annotation sets or more
 * @MG_AGREEMENT_ERROR_SAME_SET: a set was chosen twice
 */
typedef enum {
  MG_AGREEMENT_ERROR_TOO_FEW_SETS,
  MG_AGREEMENT_ERROR_SAME_SET,
} MgAgreementError;

/**
 * MgCodedSpan:
 * @document: the document's id
 * @coder: which coder (annotation set) tagged it, 0 to n_coders - 1
 * @code: the code's id
 * @start: first code point
 * @end: the code point after the last
 *
 * One tagged passage, as the agreement figures see it: nothing but where and what.
 */
typedef struct
{
  gint64 document;
  guint coder;
  gint64 code;
  gint64 start;
  gint64 end;
} MgCodedSpan;

/**
 * MgAgreementDocument:
 * @id: the document's id
 * @length: its text's length in code points
 *
 * A document the figures are taken over: every character of it counts, coded or not.
 */
typedef struct
{
  gint64 id;
  gint64 length;
} MgAgreementDocument;

/**
 * MgAgreementFigures:
 * @code: the code's id, or 0 for the overall row (every chosen code pooled)
 * @characters: how many characters were weighed (the documents' length; for the overall
 *   row, that times the number of codes)
 * @units: how many passages the coders made with the code, a coder's overlapping passages
 *   counted as one
 * @percent: the share of characters on which every coder agrees, 0 to 1
 * @cohen_kappa: Cohen's kappa over characters; NAN unless there are exactly two coders or
 *   when it is undefined (neither coder used the code, or both coded everything)
 * @fleiss_kappa: Fleiss' kappa over characters, for any number of coders; NAN if undefined
 * @u_alpha: Krippendorff's unitizing alpha; NAN if undefined (no passage at all)
 *
 * The agreement of the coders on one code (or on all of them).
 */
typedef struct
{
  gint64 code;
  gint64 characters;
  guint units;
  double percent;
  double cohen_kappa;
  double fleiss_kappa;
  double u_alpha;
} MgAgreementFigures;

GQuark       mg_agreement_error_quark       (void);

GArray      *mg_agreement_compute           (const MgAgreementDocument *documents,
                                             guint                      n_documents,
                                             const MgCodedSpan         *spans,
                                             gsize                      n_spans,
                                             guint                      n_coders,
                                             const gint64              *codes,
                                             guint                      n_codes);

gboolean     mg_agreement_load              (MgStore                   *store,
                                             const gint64              *set_ids,
                                             guint                      n_sets,
                                             const gint64              *document_ids,
                                             guint                      n_documents,
                                             GArray                   **out_documents,
                                             GArray                   **out_spans,
                                             GError                   **error);

GArray      *mg_agreement_measure           (MgStore                   *store,
                                             const gint64              *set_ids,
                                             guint                      n_sets,
                                             const gint64              *document_ids,
                                             guint                      n_documents,
                                             const gint64              *codes,
                                             guint                      n_codes,
                                             GError                   **error);

G_END_DECLS
