/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The code palette: a popover beside the selection with a search over every code. Typing
 * narrows the list, the arrows move, Enter tags the selection with the chosen code. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mg-code-palette.h"

struct _MgCodePalette
{
  GtkPopover parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox *list_box;
  GtkLabel *new_code_label;          /* "Enter makes the new code …" when nothing matches */

  GtkFilterListModel *filtered;      /* the codes the query matches */
  GtkCustomFilter *filter;
};

G_DEFINE_FINAL_TYPE (MgCodePalette, mg_code_palette, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  NEW_CODE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static MgCode *
row_code (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "code") : NULL;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA colour;

  if (!gdk_rgba_parse (&colour, g_object_get_data (G_OBJECT (area), "colour")))
    return;
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgCode *code = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (mg_code_get_name (code));

  /* Indented by depth, so sub-codes read as such. */
  gtk_widget_set_margin_start (box, 14 * (int) mg_code_get_depth (code));
  gtk_widget_set_size_request (swatch, 12, 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (swatch), "colour", g_strdup (mg_code_get_colour (code)),
                          g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "code", g_object_ref (code), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mg_code_get_name (code), -1);
  return row;
}

static gboolean
code_matches (gpointer item,
              gpointer user_data)
{
  MgCodePalette *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  name = g_utf8_casefold (mg_code_get_name (item), -1);
  folded = g_utf8_casefold (query, -1);
  return strstr (name, folded) != NULL;
}

/* The query as a code's name: trimmed, or %NULL when there is nothing to name. */
static char *
query_as_name (MgCodePalette *self)
{
  char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (*name == '\0')
    g_clear_pointer (&name, g_free);
  return name;
}

static void
on_search_changed (MgCodePalette *self)
{
  g_autofree char *name = NULL;
  gboolean none = FALSE;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
  /* Nothing matches: say that Enter makes the code, so a new code needs no trip to the
   * Codes page. */
  name = query_as_name (self);
  none = name != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;
  if (none)
    {
      g_autofree char *hint = g_strdup_printf (_("Enter makes the new code “%s”"), name);

      gtk_label_set_text (self->new_code_label, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_code_label), none);
}

static void
choose (MgCodePalette *self,
        GtkListBoxRow *row)
{
  MgCode *code = row_code (row);

  if (code == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, code);
}

static void
on_search_activate (MgCodePalette *self)
{
  g_autofree char *name = NULL;

  if (gtk_list_box_get_selected_row (self->list_box) != NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      choose (self, gtk_list_box_get_selected_row (self->list_box));
      return;
    }
  name = query_as_name (self);
  if (name == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[NEW_CODE_REQUESTED], 0, name);
}

static void
on_stop_search (MgCodePalette *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated (MgCodePalette *self,
                  GtkListBoxRow *row)
{
  choose (self, row);
}

/* The arrows move through the visible codes while the focus stays in the search entry. */
static gboolean
on_key_pressed (MgCodePalette         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  int step = keyval == GDK_KEY_Down ? 1 : keyval == GDK_KEY_Up ? -1 : 0;
  GtkListBoxRow *next;

  if (step == 0)
    return GDK_EVENT_PROPAGATE;
  next = gtk_list_box_get_row_at_index (self->list_box,
                                        (row ? gtk_list_box_row_get_index (row) : -1) + step);
  if (next != NULL)
    gtk_list_box_select_row (self->list_box, next);
  return GDK_EVENT_STOP;
}

static void
mg_code_palette_dispose (GObject *object)
{
  MgCodePalette *self = MG_CODE_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), MG_TYPE_CODE_PALETTE);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (mg_code_palette_parent_class)->dispose (object);
}

static void
mg_code_palette_class_init (MgCodePaletteClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_code_palette_dispose;

  /**
   * MgCodePalette::code-chosen:
   * @code: the code to tag the selection with
   */
  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_CODE);

  /**
   * MgCodePalette::new-code-requested:
   * @name: the name typed, which no code matches
   *
   * Enter with a name no code matches: make a top-level code of that name and tag with it.
   */
  signals[NEW_CODE_REQUESTED] =
    g_signal_new ("new-code-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-code-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, MgCodePalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MgCodePalette, list_box);
  gtk_widget_class_bind_template_child (widget_class, MgCodePalette, new_code_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
mg_code_palette_init (MgCodePalette *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (code_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_popover_set_default_widget (GTK_POPOVER (self), GTK_WIDGET (self->search_entry));
}

MgCodePalette *
mg_code_palette_new (void)
{
  return g_object_new (MG_TYPE_CODE_PALETTE, NULL);
}

/**
 * mg_code_palette_set_codes:
 * @codes: (nullable): a #GListModel of #MgCode in display order
 */
void
mg_code_palette_set_codes (MgCodePalette *self,
                           GListModel    *codes)
{
  g_return_if_fail (MG_IS_CODE_PALETTE (self));

  gtk_filter_list_model_set_model (self->filtered, codes);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
}

void
mg_code_palette_set_query (MgCodePalette *self,
                           const char    *query)
{
  g_return_if_fail (MG_IS_CODE_PALETTE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  on_search_changed (self);
}

/**
 * mg_code_palette_get_selected:
 *
 * Returns: (transfer none) (nullable): the code Enter would choose
 */
MgCode *
mg_code_palette_get_selected (MgCodePalette *self)
{
  g_return_val_if_fail (MG_IS_CODE_PALETTE (self), NULL);
  return row_code (gtk_list_box_get_selected_row (self->list_box));
}
