/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-entity-mention.h"
#include "mg-entity-rules.h"

G_BEGIN_DECLS

/**
 * MG_ENTITY_EXTRACTOR_VERSION:
 *
 * Changes whenever the rules or gazetteers change what is found. Store it with cached
 * mentions: a cache made by another version is stale and must be extracted again.
 */
#define MG_ENTITY_EXTRACTOR_VERSION 3

#define MG_ENTITY_ERROR (mg_entity_error_quark ())

/**
 * MgEntityError:
 * @MG_ENTITY_ERROR_GAZETTEER: a gazetteer could not be loaded (a broken build)
 * @MG_ENTITY_ERROR_INVALID_TEXT: the text is not valid UTF-8
 */
typedef enum {
  MG_ENTITY_ERROR_GAZETTEER,
  MG_ENTITY_ERROR_INVALID_TEXT,
} MgEntityError;

#define MG_TYPE_ENTITY_EXTRACTOR (mg_entity_extractor_get_type ())
G_DECLARE_FINAL_TYPE (MgEntityExtractor, mg_entity_extractor, MG, ENTITY_EXTRACTOR, GObject)

GQuark             mg_entity_error_quark          (void);

MgEntityExtractor *mg_entity_extractor_new        (GError            **error);
GPtrArray         *mg_entity_extractor_extract    (MgEntityExtractor  *self,
                                                   const char         *text,
                                                   gssize              length,
                                                   GCancellable       *cancellable);
GPtrArray         *mg_entity_extractor_extract_full (MgEntityExtractor *self,
                                                   const char         *text,
                                                   gssize              length,
                                                   MgEntityRules      *rules,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

G_END_DECLS
