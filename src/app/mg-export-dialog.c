/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog: format, scope and destination; the export itself runs off the main
 * thread, on a connection of its own, and the window hears when it is done. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-annotation-set.h"
#include "mg-exchange.h"
#include "mg-export-dialog.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

struct _MgExportDialog
{
  AdwWindow parent_instance;

  AdwComboRow *format_row;
  AdwComboRow *scope_row;
  AdwComboRow *set_row;
  AdwComboRow *code_row;
  GtkSwitch *text_switch;
  GtkSpinner *spinner;
  GtkWidget *export_button;

  MgStore *store;
  MgDocument *document;
  GtkStringList *set_names;
  GtkStringList *code_names;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (MgExportDialog, mg_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *library_path;
  char *path;
  MgExchangeFormat format;
  MgExportScope scope;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->library_path);
  g_free (job->path);
  g_clear_pointer (&job->scope.document_ids, g_array_unref);
  g_clear_pointer (&job->scope.set_names, g_ptr_array_unref);
  g_clear_pointer (&job->scope.code_names, g_ptr_array_unref);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (job->library_path, &error);

  if (store == NULL
      || !mg_exchange_export (store, job->format, &job->scope, job->path, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MgExportDialog *self = MG_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GError) error = NULL;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_signal_emit (self, signals[EXPORTED], 0, file, error->message);
      return;
    }
  g_signal_emit (self, signals[EXPORTED], 0, file, NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static MgExportScope
make_scope (MgExportDialog *self)
{
  MgExportScope scope = { g_array_new (FALSE, FALSE, sizeof (gint64)),
                          g_ptr_array_new_with_free_func (g_free),
                          g_ptr_array_new_with_free_func (g_free),
                          gtk_switch_get_active (self->text_switch) };
  guint set = adw_combo_row_get_selected (self->set_row);
  guint code = adw_combo_row_get_selected (self->code_row);

  if (self->document != NULL && adw_combo_row_get_selected (self->scope_row) == 0)
    g_array_append_val (scope.document_ids, (gint64) { mg_document_get_id (self->document) });
  /* Row 0 is "All sets" and "All codes". */
  if (set > 0 && set != GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (scope.set_names,
                     g_strdup (gtk_string_list_get_string (self->set_names, set)));
  if (code > 0 && code != GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (scope.code_names,
                     g_strdup (gtk_string_list_get_string (self->code_names, code)));
  return scope;
}

/**
 * mg_export_dialog_export_to:
 * @file: where to write, as chosen (the file chooser's answer, or a test's)
 *
 * Exports with the dialog's choices off the main thread; #MgExportDialog::exported tells
 * how it went.
 */
void
mg_export_dialog_export_to (MgExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->library_path = g_strdup (mg_store_get_path (self->store));
  job->path = g_file_get_path (file);
  job->format = (MgExchangeFormat) adw_combo_row_get_selected (self->format_row);
  job->scope = make_scope (self);
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, mg_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response (MgExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    mg_export_dialog_export_to (self, file);
}

static char *
suggested_name (MgExportDialog *self)
{
  MgExchangeFormat format = (MgExchangeFormat) adw_combo_row_get_selected (self->format_row);
  gboolean one = self->document != NULL && adw_combo_row_get_selected (self->scope_row) == 0;
  g_autofree char *stem = g_strdup (one ? mg_document_get_title (self->document)
                                        : _("Marginalia library"));

  g_strdelimit (stem, "/\\:", '-');
  return g_strconcat (stem, mg_exchange_format_suffix (format), NULL);
}

static void
on_export_clicked (MgExportDialog *self)
{
  g_autofree char *name = suggested_name (self);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Annotations"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mg_export_dialog_dispose (GObject *object)
{
  MgExportDialog *self = MG_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->set_names);
  g_clear_object (&self->code_names);

  G_OBJECT_CLASS (mg_export_dialog_parent_class)->dispose (object);
}

static void
mg_export_dialog_class_init (MgExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_export_dialog_dispose;

  /**
   * MgExportDialog::exported:
   * @file: the file written (or not)
   * @error_message: (nullable): why it failed, %NULL when the file is written
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, set_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, text_switch);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mg_export_dialog_init (MgExportDialog *self)
{
  AdwComboRow *rows[4];
  GtkWidget *options;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  rows[0] = self->format_row;
  rows[1] = self->scope_row;
  rows[2] = self->set_row;
  rows[3] = self->code_row;
  /* libadwaita 1.2 leaves the group's list and each row's choices unnamed (see mg-a11y.c). */
  options = gtk_widget_get_parent (GTK_WIDGET (self->format_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (options), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to export"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    mg_a11y_label_first_of_type (GTK_WIDGET (rows[i]), GTK_TYPE_LIST_VIEW,
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])));
}

static void
fill_codes (MgExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = mg_store_list_codes (self->store, &error);
  guint n = codes ? g_list_model_get_n_items (codes) : 0;

  self->code_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->code_names, _("All codes"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);
      gtk_string_list_append (self->code_names, mg_code_get_name (code));
    }
  adw_combo_row_set_model (self->code_row, G_LIST_MODEL (self->code_names));
}

static void
fill_sets (MgExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (self->store, &error);
  guint n = sets ? g_list_model_get_n_items (sets) : 0;

  self->set_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->set_names, _("All sets"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgAnnotationSet) set = g_list_model_get_item (sets, i);
      gtk_string_list_append (self->set_names, mg_annotation_set_get_name (set));
    }
  adw_combo_row_set_model (self->set_row, G_LIST_MODEL (self->set_names));
}

/**
 * mg_export_dialog_new:
 * @document: (nullable): the document being read, offered as the scope
 *
 * Returns: (transfer full): the dialog, not shown yet
 */
MgExportDialog *
mg_export_dialog_new (GtkWindow  *parent,
                      MgStore    *store,
                      MgDocument *document)
{
  MgExportDialog *self = g_object_new (MG_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->document = document ? g_object_ref (document) : NULL;
  fill_sets (self);
  fill_codes (self);
  if (document == NULL)
    {
      adw_combo_row_set_selected (self->scope_row, 1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), FALSE);
    }
  return self;
}
