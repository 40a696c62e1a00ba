/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mg-entity-mention.h"

G_BEGIN_DECLS

#define MG_TYPE_ENTITY_RULES (mg_entity_rules_get_type ())
G_DECLARE_FINAL_TYPE (MgEntityRules, mg_entity_rules, MG, ENTITY_RULES, GObject)

/**
 * MgEntityRules:
 *
 * The user's decisions about entities, applied on top of the extractor's rules so that
 * corrections survive re-extraction: names added with a type (found wherever they occur,
 * in any case), keys rejected (never reported) and keys retyped. Keys are folded with
 * mg_entity_fold_key(), so passing a mention's key or its text both work.
 *
 * Not thread-safe while being changed: hand a worker thread its own copy
 * (mg_entity_rules_copy()) and do not change that copy while it extracts.
 */
MgEntityRules *mg_entity_rules_new          (void);
MgEntityRules *mg_entity_rules_copy         (MgEntityRules *self);

void           mg_entity_rules_add          (MgEntityRules *self,
                                             const char    *name,
                                             MgEntityType   type);
void           mg_entity_rules_reject       (MgEntityRules *self,
                                             const char    *key);
void           mg_entity_rules_retype       (MgEntityRules *self,
                                             const char    *key,
                                             MgEntityType   type);
gboolean       mg_entity_rules_is_empty     (MgEntityRules *self);

G_END_DECLS
