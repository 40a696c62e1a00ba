/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-entity-decision.h"
#include "mg-entity-mention.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: the extractor's cached mentions and the user's entity decisions. */

gboolean     mg_store_save_entity_mentions  (MgStore           *self,
                                             gint64             document_id,
                                             int                extractor_version,
                                             GPtrArray         *mentions,
                                             GError           **error);
GPtrArray   *mg_store_load_entity_mentions  (MgStore           *self,
                                             gint64             document_id,
                                             int                extractor_version,
                                             GError           **error);
GArray      *mg_store_list_unextracted_documents (MgStore      *self,
                                             int                extractor_version,
                                             GError           **error);

gboolean     mg_store_add_entity_decision   (MgStore           *self,
                                             MgEntityDecision  *decision,
                                             GError           **error);
gboolean     mg_store_remove_entity_decision (MgStore          *self,
                                             gint64             decision_id,
                                             GError           **error);
GPtrArray   *mg_store_list_entity_decisions (MgStore           *self,
                                             gint64             document_id,
                                             GError           **error);
GPtrArray   *mg_store_get_document_entities (MgStore           *self,
                                             gint64             document_id,
                                             const char        *text,
                                             int                extractor_version,
                                             GError           **error);
gint64       mg_store_find_document_mentioning (MgStore      *self,
                                             const char        *entity_key,
                                             GError           **error);
GListModel  *mg_store_list_corpus_entities  (MgStore           *self,
                                             int                extractor_version,
                                             GError           **error);

G_END_DECLS
