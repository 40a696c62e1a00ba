/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli import of every format, and of folders with --recursive. */
#include "config.h"

#include "mg-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (parent, 0700));
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
make_corpus (void)
{
  char *corpus = scratch_path ("corpus");

  write_file (corpus, "b-notes.md", "# Markdown notes\n\nSome **bold** text and [a link](x).\n");
  write_file (corpus, "a-page.txt", "<!DOCTYPE html><html><head><title>A saved page</title>"
                                    "</head><body><p>Body of the page.</p></body></html>");
  write_file (corpus, "sub/c-plain.html", "Plain text in disguise\n\nNo markup here.\n");
  write_file (corpus, "sub/deeper/d-text.txt", "Deep text\n\nAt the bottom of the tree.\n");
  write_file (corpus, ".hidden-note.txt", "Hidden\n\nNever imported.\n");
  write_file (corpus, ".git/config.txt", "Tool files\n\nNever imported.\n");
  return corpus;
}

/* Sorted by name, files before nothing else: a-page, b-notes, then sub/ depth first. */
static void
test_recursive (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *corpus = make_corpus ();
  g_autoptr(Run) run = run_cli ("--library", library, "import", "--recursive", corpus);
  g_autoptr(Run) list = NULL;

  assert_status (run, 0);
  g_assert_cmpstr (run->out, ==, "1\tA saved page\n2\tMarkdown notes\n"
                                 "3\tPlain text in disguise\n4\tDeep text\n");
  g_assert_cmpstr (run->err, ==, "");
  list = run_cli ("--library", library, "list");
  assert_status (list, 0);
  g_assert_null (strstr (list->out, "Hidden"));
  g_assert_null (strstr (list->out, "Tool files"));
}

static void
test_short_option_and_show (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *corpus = make_corpus ();
  g_autoptr(Run) run = run_cli ("--library", library, "import", "-r", corpus);
  g_autoptr(Run) show = NULL;

  assert_status (run, 0);
  show = run_cli ("--library", library, "show", "2");
  assert_status (show, 0);
  g_assert_cmpstr (show->out, ==, "Markdown notes\n\nSome bold text and a link.");
}

/* Without --recursive a folder is refused as before, and the files beside it still go in. */
static void
test_folder_without_recursive (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *corpus = make_corpus ();
  g_autofree char *page = g_build_filename (corpus, "a-page.txt", NULL);
  g_autoptr(Run) run = run_cli ("--library", library, "import", corpus, page);

  assert_status (run, 1);
  g_assert_cmpstr (run->out, ==, "1\tA saved page\n");
  g_assert_nonnull (strstr (run->err, "it is a folder"));
}

static void
test_empty_folder (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *empty = scratch_path ("empty");
  g_autoptr(Run) run = NULL;

  g_assert_no_errno (g_mkdir_with_parents (empty, 0700));
  run = run_cli ("--library", library, "import", "-r", empty);
  assert_status (run, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "no files to import"));
}

/* A binary file in the tree fails alone, naming itself; the rest is imported. */
static void
test_binary_in_tree (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autofree char *corpus = make_corpus ();
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "data", "not-text.png", NULL);
  g_autofree char *copy = g_build_filename (corpus, "e-image.png", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (png);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  run = run_cli ("--library", library, "import", "-r", corpus);
  assert_status (run, 1);
  g_assert_nonnull (strstr (run->out, "4\tDeep text\n"));
  g_assert_nonnull (strstr (run->err, "e-image.png"));
  g_assert_nonnull (strstr (run->err, "not a document Marginalia can read"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-import/recursive", test_recursive);
  g_test_add_func ("/cli-import/short-option-and-show", test_short_option_and_show);
  g_test_add_func ("/cli-import/folder-without-recursive", test_folder_without_recursive);
  g_test_add_func ("/cli-import/empty-folder", test_empty_folder);
  g_test_add_func ("/cli-import/binary-in-tree", test_binary_in_tree);

  return g_test_run ();
}
