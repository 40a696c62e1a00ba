/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-fuzz.h"

#include <libxml/parser.h>

static char *work_dir;
static MgStore *store;

/* libxml2 and poppler describe every malformed input on stderr; a fuzzer feeds millions of
 * them, and the noise would hide the one report that matters. */
static void
quiet_xml (void       *ctx,
           const char *msg,
           ...)
{
}

/**
 * mg_fuzz_setup:
 *
 * Makes a private folder for the inputs that importers read from disk, turns GLib criticals
 * and warnings into crashes (a critical is a broken precondition: a bug the fuzzer should
 * report) and silences libxml2's own error printing. Idempotent.
 */
void
mg_fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;

  if (work_dir != NULL)
    return;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  xmlSetGenericErrorFunc (NULL, quiet_xml);
  work_dir = g_dir_make_tmp ("marginalia-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
}

/**
 * mg_fuzz_write_input:
 * @data: the input
 * @size: its length in bytes
 * @basename: the file name to give it, whose extension some importers look at
 *
 * Returns: (transfer full): the path of a file in the private folder holding @data
 */
char *
mg_fuzz_write_input (const uint8_t *data,
                     size_t         size,
                     const char    *basename)
{
  g_autoptr(GError) error = NULL;
  char *path;

  mg_fuzz_setup ();
  path = g_build_filename (work_dir, basename, NULL);
  g_file_set_contents (path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * mg_fuzz_store:
 *
 * Returns: (transfer none): a library in the private folder, opened once per process, for the
 *   targets that import into one
 */
MgStore *
mg_fuzz_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (store != NULL)
    return store;

  mg_fuzz_setup ();
  path = g_build_filename (work_dir, "library.sqlite3", NULL);
  store = mg_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}
