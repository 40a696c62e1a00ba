/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window in Vietnamese: what a reader with LANGUAGE=vi sees, under a real (virtual)
 * display. The catalogue is the one this build compiled from po/vi.po, so a broken or
 * missing translation fails here before a user meets English in a Vietnamese desktop. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "mg-window-private.h"

/* The width the window opens at here, as test-window opens it. */
#define WINDOW_WIDTH 1100

typedef struct
{
  char *folder;
  MgStore *store;
  MgWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  fixture->store = mg_store_open (library, &error);
  g_assert_no_error (error);
  fixture->window = mg_window_new (NULL, fixture->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (texts, g_strdup (text));
}

/* Every text the window shows or tells a screen reader's user: labels, tooltips, status
 * pages, the side panel's page titles. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  add_text (texts, gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    add_text (texts, gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    add_text (texts, gtk_button_get_label (GTK_BUTTON (widget)));
  else if (ADW_IS_STATUS_PAGE (widget))
    {
      add_text (texts, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      add_text (texts, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  else if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          add_text (texts, adw_view_stack_page_get_title (page));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
test_window_in_vietnamese (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int minimum = 0;

  collect_texts (GTK_WIDGET (fixture->window), texts);
  g_assert_cmpuint (texts->len, >, 10);

  /* The side panel's pages (from the .ui template) and a header-bar tooltip. */
  g_assert_true (texts_contain (texts, "Thực thể"));
  g_assert_true (texts_contain (texts, "Chú thích"));
  g_assert_true (texts_contain (texts, "Mã"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->window->side_panel_toggle)),
                   ==, "Hiện khung bên (F9)");
  /* A status set from C code, not from a template. */
  g_assert_true (texts_contain (texts, "Chưa mở tài liệu nào"));
  g_assert_false (texts_contain (texts, "Entities"));
  g_assert_false (texts_contain (texts, "No Document Open"));

  /* Vietnamese labels run longer than English ones; the three panes must still fit side by
   * side in the window's default width. A pane given less than its minimum has its content
   * cut off: the find bar's longer buttons once cost the reader the left edge of its text. */
  minimum = min_width (GTK_WIDGET (mg_window_get_library_sidebar (fixture->window)))
            + min_width (GTK_WIDGET (mg_window_get_reader (fixture->window)))
            + min_width (GTK_WIDGET (mg_window_get_side_panel (fixture->window)));
  g_test_message ("the panes need %d pixels across", minimum);
  g_assert_cmpint (minimum, <=, WINDOW_WIDTH);

  /* No text
 on show is an English message that has a Vietnamese translation: that would
   * be a string set before the catalogue was loaded, or one that skipped gettext. */
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_strcmp0 (gettext (text), text) != 0)
        g_error ("the window shows “%s” in English; its translation is “%s”", text,
                 gettext (text));
    }
}

/* Counts, dates and menus built in C come out in Vietnamese too, in the locale's forms. */
static void
test_messages_in_vietnamese (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 1, 3, 9, 30, 0);
  g_autofree char *date = NULL;
  g_autofree char *passages = NULL;

  /* Vietnamese has one plural form: "1 đoạn trích", "5 đoạn trích". */
  passages = g_strdup_printf (ngettext ("%'u passage", "%'u passages", 5), 5u);
  g_assert_cmpstr (passages, ==, "5 đoạn trích");
  g_assert_cmpstr (ngettext ("%'u passage", "%'u passages", 1), ==, "%'u đoạn trích");
  /* Translators give the date's order; Vietnamese writes day/month/year. */
  date = g_date_time_format (day, _("%e %b %Y"));
  g_assert_cmpstr (date, ==, "03/01/2026");
  /* A mnemonic survives translation. */
  g_assert_nonnull (strchr (_("_Open…"), '_'));
  g_assert_cmpstr (_("_Open…"), ==, "_Mở…");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("MG_TEST_LOCALEDIR");

  g_setenv ("LANGUAGE", "vi", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () pins the locale for other tests; this one wants the environment's, as
   * the app takes it. glibc honours LANGUAGE only when that locale is not plain "C"; the test
   * environment's C.UTF-8 counts as a real one, so no Vietnamese locale has to be installed. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), !=, "C");

  adw_init ();
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);


  g_test_add_func ("/i18n/messages-in-vietnamese", test_messages_in_vietnamese);
  g_test_add ("/i18n/window-in-vietnamese", Fixture, NULL, fixture_set_up,
              test_window_in_vietnamese, fixture_tear_down);
  return g_test_run ();
}
