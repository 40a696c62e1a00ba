/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Agreement page of the Analysis window under a (virtual) display: opened from the main
 * window's action (Ctrl+Shift+K) on a library with two coders' sets, it shows the figures
 * and the places of disagreement; a place opens in the main window's reader; a merge lands
 * in the consensus set as a step of the main window's history and the reader compares the
 * sets; undo takes the merge back; closing the Analysis window ends the comparison. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mg-agreement-view.h"
#include "mg-analysis-window.h"
#include "mg-set-merge.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-window-private.h"

#define WAIT_TIMEOUT_MS 10000

static const char text[] =
  "The ferry left Dover at dawn. Anna Marsh watched the harbour from the pier until noon.";

typedef struct
{
  char *folder;
  MgStore *store;
  MgWindow *window;
  MgAgreementView *view;
  MgAnalysisWindow *analysis;
  gint64 document;
  gint64 place;
  gint64 person;
  gboolean computed;
  gint64 activated[3];
} Fixture;

static void
tag (Fixture    *fixture,
     const char *set_name,
     gint64      code,
     gint64      start,
     gint64      end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_find_annotation_set (fixture->store, set_name,
                                                                 &error);
  g_autoptr(MgAnnotation) annotation = NULL;

  if (set == NULL)
    set = mg_store_create_annotation_set (fixture->store, set_name, set_name, "local", &error);
  annotation = mg_store_add_annotation (fixture->store, fixture->document,
                                        mg_annotation_set_get_id (set), code, start, end, NULL,
                                        &error);
  g_assert_no_error (error);
}

/* Ana and Ben agree on Dover; Ben tags only "Marsh" of "Anna Marsh"; Ana alone tags the
 * harbour. */
static void
make_library (Fixture *fixture,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new ("Ferry", text, NULL, NULL);
  g_autoptr(MgCode) place = NULL;
  g_autoptr(MgCode) person = NULL;

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  mg_store_add_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);
  fixture->document = mg_document_get_id (document);
  place = mg_store_add_code (fixture->store, "Place", "#3584e4", 0, &error);
  person = mg_store_add_code (fixture->store, "Person", "#e66100", 0, &error);
  g_assert_no_error (error);
  fixture->place = mg_code_get_id (place);
  fixture->person = mg_code_get_id (person);
  tag (fixture, "Ana", fixture->place, 15, 20);
  tag (fixture, "Ben", fixture->place, 15, 20);
  tag (fixture, "Ana", fixture->person, 30, 40);
  tag (fixture, "Ben", fixture->person, 35, 40);
  tag (fixture, "Ana", fixture->place, 53, 60);
}

static void
on_computed (Fixture *fixture)
{
  fixture->computed = TRUE;
}

static void
on_passage_activated (MgAgreementView *view,
                      gint64           document,
                      gint64           start,
                      gint64           end,
                      Fixture         *fixture)
{
  fixture->activated[0] = document;
  fixture->activated[1] = start;
  fixture->activated[2] = end;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the view has computed what it shows. */
static void
wait_computed (Fixture *fixture)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (WAIT_TIMEOUT_MS, on_timeout, &timed_out);

  while (!(fixture->computed && !mg_agreement_view_get_busy (fixture->view)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  fixture->computed = FALSE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MgAnnotationSet *set;

  fixture->folder = g_dir_make_tmp ("marginalia-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  make_library (fixture, path);
  fixture->window = mg_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "agreement", NULL);
  fixture->view = MG_AGREEMENT_VIEW (mg_window_agreement_get_view (fixture->window));
  g_assert_nonnull (fixture->view);
  /* The page shown is the Agreement page of the Analysis window. */
  fixture->analysis = MG_ANALYSIS_WINDOW (gtk_widget_get_root (GTK_WIDGET (fixture->view)));
  g_assert_true (MG_IS_ANALYSIS_WINDOW (fixture->analysis));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     mg_analysis_window_get_stack (fixture->analysis)), ==, "agreement");
  g_signal_connect_swapped (fixture->view, "computed", G_CALLBACK (on_computed), fixture);
  g_signal_connect (fixture->view, "passage-activated", G_CALLBACK (on_passage_activated),
                    fixture);
  /* The sets to compare are the coders', not the reader's own "Mine". */
  set = mg_store_find_annotation_set (fixture->store, "Ana", NULL);
  {
    g_autoptr(MgAnnotationSet) ana = set;
    g_autoptr(MgAnnotationSet) ben = mg_store_find_annotation_set (fixture->store, "Ben", NULL);
    gint64 ids[] = { mg_annotation_set_get_id (ana), mg_annotation_set_get_id (ben) };

    mg_agreement_view_set_sets (fixture->view, ids, 2);
  }
  wait_computed (fixture);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->store);
  remove_folder (fixture->folder);
  g_free (fixture->folder);
}

static guint
consensus_count (Fixture *fixture)
{
  g_autoptr(MgAnnotationSet) consensus = mg_store_find_annotation_set (fixture->store,
                                                                       "Consensus", NULL);
  g_autoptr(GListModel) list = NULL;

  if (consensus == NULL)
    return 0;
  list = mg_store_list_annotations (fixture->store, fixture->document, 0,
                                    mg_annotation_set_get_id (consensus), NULL);
  return g_list_model_get_n_items (list);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_visible (child))
        return child;
      if ((found = find_widget (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_CHECK_BUTTON (child)
          && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_check (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static guint
count_outlines (Fixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < fixture->window->spans->len; i++)
    n += g_array_index (fixture->window->spans, MgPassageSpan, i).outline;
  return n;
}

static MgDisagreement *
disagreement (Fixture *fixture,
              guint    index)
{
  GPtrArray *list = mg_agreement_view_get_disagreements (fixture->view);

  g_assert_cmpuint (list->len, >, index);
  return g_ptr_array_index (list, index);
}

static void
test_figures_and_places (Fixture       *fixture,
                         gconstpointer  data)
{
  GArray *figures = mg_agreement_view_get_figures (fixture->view);
  gint64 length = g_utf8_strlen (text, -1);
  GtkWidget *row;
  MgDocument *shown;

  /* Place, Person, and the overall row; on Place only the harbour (7) differs. */
  g_assert_cmpuint (figures->len, ==, 3);
  g_assert_cmpint (g_array_index (figures, MgAgreementFigures, 0).code, ==, fixture->place);
  g_assert_cmpfloat_with_epsilon (g_array_index (figures, MgAgreementFigures, 0).percent,
                                  (double) (length - 7) / length, 1e-9);
  g_assert_cmpint (g_array_index (figures, MgAgreementFigures, 2).code, ==, 0);
  g_assert_cmpuint (mg_agreement_view_get_disagreements (fixture->view)->len, ==, 2);
  g_assert_cmpint (disagreement (fixture, 0)->start, ==, 53);
  g_assert_cmpint (disagreement (fixture, 1)->code_id, ==, fixture->person);

  /* A click on the first place opens it in the reader, selected. */
  row = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  g_assert_cmpint (fixture->activated[0], ==, fixture->document);
  g_assert_cmpint (fixture->activated[1], ==, 53);
  g_assert_cmpint (fixture->activated[2], ==, 60);
  shown = mg_reader_get_document (mg_window_get_reader (fixture->window));
  g_assert_nonnull (shown);
  g_assert_cmpint (mg_document_get_id (shown), ==, fixture->document);
}

static void
test_merge_and_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  /* "Anna Marsh" (Ana's) into the consensus: one step of the window's history. */
  g_assert_false (disagreement (fixture, 1)->resolved);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "agreement.accept", "(uu)", 1,
                              MG_MERGE_ACCEPT_A);
  wait_computed (fixture);
  g_assert_cmpuint (consensus_count (fixture), ==, 1);
  g_assert_true (disagreement (fixture, 1)->resolved);
  g_assert_false (disagreement (fixture, 0)->resolved);
  g_assert_true (mg_history_can_undo (fixture->window->history));

  /* The reader compares the two sets: Ana's passages filled, Ben's underlined. */
  g_assert_true (mg_window_open_document (fixture->window, fixture->document));
  g_assert_cmpuint (count_outlines (fixture), ==, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (fixture->view),
                                                             "_Compare in the Reader")),
                               TRUE);
  g_assert_cmpuint (fixture->window->spans->len, ==, 5);
  g_assert_cmpuint (count_outlines (fixture), ==, 2);

  /* Undo from the view takes the merge back; the place is open again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "agreement.undo", NULL);
  wait_computed (fixture);
  g_assert_cmpuint (consensus_count (fixture), ==, 0);
  g_assert_false (disagreement (fixture, 1)->resolved);
  g_assert_false (mg_history_can_undo (fixture->window->history));
  g_assert_true (mg_history_can_redo (fixture->window->history));

  /* Comparing no more: every passage is filled again. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (fixture->view),
                                                             "_Compare in the Reader")),
                               FALSE);
  g_assert_cmpuint (count_outlines (fixture), ==, 0);

  /* Compared again, then the Analysis window closed: the reader shows every set again and
   * the main window no longer knows the page. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (fixture->view),
                                                             "_Compare in the Reader")),
                               TRUE);
  g_assert_cmpuint (count_outlines (fixture), ==, 2);
  gtk_window_destroy (GTK_WINDOW (fixture->analysis));
  g_assert_null (mg_window_agreement_get_view (fixture->window));
  g_assert_cmpuint (fixture->window->spans->len, ==, 5);
  g_assert_cmpuint (count_outlines (fixture), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agreement-view/figures-and-places", Fixture, NULL, fixture_set_up,
              test_figures_and_places, fixture_tear_down);
  g_test_add ("/agreement-view/merge-and-undo", Fixture, NULL, fixture_set_up,
              test_merge_and_undo, fixture_tear_down);

  return g_test_run ();
}
