/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: keeping the library in order. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-store-library.h"
#include "mg-store-private.h"

static gboolean
require_changed_row (MgStore  *self,
                     gint64    document_id,
                     GError  **error)
{
  g_autofree char *id = NULL;

  if (mg_store_changes (self) > 0)
    return TRUE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               _("There is no document %s in the library. List the documents to see their "
                 "numbers."), id);
  return FALSE;
}

/**
 * mg_store_rename_document:
 * @title: the new title; surrounding blanks are dropped and it may not be empty
 *
 * Gives a document the title the researcher prefers, in one transaction.
 */
gboolean
mg_store_rename_document (MgStore     *self,
                          gint64       document_id,
                          const char  *title,
                          GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (title ? title : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  if (*clean == '\0')
    {
      g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                           _("A document needs a title; type one."));
      return FALSE;
    }
  stmt = mg_store_prepare (self, "UPDATE documents SET title = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document_id);
  return mg_store_step_done (self, stmt, error) && require_changed_row (self, document_id, error);
}

/**
 * mg_store_delete_document:
 *
 * Deletes a document with everything that hangs on it (its annotations, entity cache,
 * reading position), in one transaction. Older versions of it stay; a newer version no
 * longer names it.
 */
gboolean
mg_store_delete_document (MgStore  *self,
                          gint64    document_id,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  stmt = mg_store_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return mg_store_step_done (self, stmt, error) && require_changed_row (self, document_id, error);
}
