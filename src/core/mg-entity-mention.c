/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-mention.h"
#include "mg-entity-fold.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_ENUM_TYPE (MgEntityType, mg_entity_type,
  G_DEFINE_ENUM_VALUE (MG_ENTITY_TYPE_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (MG_ENTITY_TYPE_ORG, "org"),
  G_DEFINE_ENUM_VALUE (MG_ENTITY_TYPE_LOC, "loc"),
  G_DEFINE_ENUM_VALUE (MG_ENTITY_TYPE_DATE, "date"),
  G_DEFINE_ENUM_VALUE (MG_ENTITY_TYPE_LAW, "law"))

G_DEFINE_BOXED_TYPE (MgEntityMention, mg_entity_mention,
                     mg_entity_mention_copy, mg_entity_mention_free)

static const char * const type_names[MG_ENTITY_N_TYPES] = {
  "PERSON", "ORG", "LOC", "DATE", "LAW",
};

/**
 * mg_entity_type_to_string:
 * @type: an entity type
 *
 * Returns: (transfer none): the type's stable name, such as "PERSON"
 */
const char *
mg_entity_type_to_string (MgEntityType type)
{
  g_return_val_if_fail ((guint) type < MG_ENTITY_N_TYPES, NULL);

  return type_names[type];
}

/* Mid tones with a relative luminance between 0.14 and 0.30: each keeps the 3:1 contrast a
 * mark needs against both the light (#ffffff) and the dark (#1e1e1e) view background, so one
 * colour per type serves both styles (tests/test-a11y-contrast.c checks it). */
static const char *const type_colours[MG_ENTITY_N_TYPES] = {
  "#3584e4", "#c061cb", "#26a269", "#e66100", "#e01b24",
};

/**
 * mg_entity_type_colour:
 * @type: an entity type
 *
 * Returns: (transfer none): the colour the type is marked with in the reader and the
 *   Entities page, as "#rrggbb"
 */
const char *
mg_entity_type_colour (MgEntityType type)
{
  g_return_val_if_fail ((guint) type < MG_ENTITY_N_TYPES, NULL);

  return type_colours[type];
}

/**
 * mg_entity_type_get_label:
 * @type: an entity type
 *
 * The type in words, for people rather than files (the CLI and the formats write
 * mg_entity_type_to_string()): "Person", "Place"…
 *
 * Returns: (transfer none): the translated name of one entity of @type
 */
const char *
mg_entity_type_get_label (MgEntityType type)
{
  switch (type)
    {
    case MG_ENTITY_TYPE_PERSON:
      /* Translators: the type of one entity mention, as under the caret or in a table. */
      return _("Person");
    case MG_ENTITY_TYPE_ORG:
      return _("Organisation");
    case MG_ENTITY_TYPE_LOC:
      return _("Place");
    case MG_ENTITY_TYPE_DATE:
      return _("Date");
    case MG_ENTITY_TYPE_LAW:
      return _("Law or resolution");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mg_entity_type_from_string:
 * @name: a type name such as "PERSON" or "loc" (case does not matter)
 * @out_type: (out) (optional): where to store the type
 *
 * Returns: %TRUE if @name names a type
 */
gboolean
mg_entity_type_from_string (const char   *name,
                            MgEntityType *out_type)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < MG_ENTITY_N_TYPES; i++)
    if (g_ascii_strcasecmp (name, type_names[i]) == 0)
      {
        if (out_type != NULL)
          *out_type = (MgEntityType) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mg_entity_mention_new:
 * @start: first code point
 * @end: code point after the last one
 * @type: the entity type
 * @text: the covered text
 * @key: (nullable): the entity's folded key; %NULL folds @text
 *
 * Returns: (transfer full): a new mention
 */
MgEntityMention *
mg_entity_mention_new (gint64        start,
                       gint64        end,
                       MgEntityType  type,
                       const char   *text,
                       const char   *key)
{
  MgEntityMention *mention = g_new (MgEntityMention, 1);

  mention->start = start;
  mention->end = end;
  mention->type = type;
  mention->text = g_strdup (text ? text : "");
  mention->key = key ? g_strdup (key) : mg_entity_fold_key (mention->text, -1);
  return mention;
}

MgEntityMention *
mg_entity_mention_copy (const MgEntityMention *mention)
{
  g_return_val_if_fail (mention != NULL, NULL);

  return mg_entity_mention_new (mention->start, mention->end, mention->type,
                                mention->text, mention->key);
}

void
mg_entity_mention_free (MgEntityMention *mention)
{
  if (mention == NULL)
    return;
  g_free (mention->text);
  g_free (mention->key);
  g_free (mention);
}
