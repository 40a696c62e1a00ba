/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-annotation.h"
#include "mg-string.h"

struct _MgAnnotation
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 document_id;
  gint64 set_id;
  gint64 code_id;
  gint64 start;
  gint64 end;
  char *quote;
  char *prefix;
  char *suffix;
  char *note;
  gboolean orphaned;
  gint64 created;
  gint64 modified;
  char *author;
  char *document_title;
};

G_DEFINE_FINAL_TYPE (MgAnnotation, mg_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE_ID,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_NOTE,
  PROP_ORPHANED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_annotation_finalize (GObject *object)
{
  MgAnnotation *self = MG_ANNOTATION (object);

  g_free (self->uuid);
  g_free (self->quote);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->note);
  g_free (self->author);
  g_free (self->document_title);

  G_OBJECT_CLASS (mg_annotation_parent_class)->finalize (object);
}

static void
mg_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MgAnnotation *self = MG_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE_ID:
      g_value_set_int64 (value, self->code_id);
      break;
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_annotation_class_init (MgAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mg_annotation_finalize;
  object_class->get_property = mg_annotation_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE_ID] = g_param_spec_int64 ("code-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_ORPHANED] = g_param_spec_boolean ("orphaned", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_annotation_init (MgAnnotation *self)
{
  self->quote = g_strdup ("");
  self->prefix = g_strdup ("");
  self->suffix = g_strdup ("");
  self->note = g_strdup ("");
  self->author = g_strdup ("");
}

/**
 * mg_annotation_new:
 *
 * Returns: (transfer full): an annotation that is not stored yet (id 0, no quote)
 */
MgAnnotation *
mg_annotation_new (gint64 document_id,
                   gint64 set_id,
                   gint64 code_id,
                   gint64 start,
                   gint64 end)
{
  MgAnnotation *self = g_object_new (MG_TYPE_ANNOTATION, NULL);

  self->document_id = document_id;
  self->set_id = set_id;
  self->code_id = code_id;
  self->start = start;
  self->end = end;
  return self;
}

/**
 * mg_annotation_copy:
 *
 * A snapshot: undo keeps one of an annotation as it was, which later changes to the
 * original object must not reach.
 *
 * Returns: (transfer full): a new annotation with every field of @self
 */
MgAnnotation *
mg_annotation_copy (MgAnnotation *self)
{
  MgAnnotation *copy;

  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);

  copy = mg_annotation_new (self->document_id, self->set_id, self->code_id, self->start,
                            self->end);
  mg_annotation_set_identity (copy, self->id, self->uuid);
  mg_annotation_set_selectors (copy, self->quote, self->prefix, self->suffix);
  mg_annotation_set_note (copy, self->note);
  copy->orphaned = self->orphaned;
  mg_annotation_set_times (copy, self->created, self->modified);
  mg_annotation_set_author (copy, self->author);
  mg_annotation_set_document_title (copy, self->document_title);
  return copy;
}

gint64
mg_annotation_get_id (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->id;
}

const char *
mg_annotation_get_uuid (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->uuid;
}

/**
 * mg_annotation_set_identity:
 *
 * Sets what the library knows the annotation by; the store calls it when it writes or
 * reads one.
 */
void
mg_annotation_set_identity (MgAnnotation *self,
                            gint64        id,
                            const char   *uuid)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  mg_set_str (&self->uuid, uuid);
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
mg_annotation_get_document_id (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->document_id;
}

gint64
mg_annotation_get_set_id (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->set_id;
}

gint64
mg_annotation_get_code_id (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->code_id;
}

void
mg_annotation_set_code_id (MgAnnotation *self,
                           gint64        code_id)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  if (self->code_id == code_id)
    return;
  self->code_id = code_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE_ID]);
}

gint64
mg_annotation_get_start (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->start;
}

gint64
mg_annotation_get_end (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->end;
}

void
mg_annotation_set_range (MgAnnotation *self,
                         gint64        start,
                         gint64        end)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
}

const char *
mg_annotation_get_quote (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->quote;
}

/**
 * mg_annotation_get_prefix:
 *
 * Returns: up to %MG_ANNOTATION_CONTEXT_LENGTH code points of text before the passage
 */
const char *
mg_annotation_get_prefix (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->prefix;
}

/**
 * mg_annotation_get_suffix:
 *
 * Returns: up to %MG_ANNOTATION_CONTEXT_LENGTH code points of text after the passage
 */
const char *
mg_annotation_get_suffix (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->suffix;
}

void
mg_annotation_set_selectors (MgAnnotation *self,
                             const char   *quote,
                             const char   *prefix,
                             const char   *suffix)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  if (mg_set_str (&self->quote, quote ? quote : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);
  mg_set_str (&self->prefix, prefix ? prefix : "");
  mg_set_str (&self->suffix, suffix ? suffix : "");
}

const char *
mg_annotation_get_note (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->note;
}

void
mg_annotation_set_note (MgAnnotation *self,
                        const char   *note)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  if (mg_set_str (&self->note, note ? note : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gboolean
mg_annotation_get_orphaned (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), FALSE);
  return self->orphaned;
}

void
mg_annotation_set_orphaned (MgAnnotation *self,
                            gboolean      orphaned)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  orphaned = !!orphaned;
  if (self->orphaned == orphaned)
    return;
  self->orphaned = orphaned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORPHANED]);
}

gint64
mg_annotation_get_created (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->created;
}

gint64
mg_annotation_get_modified (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), 0);
  return self->modified;
}

/**
 * mg_annotation_set_times:
 * @created: Unix seconds (UTC)
 * @modified: Unix seconds (UTC)
 */
void
mg_annotation_set_times (MgAnnotation *self,
                         gint64        created,
                         gint64        modified)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  self->created = created;
  self->modified = modified;
}

/**
 * mg_annotation_get_author:
 *
 * Returns: the author of the annotation's set ("" when the set names none)
 */
const char *
mg_annotation_get_author (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->author;
}

void
mg_annotation_set_author (MgAnnotation *self,
                          const char   *author)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  mg_set_str (&self->author, author ? author : "");
}

/**
 * mg_annotation_get_document_title:
 *
 * Returns: (nullable): the document's title, for lists that span the corpus; %NULL otherwise
 */
const char *
mg_annotation_get_document_title (MgAnnotation *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (self), NULL);
  return self->document_title;
}

void
mg_annotation_set_document_title (MgAnnotation *self,
                                  const char   *title)
{
  g_return_if_fail (MG_IS_ANNOTATION (self));
  mg_set_str (&self->document_title, title);
}

/**
 * mg_annotation_equal:
 *
 * Returns: whether @a and @b hold the same stored annotation field for field (the document
 *   title, which only some lists fill in, is left out)
 */
gboolean
mg_annotation_equal (MgAnnotation *a,
                     MgAnnotation *b)
{
  g_return_val_if_fail (MG_IS_ANNOTATION (a) && MG_IS_ANNOTATION (b), FALSE);

  return a->id == b->id && g_strcmp0 (a->uuid, b->uuid) == 0
         && a->document_id == b->document_id && a->set_id == b->set_id
         && a->code_id == b->code_id && a->start == b->start && a->end == b->end
         && g_strcmp0 (a->quote, b->quote) == 0 && g_strcmp0 (a->prefix, b->prefix) == 0
         && g_strcmp0 (a->suffix, b->suffix) == 0 && g_strcmp0 (a->note, b->note) == 0
         && a->orphaned == b->orphaned && a->created == b->created
         && a->modified == b->modified && g_strcmp0 (a->author, b->author) == 0;
}
