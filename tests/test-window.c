/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window under a real (virtual) display: import, read, restart. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include <string.h>

#include "mg-export-dialog.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-library.h"
#include "mg-window-private.h"

#define WAIT_TIMEOUT_MS 10000

typedef struct
{
  char *folder;
  char *library;
  MgStore *store;
  MgWindow *window;
  guint imported;
  guint failed;
  gboolean import_done;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds, as the window would between user actions. */
static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (WAIT_TIMEOUT_MS, on_timeout, &timed_out);

  while (!condition (fixture) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static gboolean
import_is_done (Fixture *fixture)
{
  return fixture->import_done;
}

static void
on_import_finished (MgWindow *window,
                    guint     imported,
                    guint     failed,
                    Fixture  *fixture)
{
  fixture->imported = imported;
  fixture->failed = failed;
  fixture->import_done = TRUE;
}

static void
open_window (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
  fixture->window = mg_window_new (NULL, fixture->store);
  g_signal_connect (fixture->window, "import-finished", G_CALLBACK (on_import_finished), fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Closes as the user does, through close-request, so the window saves what it saves. */
static void
close_window (Fixture *fixture)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  fixture->window = NULL;
  g_clear_object (&fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  open_window (fixture);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  remove_folder (fixture->folder);
  g_free (fixture->library);
  g_free (fixture->folder);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
import (Fixture *fixture,
        GFile   *file)
{
  fixture->import_done = FALSE;
  mg_window_import_files (fixture->window, &file, 1);
  wait_until (fixture, import_is_done);
}

static char *
reader_text (Fixture *fixture)
{
  GtkTextView *view = mg_reader_get_text_view (mg_window_get_reader (fixture->window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
library_count (Fixture *fixture)
{
  GListModel *model = mg_library_sidebar_get_model (mg_window_get_library_sidebar (fixture->window));

  return model ? g_list_model_get_n_items (model) : 0;
}

static const char field_notes[] =
  "Field Notes from the Delta\r\n"
  "\r\n"
  "The cooperative met in Can Tho on Monday to discuss the new water rules.\r\n";

static void
test_import_shows_document (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", field_notes, -1);
  g_autofree char *text = NULL;
  MgDocument *shown;

  g_assert_cmpuint (library_count (fixture), ==, 0);
  import (fixture, file);
  g_assert_cmpuint (fixture->imported, ==, 1);
  g_assert_cmpuint (fixture->failed, ==, 0);

  /* The reader shows the stored text: CRLF made LF, nothing else changed. */
  text = reader_text (fixture);
  g_assert_cmpstr (text, ==, "Field Notes from the Delta\n\nThe cooperative met in Can Tho on "
                             "Monday to discuss the new water rules.\n");
  shown = mg_reader_get_document (mg_window_get_reader (fixture->window));
  g_assert_nonnull (shown);
  g_assert_cmpstr (mg_document_get_title (shown), ==, "Field Notes from the Delta");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Field Notes from the Delta — Marginalia");
  g_assert_cmpuint (library_count (fixture), ==, 1);
}

static void
test_bad_file_changes_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GFile) good = write_file (fixture, "notes.txt", field_notes, -1);
  g_autoptr(GFile) bad = write_file (fixture, "picture.txt", png, sizeof png - 1);
  g_autofree char *text = NULL;

  import (fixture, good);
  import (fixture, bad);
  g_assert_cmpuint (fixture->imported, ==, 0);
  g_assert_cmpuint (fixture->failed, ==, 1);
  g_assert_cmpuint (library_count (fixture), ==, 1);
  /* The document being read stays on screen. */
  text = reader_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Field Notes from the Delta"));
}

static char *
long_text (void)
{
  GString *text = g_string_new ("A Long Report\n\n");

  for (int i = 1; i <= 400; i++)
    g_string_append_printf (text, "Paragraph %d of the report, which goes on for a while so "
                            "that the reader has something to scroll through.\n\n", i);
  return g_string_free (text, FALSE);
}

static gboolean
reader_is_scrolled (Fixture *fixture)
{
  return mg_reader_get_top_offset (mg_window_get_reader (fixture->window)) > 1000;
}

static void
scroll_to_offset (Fixture *fixture,
                  int      offset)
{
  GtkTextView *view = mg_reader_get_text_view (mg_window_get_reader (fixture->window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextMark *mark;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  gtk_text_view_scroll_to_mark (view, mark, 0.0, TRUE, 0.0, 0.0);
  wait_until (fixture, reader_is_scrolled);
  gtk_text_buffer_delete_mark (buffer, mark);
}

static void
test_restart_restores_document_and_position (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *contents = long_text ();
  g_autoptr(GFile) file = write_file (fixture, "report.txt", contents, -1);
  g_autofree char *text = NULL;
  gint64 before, after;

  import (fixture, file);
  scroll_to_offset (fixture, 20000);
  before = mg_reader_get_top_offset (mg_window_get_reader (fixture->window));
  close_window (fixture);

  open_window (fixture);
  g_assert_cmpuint (library_count (fixture), ==, 1);
  mg_window_restore_last_document (fixture->window);
  text = reader_text (fixture);
  g_assert_cmpstr (text, ==, contents);
  wait_until (fixture, reader_is_scrolled);
  after = mg_reader_get_top_offset (mg_window_get_reader (fixture->window));
  /* The same line comes back to the top; a line is the unit the view scrolls by. */
  g_assert_cmpint (ABS (after - before), <, 120);
}

static gboolean
toggle_is_active (Fixture    *fixture,
                  const char *name)
{
  GObject *toggle = gtk_widget_get_template_child (GTK_WIDGET (fixture->window), MG_TYPE_WINDOW,
                                                   name);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
}

static void
test_side_panel_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  MgSidePanel *panel = mg_window_get_side_panel (fixture->window);

  g_assert_cmpstr (mg_side_panel_get_visible_page (panel), ==, "entities");
  mg_side_panel_set_visible_page (panel, "annotations");
  g_assert_cmpstr (mg_side_panel_get_visible_page (panel), ==, "annotations");
  mg_side_panel_set_visible_page (panel, "codes");
  g_assert_cmpstr (mg_side_panel_get_visible_page (panel), ==, "codes");

  /* F9 and Ctrl+L hide and show the panes through their actions, and the header bar's
   * toggle buttons show whether each pane is shown. */
  g_assert_true (toggle_is_active (fixture, "side_panel_toggle"));
  g_assert_true (toggle_is_active (fixture, "library_toggle"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-side-panel", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (toggle_is_active (fixture, "side_panel_toggle"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-side-panel", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_library_sidebar (fixture->window))));
  g_assert_false (toggle_is_active (fixture, "library_toggle"));
}

static const char travel_note[] =
  "A Note on the Visit\n\n"
  "The delegation left Indonesia on Monday. In Malaysia it met traders from Indonesia, "
  "and on Tuesday it returned to Indonesia by sea.\n";

static gboolean
entities_are_listed (Fixture *fixture)
{
  MgEntityPanel *panel = mg_side_panel_get_entity_panel (mg_window_get_side_panel (fixture->window));

  return !mg_entity_panel_get_busy (panel) && mg_entity_panel_get_entities (panel) != NULL
         && g_list_model_get_n_items (mg_entity_panel_get_entities (panel)) > 0;
}

static void
assert_reader_selection (Fixture *fixture,
                         gint64   start,
                         gint64   end)
{
  gint64 selected_start, selected_end;

  g_assert_true (mg_reader_get_selection (mg_window_get_reader (fixture->window),
                                          &selected_start, &selected_end));
  g_assert_cmpint (selected_start, ==, start);
  g_assert_cmpint (selected_end, ==, end);
}

static void
test_entity_click_selects_mention (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "visit.txt", travel_note, -1);
  MgEntityPanel *panel;
  MgEntity *country;
  gint64 first = g_utf8_pointer_to_offset (travel_note, strstr (travel_note, "Indonesia"));
  gint64 second = g_utf8_pointer_to_offset (travel_note,
                                            strstr (travel_note, "from Indonesia") + 5);

  import (fixture, file);
  wait_until (fixture, entities_are_listed);
  panel = mg_side_panel_get_entity_panel (mg_window_get_side_panel (fixture->window));
  country = mg_entity_panel_find_entity (panel, "indonesia");
  g_assert_nonnull (country);
  g_assert_cmpuint (mg_entity_get_mention_count (country), ==, 3);
  g_assert_cmpint (mg_entity_get_entity_type (country), ==, MG_ENTITY_TYPE_LOC);

  /* A click selects the first mention; the next click (Enter) the next; Shift+Enter back. */
  g_assert_true (mg_entity_panel_activate_entity (panel, "indonesia", TRUE));
  assert_reader_selection (fixture, first, first + 9);
  g_assert_true (mg_entity_panel_activate_entity (panel, "indonesia", TRUE));
  assert_reader_selection (fixture, second, second + 9);
  g_assert_true (mg_entity_panel_activate_entity (panel, "indonesia", FALSE));
  assert_reader_selection (fixture, first, first + 9);
}

static void
test_entity_decisions_in_window (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "visit.txt", travel_note, -1);
  g_autoptr(MgEntityDecision) reject = NULL;
  MgEntityPanel *panel;
  MgEntity *marked;
  gint64 start = g_utf8_pointer_to_offset (travel_note, strstr (travel_note, "delegation"));

  import (fixture, file);
  wait_until (fixture, entities_are_listed);
  panel = mg_side_panel_get_entity_panel (mg_window_get_side_panel (fixture->window));

  reject = mg_entity_decision_new (MG_ENTITY_DECISION_REJECT, "Malaysia", MG_ENTITY_TYPE_LOC, 0);
  g_assert_true (mg_entity_panel_decide (panel, reject, "rejected"));
  g_assert_null (mg_entity_panel_find_entity (panel, "malaysia"));

  /* Select a word in the reader and mark it, as from the reader's context menu. */
  mg_reader_select_range (mg_window_get_reader (fixture->window), start, start + 10);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-entity", "s", "ORG");
  marked = mg_entity_panel_find_entity (panel, "delegation");
  g_assert_nonnull (marked);
  g_assert_cmpint (mg_entity_get_entity_type (marked), ==, MG_ENTITY_TYPE_ORG);

  /* Undo from the toast takes the rejection back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-entity-decision", "x",
                              reject->id);
  g_assert_nonnull (mg_entity_panel_find_entity (panel, "malaysia"));
}

static guint
stored_passages (Fixture *fixture)
{
  MgDocument *document = mg_reader_get_document (mg_window_get_reader (fixture->window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = mg_store_list_annotations (fixture->store,
                                                                 mg_document_get_id (document),
                                                                 0, 0, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (annotations);
}

static gboolean
painting_is_done (Fixture *fixture)
{
  return mg_highlight_painter_is_complete (mg_reader_get_painter (mg_window_get_reader (fixture->window)));
}

static guint32
painted_at (Fixture *fixture,
            gint64   offset)
{
  wait_until (fixture, painting_is_done);
  return mg_highlight_painter_colour_at (mg_reader_get_painter (mg_window_get_reader (fixture->window)),
                                         offset);
}

static void
test_tag_undo_redo_note (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", field_notes, -1);
  g_autofree char *text = NULL;
  gint64 start;
  MgPassagePopover *popover;
  g_autoptr(MgAnnotation) stored = NULL;
  g_autoptr(GListModel) annotations = NULL;
  MgDocument *document;

  import (fixture, file);
  /* Offsets count in the stored text, where CRLF became LF. */
  text = reader_text (fixture);
  start = g_utf8_pointer_to_offset (text, strstr (text, "cooperative"));
  /* Select "e cooperative" and press 1: the first code, "Highlight", in its yellow. */
  mg_reader_select_range (mg_window_get_reader (fixture->window), start - 2, start + 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "i", 1);
  g_assert_cmpuint (stored_passages (fixture), ==, 1);
  g_assert_cmphex (painted_at (fixture, start) >> 8, ==, 0xf5c211);
  g_assert_cmphex (painted_at (fixture, start + 11), ==, 0);

  /* Ctrl+Z takes it away, from the library and from the page; Ctrl+Shift+Z brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (stored_passages (fixture), ==, 0);
  g_assert_cmphex (painted_at (fixture, start), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  g_assert_cmpuint (stored_passages (fixture), ==, 1);
  g_assert_cmphex (painted_at (fixture, start) >> 8, ==, 0xf5c211);

  /* N opens the note of the passage; saving stores it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-note", NULL);
  popover = fixture->window->passage_popover;
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  mg_passage_popover_set_note (popover, "Who convened it?");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (popover),
                                                        MG_TYPE_PASSAGE_POPOVER, "save_button"),
                         "clicked");
  document = mg_reader_get_document (mg_window_get_reader (fixture->window));
  annotations = mg_store_list_annotations (fixture->store, mg_document_get_id (document), 0, 0,
                                           NULL);
  stored = g_list_model_get_item (annotations, 0);
  g_assert_cmpstr (mg_annotation_get_note (stored), ==, "Who convened it?");
  g_assert_cmpstr (mg_annotation_get_quote (stored), ==, "e cooperative");
}

/* T, a name no code has, Enter: the code is made and the selection tagged with it; Ctrl+Z takes
 * the tag back, then the code. */
static void
test_palette_makes_new_code (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", field_notes, -1);
  g_autoptr(MgCode) made = NULL;
  g_autoptr(MgCode) gone = NULL;
  GtkWidget *palette;
  GtkWidget *entry;
  GtkWidget *hint;

  import (fixture, file);
  mg_reader_select_range (mg_window_get_reader (fixture->window), 0, 10);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-palette", NULL);
  palette = GTK_WIDGET (fixture->window->palette);
  g_assert_true (gtk_widget_get_visible (palette));
  entry = GTK_WIDGET (gtk_widget_get_template_child (palette, MG_TYPE_CODE_PALETTE,
                                                    "search_entry"));
  hint = GTK_WIDGET (gtk_widget_get_template_child (palette, MG_TYPE_CODE_PALETTE,
                                                   "new_code_label"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Fisheries ");
  /* The search entry reports changes after a delay; the palette's handler is what counts. */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "“Fisheries”"));
  g_signal_emit_by_name (entry, "activate");

  g_assert_false (gtk_widget_get_visible (palette));
  made = mg_store_find_code (fixture->store, "Fisheries", NULL);
  g_assert_nonnull (made);
  g_assert_cmpint (mg_code_get_parent_id (made), ==, 0);
  g_assert_cmpuint (stored_passages (fixture), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (stored_passages (fixture), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  gone = mg_store_find_code (fixture->store, "Fisheries", NULL);
  g_assert_null (gone);
}

static void
test_tag_all_mentions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "visit.txt", travel_note, -1);
  g_autoptr(MgCode) code = NULL;
  MgEntityPanel *panel;
  MgEntity *country;

  import (fixture, file);
  wait_until (fixture, entities_are_listed);
  panel = mg_side_panel_get_entity_panel (mg_window_get_side_panel (fixture->window));
  country = mg_entity_panel_find_entity (panel, "indonesia");
  code = g_list_model_get_item (fixture->window->codes, 0);
  g_assert_cmpint (mg_window_tag_all_mentions (fixture->window, country, code), ==, 3);
  g_assert_cmpuint (stored_passages (fixture), ==, 3);
  /* One action: one undo takes all three away. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (stored_passages (fixture), ==, 0);
}

static void
test_find_and_tag_all (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "visit.txt", travel_note, -1);
  g_autoptr(MgCode) code = NULL;
  MgFindBar *find_bar;
  GArray *matches;
  gint64 second = g_utf8_pointer_to_offset (travel_note,
                                            strstr (travel_note, "from Indonesia") + 5);

  import (fixture, file);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  find_bar = mg_reader_get_find_bar (mg_window_get_reader (fixture->window));
  /* Any case; the first match is selected at once, Enter walks on. */
  mg_find_bar_set_query (find_bar, "indonesia");
  matches = mg_find_bar_get_matches (find_bar);
  g_assert_cmpuint (matches->len, ==, 3);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (find_bar), MG_TYPE_FIND_BAR,
                                                        "entry"), "activate");
  assert_reader_selection (fixture, second, second + 9);

  code = g_list_model_get_item (fixture->window->codes, 0);
  g_assert_cmpint (mg_window_tag_ranges (fixture->window, matches, code), ==, 3);
  g_assert_cmpuint (stored_passages (fixture), ==, 3);
  /* Tagging the same matches again adds nothing. */
  g_assert_cmpint (mg_window_tag_ranges (fixture->window, matches, code), ==, 0);
  g_assert_cmpuint (stored_passages (fixture), ==, 3);
}

typedef struct
{
  gboolean done;
  char *error_message;
} ExportWait;

static void
on_exported (MgExportDialog *dialog,
             GFile          *file,
             const char     *error_message,
             ExportWait     *wait)
{
  wait->done = TRUE;
  wait->error_message = g_strdup (error_message);
}

static gboolean
library_has_two_sets (Fixture *fixture)
{
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (fixture->store, NULL);

  return sets != NULL && g_list_model_get_n_items (sets) == 2;
}

static void
test_export_and_import_in_window (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", field_notes, -1);
  g_autofree char *path = g_build_filename (fixture->folder, "notes.xml", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autofree char *written = NULL;
  MgExportDialog *dialog;
  ExportWait wait = { FALSE, NULL };

  import (fixture, file);
  mg_reader_select_range (mg_window_get_reader (fixture->window), 0, 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "i", 1);

  /* The dialog's defaults: Marginalia XML, the document being read, every set, with text. */
  dialog = mg_export_dialog_new (GTK_WINDOW (fixture->window), fixture->store,
                                 mg_reader_get_document (mg_window_get_reader (fixture->window)));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &wait);
  gtk_window_present (GTK_WINDOW (dialog));
  mg_export_dialog_export_to (dialog, target);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (wait.error_message, ==, NULL);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "Field Notes from the Delta"));

  /* Importing it back adds its passages as a second set, leaving the first as it was. */
  mg_window_import_annotations (fixture->window, target);
  wait_until (fixture, library_has_two_sets);
  g_assert_cmpuint (stored_passages (fixture), ==, 2);
}

static void
test_library_sort_rename_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) notes = write_file (fixture, "notes.txt", field_notes, -1);
  g_autoptr(GFile) visit = write_file (fixture, "visit.txt", travel_note, -1);
  MgLibrarySidebar *sidebar = mg_window_get_library_sidebar (fixture->window);
  GtkDropDown *sort = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (sidebar),
                                                                    MG_TYPE_LIBRARY_SIDEBAR,
                                                                    "sort_choice"));
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (sidebar),
                                                                    MG_TYPE_LIBRARY_SIDEBAR,
                                                                    "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(MgDocument) first = NULL;
  g_autoptr(MgDocument) longest = NULL;
  g_autoptr(MgDocument) remaining = NULL;
  g_autoptr(MgDocument) renamed = NULL;
  g_autoptr(GListModel) passages = NULL;
  MgDocument *reading;

  import (fixture, notes);
  import (fixture, visit);
  /* By title, "A Note on the Visit" comes before "Field Notes from the Delta". */
  gtk_drop_down_set_selected (sort, 1);
  first = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (mg_document_get_title (first), ==, "A Note on the Visit");
  gtk_drop_down_set_selected (sort, 2);
  longest = g_list_model_get_item (shown, 0);
  g_assert_cmpint (mg_document_get_char_count (longest), >=, 100);

  /* Deleting the document being read empties the reader and drops its passages. */
  reading = mg_reader_get_document (mg_window_get_reader (fixture->window));
  mg_reader_select_range (mg_window_get_reader (fixture->window), 0, 6);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "i", 1);
  g_assert_true (mg_window_delete_document (fixture->window, mg_document_get_id (reading)));
  g_assert_null (mg_reader_get_document (mg_window_get_reader (fixture->window)));
  g_assert_cmpuint (library_count (fixture), ==, 1);
  passages = mg_store_list_annotations_for_code (fixture->store, 1, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (passages), ==, 0);

  /* A new title shows in the library. */
  remaining = g_list_model_get_item (shown, 0);
  g_assert_true (mg_store_rename_document (fixture->store, mg_document_get_id (remaining),
                                           "  Delta notes, revised  ", NULL));
  mg_window_reload_library (fixture->window);
  renamed = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (mg_document_get_title (renamed), ==, "Delta notes, revised");
}

static void
test_search_across_documents (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) notes = write_file (fixture, "notes.txt", field_notes, -1);
  g_autoptr(GFile) visit = write_file (fixture, "visit.txt", travel_note, -1);
  g_autofree char *text = NULL;
  MgLibrarySidebar *sidebar = mg_window_get_library_sidebar (fixture->window);
  GtkListBox *hits = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar),
                                                                  MG_TYPE_LIBRARY_SIDEBAR,
                                                                  "hit_list"));
  MgDocument *shown;
  gint64 start, end;

  import (fixture, notes);
  import (fixture, visit);
  /* Ctrl+Shift+F, then a word of the first document: one hit; choosing it opens the
   * document with the match selected. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  mg_library_sidebar_search (sidebar, "cooperative");
  g_assert_nonnull (gtk_list_box_get_row_at_index (hits, 0));
  g_assert_null (gtk_list_box_get_row_at_index (hits, 1));
  g_signal_emit_by_name (hits, "row-activated", gtk_list_box_get_row_at_index (hits, 0));
  shown = mg_reader_get_document (mg_window_get_reader (fixture->window));
  g_assert_cmpstr (mg_document_get_title (shown), ==, "Field Notes from the Delta");
  g_assert_true (mg_reader_get_selection (mg_window_get_reader (fixture->window), &start, &end));
  text = reader_text (fixture);
  g_assert_cmpint (start, ==, g_utf8_pointer_to_offset (text, strstr (text, "cooperative")));
  g_assert_cmpint (end, ==, start + 11);

  /* A prefix finds three mentions in the other document. */
  mg_library_sidebar_search (sidebar, "Indone*");
  g_assert_nonnull (gtk_list_box_get_row_at_index (hits, 2));
}

static void
test_cancelled_import_adds_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRevealer *progress = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                       MG_TYPE_WINDOW,
                                                                       "import_revealer"));

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02d.txt", i);
      g_autofree char *text = g_strdup_printf ("Part %d\n\nA page of the long report.\n", i);
      g_ptr_array_add (files, write_file (fixture, name, text, -1));
    }
  fixture->import_done = FALSE;
  mg_window_import_files (fixture->window, (GFile **) files->pdata, files->len);
  /* Several files show a progress bar with a Cancel button. */
  g_assert_true (gtk_revealer_get_reveal_child (progress));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-import", NULL);
  wait_until (fixture, import_is_done);
  g_assert_cmpuint (library_count (fixture), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (progress));
}

/* Three formats dropped at once (the drop hands its files to mg_window_import_files), then a
 * search that finds words in each. */
static void
test_three_formats_and_search (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *names[] = { "harbour-gazette-article.html", "harbour-notes.md", "tide-notes.xhtml" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  MgLibrarySidebar *sidebar = mg_window_get_library_sidebar (fixture->window);
  GtkListBox *hits = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (sidebar),
                                                                  MG_TYPE_LIBRARY_SIDEBAR,
                                                                  "hit_list"));
  g_autofree char *text = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (files, g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data",
                                                                     "formats", names[i],
                                                                     NULL)));
  fixture->import_done = FALSE;
  mg_window_import_files (fixture->window, (GFile **) files->pdata, files->len);
  wait_until (fixture, import_is_done);
  g_assert_cmpuint (fixture->imported, ==, 3);
  g_assert_cmpuint (library_count (fixture), ==, 3);
  /* The article came in as its readable text, not the page around it. */
  mg_window_open_document (fixture->window, 1);
  text = reader_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Storm surge closes the old harbour"));

  /* "harbour" stands in every one of them; diacritics do not matter ("Viet" finds "Việt"). */
  mg_library_sidebar_search (sidebar, "harbour");
  g_assert_nonnull (gtk_list_box_get_row_at_index (hits, 2));
  mg_library_sidebar_search (sidebar, "Viet");
  g_assert_nonnull (gtk_list_box_get_row_at_index (hits, 0));
}

static gboolean
annotations_page_lists_one (Fixture *fixture)
{
  MgAnnotationsPanel *panel = mg_side_panel_get_annotations_panel (mg_window_get_side_panel (fixture->window));
  GListModel *listed = mg_annotations_panel_get_annotations (panel);

  return listed != NULL && g_list_model_get_n_items (listed) == 1;
}

/* The Annotations page reads the library only while shown; what was tagged meanwhile is
 * there when it is shown. */
static void
test_annotations_page_catches_up (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", field_notes, -1);
  MgSidePanel *side = mg_window_get_side_panel (fixture->window);

  import (fixture, file);
  mg_side_panel_set_visible_page (side, "entities");
  mg_reader_select_range (mg_window_get_reader (fixture->window), 0, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "i", 1);
  mg_side_panel_set_visible_page (side, "annotations");
  wait_until (fixture, annotations_page_lists_one);
}

static void
test_corpus_entities (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) visit = write_file (fixture, "visit.txt", travel_note, -1);
  g_autoptr(GFile) memo = write_file (fixture, "memo.txt", "Memo on Trade\n\nIndonesia and "
                                      "Malaysia signed the accord on Friday.\n", -1);
  MgEntityPanel *panel = mg_side_panel_get_entity_panel (mg_window_get_side_panel (fixture->window));
  GtkToggleButton *corpus = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (panel),
                                                                              MG_TYPE_ENTITY_PANEL,
                                                                              "corpus_scope_button"));
  MgEntity *country;

  import (fixture, visit);
  import (fixture, memo);
  /* All Documents reads the documents not read yet, in the background, then counts. */
  gtk_toggle_button_set_active (corpus, TRUE);
  wait_until (fixture, entities_are_listed);
  country = mg_entity_panel_find_entity (panel, "indonesia");
  g_assert_nonnull (country);
  g_assert_cmpuint (mg_entity_get_document_count (country), ==, 2);
  g_assert_cmpuint (mg_entity_get_mention_count (country), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/import-shows-document", Fixture, NULL, fixture_set_up,
              test_import_shows_document, fixture_tear_down);
  g_test_add ("/window/bad-file-changes-nothing", Fixture, NULL, fixture_set_up,
              test_bad_file_changes_nothing, fixture_tear_down);
  g_test_add ("/window/restart-restores-document-and-position", Fixture, NULL, fixture_set_up,
              test_restart_restores_document_and_position, fixture_tear_down);
  g_test_add ("/window/side-panel-pages", Fixture, NULL, fixture_set_up,
              test_side_panel_pages, fixture_tear_down);
  g_test_add ("/window/entity-click-selects-mention", Fixture, NULL, fixture_set_up,
              test_entity_click_selects_mention, fixture_tear_down);
  g_test_add ("/window/entity-decisions-in-window", Fixture, NULL, fixture_set_up,
              test_entity_decisions_in_window, fixture_tear_down);
  g_test_add ("/window/tag-undo-redo-note", Fixture, NULL, fixture_set_up,
              test_tag_undo_redo_note, fixture_tear_down);
  g_test_add ("/window/palette-makes-new-code", Fixture, NULL, fixture_set_up,
              test_palette_makes_new_code, fixture_tear_down);
  g_test_add ("/window/tag-all-mentions", Fixture, NULL, fixture_set_up,
              test_tag_all_mentions, fixture_tear_down);
  g_test_add ("/window/find-and-tag-all", Fixture, NULL, fixture_set_up,
              test_find_and_tag_all, fixture_tear_down);
  g_test_add ("/window/export-and-import", Fixture, NULL, fixture_set_up,
              test_export_and_import_in_window, fixture_tear_down);
  g_test_add ("/window/library-sort-rename-delete", Fixture, NULL, fixture_set_up,
              test_library_sort_rename_delete, fixture_tear_down);
  g_test_add ("/window/search-across-documents", Fixture, NULL, fixture_set_up,
              test_search_across_documents, fixture_tear_down);
  g_test_add ("/window/cancelled-import-adds-nothing", Fixture, NULL, fixture_set_up,
              test_cancelled_import_adds_nothing, fixture_tear_down);
  g_test_add ("/window/three-formats-and-search", Fixture, NULL, fixture_set_up,
              test_three_formats_and_search, fixture_tear_down);
  g_test_add ("/window/annotations-page-catches-up", Fixture, NULL, fixture_set_up,
              test_annotations_page_catches_up, fixture_tear_down);
  g_test_add ("/window/corpus-entities", Fixture, NULL, fixture_set_up,
              test_corpus_entities, fixture_tear_down);
  return g_test_run ();
}
