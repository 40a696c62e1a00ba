/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scope choosers and passage opening, shared by the analysis views. */
#include "config.h"

#include "mg-analysis-scope.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-analysis-frequencies.h"
#include "mg-store-annotations.h"

typedef enum {
  CHOOSE_DOCUMENT,
  CHOOSE_SET,
  CHOOSE_CODE,
} Choice;

static void
append (GtkStringList *names,
        GArray        *ids,
        const char    *name,
        gint64         id)
{
  gtk_string_list_append (names, name);
  g_array_append_val (ids, id);
}

static void
fill_documents (MgStore       *store,
                GtkStringList *names,
                GArray        *ids)
{
  g_autoptr(GListModel) documents = mg_store_list_documents (store, NULL);

  append (names, ids, _("All documents"), 0);
  for (guint i = 0; documents != NULL && i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);
      append (names, ids, mg_document_get_title (document), mg_document_get_id (document));
    }
}

static void
fill_sets (MgStore       *store,
           GtkStringList *names,
           GArray        *ids)
{
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (store, NULL);

  append (names, ids, _("All sets"), 0);
  for (guint i = 0; sets != NULL && i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(MgAnnotationSet) set = g_list_model_get_item (sets, i);
      append (names, ids, mg_annotation_set_get_name (set), mg_annotation_set_get_id (set));
    }
}

static void
fill_codes (MgStore       *store,
            const char    *all_label,
            GtkStringList *names,
            GArray        *ids)
{
  g_autoptr(GPtrArray) codes = mg_analysis_load_codes (store, NULL, NULL);

  if (all_label != NULL)
    append (names, ids, all_label, 0);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      MgCodeFrequency *code = g_ptr_array_index (codes, i);
      append (names, ids, code->path, code->code_id);
    }
}

/* The names as the library has them now; the ids go beside the model: position i has id
 * ids[i]. */
static GtkStringList *
fill (GtkDropDown *dropdown)
{
  MgStore *store = g_object_get_data (G_OBJECT (dropdown), "mg-store");
  Choice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "mg-choice"));
  GtkStringList *names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (choice == CHOOSE_DOCUMENT)
    fill_documents (store, names, ids);
  else if (choice == CHOOSE_SET)
    fill_sets (store, names, ids);
  else
    fill_codes (store, g_object_get_data (G_OBJECT (dropdown), "mg-all-label"), names, ids);
  g_object_set_data_full (G_OBJECT (dropdown), "mg-ids", ids, (GDestroyNotify) g_array_unref);
  return names;
}

static GtkDropDown *
dropdown_new (MgStore    *store,
              Choice      choice,
              const char *all_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  g_autoptr(GtkStringList) names = NULL;

  g_object_set_data_full (G_OBJECT (dropdown), "mg-store", g_object_ref (store), g_object_unref);
  g_object_set_data (G_OBJECT (dropdown), "mg-choice", GINT_TO_POINTER (choice));
  g_object_set_data_full (G_OBJECT (dropdown), "mg-all-label", g_strdup (all_label), g_free);
  names = fill (dropdown);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  return dropdown;
}

/**
 * mg_analysis_documents_dropdown:
 *
 * Returns: (transfer floating): "All documents", then every document
 */
GtkDropDown *
mg_analysis_documents_dropdown (MgStore *store)
{
  return dropdown_new (store, CHOOSE_DOCUMENT, NULL);
}

/**
 * mg_analysis_sets_dropdown:
 *
 * Returns: (transfer floating): "All sets", then every annotation set
 */
GtkDropDown *
mg_analysis_sets_dropdown (MgStore *store)
{
  return dropdown_new (store, CHOOSE_SET, NULL);
}

/**
 * mg_analysis_codes_dropdown:
 * @all_label: (nullable): the first entry, id 0; %NULL for none
 *
 * Returns: (transfer floating): the codebook by path
 */
GtkDropDown *
mg_analysis_codes_dropdown (MgStore    *store,
                            const char *all_label)
{
  return dropdown_new (store, CHOOSE_CODE, all_label);
}

/**
 * mg_analysis_dropdown_select_id:
 *
 * Chooses the entry of @id; nothing changes when there is none.
 */
void
mg_analysis_dropdown_select_id (GtkDropDown *dropdown,
                                gint64       id)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "mg-ids");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
}

/**
 * mg_analysis_dropdown_reload:
 * @listener: the object whose handlers must not see the change (the view)
 *
 * Lists the documents, sets or codes again, as the library has them now, keeping the entry
 * chosen when it is still there (else the first). @listener's handlers are blocked meanwhile:
 * the caller counts again anyway.
 */
void
mg_analysis_dropdown_reload (GtkDropDown *dropdown,
                             gpointer     listener)
{
  gint64 chosen = mg_analysis_dropdown_get_id (dropdown);
  g_autoptr(GtkStringList) names = NULL;

  g_signal_handlers_block_matched (dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, listener);
  names = fill (dropdown);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, 0);
  mg_analysis_dropdown_select_id (dropdown, chosen);
  g_signal_handlers_unblock_matched (dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, listener);
}

/**
 * mg_analysis_dropdown_get_id:
 *
 * Returns: the id of the entry chosen (0 for "all"), or -1 when none is
 */
gint64
mg_analysis_dropdown_get_id (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "mg-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected >= ids->len)
    return -1;
  return g_array_index (ids, gint64, selected);
}

/**
 * mg_analysis_labelled:
 *
 * Returns: (transfer floating): @widget after a label that names it (and labels it for
 *   screen readers)
 */
GtkWidget *
mg_analysis_labelled (const char *label,
                      GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name, NULL, -1);
  /* A dropdown's focus is on its inner button, which the relation does not reach. */
  if (GTK_IS_DROP_DOWN (widget))
    mg_a11y_label_first_of_type (widget, GTK_TYPE_TOGGLE_BUTTON, label);
  return box;
}

/**
 * mg_analysis_button:
 * @label: the label, with a mnemonic
 * @callback: called with @instance alone when the button is clicked
 *
 * Returns: (transfer floating): a toolbar button of the analysis views
 */
GtkWidget *
mg_analysis_button (const char *label,
                    const char *tooltip,
                    GCallback   callback,
                    gpointer    instance)
{
  GtkWidget *widget = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (widget, tooltip);
  g_signal_connect_swapped (widget, "clicked", callback, instance);
  return widget;
}

/**
 * mg_analysis_open_target:
 *
 * Opens the passage a row points at in the main window's reader, through the analysis
 * window's "analysis.open-passage" action; a row that points at no passage does nothing.
 */
void
mg_analysis_open_target (GtkWidget     *widget,
                         MgTableTarget *target)
{
  if (target == NULL || target->document_id == 0)
    return;
  gtk_widget_activate_action (widget, "analysis.open-passage", "(xxx)", target->document_id,
                              target->start, target->end);
}

/**
 * mg_analysis_toast:
 *
 * Shows @message in the toast overlay @widget sits in.
 */
void
mg_analysis_toast (GtkWidget  *widget,
                   const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  /* libadwaita 1.2 leaves the toast's close button unnamed (see mg-a11y.c). */
  mg_a11y_label_toasts (ADW_TOAST_OVERLAY (overlay), _("Close the message"));
}

/**
 * mg_analysis_report_error:
 * @what: what could not be done, as a sentence
 *
 * Shows a failure as a toast that says what happened and what to do.
 */
void
mg_analysis_report_error (GtkWidget  *widget,
                          const char *what,
                          GError     *error)
{
  g_autofree char *message = g_strdup_printf (_("%s: %s. Close the Analysis window and try "
                                                "again."), what, error->message);

  mg_analysis_toast (widget, message);
}

/* How many computations are under way, for tests that wait for the views to settle. */
static gint n_running;

typedef struct
{
  char *path;
  MgAnalysisWork work;
  gpointer input;
  GDestroyNotify input_free;
  GDestroyNotify result_free;
} Compute;

static void
compute_free (Compute *compute)
{
  g_free (compute->path);
  if (compute->input_free != NULL)
    compute->input_free (compute->input);
  g_free (compute);
  /* The last reference may go on either thread. */
  g_atomic_int_add (&n_running, -1);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Compute *compute = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (compute->path, &error);
  gpointer result = NULL;

  if (store != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = compute->work (store, compute->input, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, compute->result_free);
}

/**
 * mg_analysis_compute_async:
 * @input: (transfer full): what @work needs, a copy the worker owns
 *
 * Runs @work on a worker thread with its own connection to @store's library, so the window
 * never waits for a count over a large corpus.
 */
void
mg_analysis_compute_async (MgStore             *store,
                           MgAnalysisWork       work,
                           gpointer             input,
                           GDestroyNotify       input_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Compute *compute = g_new0 (Compute, 1);

  *compute = (Compute) { g_strdup (mg_store_get_path (store)), work, input, input_free,
                         result_free };
  g_atomic_int_inc (&n_running);
  g_task_set_source_tag (task, mg_analysis_compute_async);
  g_task_set_task_data (task, compute, (GDestroyNotify) compute_free);
  g_task_run_in_thread (task, compute_in_thread);
}

/**
 * mg_analysis_compute_finish:
 *
 * Returns: (transfer full): what the work returned, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when a newer count replaced it)
 */
gpointer
mg_analysis_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
mg_analysis_get_n_running (void)
{
  return (guint) g_atomic_int_get (&n_running);
}
