/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli as a user runs it: exit codes, what it prints, what it leaves in the library. */
#include "config.h"

#include "mg-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* What the CLI printed, as a string: the tests that compare text want no NUL inside it. */
static const char *
run_stdout (Run *run)
{
  g_assert_cmpuint (strlen (run->out), ==, g_bytes_get_size (run->out_bytes));
  return run->out;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
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

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;
  return lines;
}

static void
test_round_trip (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autofree char *expected_path = fixture_path ("field-notes.expected.txt");
  g_autoptr(GBytes) expected = file_bytes (expected_path);
  g_autofree char *expected_row = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) show = NULL;
  g_autoptr(Run) list = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GDateTime) imported = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  import = run_cli ("--library", library, "import", notes);
  assert_status (import, 0);
  g_assert_cmpstr (run_stdout (import), ==, "1\tField notes from the harbour archive\n");
  g_assert_cmpstr (import->err, ==, "");

  /* Exactly the stored text: NFC, LF, and no line end added to the last line. */
  show = run_cli ("--library", library, "show", "1");
  assert_status (show, 0);
  g_assert_true (g_bytes_equal (show->out_bytes, expected));

  /* The option may also follow the command. */
  list = run_cli ("list", "--library", library);
  assert_status (list, 0);
  lines = g_strsplit (run_stdout (list), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "id\ttitle\tchars\tannotations\timported");
  g_assert_cmpstr (lines[2], ==, "");
  fields = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 5);
  g_assert_cmpstr (fields[0], ==, "1");
  g_assert_cmpstr (fields[1], ==, "Field notes from the harbour archive");
  expected_row = g_strdup_printf ("%ld", g_utf8_strlen (g_bytes_get_data (expected, NULL),
                                                      g_bytes_get_size (expected)));
  g_assert_cmpstr (fields[2], ==, expected_row);
  g_assert_cmpstr (fields[3], ==, "0");
  g_assert_true (g_str_has_suffix (fields[4], "Z"));
  imported = g_date_time_new_from_iso8601 (fields[4], NULL);
  g_assert_nonnull (imported);
  g_assert_cmpint (ABS (g_date_time_difference (now, imported)), <=, 60 * G_TIME_SPAN_SECOND);
}

static void
test_encodings (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  const char *pairs[][2] = {
    { "letter-cp1252.txt", "letter-cp1252.expected.txt" },
    { "tide-utf16be.txt", "tide.expected.txt" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *source = fixture_path (pairs[i][0]);
      g_autofree char *expected_path = fixture_path (pairs[i][1]);
      g_autoptr(GBytes) expected = file_bytes (expected_path);
      g_autofree char *id = g_strdup_printf ("%" G_GSIZE_FORMAT, i + 1);
      g_autoptr(Run) import = run_cli ("--library", library, "import", source);
      g_autoptr(Run) show = NULL;

      assert_status (import, 0);
      show = run_cli ("--library", library, "show", id);
      assert_status (show, 0);
      g_assert_true (g_bytes_equal (show->out_bytes, expected));
    }
}

static void
assert_error_line (const char *err,
                   const char *subject)
{
  g_autofree char *prefix = g_strdup_printf ("marginalia-cli: %s: ", subject);
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && strlen (lines[i]) > strlen (prefix))
      return;
  g_error ("no line starting “%s” in stderr:\n%s", prefix, err);
}

static void
test_mixed (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autofree char *png = fixture_path ("not-text.png");
  g_autofree char *blank = fixture_path ("blank.txt");
  g_autofree char *tide = fixture_path ("tide-utf16le.txt");
  g_autofree char *missing = scratch_path ("missing.txt");
  g_autofree char *folder = scratch_path ("folder");
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) list = NULL;

  g_assert_no_errno (g_mkdir (folder, 0700));
  import = run_cli ("--library", library, "import", notes, png, missing, blank, folder, tide);

  /* One bad file fails the run, but the good ones are in. */
  assert_status (import, 1);
  g_assert_cmpstr (run_stdout (import), ==,
                   "1\tField notes from the harbour archive\n2\tTide table\n");
  g_assert_cmpuint (count_lines (import->err), ==, 4);
  assert_error_line (import->err, png);
  assert_error_line (import->err, missing);
  assert_error_line (import->err, blank);
  assert_error_line (import->err, folder);

  list = run_cli ("--library", library, "list");
  assert_status (list, 0);
  g_assert_cmpuint (count_lines (run_stdout (list)), ==, 3);
}

static void
test_all_fail (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autofree char *png = fixture_path ("not-text.png");
  g_autofree char *missing = scratch_path ("missing.txt");
  g_autoptr(Run) first = run_cli ("--library", library, "import", notes);
  g_autoptr(Run) list_before = run_cli ("--library", library, "list");
  g_autoptr(GBytes) before = file_bytes (library);
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) list_after = NULL;
  g_autoptr(GBytes) after = NULL;

  assert_status (first, 0);
  import = run_cli ("--library", library, "import", png, missing);
  assert_status (import, 1);
  g_assert_cmpstr (run_stdout (import), ==, "");
  assert_error_line (import->err, png);
  assert_error_line (import->err, missing);

  after = file_bytes (library);
  g_assert_true (g_bytes_equal (before, after));
  list_after = run_cli ("--library", library, "list");
  g_assert_true (g_bytes_equal (list_before->out_bytes, list_after->out_bytes));
}

static void
test_duplicate (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autoptr(Run) first = run_cli ("--library", library, "import", notes);
  g_autoptr(Run) again = run_cli ("--library", library, "import", notes, notes);
  g_autoptr(Run) list = run_cli ("--library", library, "list");

  assert_status (first, 0);
  /* Not an error: the text is in the library, under the id it already had. */
  assert_status (again, 0);
  g_assert_cmpstr (run_stdout (again), ==,
                   "1\tField notes from the harbour archive\n"
                   "1\tField notes from the harbour archive\n");
  assert_error_line (again->err, notes);
  g_assert_nonnull (strstr (again->err, "already in the library"));
  g_assert_cmpuint (count_lines (run_stdout (list)), ==, 2);
}

static void
test_usage_errors (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autoptr(Run) setup = run_cli ("--library", library, "import", notes);
  struct {
    const char *args[5];
    int status;
    const char *says;
  } cases[] = {
    { { "--library", library, NULL }, 2, "COMMAND" },
    { { "--library", library, "frobnicate", NULL }, 2, "unknown command" },
    { { "--library", library, "import", NULL }, 2, "import needs" },
    { { "--library", library, "show", NULL }, 2, "show needs" },
    { { "--library", library, "show", "first" }, 2, "show needs" },
    { { "--library", library, "show", "-3" }, 2, "" },
    { { "--library", library, "list", "--bogus" }, 2, "--bogus" },
    { { "--library", library, "show", "99" }, 1, "marginalia-cli: 99: " },
  };

  assert_status (setup, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_cliv (cases[i].args);

      if (run->status != cases[i].status)
        g_error ("case %" G_GSIZE_FORMAT ": status %d, expected %d; stderr: %s", i, run->status,
                 cases[i].status, run->err);
      g_assert_cmpstr (run_stdout (run), ==, "");
      g_assert_nonnull (strstr (run->err, cases[i].says));
      g_assert_cmpstr (run->err, !=, "");
    }
}

/* `--help` prints to stdout and succeeds, for the tool and for every command it lists, and
 * never creates a library on the way. */
static void
test_help (void)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "marginalia",
                                               "library.sqlite3", NULL);
  g_autoptr(Run) help = run_cli ("--help");
  g_auto(GStrv) lines = NULL;
  const char *text;
  guint commands = 0;
  guint i = 0;

  assert_status (help, 0);
  text = run_stdout (help);
  g_assert_nonnull (strstr (text, "--library"));
  lines = g_strsplit (text, "\n", -1);
  while (lines[i] != NULL && !g_str_equal (lines[i], "Commands:"))
    i++;
  g_assert_nonnull (lines[i]);

  /* Each indented line after the heading names one command. */
  for (i++; lines[i] != NULL && g_str_has_prefix (lines[i], "  "); i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (lines[i]), " ", 2);
      g_autofree char *usage = g_strdup_printf (" %s", words[0]);
      g_autoptr(Run) command_help = run_cli (words[0], "--help");

      assert_status (command_help, 0);
      g_assert_true (g_str_has_prefix (run_stdout (command_help), "Usage:"));
      g_assert_nonnull (strstr (run_stdout (command_help), usage));
      g_assert_nonnull (strstr (run_stdout (command_help), "--library"));
      commands++;
    }
  g_assert_cmpuint (commands, >=, 3);
  g_assert_false (g_file_test (library, G_FILE_TEST_EXISTS));
}

static void
test_default_library (void)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "marginalia",
                                               "library.sqlite3", NULL);
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autoptr(Run) import = run_cli ("import", notes);
  g_autoptr(Run) list = run_cli ("list");

  assert_status (import, 0);
  g_assert_true (g_file_test (library, G_FILE_TEST_IS_REGULAR));
  assert_status (list, 0);
  g_assert_cmpuint (count_lines (run_stdout (list)), ==, 2);
}

static void
test_bad_library (void)
{
  g_autofree char *text = scratch_path ("notes.txt");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) folder = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (text, "Not a library, just notes.\n", -1, &error);
  g_assert_no_error (error);
  before = file_bytes (text);

  list = run_cli ("--library", text, "list");
  assert_status (list, 1);
  g_assert_cmpstr (run_stdout (list), ==, "");
  g_assert_true (g_str_has_prefix (list->err, "marginalia-cli: "));
  g_assert_nonnull (strstr (list->err, "not a Marginalia library"));
  {
    g_autoptr(GBytes) after = file_bytes (text);
    g_assert_true (g_bytes_equal (before, after));
  }

  folder = run_cli ("--library", g_get_user_data_dir (), "list");
  assert_status (folder, 1);
  g_assert_nonnull (strstr (folder->err, "folder"));
}

/* The sample the app opens on its first start imports cleanly and keeps its title. */
static void
test_sample_document (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  const char *sample = g_getenv ("MG_SAMPLE_DOCUMENT");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *first_line = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(Run) import = NULL;
  g_autoptr(Run) show = NULL;
  const char *data;
  gsize length;

  if (sample == NULL)
    {
      g_test_skip ("MG_SAMPLE_DOCUMENT is not set");
      return;
    }
  bytes = file_bytes (sample);
  data = g_bytes_get_data (bytes, &length);
  g_assert_true (g_utf8_validate_len (data, length, NULL));
  g_assert_cmpuint (length, >, 3000);
  first_line = g_strndup (data, strcspn (data, "\n"));
  expected = g_strdup_printf ("1\t%s\n", first_line);

  import = run_cli ("--library", library, "import", sample);
  assert_status (import, 0);
  g_assert_cmpstr (run_stdout (import), ==, expected);
  /* Already as the library stores text, so it round-trips byte for byte. */
  show = run_cli ("--library", library, "show", "1");
  g_assert_true (g_bytes_equal (show->out_bytes, bytes));
}

/* A file edited after it was imported comes back as a new version of the same document, its
 * passages carried over; the old text stays in the library. */
static void
test_changed_file_new_version (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *minutes = scratch_path ("minutes.txt");
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) tag = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) passages = NULL;
  g_autoptr(Run) list = NULL;

  g_assert_true (g_file_set_contents (minutes, "Minutes\n\nThe board approved the dredging "
                                               "plan on Monday.\n", -1, NULL));
  first = run_cli ("--library", library, "import", minutes);
  assert_status (first, 0);
  tag = run_cli ("--library", library, "annotate", "--document", "1", "--start", "19",
                 "--end", "27", "--code", "Decisions");
  assert_status (tag, 0);
  g_assert_true (g_file_set_contents (minutes, "Minutes (revised)\n\nAfter a long debate, "
                                               "the board approved the dredging plan on "
                                               "Monday.\n", -1, NULL));
  again = run_cli ("--library", library, "import", minutes);
  assert_status (again, 0);
  g_assert_true (g_str_has_prefix (run_stdout (again), "2\tMinutes (revised)\n"));
  g_assert_nonnull (strstr (again->err, "new version"));
  passages = run_cli ("--library", library, "annotations");
  /* The passage now points into the new text, at its new place, with the same quote. */
  g_assert_nonnull (strstr (run_stdout (passages), "\t2\tMine\tDecisions\t"));
  g_assert_nonnull (strstr (run_stdout (passages), "\tapproved\t"));
  list = run_cli ("--library", library, "list");
  g_assert_cmpuint (count_lines (run_stdout (list)), ==, 3);
}

/* Annotations out and back in: every format writes a file, the native one imports as a new
 * set; a hostile file is refused and changes nothing. */
static void
test_export_import (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *other = scratch_path ("other.sqlite3");
  g_autofree char *notes = fixture_path ("field-notes.txt");
  g_autofree char *xml = scratch_path ("out.xml");
  g_autofree char *qdpx = scratch_path ("out.qdpx");
  g_autofree char *tei = scratch_path ("out.tei.xml");
  g_autofree char *hostile = scratch_path ("hostile.xml");
  g_autoptr(Run) imported = run_cli ("--library", library, "import", notes);
  g_autoptr(Run) tagged = run_cli ("--library", library, "annotate", "--document", "1",
                                   "--start", "0", "--end", "10", "--code", "Places");
  g_autoptr(Run) native = run_cli ("--library", library, "export", "--format", "marginalia",
                                   "-o", xml);
  g_autoptr(Run) project = run_cli ("--library", library, "export", "--format", "qdpx",
                                    "-o", qdpx);
  g_autoptr(Run) archive = run_cli ("--library", library, "export", "--format", "tei",
                                    "-o", tei);
  g_autoptr(Run) bad_format = run_cli ("--library", library, "export", "--format", "pdf",
                                       "-o", xml);
  g_autoptr(Run) back = run_cli ("--library", other, "import-annotations", xml);
  g_autoptr(Run) listed = run_cli ("--library", other, "annotations");
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) after = NULL;

  assert_status (imported, 0);
  assert_status (tagged, 0);
  assert_status (native, 0);
  assert_status (project, 0);
  assert_status (archive, 0);
  assert_status (bad_format, 2);
  g_assert_true (g_file_test (qdpx, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (tei, G_FILE_TEST_IS_REGULAR));
  assert_status (back, 0);
  g_assert_nonnull (strstr (run_stdout (back), "annotations added: 1"));
  g_assert_nonnull (strstr (run_stdout (listed), "\tPlaces\t0\t10\t"));

  g_assert_true (g_file_set_contents (hostile, "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                      "<m>&x;</m>\n", -1, NULL));
  refused = run_cli ("--library", other, "import-annotations", hostile);
  assert_status (refused, 1);
  assert_error_line (refused->err, hostile);
  after = run_cli ("--library", other, "annotations");
  g_assert_cmpstr (run_stdout (after), ==, run_stdout (listed));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/round-trip", test_round_trip);
  g_test_add_func ("/cli/encodings", test_encodings);
  g_test_add_func ("/cli/import/mixed", test_mixed);
  g_test_add_func ("/cli/import/all-fail", test_all_fail);
  g_test_add_func ("/cli/import/duplicate", test_duplicate);
  g_test_add_func ("/cli/import/changed-file-new-version", test_changed_file_new_version);
  g_test_add_func ("/cli/export-import", test_export_import);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/default-library", test_default_library);
  g_test_add_func ("/cli/bad-library", test_bad_library);
  g_test_add_func ("/cli/sample-document", test_sample_document);

  return g_test_run ();
}
