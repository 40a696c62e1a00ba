/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Between mg-store.c and mg-store-backup.c only: the backup before a migration works on the
 * connection being migrated, and both report SQLite's failures in the same words. */

#include <sqlite3.h>

#include "mg-store.h"

G_BEGIN_DECLS

char     *mg_store_backup_connection   (sqlite3     *source,
                                        const char  *library_path,
                                        const char  *kind,
                                        GError     **error);
void      mg_store_set_sqlite_error    (GError     **error,
                                        int          rc,
                                        int          sys_errno,
                                        const char  *path,
                                        const char  *detail);
sqlite3  *mg_store_get_connection      (MgStore     *self);
gboolean  mg_store_create_private_file (const char  *path,
                                        GError     **error);

G_END_DECLS
