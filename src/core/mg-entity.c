/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An entity as the side panel lists it: one name, one type, and where it is mentioned. */
#include "config.h"

#include "mg-entity.h"
#include "mg-entity-fold.h"

struct _MgEntity
{
  GObject parent_instance;

  char *key;
  char *name;
  MgEntityType type;
  GArray *spans;          /* MgEntitySpan, by start */
  guint mention_count;
  guint document_count;
};

G_DEFINE_FINAL_TYPE (MgEntity, mg_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_ENTITY_TYPE,
  PROP_MENTION_COUNT,
  PROP_DOCUMENT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_entity_finalize (GObject *object)
{
  MgEntity *self = MG_ENTITY (object);

  g_free (self->key);
  g_free (self->name);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (mg_entity_parent_class)->finalize (object);
}

static void
mg_entity_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgEntity *self = MG_ENTITY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENTITY_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_MENTION_COUNT:
      g_value_set_uint (value, self->mention_count);
      break;
    case PROP_DOCUMENT_COUNT:
      g_value_set_uint (value, self->document_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_entity_class_init (MgEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_entity_finalize;
  object_class->get_property = mg_entity_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY_TYPE] =
    g_param_spec_enum ("entity-type", NULL, NULL, MG_TYPE_ENTITY_TYPE, MG_ENTITY_TYPE_PERSON,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MENTION_COUNT] =
    g_param_spec_uint ("mention-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_COUNT] =
    g_param_spec_uint ("document-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_entity_init (MgEntity *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (MgEntitySpan));
}

const char *
mg_entity_get_key (MgEntity *self)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), NULL);
  return self->key;
}

const char *
mg_entity_get_name (MgEntity *self)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), NULL);
  return self->name;
}

MgEntityType
mg_entity_get_entity_type (MgEntity *self)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), MG_ENTITY_TYPE_PERSON);
  return self->type;
}

guint
mg_entity_get_mention_count (MgEntity *self)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), 0);
  return self->mention_count;
}

guint
mg_entity_get_document_count (MgEntity *self)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), 0);
  return self->document_count;
}

/**
 * mg_entity_get_spans:
 * @n_spans: (out): how many spans there are
 *
 * Returns: (transfer none) (array length=n_spans): the mentions in this document, by start
 */
const MgEntitySpan *
mg_entity_get_spans (MgEntity *self,
                     guint    *n_spans)
{
  g_return_val_if_fail (MG_IS_ENTITY (self), NULL);
  *n_spans = self->spans->len;
  return (const MgEntitySpan *) (gpointer) self->spans->data;
}

/**
 * mg_entity_find_span:
 * @offset: where the reader is (the start of its selection)
 * @forward: %TRUE for the next mention after @offset, %FALSE for the one before
 *
 * Finds the mention to walk to from @offset, wrapping around the document's ends, so
 * Enter and Shift+Enter cycle through every mention.
 *
 * Returns: the index of the span, or -1 when there are none
 */
int
mg_entity_find_span (MgEntity *self,
                     gint64    offset,
                     gboolean  forward)
{
  guint n;

  g_return_val_if_fail (MG_IS_ENTITY (self), -1);

  n = self->spans->len;
  if (n == 0)
    return -1;
  if (forward)
    {
      for (guint i = 0; i < n; i++)
        if (g_array_index (self->spans, MgEntitySpan, i).start > offset)
          return (int) i;
      return 0;
    }
  for (guint i = n; i > 0; i--)
    if (g_array_index (self->spans, MgEntitySpan, i - 1).start < offset)
      return (int) i - 1;
  return (int) n - 1;
}

/* The name to show: a mention whose own key is the entity's key (the long form, not a
 * short form linked to it), the most frequent such spelling first. */
static void
choose_name (MgEntity  *self,
             GPtrArray *mentions)
{
  g_autoptr(GHashTable) votes = g_hash_table_new (g_str_hash, g_str_equal);
  guint best = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *own_key = mg_entity_fold_key (mention->text, -1);
      guint weight = GPOINTER_TO_UINT (g_hash_table_lookup (votes, mention->text));

      /* A spelling that is the key itself counts a hundredfold over a short form. */
      weight += g_strcmp0 (own_key, self->key) == 0 ? 100 : 1;
      g_hash_table_insert (votes, mention->text, GUINT_TO_POINTER (weight));
      if (weight > best)
        {
          best = weight;
          g_free (self->name);
          self->name = g_strdup (mention->text);
        }
    }
}

static MgEntity *
entity_from_group (const char *key,
                   GPtrArray  *group)
{
  MgEntity *self = g_object_new (MG_TYPE_ENTITY, NULL);
  guint type_votes[MG_ENTITY_N_TYPES] = { 0 };

  self->key = g_strdup (key);
  for (guint i = 0; i < group->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (group, i);
      MgEntitySpan span = { mention->start, mention->end };

      g_array_append_val (self->spans, span);
      type_votes[mention->type]++;
    }
  for (guint t = 0; t < MG_ENTITY_N_TYPES; t++)
    if (type_votes[t] > type_votes[self->type])
      self->type = (MgEntityType) t;
  self->mention_count = group->len;
  self->document_count = 1;
  choose_name (self, group);
  return self;
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  MgEntity *x = *(MgEntity **) a;
  MgEntity *y = *(MgEntity **) b;

  if (x->mention_count != y->mention_count)
    return x->mention_count > y->mention_count ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/**
 * mg_entity_group_mentions:
 * @mentions: (element-type MgEntityMention): a document's mentions, by start
 *
 * Groups mentions by the entity they refer to (their key).
 *
 * Returns: (transfer full): a #GListModel of #MgEntity, most mentioned first
 */
GListModel *
mg_entity_group_mentions (GPtrArray *mentions)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store = g_list_store_new (MG_TYPE_ENTITY);
  GHashTableIter iter;
  gpointer key, group;

  for (guint i = 0; i < mentions->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (mentions, i);
      GPtrArray *members = g_hash_table_lookup (groups, mention->key);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, mention->key, members);
        }
      g_ptr_array_add (members, mention);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &group))
    g_ptr_array_add (entities, entity_from_group (key, group));
  g_ptr_array_sort (entities, compare_entities);
  g_list_store_splice (store, 0, 0, entities->pdata, entities->len);
  return G_LIST_MODEL (store);
}

/**
 * mg_entity_new_for_corpus:
 *
 * Returns: (transfer full): an entity of the corpus view, counted across documents; it
 *   carries no spans
 */
MgEntity *
mg_entity_new_for_corpus (const char   *key,
                          const char   *name,
                          MgEntityType  type,
                          guint         mention_count,
                          guint         document_count)
{
  MgEntity *self = g_object_new (MG_TYPE_ENTITY, NULL);

  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->type = type;
  self->mention_count = mention_count;
  self->document_count = document_count;
  return self;
}
