/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences in a real (virtual) display: the theme, the text size, the panes and the
 * author name, changed the way a user changes them and kept for the next window; folders
 * dropped on the window and the recent documents. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mg-application.h"
#include "mg-preferences-window.h"
#include "mg-store-annotations.h"
#include "mg-window-private.h"

#define WAIT_TIMEOUT_MS 10000

typedef struct
{
  char *folder;
  char *library;
  GSettings *settings;
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

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
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

static gboolean
import_is_done (Fixture *fixture)
{
  return fixture->import_done;
}

static void
open_window (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = mg_store_open (fixture->library, &error);
  g_assert_no_error (error);
  fixture->window = mg_window_new (NULL, fixture->store);
  g_signal_connect (fixture->window, "import-finished", G_CALLBACK (on_import_finished), fixture);
  /* Room for the reader's own minimum beside both panes at their widths. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Closes as the user does, through close-request, so the window saves what it saves. */
static void
close_window (Fixture *fixture)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  settle ();
  fixture->window = NULL;
  g_clear_object (&fixture->store);
}

/* The memory backend lives as long as the process: every case starts from the defaults. */
static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-prefs-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  fixture->settings = g_settings_new ("io.github.marginalia.Marginalia");
  reset_settings (fixture->settings);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  reset_settings (fixture->settings);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  g_clear_object (&fixture->settings);
  remove_tree (fixture->folder);
  g_free (fixture->library);
  g_free (fixture->folder);
}

static int
reader_font_size (Fixture *fixture)
{
  int points;

  g_object_get (mg_window_get_reader (fixture->window), "font-size", &points, NULL);
  return points;
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action,
                                                     parameter));
}

/* A string key's value, freed with the test case's other garbage (g_test_queue_free). */
static const char *
setting_string (GSettings  *settings,
                const char *key)
{
  char *value = g_settings_get_string (settings, key);

  g_test_queue_free (value);
  return value;
}

static void
test_dark_mode_and_zoom_persist (Fixture       *fixture,
                                 gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GVariant) state = NULL;

  open_window (fixture);
  g_assert_cmpint (reader_font_size (fixture), ==, 12);

  /* The main menu's Dark item: the key, the style manager and the action's state follow. */
  activate (fixture, "win.color-scheme", g_variant_new_string ("dark"));
  g_assert_cmpstr (setting_string (fixture->settings, "color-scheme"), ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "color-scheme");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");

  /* Ctrl+plus twice, Ctrl+minus once: one point larger than the default, kept. */
  activate (fixture, "win.zoom-in", NULL);
  activate (fixture, "win.zoom-in", NULL);
  g_assert_cmpint (reader_font_size (fixture), ==, 14);
  activate (fixture, "win.zoom-out", NULL);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "font-size"), ==, 13);
  g_assert_cmpint (reader_font_size (fixture), ==, 13);
  close_window (fixture);

  /* Back to the default light style, as another start would find it before any window. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_window (fixture);
  g_assert_cmpint (reader_font_size (fixture), ==, 13);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  /* Ctrl+0 is the default size again; Light overrides the system too. */
  activate (fixture, "win.zoom-reset", NULL);
  g_assert_cmpint (reader_font_size (fixture), ==, 12);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "font-size"), ==, 12);
  activate (fixture, "win.color-scheme", g_variant_new_string ("light"));
  g_assert_false (adw_style_manager_get_dark (style));

  /* The size stops at its bounds rather than going on or warning. */
  for (int i = 0; i < 60; i++)
    activate (fixture, "win.zoom-out", NULL);
  g_assert_cmpint (reader_font_size (fixture), ==, MG_READER_MIN_FONT_SIZE);
}

static gboolean
panes_are_allocated (Fixture *fixture)
{
  MgSidePanel *panel = mg_window_get_side_panel (fixture->window);

  return gtk_widget_get_width (GTK_WIDGET (panel)) > 0
         && gtk_widget_get_width (GTK_WIDGET (mg_window_get_reader (fixture->window))) > 0;
}

/* Waits a few frames more, so a position set after the first allocation is laid out. */
static void
wait_for_layout (Fixture *fixture)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  wait_until (fixture, panes_are_allocated);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_panes_persist (Fixture       *fixture,
                    gconstpointer  data)
{
  int side_width;

  open_window (fixture);
  wait_for_layout (fixture);
  /* The user drags both pane handles: the library to 340 pixels, the side panel wider. */
  gtk_paned_set_position (fixture->window->outer_paned, 340);
  gtk_paned_set_position (fixture->window->inner_paned,
                          gtk_paned_get_position (fixture->window->inner_paned) - 80);
  wait_for_layout (fixture);
  side_width = gtk_widget_get_width (GTK_WIDGET (mg_window_get_side_panel (fixture->window)));
  close_window (fixture);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "library-width"), ==, 340);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "side-panel-width"), ==, side_width);

  open_window (fixture);
  wait_for_layout (fixture);
  g_assert_cmpint (gtk_paned_get_position (fixture->window->outer_paned), ==, 340);
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (mg_window_get_side_panel (fixture->window)))
                        - side_width), <=, 2);

  /* F9 and Ctrl+L hide the panes; the next window opens with them hidden. */
  activate (fixture, "win.show-side-panel", NULL);
  activate (fixture, "win.show-library", NULL);
  g_assert_false (g_settings_get_boolean (fixture->settings, "side-panel-visible"));
  close_window (fixture);
  open_window (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_side_panel (fixture->window))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_library_sidebar (fixture->window))));
  /* A hidden pane kept its width for when it comes back. */
  g_assert_cmpint (g_settings_get_int (fixture->settings, "library-width"), ==, 340);
  activate (fixture, "win.show-library", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mg_window_get_library_sidebar (fixture->window))));
}

static char *
default_set_author (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_get_default_annotation_set (fixture->store, &error);

  g_assert_no_error (error);
  return g_strdup (mg_annotation_set_get_author (set));
}

static void
test_author_name_for_new_set (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *author = NULL;
  g_autofree char *fallback = NULL;
  const char *real = g_get_real_name ();

  /* A new library's set carries the name from the preferences, spaces trimmed. */
  g_settings_set_string (fixture->settings, "author-name", "  Ada Researcher ");
  open_window (fixture);
  author = default_set_author (fixture);
  g_assert_cmpstr (author, ==, "Ada Researcher");
  close_window (fixture);

  /* Empty: the account's real name, as before there were preferences. */
  g_settings_set_string (fixture->settings, "author-name", "");
  g_unlink (fixture->library);
  g_free (fixture->library);
  fixture->library = g_build_filename (fixture->folder, "second.sqlite3", NULL);
  open_window (fixture);
  fallback = default_set_author (fixture);
  if (g_strcmp0 (real, "Unknown") != 0 && real[0] != '\0')
    g_assert_cmpstr (fallback, ==, real);
  else
    g_assert_cmpstr (fallback, ==, "");
}

static void
test_preferences_window_applies_live (Fixture       *fixture,
                                      gconstpointer  data)
{
  MgPreferencesWindow *preferences;
  GtkFontChooser *font_button;
  GtkAdjustment *adjustment;
  GtkTextView *view;
  g_autofree char *family = NULL;
  g_autofree char *font = NULL;

  open_window (fixture);
  activate (fixture, "win.preferences", NULL);
  preferences = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (MG_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences))
                 == GTK_WINDOW (fixture->window));

  /* The size row's spin button (its adjustment) changes the key and the reader at once. */
  adjustment = GTK_ADJUSTMENT (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                              MG_TYPE_PREFERENCES_WINDOW,
                                                              "font_size_adjustment"));
  gtk_adjustment_set_value (adjustment, 18);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "font-size"), ==, 18);
  g_assert_cmpint (reader_font_size (fixture), ==, 18);

  /* Line spacing: more room between the wrapped lines of a paragraph. */
  view = mg_reader_get_text_view (mg_window_get_reader (fixture->window));
  g_settings_set_double (fixture->settings, "line-spacing", 1.0);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, 0);
  adjustment = GTK_ADJUSTMENT (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                              MG_TYPE_PREFERENCES_WINDOW,
                                                              "line_spacing_adjustment"));
  gtk_adjustment_set_value (adjustment, 2.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "line-spacing"),
                                  2.0, 0.001);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, 24);

  /* The colour scheme row and the author row write their keys. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                            MG_TYPE_PREFERENCES_WINDOW,
                                                                            "color_scheme_row")),
                              2);
  g_assert_cmpstr (setting_string (fixture->settings, "color-scheme"), ==, "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                      MG_TYPE_PREFERENCES_WINDOW,
                                                                      "author_row")),
                         "Grace");
  g_assert_cmpstr (setting_string (fixture->settings, "author-name"), ==, "Grace");

  /* The reading font: the button shows the key's family and the reader uses it; a family
   * picked in the button is what the key keeps. */
  font_button = GTK_FONT_CHOOSER (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                 MG_TYPE_PREFERENCES_WINDOW,
                                                                 "font_button"));
  g_settings_set_string (fixture->settings, "font-family", "Serif");
  g_object_get (mg_window_get_reader (fixture->window), "font-family", &family, NULL);
  g_assert_cmpstr (family, ==, "Serif");
  font = gtk_font_chooser_get_font (font_button);
  g_assert_true (g_str_has_prefix (font, "Serif"));
  gtk_font_chooser_set_font (font_button, "Monospace 11");
  g_assert_cmpstr (setting_string (fixture->settings, "font-family"), ==, "Monospace");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static guint
library_count (Fixture *fixture)
{
  GListModel *model = mg_library_sidebar_get_model (mg_window_get_library_sidebar (fixture->window));

  return model ? g_list_model_get_n_items (model) : 0;
}

static void
import (Fixture *fixture,
        GFile   *file)
{
  fixture->import_done = FALSE;
  mg_window_import_files (fixture->window, &file, 1);
  wait_until (fixture, import_is_done);
}

static void
test_dropped_folder_imports_documents (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *corpus = g_build_filename (fixture->folder, "corpus", NULL);
  g_autofree char *empty = g_build_filename (fixture->folder, "photos", NULL);
  g_autoptr(GFile) corpus_file = g_file_new_for_path (corpus);
  g_autoptr(GFile) empty_file = g_file_new_for_path (empty);

  write_file (corpus, "a-letter.txt", "A Letter\n\nWritten in Hue in the spring.\n");
  write_file (corpus, "interviews/second.md", "# Second Interview\n\nThe *river* rose.\n");
  write_file (corpus, "scan.png", "\x89PNG\r\n\x1a\n");
  write_file (corpus, ".cache/hidden.txt", "Hidden\n\nNever imported.\n");
  write_file (empty, "holiday.jpg", "\xff\xd8\xff");

  open_window (fixture);
  import (fixture, corpus_file);
  /* The documents of the tree, not the picture, not the hidden folder. */
  g_assert_cmpuint (fixture->imported, ==, 2);
  g_assert_cmpuint (fixture->failed, ==, 0);
  g_assert_cmpuint (library_count (fixture), ==, 2);

  /* A folder with nothing to read is one failure with a reason; the library is unchanged. */
  import (fixture, empty_file);
  g_assert_cmpuint (fixture->imported, ==, 0);
  g_assert_cmpuint (fixture->failed, ==, 1);
  g_assert_cmpuint (library_count (fixture), ==, 2);
}

static gboolean
has_recent (const char *uri)
{
  g_autoptr(GPtrArray) recent = mg_window_files_list_recent ();

  for (guint i = 0; i < recent->len; i++)
    if (g_str_equal (gtk_recent_info_get_uri (g_ptr_array_index (recent, i)), uri))
      return TRUE;
  return FALSE;
}

static const char *recent_uri;

static gboolean
memo_is_recent (Fixture *fixture)
{
  return has_recent (recent_uri);
}

static void
test_recent_documents (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "memo.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->folder, "other.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *other_uri = g_file_get_uri (other_file);
  MgDocument *shown;
  gint64 memo_id;

  write_file (fixture->folder, "memo.txt", "A Memo\n\nThe meeting moved to Thursday.\n");
  write_file (fixture->folder, "other.txt", "Other Notes\n\nNothing of note.\n");
  open_window (fixture);
  fixture->window->remember_recent = TRUE;
  import (fixture, file);
  /* The desktop's list learns the file's type first, in the background. */
  recent_uri = uri;
  wait_until (fixture, memo_is_recent);
  memo_id = mg_document_get_id (mg_reader_get_document (mg_window_get_reader (fixture->window)));
  import (fixture, other_file);

  /* Choosing the recent memo shows the library's document: nothing imported again. */
  fixture->import_done = FALSE;
  activate (fixture, "win.open-recent", g_variant_new_string (uri));
  settle ();
  g_assert_false (fixture->import_done);
  shown = mg_reader_get_document (mg_window_get_reader (fixture->window));
  g_assert_cmpint (mg_document_get_id (shown), ==, memo_id);
  g_assert_cmpuint (library_count (fixture), ==, 2);

  /* A recent file no longer there leaves the list. */
  g_unlink (other);
  g_assert_false (has_recent (other_uri));
}


/* Whether @accel (as GTK names it) is one of the space-separated accelerators in @listed. */
static gboolean
accelerator_listed (const char *accel,
                    GPtrArray  *listed)
{
  guint key;
  GdkModifierType mods;
  g_autofree char *name = NULL;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    return FALSE;
  name = gtk_accelerator_name (key, mods);
  for (guint i = 0; i < listed->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (listed, i), " ", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (gtk_accelerator_parse (parts[j], &key, &mods))
          {
            g_autofree char *other = gtk_accelerator_name (key, mods);

            if (g_str_equal (name, other))
              return TRUE;
          }
    }
  return FALSE;
}

static void
test_shortcuts_window_lists_every_accelerator (void)
{
  g_autoptr(MgApplication) application = mg_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) described = NULL;

  /* Startup sets the accelerators; a second instance must not meet a running one. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application))
                           | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  builder = gtk_builder_new_from_resource ("/io/github/marginalia/Marginalia/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *action = NULL;
        char *accelerator = NULL;

        g_object_get (l->data, "action-name", &action, "accelerator", &accelerator, NULL);
        g_ptr_array_add (actions, action ? action : g_strdup (""));
        g_ptr_array_add (accelerators, accelerator ? accelerator : g_strdup (""));
      }

  described = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  g_assert_cmpuint (g_strv_length (described), >=, 15);
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                   described[i]);
      guint found = 0;

      if (g_ptr_array_find_with_equal_func (actions, described[i], g_str_equal, NULL))
        continue;
      for (guint j = 0; accels[j] != NULL; j++)
        found += accelerator_listed (accels[j], accelerators);
      if (found == 0)
        g_error ("%s (%s) is not in the shortcuts window", described[i], accels[0]);
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("marginalia-prefs-data-XXXXXX", NULL);
  int status;

  /* The desktop's recent list of this run only, never the user's own. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/preferences/dark-mode-and-zoom-persist", Fixture, NULL, fixture_set_up,
              test_dark_mode_and_zoom_persist, fixture_tear_down);
  g_test_add ("/preferences/panes-persist", Fixture, NULL, fixture_set_up,
              test_panes_persist, fixture_tear_down);
  g_test_add ("/preferences/author-name-for-new-set", Fixture, NULL, fixture_set_up,
              test_author_name_for_new_set, fixture_tear_down);
  g_test_add ("/preferences/window-applies-live", Fixture, NULL, fixture_set_up,
              test_preferences_window_applies_live, fixture_tear_down);
  g_test_add ("/files/dropped-folder-imports-documents", Fixture, NULL, fixture_set_up,
              test_dropped_folder_imports_documents, fixture_tear_down);
  g_test_add ("/files/recent-documents", Fixture, NULL, fixture_set_up,
              test_recent_documents, fixture_tear_down);
  g_test_add_func ("/preferences/shortcuts-window-lists-every-accelerator",
                   test_shortcuts_window_lists_every_accelerator);
  status = g_test_run ();
  remove_tree (data_home);
  return status;
}
