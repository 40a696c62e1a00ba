/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

/* Backups of a library live beside it, one file each, named
 * `<library>.<kind>-<UTC time>.bak`: `daily` for the one made once a day while the library is
 * in use, `v<N>` for the one made before a migration from schema N, `manual` for one asked
 * for. The newest MG_STORE_BACKUPS_KEPT are kept, of every kind together. */

#define MG_STORE_BACKUPS_KEPT 5

/* A day: how old the newest backup may be before a daily one is due. */
#define MG_STORE_BACKUP_INTERVAL_SECONDS (24 * 60 * 60)

/**
 * MgStoreBackup:
 * @path: the backup file
 * @kind: "daily", "manual", "v3" ...
 * @time: when it was made (UTC)
 */
typedef struct
{
  char *path;
  char *kind;
  GDateTime *time;
} MgStoreBackup;

void            mg_store_backup_free          (MgStoreBackup  *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgStoreBackup, mg_store_backup_free)

GPtrArray      *mg_store_list_backups         (const char     *library_path);
char           *mg_store_backup_now           (MgStore        *store,
                                               const char     *kind,
                                               GError        **error);
gboolean        mg_store_backup_is_due        (const char     *library_path,
                                               GDateTime      *now);
char           *mg_store_backup_if_due        (const char     *library_path,
                                               GError        **error);
gboolean        mg_store_check_file           (const char     *path,
                                               gboolean        quick,
                                               int            *out_schema_version,
                                               GError        **error);
gboolean        mg_store_restore_backup       (const char     *library_path,
                                               const char     *backup_path,
                                               char          **out_used,
                                               char          **out_kept,
                                               GError        **error);
gboolean        mg_store_error_is_damage      (const GError   *error);
gint64          mg_store_get_data_version     (MgStore        *store);

G_END_DECLS
