/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-annotation-set.h"

struct _MgAnnotationSet
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  char *author;
  char *origin;
  guint annotation_count;
};

G_DEFINE_FINAL_TYPE (MgAnnotationSet, mg_annotation_set, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_annotation_set_finalize (GObject *object)
{
  MgAnnotationSet *self = MG_ANNOTATION_SET (object);

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->author);
  g_free (self->origin);

  G_OBJECT_CLASS (mg_annotation_set_parent_class)->finalize (object);
}

static void
mg_annotation_set_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MgAnnotationSet *self = MG_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_set_class_init (MgAnnotationSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mg_annotation_set_finalize;
  object_class->get_property = mg_annotation_set_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_annotation_set_init (MgAnnotationSet *self)
{
}

/**
 * mg_annotation_set_new:
 *
 * Returns: (transfer full): a set as the store read it
 */
MgAnnotationSet *
mg_annotation_set_new (gint64      id,
                       const char *uuid,
                       const char *name,
                       const char *author,
                       const char *origin)
{
  MgAnnotationSet *self = g_object_new (MG_TYPE_ANNOTATION_SET, NULL);

  self->id = id;
  self->uuid = g_strdup (uuid);
  self->name = g_strdup (name);
  self->author = g_strdup (author ? author : "");
  self->origin = g_strdup (origin ? origin : "local");
  return self;
}

gint64
mg_annotation_set_get_id (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), 0);
  return self->id;
}

const char *
mg_annotation_set_get_uuid (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), NULL);
  return self->uuid;
}

const char *
mg_annotation_set_get_name (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), NULL);
  return self->name;
}

const char *
mg_annotation_set_get_author (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), NULL);
  return self->author;
}

/**
 * mg_annotation_set_get_origin:
 *
 * Returns: "local" for a set made in this library, otherwise where it was imported from
 */
const char *
mg_annotation_set_get_origin (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), NULL);
  return self->origin;
}

guint
mg_annotation_set_get_annotation_count (MgAnnotationSet *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION_SET (self), 0);
  return self->annotation_count;
}

void
mg_annotation_set_set_annotation_count (MgAnnotationSet *self,
                                        guint            count)
{
  g_return_if_fail (MG_IS_ANNOTATION_SET (self));
  self->annotation_count = count;
}
