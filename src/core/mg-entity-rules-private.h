/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the extractor reads from the user's rules. */

#include "mg-entity-gazetteer.h"
#include "mg-entity-rules.h"

G_BEGIN_DECLS

const MgEntityGazetteer *mg_entity_rules_get_added   (MgEntityRules *self);
gboolean                 mg_entity_rules_lookup      (MgEntityRules *self,
                                                      const char    *key,
                                                      gboolean      *out_rejected,
                                                      MgEntityType  *out_type);

G_END_DECLS
