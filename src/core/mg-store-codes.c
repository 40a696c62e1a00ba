/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: the codebook. Siblings keep positions 0..n-1 without gaps, rewritten
 * on every move, so a position read before a change is the one to restore on undo. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-store-codes.h"
#include "mg-store-private.h"

/* The tree in display order: a path of fixed-width (position, id) steps sorts a parent
 * before its children and siblings by position; '/' sorts below every digit. */
static const char tree_query[] =
  "WITH RECURSIVE tree (id, depth, path) AS ("
  "  SELECT id, 0, printf ('%06d.%012d', position, id) FROM codes WHERE parent IS NULL"
  "  UNION ALL"
  "  SELECT c.id, t.depth + 1, t.path || '/' || printf ('%06d.%012d', c.position, c.id)"
  "  FROM codes c JOIN tree t ON c.parent = t.id)"
  " SELECT c.id, c.uuid, c.name, c.colour, c.parent, c.description, c.position, c.created,"
  " c.modified, t.depth, (SELECT count(*) FROM annotations a WHERE a.code = c.id)"
  " FROM tree t JOIN codes c ON c.id = t.id";

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
mg_code_deletion_free (MgCodeDeletion *deletion)
{
  if (deletion == NULL)
    return;
  g_clear_object (&deletion->code);
  g_clear_pointer (&deletion->children, g_array_unref);
  g_clear_pointer (&deletion->annotations, g_array_unref);
  g_free (deletion);
}

/* The id is formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
static void
set_code_not_found (GError **error,
                    gint64   code_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, code_id);

  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               _("There is no code %s in the codebook. Reload the codebook and try again."),
               number);
}

static void
bind_parent (sqlite3_stmt *stmt,
             int           index,
             gint64        parent_id)
{
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, index, parent_id);
  else
    sqlite3_bind_null (stmt, index);
}

static MgCode *
code_from_row (sqlite3_stmt *stmt)
{
  MgCode *code = mg_code_new ((const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3));

  mg_code_set_id (code, sqlite3_column_int64 (stmt, 0));
  mg_code_set_uuid (code, (const char *) sqlite3_column_text (stmt, 1));
  mg_code_set_parent_id (code, sqlite3_column_int64 (stmt, 4));
  mg_code_set_description (code, (const char *) sqlite3_column_text (stmt, 5));
  mg_code_set_position (code, (guint) sqlite3_column_int64 (stmt, 6));
  mg_code_set_times (code, sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 8));
  mg_code_set_depth (code, (guint) sqlite3_column_int64 (stmt, 9));
  mg_code_set_passage_count (code, (guint) sqlite3_column_int64 (stmt, 10));
  return code;
}

/* Runs the tree query with @tail appended and one optional integer parameter; collects the
 * codes in display order. */
static GPtrArray *
query_tree (MgStore     *self,
            const char  *tail,
            gint64       parameter,
            GError     **error)
{
  g_autofree char *sql = g_strconcat (tree_query, tail, NULL);
  sqlite3_stmt *stmt = mg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, parameter);
  return mg_store_step_rows (self, stmt, (MgStoreRowFunc) code_from_row,
                             g_object_unref, error);
}

/**
 * mg_store_list_codes:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #MgCode, the whole codebook in
 *   display order (a parent before its children, siblings by position), each with its
 *   depth and passage count
 */
GListModel *
mg_store_list_codes (MgStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  GListStore *list;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  codes = query_tree (self, " ORDER BY t.path", 0, error);
  if (codes == NULL)
    return NULL;
  list = g_list_store_new (MG_TYPE_CODE);
  g_list_store_splice (list, 0, 0, codes->pdata, codes->len);
  return G_LIST_MODEL (list);
}

static MgCode *
first_code (GPtrArray *codes)
{
  if (codes == NULL || codes->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (codes, 0));
}

/**
 * mg_store_get_code:
 *
 * Returns: (transfer full) (nullable): the code, or %NULL with @error set
 *   (%MG_STORE_ERROR_NOT_FOUND when there is no code @code_id)
 */
MgCode *
mg_store_get_code (MgStore  *self,
                   gint64    code_id,
                   GError  **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  MgCode *code;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  codes = query_tree (self, " WHERE c.id = ?", code_id, error);
  if (codes == NULL)
    return NULL;
  code = first_code (codes);
  if (code == NULL)
    set_code_not_found (error, code_id);
  return code;
}

/**
 * mg_store_find_code:
 *
 * Looks a code up by its name, as the CLI and imports name them.
 *
 * Returns: (transfer full) (nullable): the first code in display order called @name, or
 *   %NULL (with @error set only when the library could not be read)
 */
MgCode *
mg_store_find_code (MgStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  sql = g_strconcat (tree_query, " WHERE c.name = ? ORDER BY t.path LIMIT 1", NULL);
  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return id > 0 ? mg_store_get_code (self, id, error) : NULL;
}

/**
 * mg_store_get_code_for_key:
 * @key: 1 to 9
 *
 * The first nine codes in display order get the number keys 1-9.
 *
 * Returns: (transfer full) (nullable): the code for @key, or %NULL when the codebook has
 *   fewer codes (with @error set only when the library could not be read)
 */
MgCode *
mg_store_get_code_for_key (MgStore  *self,
                           guint     key,
                           GError  **error)
{
  g_autoptr(GPtrArray) codes = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  if (key < 1 || key > 9)
    return NULL;
  codes = query_tree (self, " ORDER BY t.path LIMIT 1 OFFSET ?", key - 1, error);
  return first_code (codes);
}

/* The palette colour fewest codes wear, the earliest of those: new codes walk through the
 * palette, and a colour freed by a deleted code is offered again first. */
static char *
next_colour (MgStore  *self,
             GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT count(*) FROM codes WHERE lower (colour) = ?", error);
  gint64 best_count = G_MAXINT64;
  guint best = 0;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < MG_CODE_PALETTE_SIZE; i++)
    {
      gint64 count;

      sqlite3_bind_text (stmt, 1, mg_code_palette_colour (i), -1, SQLITE_STATIC);
      count = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (count < best_count)
        {
          best_count = count;
          best = i;
        }
    }
  sqlite3_finalize (stmt);
  return g_strdup (mg_code_palette_colour (best));
}

static gboolean
check_colour (const char  *colour,
              GError     **error)
{
  if (mg_code_colour_is_valid (colour))
    return TRUE;
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
               _("“%s” is not a colour. Give it as #rrggbb, for example #3584e4."),
               colour ? colour : "");
  return FALSE;
}

/* A name as the codebook keeps it: trimmed, and never empty. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                           _("A code needs a name. Type one and try again."));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Two siblings of the same name could not be told apart in the tree or on the command
 * line; codes of the same name under different parents can. */
static gboolean
check_name_free (MgStore     *self,
                 gint64       parent_id,
                 const char  *name,
                 gint64       except_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT count(*) FROM codes WHERE parent IS ? AND name = ? AND id != ?", error);
  gint64 count = 1;

  if (stmt == NULL)
    return FALSE;
  bind_parent (stmt, 1, parent_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (count == 0)
    return TRUE;
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
               _("There is already a code “%s” at this place in the codebook. "
                 "Choose another name."), name);
  return FALSE;
}

/* The ids of a parent's children in order, leaving out @except_id. */
static GArray *
sibling_ids (MgStore  *self,
             gint64    parent_id,
             gint64    except_id,
             GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT id FROM codes WHERE parent IS ? AND id != ? ORDER BY position, id", error);

  if (stmt == NULL)
    return NULL;
  bind_parent (stmt, 1, parent_id);
  sqlite3_bind_int64 (stmt, 2, except_id);
  return mg_store_step_ids (self, stmt, error);
}

/* Makes @ids the children of @parent_id, in this order. */
static gboolean
place_children (MgStore  *self,
                gint64    parent_id,
                GArray   *ids,
                GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "UPDATE codes SET parent = ?, position = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      int rc;

      bind_parent (stmt, 1, parent_id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          mg_store_set_db_error (self, error, rc);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_parent (MgStore  *self,
              gint64    parent_id,
              GError  **error)
{
  g_autoptr(MgCode) parent = NULL;

  if (parent_id == 0)
    return TRUE;
  parent = mg_store_get_code (self, parent_id, error);
  return parent != NULL;
}

static gboolean
insert_code (MgStore  *self,
             MgCode   *code,
             GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO codes (id, uuid, name, colour, parent, description, position, created,"
    " modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (mg_code_get_id (code) > 0)
    sqlite3_bind_int64 (stmt, 1, mg_code_get_id (code));
  sqlite3_bind_text (stmt, 2, mg_code_get_uuid (code), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mg_code_get_name (code), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mg_code_get_colour (code), -1, SQLITE_STATIC);
  bind_parent (stmt, 5, mg_code_get_parent_id (code));
  sqlite3_bind_text (stmt, 6, mg_code_get_description (code), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, mg_code_get_position (code));
  sqlite3_bind_int64 (stmt, 8, mg_code_get_created (code));
  sqlite3_bind_int64 (stmt, 9, mg_code_get_modified (code));
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  mg_code_set_id (code, mg_store_last_insert_id (self));
  return TRUE;
}

static MgCode *
new_code (MgStore     *self,
          const char  *name,
          const char  *colour,
          gint64       parent_id,
          GError     **error)
{
  g_autofree char *chosen = colour ? g_ascii_strdown (colour, -1) : next_colour (self, error);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GArray) siblings = NULL;
  g_autoptr(MgCode) code = NULL;
  gint64 time = now ();

  if (chosen == NULL || !check_parent (self, parent_id, error)
      || !check_name_free (self, parent_id, name, 0, error))
    return NULL;
  siblings = sibling_ids (self, parent_id, 0, error);
  if (siblings == NULL)
    return NULL;
  code = mg_code_new (name, chosen);
  mg_code_set_uuid (code, uuid);
  mg_code_set_parent_id (code, parent_id);
  mg_code_set_position (code, siblings->len);
  mg_code_set_times (code, time, time);
  if (!insert_code (self, code, error))
    return NULL;
  return g_steal_pointer (&code);
}

/**
 * mg_store_add_code:
 * @colour: (nullable): "#rrggbb", or %NULL for the next colour of the palette
 * @parent_id: the parent code, or 0 for the top level
 *
 * Adds a code after its new siblings, in one transaction.
 *
 * Returns: (transfer full) (nullable): the stored code, or %NULL with @error set
 *   (%MG_STORE_ERROR_INVALID for an empty or taken name or a bad colour,
 *   %MG_STORE_ERROR_NOT_FOUND for a missing parent)
 */
MgCode *
mg_store_add_code (MgStore     *self,
                   const char  *name,
                   const char  *colour,
                   gint64       parent_id,
                   GError     **error)
{
  g_autofree char *clean = NULL;
  MgCode *code;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  clean = clean_name (name, error);
  if (clean == NULL || (colour != NULL && !check_colour (colour, error)))
    return NULL;
  if (!mg_store_begin (self, error))
    return NULL;
  code = new_code (self, clean, colour, parent_id, error);
  if (code == NULL)
    {
      mg_store_rollback (self);
      return NULL;
    }
  if (!mg_store_commit (self, error))
    g_clear_object (&code);
  return code;
}

/**
 * mg_store_create_code_if_missing:
 *
 * Returns: (transfer full) (nullable): the first code called @name, or a new top-level one
 *   in the next palette colour when there is none; %NULL with @error set on failure
 */
MgCode *
mg_store_create_code_if_missing (MgStore     *self,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = NULL;
  MgCode *code;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  clean = clean_name (name, error);
  if (clean == NULL)
    return NULL;
  code = mg_store_find_code (self, clean, &local_error);
  if (code != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return code;
    }
  return mg_store_add_code (self, clean, NULL, 0, error);
}

/* Runs one UPDATE of a code's column (value, modified time, id) in the caller's transaction. */
static gboolean
update_code (MgStore     *self,
             gint64       code_id,
             const char  *sql,
             const char  *value,
             GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now ());
  sqlite3_bind_int64 (stmt, 3, code_id);
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
edit_code (MgStore     *self,
           gint64       code_id,
           const char  *sql,
           const char  *value,
           GError     **error)
{
  g_autoptr(MgCode) code = NULL;

  if (!mg_store_begin (self, error))
    return FALSE;
  code = mg_store_get_code (self, code_id, error);
  if (code == NULL || !update_code (self, code_id, sql, value, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

static gboolean
rename_code (MgStore     *self,
             gint64       code_id,
             const char  *name,
             GError     **error)
{
  g_autoptr(MgCode) code = mg_store_get_code (self, code_id, error);

  return code != NULL
         && check_name_free (self, mg_code_get_parent_id (code), name, code_id, error)
         && update_code (self, code_id, "UPDATE codes SET name = ?, modified = ? WHERE id = ?",
                         name, error);
}

/**
 * mg_store_rename_code:
 *
 * Returns: %TRUE on success; %MG_STORE_ERROR_INVALID for an empty name or one a sibling has
 */
gboolean
mg_store_rename_code (MgStore     *self,
                      gint64       code_id,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  clean = clean_name (name, error);
  if (clean == NULL || !mg_store_begin (self, error))
    return FALSE;
  if (!rename_code (self, code_id, clean, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

/**
 * mg_store_set_code_colour:
 * @colour: "#rrggbb"
 */
gboolean
mg_store_set_code_colour (MgStore     *self,
                          gint64       code_id,
                          const char  *colour,
                          GError     **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (!check_colour (colour, error))
    return FALSE;
  lower = g_ascii_strdown (colour, -1);
  return edit_code (self, code_id, "UPDATE codes SET colour = ?, modified = ? WHERE id = ?",
                    lower, error);
}

/**
 * mg_store_set_code_description:
 * @description: (nullable): %NULL or "" for none
 */
gboolean
mg_store_set_code_description (MgStore     *self,
                               gint64       code_id,
                               const char  *description,
                               GError     **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  return edit_code (self, code_id,
                    "UPDATE codes SET description = ?, modified = ? WHERE id = ?",
                    description ? description : "", error);
}

/* Whether @other_id is @code_id or lies below it in the tree. */
static gboolean
is_in_subtree (MgStore  *self,
               gint64    code_id,
               gint64    other_id,
               gboolean *out_inside,
               GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "WITH RECURSIVE below (id) AS (SELECT ?1 UNION ALL"
    " SELECT c.id FROM codes c JOIN below b ON c.parent = b.id)"
    " SELECT count(*) FROM below WHERE id = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_inside = sqlite3_column_int64 (stmt, 0) > 0;
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
check_move (MgStore  *self,
            MgCode   *code,
            gint64    parent_id,
            GError  **error)
{
  gboolean inside = FALSE;

  if (!check_parent (self, parent_id, error))
    return FALSE;
  if (parent_id > 0 && !is_in_subtree (self, mg_code_get_id (code), parent_id, &inside, error))
    return FALSE;
  if (inside)
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                   _("The code “%s” cannot be moved under itself or one of its own "
                     "subcodes. Choose another place."), mg_code_get_name (code));
      return FALSE;
    }
  return check_name_free (self, parent_id, mg_code_get_name (code), mg_code_get_id (code),
                          error);
}

static gboolean
move_code (MgStore  *self,
           MgCode   *code,
           gint64    parent_id,
           guint     position,
           GError  **error)
{
  gint64 id = mg_code_get_id (code);
  g_autoptr(GArray) old_siblings = NULL;
  g_autoptr(GArray) new_siblings = NULL;

  if (!check_move (self, code, parent_id, error))
    return FALSE;
  old_siblings = sibling_ids (self, mg_code_get_parent_id (code), id, error);
  new_siblings = sibling_ids (self, parent_id, id, error);
  if (old_siblings == NULL || new_siblings == NULL)
    return FALSE;
  g_array_insert_val (new_siblings, MIN (position, new_siblings->len), id);
  return place_children (self, mg_code_get_parent_id (code), old_siblings, error)
         && place_children (self, parent_id, new_siblings, error);
}

/**
 * mg_store_move_code:
 * @parent_id: the new parent, or 0 for the top level
 * @position: the index among the new siblings; past the end means last
 *
 * Moves a code (with its subtree) in one transaction.
 *
 * Returns: %TRUE on success; %MG_STORE_ERROR_INVALID when @parent_id is the code itself
 *   or one of its descendants, or has a child of the same name
 */
gboolean
mg_store_move_code (MgStore  *self,
                    gint64    code_id,
                    gint64    parent_id,
                    guint     position,
                    GError  **error)
{
  g_autoptr(MgCode) code = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  code = mg_store_get_code (self, code_id, error);
  if (code == NULL || !move_code (self, code, parent_id, position, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

static GArray *
annotation_ids (MgStore  *self,
                gint64    code_id,
                GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT id FROM annotations WHERE code = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  return mg_store_step_ids (self, stmt, error);
}

/* Gives the annotations @ids the code @code_id; their modified times stay, as the passages
 * themselves did not change, so an undo leaves them exactly as they were. */
static gboolean
recode_annotations (MgStore  *self,
                    GArray   *ids,
                    gint64    code_id,
                    GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, "UPDATE annotations SET code = ? WHERE id = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, code_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          mg_store_set_db_error (self, error, rc);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_reassignment (MgStore         *self,
                    MgCodeDeletion  *deletion,
                    GError         **error)
{
  g_autoptr(MgCode) target = NULL;
  guint count = deletion->annotations->len;

  if (count > 0 && deletion->reassigned_to == 0)
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The code “%s” is on %'u passage. Choose a code to move it "
                                "to, or remove the passage first.",
                                "The code “%s” is on %'u passages. Choose a code to move them "

                                "to, or remove the passages first.", count),
                   mg_code_get_name (deletion->code), count);
      return FALSE;
    }
  if (deletion->reassigned_to == mg_code_get_id (deletion->code))
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                   _("The passages of “%s” cannot move to the code being deleted. "
                     "Choose another code."), mg_code_get_name (deletion->code));
      return FALSE;
    }
  if (deletion->reassigned_to == 0)
    return TRUE;
  target = mg_store_get_code (self, deletion->reassigned_to, error);
  return target != NULL;
}

static gboolean
remove_code_row (MgStore  *self,
                 gint64    code_id,
                 GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, "DELETE FROM codes WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  return mg_store_step_done (self, stmt, error);
}

/* The children take the deleted code's place among its siblings, in their order. */
static gboolean
lift_children (MgStore         *self,
               MgCodeDeletion  *deletion,
               GError         **error)
{
  gint64 parent_id = mg_code_get_parent_id (deletion->code);
  g_autoptr(GArray) siblings = sibling_ids (self, parent_id, mg_code_get_id (deletion->code),
                                            error);
  guint at;

  if (siblings == NULL)
    return FALSE;
  at = MIN (mg_code_get_position (deletion->code), siblings->len);
  g_array_insert_vals (siblings, at, deletion->children->data, deletion->children->len);
  return place_children (self, parent_id, siblings, error);
}

static MgCodeDeletion *
delete_code (MgStore  *self,
             gint64    code_id,
             gint64    reassign_to,
             GError  **error)
{
  g_autoptr(MgCodeDeletion) deletion = g_new0 (MgCodeDeletion, 1);

  deletion->reassigned_to = reassign_to;
  deletion->code = mg_store_get_code (self, code_id, error);
  if (deletion->code == NULL)
    return NULL;
  deletion->children = sibling_ids (self, code_id, 0, error);
  deletion->annotations = annotation_ids (self, code_id, error);
  if (deletion->children == NULL || deletion->annotations == NULL
      || !check_reassignment (self, deletion, error)
      || !recode_annotations (self, deletion->annotations, reassign_to, error)
      || !lift_children (self, deletion, error)
      || !remove_code_row (self, code_id, error))
    return NULL;
  return g_steal_pointer (&deletion);
}

/**
 * mg_store_delete_code:
 * @reassign_to: the code that takes the deleted code's passages, or 0 when it has none
 * @out_deletion: (out) (optional) (transfer full): what was changed, for
 *   mg_store_restore_code()
 *
 * Deletes a code in one transaction. Its children move up to its parent, in its place.
 *
 * Returns: %TRUE on success; %MG_STORE_ERROR_IN_USE when passages carry the code and
 *   @reassign_to is 0
 */
gboolean
mg_store_delete_code (MgStore         *self,
                      gint64           code_id,
                      gint64           reassign_to,
                      MgCodeDeletion **out_deletion,
                      GError         **error)
{
  g_autoptr(MgCodeDeletion) deletion = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  deletion = delete_code (self, code_id, reassign_to, error);
  if (deletion == NULL)
    {
      mg_store_rollback (self);
      return FALSE;
    }
  if (!mg_store_commit (self, error))
    return FALSE;
  if (out_deletion != NULL)
    *out_deletion = g_steal_pointer (&deletion);
  return TRUE;
}

/* Removes @remove from @ids, keeping the order of the rest. */
static void
drop_ids (GArray *ids,
          GArray *remove)
{
  for (guint i = ids->len; i > 0; i--)
    for (guint j = 0; j < remove->len; j++)
      if (g_array_index (ids, gint64, i - 1) == g_array_index (remove, gint64, j))
        {
          g_array_remove_index (ids, i - 1);
          break;
        }
}

static gboolean
restore_code (MgStore         *self,
              MgCodeDeletion  *deletion,
              GError         **error)
{
  MgCode *code = deletion->code;
  gint64 parent_id = mg_code_get_parent_id (code);
  g_autoptr(GArray) siblings = NULL;
  gint64 id;

  if (!insert_code (self, code, error))
    return FALSE;
  siblings = sibling_ids (self, parent_id, mg_code_get_id (code), error);
  if (siblings == NULL)
    return FALSE;
  drop_ids (siblings, deletion->children);
  id = mg_code_get_id (code);
  g_array_insert_val (siblings, MIN (mg_code_get_position (code), siblings->len), id);
  return place_children (self, parent_id, siblings, error)
         && place_children (self, id, deletion->children, error)
         && recode_annotations (self, deletion->annotations, id, error);
}

/**
 * mg_store_restore_code:
 * @deletion: what mg_store_delete_code() reported
 *
 * Undoes a deletion in one transaction: the code comes back with its id, uuid and place,
 * its children return under it and its passages to it.
 */
gboolean
mg_store_restore_code (MgStore         *self,
                       MgCodeDeletion  *deletion,
                       GError         **error)
{
  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (deletion != NULL && MG_IS_CODE (deletion->code), FALSE);

  if (!mg_store_begin (self, error))
    return FALSE;
  if (!restore_code (self, deletion, error))
    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}
