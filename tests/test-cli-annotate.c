/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli annotate, annotations and codes as a user runs them: what they print, their
 * exit codes, and that a failed call leaves the library as it was. */
#include "config.h"

#include "mg-test-cli.h"

#include <gio/gio.h>
#include <string.h>

static char *
library_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lib.sqlite3", NULL);
}

/* A scratch library with one document (id 1) in it. */
static char *
make_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (g_get_user_data_dir (), "harbour.txt", NULL);
  char *library = library_path ();
  g_autoptr(Run) import = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_file_set_contents (source, "The harbour of Hà Nội opened at dawn.\nShips\twaited.\n", -1,
                       &error);
  g_assert_no_error (error);
  import = run_cli ("--library", library, "import", source);
  assert_status (import, 0);
  return library;
}

static void
test_round_trip (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) first = run_cli ("--library", library, "annotate", "--document", "1",
                                  "--start", "15", "--end", "21", "--code", "Places",
                                  "--note", "the\tcapital\nof the north");
  g_autoptr(Run) second = run_cli ("--library", library, "annotate", "-d", "1", "-s", "38",
                                   "-e", "50", "-c", "Highlight");
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) filtered = NULL;
  g_autoptr(Run) codes = NULL;

  assert_status (first, 0);
  g_assert_cmpstr (first->out, ==, "1\n");
  assert_status (second, 0);
  g_assert_cmpstr (second->out, ==, "2\n");

  list = run_cli ("--library", library, "annotations");
  assert_status (list, 0);
  g_assert_cmpstr (list->out, ==,
                   "id\tdocument\tset\tcode\tstart\tend\tquote\tnote\n"
                   "1\t1\tMine\tPlaces\t15\t21\tHà Nội\tthe capital of the north\n"
                   "2\t1\tMine\tHighlight\t38\t50\tShips waited\t\n");
  filtered = run_cli ("--library", library, "annotations", "--document", "1", "--code",
                      "Places", "--set", "Mine");
  assert_status (filtered, 0);
  g_assert_cmpuint (strlen (filtered->out), >, 0);
  g_assert_null (strstr (filtered->out, "Ships"));
  g_assert_nonnull (strstr (filtered->out, "Hà Nội"));

  codes = run_cli ("--library", library, "codes");
  assert_status (codes, 0);
  g_assert_cmpstr (codes->out, ==, "Highlight\t1\nPlaces\t1\n");
}

/* Errors say what and exit 1; usage mistakes exit 2; neither changes the library. */
static void
test_errors (void)
{
  g_autofree char *library = make_library ();
  struct {
    const char *args[14];
    int status;
    const char *says;
  } cases[] = {
    { { "annotate", "--document", "9", "--start", "0", "--end", "3", "--code", "New" }, 1,
      "no document 9" },
    { { "annotate", "--document", "1", "--start", "10", "--end", "999", "--code", "New" }, 1,
      "does not lie within" },
    { { "annotate", "--document", "1", "--start", "5", "--end", "5", "--code", "New" }, 1,
      "does not lie within" },
    { { "annotate", "--document", "1", "--start", "0", "--end", "3", "--code", "New",
        "--set", "Nobody" }, 1, "no annotation set" },
    { { "annotate", "--document", "1", "--start", "0", "--end", "3" }, 2, "--code" },
    { { "annotate", "--document", "x", "--start", "0", "--end", "3", "--code", "New" }, 2,
      "--document" },
    { { "annotate", "--document", "1", "--start", "-4", "--end", "3", "--code", "New" }, 2,
      "--start" },
    { { "annotate", "--colour", "red" }, 2, "colour" },
    { { "annotations", "--code", "Nothing" }, 1, "no code" },
    { { "annotations", "--document", "9" }, 1, "no document 9" },
    { { "annotations", "--set", "Nobody" }, 1, "no annotation set" },
    { { "annotations", "extra" }, 2, "no arguments" },
    { { "codes", "extra" }, 2, "no arguments" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[16] = { "--library", library };
      g_autoptr(Run) run = NULL;
      g_autoptr(Run) codes = NULL;
      g_autoptr(Run) list = NULL;

      memcpy (args + 2, cases[i].args, sizeof cases[i].args);
      run = run_cliv (args);
      if (run->status != cases[i].status || strstr (run->err, cases[i].says) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": status %d, stderr: %s", i, run->status, run->err);
      g_assert_true (g_str_has_prefix (run->err, "marginalia-cli: "));
      g_assert_cmpstr (run->out, ==, "");

      codes = run_cli ("--library", library, "codes");
      g_assert_cmpstr (codes->out, ==, "Highlight\t0\n");
      list = run_cli ("--library", library, "annotations");
      g_assert_cmpstr (list->out, ==, "id\tdocument\tset\tcode\tstart\tend\tquote\tnote\n");
    }
}

static void
test_tree (void)
{
  g_autofree char *library = make_library ();
  const char *names[] = { "Economy", "Trade", "Ports" };
  g_autoptr(Run) codes = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(Run) run = run_cli ("--library", library, "annotate", "-d", "1", "-s", "0",
                                    "-e", "3", "-c", names[i]);
      assert_status (run, 0);
    }
  codes = run_cli ("--library", library, "codes");
  g_assert_cmpstr (codes->out, ==, "Highlight\t0\nEconomy\t1\nTrade\t1\nPorts\t1\n");
}

/* Each command's --help shows its own options and opens no library. */
static void
test_help (void)
{
  const char *commands[] = { "annotate", "annotations", "codes" };
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "marginalia",
                                               "library.sqlite3", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) run = run_cli (commands[i], "--help");

      assert_status (run, 0);
      g_assert_true (g_str_has_prefix (run->out, "Usage:"));
      g_assert_nonnull (strstr (run->out, "--library"));
      if (i < 2)
        g_assert_nonnull (strstr (run->out, "--document"));
    }
  g_assert_false (g_file_test (library, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-annotate/round-trip", test_round_trip);
  g_test_add_func ("/cli-annotate/errors", test_errors);
  g_test_add_func ("/cli-annotate/tree", test_tree);
  g_test_add_func ("/cli-annotate/help", test_help);

  return g_test_run ();
}
