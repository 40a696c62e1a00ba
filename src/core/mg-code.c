/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-code.h"
#include "mg-string.h"

#include <string.h>

struct _MgCode
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  char *colour;
  gint64 parent_id;
  char *description;
  guint position;
  guint depth;
  guint passage_count;
  gint64 created;
  gint64 modified;
};

G_DEFINE_FINAL_TYPE (MgCode, mg_code, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOUR,
  PROP_PARENT_ID,
  PROP_DESCRIPTION,
  PROP_DEPTH,
  PROP_PASSAGE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The Okabe-Ito colours first (told apart with every common colour-vision deficiency), then
 * GNOME palette tones. All are mid tones: each stands out from the light (#ffffff) and the
 * dark (#1e1e1e) view background, so a highlight tinted from it reads in both styles. The
 * first is the fresh library's "Highlight". */
static const char * const palette[MG_CODE_PALETTE_SIZE] = {
  "#f5c211", "#56b4e9", "#e69f00", "#009e73", "#cc79a7",
  "#0072b2", "#d55e00", "#9141ac", "#986a44", "#77767b",
};

static void
mg_code_finalize (GObject *object)
{
  MgCode *self = MG_CODE (object);

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->colour);
  g_free (self->description);

  G_OBJECT_CLASS (mg_code_parent_class)->finalize (object);
}

static void
mg_code_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MgCode *self = MG_CODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case PROP_PASSAGE_COUNT:
      g_value_set_uint (value, self->passage_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_code_class_init (MgCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mg_code_finalize;
  object_class->get_property = mg_code_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOUR] = g_param_spec_string ("colour", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PASSAGE_COUNT] = g_param_spec_uint ("passage-count", NULL, NULL,
                                                      0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_code_init (MgCode *self)
{
  self->description = g_strdup ("");
}

/**
 * mg_code_new:
 * @colour: (nullable): "#rrggbb", or %NULL to leave the choice to the store
 *
 * Returns: (transfer full): a code that is not stored yet (id 0)
 */
MgCode *
mg_code_new (const char *name,
             const char *colour)
{
  MgCode *self = g_object_new (MG_TYPE_CODE, NULL);

  self->name = g_strdup (name);
  self->colour = g_strdup (colour);
  return self;
}

gint64
mg_code_get_id (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->id;
}

void
mg_code_set_id (MgCode *self,
                gint64  id)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
mg_code_get_uuid (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), NULL);
  return self->uuid;
}

void
mg_code_set_uuid (MgCode     *self,
                  const char *uuid)
{
  g_return_if_fail (MG_IS_CODE (self));
  mg_set_str (&self->uuid, uuid);
}

const char *
mg_code_get_name (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), NULL);
  return self->name;
}

void
mg_code_set_name (MgCode     *self,
                  const char *name)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (mg_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
mg_code_get_colour (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), NULL);
  return self->colour;
}

void
mg_code_set_colour (MgCode     *self,
                    const char *colour)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (mg_set_str (&self->colour, colour))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
}

/**
 * mg_code_get_parent_id:
 *
 * Returns: the parent code's id, 0 for a code at the top level
 */
gint64
mg_code_get_parent_id (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->parent_id;
}

void
mg_code_set_parent_id (MgCode *self,
                       gint64  parent_id)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

const char *
mg_code_get_description (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), NULL);
  return self->description;
}

void
mg_code_set_description (MgCode     *self,
                         const char *description)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (mg_set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * mg_code_get_position:
 *
 * Returns: the index among the siblings, from 0
 */
guint
mg_code_get_position (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->position;
}

void
mg_code_set_position (MgCode *self,
                      guint   position)
{
  g_return_if_fail (MG_IS_CODE (self));
  self->position = position;
}

/**
 * mg_code_get_depth:
 *
 * Returns: 0 for a code at the top level, 1 for its children, and so on
 */
guint
mg_code_get_depth (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->depth;
}

void
mg_code_set_depth (MgCode *self,
                   guint   depth)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (self->depth == depth)
    return;
  self->depth = depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
}

/**
 * mg_code_get_passage_count:
 *
 * Returns: how many annotations carry this code itself (not its descendants)
 */
guint
mg_code_get_passage_count (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->passage_count;
}

void
mg_code_set_passage_count (MgCode *self,
                           guint   passage_count)
{
  g_return_if_fail (MG_IS_CODE (self));
  if (self->passage_count == passage_count)
    return;
  self->passage_count = passage_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSAGE_COUNT]);
}

gint64
mg_code_get_created (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->created;
}

gint64
mg_code_get_modified (MgCode *self)
{
  g_return_val_if_fail (MG_IS_CODE (self), 0);
  return self->modified;
}

/**
 * mg_code_set_times:
 * @created: Unix seconds (UTC)
 * @modified: Unix seconds (UTC)
 */
void
mg_code_set_times (MgCode *self,
                   gint64  created,
                   gint64  modified)
{
  g_return_if_fail (MG_IS_CODE (self));
  self->created = created;
  self->modified = modified;
}

/**
 * mg_code_palette_colour:
 * @index: any number; the palette repeats
 *
 * Returns: the palette's colour at @index (modulo its size), as "#rrggbb"
 */
const char *
mg_code_palette_colour (guint index)
{
  return palette[index % MG_CODE_PALETTE_SIZE];
}

/**
 * mg_code_colour_is_valid:
 *
 * Returns: whether @colour is a colour as the library keeps it: "#rrggbb", hexadecimal
 */
gboolean
mg_code_colour_is_valid (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}
