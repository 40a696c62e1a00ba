/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli agreement as a user runs it: the TSV it prints for a library made with
 * core (two coders' sets, Cohen's worked example), its filters and its errors. */
#include "config.h"

#include "mg-test-cli.h"

#include <string.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"

/* 50 characters; A tags [0,25), B tags [0,20) and [25,35) with "Theme": the example worked
 * by hand in test-agreement.c (70 % agreement, kappa 0.4, Scott/Fleiss 0.195/0.495 =
 * 0.3939, unitizing alpha 0.6921). Both tag [40,45) with "Place". */
static char *
make_library (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), "lib.sqlite3", NULL);
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) document = mg_document_new ("Fifty", "abcdefghijabcdefghijabcdefghij"
                                                    "abcdefghijabcdefghij", NULL, NULL);
  g_autoptr(MgAnnotationSet) a = NULL;
  g_autoptr(MgAnnotationSet) b = NULL;
  g_autoptr(MgCode) theme = NULL;
  g_autoptr(MgCode) place = NULL;
  struct { MgAnnotationSet **set; MgCode **code; gint64 start, end; } passages[] = {
    { &a, &theme, 0, 25 }, { &b, &theme, 0, 20 }, { &b, &theme, 25, 35 },
    { &a, &place, 40, 45 }, { &b, &place, 40, 45 },
  };

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  store = mg_store_open (path, &error);
  g_assert_no_error (error);
  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  a = mg_store_create_annotation_set (store, "Ana", "Ana", "local", &error);
  b = mg_store_create_annotation_set (store, "Ben", "Ben", "local", &error);
  theme = mg_store_add_code (store, "Theme", "#3584e4", 0, &error);
  place = mg_store_add_code (store, "Place", "#33d17a", 0, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      g_autoptr(MgAnnotation) annotation =
        mg_store_add_annotation (store, mg_document_get_id (document),
                                 mg_annotation_set_get_id (*passages[i].set),
                                 mg_code_get_id (*passages[i].code), passages[i].start,
                                 passages[i].end, NULL, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
test_figures (void)
{
  g_autofree char *library = make_library ();
  g_autoptr(Run) one = run_cli ("--library", library, "agreement", "--set", "Ana", "--set",
                                "Ben", "--code", "Theme");
  g_autoptr(Run) all = run_cli ("--library", library, "agreement", "--set", "Ana", "--set",
                                "Ben", "--document", "1");

  assert_status (one, 0);
  g_assert_cmpstr (one->out, ==,
                   "code\tunits\tcharacters\tpercent\tcohen_kappa\tfleiss_kappa\tu_alpha\n"
                   "Theme\t3\t50\t70.00\t0.4000\t0.3939\t0.6921\n"
                   "(overall)\t3\t50\t70.00\t0.4000\t0.3939\t0.6921\n");
  /* Every code used, by the order they were made; Place agrees perfectly. */
  assert_status (all, 0);
  g_assert_nonnull (strstr (all->out, "\nTheme\t3\t50\t70.00\t0.4000\t"));
  g_assert_nonnull (strstr (all->out, "\nPlace\t2\t50\t100.00\t1.0000\t1.0000\t1.0000\n"));
  g_assert_nonnull (strstr (all->out, "\n(overall)\t5\t100\t85.00\t"));
}

/* Usage mistakes exit 2, what the library lacks exits 1, with the name in the message. */
static void
test_errors (void)
{
  g_autofree char *library = make_library ();
  struct {
    const char *args[10];
    int status;
    const char *says;
  } cases[] = {
    { { "agreement", "--set", "Ana" }, 2, "two sets" },
    { { "agreement", "--set", "Ana", "--set", "Nobody" }, 1, "Nobody" },
    { { "agreement", "--set", "Ana", "--set", "Ben", "--code", "Colour" }, 1, "Colour" },
    { { "agreement", "--set", "Ana", "--set", "Ben", "--document", "x" }, 2, "“x”" },
    { { "agreement", "--set", "Ana", "--set", "Ben", "--document", "99" }, 1, "99" },
    { { "agreement", "--set", "Ana", "--set", "Ana" }, 1, "Ana" },
    { { "agreement", "--set", "Ana", "--set", "Ben", "extra" }, 2, "no arguments" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[16] = { "--library", library };
      g_autoptr(Run) run = NULL;

      for (gsize j = 0; cases[i].args[j] != NULL; j++)
        args[2 + j] = cases[i].args[j];
      run = run_cliv (args);
      assert_status (run, cases[i].status);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_nonnull (strstr (run->err, cases[i].says));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/agreement/figures", test_figures);
  g_test_add_func ("/cli/agreement/errors", test_errors);

  return g_test_run ();
}
