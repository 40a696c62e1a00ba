/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis window: code frequencies, matrices, the entity overview, keyword in context
 * and the agreement between annotation sets, one page each in a view stack, over the library
 * of the main window; a passage chosen in any of them opens in the main window's reader. */
#include "config.h"

#include "mg-analysis-window.h"

#include <glib/gi18n.h>

#include "mg-agreement-view.h"
#include "mg-analysis-frequencies.h"
#include "mg-analysis-scope.h"
#include "mg-entity-overview.h"
#include "mg-frequency-view.h"
#include "mg-kwic-view.h"
#include "mg-matrix-view.h"
#include "mg-report-html.h"
#include "mg-kwic.h"
#include "mg-window-private.h"

/* The key under which the main window keeps its analysis window (one per main window). */
#define ANALYSIS_WINDOW_KEY "mg-analysis-window"

struct _MgAnalysisWindow
{
  AdwWindow parent_instance;

  GWeakRef main_window;
  MgStore *store;
  AdwToastOverlay *toast_overlay;
  AdwViewStack *stack;
  GtkFileChooserNative *chooser;
  AdwMessageDialog *report_dialog;
  GtkListBox *report_codes;
};

G_DEFINE_FINAL_TYPE (MgAnalysisWindow, mg_analysis_window, ADW_TYPE_WINDOW)

/**
 * mg_analysis_window_get_view:
 * @name: "frequencies", "matrices", "entities", "kwic" or "agreement"
 *
 * Returns: (transfer none) (nullable): the page's view
 */
GtkWidget *
mg_analysis_window_get_view (MgAnalysisWindow *self,
                             const char       *name)
{
  return adw_view_stack_get_child_by_name (self->stack, name);
}

AdwViewStack *
mg_analysis_window_get_stack (MgAnalysisWindow *self)
{
  return self->stack;
}

static void
refresh_view (GtkWidget *view)
{
  if (MG_IS_FREQUENCY_VIEW (view))
    mg_frequency_view_reload (MG_FREQUENCY_VIEW (view));
  else if (MG_IS_MATRIX_VIEW (view))
    mg_matrix_view_reload (MG_MATRIX_VIEW (view));
  else if (MG_IS_ENTITY_OVERVIEW (view))
    mg_entity_overview_reload (MG_ENTITY_OVERVIEW (view));
  else if (MG_IS_KWIC_VIEW (view))
    mg_kwic_view_reload (MG_KWIC_VIEW (view));
  else if (MG_IS_AGREEMENT_VIEW (view))
    /* Its own refresh action reads the sets and codes again too: a set may have come in. */
    gtk_widget_activate_action (view, "agreement.refresh", NULL);
  g_object_set_data (G_OBJECT (view), "mg-stale", NULL);
}

/* Each view counts when it is first shown and again when shown after a refresh: opening the
 * window then costs one view's counting, not all of them. */
static void
on_visible_child_changed (MgAnalysisWindow *self)
{
  GtkWidget *view = adw_view_stack_get_visible_child (self->stack);

  if (view != NULL && g_object_get_data (G_OBJECT (view), "mg-stale") != NULL)
    refresh_view (view);
}

/**
 * mg_analysis_window_refresh:
 *
 * Counts the view shown again, as the library is now; the others count when next shown.
 */
void
mg_analysis_window_refresh (MgAnalysisWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_object_set_data (G_OBJECT (adw_view_stack_page_get_child (page)), "mg-stale",
                         GINT_TO_POINTER (TRUE));
    }
  on_visible_child_changed (self);
}

/* Every page's way to the reader: the document opens in the main window, the passage
 * selected, and the main window comes to the front. */
static void
open_passage (MgAnalysisWindow *self,
              gint64            document,
              gint64            start,
              gint64            end)
{
  g_autoptr(MgWindow) main_window = g_weak_ref_get (&self->main_window);

  if (main_window == NULL)
    {
      mg_analysis_toast (GTK_WIDGET (self->stack), _("The library window is closed; open it "
                                                     "again to read this passage"));
      return;
    }
  if (mg_window_open_document (main_window, document))
    mg_reader_select_range (mg_window_get_reader (main_window), start, end);
  gtk_window_present (GTK_WINDOW (main_window));
}

static void
open_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gint64 document, start, end;

  g_variant_get (parameter, "(xxx)", &document, &start, &end);
  open_passage (MG_ANALYSIS_WINDOW (widget), document, start, end);
}

static void
show_entity_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgAnalysisWindow *self = MG_ANALYSIS_WINDOW (widget);
  const char *key, *name;

  g_variant_get (parameter, "(&s&s)", &key, &name);
  mg_kwic_view_show_entity (MG_KWIC_VIEW (mg_analysis_window_get_view (self, "kwic")), key, name);
  adw_view_stack_set_visible_child_name (self->stack, "kwic");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mg_analysis_window_refresh (MG_ANALYSIS_WINDOW (widget));
}

/**
 * mg_analysis_window_write_report:
 * @kwic_codes: (array length=n_kwic_codes): the codes quoted in context
 *
 * Writes the HTML report, with the co-occurrence distance the Matrices view shows.
 */
gboolean
mg_analysis_window_write_report (MgAnalysisWindow  *self,
                                 GFile             *file,
                                 const gint64      *kwic_codes,
                                 guint              n_kwic_codes,
                                 GError           **error)
{
  MgMatrixView *matrices = MG_MATRIX_VIEW (mg_analysis_window_get_view (self, "matrices"));
  MgReportOptions options = {
    _("Marginalia analysis"), 0, mg_matrix_view_get_window (matrices), kwic_codes,
    n_kwic_codes, MG_KWIC_DEFAULT_CONTEXT,
  };

  return mg_report_html_write (self->store, &options, file, error);
}

static GArray *
chosen_codes (MgAnalysisWindow *self)
{
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->report_codes)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (GTK_IS_CHECK_BUTTON (check) && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        {
          gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "mg-code-id");
          g_array_append_val (codes, id);
        }
    }
  return codes;
}

static void
on_report_file (MgAnalysisWindow *self,
                int               response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_autoptr(GArray) codes = g_object_steal_data (G_OBJECT (self->chooser), "mg-codes");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  if (mg_analysis_window_write_report (self, file, (gint64 *) codes->data, codes->len, &error))
    message = g_strdup (_("Report saved"));
  else
    message = g_strdup_printf (_("Could not save the report: %s. Choose another folder and "
                                 "try again."), error->message);
  mg_analysis_toast (GTK_WIDGET (self->stack), message);
}

static void
ask_report_file (MgAnalysisWindow *self,
                 GArray           *codes)
{
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("analysis.html"));
  g_object_set_data_full (G_OBJECT (self->chooser), "mg-codes", codes,
                          (GDestroyNotify) g_array_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_report_file), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_report_response (MgAnalysisWindow *self,
                    const char       *response)
{
  GArray *codes = g_str_equal (response, "export") ? chosen_codes (self) : NULL;

  self->report_dialog = NULL;
  self->report_codes = NULL;
  if (codes != NULL)
    ask_report_file (self, codes);
}

static GtkWidget *
make_code_list (MgAnalysisWindow *self)
{
  g_autoptr(GPtrArray) codes = mg_analysis_load_codes (self->store, NULL, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->report_codes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->report_codes, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->report_codes), "boxed-list");
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      MgCodeFrequency *code = g_ptr_array_index (codes, i);
      GtkWidget *check = gtk_check_button_new_with_label (code->path);

      g_object_set_data_full (G_OBJECT (check), "mg-code-id",
                              g_memdup2 (&code->code_id, sizeof code->code_id), g_free);
      gtk_list_box_append (self->report_codes, check);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->report_codes));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  return scrolled;
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MgAnalysisWindow *self = MG_ANALYSIS_WINDOW (widget);
  GtkWidget *dialog;

  if (self->report_dialog != NULL || self->chooser != NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Report"),
                                   _("One HTML file with the frequencies, both matrices and, "
                                     "for the codes chosen here, every passage in context. It "
                                     "opens in any browser, offline."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), make_code_list (self));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response), self,
                           G_CONNECT_SWAPPED);
  self->report_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mg_analysis_window_dispose (GObject *object)
{
  MgAnalysisWindow *self = MG_ANALYSIS_WINDOW (object);
  g_autoptr(GObject) main_window = g_weak_ref_get (&self->main_window);

  if (main_window != NULL && g_object_get_data (main_window, ANALYSIS_WINDOW_KEY) == self)
    g_object_steal_data (main_window, ANALYSIS_WINDOW_KEY);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mg_analysis_window_parent_class)->dispose (object);
}

static void
mg_analysis_window_finalize (GObject *object)
{
  g_weak_ref_clear (&MG_ANALYSIS_WINDOW (object)->main_window);
  G_OBJECT_CLASS (mg_analysis_window_parent_class)->finalize (object);
}

static void
mg_analysis_window_class_init (MgAnalysisWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_analysis_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = mg_analysis_window_finalize;
  gtk_widget_class_install_action (widget_class, "analysis.open-passage", "(xxx)",
                                   open_passage_action);
  gtk_widget_class_install_action (widget_class, "analysis.show-entity", "(ss)",
                                   show_entity_action);
  gtk_widget_class_install_action (widget_class, "analysis.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-report", NULL,
                                   export_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "analysis.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "analysis.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mg_analysis_window_init (MgAnalysisWindow *self)
{
  g_weak_ref_init (&self->main_window, NULL);
}

static GtkWidget *
make_header (MgAnalysisWindow *self,
             AdwViewSwitcherTitle **out_title)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  GtkWidget *report = gtk_button_new_with_mnemonic (_("_Report…"));
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("Analysis"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (report), "analysis.export-report");
  gtk_widget_set_tooltip_text (report, _("Export frequencies, matrices and passages as one "
                                         "HTML report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (report), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export Report"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (refresh), "analysis.refresh");
  gtk_widget_set_tooltip_text (refresh, _("Count again (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (refresh), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Count again"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), refresh);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), report);
  *out_title = ADW_VIEW_SWITCHER_TITLE (title);
  return header;
}

static void
add_page (MgAnalysisWindow *self,
          GtkWidget        *view,
          const char       *name,
          const char       *title,
          const char       *icon)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, view, name, title);

  g_object_set_data (G_OBJECT (view), "mg-stale", GINT_TO_POINTER (TRUE));

  adw_view_stack_page_set_icon_name (page, icon);
  gtk_widget_set_margin_top (view, 6);
  gtk_widget_set_margin_start (view, 6);
  gtk_widget_set_margin_end (view, 6);
  gtk_widget_set_margin_bottom (view, 6);
}

/* Last: it compares annotation sets rather than counting them. Its merges are steps of the
 * main window's history, it follows the reader's document and it can show two sets in the
 * reader (mg-window-agreement.c); the places it lists open like any other passage here. */
static void
add_agreement_page (MgAnalysisWindow *self)
{
  g_autoptr(MgWindow) main_window = g_weak_ref_get (&self->main_window);
  GtkWidget *view = mg_agreement_view_new (self->store);

  add_page (self, view, "agreement", _("Agreement"), "emblem-ok-symbolic");
  g_signal_connect_object (view, "passage-activated", G_CALLBACK (open_passage), self,
                           G_CONNECT_SWAPPED);
  if (main_window != NULL)
    mg_window_agreement_attach (main_window, view);
}

static void
add_pages (MgAnalysisWindow *self)
{
  add_page (self, mg_frequency_view_new (self->store), "frequencies", _("Frequencies"),
            "view-list-bullet-symbolic");
  add_page (self, mg_matrix_view_new (self->store), "matrices", _("Matrices"),
            "view-grid-symbolic");
  add_page (self, mg_entity_overview_new (self->store), "entities", _("Entities"),
            "system-users-symbolic");
  add_page (self, mg_kwic_view_new (self->store), "kwic", _("In Context"),
            "format-justify-center-symbolic");
  add_agreement_page (self);
}

/**
 * mg_analysis_window_new:
 * @main_window: the window whose reader opens the passages chosen here
 *
 * Returns: (transfer full): a new analysis window over @store
 */
MgAnalysisWindow *
mg_analysis_window_new (MgWindow *main_window,
                        MgStore  *store)
{
  MgAnalysisWindow *self = g_object_new (MG_TYPE_ANALYSIS_WINDOW,
                                         "title", _("Analysis"),
                                         "default-width", 1200,
                                         "default-height", 820,
                                         NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher_bar = adw_view_switcher_bar_new ();
  AdwViewSwitcherTitle *title;

  g_weak_ref_set (&self->main_window, main_window);
  self->store = g_object_ref (store);
  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), make_header (self, &title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (switcher_bar), self->stack);
  g_object_bind_property (title, "title-visible", switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), switcher_bar);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  add_pages (self);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
  on_visible_child_changed (self);
  return self;
}

/**
 * mg_window_show_analysis:
 *
 * Presents the main window's analysis window, counted afresh: made on first use, then kept
 * until it is closed.
 */
void
mg_window_show_analysis (MgWindow *main_window)
{
  mg_window_show_analysis_page (main_window, NULL);
}

/**
 * mg_window_show_analysis_page:
 * @page: (nullable): the page to show ("agreement", …), or %NULL for the one last shown
 *
 * As mg_window_show_analysis(), on the page @page.
 */
void
mg_window_show_analysis_page (MgWindow   *main_window,
                              const char *page)
{
  MgAnalysisWindow *self = g_object_get_data (G_OBJECT (main_window), ANALYSIS_WINDOW_KEY);
  gboolean made = self == NULL;

  if (made)
    {
      self = mg_analysis_window_new (main_window, mg_window_get_store (main_window));
      gtk_window_set_application (GTK_WINDOW (self),
                                  gtk_window_get_application (GTK_WINDOW (main_window)));
      /* Taken back when this window goes (see mg_analysis_window_dispose()). */
      g_object_set_data (G_OBJECT (main_window), ANALYSIS_WINDOW_KEY, self);
      /* Its views read the main window's library: it closes with it. A closed window is
       * unrealized at once, while its "destroy" may wait for the last reference to go. */
      g_signal_connect_object (main_window, "unrealize", G_CALLBACK (gtk_window_destroy), self,
                               G_CONNECT_SWAPPED);
    }
  /* The page first, so that the refresh counts the page shown, not the one left. */
  if (page != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
  if (!made)
    mg_analysis_window_refresh (self);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * mg_window_refresh_analysis:
 *
 * Counts the main window's analysis window again, when it is open: the library changed under
 * it (another process wrote, or a file came in).
 */
void
mg_window_refresh_analysis (MgWindow *main_window)
{
  MgAnalysisWindow *self = g_object_get_data (G_OBJECT (main_window), ANALYSIS_WINDOW_KEY);

  if (self != NULL)
    mg_analysis_window_refresh (self);
}
