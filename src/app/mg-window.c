/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: library on the left, reader in the middle, side panel on the right. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-analysis-window.h"
#include "mg-store-entities.h"
#include "mg-store-library.h"
#include "mg-store-search.h"
#include "mg-store-versions.h"
#include "mg-import.h"
#include "mg-window-private.h"

G_DEFINE_FINAL_TYPE (MgWindow, mg_window, ADW_TYPE_APPLICATION_WINDOW)

/* Enough hits to read through; a query that finds more wants narrowing. */
#define MAX_SEARCH_HITS 500

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIBRARY_VISIBLE,
  PROP_SIDE_PANEL_VISIBLE,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One file's outcome, made in the worker and stored on the main thread. */
typedef struct
{
  GFile *file;
  MgDocument *document;
  GError *error;
} ImportResult;

static void
import_result_free (ImportResult *result)
{
  g_clear_object (&result->file);
  g_clear_object (&result->document);
  g_clear_error (&result->error);
  g_free (result);
}

void
mg_window_show_toast (MgWindow   *self,
                      const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  /* libadwaita 1.2 leaves the toast's close button unnamed (see mg-a11y.c). */
  mg_a11y_label_toasts (self->toast_overlay, _("Close the message"));
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename ? basename : "?");
}

static MgEntityPanel *
entity_panel (MgWindow *self)
{
  return mg_side_panel_get_entity_panel (self->side_panel);
}

static void
update_title (MgWindow *self)
{
  MgDocument *document = mg_reader_get_document (self->reader);
  g_autofree char *window_title = NULL;

  if (document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Marginalia"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Marginalia"));
      return;
    }
  adw_window_title_set_title (self->window_title, mg_document_get_title (document));
  adw_window_title_set_subtitle (self->window_title, _("Marginalia"));
  /* Translators: the window's title: document title, then the app's name. */
  window_title = g_strdup_printf (_("%s — Marginalia"), mg_document_get_title (document));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/**
 * mg_window_reload_library:
 *
 * Lists the library's documents again, after an import or a change by another process.
 */
void
mg_window_reload_library (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = NULL;
  MgDocument *current;

  g_return_if_fail (MG_IS_WINDOW (self));

  documents = mg_store_list_documents (self->store, &error);
  if (documents == NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  mg_library_sidebar_set_model (self->library_sidebar, documents);
  current = mg_reader_get_document (self->reader);
  if (current != NULL)
    mg_library_sidebar_select_document (self->library_sidebar, mg_document_get_id (current));
}

static void
remember_last_document (MgWindow *self,
                        gint64    document_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);

  if (!mg_store_set_meta (self->store, MG_WINDOW_META_LAST_DOCUMENT, id_text, &error))
    g_warning ("Could not remember the last document: %s", error->message);
}

/**
 * mg_window_save_reading_position:
 *
 * Remembers the document being read and the place in it, for the next start.
 */
void
mg_window_save_reading_position (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  MgDocument *document;

  g_return_if_fail (MG_IS_WINDOW (self));

  document = mg_reader_get_document (self->reader);
  if (document == NULL)
    return;
  /* Not worth a toast on its own: losing a scroll position loses no work. */
  if (!mg_store_set_reading_position (self->store, mg_document_get_id (document),
                                      mg_reader_get_top_offset (self->reader), &error))
    g_warning ("Could not save the reading position: %s", error->message);
}

/**
 * mg_window_open_document:
 *
 * Shows the document @document_id in the reader at its remembered reading position.
 *
 * Returns: %TRUE if the document was found and shown
 */
gboolean
mg_window_open_document (MgWindow *self,
                         gint64    document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;
  MgDocument *current;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  current = mg_reader_get_document (self->reader);
  if (current != NULL && mg_document_get_id (current) == document_id)
    return TRUE;

  document = mg_store_get_document (self->store, document_id, &error);
  if (document == NULL)
    {
      mg_window_show_toast (self, error->message);
      return FALSE;
    }
  mg_window_save_reading_position (self);
  mg_reader_set_document (self->reader, document,
                          mg_store_get_reading_position (self->store, document_id));
  mg_library_sidebar_select_document (self->library_sidebar, document_id);
  mg_entity_panel_set_document (entity_panel (self), document);
  mg_window_tagging_show_document (self);
  update_title (self);
  remember_last_document (self, document_id);
  return TRUE;
}

/**
 * mg_window_restore_last_document:
 *
 * Reopens the document that was read last in this library, where the reader left it.
 */
void
mg_window_restore_last_document (MgWindow *self)
{
  g_autofree char *last = NULL;
  guint64 id;

  g_return_if_fail (MG_IS_WINDOW (self));

  last = mg_store_get_meta (self->store, MG_WINDOW_META_LAST_DOCUMENT);
  if (last != NULL && g_ascii_string_to_unsigned (last, 10, 1, G_MAXINT64, &id, NULL))
    mg_window_open_document (self, (gint64) id);
}

static void
on_document_activated (MgWindow   *self,
                       MgDocument *document)
{
  mg_window_open_document (self, mg_document_get_id (document));
}

/* Search across the corpus; a library of hundreds of documents answers well inside a
 * keystroke, so this runs on the main thread (the entry already waits for typing to pause). */
static void
on_search_changed (MgWindow   *self,
                   const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mg_store_search (self->store, query, MAX_SEARCH_HITS, &error);

  if (hits == NULL)
    mg_window_show_toast (self, error->message);
  mg_library_sidebar_show_hits (self->library_sidebar, hits);
}

static void
on_hit_activated (MgWindow *self,
                  gint64    document_id,
                  gint64    start,
                  gint64    end)
{
  if (mg_window_open_document (self, document_id))
    mg_reader_select_range (self->reader, start, end);
}

static void
analysis_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  mg_window_show_analysis (MG_WINDOW (user_data));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  g_object_set (self, "library-visible", TRUE, NULL);
  mg_library_sidebar_start_search (self->library_sidebar);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MgWindow         *self)
{
  MgDocument *document = g_object_get_data (G_OBJECT (dialog), "document");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  MgDocument *shown = mg_reader_get_document (self->reader);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename"))
    return;
  if (!mg_store_rename_document (self->store, mg_document_get_id (document),
                                 gtk_editable_get_text (entry), &error))
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  if (shown != NULL && mg_document_get_id (shown) == mg_document_get_id (document))
    {
      mg_document_set_title (shown, gtk_editable_get_text (entry));
      update_title (self);
    }
  mg_window_reload_library (self);
}

static void
on_rename_requested (MgWindow   *self,
                     MgDocument *document)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Document"), NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), mg_document_get_title (document));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (document),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mg_window_delete_document:
 *
 * Deletes a document and its passages (the user has confirmed), and leaves the reader empty
 * if it was showing it.
 *
 * Returns: %TRUE when it is gone
 */
gboolean
mg_window_delete_document (MgWindow *self,
                           gint64    document_id)
{
  MgDocument *shown = mg_reader_get_document (self->reader);
  g_autoptr(GError) error = NULL;

  if (!mg_store_delete_document (self->store, document_id, &error))
    {
      mg_window_show_toast (self, error->message);
      return FALSE;
    }
  if (shown != NULL && mg_document_get_id (shown) == document_id)
    {
      mg_reader_set_document (self->reader, NULL, 0);
      mg_entity_panel_set_document (entity_panel (self), NULL);
      mg_window_tagging_show_document (self);
      mg_store_set_meta (self->store, MG_WINDOW_META_LAST_DOCUMENT, NULL, NULL);
      update_title (self);
    }
  mg_window_reload_library (self);
  return TRUE;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MgWindow         *self)
{
  MgDocument *document = g_object_get_data (G_OBJECT (dialog), "document");
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "delete")
      || !mg_window_delete_document (self, mg_document_get_id (document)))
    return;
  message = g_strdup_printf (_("Deleted “%s”"), mg_document_get_title (document));
  mg_window_show_toast (self, message);
}

static void
on_delete_requested (MgWindow   *self,
                     MgDocument *document)
{
  guint passages = mg_document_get_annotation_count (document);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), mg_document_get_title (document));
  g_autofree char *body = passages == 0
    ? g_strdup (_("The document leaves the library. This cannot be undone."))
    : g_strdup_printf (ngettext ("Its %'u tagged passage is deleted with it. This cannot be "
                                 "undone.",
                                 "Its %'u tagged passages are deleted with it. This cannot be "
                                 "undone.", passages), passages);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (document),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reading_position_changed (MgWindow *self,
                             gint64    offset)
{
  mg_window_save_reading_position (self);
}

typedef struct
{
  MgWindow *window;
  guint done;
  guint total;
} ImportProgress;

static gboolean
show_import_progress (gpointer user_data)
{
  ImportProgress *progress = user_data;
  g_autofree char *text = g_strdup_printf (_("Importing %'u of %'u…"),
                                           MIN (progress->done + 1, progress->total),
                                           progress->total);

  gtk_progress_bar_set_fraction (progress->window->import_progress,
                                 (double) progress->done / MAX (progress->total, 1));
  gtk_progress_bar_set_text (progress->window->import_progress, text);
  return G_SOURCE_REMOVE;
}

static void
import_progress_free (ImportProgress *progress)
{
  g_object_unref (progress->window);
  g_free (progress);
}

/* From the worker: how far it is, shown by the main thread. */
static void
report_progress (MgWindow *window,
                 guint     done,
                 guint     total)
{
  ImportProgress *progress = g_new0 (ImportProgress, 1);

  progress->window = g_object_ref (window);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_import_progress, progress,
                              (GDestroyNotify) import_progress_free);
}

/* Worker: reads and decodes every file, each by what its bytes say it is. It touches no
 * widget and no connection; the documents go back to the main thread, which stores them,
 * so a cancelled import stores nothing at all. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) import_result_free);
  g_autoptr(GPtrArray) unread = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) files = mg_window_files_expand_folders (task_data, unread, cancellable);

  /* A folder that gave nothing is a failure of its own, with the walk's reason. */
  for (guint i = 0; i < unread->len; i++)
    {
      ImportResult *result = g_new0 (ImportResult, 1);

      result->file = g_object_ref (g_ptr_array_index (unread, i));
      result->error = g_error_copy (g_object_get_data (G_OBJECT (result->file), "mg-walk-error"));
      g_ptr_array_add (results, result);
    }
  for (guint i = 0; i < files->len; i++)
    {
      ImportResult *result;

      if (g_task_return_error_if_cancelled (task))
        return;
      report_progress (source_object, i, files->len);
      result = g_new0 (ImportResult, 1);
      result->file = g_object_ref (g_ptr_array_index (files, i));
      result->document = mg_import_file (result->file, cancellable, &result->error);
      g_ptr_array_add (results, result);
    }
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

static void
cancel_import_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
report_import_failures (MgWindow  *self,
                        GPtrArray *failures)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  if (failures->len == 1)
    {
      mg_window_show_toast (self, g_ptr_array_index (failures, 0));
      return;
    }
  for (guint i = 0; i < failures->len; i++)
    g_string_append_printf (body, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (failures, i));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Some Files Were Not Imported"),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
announce_new_version (MgWindow         *self,
                      const char       *name,
                      MgReanchorReport *report)
{
  guint placed = report->n_exact + report->n_moved + report->n_fuzzy;
  g_autofree char *message = NULL;

  if (report->n_orphaned == 0)
    /* Translators: a file name; its text changed since it was imported. */
    message = g_strdup_printf (ngettext ("“%s” has changed: this is its new version, and its "
                                         "%'u passage was placed in it",
                                         "“%s” has changed: this is its new version, and all "
                                         "%'u passages were placed in it", placed),
                               name, placed);
  else
    message = g_strdup_printf (ngettext ("“%s” has changed: this is its new version; %'u passage "
                                         "could not be placed (see Annotations)",
                                         "“%s” has changed: this is its new version; %'u passages "

                                         "could not be placed (see Annotations)",
                                         report->n_orphaned),
                               name, report->n_orphaned);
  mg_window_show_toast (self, message);
}

/* Stores one decoded file; returns a message for the user when it was not imported. */
static char *
store_import_result (MgWindow     *self,
                     ImportResult *result,
                     gint64       *out_id)
{
  g_autofree char *name = file_display_name (result->file);
  g_autoptr(GError) error = NULL;
  g_auto(MgReanchorReport) report = { 0 };
  MgImportOutcome outcome;

  if (result->document == NULL)
    /* Translators: file name, then why it could not be imported. */
    return g_strdup_printf (_("Could not import “%s”: %s"), name, result->error->message);
  if (!mg_store_import_document (self->store, result->document, &outcome, &report, &error))
    return g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);
  *out_id = mg_document_get_id (result->document);
  mg_window_files_add_recent (self, result->file);
  if (outcome == MG_IMPORT_OUTCOME_EXISTED)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is already in the library"), name);
      mg_window_show_toast (self, message);
    }
  else if (outcome == MG_IMPORT_OUTCOME_NEW_VERSION)
    announce_new_version (self, name, &report);
  return NULL;
}

static void
import_done (GObject      *source,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  MgWindow *self = MG_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (async_result), &error);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  gint64 last_id = 0;
  guint imported = 0;

  if (self->import_cancellable == g_task_get_cancellable (G_TASK (async_result)))
    {
      g_clear_object (&self->import_cancellable);
      gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
    }
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mg_window_show_toast (self, error->message);
      else
        mg_window_show_toast (self, _("Import cancelled; nothing was added"));
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, 0, 0);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      char *failure = store_import_result (self, g_ptr_array_index (results, i), &last_id);

      if (failure != NULL)
        g_ptr_array_add (failures, failure);
      else
        imported++;
    }
  mg_window_reload_library (self);
  if (last_id > 0)
    mg_window_open_document (self, last_id);
  if (failures->len > 0)
    report_import_failures (self, failures);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, imported, failures->len);
}

/**
 * mg_window_import_files:
 *
 * Imports @files into the library off the main thread, then shows the last one imported.
 * A file that cannot be imported is named in a toast (or a dialog, for several) with the
 * reason, and leaves the library unchanged. Emits #MgWindow::import-finished when done.
 */
void
mg_window_import_files (MgWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copies;

  g_return_if_fail (MG_IS_WINDOW (self));

  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (copies, g_object_ref (files[i]));

  /* One import at a time has the progress bar; a second one waits its turn in the pool. */
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->import_cancellable, G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_progress_bar_set_text (self->import_progress, _("Importing…"));
  gtk_revealer_set_reveal_child (self->import_revealer, n_files > 1);
  task = g_task_new (self, self->import_cancellable, import_done, NULL);
  g_task_set_source_tag (task, mg_window_import_files);
  g_task_set_task_data (task, copies, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, import_thread);
}

static void
on_chooser_response (MgWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint n;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  n = g_list_model_get_n_items (files);
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  mg_window_import_files (self, (GFile **) list->pdata, list->len);
}

static GtkFileChooserNative *
create_chooser (MgWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Documents"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  mg_window_files_add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  return chooser;
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  if (self->chooser == NULL)
    self->chooser = create_chooser (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MgWindow      *self)
{
  GSList *dropped = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = dropped; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  mg_window_import_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* The schema is installed with the app and compiled into the build tree; a binary run from
 * elsewhere without it still works, only without remembering its size. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (MgWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (MgWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  /* The default size follows the window while it is not maximized: the size to come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
mg_window_close_request (GtkWindow *window)
{
  mg_window_save_reading_position (MG_WINDOW (window));
  save_window_state (MG_WINDOW (window));
  mg_window_settings_save (MG_WINDOW (window));
  if (GTK_WINDOW_CLASS (mg_window_parent_class)->close_request (window))
    return TRUE;
  /* A running import or export holds the window alive until it finishes, so dispose would
   * come too late: closing (and quitting) stops it now, and it stores nothing. */
  g_cancellable_cancel (MG_WINDOW (window)->cancellable);
  return FALSE;
}

static void
mg_window_dispose (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->library_watch);
  mg_window_tagging_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_WINDOW);

  G_OBJECT_CLASS (mg_window_parent_class)->dispose (object);
}

static void
mg_window_finalize (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (mg_window_parent_class)->finalize (object);
}

static GtkWidget *
library_child (MgWindow *self)
{
  return gtk_paned_get_start_child (self->outer_paned);
}

static GtkWidget *
side_panel_child (MgWindow *self)
{
  return gtk_paned_get_end_child (self->inner_paned);
}

static void
mg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgWindow *self = MG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    /* The action's state is read while the template is torn down too: panes gone then. */
    case PROP_LIBRARY_VISIBLE:
      g_value_set_boolean (value, self->outer_paned == NULL
                                  || gtk_widget_get_visible (library_child (self)));
      break;
    case PROP_SIDE_PANEL_VISIBLE:
      g_value_set_boolean (value, self->inner_paned == NULL
                                  || gtk_widget_get_visible (side_panel_child (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_child_visible (MgWindow  *self,
                   GtkWidget *child,
                   gboolean   visible,
                   int        prop_id)
{
  if (gtk_widget_get_visible (child) == visible)
    return;
  gtk_widget_set_visible (child, visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MgWindow *self = MG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LIBRARY_VISIBLE:
      set_child_visible (self, library_child (self), g_value_get_boolean (value), prop_id);
      break;
    case PROP_SIDE_PANEL_VISIBLE:
      set_child_visible (self, side_panel_child (self), g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Another process (the CLI, a second window) committed: show the library as it is now. */
static void
on_library_changed (MgWindow *self)
{
  mg_window_reload_after_import (self);
  mg_window_refresh_analysis (self);
}

static void
on_backup_failed (MgWindow   *self,
                  const char *message)
{
  g_autofree char *text = g_strdup_printf (_("The daily backup was not made: %s"), message);

  mg_window_show_toast (self, text);
}

static void
watch_library (MgWindow *self)
{
  self->library_watch = mg_library_watch_new (self->store);
  g_signal_connect_object (self->library_watch, "changed", G_CALLBACK (on_library_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_watch, "backup-failed",
                           G_CALLBACK (on_backup_failed), self, G_CONNECT_SWAPPED);
  /* Back from the terminal, the window is up to date before the next poll. */
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (mg_library_watch_check_now),
                           self->library_watch, G_CONNECT_SWAPPED);
}

static void
mg_window_constructed (GObject *object)
{
  MgWindow *self = MG_WINDOW (object);

  G_OBJECT_CLASS (mg_window_parent_class)->constructed (object);

  g_assert (MG_IS_STORE (self->store));
  restore_window_state (self);
  mg_entity_panel_set_store (entity_panel (self), self->store);
  mg_window_tagging_set_store (self);
  mg_window_reload_library (self);
  watch_library (self);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARY_VISIBLE] =
    g_param_spec_boolean ("library-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_PANEL_VISIBLE] =
    g_param_spec_boolean ("side-panel-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_window_class_init (MgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_window_dispose;
  object_class->finalize = mg_window_finalize;
  object_class->get_property = mg_window_get_property;
  object_class->set_property = mg_window_set_property;
  object_class->constructed = mg_window_constructed;
  GTK_WINDOW_CLASS (klass)->close_request = mg_window_close_request;
  install_properties (object_class);

  /**
   * MgWindow::import-finished:
   * @imported: how many files are now in the library (new or already there)
   * @failed: how many could not be imported
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (MG_TYPE_LIBRARY_SIDEBAR);
  g_type_ensure (MG_TYPE_READER);
  g_type_ensure (MG_TYPE_SIDE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/mg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, library_toggle);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, side_panel_toggle);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, library_sidebar);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated);
}

/* The actions live in the window's own "win" action map rather than as class actions: both
 * answer to the "win." prefix, and a toggle button bound to a class action of that name did
 * not follow its state. */
static void
add_actions (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "open", open_action },
    { "search", search_action },
    { "cancel-import", cancel_import_action },
    { "analysis", analysis_action },
  };
  g_autoptr(GPropertyAction) show_library = NULL;
  g_autoptr(GPropertyAction) show_side_panel = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  show_library = g_property_action_new ("show-library", self, "library-visible");
  show_side_panel = g_property_action_new ("show-side-panel", self, "side-panel-visible");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_library));
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (show_side_panel));
}

static void
mg_window_init (MgWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = create_settings ();
  add_actions (self);
  mg_window_entities_init (self);
  mg_window_exchange_init (self);
  mg_window_tagging_init (self);
  mg_window_agreement_init (self);
  mg_window_settings_init (self);
  mg_window_files_init (self);
  /* The Open button's arrow has a tooltip but no name of its own (see mg-a11y.c). */
  mg_a11y_label_first_of_type (GTK_WIDGET (self->open_button), GTK_TYPE_MENU_BUTTON,
                               _("Open a folder or a recent document"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->open_button), GTK_TYPE_BUTTON, _("Open"));

  g_signal_connect_object (self->library_sidebar, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "hit-activated",
                           G_CALLBACK (on_hit_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "rename-requested",
                           G_CALLBACK (on_rename_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "delete-requested",
                           G_CALLBACK (on_delete_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "position-changed",
                           G_CALLBACK (on_reading_position_changed), self, G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/**
 * mg_window_new:
 * @store: the library this window shows
 *
 * Returns: (transfer full): a new window, with the library listed and no document open
 */
MgWindow *
mg_window_new (GtkApplication *application,
               MgStore        *store)
{
  return g_object_new (MG_TYPE_WINDOW, "application", application, "store", store, NULL);
}

MgStore *
mg_window_get_store (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->store;
}

MgReader *
mg_window_get_reader (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->reader;
}

MgLibrarySidebar *
mg_window_get_library_sidebar (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->library_sidebar;
}

MgSidePanel *
mg_window_get_side_panel (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->side_panel;
}
