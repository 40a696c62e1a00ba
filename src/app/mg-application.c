/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-application.h"
#include "mg-library-rescue.h"
#include "mg-store.h"
#include "mg-text-import.h"
#include "mg-window.h"

/* Set once the sample document has been offered, so a user who deletes it is not given it
 * again on the next start. */
#define META_SAMPLE_IMPORTED "sample-imported"
#define SAMPLE_RESOURCE "/io/github/marginalia/Marginalia/sample/marginalia-sample.txt"

struct _MgApplication
{
  AdwApplication parent_instance;

  char *library_path;
  MgStore *store;
};

G_DEFINE_FINAL_TYPE (MgApplication, mg_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the library file PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static int
mg_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  MgApplication *self = MG_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("marginalia %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* A library of one's own is a separate process: the running instance serves the default
   * library, and a window must never show one library while writing to another. */
  if (g_variant_dict_lookup (options, "library", "^ay", &path))
    {
      self->library_path = g_canonicalize_filename (path, NULL);
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static MgDocument *
load_sample (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const char *data;
  gsize length;

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  text = mg_text_import_decode (data, length, NULL, error);
  if (text == NULL)
    return NULL;
  title = mg_text_import_guess_title (text, _("Sample Document"));
  return mg_document_new (title, text, NULL, "text/plain");
}

/* A first start shows something to read: the sample document written for Marginalia, opened
 * as the last document read. */
static void
import_sample_once (MgApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autofree char *done = mg_store_get_meta (self->store, META_SAMPLE_IMPORTED);
  g_autofree char *id = NULL;

  if (done != NULL)
    return;
  document = load_sample (&error);
  if (document == NULL || !mg_store_add_document (self->store, document, NULL, &error))
    {
      g_warning ("Could not add the sample document: %s", error->message);
      return;
    }
  id = g_strdup_printf ("%" G_GINT64_FORMAT, mg_document_get_id (document));
  if (!mg_store_set_meta (self->store, META_SAMPLE_IMPORTED, "1", &error)
      || !mg_store_set_meta (self->store, MG_WINDOW_META_LAST_DOCUMENT, id, &error))
    g_warning ("Could not note the sample document: %s", error->message);
}

static gboolean
ensure_store (MgApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *path = NULL;

  if (self->store != NULL)
    return TRUE;
  /* Checked before it is opened, so that a damaged library is not written to; it and a
   * library that does not open get the offer of the newest intact backup. */
  path = self->library_path ? g_strdup (self->library_path) : mg_store_default_path ();
  if ((g_file_test (path, G_FILE_TEST_EXISTS) && !mg_library_rescue_check (path, &error))
      || (self->store = mg_store_open (path, &error)) == NULL)
    {
      mg_library_rescue_offer (GTK_APPLICATION (self), path, error,
                               (MgLibraryRescued) g_application_activate, self);
      return FALSE;
    }
  import_sample_once (self);
  return TRUE;
}

static MgWindow *
get_window (MgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MG_IS_WINDOW (window))
    return MG_WINDOW (window);
  if (!ensure_store (self))
    return NULL;
  window = GTK_WINDOW (mg_window_new (GTK_APPLICATION (self), self->store));
  mg_a11y_label_help_overlay (GTK_APPLICATION_WINDOW (window));
  mg_window_restore_last_document (MG_WINDOW (window));
  return MG_WINDOW (window);
}

static void
mg_application_activate (GApplication *application)
{
  MgWindow *window = get_window (MG_APPLICATION (application));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
mg_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MgWindow *window = get_window (MG_APPLICATION (application));

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  mg_window_import_files (window, files, (guint) n_files);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Marginalia developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (application));
  g_object_set (about,
                "application-name", _("Marginalia"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Marginalia developers"),
                "developers", developers,
                "comments", _("Read, annotate and tag a corpus of texts, fully offline."),
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 The Marginalia developers",
                /* Translators: put your names here, one per line. */
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows = gtk_application_get_windows (application);

  /* Closing each window saves its reading position first. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (application));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_accels (GtkApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
    { "win.show-library", { "<Control>l", NULL } },
    { "win.show-side-panel", { "F9", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.tag-last", { "<Control>h", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.search", { "<Control><Shift>f", NULL } },
    { "win.analysis", { "<Control><Shift>a", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.import-annotations", { "<Control><Shift>i", NULL } },
    { "win.agreement", { "<Control><Shift>k", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

static void
mg_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (mg_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  set_accels (GTK_APPLICATION (application));
}

static void
mg_application_finalize (GObject *object)
{
  MgApplication *self = MG_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->library_path);

  G_OBJECT_CLASS (mg_application_parent_class)->finalize (object);
}

static void
mg_application_class_init (MgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mg_application_finalize;
  app_class->handle_local_options = mg_application_handle_local_options;
  app_class->startup = mg_application_startup;
  app_class->activate = mg_application_activate;
  app_class->open = mg_application_open;
}

static void
mg_application_init (MgApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

MgApplication *
mg_application_new (void)
{
  return g_object_new (MG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/marginalia/Marginalia",
                       NULL);
}
