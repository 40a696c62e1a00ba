/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: what the preferences keep, applied to this window and kept when it
 * closes (reading comfort, theme, panes), and the actions that change it from the keyboard. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-preferences-window.h"
#include "mg-window-private.h"

static GtkWidget *
library_child (MgWindow *self)
{
  return gtk_paned_get_start_child (self->outer_paned);
}

static GtkWidget *
side_panel_child (MgWindow *self)
{
  return gtk_paned_get_end_child (self->inner_paned);
}

static void
apply_color_scheme (MgWindow *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static void
on_color_scheme_changed (MgWindow  *self,
                         const char *key,
                         GSettings *settings)
{
  apply_color_scheme (self);
}

/* A saved size is applied once the inner pane has its width, the only moment the position
 * that leaves the side panel that wide is known. */
static void
on_inner_paned_allocated (MgWindow   *self,
                          GParamSpec *pspec,
                          GtkPaned   *paned)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  int saved = g_settings_get_int (self->settings, "side-panel-width");
  int reader_minimum = 0;

  if (width <= 0)
    return;
  g_signal_handlers_disconnect_by_func (paned, on_inner_paned_allocated, self);
  /* The reader is never squeezed below its own minimum, which would cut off its margin:
   * a window narrower than last time gives the side panel less. */
  gtk_widget_measure (gtk_paned_get_start_child (paned), GTK_ORIENTATION_HORIZONTAL, -1,
                      &reader_minimum, NULL, NULL, NULL);
  gtk_paned_set_position (paned, MAX (width - saved, reader_minimum));
}

static void
restore_panes (MgWindow *self)
{
  gtk_paned_set_position (self->outer_paned, g_settings_get_int (self->settings, "library-width"));
  g_signal_connect_object (self->inner_paned, "notify::max-position",
                           G_CALLBACK (on_inner_paned_allocated), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "library-visible", self, "library-visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "side-panel-visible", self, "side-panel-visible",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * mg_window_settings_save:
 *
 * Keeps the widths of the panes shown, for the next window; a hidden pane keeps the width
 * it had when last shown.
 */
void
mg_window_settings_save (MgWindow *self)
{
  GtkWidget *library = library_child (self);
  GtkWidget *side_panel = side_panel_child (self);

  if (self->settings == NULL)
    return;
  if (gtk_widget_get_visible (library) && gtk_widget_get_width (library) > 0)
    g_settings_set_int (self->settings, "library-width",
                        CLAMP (gtk_paned_get_position (self->outer_paned), 160, 1200));
  if (gtk_widget_get_visible (side_panel) && gtk_widget_get_width (side_panel) > 0)
    g_settings_set_int (self->settings, "side-panel-width",
                        CLAMP (gtk_widget_get_width (side_panel), 200, 1200));
}

static void
zoom_to (MgWindow *self,
         int       points)
{
  points = CLAMP (points, MG_READER_MIN_FONT_SIZE, MG_READER_MAX_FONT_SIZE);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "font-size", points);
  else
    mg_reader_set_font_size (self->reader, points);
}

static int
font_size (MgWindow *self)
{
  int points;

  g_object_get (self->reader, "font-size", &points, NULL);
  return points;
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  zoom_to (self, font_size (self) + 1);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  zoom_to (self, font_size (self) - 1);
}

static void
zoom_reset_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  if (self->settings != NULL)
    g_settings_reset (self->settings, "font-size");
  else
    mg_reader_set_font_size (self->reader, MG_READER_DEFAULT_FONT_SIZE);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  MgPreferencesWindow *preferences;

  if (self->settings == NULL)
    {
      mg_window_show_toast (self, _("Preferences are not available: the app’s settings "
                                    "schema is not installed"));
      return;
    }
  preferences = mg_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bind_reader (MgWindow *self)
{
  static const char *const keys[] = { "font-family", "font-size", "line-spacing", "line-width" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self->reader, keys[i], G_SETTINGS_BIND_GET);
}

/**
 * mg_window_settings_init:
 *
 * Applies the preferences to the window and follows their changes; adds the zoom, theme
 * and preferences actions.
 */
void
mg_window_settings_init (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "zoom-in", zoom_in_action },
    { "zoom-out", zoom_out_action },
    { "zoom-reset", zoom_reset_action },
    { "preferences", preferences_action },
  };
  g_autoptr(GAction) color_scheme = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  if (self->settings == NULL)
    return;
  bind_reader (self);
  restore_panes (self);
  /* The action's state is the key itself, so the menu's radio items show the setting. */
  color_scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

/**
 * mg_window_get_author_name:
 *
 * Returns: (transfer full) (nullable): the name new annotation sets carry as their author:
 *   the preference, else the account's full name, else %NULL when neither is known
 */
char *
mg_window_get_author_name (MgWindow *self)
{
  g_autofree char *name = NULL;
  const char *real = g_get_real_name ();

  if (self->settings != NULL)
    name = g_strstrip (g_settings_get_string (self->settings, "author-name"));
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);
  if (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return NULL;
}
