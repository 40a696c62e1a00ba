/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-fold.h"
#include "mg-entity-rules-private.h"

#define REJECTED (-1)

struct _MgEntityRules
{
  GObject            parent_instance;

  MgEntityGazetteer *added;       /* the added names, matched like a gazetteer */
  GPtrArray         *added_names; /* to copy them */
  GArray            *added_types;
  GHashTable        *decisions;   /* folded key -> GINT_TO_POINTER (type or REJECTED) */
};

G_DEFINE_FINAL_TYPE (MgEntityRules, mg_entity_rules, G_TYPE_OBJECT)

static void
mg_entity_rules_finalize (GObject *object)
{
  MgEntityRules *self = MG_ENTITY_RULES (object);

  g_clear_pointer (&self->added, mg_entity_gazetteer_free);
  g_clear_pointer (&self->added_names, g_ptr_array_unref);
  g_clear_pointer (&self->added_types, g_array_unref);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  G_OBJECT_CLASS (mg_entity_rules_parent_class)->finalize (object);
}

static void
mg_entity_rules_class_init (MgEntityRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_entity_rules_finalize;
}

static void
mg_entity_rules_init (MgEntityRules *self)
{
  self->added_names = g_ptr_array_new_with_free_func (g_free);
  self->added_types = g_array_new (FALSE, FALSE, sizeof (MgEntityType));
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * mg_entity_rules_new:
 *
 * Returns: (transfer full): empty rules, which change nothing
 */
MgEntityRules *
mg_entity_rules_new (void)
{
  return g_object_new (MG_TYPE_ENTITY_RULES, NULL);
}

/**
 * mg_entity_rules_copy:
 *
 * Returns: (transfer full): an independent copy, for a worker thread
 */
MgEntityRules *
mg_entity_rules_copy (MgEntityRules *self)
{
  MgEntityRules *copy = mg_entity_rules_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (MG_IS_ENTITY_RULES (self), NULL);

  for (guint i = 0; i < self->added_names->len; i++)
    mg_entity_rules_add (copy, g_ptr_array_index (self->added_names, i),
                         g_array_index (self->added_types, MgEntityType, i));
  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->decisions, g_strdup (key), value);
  return copy;
}

/**
 * mg_entity_rules_add:
 * @name: a name as written, such as "Hong Dat"
 * @type: its type
 *
 * Makes every occurrence of @name (folded: any case, with or without diacritics) an
 * entity of @type, before any other rule.
 */
void
mg_entity_rules_add (MgEntityRules *self,
                     const char    *name,
                     MgEntityType   type)
{
  g_return_if_fail (MG_IS_ENTITY_RULES (self));
  g_return_if_fail (name != NULL && g_utf8_validate (name, -1, NULL));
  g_return_if_fail ((guint) type < MG_ENTITY_N_TYPES);

  if (self->added == NULL)
    self->added = mg_entity_gazetteer_new ();
  mg_entity_gazetteer_add_name (self->added, name, type, NULL);
  g_ptr_array_add (self->added_names, g_strdup (name));
  g_array_append_val (self->added_types, type);
}

/**
 * mg_entity_rules_reject:
 * @key: a mention's key or text
 *
 * Mentions with this key (or this folded text) are never reported.
 */
void
mg_entity_rules_reject (MgEntityRules *self,
                        const char    *key)
{
  g_return_if_fail (MG_IS_ENTITY_RULES (self));
  g_return_if_fail (key != NULL);

  g_hash_table_insert (self->decisions, mg_entity_fold_key (key, -1),
                       GINT_TO_POINTER (REJECTED));
}

/**
 * mg_entity_rules_retype:
 * @key: a mention's key or text
 * @type: the type mentions with this key get
 */
void
mg_entity_rules_retype (MgEntityRules *self,
                        const char    *key,
                        MgEntityType   type)
{
  g_return_if_fail (MG_IS_ENTITY_RULES (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail ((guint) type < MG_ENTITY_N_TYPES);

  g_hash_table_insert (self->decisions, mg_entity_fold_key (key, -1), GINT_TO_POINTER (type));
}

gboolean
mg_entity_rules_is_empty (MgEntityRules *self)
{
  g_return_val_if_fail (MG_IS_ENTITY_RULES (self), TRUE);

  return self->added_names->len == 0 && g_hash_table_size (self->decisions) == 0;
}

const MgEntityGazetteer *
mg_entity_rules_get_added (MgEntityRules *self)
{
  return self->added;
}

gboolean
mg_entity_rules_lookup (MgEntityRules *self,
                        const char    *key,
                        gboolean      *out_rejected,
                        MgEntityType  *out_type)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (self->decisions, key, NULL, &value))
    return FALSE;
  *out_rejected = GPOINTER_TO_INT (value) == REJECTED;
  if (!*out_rejected)
    *out_type = (MgEntityType) GPOINTER_TO_INT (value);
  return TRUE;
}
