/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Without libFuzzer: runs a target once over each file named on the command line, or each file
 * in each folder named, and says which one it is on, so a failure names the input that caused
 * it. */

#include "mg-fuzz.h"

static int
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return 0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
replay_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int failures = 0;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* The same order every run, so a failure is easy to reproduce. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (names->pdata[i], G_FILE_TEST_IS_REGULAR))
      failures += replay_file (names->pdata[i]);
  return failures;
}

int
main (int    argc,
      char **argv)
{
  int failures = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    failures += g_file_test (argv[i], G_FILE_TEST_IS_DIR) ? replay_dir (argv[i])
                                                          : replay_file (argv[i]);
  return failures == 0 ? 0 : 1;
}
