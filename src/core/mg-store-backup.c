/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the library (SQLite's online backup API), its integrity check, and restoring
 * the newest good backup in place of a damaged library. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mg-store-backup.h"
#include "mg-store-backup-private.h"

#define BACKUP_SUFFIX ".bak"

/* 'MRGL', as mg-store.c writes it. */
#define MG_APPLICATION_ID 0x4d52474c

/* How long the daily backup waits for a writer before it tries again later. */
#define BACKUP_BUSY_TIMEOUT_MS 5000

void
mg_store_backup_free (MgStoreBackup *backup)
{
  g_free (backup->path);
  g_free (backup->kind);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup);
}

/* Microseconds in the name: two backups in the same second (a migration right after a daily
 * one) must not overwrite each other. */
static char *
backup_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%dT%H%M%S.%fZ");
}

/**
 * mg_store_create_private_file:
 *
 * Creates @path empty and readable by its owner only, unless it exists. SQLite gives the
 * -wal and -shm files the database file's mode, so they follow.
 */
gboolean
mg_store_create_private_file (const char  *path,
                              GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd >= 0)
    return g_close (fd, error);
  if (saved_errno == EEXIST)
    return TRUE;
  mg_store_set_sqlite_error (error, SQLITE_CANTOPEN, saved_errno, path, g_strerror (saved_errno));
  return FALSE;
}

static void
remove_quietly (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/* Copies @source's main database into @dest_path (created 0600) with the online backup API:
 * the copy is consistent even while other connections write. The copy is left in rollback
 * journal mode, so it is one self-contained file. */
static gboolean
copy_database (sqlite3     *source,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!mg_store_create_private_file (dest_path, error))
    return FALSE;
  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, 1);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_extended_errcode (dest) : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      int sys_errno = dest ? sqlite3_system_errno (dest) : 0;

      /* A source that is busy or damaged speaks through its own connection. */
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_CORRUPT
          || (rc & 0xff) == SQLITE_NOTADB)
        mg_store_set_sqlite_error (error, rc, sqlite3_system_errno (source),
                                   sqlite3_db_filename (source, "main"), NULL);
      else
        mg_store_set_sqlite_error (error, rc, sys_errno, dest_path, NULL);
    }
  sqlite3_close (dest);
  if (rc != SQLITE_OK)
    remove_quietly (dest_path);
  return rc == SQLITE_OK;
}

static void
prune_backups (const char *library_path)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (library_path);

  for (guint i = MG_STORE_BACKUPS_KEPT; i < backups->len; i++)
    {
      MgStoreBackup *backup = g_ptr_array_index (backups, i);
      remove_quietly (backup->path);
    }
}

/**
 * mg_store_backup_connection:
 * @source: an open connection to the library
 * @kind: what made the backup: "daily", "manual", "v3" ...
 *
 * Writes a backup of @source beside @library_path: first under a temporary name, renamed
 * once complete, so a backup cut short by a crash or a full disk never looks like a good one.
 * Then removes all but the newest %MG_STORE_BACKUPS_KEPT.
 *
 * Returns: (transfer full) (nullable): the backup's path, or %NULL with @error set
 */
char *
mg_store_backup_connection (sqlite3     *source,
                            const char  *library_path,
                            const char  *kind,
                            GError     **error)
{
  g_autofree char *stamp = backup_stamp ();
  g_autofree char *target = g_strdup_printf ("%s.%s-%s" BACKUP_SUFFIX, library_path, kind, stamp);
  g_autofree char *partial = g_strconcat (target, ".tmp", NULL);

  if (!copy_database (source, partial, error))
    return NULL;
  if (g_rename (partial, target) != 0)
    {
      int saved_errno = errno;

      remove_quietly (partial);
      mg_store_set_sqlite_error (error, SQLITE_IOERR, saved_errno, target,
                                 g_strerror (saved_errno));
      return NULL;
    }
  prune_backups (library_path);
  return g_steal_pointer (&target);
}

/**
 * mg_store_backup_now:
 * @kind: "manual", "daily" ...
 *
 * Backs up the open library beside it.
 *
 * Returns: (transfer full) (nullable): the backup's path, or %NULL with @error set
 */
char *
mg_store_backup_now (MgStore     *store,
                     const char  *kind,
                     GError     **error)
{
  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  return mg_store_backup_connection (mg_store_get_connection (store),
                                     mg_store_get_path (store), kind, error);
}

/* `<library>.<kind>-<stamp>.bak`: the kind and time of a backup of @library_name, or FALSE
 * for any other file. */
static gboolean
parse_backup_name (const char  *library_name,
                   const char  *name,
                   char       **out_kind,
                   GDateTime  **out_time)
{
  g_autofree char *rest = NULL;
  char *dash;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (!g_str_has_prefix (name, library_name) || name[strlen (library_name)] != '.'
      || !g_str_has_suffix (name, BACKUP_SUFFIX))
    return FALSE;
  rest = g_strndup (name + strlen (library_name) + 1,
                    strlen (name) - strlen (library_name) - 1 - strlen (BACKUP_SUFFIX));
  dash = strrchr (rest, '-');
  if (dash == NULL || dash == rest)
    return FALSE;
  *dash = '\0';
  /* A kind has no dot: "library.sqlite3.old.daily-…" belongs to another library. */
  if (strchr (rest, '.') != NULL)
    return FALSE;
  *out_time = g_date_time_new_from_iso8601 (dash + 1, utc);
  if (*out_time == NULL)
    return FALSE;
  *out_kind = g_strdup (rest);
  return TRUE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const MgStoreBackup *first = *(MgStoreBackup **) a;
  const MgStoreBackup *second = *(MgStoreBackup **) b;

  return g_date_time_compare (second->time, first->time);
}

/**
 * mg_store_list_backups:
 *
 * Returns: (transfer full) (element-type MgStoreBackup): the backups of the library at
 *   @library_path, newest first; empty when there are none
 */
GPtrArray *
mg_store_list_backups (const char *library_path)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_store_backup_free);
  g_autofree char *folder = g_path_get_dirname (library_path);
  g_autofree char *library_name = g_path_get_basename (library_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      MgStoreBackup *backup;
      char *kind;
      GDateTime *time;

      if (!parse_backup_name (library_name, name, &kind, &time))
        continue;
      backup = g_new0 (MgStoreBackup, 1);
      backup->path = g_build_filename (folder, name, NULL);
      backup->kind = kind;
      backup->time = time;
      g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

/**
 * mg_store_backup_is_due:
 * @now: (nullable): the time to judge by; %NULL for now
 *
 * Returns: %TRUE when no backup of the library is younger than a day. The time comes from
 *   the backups' names, so asking writes nothing to the library.
 */
gboolean
mg_store_backup_is_due (const char *library_path,
                        GDateTime  *now)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (library_path);
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  MgStoreBackup *newest;

  if (backups->len == 0)
    return TRUE;
  newest = g_ptr_array_index (backups, 0);
  return g_date_time_difference (current, newest->time)
         >= (GTimeSpan) MG_STORE_BACKUP_INTERVAL_SECONDS * G_TIME_SPAN_SECOND;
}

static sqlite3 *
open_existing (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                   _("There is no library file “%s”. Check the path."), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      mg_store_set_sqlite_error (error, rc, db ? sqlite3_system_errno (db) : 0, path,
                                 db ? sqlite3_errmsg (db) : NULL);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BACKUP_BUSY_TIMEOUT_MS);
  return db;
}

/* Runs a PRAGMA that answers in rows of one text column: the rows, "ok" alone meaning good. */
static GPtrArray *
pragma_rows (sqlite3     *db,
             const char  *path,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_ptr_array_add (rows, g_strdup (text ? text : "?"));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_sqlite_error (error, rc, sqlite3_system_errno (db), path, sqlite3_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gint64
pragma_int (sqlite3     *db,
            const char  *path,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = pragma_rows (db, path, sql, error);

  if (rows == NULL)
    return -1;
  return rows->len > 0 ? g_ascii_strtoll (rows->pdata[0], NULL, 10) : 0;
}

static gboolean
check_identity (sqlite3     *db,
                const char  *path,
                int         *out_schema_version,
                GError     **error)
{
  gint64 app_id = pragma_int (db, path, "PRAGMA application_id", error);
  gint64 version = app_id < 0 ? -1 : pragma_int (db, path, "PRAGMA user_version", error);

  if (version < 0)
    return FALSE;
  if (app_id != MG_APPLICATION_ID)
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Marginalia library. Check the path."), path);
      return FALSE;
    }
  if (version > mg_store_get_latest_schema_version ())
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_TOO_NEW,
                   _("The library “%s” was written by a newer version of Marginalia "
                     "(schema %d). Update Marginalia to check it."), path, (int) version);
      return FALSE;
    }
  if (out_schema_version != NULL)
    *out_schema_version = (int) version;
  return TRUE;
}

static gboolean
check_pages (sqlite3     *db,
             const char  *path,
             gboolean     quick,
             GError     **error)
{
  g_autoptr(GPtrArray) rows = pragma_rows (db, path, quick ? "PRAGMA quick_check(5)"
                                                           : "PRAGMA integrity_check(5)", error);
  g_autofree char *problems = NULL;

  if (rows == NULL)
    return FALSE;
  if (rows->len == 1 && g_str_equal (rows->pdata[0], "ok"))
    return TRUE;
  g_ptr_array_add (rows, NULL);
  problems = g_strjoinv ("; ", (char **) rows->pdata);
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT,
               /* Translators: the file, then what SQLite found wrong in it. */
               _("The library “%s” is damaged (%s). Restore it from a backup."), path, problems);
  return FALSE;
}

static gboolean
check_references (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GPtrArray) tables = pragma_rows (db, path, "SELECT \"table\" FROM "
                                             "pragma_foreign_key_check LIMIT 5", error);
  g_autofree char *names = NULL;

  if (tables == NULL)
    return FALSE;
  if (tables->len == 0)
    return TRUE;
  g_ptr_array_add (tables, NULL);
  names = g_strjoinv (", ", (char **) tables->pdata);
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT,
               _("The library “%s” is damaged: items in %s refer to items that are gone. "
                 "Restore it from a backup."), path, names);
  return FALSE;
}

/**
 * mg_store_check_file:
 * @path: a library or a backup of one
 * @quick: %TRUE for PRAGMA quick_check (pages and records, no index contents), fast enough
 *   to run at every start; %FALSE for the full integrity check
 * @out_schema_version: (out) (optional): its schema version
 *
 * Checks, without changing it, that @path is a Marginalia library this version reads, that
 * SQLite finds it whole, and that no item refers to one that is gone.
 *
 * Returns: %TRUE when it is good; otherwise @error says what is wrong
 *   (%MG_STORE_ERROR_CORRUPT, %MG_STORE_ERROR_NOT_A_LIBRARY, ...)
 */
gboolean
mg_store_check_file (const char  *path,
                     gboolean     quick,
                     int         *out_schema_version,
                     GError     **error)
{
  sqlite3 *db = open_existing (path, error);
  gboolean good;

  if (db == NULL)
    return FALSE;
  good = check_identity (db, path, out_schema_version, error)
         && check_pages (db, path, quick, error)
         && check_references (db, path, error);
  sqlite3_close (db);
  return good;
}

/**
 * mg_store_error_is_damage:
 *
 * Returns: %TRUE when @error says the library file is damaged, the case a backup mends
 */
gboolean
mg_store_error_is_damage (const GError *error)
{
  return g_error_matches (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT)
         || g_error_matches (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_A_LIBRARY);
}

/**
 * mg_store_backup_if_due:
 *
 * The daily backup: when no backup is younger than a day, checks the library (quick_check)
 * and backs it up on a connection of its own, so it may run in a worker thread. A damaged
 * library is not backed up (it would push a good backup out): the check's error is returned.
 *
 * Returns: (transfer full) (nullable): the new backup's path; %NULL when none was due, or
 *   with @error set
 */
char *
mg_store_backup_if_due (const char  *library_path,
                        GError     **error)
{
  sqlite3 *db;
  char *target = NULL;

  if (!mg_store_backup_is_due (library_path, NULL))
    return NULL;
  db = open_existing (library_path, error);
  if (db == NULL)
    return NULL;
  if (check_identity (db, library_path, NULL, error)
      && check_pages (db, library_path, TRUE, error))
    target = mg_store_backup_connection (db, library_path, "daily", error);
  sqlite3_close (db);
  return target;
}

static char *
choose_good_backup (const char  *library_path,
                    const char  *backup_path,
                    GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) local_error = NULL;

  if (backup_path != NULL)
    return mg_store_check_file (backup_path, FALSE, NULL, error) ? g_strdup (backup_path) : NULL;

  backups = mg_store_list_backups (library_path);
  for (guint i = 0; i < backups->len; i++)
    {
      MgStoreBackup *backup = g_ptr_array_index (backups, i);

      g_clear_error (&local_error);
      if (mg_store_check_file (backup->path, FALSE, NULL, &local_error))
        return g_strdup (backup->path);
      g_debug ("Skipping backup: %s", local_error->message);
    }
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               backups->len == 0
               ? _("There is no backup of the library “%s”. Nothing was changed.")
               : _("No backup of the library “%s” is intact. Nothing was changed."),
               library_path);
  return NULL;
}

/* Nobody else may have the library open while it is replaced: an exclusive lock is only
 * granted when no other connection (window, CLI) holds it. Folding the WAL into the file on
 * the way makes the replaced library one whole file to keep. */
static gboolean
check_not_in_use (const char  *library_path,
                  GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (library_path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (sqlite3_open_v2 (library_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return TRUE;
    }
  rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT", NULL,
                     NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close (db);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_BUSY,
                   _("The library “%s” is open in Marginalia or another program. Close it "
                     "and try again; nothing was changed."), library_path);
      return FALSE;
    }
  /* Any other failure means a damaged file, which is what a restore is for. */
  return TRUE;
}

static gboolean
copy_backup (const char  *backup_path,
             const char  *dest_path,
             GError     **error)
{
  sqlite3 *source = open_existing (backup_path, error);
  gboolean done;

  if (source == NULL)
    return FALSE;
  remove_quietly (dest_path);
  done = copy_database (source, dest_path, error);
  sqlite3_close (source);
  return done;
}

static void
move_aside (const char *from,
            const char *to)
{
  if (g_rename (from, to) != 0 && errno != ENOENT)
    g_debug ("Could not move %s aside: %s", from, g_strerror (errno));
}

/* Keeps the library being replaced (and a WAL that could not be folded in) under @kept, then
 * puts @restored in its place with one rename: at every moment the library's name holds a
 * whole library, the old one or the restored one. */
static gboolean
replace_library (const char  *library_path,
                 const char  *restored,
                 const char  *kept,
                 gboolean    *out_kept,
                 GError     **error)
{
  g_autofree char *wal = g_strconcat (library_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (library_path, "-shm", NULL);
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
  int saved_errno;

  gboolean moved = FALSE;

  *out_kept = FALSE;
  if (g_file_test (library_path, G_FILE_TEST_EXISTS))
    {
      /* A hard link keeps the old file without a moment with no library; a file system
       * without links (a FAT stick) falls back to two renames. */
      if (link (library_path, kept) != 0)
        {
          if (g_rename (library_path, kept) != 0)
            goto fail;
          moved = TRUE;
        }
      *out_kept = TRUE;
    }
  /* A WAL left beside the restored file would be replayed onto it. */
  move_aside (wal, kept_wal);
  remove_quietly (shm);
  if (g_rename (restored, library_path) == 0)
    return TRUE;

fail:
  saved_errno = errno;
  if (moved)
    move_aside (kept, library_path);
  move_aside (kept_wal, wal);
  *out_kept = FALSE;
  mg_store_set_sqlite_error (error, SQLITE_IOERR, saved_errno, library_path,
                             g_strerror (saved_errno));
  return FALSE;
}

/**
 * mg_store_restore_backup:
 * @backup_path: (nullable): the backup to restore; %NULL for the newest intact one
 * @out_used: (out) (optional) (transfer full): the backup restored
 * @out_kept: (out) (optional) (transfer full) (nullable): where the replaced library was
 *   kept, %NULL when there was none
 *
 * Replaces the library with a backup: checks the backup in full, refuses while any program
 * has the library open, keeps the library it replaces beside it (`.replaced-<time>`), and
 * swaps the files with one rename, so a crash at any moment leaves one whole library.
 *
 * Returns: %TRUE when the library is the backup now; otherwise nothing was changed
 */
gboolean
mg_store_restore_backup (const char  *library_path,
                         const char  *backup_path,
                         char       **out_used,
                         char       **out_kept,
                         GError     **error)
{
  g_autofree char *chosen = NULL;
  g_autofree char *restored = g_strconcat (library_path, ".restoring.tmp", NULL);
  g_autofree char *stamp = backup_stamp ();
  g_autofree char *kept = g_strdup_printf ("%s.replaced-%s", library_path, stamp);
  gboolean has_kept;

  g_return_val_if_fail (library_path != NULL, FALSE);

  chosen = choose_good_backup (library_path, backup_path, error);
  if (chosen == NULL || !check_not_in_use (library_path, error)
      || !copy_backup (chosen, restored, error))
    return FALSE;
  if (!replace_library (library_path, restored, kept, &has_kept, error))
    {
      remove_quietly (restored);
      return FALSE;
    }
  if (out_used != NULL)
    *out_used = g_steal_pointer (&chosen);
  if (out_kept != NULL)
    *out_kept = has_kept ? g_steal_pointer (&kept) : NULL;
  return TRUE;
}

/**
 * mg_store_get_data_version:
 *
 * PRAGMA data_version of the store's connection: it changes when another connection (the
 * CLI, a second window, a worker) commits, never for this connection's own writes. Cheap
 * enough to poll every second.
 *
 * Returns: the version, or -1 when it cannot be read
 */
gint64
mg_store_get_data_version (MgStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  g_return_val_if_fail (MG_IS_STORE (store), -1);

  if (sqlite3_prepare_v2 (mg_store_get_connection (store), "PRAGMA data_version", -1, &stmt,
                          NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}
