/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The agreement between annotation sets: which sets, documents and codes; the figures per
 * code and overall; the places where the first two sets disagree, each openable in the
 * reader and resolvable into a consensus set (undoable). The figures and the list are
 * computed off the main thread on a connection of their own, as they read every passage of
 * the chosen documents; merges go through the window's store and history. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mg-a11y.h"
#include "mg-agreement-view.h"
#include "mg-set-merge.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

/* A longer list is cut: nobody resolves ten thousand places in one sitting, and a list box
 * that long is slow to build. */
#define MAX_ROWS 300

struct _MgAgreementView
{
  GtkWidget parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkFlowBox *sets_box;
  GtkDropDown *scope_dropdown;
  GtkDropDown *code_dropdown;
  GtkCheckButton *compare_check;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkGrid *figures_grid;
  GtkLabel *disagreements_label;
  GtkScrolledWindow *disagreements_scroller;
  GtkListBox *disagreements_list;

  MgStore *store;
  MgHistory *history;
  GCancellable *cancellable;
  gint64 current_document;
  GArray *set_ids;           /* every set, in the order of the check buttons */
  GPtrArray *set_names;
  GPtrArray *set_checks;     /* GtkCheckButton, one per set */
  GArray *code_ids;          /* the code dropdown's items after "All Codes" */
  GHashTable *code_names;    /* code id (gint64 *) -> name */
  gboolean loading_choices;

  GArray *figures;           /* MgAgreementFigures of the last computation */
  GPtrArray *disagreements;  /* MgDisagreement between the first two chosen sets */
  GHashTable *titles;        /* document id (gint64 *) -> title */
  char *name_a;
  char *name_b;
  gboolean busy;
  gboolean again;            /* the choices changed while computing */
  gint64 compared[2];        /* the sets the reader compares, or 0 */
};

G_DEFINE_FINAL_TYPE (MgAgreementView, mg_agreement_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  PASSAGE_ACTIVATED,
  COMPUTED,
  READER_COMPARISON_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The worker's input and output. */
typedef struct
{
  char *path;
  GArray *set_ids;
  gint64 document;
  gint64 code;
  char *consensus_name;

  GArray *figures;
  GPtrArray *disagreements;
  GHashTable *titles;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->set_ids, g_array_unref);
  g_free (job->consensus_name);
  g_clear_pointer (&job->figures, g_array_unref);
  g_clear_pointer (&job->disagreements, g_ptr_array_unref);
  g_clear_pointer (&job->titles, g_hash_table_unref);
  g_free (job);
}

static GHashTable *
read_titles (MgStore  *store,
             GError  **error)
{
  g_autoptr(GListModel) documents = mg_store_list_documents (store, error);
  GHashTable *titles;

  if (documents == NULL)
    return NULL;
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);

      g_hash_table_insert (titles, g_memdup2 (&(gint64) { mg_document_get_id (document) },
                                              sizeof (gint64)),
                           g_strdup (mg_document_get_title (document)));
    }
  return titles;
}

static gint64
consensus_id (MgStore    *store,
              const char *name)
{
  g_autoptr(MgAnnotationSet) set = mg_store_find_annotation_set (store, name, NULL);

  return set != NULL ? mg_annotation_set_get_id (set) : 0;
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (job->path, &error);
  const gint64 *sets = (const gint64 *) (gpointer) job->set_ids->data;
  const gint64 *documents = job->document > 0 ? &job->document : NULL;
  const gint64 *codes = job->code > 0 ? &job->code : NULL;

  if (store == NULL
      || (job->figures = mg_agreement_measure (store, sets, job->set_ids->len, documents,
                                               documents ? 1 : 0, codes, codes ? 1 : 0,
                                               &error)) == NULL
      || (job->titles = read_titles (store, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  job->disagreements = mg_set_merge_list_disagreements (store, sets[0], sets[1],
                                                        consensus_id (store,
                                                                      job->consensus_name),
                                                        documents, documents ? 1 : 0,
                                                        codes, codes ? 1 : 0, &error);
  if (job->disagreements == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (MgAgreementView *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
code_name (MgAgreementView *self,
           gint64           code)
{
  const char *name = g_hash_table_lookup (self->code_names, &code);

  return name != NULL ? name : "";
}

/* A figure as the table shows it: an em dash where it is undefined. */
static char *
format_figure (double   value,
               gboolean percent)
{
  if (isnan (value))
    return g_strdup ("—");
  if (percent)
    return g_strdup_printf ("%.1f %%", value * 100);
  return g_strdup_printf ("%.3f", value);
}

static void
attach_label (GtkGrid    *grid,
              const char *text,
              int         column,
              int         row,
              gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
show_figures (MgAgreementView *self)
{
  const char *headings[] = {
    _("Code"), _("Passages"), _("Agreement"), _("Cohen’s κ"), _("Fleiss’ κ"),
    _("Krippendorff’s uα"),
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    attach_label (self->figures_grid, headings[c], c, 0, TRUE);
  for (guint i = 0; i < self->figures->len; i++)
    {
      const MgAgreementFigures *row = &g_array_index (self->figures, MgAgreementFigures, i);
      g_autofree char *units = g_strdup_printf ("%u", row->units);
      g_autofree char *percent = format_figure (row->percent, TRUE);
      g_autofree char *cohen = format_figure (row->cohen_kappa, FALSE);
      g_autofree char *fleiss = format_figure (row->fleiss_kappa, FALSE);
      g_autofree char *alpha = format_figure (row->u_alpha, FALSE);
      const char *cells[] = {
        row->code == 0 ? _("All codes") : code_name (self, row->code),
        units, percent, cohen, fleiss, alpha,
      };

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        attach_label (self->figures_grid, cells[c], c, i + 1, row->code == 0);
    }
}

static char *
describe_side (const char *letter,
               const char *set_name,
               GPtrArray  *passages)
{
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: "A · Mine: " or "B · Ana: ", before the passages of one set */
  g_string_append_printf (text, _("%s · %s: "), letter, set_name);
  if (passages->len == 0)
    g_string_append (text, _("no passage"));
  for (guint i = 0; i < passages->len; i++)
    {
      g_autofree char *quote = g_strdup (mg_annotation_get_quote (g_ptr_array_index (passages,
                                                                                      i)));

      g_strdelimit (quote, "\n\t", ' ');
      g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", quote);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
choice_button (const char *label,
               const char *tooltip,
               guint       index,
               guint       choice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "agreement.accept");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(uu)", index, choice);
  return button;
}

static GtkWidget *
disagreement_row (MgAgreementView *self,
                  guint            index)
{
  MgDisagreement *d = g_ptr_array_index (self->disagreements, index);
  const char *title = g_hash_table_lookup (self->titles, &d->document_id);
  g_autofree char *heading = g_strdup_printf ("%s · %s", code_name (self, d->code_id),
                                              title != NULL ? title : "");
  g_autofree char *a = describe_side (_("A"), self->name_a, d->a);
  g_autofree char *b = describe_side (_("B"), self->name_b, d->b);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (text), label);
  for (guint side = 0; side < 2; side++)
    {
      label = gtk_label_new (side == 0 ? a : b);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  if (d->resolved)
    {
      label = gtk_label_new (_("Resolved"));
      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (text, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    {
      g_autofree char *take_a = g_strdup_printf (_("Copy %s’s passages into the consensus set"),
                                                 self->name_a);
      g_autofree char *take_b = g_strdup_printf (_("Copy %s’s passages into the consensus set"),
                                                 self->name_b);

      gtk_box_append (GTK_BOX (box), choice_button (_("_A"), take_a, index, MG_MERGE_ACCEPT_A));
      gtk_box_append (GTK_BOX (box), choice_button (_("_B"), take_b, index, MG_MERGE_ACCEPT_B));
      gtk_box_append (GTK_BOX (box), choice_button (_("Bo_th"),
                                                    _("Copy both sets’ passages into the "
                                                      "consensus set"),
                                                    index, MG_MERGE_ACCEPT_BOTH));
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open the passage in the reader"));
  return row;
}

static void
show_disagreements (MgAgreementView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->disagreements_scroller);
  double scrolled = gtk_adjustment_get_value (adjustment);
  guint shown = MIN (self->disagreements->len, MAX_ROWS);
  g_autofree char *heading = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->disagreements_list))) != NULL)
    gtk_list_box_remove (self->disagreements_list, child);
  if (self->disagreements->len > MAX_ROWS)
    /* The plural follows the total, which some languages need beyond "more than one". */
    heading = g_strdup_printf (ngettext ("Where %s and %s disagree: the first %'u of %'u place",
                                         "Where %s and %s disagree: the first %'u of %'u places",
                                         self->disagreements->len),
                               self->name_a, self->name_b, shown, self->disagreements->len);
  else
    heading = g_strdup_printf (ngettext ("Where %s and %s disagree: %'u place",
                                         "Where %s and %s disagree: %'u places",

                                         self->disagreements->len),
                               self->name_a, self->name_b, self->disagreements->len);
  gtk_label_set_label (self->disagreements_label, heading);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->disagreements_list, disagreement_row (self, i));
  gtk_adjustment_set_value (adjustment, scrolled);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MgAgreementView *self;
  Job *job;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MG_AGREEMENT_VIEW (source);
  job = g_task_get_task_data (G_TASK (result));
  set_busy (self, FALSE);
  if (error != NULL)
    {
      adw_status_page_set_title (self->status_page, _("The Agreement Could Not Be Computed"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      g_clear_pointer (&self->figures, g_array_unref);
      g_clear_pointer (&self->disagreements, g_ptr_array_unref);
      g_clear_pointer (&self->titles, g_hash_table_unref);
      self->figures = g_steal_pointer (&job->figures);
      self->disagreements = g_steal_pointer (&job->disagreements);
      self->titles = g_steal_pointer (&job->titles);
      show_figures (self);
      show_disagreements (self);
      gtk_stack_set_visible_child_name (self->stack, "results");
    }
  if (self->again)
    {
      self->again = FALSE;
      mg_agreement_view_refresh (self);
      return;
    }
  g_signal_emit (self, signals[COMPUTED], 0);
}

static GArray *
chosen_sets (MgAgreementView *self)
{
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_clear_pointer (&self->name_a, g_free);
  g_clear_pointer (&self->name_b, g_free);
  for (guint i = 0; i < self->set_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->set_checks, i)))
      {
        char **name = chosen->len == 0 ? &self->name_a : &self->name_b;

        if (chosen->len < 2)
          *name = g_strdup (g_ptr_array_index (self->set_names, i));
        g_array_append_val (chosen, g_array_index (self->set_ids, gint64, i));
      }
  return chosen;
}

static gint64
chosen_code (MgAgreementView *self)
{
  guint selected = gtk_drop_down_get_selected (self->code_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->code_ids->len)
    return 0;
  return g_array_index (self->code_ids, gint64, selected - 1);
}

/**
 * mg_agreement_view_refresh:
 *
 * Computes the figures and the disagreements again for the choices shown, off the main
 * thread; "computed" is emitted when they are on screen.
 */
void
mg_agreement_view_refresh (MgAgreementView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) sets = NULL;
  gboolean all = gtk_drop_down_get_selected (self->scope_dropdown) == 1;
  Job *job;

  g_return_if_fail (MG_IS_AGREEMENT_VIEW (self));

  if (self->loading_choices)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  sets = chosen_sets (self);
  if (sets->len < 2 || (!all && self->current_document <= 0))
    {
      adw_status_page_set_title (self->status_page, sets->len < 2
                                 ? _("Choose Two Sets or More")
                                 : _("No Document Is Open"));
      adw_status_page_set_description (self->status_page, sets->len < 2
        ? _("Import a colleague’s annotations (Marginalia XML or REFI-QDA) as a set of its "
            "own, then tick the sets to compare.")
        : _("Open a document in the reader, or compare all documents."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_signal_emit (self, signals[COMPUTED], 0);
      return;
    }
  job = g_new0 (Job, 1);
  job->path = g_strdup (mg_store_get_path (self->store));
  job->set_ids = g_steal_pointer (&sets);
  job->document = all ? 0 : self->current_document;
  job->code = chosen_code (self);
  job->consensus_name = g_strdup (_("Consensus"));
  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_source_tag (task, mg_agreement_view_refresh);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, compute_in_thread);
}

/* Tells the reader which two sets to compare (the first two ticked), or none. */
static void
update_comparison (MgAgreementView *self)
{
  g_autoptr(GArray) sets = chosen_sets (self);
  gint64 filled = 0, outlined = 0;

  if (gtk_check_button_get_active (self->compare_check) && sets->len >= 2)
    {
      filled = g_array_index (sets, gint64, 0);
      outlined = g_array_index (sets, gint64, 1);
    }
  if (filled == self->compared[0] && outlined == self->compared[1])
    return;
  self->compared[0] = filled;
  self->compared[1] = outlined;
  g_signal_emit (self, signals[READER_COMPARISON_CHANGED], 0, filled, outlined);
}

static void
on_choice_changed (MgAgreementView *self)
{
  if (self->loading_choices)
    return;
  update_comparison (self);
  mg_agreement_view_refresh (self);
}

/* The sets and codes of the library, as check buttons and a dropdown; ticks that were
 * there stay, and a fresh view ticks the first two sets that are not the consensus. */
static void
load_choices (MgAgreementView *self)
{
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (self->store, NULL);
  g_autoptr(GListModel) codes = mg_store_list_codes (self->store, NULL);
  g_autoptr(GHashTable) ticked = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) old_ids = g_array_copy (self->set_ids);
  g_autoptr(GPtrArray) old_checks = g_ptr_array_ref (self->set_checks);
  GtkStringList *code_list = gtk_string_list_new (NULL);
  gint64 code = chosen_code (self);
  guint selected = 0, n_ticked = 0;
  gboolean fresh = old_ids->len == 0;
  GtkWidget *child;

  self->loading_choices = TRUE;
  for (guint i = 0; i < old_ids->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (old_checks, i)))
      g_hash_table_add (ticked, &g_array_index (old_ids, gint64, i));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sets_box))) != NULL)
    gtk_flow_box_remove (self->sets_box, child);
  g_array_set_size (self->set_ids, 0);
  g_ptr_array_set_size (self->set_names, 0);
  g_ptr_array_unref (self->set_checks);
  self->set_checks = g_ptr_array_new ();
  for (guint i = 0; sets != NULL && i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(MgAnnotationSet) set = g_list_model_get_item (sets, i);
      gint64 id = mg_annotation_set_get_id (set);
      const char *name = mg_annotation_set_get_name (set);
      GtkWidget *check = gtk_check_button_new_with_label (name);
      gboolean tick = fresh ? n_ticked < 2 && g_strcmp0 (name, _("Consensus")) != 0
                            : g_hash_table_contains (ticked, &id);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), tick);
      n_ticked += tick;
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_changed), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->sets_box, check);
      g_array_append_val (self->set_ids, id);
      g_ptr_array_add (self->set_names, g_strdup (name));
      g_ptr_array_add (self->set_checks, check);
    }

  g_hash_table_remove_all (self->code_names);
  g_array_set_size (self->code_ids, 0);
  gtk_string_list_append (code_list, _("All Codes"));
  for (guint i = 0; codes != NULL && i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(MgCode) item = g_list_model_get_item (codes, i);
      gint64 id = mg_code_get_id (item);

      gtk_string_list_append (code_list, mg_code_get_name (item));
      g_array_append_val (self->code_ids, id);
      g_hash_table_insert (self->code_names, g_memdup2 (&id, sizeof id),
                           g_strdup (mg_code_get_name (item)));
      if (id == code)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->code_dropdown, G_LIST_MODEL (code_list));
  gtk_drop_down_set_selected (self->code_dropdown, selected);
  g_object_unref (code_list);
  self->loading_choices = FALSE;
}

static void
toast (MgAgreementView *self,
       const char      *message,
       gboolean         offer_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (offer_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "agreement.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) consensus = NULL;
  g_autoptr(GPtrArray) added = NULL;
  guint index, choice;

  g_variant_get (parameter, "(uu)", &index, &choice);
  if (self->disagreements == NULL || index >= self->disagreements->len)
    return;
  consensus = mg_set_merge_ensure_consensus (self->store, _("Consensus"), &error);
  if (consensus != NULL)
    added = mg_set_merge_accept (self->history, self->store,
                                 g_ptr_array_index (self->disagreements, index),
                                 (MgMergeChoice) choice,
                                 mg_annotation_set_get_id (consensus), &error);
  if (added == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was merged: %s"), error->message);

      toast (self, message, FALSE);
      return;
    }
  if (added->len == 0)
    {
      /* Nothing to copy (the chosen set has no passage there): the choice is still made. */
      show_disagreements (self);
      toast (self, _("Nothing to copy: the consensus has no passage there"), FALSE);
      return;
    }
  toast (self, _("Merged into the set “Consensus”"), TRUE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!mg_history_undo (self->history, &error))
    toast (self, error->message, FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!mg_history_redo (self->history, &error))
    toast (self, error->message, FALSE);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (widget);

  load_choices (self);
  mg_agreement_view_refresh (self);
}

/* Any change to the library's passages or codebook (a merge, its undo, tagging in the
 * reader) may change what the view shows: sets and codes, the figures, what is resolved. */
static void
on_history_changed (MgAgreementView *self)
{
  load_choices (self);
  mg_agreement_view_refresh (self);
}

static void
on_row_activated (MgAgreementView *self,
                  GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);
  MgDisagreement *d;

  if (index < 0 || self->disagreements == NULL || (guint) index >= self->disagreements->len)
    return;
  d = g_ptr_array_index (self->disagreements, index);
  g_signal_emit (self, signals[PASSAGE_ACTIVATED], 0, d->document_id, d->start, d->end);
}

static void
update_undo_actions (MgAgreementView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.undo",
                                 mg_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.redo",
                                 mg_history_can_redo (self->history));
}

/**
 * mg_agreement_view_set_history:
 *
 * Merges become steps of @history (the window's, so its undo takes them back too).
 */
void
mg_agreement_view_set_history (MgAgreementView *self,
                               MgHistory       *history)
{
  g_return_if_fail (MG_IS_AGREEMENT_VIEW (self));
  g_return_if_fail (MG_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  g_signal_connect_object (history, "changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-undo", G_CALLBACK (update_undo_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-redo", G_CALLBACK (update_undo_actions),
                           self, G_CONNECT_SWAPPED);
  update_undo_actions (self);
}

MgHistory *
mg_agreement_view_get_history (MgAgreementView *self)
{
  g_return_val_if_fail (MG_IS_AGREEMENT_VIEW (self), NULL);
  return self->history;
}

/**
 * mg_agreement_view_set_current_document:
 * @document_id: the document in the reader, or 0
 *
 * The document "Current Document" compares; with none open, all documents are compared.
 */
void
mg_agreement_view_set_current_document (MgAgreementView *self,
                                        gint64           document_id)
{
  g_return_if_fail (MG_IS_AGREEMENT_VIEW (self));

  if (self->current_document == document_id)
    return;
  self->current_document = document_id;
  self->loading_choices = TRUE;
  gtk_drop_down_set_selected (self->scope_dropdown, document_id > 0 ? 0 : 1);
  self->loading_choices = FALSE;
  mg_agreement_view_refresh (self);
}

/**
 * mg_agreement_view_set_sets:
 * @set_ids: (array length=n_sets): the sets to tick; the others are unticked
 */
void
mg_agreement_view_set_sets (MgAgreementView *self,
                            const gint64    *set_ids,
                            guint            n_sets)
{
  g_return_if_fail (MG_IS_AGREEMENT_VIEW (self));

  self->loading_choices = TRUE;
  for (guint i = 0; i < self->set_ids->len; i++)
    {
      gboolean tick = FALSE;

      for (guint j = 0; j < n_sets; j++)
        tick = tick || set_ids[j] == g_array_index (self->set_ids, gint64, i);
      gtk_check_button_set_active (g_ptr_array_index (self->set_checks, i), tick);
    }
  self->loading_choices = FALSE;
  update_comparison (self);
  mg_agreement_view_refresh (self);
}

gboolean
mg_agreement_view_get_busy (MgAgreementView *self)
{
  g_return_val_if_fail (MG_IS_AGREEMENT_VIEW (self), FALSE);
  return self->busy;
}

/**
 * mg_agreement_view_get_figures:
 *
 * Returns: (transfer none) (nullable) (element-type MgAgreementFigures): the figures on
 *   screen, the overall row last
 */
GArray *
mg_agreement_view_get_figures (MgAgreementView *self)
{
  g_return_val_if_fail (MG_IS_AGREEMENT_VIEW (self), NULL);
  return self->figures;
}

/**
 * mg_agreement_view_get_disagreements:
 *
 * Returns: (transfer none) (nullable) (element-type MgDisagreement): the places listed
 */
GPtrArray *
mg_agreement_view_get_disagreements (MgAgreementView *self)
{
  g_return_val_if_fail (MG_IS_AGREEMENT_VIEW (self), NULL);
  return self->disagreements;
}

static void
mg_agreement_view_dispose (GObject *object)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_AGREEMENT_VIEW);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mg_agreement_view_parent_class)->dispose (object);
}

static void
mg_agreement_view_finalize (GObject *object)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (object);

  g_array_unref (self->set_ids);
  g_ptr_array_unref (self->set_names);
  g_ptr_array_unref (self->set_checks);
  g_array_unref (self->code_ids);
  g_hash_table_unref (self->code_names);
  g_clear_pointer (&self->figures, g_array_unref);
  g_clear_pointer (&self->disagreements, g_ptr_array_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_free (self->name_a);
  g_free (self->name_b);

  G_OBJECT_CLASS (mg_agreement_view_parent_class)->finalize (object);
}

static void
mg_agreement_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MgAgreementView *self = MG_AGREEMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_agreement_view_class_init (MgAgreementViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_agreement_view_dispose;
  object_class->finalize = mg_agreement_view_finalize;
  object_class->get_property = mg_agreement_view_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgAgreementView::passage-activated:
   * @document_id: the document
   * @start: where the place of disagreement starts
   * @end: where it ends
   *
   * The reader should show this place.
   */
  signals[PASSAGE_ACTIVATED] = g_signal_new ("passage-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64,
                                             G_TYPE_INT64);
  /**
   * MgAgreementView::computed:
   *
   * The figures and disagreements on screen are up to date.
   */
  /**
   * MgAgreementView::reader-comparison-changed:
   * @filled_set: the set the reader should fill, or 0 to show every set as usual
   * @outlined_set: the set it should underline, or 0
   */
  signals[READER_COMPARISON_CHANGED] =
    g_signal_new ("reader-comparison-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/marginalia/Marginalia/mg-agreement-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, sets_box);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, code_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, compare_check);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, stack);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, status_page);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, disagreements_label);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView,
                                        disagreements_scroller);
  gtk_widget_class_bind_template_child (widget_class, MgAgreementView, disagreements_list);

  gtk_widget_class_install_action (widget_class, "agreement.accept", "(uu)", accept_action);
  gtk_widget_class_install_action (widget_class, "agreement.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "agreement.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "agreement.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "agreement.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "agreement.redo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "agreement.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mg_agreement_view_init (MgAgreementView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->set_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->set_names = g_ptr_array_new_with_free_func (g_free);
  self->set_checks = g_ptr_array_new ();
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->code_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_drop_down_set_selected (self->scope_dropdown, 1);
  g_signal_connect_object (self->scope_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  placeholder = gtk_label_new (_("The sets agree on every passage here"));
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->disagreements_list, placeholder);
  g_signal_connect_object (self->compare_check, "toggled",
                           G_CALLBACK (update_comparison), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->disagreements_list, "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  /* The buttons GTK builds inside the drop-downs and toasts have no name of their own. */
  mg_a11y_label_first_of_type (GTK_WIDGET (self->scope_dropdown), GTK_TYPE_TOGGLE_BUTTON,
                               _("Documents to compare"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->code_dropdown), GTK_TYPE_TOGGLE_BUTTON,
                               _("Codes to compare"));
  mg_a11y_label_toasts (self->toast_overlay, _("Close the message"));
}

/**
 * mg_agreement_view_new:
 *
 * The agreement view over @store, comparing all documents until a current document is
 * set. Merges go to a history of its own until mg_agreement_view_set_history() gives it
 * the window's.
 *
 * Returns: (transfer floating): the view
 */
GtkWidget *
mg_agreement_view_new (MgStore *store)
{
  MgAgreementView *self;
  g_autoptr(MgHistory) history = mg_history_new ();

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  self = g_object_new (MG_TYPE_AGREEMENT_VIEW, NULL);
  self->store = g_object_ref (store);
  mg_agreement_view_set_history (self, history);
  load_choices (self);
  mg_agreement_view_refresh (self);
  return GTK_WIDGET (self);
}
