/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and other processes on the same library: the CLI writes while the window shows
 * the document; the daily backup; closing while an import runs. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "mg-library-rescue.h"
#include "mg-store-codes.h"
#include "mg-store-backup.h"
#include "mg-test-cli.h"
#include "mg-window-private.h"

#define WAIT_TIMEOUT_MS 10000

typedef struct
{
  char *folder;
  char *library;
  MgStore *store;
  MgWindow *window;
  gint64 document_id;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (WAIT_TIMEOUT_MS, on_timeout, &timed_out);

  while (!condition (fixture) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

/* gtk_test_init() does not isolate the XDG folders: every file lives in the fixture's own. */
static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->folder, name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new ("Field notes", "Harbour notes: the tide "
                                                    "came in at dawn, and the boats with it.\n",
                                                    NULL, NULL);

  fixture->folder = g_dir_make_tmp ("marginalia-ui-safety-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = fixture_path (fixture, "library.sqlite3");
  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_true (mg_store_add_document (fixture->store, document, NULL, &error));
  fixture->document_id = mg_document_get_id (document);
  fixture->window = mg_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (mg_window_open_document (fixture->window, fixture->document_id));
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

/* The rescue happens before any window exists: a library and no window. */
static void
library_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-ui-safety-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = fixture_path (fixture, "library.sqlite3");
  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->store);
  remove_folder (fixture->folder);
  g_free (fixture->library);
  g_free (fixture->folder);
}

static gboolean
window_shows_a_passage (Fixture *fixture)
{
  return fixture->window->spans != NULL && fixture->window->spans->len > 0;
}

static gboolean
sidebar_lists_two (Fixture *fixture)
{
  MgLibrarySidebar *sidebar = mg_window_get_library_sidebar (fixture->window);

  return g_list_model_get_n_items (mg_library_sidebar_get_model (sidebar)) == 2;
}

static gboolean
backup_made (Fixture *fixture)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (fixture->library);

  return backups->len == 1;
}

static void
test_cli_writes_while_shown (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->document_id);
  g_autofree char *text = fixture_path (fixture, "second.txt");
  g_autoptr(Run) annotate = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (window_shows_a_passage (fixture));
  /* The CLI is another process with its own connection: no "locked" either way. */
  annotate = run_cli ("--library", fixture->library, "annotate", "--document", id,
                      "--start", "0", "--end", "7", "--code", "Highlight");
  assert_status (annotate, 0);
  wait_until (fixture, window_shows_a_passage);

  g_file_set_contents (text, "Another notebook, imported from a terminal.\n", -1, &error);
  g_assert_no_error (error);
  import = run_cli ("--library", fixture->library, "import", text);
  assert_status (import, 0);
  wait_until (fixture, sidebar_lists_two);
}

static void
test_daily_backup (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;

  /* A library in use with no backup gets one at once, in a worker. */
  wait_until (fixture, backup_made);
  backups = mg_store_list_backups (fixture->library);
  g_assert_cmpstr (((MgStoreBackup *) backups->pdata[0])->kind, ==, "daily");
  g_assert_true (mg_store_check_file (((MgStoreBackup *) backups->pdata[0])->path, FALSE,
                                      NULL, NULL));
}

static void
test_close_during_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) documents = NULL;

  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02d.txt", i);
      g_autofree char *path = fixture_path (fixture, name);
      g_autofree char *text = g_strdup_printf ("Part %d\n\nA page of the long report.\n", i);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  mg_window_import_files (fixture->window, (GFile **) files->pdata, files->len);
  /* Closing (as quitting does) cancels the import: nothing half-imported, no warning from
   * a worker finishing for a window that is gone. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  for (int i = 0; i < 200; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  documents = mg_store_list_documents (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
}

static void
set_file_limit (rlim_t bytes)
{
  struct rlimit limit;

  g_assert_no_errno (getrlimit (RLIMIT_FSIZE, &limit));
  limit.rlim_cur = bytes == 0 ? limit.rlim_max : bytes;
  g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &limit));
}

static void
test_full_disk_tagging (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  g_autoptr(MgCode) code = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (int i = 0; i < 3000; i++)
    g_string_append_printf (text, "Entry %04d of the ledger. ", i);
  document = mg_document_new ("Ledger", text->str, NULL, NULL);
  g_assert_true (mg_store_add_document (fixture->store, document, NULL, &error));
  id = mg_document_get_id (document);
  g_assert_true (mg_window_open_document (fixture->window, id));
  for (int i = 0; i < 3000; i++)
    {
      MgRange range = { i * 26, i * 26 + 10 };
      g_array_append_val (ranges, range);
    }
  code = mg_store_find_code (fixture->store, "Highlight", &error);
  g_assert_no_error (error);

  /* The disk fills up (here: no file may grow past 256 KiB) during a large tagging. */
  signal (SIGXFSZ, SIG_IGN);
  set_file_limit (256 * 1024);
  g_assert_cmpint (mg_window_tag_ranges (fixture->window, ranges, code), ==, -1);
  set_file_limit (0);
  /* The window shows what the library holds, nothing tagged; no undo step for it. */
  g_assert_cmpuint (fixture->window->spans->len, ==, 0);
  g_assert_false (mg_history_can_undo (fixture->window->history));

  /* Space freed: the same action succeeds. */
  g_assert_cmpint (mg_window_tag_ranges (fixture->window, ranges, code), ==, 3000);
  g_assert_cmpuint (fixture->window->spans->len, ==, 3000);
  g_assert_true (mg_history_can_undo (fixture->window->history));
}

/* Garbles every page but the first. */
static void
damage (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
on_rescued (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_restore_offered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GListModel) documents = NULL;
  gboolean rescued = FALSE;
  GtkWindow *dialog;

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Notebook %d: the harbour at dusk.\n", i);
      g_autoptr(MgDocument) document = mg_document_new ("Notebook", text, NULL, NULL);

      g_assert_true (mg_store_add_document (fixture->store, document, NULL, &error));
    }
  backup = mg_store_backup_now (fixture->store, "daily", &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  damage (fixture->library);

  /* What the application does at start: the check fails, the dialog offers the backup. */
  g_assert_false (mg_library_rescue_check (fixture->library, &check_error));
  dialog = mg_library_rescue_offer (NULL, fixture->library, check_error, on_rescued, &rescued);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_assert_true (rescued);
  g_assert_true (mg_library_rescue_check (fixture->library, NULL));
  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
  documents = mg_store_list_documents (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 30);
}

static void
test_no_backup_no_offer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) check_error = NULL;
  GtkWindow *dialog;

  g_clear_object (&fixture->store);
  g_assert_true (mg_store_backup_is_due (fixture->library, NULL));
  g_assert_true (g_file_set_contents (fixture->library, "not a library at all, and long "
                                      "enough to be read as a header......................."
                                      "..............................", -1, NULL));
  g_assert_false (mg_library_rescue_check (fixture->library, &check_error));
  /* Nothing to restore: the dialog only says what is wrong. */
  dialog = mg_library_rescue_offer (NULL, fixture->library, check_error, on_rescued, NULL);
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  gtk_window_destroy (dialog);
}

int
main (int    argc,
      char **argv)
{
  /* Nothing here is about accessibility; a stale AT-SPI bus of another session on the same
   * machine must not fail these tests. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window-safety/cli-writes-while-shown", Fixture, NULL, fixture_set_up,
              test_cli_writes_while_shown, fixture_tear_down);
  g_test_add ("/window-safety/daily-backup", Fixture, NULL, fixture_set_up,
              test_daily_backup, fixture_tear_down);
  g_test_add ("/window-safety/close-during-import", Fixture, NULL, fixture_set_up,
              test_close_during_import, fixture_tear_down);
  g_test_add ("/window-safety/full-disk-tagging", Fixture, NULL, fixture_set_up,
              test_full_disk_tagging, fixture_tear_down);
  g_test_add ("/window-safety/restore-offered", Fixture, NULL, library_set_up,
              test_restore_offered, fixture_tear_down);
  g_test_add ("/window-safety/no-backup-no-offer", Fixture, NULL, library_set_up,
              test_no_backup_no_offer, fixture_tear_down);
  return g_test_run ();
}
