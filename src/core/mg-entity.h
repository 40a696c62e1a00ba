/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-entity-mention.h"

G_BEGIN_DECLS

#define MG_TYPE_ENTITY (mg_entity_get_type ())
G_DECLARE_FINAL_TYPE (MgEntity, mg_entity, MG, ENTITY, GObject)

/**
 * MgEntitySpan:
 * @start: code-point offset of a mention's first character
 * @end: code-point offset just after it
 */
typedef struct {
  gint64 start;
  gint64 end;
} MgEntitySpan;

const char    *mg_entity_get_key             (MgEntity   *self);
const char    *mg_entity_get_name            (MgEntity   *self);
MgEntityType   mg_entity_get_entity_type     (MgEntity   *self);
guint          mg_entity_get_mention_count   (MgEntity   *self);
guint          mg_entity_get_document_count  (MgEntity   *self);
const MgEntitySpan *mg_entity_get_spans      (MgEntity   *self,
                                              guint      *n_spans);
int            mg_entity_find_span           (MgEntity   *self,
                                              gint64      offset,
                                              gboolean    forward);

GListModel    *mg_entity_group_mentions      (GPtrArray  *mentions);
MgEntity      *mg_entity_new_for_corpus      (const char   *key,
                                              const char   *name,
                                              MgEntityType  type,
                                              guint         mention_count,
                                              guint         document_count);

G_END_DECLS
