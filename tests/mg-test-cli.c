/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running the built marginalia-cli from a test: one helper for every CLI test. */
#include "config.h"

#include <glib/gstdio.h>

#include "mg-test-cli.h"

void
run_free (Run *run)
{
  g_clear_pointer (&run->out_bytes, g_bytes_unref);
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

/* Empty output comes back as GBytes without data, which g_strndup() would turn into NULL. */
static char *
bytes_to_string (GBytes *bytes)
{
  gsize length = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;

  return length > 0 ? g_strndup (data, length) : g_strdup ("");
}

/**
 * run_cliv:
 * @args: the arguments after the program's name, %NULL-terminated
 *
 * Runs the CLI named by $MG_CLI with the test case's own HOME and XDG_DATA_HOME
 * (G_TEST_OPTION_ISOLATE_DIRS), so even its default library is a scratch one.
 *
 * Returns: (transfer full): the exit status and what it printed
 */
Run *
run_cliv (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("MG_CLI");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &run->out_bytes, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->out = bytes_to_string (run->out_bytes);
  run->err = bytes_to_string (err);
  return run;
}

void
assert_status (Run *run,
               int  status)
{
  if (run->status != status)
    g_error ("exit status %d, expected %d; stderr:\n%s", run->status, status, run->err);
}

/* A path in the test case's own data folder. */
char *
scratch_path (const char *name)
{
  const char *folder = g_get_user_data_dir ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  return g_build_filename (folder, name, NULL);
}
