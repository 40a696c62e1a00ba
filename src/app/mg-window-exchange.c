/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: annotation sets out (Export, Ctrl+E) and in (Import Annotations,
 * Ctrl+Shift+I), each off the main thread on a connection of its own. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-exchange.h"
#include "mg-export-dialog.h"
#include "mg-window-private.h"

static void
on_exported (MgWindow   *self,
             GFile      *file,
             const char *error_message,
             gpointer    dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_uri = folder ? g_file_get_uri (folder) : NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (error_message != NULL)
    {
      /* Translators: the file name, then what went wrong. */
      message = g_strdup_printf (_("Could not export “%s”: %s"), name, error_message);
      mg_window_show_toast (self, message);
      return;
    }
  message = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (message);
  if (folder_uri != NULL)
    {
      adw_toast_set_button_label (toast, _("Open _Folder"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (folder_uri));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  MgExportDialog *dialog = mg_export_dialog_new (GTK_WINDOW (self), self->store,
                                                 mg_reader_get_document (self->reader));

  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (g_variant_get_string (parameter, NULL), NULL, &error))
    mg_window_show_toast (self, error->message);
}

typedef struct
{
  char *library_path;
  char *path;
  MgImportSummary summary;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->library_path);
  g_free (job->path);
  mg_import_summary_clear (&job->summary);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (job->library_path, &error);

  if (store == NULL
      || !mg_exchange_import (store, job->path, &job->summary, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static char *
describe_summary (MgImportSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%'u passage added as a new annotation set.",
                                          "%'u passages added as a new annotation set.",
                                          summary->annotations_added),
                          summary->annotations_added);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Documents: %'u added, %'u already in the library."),
                          summary->documents_added, summary->documents_matched);
  g_string_append_c (text, '\n');
  /* Translators: "Codes" are the codebook's codes, the tags passages carry. */
  g_string_append_printf (text, _("Codes: %'u created, %'u matched."), summary->codes_created,

                          summary->codes_matched);
  for (guint i = 0; summary->not_placed != NULL && i < summary->not_placed->len; i++)
    g_string_append_printf (text, "\n• %s", (char *) g_ptr_array_index (summary->not_placed, i));
  return g_string_free (text, FALSE);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MgWindow *self = MG_WINDOW (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), name,
                                                      error->message);
          mg_window_show_toast (self, message);
        }
      return;
    }
  mg_window_reload_after_import (self);
  heading = g_strdup_printf (_("Imported “%s”"), name);
  body = describe_summary (&job->summary);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mg_window_import_annotations:
 * @file: a Marginalia XML file or a REFI-QDA project
 *
 * Imports its annotations as a new set, off the main thread; a summary says what came in.
 */
void
mg_window_import_annotations (MgWindow *self,
                              GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->library_path = g_strdup (mg_store_get_path (self->store));
  job->path = g_file_get_path (file);
  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_source_tag (task, mg_window_import_annotations);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_import_chooser_response (MgWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    mg_window_import_annotations (self, file);
  g_object_unref (chooser);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Annotations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Marginalia XML and REFI-QDA projects"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_filter_add_suffix (filter, "qdpx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
mg_window_exchange_init (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "export", export_action },
    { "import-annotations", import_action },
    { "open-folder", open_folder_action, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
