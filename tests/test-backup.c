/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups of the library, its integrity check, restoring a good backup, and the file modes
 * that keep a library private. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mg-store.h"
#include "mg-store-backup.h"
#include "mg-store-schema.h"

static char *
library_path (const char *name)
{
  const char *folder = g_get_user_data_dir ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  return g_build_filename (folder, name, NULL);
}

static MgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void add_text (MgStore *store, const char *title);

/* @count documents titled "PREFIX 0", "PREFIX 1", ... */
static void
add_numbered (MgStore    *store,
              const char *prefix,
              int         count)
{
  for (int i = 0; i < count; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %d", prefix, i);
      add_text (store, title);
    }
}

static void
add_text (MgStore    *store,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("The text of %s, for the backup tests.\n", title);
  g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);

  g_assert_true (mg_store_add_document (store, document, NULL, &error));
  g_assert_no_error (error);
}

/* The titles in the library at @path, in import order, joined by commas. */
static char *
titles (const char *path)
{
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GListModel) documents = mg_store_list_documents (store, NULL);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = g_list_model_get_n_items (documents); i > 0; i--)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i - 1);
      g_string_append_printf (joined, "%s%s", joined->len ? "," : "",
                              mg_document_get_title (document));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
assert_titles (const char *path,
               const char *expected)
{
  g_autofree char *found = titles (path);

  g_assert_cmpstr (found, ==, expected);
}

static guint
backup_count (const char *path)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (path);

  return backups->len;
}

static guint
document_count (MgStore *store)
{
  g_autoptr(GListModel) documents = mg_store_list_documents (store, NULL);

  return g_list_model_get_n_items (documents);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 0777;
}

/* Garbles every page but the first: the file still says it is SQLite and ours, and all that
 * is in it is damage. */
static void
damage (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
}

static void
test_private_files (void)
{
  g_autofree char *path = mg_store_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(MgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  /* Even with a permissive umask nothing the library writes is readable by others. */
  umask (0022);
  store = open_store (NULL);
  add_text (store, "Private");
  g_assert_cmphex (file_mode (folder), ==, 0700);
  g_assert_cmphex (file_mode (path), ==, 0600);
  g_assert_cmphex (file_mode (wal), ==, 0600);
  g_assert_cmphex (file_mode (shm), ==, 0600);
  backup = mg_store_backup_now (store, "manual", &error);
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (backup), ==, 0600);
}

static void
test_backup_now (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  int version = 0;

  add_text (store, "One");
  first = mg_store_backup_now (store, "manual", &error);
  g_assert_no_error (error);
  add_text (store, "Two");
  second = mg_store_backup_now (store, "daily", &error);
  g_assert_no_error (error);

  backups = mg_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((MgStoreBackup *) backups->pdata[0])->path, ==, second);
  g_assert_cmpstr (((MgStoreBackup *) backups->pdata[0])->kind, ==, "daily");
  g_assert_cmpstr (((MgStoreBackup *) backups->pdata[1])->path, ==, first);
  g_assert_cmpstr (((MgStoreBackup *) backups->pdata[1])->kind, ==, "manual");

  /* Each is a whole library of its own, without a -wal beside it. */
  g_assert_true (mg_store_check_file (first, FALSE, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, mg_store_get_latest_schema_version ());
  g_clear_object (&store);
  assert_titles (first, "One");
  assert_titles (second, "One,Two");
}

static void
test_keeps_last_five (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *other = library_path ("library.sqlite3.old.daily-20200101T000000.0Z.bak");

  /* Another library's backup beside this one is neither listed nor pruned. */
  g_assert_true (g_file_set_contents (other, "", 0, NULL));
  for (int i = 0; i < MG_STORE_BACKUPS_KEPT + 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_ptr_array_add (made, mg_store_backup_now (store, "daily", &error));
      g_assert_no_error (error);
    }
  backups = mg_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, MG_STORE_BACKUPS_KEPT);
  for (guint i = 0; i < backups->len; i++)
    g_assert_cmpstr (((MgStoreBackup *) backups->pdata[i])->path, ==,
                     made->pdata[made->len - 1 - i]);
  g_assert_false (g_file_test (made->pdata[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_daily (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_hours (now, 25);

  g_assert_true (mg_store_backup_is_due (path, NULL));
  /* It runs beside an open connection, as it does in the window's worker. */
  made = mg_store_backup_if_due (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (g_str_has_suffix (made, ".bak"));
  g_assert_false (mg_store_backup_is_due (path, NULL));
  g_assert_true (mg_store_backup_is_due (path, tomorrow));
  again = mg_store_backup_if_due (path, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpuint (backup_count (path), ==, 1);
}

static void
test_daily_skips_damaged (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  add_numbered (store, "Document", 20);
  g_clear_object (&store);
  damage (path);

  /* A damaged library backed up would push a good backup out of the five. */
  made = mg_store_backup_if_due (path, &error);
  g_assert_null (made);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  backups = mg_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 0);
}

/* A library at schema 1, as the first release wrote it. */
static void
write_old_library (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, mg_store_schema_migrations[0], NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1; PRAGMA application_id = "
                                 "1297237836", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migration_backup (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  MgStoreBackup *backup;
  int version = 0;

  if (mg_store_get_latest_schema_version () < 2)
    {
      g_test_skip ("only one schema version so far");
      return;
    }
  write_old_library (path);
  store = open_store (path);
  backups = mg_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = backups->pdata[0];
  g_assert_cmpstr (backup->kind, ==, "v1");
  g_assert_cmphex (file_mode (backup->path), ==, 0600);
  g_assert_true (mg_store_check_file (backup->path, FALSE, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 1);
}

static void
test_check (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autofree char *missing = library_path ("missing.sqlite3");
  g_autofree char *other = library_path ("other.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  add_numbered (store, "Document", 20);
  /* Quick or full, a good library passes, even while it is open. */
  g_assert_true (mg_store_check_file (path, TRUE, NULL, &error));
  g_assert_true (mg_store_check_file (path, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_false (mg_store_check_file (missing, FALSE, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (mg_store_check_file (other, FALSE, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_A_LIBRARY);
  g_clear_error (&error);

  damage (path);
  g_assert_false (mg_store_check_file (path, TRUE, NULL, &error));
  g_assert_true (mg_store_error_is_damage (error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Restore it from a backup"));
}

static void
test_check_dangling_reference (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  add_text (store, "Has a passage");
  g_clear_object (&store);
  /* Written with foreign keys off, as a careless tool would. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO reading_positions (document, offset) "
                                 "VALUES (999, 3)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (mg_store_check_file (path, FALSE, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "reading_positions"));
}

static void
test_restore_newest_good (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *used = NULL;
  g_autofree char *kept = NULL;

  add_numbered (store, "Old", 20);
  good = mg_store_backup_now (store, "daily", &error);
  add_text (store, "New");
  bad = mg_store_backup_now (store, "daily", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  damage (bad);
  damage (path);

  /* The newest backup is damaged too: the one before it is restored. */
  g_assert_true (mg_store_restore_backup (path, NULL, &used, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, good);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_true (mg_store_check_file (path, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (path), ==, 0600);
  store = open_store (path);
  g_assert_cmpuint (document_count (store), ==, 20);
  add_text (store, "Written after the restore");
}

static void
test_restore_refuses_in_use (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  backup = mg_store_backup_now (store, "manual", &error);
  add_text (store, "Newer than the backup");

  g_assert_false (mg_store_restore_backup (path, NULL, NULL, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_BUSY);
  g_test_message ("%s", error->message);
  /* Nothing changed: the open store still reads and writes its library. */
  add_text (store, "Still writable");
  g_clear_object (&store);
  assert_titles (path, "Newer than the backup,Still writable");
}

static void
test_restore_without_good_backup (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  add_numbered (store, "Document", 20);
  g_clear_object (&store);

  g_assert_false (mg_store_restore_backup (path, NULL, NULL, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  store = open_store (path);
  backup = mg_store_backup_now (store, "manual", &error);
  g_clear_object (&store);
  damage (backup);
  g_assert_false (mg_store_restore_backup (path, NULL, NULL, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mg_store_restore_backup (path, backup, NULL, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT);
  g_assert_true (mg_store_check_file (path, FALSE, NULL, NULL));
  g_assert_cmpuint (backup_count (path), ==, 1);
  store = open_store (path);
  g_assert_cmpuint (document_count (store), ==, 20);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/private-files", test_private_files);
  g_test_add_func ("/backup/now", test_backup_now);
  g_test_add_func ("/backup/keeps-last-five", test_keeps_last_five);
  g_test_add_func ("/backup/daily", test_daily);
  g_test_add_func ("/backup/daily/skips-damaged", test_daily_skips_damaged);
  g_test_add_func ("/backup/migration", test_migration_backup);
  g_test_add_func ("/backup/check", test_check);
  g_test_add_func ("/backup/check/dangling-reference", test_check_dangling_reference);
  g_test_add_func ("/backup/restore/newest-good", test_restore_newest_good);
  g_test_add_func ("/backup/restore/in-use", test_restore_refuses_in_use);
  g_test_add_func ("/backup/restore/no-good-backup", test_restore_without_good_backup);

  return g_test_run ();
}
