/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Codes page under a real (virtual) display: what the codebook shows, and every edit
 * through the panel's own actions, checked in the rows a user reads and in the store. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include <string.h>

#include "mg-codes-panel.h"
#include "mg-history.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

typedef struct
{
  char *folder;
  char *library;
  MgStore *store;
  MgHistory *history;
  GtkWindow *window;
  MgCodesPanel *panel;
  guint changed;
  GPtrArray *messages;
} Fixture;

static void
on_codes_changed (MgCodesPanel *panel,
                  Fixture      *fixture)
{
  fixture->changed++;
}

static void
on_message (MgCodesPanel *panel,
            const char   *text,
            Fixture      *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (text));
}

static void
drain_events (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Popovers grab the pointer, which only a window on screen can give them. */
static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  drain_events ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-codes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
  fixture->history = mg_history_new ();
  fixture->messages = g_ptr_array_new_with_free_func (g_free);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->panel = g_object_new (MG_TYPE_CODES_PANEL, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_set_default_size (fixture->window, 340, 600);
  g_signal_connect (fixture->panel, "codes-changed", G_CALLBACK (on_codes_changed), fixture);
  g_signal_connect (fixture->panel, "message", G_CALLBACK (on_message), fixture);
  mg_codes_panel_set_store (fixture->panel, fixture->store);
  mg_codes_panel_set_history (fixture->panel, fixture->history);
  gtk_window_present (fixture->window);
  wait_until_mapped (GTK_WIDGET (fixture->window));
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
  gtk_window_destroy (fixture->window);
  drain_events ();
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->store);
  g_ptr_array_unref (fixture->messages);
  remove_folder (fixture->folder);
  g_free (fixture->library);
  g_free (fixture->folder);
}

static GObject *
panel_child (Fixture    *fixture,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->panel),
                                                  MG_TYPE_CODES_PANEL, name);

  g_assert_nonnull (child);
  return child;
}

static GtkListBox *
list_box (Fixture *fixture)
{
  return GTK_LIST_BOX (panel_child (fixture, "list_box"));
}

static guint
row_count (Fixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box (fixture), n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
row_at (Fixture *fixture,
        guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box (fixture), index);

  g_assert_nonnull (row);
  return row;
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s%s", text->len ? "|" : "",
                            gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* What the row reads, left to right: name, key (when it has one) and passage count. */
static char *
row_text (Fixture *fixture,
          guint    index)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (row_at (fixture, index)), text);
  return g_string_free (text, FALSE);
}

static void
assert_row (Fixture    *fixture,
            guint       index,
            const char *expected,
            guint       depth)
{
  g_autofree char *text = row_text (fixture, index);
  GtkWidget *box = gtk_list_box_row_get_child (row_at (fixture, index));

  g_assert_cmpstr (text, ==, expected);
  /* Sub-codes are indented under their parent; top-level codes are not. */
  if (depth == 0)
    g_assert_cmpint (gtk_widget_get_margin_start (box), ==, 0);
  else
    g_assert_cmpint (gtk_widget_get_margin_start (box), >, 0);
}

static MgCode *
stored_code (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  MgCode *code = mg_store_find_code (fixture->store, name, &error);

  g_assert_no_error (error);
  return code;
}

static guint
stored_count (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = mg_store_list_codes (fixture->store, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (codes);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), action, NULL));
  drain_events ();
}

static gboolean
name_popover_shown (Fixture *fixture)
{
  return gtk_widget_get_visible (GTK_WIDGET (panel_child (fixture, "name_popover")));
}

/* Opens the name popover through @action and types @name into it, then Enter, as the user
 * does. Nothing runs the main loop in between: on a display shared with other programs a
 * popover may lose its pointer grab, and close, at any turn of the loop. */
static void
type_name (Fixture    *fixture,
           const char *action,
           const char *name)
{
  GtkWidget *entry = GTK_WIDGET (panel_child (fixture, "name_entry"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), action, NULL));
  g_assert_true (name_popover_shown (fixture));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "activate");
}

static gint64
add_through_panel (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(MgCode) code = NULL;

  type_name (fixture, "codes.new", name);
  drain_events ();
  code = stored_code (fixture, name);
  g_assert_nonnull (code);
  return mg_code_get_id (code);
}

static void
select_code (Fixture *fixture,
             gint64   code_id)
{
  g_assert_true (mg_codes_panel_select_code (fixture->panel, code_id));
  g_assert_cmpint (mg_code_get_id (mg_codes_panel_get_selected_code (fixture->panel)), ==,
                   code_id);
}

static void
test_fresh_codebook (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpuint (row_count (fixture), ==, 1);
  assert_row (fixture, 0, "Highlight|1|0", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (panel_child (fixture, "stack"))),
                   ==, "list");
}

static void
test_create_code (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *button = GTK_WIDGET (panel_child (fixture, "name_button"));
  g_autoptr(MgCode) code = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "codes.new", NULL));
  /* Nothing to create yet: the button waits for a name. */
  gtk_editable_set_text (GTK_EDITABLE (panel_child (fixture, "name_entry")), "  ");
  g_assert_false (gtk_widget_get_sensitive (button));
  type_name (fixture, "codes.new", "Economic integration");
  g_assert_false (name_popover_shown (fixture));
  drain_events ();

  g_assert_cmpuint (row_count (fixture), ==, 2);
  assert_row (fixture, 1, "Economic integration|2|0", 0);
  g_assert_cmpuint (stored_count (fixture), ==, 2);
  code = stored_code (fixture, "Economic integration");
  g_assert_nonnull (code);
  /* A new code takes the palette's next colour, not the first code's. */
  g_assert_cmpstr (mg_code_get_colour (code), !=, "#f5c211");
  g_assert_cmpint (mg_code_get_id (mg_codes_panel_get_selected_code (fixture->panel)), ==,
                   mg_code_get_id (code));
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpuint (fixture->messages->len, ==, 0);
}

static void
test_taken_name_is_told (Fixture       *fixture,
                         gconstpointer  data)
{
  type_name (fixture, "codes.new", "Highlight");

  /* The store refuses; the user hears why and can correct the name in place. */
  g_assert_true (name_popover_shown (fixture));
  drain_events ();
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->messages, 0), "Highlight"));
  g_assert_cmpuint (row_count (fixture), ==, 1);
  g_assert_cmpuint (stored_count (fixture), ==, 1);
  g_assert_cmpuint (fixture->changed, ==, 0);
}

static void
test_rename_code (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = add_through_panel (fixture, "Economy");
  g_autoptr(MgCode) renamed = NULL;

  select_code (fixture, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "codes.rename", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (panel_child (fixture, "name_entry"))),
                   ==, "Economy");
  type_name (fixture, "codes.rename", "Trade");
  drain_events ();

  assert_row (fixture, 1, "Trade|2|0", 0);
  renamed = stored_code (fixture, "Trade");
  g_assert_nonnull (renamed);
  g_assert_cmpint (mg_code_get_id (renamed), ==, id);
  g_assert_null (stored_code (fixture, "Economy"));
}

static void
test_indent_and_move (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 trade = add_through_panel (fixture, "Trade");
  gint64 tariffs = add_through_panel (fixture, "Tariffs");
  g_autoptr(MgCode) moved = NULL;

  /* Alt+Right: under the code above it. */
  select_code (fixture, tariffs);
  activate (fixture, "codes.indent");
  assert_row (fixture, 2, "Tariffs|3|0", 1);
  moved = stored_code (fixture, "Tariffs");
  g_assert_cmpint (mg_code_get_parent_id (moved), ==, trade);
  g_assert_cmpuint (mg_code_get_depth (moved), ==, 1);

  /* Alt+Up on Trade: above Highlight, taking key 1, its sub-code with it. */
  select_code (fixture, trade);
  activate (fixture, "codes.move-up");
  assert_row (fixture, 0, "Trade|1|0", 0);
  assert_row (fixture, 1, "Tariffs|2|0", 1);
  assert_row (fixture, 2, "Highlight|3|0", 0);

  /* Alt+Left: back to the top level, just after its old parent. */
  select_code (fixture, tariffs);
  activate (fixture, "codes.outdent");
  assert_row (fixture, 1, "Tariffs|2|0", 0);
  g_assert_cmpuint (fixture->changed, ==, 5);
}

static void
test_new_subcode (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 trade = add_through_panel (fixture, "Trade");
  g_autoptr(MgCode) tariffs = NULL;

  select_code (fixture, trade);
  type_name (fixture, "codes.new-subcode", "Tariffs");
  drain_events ();
  assert_row (fixture, 2, "Tariffs|3|0", 1);
  tariffs = stored_code (fixture, "Tariffs");
  g_assert_cmpint (mg_code_get_parent_id (tariffs), ==, trade);
}

static GtkWidget *
swatch_of_row (Fixture *fixture,
               guint    index)
{
  GtkWidget *box = gtk_list_box_row_get_child (row_at (fixture, index));

  return gtk_widget_get_first_child (box);
}

static void
test_recolour_and_describe (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *grid = GTK_WIDGET (panel_child (fixture, "palette_grid"));
  GtkTextView *view = GTK_TEXT_VIEW (panel_child (fixture, "description_view"));
  g_autoptr(MgCode) highlight = stored_code (fixture, "Highlight");
  g_autoptr(MgCode) changed = NULL;
  GtkWidget *button;
  GtkWidget *save;

  /* The palette's eighth colour, purple, as a click on its swatch. */
  select_code (fixture, mg_code_get_id (highlight));
  activate (fixture, "codes.colour");
  button = gtk_widget_get_first_child (grid);
  for (int i = 0; i < 7; i++)
    button = gtk_widget_get_next_sibling (button);
  g_signal_emit_by_name (button, "clicked");
  drain_events ();
  changed = stored_code (fixture, "Highlight");
  g_assert_cmpstr (mg_code_get_colour (changed), ==, mg_code_palette_colour (7));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (swatch_of_row (fixture, 0)), "colour"), ==,
                   mg_code_palette_colour (7));

  /* The description shows as the row's tooltip. */
  activate (fixture, "codes.describe");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Anything worth a second look.", -1);
  save = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  save = gtk_widget_get_next_sibling (save);
  g_assert_true (GTK_IS_BUTTON (save));
  g_signal_emit_by_name (save, "clicked");
  drain_events ();
  g_clear_object (&changed);
  changed = stored_code (fixture, "Highlight");
  g_assert_cmpstr (mg_code_get_description (changed), ==, "Anything worth a second look.");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row_at (fixture, 0))), ==,
                   "Anything worth a second look.");
  g_assert_cmpuint (fixture->changed, ==, 2);
}

static GtkDropTarget *
drop_target (Fixture *fixture)
{
  GtkWidget *list = GTK_WIDGET (list_box (fixture));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

/* Drops @code_id on the middle of row @index, as a drag does. */
/* Rows made by the last reload have a place on screen only after the next frame. */
static void
wait_for_layout (GtkWidget *row)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_height (row) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_height (row), >, 0);
}

static gboolean
drop_on_row (Fixture *fixture,
             gint64   code_id,
             guint    index)
{
  GtkWidget *row = GTK_WIDGET (row_at (fixture, index));
  g_auto(GValue) value = G_VALUE_INIT;
  graphene_point_t middle, point;
  gboolean accepted = FALSE;

  wait_for_layout (row);
  middle = GRAPHENE_POINT_INIT (10, gtk_widget_get_height (row) / 2.0);
  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (list_box (fixture)), &middle, &point));
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, code_id);
  g_signal_emit_by_name (drop_target (fixture), "drop", &value, (double) point.x,
                         (double) point.y, &accepted);
  drain_events ();
  return accepted;
}

static void
test_drag_under_code (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 trade = add_through_panel (fixture, "Trade");
  gint64 tariffs = add_through_panel (fixture, "Tariffs");
  g_autoptr(MgCode) moved = NULL;

  g_assert_true (drop_on_row (fixture, tariffs, 1));
  assert_row (fixture, 1, "Trade|2|0", 0);
  assert_row (fixture, 2, "Tariffs|3|0", 1);
  moved = stored_code (fixture, "Tariffs");
  g_assert_cmpint (mg_code_get_parent_id (moved), ==, trade);

  /* Under its own sub-code: refused, with the store's reason, and nothing moves. */
  g_assert_false (drop_on_row (fixture, trade, 2));
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  assert_row (fixture, 1, "Trade|2|0", 0);
  assert_row (fixture, 2, "Tariffs|3|0", 1);
}

static void
test_delete_unused (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 spare = add_through_panel (fixture, "Spare");

  select_code (fixture, spare);
  activate (fixture, "codes.delete");
  g_assert_cmpuint (row_count (fixture), ==, 1);
  assert_row (fixture, 0, "Highlight|1|0", 0);
  g_assert_null (stored_code (fixture, "Spare"));
}

/* Tags one passage of a new document with @code_id, then shows the new count. */
static void
tag_passage (Fixture *fixture,
             gint64   code_id)
{
  g_autoptr(MgDocument) document = mg_document_new ("Notes", "The cooperative met on Monday.\n",
                                                    NULL, NULL);
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed;

  g_assert_true (mg_store_add_document (fixture->store, document, &existed, &error));
  g_assert_no_error (error);
  set = mg_store_get_default_annotation_set (fixture->store, &error);
  g_assert_no_error (error);
  annotation = mg_store_add_annotation (fixture->store, mg_document_get_id (document),
                                        mg_annotation_set_get_id (set), code_id, 4, 15, NULL,
                                        &error);
  g_assert_no_error (error);
  mg_codes_panel_reload (fixture->panel);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  drain_events ();
  if (find_dialog () == dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  drain_events ();
}

static void
test_delete_in_use_asks (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MgCode) highlight = stored_code (fixture, "Highlight");
  g_autoptr(MgCode) other = NULL;
  gint64 theme = add_through_panel (fixture, "Theme");
  AdwMessageDialog *dialog;
  GtkDropDown *choice;

  tag_passage (fixture, mg_code_get_id (highlight));
  assert_row (fixture, 0, "Highlight|1|1", 0);

  /* The question says how many passages carry it; Cancel changes nothing. */
  select_code (fixture, mg_code_get_id (highlight));
  activate (fixture, "codes.delete");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 passage"));
  answer_dialog (dialog, "cancel");
  g_assert_cmpuint (row_count (fixture), ==, 2);
  assert_row (fixture, 0, "Highlight|1|1", 0);
  g_assert_cmpuint (stored_count (fixture), ==, 2);

  /* Delete, moving the passage to the code offered. */
  activate (fixture, "codes.delete");
  dialog = find_dialog ();
  choice = GTK_DROP_DOWN (gtk_widget_get_last_child (adw_message_dialog_get_extra_child (dialog)));
  g_assert_cmpint (mg_code_get_id (gtk_drop_down_get_selected_item (choice)), ==, theme);
  answer_dialog (dialog, "delete");
  g_assert_cmpuint (row_count (fixture), ==, 1);
  assert_row (fixture, 0, "Theme|1|1", 0);
  g_assert_null (stored_code (fixture, "Highlight"));
  other = stored_code (fixture, "Theme");
  g_assert_cmpuint (mg_code_get_passage_count (other), ==, 1);
}

static void
test_undo_restores (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 spare = add_through_panel (fixture, "Spare");

  select_code (fixture, spare);
  type_name (fixture, "codes.rename", "Reserve");
  drain_events ();
  activate (fixture, "codes.delete");
  g_assert_cmpuint (row_count (fixture), ==, 1);

  /* Ctrl+Z, as the window does it: the panel follows the history. */
  g_assert_true (mg_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  drain_events ();
  assert_row (fixture, 1, "Reserve|2|0", 0);
  g_assert_true (mg_history_undo (fixture->history, &error));
  drain_events ();
  assert_row (fixture, 1, "Spare|2|0", 0);
  g_assert_true (mg_history_undo (fixture->history, &error));
  drain_events ();
  g_assert_cmpuint (row_count (fixture), ==, 1);
  g_assert_true (mg_history_redo (fixture->history, &error));
  drain_events ();
  assert_row (fixture, 1, "Spare|2|0", 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/codes-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fresh-codebook", test_fresh_codebook);
  ADD ("create-code", test_create_code);
  ADD ("taken-name-is-told", test_taken_name_is_told);
  ADD ("rename-code", test_rename_code);
  ADD ("new-subcode", test_new_subcode);
  ADD ("indent-and-move", test_indent_and_move);
  ADD ("recolour-and-describe", test_recolour_and_describe);
  ADD ("drag-under-code", test_drag_under_code);
  ADD ("delete-unused", test_delete_unused);
  ADD ("delete-in-use-asks", test_delete_in_use_asks);
  ADD ("undo-restores", test_undo_restores);
#undef ADD
  return g_test_run ();
}
