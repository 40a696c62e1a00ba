/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore: the library file, what it refuses to open, what it keeps, and how it fails. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mg-store.h"

#define MG_APPLICATION_ID 0x4d52474c

/* The subprocess half of a test finds its library through this variable. */
#define LIBRARY_ENV "MG_TEST_LIBRARY"

/* Each test case has its own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
library_path (const char *name)
{
  const char *folder = g_get_user_data_dir ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  return g_build_filename (folder, name, NULL);
}

/* For tests with a subprocess: GLib gives the subprocess the same per-test folder as its
 * parent and removes that folder when the subprocess's test ends, library and all. */
static char *
shared_library_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mg-test-store-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (folder, "library.sqlite3", NULL);
}

static void
remove_shared_library (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *folder = g_path_get_dirname (path);

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_assert_no_errno (g_rmdir (folder));
}

static MgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static MgDocument *
add_text (MgStore    *store,
          const char *title,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  MgDocument *document = mg_document_new (title, text, "file:///tmp/source.txt", NULL);
  gboolean existed = TRUE;

  g_assert_true (mg_store_add_document (store, document, &existed, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  g_assert_cmpint (mg_document_get_id (document), >, 0);
  return document;
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = file_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

/* A library that was refused must not have grown a journal beside it either. */
static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (path, &error);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_null (store);
  g_assert_error (error, MG_STORE_ERROR, code);
  /* The message names the file (or the folder that could not be made), so the user knows
   * which one is meant. */
  g_assert_nonnull (strstr (error->message, folder));
}

/* Raw SQLite, beside the store, to look at what it wrote without going through it. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  g_autofree char *text = raw_text (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
test_create (void)
{
  g_autofree char *path = library_path ("new/folder/library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GListModel) documents = mg_store_list_documents (store, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (mg_store_get_path (store), ==, path);
  g_assert_cmpint (mg_store_get_latest_schema_version (), >=, 1);
  g_assert_cmpint (mg_store_get_schema_version (store), ==, mg_store_get_latest_schema_version ());
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 0);
  g_clear_object (&store);

  /* What other programs (and `file`) see of the file. */
  g_assert_cmpint (raw_int (path, "PRAGMA application_id"), ==, MG_APPLICATION_ID);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==,
                   mg_store_get_latest_schema_version ());
}

static void
test_defaults (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autofree char *colour = NULL;

  g_clear_object (&store);

  /* A first highlight needs a code and a set; a fresh library has both, exactly once. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM codes WHERE name = 'Highlight'"), ==, 1);
  colour = raw_text (path, "SELECT colour FROM codes WHERE name = 'Highlight'");
  g_assert_true (g_str_has_prefix (colour, "#"));
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM annotation_sets WHERE name = 'Mine'"
                                  " AND origin = 'local'"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM codes"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM annotation_sets"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT length(uuid) FROM codes"), ==, 36);
}

static void
test_wal_and_foreign_keys (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = raw_text (path, "PRAGMA journal_mode");

  /* WAL lets the app read while the CLI writes. */
  g_assert_cmpstr (mode, ==, "wal");

  /* With foreign keys on, nothing can point at a document that does not exist. */
  g_assert_false (mg_store_set_reading_position (store, 4242, 10, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (mg_store_get_reading_position (store, 4242), ==, 0);
}

static void
test_reopen (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) added = add_text (store, "Kept", "Text that must survive a restart.\n");
  g_autoptr(MgDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *value = NULL;
  const char *name;

  g_assert_true (mg_store_set_meta (store, "last-document", "1", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (path);
  g_assert_cmpint (mg_store_get_schema_version (store), ==, mg_store_get_latest_schema_version ());
  again = mg_store_get_document (store, mg_document_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_document_get_text (again), ==, "Text that must survive a restart.\n");
  g_assert_cmpstr (mg_document_get_title (again), ==, "Kept");
  g_assert_cmpstr (mg_document_get_uuid (again), ==, mg_document_get_uuid (added));
  value = mg_store_get_meta (store, "last-document");
  g_assert_cmpstr (value, ==, "1");

  /* Opening a library that is up to date makes no migration backup. */
  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".bak"));
}

static void
test_empty_file (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = NULL;

  /* A 0-byte file is what a user gets from `touch` or an interrupted first start. */
  write_file (path, "", 0);
  store = open_store (path);
  g_assert_cmpint (mg_store_get_schema_version (store), ==, mg_store_get_latest_schema_version ());
  g_clear_object (&store);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM codes WHERE name = 'Highlight'"), ==, 1);
}

static void
test_not_sqlite_text (void)
{
  g_autofree char *path = library_path ("notes.txt");
  g_autoptr(GBytes) before = NULL;

  write_file (path, "Shopping: bread, lentils, two lemons.\nCall the archive on Tuesday.\n", -1);
  before = file_bytes (path);
  assert_open_fails (path, MG_STORE_ERROR_NOT_A_LIBRARY);
  assert_file_unchanged (path, before);
  assert_no_side_files (path);
}

static void
test_not_sqlite_random (void)
{
  g_autofree char *path = library_path ("noise.bin");
  g_autoptr(GBytes) before = NULL;
  guint8 noise[8192];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  write_file (path, (const char *) noise, sizeof noise);
  before = file_bytes (path);
  assert_open_fails (path, MG_STORE_ERROR_NOT_A_LIBRARY);
  assert_file_unchanged (path, before);
  assert_no_side_files (path);
}

static void
test_other_program (void)
{
  g_autofree char *path = library_path ("recipes.sqlite3");
  g_autofree char *tagged = library_path ("tagged.sqlite3");
  g_autoptr(GBytes) before = NULL;
  sqlite3 *db = raw_open (path);

  raw_exec (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  sqlite3_close (db);
  before = file_bytes (path);
  assert_open_fails (path, MG_STORE_ERROR_NOT_A_LIBRARY);
  assert_file_unchanged (path, before);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_master"), ==, 1);

  /* Another program's id refuses the file even when it has no tables yet. */
  db = raw_open (tagged);
  raw_exec (db, "PRAGMA application_id = 1234567");
  sqlite3_close (db);
  g_clear_pointer (&before, g_bytes_unref);
  before = file_bytes (tagged);
  assert_open_fails (tagged, MG_STORE_ERROR_NOT_A_LIBRARY);
  assert_file_unchanged (tagged, before);
}

static void
test_too_new (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d",
                                                  mg_store_get_latest_schema_version () + 1);
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) document = add_text (store, "From the future", "Written later.\n");
  g_autoptr(GBytes) before = NULL;
  sqlite3 *db;

  g_clear_object (&store);
  db = raw_open (path);
  raw_exec (db, set_version);
  sqlite3_close (db);

  before = file_bytes (path);
  assert_open_fails (path, MG_STORE_ERROR_TOO_NEW);
  assert_file_unchanged (path, before);
}

static void
test_corrupt (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) document = add_text (store, "Doomed", "A page that will be damaged.\n");
  g_autoptr(GBytes) before = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_clear_object (&store);
  /* Keep the 100-byte header (so it is still recognisably a library), smash the rest of the
   * first page, where the table of tables lives. */
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (data + 100, 0xa5, 4096 - 100);
  write_file (path, data, length);
  before = file_bytes (path);

  assert_open_fails (path, MG_STORE_ERROR_CORRUPT);
  assert_file_unchanged (path, before);
}

static void
test_folder (void)
{
  g_autofree char *path = library_path ("a-folder.sqlite3");

  g_assert_no_errno (g_mkdir (path, 0700));
  assert_open_fails (path, MG_STORE_ERROR_OPEN);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_unwritable_parent (void)
{
  g_autofree char *file = library_path ("plain-file");
  g_autofree char *under_file = g_build_filename (file, "sub", "library.sqlite3", NULL);

  /* A parent that is a file cannot hold a folder, whoever asks (root included). */
  write_file (file, "not a folder\n", -1);
  assert_open_fails (under_file, MG_STORE_ERROR_OPEN);

  if (geteuid () != 0)
    {
      g_autofree char *locked = library_path ("locked");
      g_autofree char *inside = g_build_filename (locked, "library.sqlite3", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgStore) store = NULL;

      g_assert_no_errno (g_mkdir (locked, 0500));
      store = mg_store_open (inside, &error);
      g_assert_null (store);
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_OPEN);
      g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
      g_chmod (locked, 0700);
    }
  else
    g_test_message ("running as root: a read-only folder cannot be tested, only a file parent");
}

static void
test_document_round_trip (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  /* Combining marks that do not compose and a character beyond the BMP: stored as given. */
  const char *text = "Caf\xc3\xa9 q\xcc\xa3 \xf0\x9d\x84\x9e clef\nsecond line\n";
  g_autoptr(MgDocument) added = add_text (store, "Round trip", text);
  g_autoptr(MgDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_nonnull (mg_document_get_uuid (added));
  g_assert_true (g_uuid_string_is_valid (mg_document_get_uuid (added)));
  g_assert_cmpint (ABS (mg_document_get_imported (added) - now), <=, 5);

  loaded = mg_store_get_document (store, mg_document_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mg_document_get_id (loaded), ==, mg_document_get_id (added));
  g_assert_cmpstr (mg_document_get_text (loaded), ==, text);
  g_assert_cmpstr (mg_document_get_title (loaded), ==, "Round trip");
  g_assert_cmpstr (mg_document_get_source_uri (loaded), ==, "file:///tmp/source.txt");
  g_assert_cmpstr (mg_document_get_media_type (loaded), ==, "text/plain");
  g_assert_cmpstr (mg_document_get_sha256 (loaded), ==, mg_document_get_sha256 (added));
  g_assert_cmpint (mg_document_get_char_count (loaded), ==, g_utf8_strlen (text, -1));
  g_assert_cmpint (mg_document_get_char_count (loaded), ==, 27);
  g_assert_cmpint (mg_document_get_imported (loaded), ==, mg_document_get_imported (added));
  g_assert_cmpuint (mg_document_get_annotation_count (loaded), ==, 0);
}

static void
test_document_duplicate (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) first = add_text (store, "Original", "The same words twice.\n");
  g_autoptr(MgDocument) copy = mg_document_new ("Copy", "The same words twice.\n", NULL, NULL);
  g_autoptr(MgDocument) quiet = mg_document_new ("Third", "The same words twice.\n", NULL, NULL);
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(MgDocument) kept = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed = FALSE;

  g_assert_true (mg_store_add_document (store, copy, &existed, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (mg_document_get_id (copy), ==, mg_document_get_id (first));

  /* out_existed is optional. */
  g_assert_true (mg_store_add_document (store, quiet, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mg_document_get_id (quiet), ==, mg_document_get_id (first));

  documents = mg_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  kept = g_list_model_get_item (documents, 0);
  g_assert_cmpstr (mg_document_get_title (kept), ==, "Original");
}

static void
test_document_not_found (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) only = add_text (store, "Only", "The only document.\n");
  const gint64 missing[] = { 0, -1, mg_document_get_id (only) + 1, G_MAXINT64 };

  for (gsize i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgDocument) document = mg_store_get_document (store, missing[i], &error);

      g_assert_null (document);
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
    }
}

static void
test_document_list (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) a = add_text (store, "Alpha", "First text.\n");
  g_autoptr(MgDocument) b = add_text (store, "Beta", "Second text, a little longer.\n");
  g_autoptr(MgDocument) c = add_text (store, "Gamma", "Third \xc3\xa9.\n");
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  const char *expected[] = { "Beta", "Alpha", "Gamma" };

  /* Newest import first; Gamma is made to look imported a year ago. */
  db = raw_open (path);
  raw_exec (db, "UPDATE documents SET imported = imported - 31536000 WHERE title = 'Gamma'");
  sqlite3_close (db);

  documents = mg_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);

      g_assert_cmpstr (mg_document_get_title (document), ==, expected[i]);
      /* The sidebar's rows carry no text: it would cost memory for every document. */
      g_assert_null (mg_document_get_text (document));
      g_assert_true (g_uuid_string_is_valid (mg_document_get_uuid (document)));
      g_assert_cmpint (mg_document_get_imported (document), >, 0);
      g_assert_cmpuint (mg_document_get_annotation_count (document), ==, 0);
      g_assert_cmpstr (mg_document_get_media_type (document), ==, "text/plain");
    }

  {
    g_autoptr(MgDocument) beta = g_list_model_get_item (documents, 0);
    g_autoptr(MgDocument) gamma = g_list_model_get_item (documents, 2);

    g_assert_cmpint (mg_document_get_id (beta), ==, mg_document_get_id (b));
    g_assert_cmpint (mg_document_get_char_count (beta), ==, 30);
    g_assert_cmpstr (mg_document_get_sha256 (beta), ==, mg_document_get_sha256 (b));
    g_assert_cmpint (mg_document_get_char_count (gamma), ==, 9);
    g_assert_cmpint (mg_document_get_imported (gamma), <, mg_document_get_imported (a));
  }
}

static void
test_document_find_sha256 (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) document = add_text (store, "Hashed", "Find me by my hash.\n");
  g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "absent", -1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mg_store_find_document_by_sha256 (store, mg_document_get_sha256 (document),
                                                     &error), ==, mg_document_get_id (document));
  g_assert_no_error (error);
  g_assert_cmpint (mg_store_find_document_by_sha256 (store, other, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_reading_position (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(MgDocument) document = add_text (store, "Long", "A long read.\n");
  g_autoptr(MgDocument) other = add_text (store, "Other", "Another read.\n");
  gint64 id = mg_document_get_id (document);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mg_store_get_reading_position (store, id), ==, 0);
  g_assert_true (mg_store_set_reading_position (store, id, 120, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mg_store_get_reading_position (store, id), ==, 120);
  g_assert_true (mg_store_set_reading_position (store, id, 7, &error));
  g_assert_cmpint (mg_store_get_reading_position (store, id), ==, 7);
  /* Each document keeps its own place. */
  g_assert_cmpint (mg_store_get_reading_position (store, mg_document_get_id (other)), ==, 0);
  /* A negative offset is clamped to the start rather than stored. */
  g_assert_true (mg_store_set_reading_position (store, mg_document_get_id (other), -5, &error));
  g_assert_cmpint (mg_store_get_reading_position (store, mg_document_get_id (other)), ==, 0);

  g_clear_object (&store);
  store = open_store (path);
  g_assert_cmpint (mg_store_get_reading_position (store, id), ==, 7);
}

static void
test_meta (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_null (mg_store_get_meta (store, "reader-font"));
  g_assert_true (mg_store_set_meta (store, "reader-font", "Serif 12", &error));
  g_assert_no_error (error);
  value = mg_store_get_meta (store, "reader-font");
  g_assert_cmpstr (value, ==, "Serif 12");
  g_free (value);

  g_assert_true (mg_store_set_meta (store, "reader-font", "Vi\xe1\xbb\x87t 14", &error));
  g_assert_no_error (error);
  value = mg_store_get_meta (store, "reader-font");
  g_assert_cmpstr (value, ==, "Vi\xe1\xbb\x87t 14");
  g_free (value);

  g_clear_object (&store);
  store = open_store (path);
  value = mg_store_get_meta (store, "reader-font");
  g_assert_cmpstr (value, ==, "Vi\xe1\xbb\x87t 14");
  g_free (value);

  /* NULL removes the key; removing an absent key is not an error. */
  g_assert_true (mg_store_set_meta (store, "reader-font", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mg_store_get_meta (store, "reader-font"));
  g_assert_true (mg_store_set_meta (store, "never-set", NULL, &error));
  g_assert_no_error (error);
}

/* Both processes write while a third connection sits in a read transaction: WAL means the
 * reader blocks nobody and still sees its own snapshot. */
static void
test_concurrent_processes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) first = NULL;
  g_autoptr(MgDocument) last = NULL;
  g_autoptr(GListModel) documents = NULL;
  sqlite3 *reader;
  sqlite3_stmt *count;

  if (g_test_subprocess ())
    {
      g_autoptr(MgStore) second = open_store (g_getenv (LIBRARY_ENV));
      g_autoptr(MgDocument) document = add_text (second, "From process two",
                                                 "Written by process two.\n");
      return;
    }

  path = shared_library_path ();
  store = open_store (path);
  first = add_text (store, "From the app", "Written by process one.\n");

  reader = raw_open (path);
  raw_exec (reader, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM documents", -1, &count,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (count, 0), ==, 1);
  sqlite3_reset (count);

  g_setenv (LIBRARY_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The open read transaction still sees the library as it was when it began. */
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (count, 0), ==, 1);
  sqlite3_finalize (count);

  last = add_text (store, "From the app again", "Written by process one, later.\n");
  raw_exec (reader, "COMMIT");
  sqlite3_close (reader);

  documents = mg_store_list_documents (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  g_clear_object (&store);
  remove_shared_library (path);
}

typedef struct
{
  char *path;
  gboolean added;
} Writer;

static gpointer
write_in_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (writer->path, &error);
  g_autoptr(MgDocument) document = mg_document_new ("Patient", "I waited my turn.\n", NULL, NULL);

  g_assert_no_error (error);
  writer->added = mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

/* A second writer waits for the first to commit instead of failing at once. */
static void
test_concurrent_writer_waits (void)
{
  g_autofree char *path = library_path ("library.sqlite3");
  g_autoptr(MgStore) store = open_store (path);
  Writer writer = { path, FALSE };
  GThread *thread;
  sqlite3 *holder = raw_open (path);

  raw_exec (holder, "BEGIN IMMEDIATE");
  thread = g_thread_new ("writer", write_in_thread, &writer);
  g_usleep (300 * 1000);
  g_assert_false (writer.added);
  raw_exec (holder, "COMMIT");
  g_thread_join (thread);
  sqlite3_close (holder);

  g_assert_true (writer.added);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM documents"), ==, 1);
}

/* Paragraphs of distinct text, so no compression or deduplication can make it small. */
static char *
large_text (gsize bytes)
{
  GString *text = g_string_sized_new (bytes + 64);

  for (guint i = 0; text->len < bytes; i++)
    g_string_append_printf (text, "Paragraph %u of a very long report on the harbour.\n", i);
  return g_string_free (text, FALSE);
}

static void
test_full_disk (void)
{
  g_autofree char *path = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) small = NULL;
  g_autoptr(MgDocument) after = NULL;
  g_autoptr(GListModel) documents = NULL;
  g_autofree char *integrity = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = large_text (4 * 1024 * 1024);
      g_autoptr(MgDocument) big = mg_document_new ("Too big", text, NULL, NULL);
      struct rlimit limit;

      store = open_store (g_getenv (LIBRARY_ENV));
      /* No file may grow past 1 MiB: the cheapest full disk there is. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_no_errno (getrlimit (RLIMIT_FSIZE, &limit));
      limit.rlim_cur = 1024 * 1024;
      g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &limit));

      g_assert_false (mg_store_add_document (store, big, NULL, &error));
      g_test_message ("full disk: %s", error ? error->message : "no error");
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FULL);
      g_assert_cmpint (mg_document_get_id (big), ==, 0);
      /* Reading still works after the failed write. */
      documents = mg_store_list_documents (store, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
      return;
    }

  path = shared_library_path ();
  store = open_store (path);
  small = add_text (store, "Before", "Imported before the disk filled up.\n");
  g_clear_object (&store);

  g_setenv (LIBRARY_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Intact: it opens, has what it had, and takes new documents once there is room. */
  store = open_store (path);
  documents = mg_store_list_documents (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  after = add_text (store, "After", "Imported once there was room again.\n");
  g_clear_object (&store);
  integrity = raw_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  remove_shared_library (path);
}

/* Root may write anywhere, so the subprocess gives up root before it looks at the file. */
static void
become_unprivileged (void)
{
  struct passwd *nobody;

  if (geteuid () != 0)
    return;
  nobody = getpwnam ("nobody");
  g_assert_nonnull (nobody);
  g_assert_no_errno (setgroups (0, NULL));
  g_assert_no_errno (setgid (nobody->pw_gid));
  g_assert_no_errno (setuid (nobody->pw_uid));
  g_assert_cmpint (geteuid (), !=, 0);
}

static void
test_read_only (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) kept = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(MgDocument) refused = mg_document_new ("Refused", "Cannot be stored.\n", NULL,
                                                       NULL);
      g_autoptr(GListModel) documents = NULL;

      become_unprivileged ();
      store = mg_store_open (g_getenv (LIBRARY_ENV), &error);
      g_assert_no_error (error);
      /* What it holds can still be read... */
      documents = mg_store_list_documents (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
      /* ...but every write says why it failed. */
      g_assert_false (mg_store_add_document (store, refused, NULL, &error));
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (mg_store_set_meta (store, "key", "value", &error));
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_READ_ONLY);
      return;
    }

  /* Outside the per-test folder, which only its owner may enter. */
  path = shared_library_path ();
  folder = g_path_get_dirname (path);
  store = open_store (path);
  kept = add_text (store, "Kept", "Only this one.\n");
  g_clear_object (&store);
  before = file_bytes (path);

  /* The folder stays open to all, so only the file itself is read-only. */
  g_assert_no_errno (g_chmod (folder, 0777));
  g_assert_no_errno (g_chmod (path, 0444));
  g_setenv (LIBRARY_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  assert_file_unchanged (path, before);
  g_chmod (path, 0644);
  store = open_store (path);
  g_assert_null (mg_store_get_meta (store, "key"));
  g_clear_object (&store);
  remove_shared_library (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/defaults", test_defaults);
  g_test_add_func ("/store/wal-and-foreign-keys", test_wal_and_foreign_keys);
  g_test_add_func ("/store/reopen", test_reopen);
  g_test_add_func ("/store/open/empty-file", test_empty_file);
  g_test_add_func ("/store/open/not-sqlite/text", test_not_sqlite_text);
  g_test_add_func ("/store/open/not-sqlite/random", test_not_sqlite_random);
  g_test_add_func ("/store/open/other-program", test_other_program);
  g_test_add_func ("/store/open/too-new", test_too_new);
  g_test_add_func ("/store/open/corrupt", test_corrupt);
  g_test_add_func ("/store/open/folder", test_folder);
  g_test_add_func ("/store/open/unwritable-parent", test_unwritable_parent);
  g_test_add_func ("/store/document/round-trip", test_document_round_trip);
  g_test_add_func ("/store/document/duplicate", test_document_duplicate);
  g_test_add_func ("/store/document/not-found", test_document_not_found);
  g_test_add_func ("/store/document/list", test_document_list);
  g_test_add_func ("/store/document/find-sha256", test_document_find_sha256);
  g_test_add_func ("/store/reading-position", test_reading_position);
  g_test_add_func ("/store/meta", test_meta);
  g_test_add_func ("/store/concurrent/processes", test_concurrent_processes);
  g_test_add_func ("/store/concurrent/writer-waits", test_concurrent_writer_waits);
  g_test_add_func ("/store/fault/full-disk", test_full_disk);
  g_test_add_func ("/store/fault/read-only", test_read_only);

  return g_test_run ();
}
