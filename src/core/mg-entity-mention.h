/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MgEntityType:
 * @MG_ENTITY_TYPE_PERSON: a person's name, without titles
 * @MG_ENTITY_TYPE_ORG: an organisation, body, institution, company or publication
 * @MG_ENTITY_TYPE_LOC: a named place
 * @MG_ENTITY_TYPE_DATE: a calendar reference: date, year, decade, century, month, weekday
 * @MG_ENTITY_TYPE_LAW: a named legal or policy document, treaty or agreement
 *
 * The kinds of entity the extractor finds. Their string forms ("PERSON", ...) are what the
 * CLI prints and the store keeps, so they never change.
 */
typedef enum {
  MG_ENTITY_TYPE_PERSON,
  MG_ENTITY_TYPE_ORG,
  MG_ENTITY_TYPE_LOC,
  MG_ENTITY_TYPE_DATE,
  MG_ENTITY_TYPE_LAW,
} MgEntityType;

#define MG_ENTITY_N_TYPES 5

#define MG_TYPE_ENTITY_TYPE (mg_entity_type_get_type ())
GType        mg_entity_type_get_type        (void) G_GNUC_CONST;

const char  *mg_entity_type_to_string       (MgEntityType  type);
const char  *mg_entity_type_colour          (MgEntityType  type);
const char  *mg_entity_type_get_label       (MgEntityType  type);
gboolean     mg_entity_type_from_string     (const char   *name,
                                             MgEntityType *out_type);

/**
 * MgEntityMention:
 * @start: offset of the first character, in code points from the start of the text
 * @end: offset just after the last character (end exclusive), in code points
 * @type: the entity's type
 * @text: the covered text, exactly as in the document
 * @key: the folded canonical form of the entity the mention refers to; a short form
 *   ("VNA", "Lam") carries the key of its long form, so mentions group by entity
 *
 * One occurrence of an entity in a text. Offsets use the unit of GtkTextIter offsets.
 * The mention owns both strings (g_free() them before replacing one).
 */
typedef struct {
  gint64        start;
  gint64        end;
  MgEntityType  type;
  char         *text;
  char         *key;
} MgEntityMention;

#define MG_TYPE_ENTITY_MENTION (mg_entity_mention_get_type ())
GType             mg_entity_mention_get_type (void) G_GNUC_CONST;

MgEntityMention  *mg_entity_mention_new     (gint64                 start,
                                             gint64                 end,
                                             MgEntityType           type,
                                             const char            *text,
                                             const char            *key);
MgEntityMention  *mg_entity_mention_copy    (const MgEntityMention *mention);
void              mg_entity_mention_free    (MgEntityMention       *mention);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgEntityMention, mg_entity_mention_free)

G_END_DECLS
