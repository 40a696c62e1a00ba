/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-entity-mention.h"
#include "mg-store.h"
#include "mg-table.h"

G_BEGIN_DECLS

/**
 * MgEntityCodeCount:
 * @code_id: a code
 * @mentions: how many of the entity's mentions fall inside passages of that code
 */
typedef struct {
  gint64 code_id;
  guint mentions;
} MgEntityCodeCount;

/**
 * MgEntityUsage:
 * @key: the entity's key
 * @name: its name as first seen
 * @type: its type
 * @mentions: how many times it is mentioned
 * @documents: in how many documents
 * @codes: (element-type MgEntityCodeCount): the codes its mentions fall inside, most
 *   mentions first
 *
 * One entity across the corpus, and under which codes it is talked about.
 */
typedef struct {
  char *key;
  char *name;
  MgEntityType type;
  guint mentions;
  guint documents;
  GArray *codes;
} MgEntityUsage;

void         mg_entity_usage_free           (MgEntityUsage *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgEntityUsage, mg_entity_usage_free)

GPtrArray   *mg_analysis_entities           (MgStore       *store,
                                             gint64         code_id,
                                             gint64         set_id,
                                             int            extractor_version,
                                             GError       **error);
MgTable     *mg_analysis_entities_table     (MgStore       *store,
                                             GPtrArray     *usages,
                                             GError       **error);

G_END_DECLS
