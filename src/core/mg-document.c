/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-document.h"
#include "mg-string.h"

struct _MgDocument
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *title;
  char *text;
  char *source_uri;
  char *media_type;
  char *metadata;
  char *sha256;
  gint64 char_count;
  gint64 imported;
  guint annotation_count;
};

G_DEFINE_FINAL_TYPE (MgDocument, mg_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_CHAR_COUNT,
  PROP_IMPORTED,
  PROP_ANNOTATION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_document_finalize (GObject *object)
{
  MgDocument *self = MG_DOCUMENT (object);

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->text);
  g_free (self->source_uri);
  g_free (self->media_type);
  g_free (self->metadata);
  g_free (self->sha256);

  G_OBJECT_CLASS (mg_document_parent_class)->finalize (object);
}

static void
mg_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MgDocument *self = MG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CHAR_COUNT:
      g_value_set_int64 (value, self->char_count);
      break;
    case PROP_IMPORTED:
      g_value_set_int64 (value, self->imported);
      break;
    case PROP_ANNOTATION_COUNT:
      g_value_set_uint (value, self->annotation_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MgDocument *self = MG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      mg_document_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_document_class_init (MgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_document_finalize;
  object_class->get_property = mg_document_get_property;
  object_class->set_property = mg_document_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAR_COUNT] =
    g_param_spec_int64 ("char-count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTED] =
    g_param_spec_int64 ("imported", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATION_COUNT] =
    g_param_spec_uint ("annotation-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_document_init (MgDocument *self)
{
}

/**
 * mg_document_new:
 * @title: the title shown in the library
 * @text: (nullable): the document's text, already UTF-8, NFC and LF
 * @source_uri: (nullable): where it came from
 * @media_type: (nullable): the media type of the source, "text/plain" when %NULL
 *
 * Returns: (transfer full): a new document that is not stored yet
 */
MgDocument *
mg_document_new (const char *title,
                 const char *text,
                 const char *source_uri,
                 const char *media_type)
{
  MgDocument *self = g_object_new (MG_TYPE_DOCUMENT, NULL);

  self->title = g_strdup (title);
  self->source_uri = g_strdup (source_uri);
  self->media_type = g_strdup (media_type ? media_type : "text/plain");
  if (text != NULL)
    mg_document_set_text (self, text);
  return self;
}

gint64
mg_document_get_id (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);
  return self->id;
}

void
mg_document_set_id (MgDocument *self,
                    gint64      id)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
mg_document_get_uuid (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->uuid;
}

void
mg_document_set_uuid (MgDocument *self,
                      const char *uuid)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));
  mg_set_str (&self->uuid, uuid);
}

const char *
mg_document_get_title (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
mg_document_set_title (MgDocument *self,
                       const char *title)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));

  if (mg_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mg_document_get_text (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->text;
}

/* Setting the text also fixes what follows from it, so a document can never carry a hash or
 * a length that belongs to another text. */
void
mg_document_set_text (MgDocument *self,
                      const char *text)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  mg_document_take_text (self, g_strdup (text));
}

/**
 * mg_document_take_text:
 * @text: (transfer full): the new text, UTF-8, NFC, LF line ends
 *
 * As mg_document_set_text(), without a copy: an importer hands over the text it built, so a
 * large document is held once, not twice, while it is made.
 */
void
mg_document_take_text (MgDocument *self,
                       char       *text)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (self->text != text)
    g_free (self->text);
  self->text = text;
  g_free (self->sha256);
  self->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  self->char_count = g_utf8_strlen (text, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAR_COUNT]);
}

const char *
mg_document_get_source_uri (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->source_uri;
}

const char *
mg_document_get_media_type (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->media_type;
}

/**
 * mg_document_get_metadata:
 *
 * Returns: (nullable): what the source told about itself (author, date, source_url, ...) as
 *   a JSON object, or %NULL when nothing is known
 */
const char *
mg_document_get_metadata (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->metadata;
}

/**
 * mg_document_set_metadata:
 * @metadata_json: (nullable): a JSON object, as the importers write it
 *
 * Kept as the JSON text it is stored as: each format carries different facts, and the
 * library column (documents.metadata) is JSON too.
 */
void
mg_document_set_metadata (MgDocument *self,
                          const char *metadata_json)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));
  mg_set_str (&self->metadata, metadata_json);
}

const char *
mg_document_get_sha256 (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), NULL);
  return self->sha256;
}

gint64
mg_document_get_char_count (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);
  return self->char_count;
}

gint64
mg_document_get_imported (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);
  return self->imported;
}

void
mg_document_set_imported (MgDocument *self,
                          gint64      unix_seconds)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));

  if (self->imported == unix_seconds)
    return;
  self->imported = unix_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}

guint
mg_document_get_annotation_count (MgDocument *self)
{
  g_return_val_if_fail (MG_IS_DOCUMENT (self), 0);
  return self->annotation_count;
}

void
mg_document_set_stored_facts (MgDocument *self,
                              const char *sha256,
                              gint64      char_count,
                              guint       annotation_count)
{
  g_return_if_fail (MG_IS_DOCUMENT (self));

  mg_set_str (&self->sha256, sha256);
  self->char_count = char_count;
  self->annotation_count = annotation_count;
}
