/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli check, backup and restore as a user runs them after something went wrong. */
#include "config.h"

#include "mg-test-cli.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mg-store.h"

static char *
make_library (void)
{
  g_autofree char *text = scratch_path ("notes.txt");
  char *library = scratch_path ("library.sqlite3");
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) import = NULL;

  for (int i = 0; i < 400; i++)
    g_string_append_printf (contents, "Line %d of field notes kept in the library.\n", i);
  g_file_set_contents (text, contents->str, -1, &error);
  g_assert_no_error (error);
  import = run_cli ("--library", library, "import", text);
  assert_status (import, 0);
  return library;
}

/* Garbles every page but the first. */
static void
damage (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
}

static void
test_check_good (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) run = run_cli ("--library", library, "check");

  assert_status (run, 0);
  g_assert_nonnull (strstr (run->out, ": ok (integrity, references, schema "));
  g_assert_nonnull (strstr (run->out, "backups: none yet"));
}

static void
test_check_missing (void)
{
  g_autofree char *library = scratch_path ("nowhere.sqlite3");
  g_autoptr(Run) run = run_cli ("--library", library, "check");

  assert_status (run, 1);
  g_assert_nonnull (strstr (run->err, "There is no library file"));
  /* Checking never creates a library. */
  g_assert_false (g_file_test (library, G_FILE_TEST_EXISTS));
}

static void
test_damaged_then_restored (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) backup = run_cli ("--library", library, "backup");
  g_autoptr(Run) check = NULL;
  g_autoptr(Run) restore = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) list = NULL;

  assert_status (backup, 0);
  g_assert_true (g_str_has_suffix (g_strstrip (backup->out), ".bak"));
  damage (library);

  check = run_cli ("--library", library, "check");
  assert_status (check, 1);
  g_assert_nonnull (strstr (check->err, "damaged"));
  g_assert_nonnull (strstr (check->err, "marginalia-cli restore"));

  restore = run_cli ("--library", library, "restore");
  assert_status (restore, 0);
  g_assert_nonnull (strstr (restore->out, backup->out));
  g_assert_nonnull (strstr (restore->out, "is kept as"));

  again = run_cli ("--library", library, "check");
  assert_status (again, 0);
  list = run_cli ("--library", library, "list");
  assert_status (list, 0);
  g_assert_nonnull (strstr (list->out, "\tLine 0 of field notes"));
}

static void
test_restore_refusals (void)
{
  g_autofree char *library = make_library ();
  g_autofree char *bogus = scratch_path ("bogus.bak");
  g_autoptr(Run) none = run_cli ("--library", library, "restore");
  g_autoptr(Run) bad = NULL;
  g_autoptr(Run) backup = NULL;
  g_autoptr(Run) busy = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  assert_status (none, 1);
  g_assert_nonnull (strstr (none->err, "There is no backup"));

  g_file_set_contents (bogus, "not a library", -1, &error);
  g_assert_no_error (error);
  bad = run_cli ("--library", library, "restore", "--from", bogus);
  assert_status (bad, 1);

  backup = run_cli ("--library", library, "backup");
  assert_status (backup, 0);
  /* The library open in another program (here, this test) is never replaced under it. */
  store = mg_store_open (library, &error);
  g_assert_no_error (error);
  busy = run_cli ("--library", library, "restore");
  assert_status (busy, 1);
  g_assert_nonnull (strstr (busy->err, "Close it and try again; nothing was changed"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/check/good", test_check_good);
  g_test_add_func ("/cli/check/missing", test_check_missing);
  g_test_add_func ("/cli/restore/damaged", test_damaged_then_restored);
  g_test_add_func ("/cli/restore/refusals", test_restore_refusals);

  return g_test_run ();
}
