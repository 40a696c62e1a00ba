/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mg-entity-mention.h"

G_BEGIN_DECLS

/**
 * MgEntityDecisionKind:
 * @MG_ENTITY_DECISION_REJECT: the entity is not an entity; its mentions are dropped
 * @MG_ENTITY_DECISION_RETYPE: the entity has another type
 * @MG_ENTITY_DECISION_ADD: the user marked a name as an entity; it is found everywhere
 * @MG_ENTITY_DECISION_ALIAS: the entity is another name of the entity @alias_of
 *
 * The user's corrections. They are kept apart from the extractor's output and applied to it
 * on every read, so they survive re-extraction and win over the rules.
 */
typedef enum {
  MG_ENTITY_DECISION_REJECT,
  MG_ENTITY_DECISION_RETYPE,
  MG_ENTITY_DECISION_ADD,
  MG_ENTITY_DECISION_ALIAS,
} MgEntityDecisionKind;

/**
 * MgEntityDecision:
 * @id: the row id in the library, 0 before it is stored; later decisions win
 * @kind: what the user decided
 * @key: the folded key of the entity (mg_entity_fold_key())
 * @text: the name as the user saw it (for @MG_ENTITY_DECISION_ADD, the name to look for)
 * @type: the new type, for @MG_ENTITY_DECISION_RETYPE and @MG_ENTITY_DECISION_ADD
 * @alias_of: the key of the entity this one joins, for @MG_ENTITY_DECISION_ALIAS
 * @document: the document it holds for, or 0 for the whole library
 */
typedef struct {
  gint64                id;
  MgEntityDecisionKind  kind;
  char                 *key;
  char                 *text;
  MgEntityType          type;
  char                 *alias_of;
  gint64                document;
} MgEntityDecision;

#define MG_TYPE_ENTITY_DECISION (mg_entity_decision_get_type ())
GType              mg_entity_decision_get_type    (void) G_GNUC_CONST;

MgEntityDecision  *mg_entity_decision_new         (MgEntityDecisionKind    kind,
                                                   const char             *text,
                                                   MgEntityType            type,
                                                   gint64                  document);
MgEntityDecision  *mg_entity_decision_copy        (const MgEntityDecision *decision);
void               mg_entity_decision_free        (MgEntityDecision       *decision);
const char        *mg_entity_decision_kind_to_string (MgEntityDecisionKind kind);
gboolean           mg_entity_decision_kind_from_string (const char        *name,
                                                   MgEntityDecisionKind   *out_kind);

GPtrArray         *mg_entity_decisions_apply      (GPtrArray              *decisions,
                                                   const char             *text,
                                                   GPtrArray              *mentions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgEntityDecision, mg_entity_decision_free)

G_END_DECLS
