/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `marginalia-cli import --recursive`: which files a folder argument stands for. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mg-cli-common.h"
#include "mg-cli-import.h"

static gboolean recursive = FALSE;

static const GOptionEntry import_entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive,
    N_("Import the files inside each FOLDER and its subfolders (hidden ones left out)"), NULL },
  { NULL }
};

#define FOLDER_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," \
                          G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo * const *) a;
  GFileInfo *info_b = *(GFileInfo * const *) b;

  return strcmp (g_file_info_get_name (info_a), g_file_info_get_name (info_b));
}

/* A folder's entries by name, so a run imports in the same order (and ids) every time. */
static GPtrArray *
list_sorted (const char  *folder,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, FOLDER_ATTRIBUTES,
                                                                   G_FILE_QUERY_INFO_NONE,
                                                                   NULL, error);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  if (children == NULL)
    return NULL;
  while ((info = g_file_enumerator_next_file (children, NULL, error)) != NULL)
    g_ptr_array_add (infos, info);
  if (error != NULL && *error != NULL)
    return NULL;
  g_ptr_array_sort (infos, compare_names);
  return g_steal_pointer (&infos);
}

/* Hidden files are a tool's, not the user's; a linked folder is left out, so a link back up
 * the tree cannot make the walk endless. */
static gboolean
collect_folder (const char *folder,
                GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = list_sorted (folder, &error);
  gboolean ok = TRUE;

  if (infos == NULL)
    {
      mg_cli_print_error (folder, error->message);
      return FALSE;
    }
  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = infos->pdata[i];
      const char *name = g_file_info_get_name (info);
      g_autofree char *path = NULL;

      if (g_file_info_get_is_hidden (info) || name[0] == '.')
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        ok &= g_file_info_get_is_symlink (info) || collect_folder (path, paths);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
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
