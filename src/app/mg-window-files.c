/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: choosing files and folders to open, and the documents opened
 * recently (the desktop's list, shared with the file manager), offered under the Open
 * button. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-import-walk.h"
#include "mg-window-private.h"

/* Enough to find this week's reading again without a long menu. */
#define MAX_RECENT 8

typedef struct
{
  const char *name;
  MgImportFormat format;
  const char *mime_type;
} ChooserFilter;

static void
add_format (GtkFileFilter  *filter,
            MgImportFormat  format,
            const char     *mime_type)
{
  for (const char *const *s = mg_import_format_suffixes (format); *s != NULL; s++)
    gtk_file_filter_add_suffix (filter, *s);
  gtk_file_filter_add_mime_type (filter, mime_type);
}

static GtkFileFilter *
supported_filter (const ChooserFilter *filters,
                  gsize                n_filters)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Supported Documents"));
  for (gsize i = 0; i < n_filters; i++)
    add_format (filter, filters[i].format, filters[i].mime_type);
  return filter;
}

/**
 * mg_window_files_add_filters:
 *
 * Gives @chooser one filter per format the importers read, all of them first; the import
 * goes by a file's bytes, so "All Files" lets one with an odd name through too.
 */
void
mg_window_files_add_filters (GtkFileChooser *chooser)
{
  const ChooserFilter filters[] = {
    { _("Plain Text"), MG_IMPORT_FORMAT_TEXT, "text/plain" },
    { _("Markdown"), MG_IMPORT_FORMAT_MARKDOWN, "text/markdown" },
    { _("Web Pages (HTML)"), MG_IMPORT_FORMAT_HTML, "text/html" },
    { _("PDF Documents"), MG_IMPORT_FORMAT_PDF, "application/pdf" },
    { _("EPUB E-Books"), MG_IMPORT_FORMAT_EPUB, "application/epub+zip" },
    { _("Word Documents (DOCX)"), MG_IMPORT_FORMAT_DOCX,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { _("OpenDocument Text (ODT)"), MG_IMPORT_FORMAT_ODT,
      "application/vnd.oasis.opendocument.text" },
  };
  g_autoptr(GtkFileFilter) all_supported = supported_filter (filters, G_N_ELEMENTS (filters));
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  gtk_file_chooser_add_filter (chooser, all_supported);
  for (gsize i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filters[i].name);
      add_format (filter, filters[i].format, filters[i].mime_type);
      gtk_file_chooser_add_filter (chooser, filter);
    }
  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (chooser, all_files);
  gtk_file_chooser_set_filter (chooser, all_supported);
}

/**
 * mg_window_files_expand_folders:
 * @files: (element-type GFile): what the user chose or dropped
 * @failures: (element-type GFile): where a folder goes, with its error set on it as
 *   "mg-walk-error", when it could not be read or holds nothing to import
 *
 * Runs in the import's worker: a folder stands for the documents in it and its subfolders
 * (by name: a folder of photos and spreadsheets must not become a list of failures).
 *
 * Returns: (transfer full) (element-type GFile): the files to import, in order
 */
GPtrArray *
mg_window_files_expand_folders (GPtrArray    *files,
                                GPtrArray    *failures,
                                GCancellable *cancellable)
{
  GPtrArray *expanded = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      guint before = expanded->len;

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable)
          != G_FILE_TYPE_DIRECTORY)
        {
          g_ptr_array_add (expanded, g_object_ref (file));
          continue;
        }
      if (mg_import_collect_folder (file, TRUE, expanded, cancellable, &error)
          && expanded->len == before)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("the folder holds no documents Marginalia can open"));
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_set_data_full (G_OBJECT (file), "mg-walk-error", g_steal_pointer (&error),
                                  (GDestroyNotify) g_error_free);
          g_ptr_array_add (failures, g_object_ref (file));
        }
    }
  return expanded;
}

static gboolean
remembers_recent (MgWindow *self)
{
  return self->remember_recent || gtk_window_get_application (GTK_WINDOW (self)) != NULL;
}

/**
 * mg_window_files_add_recent:
 *
 * Puts a file that was imported or opened on the desktop's list of recent documents. A
 * window without an application (a test's) keeps out of that list unless asked to.
 */
void
mg_window_files_add_recent (MgWindow *self,
                            GFile    *file)
{
  g_autofree char *uri = NULL;

  if (!remembers_recent (self) || file == NULL || !g_file_is_native (file))
    return;
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo * const *) b;
  GDateTime *time_a = gtk_recent_info_get_modified (info_a);
  GDateTime *time_b = gtk_recent_info_get_modified (info_b);

  return g_date_time_compare (time_b, time_a);
}

/* Menu labels take underscores for mnemonics; a file name's own must show as they are. */
static char *
escape_mnemonics (const char *label)
{
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

/**
 * mg_window_files_list_recent:
 *
 * Returns: (transfer full) (element-type GtkRecentInfo): this app's recent documents that
 *   are still there, the last one opened first, at most a menu's worth
 */
GPtrArray *
mg_window_files_list_recent (void)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GPtrArray *recent = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, g_get_application_name ())
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (recent, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (recent, compare_recent);
  if (recent->len > MAX_RECENT)
    g_ptr_array_set_size (recent, MAX_RECENT);
  return recent;
}

static void
rebuild_recent_menu (MgWindow *self)
{
  g_autoptr(GPtrArray) recent = mg_window_files_list_recent ();

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < recent->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (recent, i);
      g_autofree char *label = escape_mnemonics (gtk_recent_info_get_display_name (info));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  if (recent->len == 0)
    g_menu_append (self->recent_menu, _("No Recent Documents"), "win.no-recent");
}

/* A document already in the library opens as it is, with its passages; any other file is
 * imported, as Open would. */
static gint64
find_in_library (MgWindow   *self,
                 const char *uri)
{
  g_autoptr(GListModel) documents = mg_store_list_documents (self->store, NULL);
  guint n = documents ? g_list_model_get_n_items (documents) : 0;
  gint64 found = 0;

  for (guint i = n; i > 0 && found == 0; i--)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i - 1);

      if (g_strcmp0 (mg_document_get_source_uri (document), uri) == 0)
        found = mg_document_get_id (document);
    }
  return found;
}

/**
 * mg_window_open_uri:
 *
 * Shows the library's document that came from @uri, or imports the file there.
 */
void
mg_window_open_uri (MgWindow   *self,
                    const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  gint64 id = find_in_library (self, uri);

  if (id > 0 && mg_window_open_document (self, id))
    {
      mg_window_files_add_recent (self, file);
      return;
    }
  mg_window_import_files (self, &file, 1);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  mg_window_open_uri (MG_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_folder_chooser_response (MgWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    mg_window_import_files (self, &folder, 1);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* Dropping a folder needs a mouse; this is its keyboard way. */
static void
open_folder_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Folder of Documents"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * mg_window_files_init:
 *
 * Adds the open-folder and open-recent actions and fills the Open button's menu.
 */
void
mg_window_files_init (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "open-folder", open_folder_action },
    { "open-recent", open_recent_action, "s" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  self->recent_menu = g_menu_new ();
  g_menu_append (menu, _("Open _Folder…"), "win.open-folder");
  g_menu_append_section (menu, _("Recent"), G_MENU_MODEL (self->recent_menu));
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (menu));
  rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
}
