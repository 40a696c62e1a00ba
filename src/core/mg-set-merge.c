/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merging two coders' annotation sets into a consensus, one disagreement at a time. Each
 * accepted choice copies passages into the consensus set in one transaction and is one
 * step of the session's history, so a wrong click is taken back with undo. The source
 * sets are never changed. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-set-merge.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-private.h"

/**
 * mg_disagreement_free:
 *
 * Frees a disagreement and drops its passages.
 */
void
mg_disagreement_free (MgDisagreement *disagreement)
{
  if (disagreement == NULL)
    return;
  g_clear_pointer (&disagreement->a, g_ptr_array_unref);
  g_clear_pointer (&disagreement->b, g_ptr_array_unref);
  g_free (disagreement);
}

/* A passage with the set it came from, for sorting the two sets together. */
typedef struct
{
  MgAnnotation *annotation;
  gboolean from_b;
} Tagged;

static int
compare_tagged (gconstpointer x,
                gconstpointer y)
{
  MgAnnotation *a = ((const Tagged *) x)->annotation;
  MgAnnotation *b = ((const Tagged *) y)->annotation;
  gint64 d;

  if ((d = mg_annotation_get_code_id (a) - mg_annotation_get_code_id (b)) != 0)
    return d < 0 ? -1 : 1;
  if ((d = mg_annotation_get_start (a) - mg_annotation_get_start (b)) != 0)
    return d < 0 ? -1 : 1;
  if ((d = mg_annotation_get_end (a) - mg_annotation_get_end (b)) != 0)
    return d < 0 ? -1 : 1;
  return ((const Tagged *) x)->from_b - ((const Tagged *) y)->from_b;
}

/* Both sets have exactly the same passages in the place (the arrays are in text order). */
static gboolean
same_passages (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (mg_annotation_get_start (g_ptr_array_index (a, i))
          != mg_annotation_get_start (g_ptr_array_index (b, i))
        || mg_annotation_get_end (g_ptr_array_index (a, i))
          != mg_annotation_get_end (g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static void
add_from_set (GArray     *tagged,
              GListModel *annotations,
              GHashTable *codes,
              gboolean    from_b)
{
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(MgAnnotation) annotation = g_list_model_get_item (annotations, i);
      gint64 code = mg_annotation_get_code_id (annotation);
      Tagged item = { NULL, from_b };

      if (mg_annotation_get_orphaned (annotation)
          || (codes != NULL && !g_hash_table_contains (codes, &code)))
        continue;
      item.annotation = g_steal_pointer (&annotation);
      g_array_append_val (tagged, item);
    }
}

static void
clear_tagged (gpointer data)
{
  g_object_unref (((Tagged *) data)->annotation);
}

/* Whether the consensus passages (sorted) hold @code anywhere in [start, end). */
static gboolean
covered (GListModel *consensus,
         gint64      code,
         gint64      start,
         gint64      end)
{
  for (guint i = 0; consensus != NULL && i < g_list_model_get_n_items (consensus); i++)
    {
      g_autoptr(MgAnnotation) annotation = g_list_model_get_item (consensus, i);

      if (mg_annotation_get_code_id (annotation) == code
          && mg_annotation_get_start (annotation) < end
          && mg_annotation_get_end (annotation) > start)
        return TRUE;
    }
  return FALSE;
}

/* Cuts one document's passages of both sets into places (passages of one code that
 * overlap one another) and keeps the places where the sets differ. */
static void
find_places (GArray     *tagged,
             gint64      document_id,
             GListModel *consensus,
             GPtrArray  *out)
{
  guint i = 0;

  g_array_sort (tagged, compare_tagged);
  while (i < tagged->len)
    {
      g_autoptr(MgDisagreement) place = g_new0 (MgDisagreement, 1);
      Tagged *first = &g_array_index (tagged, Tagged, i);

      place->document_id = document_id;
      place->code_id = mg_annotation_get_code_id (first->annotation);
      place->start = mg_annotation_get_start (first->annotation);
      place->end = mg_annotation_get_end (first->annotation);
      place->a = g_ptr_array_new_with_free_func (g_object_unref);
      place->b = g_ptr_array_new_with_free_func (g_object_unref);
      for (; i < tagged->len; i++)
        {
          Tagged *item = &g_array_index (tagged, Tagged, i);

          if (mg_annotation_get_code_id (item->annotation) != place->code_id
              || mg_annotation_get_start (item->annotation) >= place->end)
            break;
          place->end = MAX (place->end, mg_annotation_get_end (item->annotation));
          g_ptr_array_add (item->from_b ? place->b : place->a,
                           g_object_ref (item->annotation));
        }
      if (same_passages (place->a, place->b))
        continue;
      place->resolved = covered (consensus, place->code_id, place->start, place->end);
      g_ptr_array_add (out, g_steal_pointer (&place));
    }
}

static GArray *
all_document_ids (MgStore  *store,
                  GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, "SELECT id FROM documents ORDER BY id",
                                         error);

  if (stmt == NULL)
    return NULL;
  return mg_store_step_ids (store, stmt, error);
}

static gboolean
list_document (MgStore     *store,
               gint64       document_id,
               gint64       set_a,
               gint64       set_b,
               gint64       consensus_set,
               GHashTable  *codes,
               GPtrArray   *out,
               GError     **error)
{
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (Tagged));
  g_autoptr(GListModel) a = NULL;
  g_autoptr(GListModel) b = NULL;
  g_autoptr(GListModel) consensus = NULL;

  g_array_set_clear_func (tagged, clear_tagged);
  if ((a = mg_store_list_annotations (store, document_id, 0, set_a, error)) == NULL
      || (b = mg_store_list_annotations (store, document_id, 0, set_b, error)) == NULL)
    return FALSE;
  if (consensus_set > 0
      && (consensus = mg_store_list_annotations (store, document_id, 0, consensus_set,
                                                 error)) == NULL)
    return FALSE;
  add_from_set (tagged, a, codes, FALSE);
  add_from_set (tagged, b, codes, TRUE);
  find_places (tagged, document_id, consensus, out);
  return TRUE;
}

/**
 * mg_set_merge_list_disagreements:
 * @consensus_set: the set disagreements are merged into, to mark those already resolved,
 *   or 0
 * @document_ids: (array length=n_documents) (nullable): the documents, or %NULL for all
 * @codes: (array length=n_codes) (nullable): the codes, or %NULL for all
 *
 * Every place where sets A and B tagged a code differently, by document and then in text
 * order (by code first within a document). Orphaned passages are left out.
 *
 * Returns: (transfer full) (element-type MgDisagreement) (nullable): the disagreements,
 *   or %NULL with @error set (%MG_STORE_ERROR_NOT_FOUND for a missing set or document)
 */
GPtrArray *
mg_set_merge_list_disagreements (MgStore       *store,
                                 gint64         set_a,
                                 gint64         set_b,
                                 gint64         consensus_set,
                                 const gint64  *document_ids,
                                 guint          n_documents,
                                 const gint64  *codes,
                                 guint          n_codes,
                                 GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_disagreement_free);
  g_autoptr(GHashTable) code_filter = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(MgAnnotationSet) a = NULL;
  g_autoptr(MgAnnotationSet) b = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  /* a and b are fetched only to fail when either set is gone; g_autoptr frees them.
   * NOLINTBEGIN(clang-analyzer-deadcode.DeadStores) */
  if ((a = mg_store_get_annotation_set (store, set_a, error)) == NULL
      || (b = mg_store_get_annotation_set (store, set_b, error)) == NULL)
    return NULL;
  /* NOLINTEND(clang-analyzer-deadcode.DeadStores) */
  if (document_ids == NULL)
    {
      if ((all = all_document_ids (store, error)) == NULL)
        return NULL;
      document_ids = (const gint64 *) (gpointer) all->data;
      n_documents = all->len;
    }
  if (codes != NULL)
    {
      code_filter = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < n_codes; i++)
        g_hash_table_add (code_filter, (gpointer) &codes[i]);
    }
  for (guint i = 0; i < n_documents; i++)
    if (!list_document (store, document_ids[i], set_a, set_b, consensus_set, code_filter,
                        out, error))
      return NULL;
  return g_steal_pointer (&out);
}

/**
 * mg_set_merge_ensure_consensus:
 * @name: the consensus set's name, such as "Consensus"
 *
 * Returns: (transfer full) (nullable): the oldest set called @name, made when there is
 *   none, or %NULL with @error set
 */
MgAnnotationSet *
mg_set_merge_ensure_consensus (MgStore     *store,
                               const char  *name,
                               GError     **error)
{
  GError *local_error = NULL;
  MgAnnotationSet *set;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  set = mg_store_find_annotation_set (store, name, &local_error);
  if (set != NULL)
    return set;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return mg_store_create_annotation_set (store, name, NULL, "local", error);
}

static gboolean
has_range (GPtrArray    *annotations,
           MgAnnotation *annotation)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      MgAnnotation *other = g_ptr_array_index (annotations, i);

      if (mg_annotation_get_start (other) == mg_annotation_get_start (annotation)
          && mg_annotation_get_end (other) == mg_annotation_get_end (annotation))
        return TRUE;
    }
  return FALSE;
}

/* A new passage of the consensus set, like @source (its range, quote, context and note). */
static MgAnnotation *
consensus_copy (MgAnnotation *source,
                gint64        consensus_set)
{
  MgAnnotation *copy = mg_annotation_new (mg_annotation_get_document_id (source),
                                          consensus_set, mg_annotation_get_code_id (source),
                                          mg_annotation_get_start (source),
                                          mg_annotation_get_end (source));
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  mg_annotation_set_identity (copy, 0, uuid);
  mg_annotation_set_selectors (copy, mg_annotation_get_quote (source),
                               mg_annotation_get_prefix (source),
                               mg_annotation_get_suffix (source));
  mg_annotation_set_note (copy, mg_annotation_get_note (source));
  mg_annotation_set_times (copy, now, now);
  return copy;
}

/* Adds the copies of @sources that neither the consensus set nor @chosen has yet. */
static void
choose (GPtrArray  *chosen,
        GPtrArray  *sources,
        GPtrArray  *existing,
        gint64      consensus_set)
{
  for (guint i = 0; i < sources->len; i++)
    {
      MgAnnotation *source = g_ptr_array_index (sources, i);

      if (!has_range (chosen, source) && !has_range (existing, source))
        g_ptr_array_add (chosen, consensus_copy (source, consensus_set));
    }
}

static const char *
choice_label (MgMergeChoice choice)
{
  switch (choice)
    {
    case MG_MERGE_ACCEPT_A:
      return N_("Accept first set’s passage");
    case MG_MERGE_ACCEPT_B:
      return N_("Accept second set’s passage");
    case MG_MERGE_ACCEPT_BOTH:
    default:
      return N_("Accept both sets’ passages");
    }
}

/* The consensus set's passages with the disagreement's code in its place. */
static GPtrArray *
existing_passages (MgStore         *store,
                   MgDisagreement  *disagreement,
                   gint64           consensus_set,
                   GError         **error)
{
  g_autoptr(GListModel) list = mg_store_list_annotations (store, disagreement->document_id,
                                                          disagreement->code_id,
                                                          consensus_set, error);
  GPtrArray *existing;

  if (list == NULL)
    return NULL;
  existing = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (existing, g_list_model_get_item (list, i));
  return existing;
}

/**
 * mg_set_merge_accept:
 * @history: the session's history; the merge becomes one undoable step in it
 * @choice: whose passages to take
 * @consensus_set: the set to copy them into (see mg_set_merge_ensure_consensus())
 *
 * Resolves a disagreement by copying the chosen passages (with their notes) into the
 * consensus set, in one transaction. Passages the consensus set already has at the same
 * place with the same code are not copied twice. On success the disagreement is marked
 * resolved.
 *
 * Returns: (transfer full) (element-type MgAnnotation) (nullable): the passages added
 *   (perhaps none), or %NULL with @error set and the library unchanged
 */
GPtrArray *
mg_set_merge_accept (MgHistory       *history,
                     MgStore         *store,
                     MgDisagreement  *disagreement,
                     MgMergeChoice    choice,
                     gint64           consensus_set,
                     GError         **error)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;

  g_return_val_if_fail (MG_IS_HISTORY (history), NULL);
  g_return_val_if_fail (MG_IS_STORE (store), NULL);
  g_return_val_if_fail (disagreement != NULL, NULL);

  /* set is fetched only to fail when the consensus set is gone; g_autoptr frees it.
   * NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores) */
  if ((set = mg_store_get_annotation_set (store, consensus_set, error)) == NULL
      || (existing = existing_passages (store, disagreement, consensus_set, error)) == NULL)
    return NULL;
  if (choice != MG_MERGE_ACCEPT_B)
    choose (chosen, disagreement->a, existing, consensus_set);
  if (choice != MG_MERGE_ACCEPT_A)
    choose (chosen, disagreement->b, existing, consensus_set);
  if (!mg_history_add_passages (history, store, choice_label (choice), chosen, error))
    return NULL;
  disagreement->resolved = TRUE;
  return g_steal_pointer (&chosen);
}
