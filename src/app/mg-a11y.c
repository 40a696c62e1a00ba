/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names for the buttons GTK 4.8 and libadwaita 1.2 build inside their own widgets and leave
 * unnamed: the toggle inside a GtkDropDown, the close button of a GtkSearchBar, the arrow of
 * an AdwSplitButton. A screen reader lands on them with the keyboard and would read out a
 * class name; there is no public way in to them but the widget tree, so it is walked once
 * after the template is built. Later versions name them themselves. */
#include "config.h"

#include <adwaita.h>

#include <glib/gi18n.h>

#include "mg-a11y.h"

typedef gboolean (*MatchFunc) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_descendant (GtkWidget     *root,
                 MatchFunc      match,
                 gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      found = find_descendant (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
has_icon (GtkWidget     *widget,
          gconstpointer  icon_name)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

static void
label (GtkWidget  *widget,
       const char *text)
{
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);
}

/**
 * mg_a11y_label_first_of_type:
 * @root: a composite widget
 * @type: the type of the inner widget to name (the first found, depth first)
 * @text: its accessible name
 */
void
mg_a11y_label_first_of_type (GtkWidget  *root,
                             GType       type,
                             const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  label (find_descendant (root, is_of_type, GSIZE_TO_POINTER (type)), text);
}

/**
 * mg_a11y_label_button_with_icon:
 * @root: a composite widget
 * @icon_name: the icon of the inner button to name
 * @text: its accessible name
 */
void
mg_a11y_label_button_with_icon (GtkWidget  *root,
                                const char *icon_name,
                                const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  label (find_descendant (root, has_icon, icon_name), text);
}

/**
 * mg_a11y_label_toasts:
 * @overlay: a toast overlay just given a toast
 * @text: the accessible name of the toasts' close buttons
 *
 * Names the close button of every toast on show: the overlay's own children beside its
 * content.
 */
void
mg_a11y_label_toasts (AdwToastOverlay *overlay,
                      const char      *text)
{
  GtkWidget *content;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  content = adw_toast_overlay_get_child (overlay);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      label (find_descendant (child, has_icon, "window-close-symbolic"), text);
}

/**
 * mg_a11y_label_help_overlay:
 * @window: a window with the shortcuts window of gtk/help-overlay.ui
 *
 * Names the search button, the search entry and the section menu GTK 4.8 builds into the
 * shortcuts window.
 */
void
mg_a11y_label_help_overlay (GtkApplicationWindow *window)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_APPLICATION_WINDOW (window));

  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (window));
  if (overlay == NULL)
    return;
  mg_a11y_label_button_with_icon (overlay, "edit-find-symbolic", _("Search shortcuts"));
  mg_a11y_label_first_of_type (overlay, GTK_TYPE_SEARCH_ENTRY, _("Search shortcuts"));
  mg_a11y_label_first_of_type (overlay, GTK_TYPE_MENU_BUTTON, _("Sections"));
}
