/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation-set.h"
#include "mg-history.h"
#include "mg-store.h"

G_BEGIN_DECLS

/**
 * MgDisagreement:
 * @document_id: the document
 * @code_id: the code the two sets disagree on
 * @start: where the passages of the place begin (the first code point any of them covers)
 * @end: where they end
 * @a: (element-type MgAnnotation): set A's passages with the code there
 * @b: (element-type MgAnnotation): set B's passages with the code there
 * @resolved: whether the consensus set already has a passage with the code there
 *
 * A place where two annotation sets tagged a code differently: passages that overlap one
 * another (in either set) make one place, and the sets agree on it only when both have
 * exactly the same passages there.
 */
typedef struct
{
  gint64 document_id;
  gint64 code_id;
  gint64 start;
  gint64 end;
  GPtrArray *a;
  GPtrArray *b;
  gboolean resolved;
} MgDisagreement;

/**
 * MgMergeChoice:
 * @MG_MERGE_ACCEPT_A: take set A's passages
 * @MG_MERGE_ACCEPT_B: take set B's passages
 * @MG_MERGE_ACCEPT_BOTH: take both sets' passages
 */
typedef enum {
  MG_MERGE_ACCEPT_A,
  MG_MERGE_ACCEPT_B,
  MG_MERGE_ACCEPT_BOTH,
} MgMergeChoice;

void             mg_disagreement_free                (MgDisagreement  *disagreement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgDisagreement, mg_disagreement_free)

GPtrArray       *mg_set_merge_list_disagreements     (MgStore         *store,
                                                      gint64           set_a,
                                                      gint64           set_b,
                                                      gint64           consensus_set,
                                                      const gint64    *document_ids,
                                                      guint            n_documents,
                                                      const gint64    *codes,
                                                      guint            n_codes,
                                                      GError         **error);
MgAnnotationSet *mg_set_merge_ensure_consensus       (MgStore         *store,
                                                      const char      *name,
                                                      GError         **error);
GPtrArray       *mg_set_merge_accept                 (MgHistory       *history,
                                                      MgStore         *store,
                                                      MgDisagreement  *disagreement,
                                                      MgMergeChoice    choice,
                                                      gint64           consensus_set,
                                                      GError         **error);

G_END_DECLS
