/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: reading comfort, the colour scheme, the author of new annotation sets. Every
 * row is bound to its key, so a change shows in every window at once. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-preferences-window.h"

struct _MgPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkFontButton *font_button;
  GtkButton *font_reset_button;
  GtkAdjustment *font_size_adjustment;
  GtkAdjustment *line_spacing_adjustment;
  GtkAdjustment *line_width_adjustment;
  AdwComboRow *color_scheme_row;
  AdwPreferencesGroup *author_group;
  AdwEntryRow *author_row;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (MgPreferencesWindow, mg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the colour scheme row's items, the nicks of the key's enum. */
static const char *const color_schemes[] = { "system", "light", "dark" };

/* The button names a whole font; the key keeps only its family ("" is the theme's font). */
static gboolean
family_to_font (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  MgPreferencesWindow *self = user_data;
  const char *family = g_variant_get_string (variant, NULL);
  g_autofree char *system_font = NULL;
  g_autoptr(PangoFontDescription) font = NULL;

  if (family[0] != '\0')
    {
      g_value_take_string (value, g_strdup_printf ("%s %d", family,
                                                   g_settings_get_int (self->settings,
                                                                       "font-size")));
      return TRUE;
    }
  g_object_get (gtk_settings_get_default (), "gtk-font-name", &system_font, NULL);
  font = pango_font_description_from_string (system_font ? system_font : "Sans 12");
  g_value_take_string (value, pango_font_description_to_string (font));
  return TRUE;
}

static GVariant *
font_to_family (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  const char *name = g_value_get_string (value);
  g_autoptr(PangoFontDescription) font = NULL;
  const char *family;

  if (name == NULL)
    return NULL;
  font = pango_font_description_from_string (name);
  family = pango_font_description_get_family (font);
  return g_variant_new_string (family ? family : "");
}

static gboolean
family_is_set (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_boolean (value, g_variant_get_string (variant, NULL)[0] != '\0');
  return TRUE;
}

/* Spin buttons count in doubles, the keys in whole points and characters. */
static gboolean
int_to_double (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) (g_value_get_double (value) + 0.5));
}

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (nick, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[position]);
}

static void
on_font_reset_clicked (MgPreferencesWindow *self)
{
  g_settings_reset (self->settings, "font-family");
}

static void
bind_int (MgPreferencesWindow *self,
          const char          *key,
          GtkAdjustment       *adjustment)
{
  g_settings_bind_with_mapping (self->settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT,
                                int_to_double, double_to_int, NULL, NULL);
}

static void
describe_author (MgPreferencesWindow *self)
{
  const char *real = g_get_real_name ();
  g_autofree char *description = NULL;

  if (real == NULL || real[0] == '\0' || g_str_equal (real, "Unknown"))
    real = g_get_user_name ();
  /* Translators: %s is the name of the user's account. */
  description = g_strdup_printf (_("New annotation sets carry this name as their author, and "
                                   "exported files name it. Left empty, your account’s name "
                                   "is used: %s."), real);
  adw_preferences_group_set_description (self->author_group, description);
}

static void
bind_settings (MgPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "font-family", self->font_button, "font",
                                G_SETTINGS_BIND_DEFAULT, family_to_font, font_to_family,
                                self, NULL);
  g_settings_bind_with_mapping (self->settings, "font-family", self->font_reset_button,
                                "sensitive", G_SETTINGS_BIND_GET, family_is_set, NULL,
                                NULL, NULL);
  bind_int (self, "font-size", self->font_size_adjustment);
  bind_int (self, "line-width", self->line_width_adjustment);
  g_settings_bind (self->settings, "line-spacing", self->line_spacing_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, scheme_to_position,
                                position_to_scheme, NULL, NULL);
  g_settings_bind (self->settings, "author-name", self->author_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  describe_author (self);
}

static void
mg_preferences_window_dispose (GObject *object)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_preferences_window_parent_class)->dispose (object);
}

static void
mg_preferences_window_class_init (MgPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/mg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, font_reset_button);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, font_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow,
                                        line_spacing_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, line_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, author_group);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, author_row);
  gtk_widget_class_bind_template_callback (widget_class, on_font_reset_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The list of a titled group reads as its title (libadwaita relates the two); the lists the
 * window builds for its search results have no name at all. */
static void
name_search_lists (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title;

      if (ADW_IS_PREFERENCES_GROUP (child)
          && (title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child))) != NULL
          && title[0] != '\0')
        continue;
      if (GTK_IS_LIST_BOX (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Search results"), -1);
      name_search_lists (child);
    }
}

/* The lists, the search entry and the buttons libadwaita 1.2 and GTK 4.8 build inside this
 * window and leave unnamed: a screen reader would read out their class names. */
static void
name_inner_widgets (MgPreferencesWindow *self)
{
  name_search_lists (GTK_WIDGET (self));
  mg_a11y_label_first_of_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY,
                               _("Search preferences"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->color_scheme_row), GTK_TYPE_LIST_VIEW,
                               _("Colour schemes"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->font_button), GTK_TYPE_BUTTON,
                               _("Reading font"));
}

static void
mg_preferences_window_init (MgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_inner_widgets (self);
}

/**
 * mg_preferences_window_new:
 * @settings: the app's settings, which every row edits directly
 *
 * Returns: (transfer full): a new preferences window, to be made transient and presented
 */
MgPreferencesWindow *
mg_preferences_window_new (GSettings *settings)
{
  MgPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);
  return self;
}
