/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the entity extractor: what leaves a block, and the document-level pass. */

#include <glib.h>

#include "mg-entity-rules.h"

G_BEGIN_DECLS

typedef struct {
  guint32     start;      /* code points into the document (imports stop at 512 MB) */
  guint32     end;
  guint32     byte_start; /* bytes into the document */
  guint32     byte_end;
  gint8       type;       /* MgEntityType, or MG_SPAN_UNKNOWN for a candidate */
  guint8      strength;   /* MgStrength */
  const char *key;        /* interned: equal keys are equal pointers */
  const char *alias;      /* interned short form: a person's last name, an ORG's initials */
} MgFound;

void         mg_entity_make_consistent      (GArray        *found,
                                             const char    *text,
                                             MgEntityRules *rules);

G_END_DECLS
