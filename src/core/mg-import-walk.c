/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A folder's files, in a stable order, for an import of the whole tree. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-import-walk.h"

#define FOLDER_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," \
                          G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

/* The names each importer is known by; the import itself goes by the bytes, so these only
 * choose what a folder offers and what the file chooser shows. */
static const char *const text_suffixes[] = { "txt", "text", NULL };
static const char *const markdown_suffixes[] = { "md", "markdown", NULL };
static const char *const html_suffixes[] = { "html", "htm", "xhtml", NULL };
static const char *const pdf_suffixes[] = { "pdf", NULL };
static const char *const epub_suffixes[] = { "epub", NULL };
static const char *const docx_suffixes[] = { "docx", NULL };
static const char *const odt_suffixes[] = { "odt", NULL };

/**
 * mg_import_format_suffixes:
 *
 * Returns: (transfer none) (array zero-terminated=1): the file name suffixes of @format,
 *   without the dot, lower case
 */
const char *const *
mg_import_format_suffixes (MgImportFormat format)
{
  switch (format)
    {
    case MG_IMPORT_FORMAT_TEXT:
      return text_suffixes;
    case MG_IMPORT_FORMAT_MARKDOWN:
      return markdown_suffixes;
    case MG_IMPORT_FORMAT_HTML:
      return html_suffixes;
    case MG_IMPORT_FORMAT_PDF:
      return pdf_suffixes;
    case MG_IMPORT_FORMAT_EPUB:
      return epub_suffixes;
    case MG_IMPORT_FORMAT_DOCX:
      return docx_suffixes;
    case MG_IMPORT_FORMAT_ODT:
      return odt_suffixes;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * mg_import_has_supported_suffix:
 * @name: a file name, in the file system's encoding
 *
 * Returns: %TRUE when @name ends in a suffix of a format Marginalia imports (any case)
 */
gboolean
mg_import_has_supported_suffix (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return FALSE;
  for (int format = MG_IMPORT_FORMAT_TEXT; format <= MG_IMPORT_FORMAT_ODT; format++)
    for (const char *const *s = mg_import_format_suffixes (format); *s != NULL; s++)
      if (g_ascii_strcasecmp (dot + 1, *s) == 0)
        return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo * const *) a;
  GFileInfo *info_b = *(GFileInfo * const *) b;

  return strcmp (g_file_info_get_name (info_a), g_file_info_get_name (info_b));
}

/* A folder's entries by name, so an import runs in the same order (and ids) every time. */
static GPtrArray *
list_sorted (GFile         *folder,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, FOLDER_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                        cancellable, &local_error);
  while (children != NULL
         && (info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    g_ptr_array_add (infos, info);
  if (local_error != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* Translators: a folder's name, then why it could not be read. */
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not read the folder “%s”: %s"), name, local_error->message);
      return NULL;
    }
  g_ptr_array_sort (infos, compare_names);
  return g_steal_pointer (&infos);
}

/* Hidden files are a tool's, not the user's; a linked folder is left out, so a link back up
 * the tree cannot make the walk endless. A folder that cannot be read does not stop the
 * rest: the first such error is kept for the caller. */
static void
collect (GFile         *folder,
         gboolean       supported_only,
         GPtrArray     *files,
         GCancellable  *cancellable,
         GError       **first_error)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) infos = list_sorted (folder, cancellable, &error);

  if (infos == NULL)
    {
      if (*first_error == NULL)
        *first_error = error;
      else
        g_error_free (error);
      return;
    }
  for (guint i = 0; i < infos->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GFileInfo *info = infos->pdata[i];
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      if (g_file_info_get_is_hidden (info) || name[0] == '.')
        continue;
      if (type == G_FILE_TYPE_DIRECTORY && !g_file_info_get_is_symlink (info))
        {
          g_autoptr(GFile) child = g_file_get_child (folder, name);
          collect (child, supported_only, files, cancellable, first_error);
        }
      else if (type == G_FILE_TYPE_REGULAR
               && (!supported_only || mg_import_has_supported_suffix (name)))
        g_ptr_array_add (files, g_file_get_child (folder, name));
    }
}

/**
 * mg_import_collect_folder:
 * @folder: the folder to walk
 * @supported_only: keep only files whose name says they are of a format Marginalia imports
 * @files: (element-type GFile): where the files found are appended, sorted by name within
 *   each folder, a folder's subfolders in place among its files
 * @cancellable: (nullable): stops the walk
 *
 * Walks @folder and its subfolders (hidden ones and linked folders left out). Every folder
 * that can be read contributes its files even when another could not be read.
 *
 * Returns: %FALSE with @error set when some folder could not be read (its name is in the
 *   message) or the walk was cancelled; @files holds what was found all the same
 */
gboolean
mg_import_collect_folder (GFile         *folder,
                          gboolean       supported_only,
                          GPtrArray     *files,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GError *first_error = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  collect (folder, supported_only, files, cancellable, &first_error);
  if (first_error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &first_error);
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}
