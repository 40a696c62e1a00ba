/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `marginalia-cli import --recursive`: which files a folder argument stands for. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mg-cli-common.h"
#include "mg-cli-import.h"
#include "mg-import-walk.h"

static gboolean recursive = FALSE;

static const GOptionEntry import_entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive,
    N_("Import the files inside each FOLDER and its subfolders (hidden ones left out)"), NULL },
  { NULL }
};

/**
 * mg_cli_import_add_options:
 *
 * Adds `import`'s options to the command's context.
 */
void
mg_cli_import_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, import_entries, GETTEXT_PACKAGE);
}

/* The walk is core's (the window's drop target uses it too); every file counts here, as
 * the import decides by content and says which it could not read. */
static gboolean
collect_folder (const char *folder,
                GPtrArray  *paths)
{
  g_autoptr(GFile) root = g_file_new_for_path (folder);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean ok = mg_import_collect_folder (root, FALSE, files, NULL, &error);

  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (paths, g_file_get_path (files->pdata[i]));
  if (!ok)
    mg_cli_print_error (folder, error->message);
  return ok;
}

/**
 * mg_cli_import_expand:
 * @arg: a FILE or FOLDER argument of `import`
 * @paths: (element-type filename): where the files to import are appended, in order
 *
 * With --recursive, a folder stands for every file in it and its subfolders, sorted by name;
 * anything else stands for itself (a folder then fails to import with its own message).
 *
 * Returns: %FALSE when a folder could not be read or held no files (said on stderr)
 */
gboolean
mg_cli_import_expand (const char *arg,
                      GPtrArray  *paths)
{
  guint before = paths->len;

  if (!recursive || !g_file_test (arg, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (arg));
      return TRUE;
    }
  if (!collect_folder (arg, paths))
    return FALSE;
  if (paths->len == before)
    {
      mg_cli_print_error (arg, _("the folder holds no files to import"));
      return FALSE;
    }
  return TRUE;
}
