/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-block.h"
#include "mg-entity-fold.h"
#include "mg-entity-found.h"
#include "mg-entity-rules-private.h"

/* Document-level consistency: one key, one type (the surest evidence wins, the first on a
 * tie), so a name once found as a person stays a person; a name nothing classified takes
 * the type of the same name found elsewhere, or of the long form it abbreviates ("Lam"
 * after "To Lam", "VCCI" after "Vietnam Chamber of Commerce and Industry"). Then the
 * user's decisions, which win over everything. */

static GHashTable *
best_by_key (GArray *found)
{
  GHashTable *best = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < found->len; i++)
    {
      const MgFound *f = &g_array_index (found, MgFound, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (best, f->key));

      if (f->type < 0)
        continue;
      if (at == 0 || g_array_index (found, MgFound, at - 1).strength < f->strength)
        g_hash_table_insert (best, (gpointer) f->key, GUINT_TO_POINTER (i + 1));
    }
  return best;
}

static GHashTable *
long_forms (GArray     *found,
            GHashTable *best)
{
  GHashTable *aliases = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < found->len; i++)
    {
      const MgFound *f = &g_array_index (found, MgFound, i);

      if (f->type < 0 || f->alias == NULL || g_hash_table_contains (best, f->alias)
          || g_hash_table_contains (aliases, f->alias))
        continue;
      g_hash_table_insert (aliases, (gpointer) f->alias, GUINT_TO_POINTER (i + 1));
    }
  return aliases;
}

static void
take_type_of (MgFound       *f,
              const MgFound *from)
{
  f->type = from->type;
  f->key = from->key;
}

static void
resolve (GArray     *found,
         GHashTable *best,
         GHashTable *aliases)
{
  for (guint i = 0; i < found->len; i++)
    {
      MgFound *f = &g_array_index (found, MgFound, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (best, f->key));

      if (at != 0 && (f->type < 0 || g_array_index (found, MgFound, at - 1).strength
                                          > f->strength))
        take_type_of (f, &g_array_index (found, MgFound, at - 1));
      else if (f->type < 0 && (at = GPOINTER_TO_UINT (g_hash_table_lookup (aliases, f->key))))
        take_type_of (f, &g_array_index (found, MgFound, at - 1));
    }
}

/* A decision names a key or a text as the user saw it: "Vietnam" rejects the mentions of
 * the country written any way, and a short form by its own text too. */
static void
apply_rules (GArray        *found,
             const char    *text,
             MgEntityRules *rules)
{
  for (guint i = 0; i < found->len; i++)
    {
      MgFound *f = &g_array_index (found, MgFound, i);
      gboolean rejected = FALSE;
      MgEntityType type = 0;

      g_autofree char *text_key = NULL;

      if (f->type < 0)
        continue;
      if (!mg_entity_rules_lookup (rules, f->key, &rejected, &type))
        {
          text_key = mg_entity_fold_key (text + f->byte_start, f->byte_end - f->byte_start);
          if (!mg_entity_rules_lookup (rules, text_key, &rejected, &type))
            continue;
        }
      f->type = rejected ? MG_SPAN_UNKNOWN : (gint8) type;
    }
}

void
mg_entity_make_consistent (GArray        *found,
                           const char    *text,
                           MgEntityRules *rules)
{
  GHashTable *best = best_by_key (found);
  GHashTable *aliases = long_forms (found, best);

  resolve (found, best, aliases);
  if (rules != NULL)
    apply_rules (found, text, rules);
  g_hash_table_unref (best);
  g_hash_table_unref (aliases);
}
