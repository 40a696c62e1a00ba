/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the files that split MgStore by concern (mg-store-*.c): the connection's helpers. Not
 * for use outside src/core. */

#include <sqlite3.h>

#include "mg-store.h"

G_BEGIN_DECLS

sqlite3_stmt *mg_store_prepare       (MgStore       *self,
                                      const char    *sql,
                                      GError       **error);
gboolean      mg_store_step_done     (MgStore       *self,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);
void          mg_store_set_db_error  (MgStore       *self,
                                      GError       **error,
                                      int            rc);
gboolean      mg_store_begin         (MgStore       *self,
                                      GError       **error);
gboolean      mg_store_commit        (MgStore       *self,
                                      GError       **error);
void          mg_store_rollback      (MgStore       *self);
gint64        mg_store_last_insert_id (MgStore      *self);
int           mg_store_changes       (MgStore       *self);
gint64        mg_store_step_id       (MgStore       *self,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);

/* Makes one object (or struct) of the row @stmt stands on. */
typedef gpointer (*MgStoreRowFunc) (sqlite3_stmt *stmt);

GPtrArray    *mg_store_step_rows     (MgStore        *self,
                                      sqlite3_stmt   *stmt,
                                      MgStoreRowFunc  row_func,
                                      GDestroyNotify  free_func,
                                      GError        **error);
GArray       *mg_store_step_ids      (MgStore        *self,
                                      sqlite3_stmt   *stmt,
                                      GError        **error);

G_END_DECLS
