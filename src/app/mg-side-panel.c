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
  MgEntityPanel *entity_panel;
  MgAnnotationsPanel *annotations_panel;
  MgCodesPanel *codes_panel;
};

G_DEFINE_FINAL_TYPE (MgSidePanel, mg_side_panel, GTK_TYPE_WIDGET)

/* The width the panel asks for: room for an entity's name and count. Long empty-state texts
 * would otherwise ask for a whole line and squeeze the reader; the user can drag it wider. */
#define NATURAL_WIDTH 340

static void
mg_side_panel_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MgSidePanel *self = MG_SIDE_PANEL (widget);

  gtk_widget_measure (self->content, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
mg_side_panel_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  gtk_widget_allocate (MG_SIDE_PANEL (widget)->content, width, height, baseline, NULL);
}

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

  g_type_ensure (MG_TYPE_ENTITY_PANEL);
  g_type_ensure (MG_TYPE_ANNOTATIONS_PANEL);
  g_type_ensure (MG_TYPE_CODES_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, content);
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, entity_panel);
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, annotations_panel);
  gtk_widget_class_bind_template_child (widget_class, MgSidePanel, codes_panel);
  widget_class->measure = mg_side_panel_measure;
  widget_class->size_allocate = mg_side_panel_size_allocate;
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

/**
 * mg_side_panel_get_entity_panel:
 *
 * Returns: (transfer none): the Entities page
 */
MgEntityPanel *
mg_side_panel_get_entity_panel (MgSidePanel *self)
{
  g_return_val_if_fail (MG_IS_SIDE_PANEL (self), NULL);
  return self->entity_panel;
}

/**
 * mg_side_panel_get_codes_panel:
 *
 * Returns: (transfer none): the Codes page
 */
MgCodesPanel *
mg_side_panel_get_codes_panel (MgSidePanel *self)
{
  g_return_val_if_fail (MG_IS_SIDE_PANEL (self), NULL);
  return self->codes_panel;
}

/**
 * mg_side_panel_get_annotations_panel:
 *
 * Returns: (transfer none): the Annotations page
 */
MgAnnotationsPanel *
mg_side_panel_get_annotations_panel (MgSidePanel *self)
{
  g_return_val_if_fail (MG_IS_SIDE_PANEL (self), NULL);
  return self->annotations_panel;
}
