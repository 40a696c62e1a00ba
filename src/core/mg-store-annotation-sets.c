/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: annotation sets. Every annotation belongs to one; the reader's own is
 * the first local set ("Mine" in a fresh library). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-store-annotations.h"
#include "mg-store-private.h"

static const char set_columns[] =
  "SELECT s.id, s.uuid, s.name, s.author, s.origin,"
  " (SELECT count(*) FROM annotations a WHERE a.annotation_set = s.id)"
  " FROM annotation_sets s";

static MgAnnotationSet *
set_from_row (sqlite3_stmt *stmt)
{
  MgAnnotationSet *set = mg_annotation_set_new (sqlite3_column_int64 (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2),
                                                (const char *) sqlite3_column_text (stmt, 3),
                                                (const char *) sqlite3_column_text (stmt, 4));

  mg_annotation_set_set_annotation_count (set, (guint) sqlite3_column_int64 (stmt, 5));
  return set;
}

/* Runs the set query with @tail and an optional parameter (an id, or a name when @name is
 * given); collects the sets. */
static GPtrArray *
query_sets (MgStore     *self,
            const char  *tail,
            gint64       id,
            const char  *name,
            GError     **error)
{
  g_autofree char *sql = g_strconcat (set_columns, tail, NULL);
  sqlite3_stmt *stmt = mg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  else if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  return mg_store_step_rows (self, stmt, (MgStoreRowFunc) set_from_row,
                             g_object_unref, error);
}

static MgAnnotationSet *
first_set (GPtrArray *sets)
{
  if (sets == NULL || sets->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (sets, 0));
}

/**
 * mg_store_list_annotation_sets:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #MgAnnotationSet with their
 *   annotation counts, oldest first
 */
GListModel *
mg_store_list_annotation_sets (MgStore  *self,
                               GError  **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  GListStore *list;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  sets = query_sets (self, " ORDER BY s.id", 0, NULL, error);
  if (sets == NULL)
    return NULL;
  list = g_list_store_new (MG_TYPE_ANNOTATION_SET);
  g_list_store_splice (list, 0, 0, sets->pdata, sets->len);
  return G_LIST_MODEL (list);
}

/**
 * mg_store_get_annotation_set:
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 *   (%MG_STORE_ERROR_NOT_FOUND when there is none)
 */
MgAnnotationSet *
mg_store_get_annotation_set (MgStore  *self,
                             gint64    set_id,
                             GError  **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  MgAnnotationSet *set;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  sets = query_sets (self, " WHERE s.id = ?", set_id, NULL, error);
  if (sets == NULL)
    return NULL;
  set = first_set (sets);
  if (set == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, set_id);

      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation set %s in the library. "
                     "Reload the library and try again."), number);
    }
  return set;
}

/**
 * mg_store_find_annotation_set:
 *
 * Returns: (transfer full) (nullable): the oldest set called @name, or %NULL (with @error
 *   set only when the library could not be read)
 */
MgAnnotationSet *
mg_store_find_annotation_set (MgStore     *self,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  sets = query_sets (self, " WHERE s.name = ? ORDER BY s.id LIMIT 1", 0, name, error);
  return first_set (sets);
}

static MgAnnotationSet *
insert_set (MgStore     *self,
            const char  *name,
            const char  *author,
            const char  *origin,
            GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO annotation_sets (uuid, name, author, origin, created) VALUES (?, ?, ?, ?, ?)",
    error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, author ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, origin ? origin : "local", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (!mg_store_step_done (self, stmt, error))
    return NULL;
  return mg_annotation_set_new (mg_store_last_insert_id (self), uuid, name, author, origin);
}

/**
 * mg_store_create_annotation_set:
 * @author: (nullable): who writes (or wrote) its annotations
 * @origin: (nullable): "local" (the default) for a set made here, or where it came from
 *
 * Returns: (transfer full) (nullable): the new set, or %NULL with @error set
 *   (%MG_STORE_ERROR_INVALID for an empty name)
 */
MgAnnotationSet *
mg_store_create_annotation_set (MgStore     *self,
                                const char  *name,
                                const char  *author,
                                const char  *origin,
                                GError     **error)
{
  g_autofree char *clean = NULL;
  MgAnnotationSet *set;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  clean = g_strstrip (g_strdup (name ? name : ""));
  if (clean[0] == '\0')
    {
      g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                           _("An annotation set needs a name. Type one and try again."));
      return NULL;
    }
  if (!mg_store_begin (self, error))
    return NULL;
  set = insert_set (self, clean, author, origin, error);
  if (set == NULL)
    {
      mg_store_rollback (self);
      return NULL;
    }
  if (!mg_store_commit (self, error))
    g_clear_object (&set);
  return set;
}

/**
 * mg_store_get_default_annotation_set:
 *
 * The set the reader's own annotations go to: the oldest set made here. A library without
 * one gets a new "Mine".
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
MgAnnotationSet *
mg_store_get_default_annotation_set (MgStore  *self,
                                     GError  **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  sets = query_sets (self, " WHERE s.origin = 'local' ORDER BY s.id LIMIT 1", 0, NULL,
                     &local_error);
  if (sets == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (sets->len > 0)
    return first_set (sets);
  /* Translators: the name of the annotation set that holds the reader's own passages, as
   * opposed to sets imported from other people's files. */
  return mg_store_create_annotation_set (self, _("Mine"), "", "local", error);

}

/**
 * mg_store_set_annotation_set_author:
 * @author: (nullable): the author's name, as the preferences give it
 *
 * The author of every annotation in the set changes with it: annotations carry their set's.
 */
gboolean
mg_store_set_annotation_set_author (MgStore     *self,
                                    gint64       set_id,
                                    const char  *author,
                                    GError     **error)
{
  g_autoptr(MgAnnotationSet) set = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  set = mg_store_get_annotation_set (self, set_id, error);
  stmt = set ? mg_store_prepare (self, "UPDATE annotation_sets SET author = ? WHERE id = ?",
                                 error) : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, author ? author : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, set_id);
    }
  if (stmt == NULL || !mg_store_step_done (self, stmt, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}
