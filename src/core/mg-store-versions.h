/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-anchor.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: versions of a document, and its annotations carried from one version
 * to the next. */

/**
 * MgReanchorReport:
 * @new_document_id: the id of the new version
 * @n_exact: annotations whose quote stood at the same place
 * @n_moved: annotations whose quote stood elsewhere
 * @n_fuzzy: annotations placed on a passage close to their old quote
 * @n_orphaned: annotations that could not be placed, kept and flagged orphaned
 * @orphaned_ids: (element-type gint64): the ids of those, in text order
 *
 * What re-anchoring did, for the message that tells the user. Free its contents with
 * mg_reanchor_report_clear().
 */
typedef struct {
  gint64  new_document_id;
  guint   n_exact;
  guint   n_moved;
  guint   n_fuzzy;
  guint   n_orphaned;
  GArray *orphaned_ids;
} MgReanchorReport;

void         mg_reanchor_report_clear       (MgReanchorReport  *report);

gboolean     mg_store_add_document_version  (MgStore           *store,
                                             gint64             old_document_id,
                                             MgDocument        *new_document,
                                             MgReanchorReport  *out_report,
                                             GError           **error);
gint64       mg_store_find_current_version_by_source (MgStore  *store,
                                             const char        *source_uri,
                                             GError           **error);
gboolean     mg_store_place_orphan          (MgStore           *store,
                                             gint64             annotation_id,
                                             gint64             start,
                                             gint64             end,
                                             GError           **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgReanchorReport, mg_reanchor_report_clear)

/**
 * MgImportOutcome:
 * @MG_IMPORT_OUTCOME_NEW: a new document
 * @MG_IMPORT_OUTCOME_EXISTED: the library already held this text
 * @MG_IMPORT_OUTCOME_NEW_VERSION: a changed text of a file imported before: a new version
 */
typedef enum {
  MG_IMPORT_OUTCOME_NEW,
  MG_IMPORT_OUTCOME_EXISTED,
  MG_IMPORT_OUTCOME_NEW_VERSION,
} MgImportOutcome;

gboolean mg_store_import_document (MgStore           *store,
                                   MgDocument        *document,
                                   MgImportOutcome   *out_outcome,
                                   MgReanchorReport  *out_report,
                                   GError           **error);

G_END_DECLS
