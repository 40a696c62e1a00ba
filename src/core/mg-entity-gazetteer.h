/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the entity extractor: the gazetteers, as one table of folded keys. */

#include <glib.h>

#include "mg-entity-mention.h"
#include "mg-entity-tokenizer.h"

G_BEGIN_DECLS

typedef enum {
  MG_WORD_CONNECTOR     = 1u << 0,
  MG_WORD_STOP          = 1u << 1,
  MG_WORD_DEMONYM       = 1u << 2,
  MG_WORD_TITLE         = 1u << 3,
  MG_WORD_ORG_HEAD      = 1u << 4,
  MG_WORD_PLACE_HEAD    = 1u << 5,
  MG_WORD_PLACE_CUE     = 1u << 6,
  MG_WORD_EVENT_HEAD    = 1u << 7,
  MG_WORD_LAW_NUMBERED  = 1u << 8,
  MG_WORD_LAW_NAMED     = 1u << 9,
  MG_WORD_LAW_HORIZON   = 1u << 10,
  MG_WORD_LAW_DOCUMENTS = 1u << 11,
  MG_WORD_MONTH         = 1u << 12,
  MG_WORD_MONTH_ABBR    = 1u << 13,
  MG_WORD_WEEKDAY       = 1u << 14,
  MG_WORD_SURNAME       = 1u << 15,
  MG_WORD_SURNAME_OTHER = 1u << 16,
  MG_WORD_GIVEN         = 1u << 17,
  MG_WORD_GIVEN_INTL    = 1u << 18,
  MG_WORD_DATE_PREP     = 1u << 19,
  MG_WORD_DATE_MOD      = 1u << 20,
  MG_WORD_BYLINE        = 1u << 21,
  MG_WORD_ABBREV        = 1u << 22,
  MG_WORD_ORDINAL       = 1u << 23,
  MG_WORD_CENTURY       = 1u << 24,
  MG_WORD_YEAR_FOLLOW   = 1u << 25,
  MG_WORD_GENERIC       = 1u << 26,
} MgWordClass;

#define MG_WORD_LAW_HEAD (MG_WORD_LAW_NAMED | MG_WORD_LAW_HORIZON)
#define MG_WORD_ANY_HEAD (MG_WORD_ORG_HEAD | MG_WORD_PLACE_HEAD | MG_WORD_EVENT_HEAD \
                          | MG_WORD_LAW_HEAD)

typedef enum {
  MG_PHRASE_FULL   = 1 << 0,  /* the key is a whole name */
  MG_PHRASE_PREFIX = 1 << 1,  /* the key begins a longer name */
} MgPhraseFlags;

struct _MgGazEntry {
  const char *key;
  const char *canonical;  /* key of the entity's canonical name */
  guint32     hash;
  guint32     len;
  guint32     words;      /* MgWordClass */
  gint8       type;       /* MgEntityType of a whole name, or -1 */
  guint8      phrase;     /* MgPhraseFlags */
  guint8      value;      /* month, weekday or ordinal number */
  guint8      acronym;    /* listed in capitals: matches only text in capitals */
  guint8      subdivision; /* from ISO 3166-2: yields to every other class */
};

typedef struct _MgEntityGazetteer MgEntityGazetteer;

MgEntityGazetteer *mg_entity_gazetteer_new        (void);
void               mg_entity_gazetteer_free       (MgEntityGazetteer  *self);
gboolean           mg_entity_gazetteer_load       (MgEntityGazetteer  *self,
                                                   GError            **error);
void               mg_entity_gazetteer_add_name   (MgEntityGazetteer  *self,
                                                   const char         *name,
                                                   MgEntityType        type,
                                                   const char         *canonical);
guint              mg_entity_gazetteer_get_size   (MgEntityGazetteer  *self);
const MgGazEntry  *mg_entity_gazetteer_lookup     (const MgEntityGazetteer *self,
                                                   const char         *key,
                                                   gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgEntityGazetteer, mg_entity_gazetteer_free)

G_END_DECLS
