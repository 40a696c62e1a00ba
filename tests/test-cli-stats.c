/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli stats as a script runs it: code frequencies as TSV, the --document and --set
 * scopes, and clear errors for a scope that is not there. */
#include "config.h"

#include "mg-test-cli.h"

#include <string.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"

static const char text[] = "Rice, timber and news, then more rice from Huế.";

typedef struct
{
  char *library;
  gint64 document;
  gint64 other_set;
} Library;

static void
library_free (Library *library)
{
  g_free (library->library);
  g_free (library);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Library, library_free)

static void
tag (MgStore *store,
     gint64   document,
     gint64   set,
     gint64   code,
     gint64   start,
     gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = mg_store_add_annotation (store, document, set, code,
                                                                start, end, NULL, &error);
  g_assert_no_error (error);
}

/* Built through the core, as the app would leave it; a code's name with a tab in it must
 * not break its TSV line. */
static Library *
make_library (void)
{
  Library *library = g_new0 (Library, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) document = mg_document_new ("Trade", text, NULL, NULL);
  g_autoptr(MgAnnotationSet) mine = NULL;
  g_autoptr(MgAnnotationSet) other = NULL;
  g_autoptr(MgCode) goods = NULL;
  g_autoptr(MgCode) rice = NULL;

  library->library = scratch_path ("library.sqlite3");
  store = mg_store_open (library->library, &error);
  g_assert_no_error (error);
  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  library->document = mg_document_get_id (document);
  mine = mg_store_get_default_annotation_set (store, &error);
  other = mg_store_create_annotation_set (store, "Other", "", "local", &error);
  goods = mg_store_add_code (store, "Goods", NULL, 0, &error);
  rice = mg_store_add_code (store, "Rice\tand grain", NULL, mg_code_get_id (goods), &error);
  g_assert_no_error (error);
  library->other_set = mg_annotation_set_get_id (other);
  tag (store, library->document, mg_annotation_set_get_id (mine), mg_code_get_id (rice), 0, 4);
  tag (store, library->document, mg_annotation_set_get_id (mine), mg_code_get_id (rice), 38, 42);
  tag (store, library->document, library->other_set, mg_code_get_id (goods), 6, 12);
  return library;
}

static void
test_frequencies (void)
{
  g_autoptr(Library) library = make_library ();
  g_autoptr(Run) run = run_cli ("--library", library->library, "stats");

  assert_status (run, 0);
  g_assert_cmpstr (run->out, ==,
                   "code\tpassages\tcharacters\tdocuments\n"
                   "Highlight\t0\t0\t0\n"
                   "Goods\t1\t6\t1\n"
                   "Goods/Rice and grain\t2\t8\t1\n");
}

static void
test_scopes (void)
{
  g_autoptr(Library) library = make_library ();
  g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, library->document);
  g_autofree char *set = g_strdup_printf ("%" G_GINT64_FORMAT, library->other_set);
  g_autoptr(Run) by_set = run_cli ("--library", library->library, "stats", "--set", set);
  g_autoptr(Run) by_name = run_cli ("--library", library->library, "stats", "--set", "Other");
  g_autoptr(Run) by_document = run_cli ("--library", library->library, "stats",
                                        "--document", document);

  assert_status (by_set, 0);
  g_assert_nonnull (strstr (by_set->out, "\nGoods/Rice and grain\t0\t0\t0\n"));
  g_assert_nonnull (strstr (by_set->out, "\nGoods\t1\t6\t1\n"));
  assert_status (by_name, 0);
  g_assert_cmpstr (by_name->out, ==, by_set->out);
  assert_status (by_document, 0);
  g_assert_nonnull (strstr (by_document->out, "\nGoods/Rice and grain\t2\t8\t1\n"));
}

static void
test_errors (void)
{
  g_autoptr(Library) library = make_library ();
  g_autoptr(Run) no_document = run_cli ("--library", library->library, "stats", "--document",
                                        "77");
  g_autoptr(Run) no_set = run_cli ("--library", library->library, "stats", "--set", "Nobody");
  g_autoptr(Run) bad_id = run_cli ("--library", library->library, "stats", "--document", "x");
  g_autoptr(Run) extra = run_cli ("--library", library->library, "stats", "extra");

  assert_status (no_document, 1);
  g_assert_cmpstr (no_document->out, ==, "");
  g_assert_nonnull (strstr (no_document->err, "no document 77"));
  assert_status (no_set, 1);
  g_assert_nonnull (strstr (no_set->err, "Nobody"));
  assert_status (bad_id, 2);
  assert_status (extra, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/stats/frequencies", test_frequencies);
  g_test_add_func ("/cli/stats/scopes", test_scopes);
  g_test_add_func ("/cli/stats/errors", test_errors);
  return g_test_run ();
}
