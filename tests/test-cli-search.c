/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli search as a script runs it: one TSV line per hit, exit codes. */
#include "config.h"

#include "mg-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* A library with two documents, imported as a user would. */
static char *
make_library (void)
{
  g_autofree char *hanoi = scratch_path ("hanoi.txt");
  g_autofree char *hue = scratch_path ("hue.txt");
  char *library = scratch_path ("library.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) import = NULL;

  g_file_set_contents (hanoi, "Tin từ Việt Nam:\tHà Nội.\nViet-Nam again.\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (hue, "Letters from Huế, not Viet Nam.\n", -1, &error);
  g_assert_no_error (error);
  import = run_cli ("--library", library, "import", hanoi, hue);
  assert_status (import, 0);
  return library;
}

static void
test_hits (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) run = run_cli ("--library", library, "search", "Viet Nam");
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;

  assert_status (run, 0);
  lines = g_strsplit (run->out, "\n", -1);
  /* Two hits in the first document, the phrase once in the second. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4 + 2 + 1);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  first = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 4);
  g_assert_cmpstr (first[0], ==, "1");
  g_assert_cmpstr (first[1], ==, "7");
  g_assert_cmpstr (first[2], ==, "11");
  /* The text's tab and line end are spaces in the snippet. */
  g_assert_cmpstr (first[3], ==, "Tin từ Việt Nam: Hà Nội. Viet-Nam again.");
}

static void
test_phrase_and_limit (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) phrase = run_cli ("--library", library, "search", "\"viet nam\"");
  g_autoptr(Run) limited = run_cli ("--library", library, "search", "--limit", "1",
                                    "\"viet nam\"");

  assert_status (phrase, 0);
  g_assert_true (g_str_has_prefix (phrase->out, "1\t7\t15\t"));
  g_assert_nonnull (strstr (phrase->out, "\n1\t25\t33\t"));
  g_assert_nonnull (strstr (phrase->out, "\n2\t22\t30\tLetters from Huế, not Viet Nam.\n"));
  assert_status (limited, 0);
  g_assert_cmpuint (strlen (limited->out), ==, (gsize) (strchr (limited->out, '\n') -
                                                        limited->out + 1));
}

static void
test_nothing_found (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) none = run_cli ("--library", library, "search", "zanzibar");
  g_autoptr(Run) hostile = run_cli ("--library", library, "search",
                                    "'); DROP TABLE documents; --");
  g_autoptr(Run) syntax = run_cli ("--library", library, "search", "NEAR(\"");
  g_autoptr(Run) list = run_cli ("--library", library, "list");

  assert_status (none, 0);
  g_assert_cmpstr (none->out, ==, "");
  assert_status (hostile, 0);
  g_assert_cmpstr (hostile->out, ==, "");
  assert_status (syntax, 0);
  g_assert_cmpstr (syntax->out, ==, "");
  assert_status (list, 0);
  g_assert_nonnull (strstr (list->out, "\n2\t"));
}

static void
test_usage (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) missing = run_cli ("--library", library, "search");
  g_autoptr(Run) bad_limit = run_cli ("--library", library, "search", "--limit", "x", "viet");

  assert_status (missing, 2);
  g_assert_nonnull (strstr (missing->err, "search"));
  g_assert_cmpstr (missing->out, ==, "");
  assert_status (bad_limit, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/search/hits", test_hits);
  g_test_add_func ("/cli/search/phrase-and-limit", test_phrase_and_limit);
  g_test_add_func ("/cli/search/nothing-found", test_nothing_found);
  g_test_add_func ("/cli/search/usage", test_usage);
  return g_test_run ();
}
