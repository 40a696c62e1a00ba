/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panel beside the reader: pages for Entities, Annotations and Codes. */
#include "config.h"

#include <adwaita.h>

#include "mg-side-panel.h"

struct _MgSidePanel
{
  GtkWidget parent_instance;

  /* Bound so that gtk_widget_dispose_template() unparents it with the rest. */
  GtkWidget *content;
  AdwViewStack *stack;
};

G_DEFINE_FINAL_TYPE (MgSidePanel, mg_side_panel, GTK_TYPE_WIDGET)

static void
mg_side_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_SIDE_PANEL);

  G_OBJECT_CLASS (mg_side_panel_parent_class)->dispose (object);
}

static void
mg_side_panel_class_init (MgSidePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_side_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, content);
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidepanel");
}

static void
mg_side_panel_init (MgSidePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
mg_side_panel_get_visible_page (MgSidePanel *self)
{
  g_return_val_if_fail (MG_IS_SIDE_PANEL (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

void
mg_side_panel_set_visible_page (MgSidePanel *self,
                                const char  *name)
{
  g_return_if_fail (MG_IS_SIDE_PANEL (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}
