/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Codes page: the codebook as a tree of coloured codes, each with its key and how many
 * passages carry it. Every edit goes through the session's history, so Ctrl+Z takes it back;
 * the store keeps the tree's rules (unique names among siblings, no code under itself). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-codes-panel.h"
#include "mg-store-codes.h"

/* Pixels of indentation per level of the tree. */
#define INDENT 18
/* The palette popover's swatches per line. */
#define PALETTE_COLUMNS 5

typedef enum {
  NAME_NEW,
  NAME_NEW_SUBCODE,
  NAME_RENAME,
} NameMode;

/* Where a dragged code lands relative to the row under the pointer. */
typedef enum {
  DROP_NONE,
  DROP_BEFORE,
  DROP_INTO,
  DROP_AFTER,
} DropPlace;

struct _MgCodesPanel
{
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkButton *new_button;
  GtkStack *stack;
  GtkListBox *list_box;
  GtkPopoverMenu *context_menu;
  GtkPopover *name_popover;
  GtkLabel *name_heading;
  GtkEntry *name_entry;
  GtkButton *name_button;
  GtkPopover *colour_popover;
  GtkGrid *palette_grid;
  GtkPopover *description_popover;
  GtkLabel *description_heading;
  GtkTextView *description_view;

  MgStore *store;
  MgHistory *history;
  GListModel *codes;           /* MgCode, the tree flattened in display order */

  NameMode name_mode;
  gint64 edit_id;              /* the code a popover edits, or the parent of a new sub-code */
  gboolean editing;            /* an edit of ours is under way: its reload is ours to do */

  GtkListBoxRow *drop_row;     /* where a drag would land, for the line drawn over the list */
  DropPlace drop_place;
};

G_DEFINE_FINAL_TYPE (MgCodesPanel, mg_codes_panel, GTK_TYPE_WIDGET)

enum {
  CODE_ACTIVATED,
  CODES_CHANGED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tell (MgCodesPanel *self,
      const char   *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

/* Colours in words, for screen readers and tooltips. */

static const struct
{
  const char *colour;
  const char *name;
} palette_names[] = {
  /* Translators: the names of the codebook palette's colours, told to screen readers. */
  { "#f5c211", N_("yellow") },
  { "#56b4e9", N_("sky blue") },
  { "#e69f00", N_("orange") },
  { "#009e73", N_("green") },
  { "#cc79a7", N_("pink") },
  { "#0072b2", N_("blue") },
  { "#d55e00", N_("vermilion") },
  { "#9141ac", N_("purple") },
  { "#986a44", N_("brown") },
  { "#77767b", N_("grey") },
};

/* A custom colour gets the name of its hue, which is what a reader can act on. */
static const char *
hue_name (const GdkRGBA *rgba)
{
  float hue, saturation, value, degrees;

  gtk_rgb_to_hsv (rgba->red, rgba->green, rgba->blue, &hue, &saturation, &value);
  if (saturation < 0.15)
    return value > 0.9 ? _("white") : value < 0.2 ? _("black") : _("grey");
  degrees = hue * 360;
  if (degrees < 15 || degrees >= 345)
    return _("red");
  if (degrees < 45)
    return value < 0.65 ? _("brown") : _("orange");
  if (degrees < 70)
    return _("yellow");
  if (degrees < 165)
    return _("green");
  if (degrees < 200)
    return _("teal");
  if (degrees < 255)
    return _("blue");
  if (degrees < 290)
    return _("purple");
  return _("pink");
}

static const char *
colour_name (const char *colour)
{
  GdkRGBA rgba;

  for (gsize i = 0; i < G_N_ELEMENTS (palette_names); i++)
    if (g_ascii_strcasecmp (palette_names[i].colour, colour) == 0)
      return _(palette_names[i].name);
  if (colour == NULL || !gdk_rgba_parse (&rgba, colour))
    return "";
  return hue_name (&rgba);
}

/* Swatches: drawn, since each code has its own colour and CSS classes cannot know them. */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   size,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + size - radius, y + size - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + size - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The chosen colour of the palette wears a ring in the text colour around it. */
static void
draw_ring (GtkWidget *area,
           cairo_t   *cr,
           double     size)
{
  GdkRGBA foreground;

  gtk_style_context_get_color (gtk_widget_get_style_context (area), &foreground);
  gdk_cairo_set_source_rgba (cr, &foreground);
  cairo_set_line_width (cr, 2);
  rounded_rectangle (cr, 1, 1, size - 2, 6);
  cairo_stroke (cr);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *colour = g_object_get_data (G_OBJECT (area), "colour");
  gboolean chosen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "chosen"));
  double size = MIN (width, height);
  double inset = chosen ? 4 : 0.5;
  GdkRGBA rgba;

  if (colour == NULL || !gdk_rgba_parse (&rgba, colour))
    return;
  if (chosen)
    draw_ring (GTK_WIDGET (area), cr, size);
  rounded_rectangle (cr, inset, inset, size - 2 * inset, size / 4);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  /* A faint edge keeps a pale colour visible on a pale background. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
swatch_set_colour (GtkWidget  *swatch,
                   const char *colour)
{
  g_object_set_data_full (G_OBJECT (swatch), "colour", g_strdup (colour), g_free);
  gtk_widget_queue_draw (swatch);
}

static GtkWidget *
swatch_new (const char *colour,
            int         size)
{
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  swatch_set_colour (swatch, colour);
  return swatch;
}

/* The tree, as the flattened list shows it. */

static MgCode *
find_code (MgCodesPanel *self,
           gint64        code_id)
{
  guint n = self->codes ? g_list_model_get_n_items (self->codes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (self->codes, i);

      if (mg_code_get_id (code) == code_id)
        return code;
    }
  return NULL;
}

static guint
count_children (MgCodesPanel *self,
                gint64        parent_id)
{
  guint n = self->codes ? g_list_model_get_n_items (self->codes) : 0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (self->codes, i);

      if (mg_code_get_parent_id (code) == parent_id)
        count++;
    }
  return count;
}

/* The sibling just above @code, under which Indent puts it. */
static MgCode *
previous_sibling (MgCodesPanel *self,
                  MgCode       *code)
{
  guint n = g_list_model_get_n_items (self->codes);

  if (mg_code_get_position (code) == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) other = g_list_model_get_item (self->codes, i);

      if (mg_code_get_parent_id (other) == mg_code_get_parent_id (code)
          && mg_code_get_position (other) + 1 == mg_code_get_position (code))
        return other;
    }
  return NULL;
}

/* Whether @code_id is @ancestor_id or lies below it. */
static gboolean
is_within (MgCodesPanel *self,
           gint64        code_id,
           gint64        ancestor_id)
{
  while (code_id != 0)
    {
      MgCode *code = find_code (self, code_id);

      if (code_id == ancestor_id)
        return TRUE;
      code_id = code ? mg_code_get_parent_id (code) : 0;
    }
  return FALSE;
}

/* The keys 1-9 go to the first nine codes in display order, as the store hands them out. */
static guint
code_key (MgCodesPanel *self,
          MgCode       *code)
{
  guint n = MIN (g_list_model_get_n_items (self->codes), 9);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) other = g_list_model_get_item (self->codes, i);

      if (other == code)
        return i + 1;
    }
  return 0;
}

/* Rows. */

static MgCode *
row_code (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "code") : NULL;
}

static MgCode *
selected_code (MgCodesPanel *self)
{
  return row_code (gtk_list_box_get_selected_row (self->list_box));
}

static GtkListBoxRow *
find_row (MgCodesPanel *self,
          gint64        code_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (mg_code_get_id (row_code (row)) == code_id)
      return row;
  return NULL;
}

/* What a screen reader says for a row: the colour in words, its place, key and count. */
static char *
row_description (MgCodesPanel *self,
                 MgCode       *code,
                 guint         key)
{
  MgCode *parent = find_code (self, mg_code_get_parent_id (code));
  guint count = mg_code_get_passage_count (code);
  g_autofree char *name = NULL;

  if (parent != NULL)
    /* Translators: a code's name, then its parent's, for screen readers. */
    name = g_strdup_printf (_("%s, sub-code of %s"), mg_code_get_name (code),
                            mg_code_get_name (parent));
  else
    name = g_strdup (mg_code_get_name (code));
  if (key == 0)
    /* Translators: a code's name, its colour in words, and how many passages carry it. */
    return g_strdup_printf (ngettext ("%s, %s, %'u passage", "%s, %s, %'u passages", count),
                            name, colour_name (mg_code_get_colour (code)), count);
  /* Translators: a code's name, its colour in words, its key (1-9) and how many passages
   * carry it. */
  return g_strdup_printf (ngettext ("%s, %s, key %u, %'u passage",
                                    "%s, %s, key %u, %'u passages", count),
                          name, colour_name (mg_code_get_colour (code)), key, count);
}

static GtkWidget *
key_label_new (guint key)
{
  g_autofree char *accelerator = g_strdup_printf ("%u", key);
  GtkWidget *label = gtk_shortcut_label_new (accelerator);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The row travels with the pointer, held where it was grabbed. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);
  MgCode *code = g_object_get_data (G_OBJECT (row), "code");

  gtk_drag_source_set_icon (source, paintable, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_INT64, mg_code_get_id (code));
}

static void
add_drag_source (GtkWidget *row)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
}

static GtkWidget *
row_box_new (MgCodesPanel *self,
             MgCode       *code,
             guint         key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (mg_code_get_name (code));
  g_autofree char *count = g_strdup_printf ("%'u", mg_code_get_passage_count (code));
  GtkWidget *count_label = gtk_label_new (count);

  gtk_widget_set_margin_start (box, (int) mg_code_get_depth (code) * INDENT);
  gtk_box_append (GTK_BOX (box), swatch_new (mg_code_get_colour (code), 14));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  if (key > 0)
    gtk_box_append (GTK_BOX (box), key_label_new (key));
  gtk_label_set_width_chars (GTK_LABEL (count_label), 3);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);
  return box;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgCodesPanel *self = user_data;
  MgCode *code = item;
  guint key = code_key (self, code);
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *accessible = row_description (self, code, key);
  const char *description = mg_code_get_description (code);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_box_new (self, code, key));
  g_object_set_data_full (G_OBJECT (row), "code", g_object_ref (code), g_object_unref);
  if (description != NULL && *description != '\0')
    gtk_widget_set_tooltip_text (row, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  add_drag_source (row);
  return row;
}

/* Actions follow the selection: Move Up is off at the top of a branch, and so on. */
static void
update_actions (MgCodesPanel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  MgCode *code = selected_code (self);
  gboolean any = code != NULL;
  guint position = any ? mg_code_get_position (code) : 0;
  gint64 parent_id = any ? mg_code_get_parent_id (code) : 0;
  const char *on_code[] = { "codes.new-subcode", "codes.rename", "codes.colour",
                            "codes.describe", "codes.delete", "codes.menu" };

  gtk_widget_action_set_enabled (widget, "codes.new", self->store != NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (on_code); i++)
    gtk_widget_action_set_enabled (widget, on_code[i], any);
  gtk_widget_action_set_enabled (widget, "codes.move-up", any && position > 0);
  gtk_widget_action_set_enabled (widget, "codes.move-down",
                                 any && position + 1 < count_children (self, parent_id));
  gtk_widget_action_set_enabled (widget, "codes.indent", any && position > 0);
  gtk_widget_action_set_enabled (widget, "codes.outdent", any && parent_id != 0);
}

static gboolean
list_has_focus (MgCodesPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box));
}

/* Selects the row of @code_id, or the one now at @fallback (a deleted code's place). */
static void
restore_selection (MgCodesPanel *self,
                   gint64        code_id,
                   int           fallback,
                   gboolean      focus)
{
  GtkListBoxRow *row = find_row (self, code_id);
  guint n = self->codes ? g_list_model_get_n_items (self->codes) : 0;

  if (row == NULL && n > 0 && fallback >= 0)
    row = gtk_list_box_get_row_at_index (self->list_box, MIN ((guint) fallback, n - 1));
  gtk_list_box_select_row (self->list_box, row);
  if (row != NULL && focus)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
show_codes (MgCodesPanel *self,
            GListModel   *codes)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);
  gint64 selected_id = selected ? mg_code_get_id (row_code (selected)) : 0;
  int selected_index = selected ? gtk_list_box_row_get_index (selected) : -1;
  gboolean focus = list_has_focus (self);

  g_set_object (&self->codes, codes);
  gtk_list_box_bind_model (self->list_box, codes, create_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, codes && g_list_model_get_n_items (codes) > 0
                                                 ? "list" : "empty");
  restore_selection (self, selected_id, selected_index, focus);
  update_actions (self);
}

/**
 * mg_codes_panel_reload:
 *
 * Reads the codebook again: names, colours, the tree and the passage counts.
 */
void
mg_codes_panel_reload (MgCodesPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;

  g_return_if_fail (MG_IS_CODES_PANEL (self));

  if (self->store != NULL)
    codes = mg_store_list_codes (self->store, &error);
  if (error != NULL)
    tell (self, error->message);
  show_codes (self, codes);
}

/* Edits. Each goes through the history when there is one, so Ctrl+Z undoes it; a refusal of
 * the store reaches the user as a message, and the list stays as it was. */

static MgCode *
edit_add (MgCodesPanel  *self,
          const char    *name,
          gint64         parent_id,
          GError       **error)
{
  /* No colour: the store gives the palette colour fewest codes wear. */
  if (self->history != NULL)
    return mg_history_add_code (self->history, self->store, name, NULL, parent_id, error);
  return mg_store_add_code (self->store, name, NULL, parent_id, error);
}

static gboolean
edit_rename (MgCodesPanel  *self,
             gint64         code_id,
             const char    *name,
             GError       **error)
{
  if (self->history != NULL)
    return mg_history_rename_code (self->history, self->store, code_id, name, error);
  return mg_store_rename_code (self->store, code_id, name, error);
}

static gboolean
edit_recolour (MgCodesPanel  *self,
               gint64         code_id,
               const char    *colour,
               GError       **error)
{
  if (self->history != NULL)
    return mg_history_recolour_code (self->history, self->store, code_id, colour, error);
  return mg_store_set_code_colour (self->store, code_id, colour, error);
}

static gboolean
edit_describe (MgCodesPanel  *self,
               gint64         code_id,
               const char    *description,
               GError       **error)
{
  if (self->history != NULL)
    return mg_history_set_code_description (self->history, self->store, code_id, description,
                                            error);
  return mg_store_set_code_description (self->store, code_id, description, error);
}

static gboolean
edit_move (MgCodesPanel  *self,
           gint64         code_id,
           gint64         parent_id,
           guint          position,
           GError       **error)
{
  if (self->history != NULL)
    return mg_history_move_code (self->history, self->store, code_id, parent_id, position,
                                 error);
  return mg_store_move_code (self->store, code_id, parent_id, position, error);
}

static gboolean
edit_delete (MgCodesPanel  *self,
             gint64         code_id,
             gint64         reassign_to,
             GError       **error)
{
  if (self->history != NULL)
    return mg_history_delete_code (self->history, self->store, code_id, reassign_to, error);
  return mg_store_delete_code (self->store, code_id, reassign_to, NULL, error);
}

/* After an edit: the list shows it, with @select_id selected, and the window repaints. */
static gboolean
edit_done (MgCodesPanel *self,
           gboolean      done,
           GError       *error,
           gint64        select_id)
{
  if (!done)
    {
      tell (self, error->message);
      return FALSE;
    }
  mg_codes_panel_reload (self);
  if (select_id != 0)
    restore_selection (self, select_id, -1, list_has_focus (self));
  g_signal_emit (self, signals[CODES_CHANGED], 0);
  return TRUE;
}

static gboolean
move_code (MgCodesPanel *self,
           gint64        code_id,
           gint64        parent_id,
           guint         position)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  self->editing = TRUE;
  done = edit_move (self, code_id, parent_id, position, &error);
  self->editing = FALSE;
  return edit_done (self, done, error, code_id);
}

/* Popovers point at a row, or at the New Code button. */
static void
point_popover_at (MgCodesPanel *self,
                  GtkPopover   *popover,
                  GtkWidget    *widget)
{
  graphene_rect_t bounds;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (widget != NULL && gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    rect = (GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                            (int) bounds.size.width, (int) bounds.size.height };
  gtk_popover_set_pointing_to (popover, &rect);
}

static gboolean
popover_open (MgCodesPanel *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->name_popover))
         || gtk_widget_get_visible (GTK_WIDGET (self->colour_popover))
         || gtk_widget_get_visible (GTK_WIDGET (self->description_popover));
}

/* The name popover: New Code, New Sub-code and Rename. */

static void
ask_name (MgCodesPanel *self,
          NameMode      mode,
          MgCode       *code)
{
  g_autofree char *heading = NULL;

  self->name_mode = mode;
  self->edit_id = code ? mg_code_get_id (code) : 0;
  if (mode == NAME_NEW_SUBCODE)
    heading = g_strdup_printf (_("New Sub-code of “%s”"), mg_code_get_name (code));
  else if (mode == NAME_RENAME)
    heading = g_strdup_printf (_("Rename “%s”"), mg_code_get_name (code));
  gtk_label_set_label (self->name_heading, heading ? heading : _("New Code"));
  gtk_button_set_label (self->name_button, mode == NAME_RENAME ? _("_Rename") : _("_Create"));
  gtk_button_set_use_underline (self->name_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         mode == NAME_RENAME ? mg_code_get_name (code) : "");
  point_popover_at (self, self->name_popover,
                    mode == NAME_NEW ? GTK_WIDGET (self->new_button)
                                     : GTK_WIDGET (find_row (self, self->edit_id)));
  gtk_popover_popup (self->name_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

static void
on_name_entry_changed (MgCodesPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *name = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_button), *name != '\0');
}

/* A refused name keeps the popover open, so the user can correct it. */
static void
on_name_entry_activate (MgCodesPanel *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) added = NULL;
  gint64 select_id = self->edit_id;
  gboolean done;

  self->editing = TRUE;
  if (self->name_mode == NAME_RENAME)
    done = edit_rename (self, self->edit_id, name, &error);
  else
    {
      added = edit_add (self, name, self->name_mode == NAME_NEW ? 0 : self->edit_id, &error);
      done = added != NULL;
      select_id = added ? mg_code_get_id (added) : 0;
    }
  self->editing = FALSE;
  if (done)
    gtk_popover_popdown (self->name_popover);
  edit_done (self, done, error, select_id);
}

/* Keyboard work goes on where it was: on the selected code. */
static void
on_popover_closed (MgCodesPanel *self)
{
  GtkListBoxRow *row;

  /* Popovers close on their way out when the panel goes. */
  if (self->list_box == NULL)
    return;
  row = gtk_list_box_get_selected_row (self->list_box);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);

  if (g_str_equal (action_name, "codes.new-subcode") && code != NULL)
    ask_name (self, NAME_NEW_SUBCODE, code);
  else if (g_str_equal (action_name, "codes.new"))
    ask_name (self, NAME_NEW, NULL);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);

  if (code != NULL)
    ask_name (self, NAME_RENAME, code);
}

/* The colour popover: the palette, and any colour through the chooser. */

static void
recolour (MgCodesPanel *self,
          const char   *colour)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  self->editing = TRUE;
  done = edit_recolour (self, self->edit_id, colour, &error);
  self->editing = FALSE;
  edit_done (self, done, error, self->edit_id);
}

static void
on_palette_clicked (GtkButton    *button,
                    MgCodesPanel *self)
{
  const char *colour = g_object_get_data (G_OBJECT (button), "colour");

  gtk_popover_popdown (self->colour_popover);
  recolour (self, colour);
}

static void
build_palette (MgCodesPanel *self)
{
  for (guint i = 0; i < MG_CODE_PALETTE_SIZE; i++)
    {
      const char *colour = mg_code_palette_colour (i);
      GtkWidget *button = gtk_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), swatch_new (colour, 24));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, colour_name (colour));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      colour_name (colour), -1);
      g_object_set_data (G_OBJECT (button), "colour", (gpointer) colour);
      g_signal_connect (button, "clicked", G_CALLBACK (on_palette_clicked), self);
      gtk_grid_attach (self->palette_grid, button, i % PALETTE_COLUMNS, i / PALETTE_COLUMNS, 1, 1);
    }
}

/* Rings the code's colour in the palette, when it is one of the palette's. */
static void
mark_palette (MgCodesPanel *self,
              const char   *colour)
{
  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->palette_grid));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *swatch = gtk_button_get_child (GTK_BUTTON (button));
      const char *own = g_object_get_data (G_OBJECT (button), "colour");
      gboolean chosen = g_ascii_strcasecmp (own, colour) == 0;

      g_object_set_data (G_OBJECT (swatch), "chosen", GINT_TO_POINTER (chosen));
      gtk_widget_queue_draw (swatch);
    }
}

static void
colour_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);

  if (code == NULL)
    return;
  self->edit_id = mg_code_get_id (code);
  mark_palette (self, mg_code_get_colour (code));
  point_popover_at (self, self->colour_popover, GTK_WIDGET (find_row (self, self->edit_id)));
  gtk_popover_popup (self->colour_popover);
}

static void
on_custom_colour_response (GtkDialog    *dialog,
                           int           response,
                           MgCodesPanel *self)
{
  GdkRGBA rgba;
  g_autofree char *colour = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_OK)
    return;
  colour = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                            (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  recolour (self, colour);
}

static void
on_custom_colour_clicked (MgCodesPanel *self)
{
  MgCode *code = find_code (self, self->edit_id);
  GtkWidget *dialog;
  GdkRGBA rgba;

  gtk_popover_popdown (self->colour_popover);
  if (code == NULL)
    return;
  dialog = gtk_color_chooser_dialog_new (_("Colour of the Code"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  if (gdk_rgba_parse (&rgba, mg_code_get_colour (code)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_custom_colour_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The description popover. */

static void
describe_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);
  const char *description;
  g_autofree char *heading = NULL;

  if (code == NULL)
    return;
  self->edit_id = mg_code_get_id (code);
  description = mg_code_get_description (code);
  heading = g_strdup_printf (_("Description of “%s”"), mg_code_get_name (code));
  gtk_label_set_label (self->description_heading, heading);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description ? description : "", -1);
  point_popover_at (self, self->description_popover, GTK_WIDGET (find_row (self, self->edit_id)));
  gtk_popover_popup (self->description_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->description_view));
}

static void
on_description_save (MgCodesPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  gboolean done;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  self->editing = TRUE;
  done = edit_describe (self, self->edit_id, *text != '\0' ? text : NULL, &error);
  self->editing = FALSE;
  if (done)
    gtk_popover_popdown (self->description_popover);
  edit_done (self, done, error, self->edit_id);
}

/* Ctrl+Enter saves; a plain Enter starts a new line of the description. */
static gboolean
on_description_key (MgCodesPanel          *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      on_description_save (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Moving in the tree from the keyboard. */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);
  guint position;
  gint64 parent_id;

  /* Alt+arrows typed in a popover's entry bubble up to here: they are not meant for us. */
  if (code == NULL || popover_open (self))
    return;
  position = mg_code_get_position (code);
  parent_id = mg_code_get_parent_id (code);
  if (g_str_equal (action_name, "codes.move-up") && position > 0)
    move_code (self, mg_code_get_id (code), parent_id, position - 1);
  else if (g_str_equal (action_name, "codes.move-down"))
    move_code (self, mg_code_get_id (code), parent_id, position + 1);
}

static void
indent_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);
  MgCode *previous = code ? previous_sibling (self, code) : NULL;

  if (previous == NULL || popover_open (self))
    return;
  move_code (self, mg_code_get_id (code), mg_code_get_id (previous), G_MAXUINT);
}

/* Up one level, just after the code that was its parent. */
static void
outdent_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);
  MgCode *parent = code ? find_code (self, mg_code_get_parent_id (code)) : NULL;

  if (parent == NULL || popover_open (self))
    return;
  move_code (self, mg_code_get_id (code), mg_code_get_parent_id (parent),
             mg_code_get_position (parent) + 1);
}

/* Deleting: at once for an unused code, after a question for one that passages carry. */

static void
delete_code (MgCodesPanel *self,
             MgCode       *code,
             gint64        reassign_to)
{
  g_autoptr(MgCode) kept = g_object_ref (code);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  self->editing = TRUE;
  done = edit_delete (self, mg_code_get_id (kept), reassign_to, &error);
  self->editing = FALSE;
  if (!edit_done (self, done, error, 0))
    return;
  if (self->history != NULL)
    /* Translators: said after a code is deleted; Ctrl+Z brings it back. */
    message = g_strdup_printf (_("Deleted the code “%s”. Press Ctrl+Z to undo."),
                               mg_code_get_name (kept));
  else
    message = g_strdup_printf (_("Deleted the code “%s”"), mg_code_get_name (kept));
  tell (self, message);
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  indent)
{
  MgCode *code = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);

  gtk_widget_set_margin_start (box, indent ? (int) mg_code_get_depth (code) * INDENT : 0);
  swatch_set_colour (swatch, mg_code_get_colour (code));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (swatch)), mg_code_get_name (code));
}

static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  indent)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_box_append (GTK_BOX (box), swatch_new (NULL, 14));
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static GtkListItemFactory *
choice_factory_new (gboolean indent)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (indent));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), GINT_TO_POINTER (indent));
  return factory;
}

static gboolean
is_other_code (gpointer item,
               gpointer user_data)
{
  return mg_code_get_id (item) != mg_code_get_id (user_data);
}

/* The codes the passages may move to, shown as the tree; the parent chosen first, since a
 * sub-code's passages most often belong to its broader code. */
static GtkWidget *
target_choice_new (MgCodesPanel *self,
                   MgCode       *code)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (is_other_code, g_object_ref (code),
                                                   g_object_unref);
  GListModel *others = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (self->codes),
                                                                GTK_FILTER (filter)));
  GtkWidget *choice = gtk_drop_down_new (others, NULL);
  g_autoptr(GtkListItemFactory) button_factory = choice_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = choice_factory_new (TRUE);

  gtk_drop_down_set_factory (GTK_DROP_DOWN (choice), button_factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (choice), list_factory);
  for (guint i = 0; i < g_list_model_get_n_items (others); i++)
    {
      g_autoptr(MgCode) other = g_list_model_get_item (others, i);

      if (mg_code_get_id (other) == mg_code_get_parent_id (code))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), i);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Code to move the passages to"), -1);
  return choice;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MgCodesPanel     *self)
{
  MgCode *code = g_object_get_data (G_OBJECT (dialog), "code");
  GtkWidget *choice = g_object_get_data (G_OBJECT (dialog), "choice");
  MgCode *target = choice ? gtk_drop_down_get_selected_item (GTK_DROP_DOWN (choice)) : NULL;

  if (!g_str_equal (response, "delete") || target == NULL)
    return;
  delete_code (self, code, mg_code_get_id (target));
}

static GtkWidget *
delete_dialog_body (MgCodesPanel *self,
                    MgCode       *code,
                    GtkWidget   **out_choice)
{
  guint count = mg_code_get_passage_count (code);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (ngettext ("_Move the passage to",
                                                            "_Move the passages to", count));

  *out_choice = target_choice_new (self, code);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), *out_choice);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), *out_choice);
  return box;
}

/* Says how many passages carry the code and what happens to them and to its sub-codes. */
static char *
delete_question (MgCodesPanel *self,
                 MgCode       *code,
                 gboolean      others)
{
  guint count = mg_code_get_passage_count (code);
  g_autofree char *passages = NULL;

  if (others)
    passages = g_strdup_printf (ngettext ("%'u passage carries this code. Choose the code it "
                                          "will carry instead; the passage stays where it is.",
                                          "%'u passages carry this code. Choose the code they "
                                          "will carry instead; the passages stay where they are.",
                                          count), count);
  else
    passages = g_strdup_printf (ngettext ("%'u passage carries this code, and there is no other "
                                          "code to move it to. Create one first.",
                                          "%'u passages carry this code, and there is no other "

                                          "code to move them to. Create one first.", count),
                                count);
  /* The store lifts the sub-codes into the deleted code's place. */
  if (count_children (self, mg_code_get_id (code)) == 0)
    return g_steal_pointer (&passages);
  return g_strconcat (passages, " ", _("Its sub-codes move up one level."), NULL);
}

static void
ask_delete (MgCodesPanel *self,
            MgCode       *code)
{
  gboolean others = g_list_model_get_n_items (self->codes) > 1;
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), mg_code_get_name (code));
  g_autofree char *body = delete_question (self, code, others);
  GtkWidget *choice = NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (others)
    {
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                          delete_dialog_body (self, code, &choice));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "code", g_object_ref (code), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "choice", choice);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  MgCode *code = selected_code (self);

  if (code == NULL || popover_open (self))
    return;
  if (mg_code_get_passage_count (code) > 0)
    ask_delete (self, code);
  else
    delete_code (self, code, 0);
}

/* The context menu: right-click, Shift+F10 and the Menu key. */

static void
popup_menu_at (MgCodesPanel  *self,
               GtkListBoxRow *row,
               double         x,
               double         y)
{
  graphene_point_t point;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (row == NULL)
    return;
  gtk_list_box_select_row (self->list_box, row);
  if (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT (x, y), &point))
    {
      rect.x = (int) point.x;
      rect.y = (int) point.y;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                MgCodesPanel    *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);
  graphene_point_t point;

  if (row != NULL && gtk_widget_compute_point (GTK_WIDGET (self->list_box), GTK_WIDGET (row),
                                               &GRAPHENE_POINT_INIT (x, y), &point))
    popup_menu_at (self, row, point.x, point.y);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row != NULL)
    popup_menu_at (self, row, 24, gtk_widget_get_height (GTK_WIDGET (row)));
}

static void
on_row_activated (MgCodesPanel  *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[CODE_ACTIVATED], 0, row_code (row));
}

static void
on_row_selected (MgCodesPanel *self)
{
  update_actions (self);
}

/* Drag and drop: the middle of a row makes the dragged code its child; its upper or lower
 * quarter puts it before or after as a sibling. */

static DropPlace
drop_place_at (MgCodesPanel   *self,
               double          y,
               GtkListBoxRow **out_row)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (self->list_box, (int) y);
  graphene_rect_t bounds;
  double fraction;

  *out_row = row;
  if (row == NULL)
    return DROP_NONE;
  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list_box), &bounds))
    return DROP_INTO;
  fraction = (y - bounds.origin.y) / MAX (bounds.size.height, 1);
  if (fraction < 0.25)
    return DROP_BEFORE;
  return fraction > 0.75 ? DROP_AFTER : DROP_INTO;
}

/* Where a drop puts the code: its new parent and its index among the new siblings. Below
 * an open branch, "after" means first child, where the line is drawn; below the last row,
 * the end of the top level. */
static void
drop_destination (MgCodesPanel *self,
                  MgCode       *dragged,
                  MgCode       *target,
                  DropPlace     place,
                  gint64       *out_parent_id,
                  guint        *out_position)
{
  guint position = target ? mg_code_get_position (target) : G_MAXUINT;
  gboolean open = target && count_children (self, mg_code_get_id (target)) > 0;

  *out_parent_id = target ? mg_code_get_parent_id (target) : 0;
  if (place == DROP_INTO || (place == DROP_AFTER && open))
    {
      *out_parent_id = mg_code_get_id (target);
      *out_position = place == DROP_INTO ? G_MAXUINT : 0;
      return;
    }
  if (place == DROP_AFTER)
    position++;
  /* The store counts positions without the moved code in them. */
  if (dragged && target && mg_code_get_parent_id (dragged) == *out_parent_id
      && mg_code_get_position (dragged) < position)
    position--;
  *out_position = position;
}

static void
set_drop_indicator (MgCodesPanel  *self,
                    GtkListBoxRow *row,
                    DropPlace      place)
{
  if (row != NULL && place == DROP_INTO)
    gtk_list_box_drag_highlight_row (self->list_box, row);
  else
    gtk_list_box_drag_unhighlight_row (self->list_box);
  self->drop_row = row;
  self->drop_place = place;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static MgCode *
dragged_code (GtkDropTarget *target,
              MgCodesPanel  *self)
{
  const GValue *value = gtk_drop_target_get_value (target);

  return value && G_VALUE_HOLDS_INT64 (value) ? find_code (self, g_value_get_int64 (value))
                                              : NULL;
}

/* A code cannot go into its own branch: such a place shows no mark and takes no drop. */
static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                MgCodesPanel  *self)
{
  MgCode *dragged = dragged_code (target, self);
  GtkListBoxRow *row;
  DropPlace place = drop_place_at (self, y, &row);
  gint64 parent_id = 0;
  guint position;

  if (dragged != NULL)
    drop_destination (self, dragged, row_code (row), place, &parent_id, &position);
  if (dragged != NULL && (row_code (row) == dragged
                          || is_within (self, parent_id, mg_code_get_id (dragged))))
    {
      set_drop_indicator (self, NULL, DROP_NONE);
      return 0;
    }
  set_drop_indicator (self, row, place);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget *target,
               MgCodesPanel  *self)
{
  set_drop_indicator (self, NULL, DROP_NONE);
}

/* The store has the last word: a drop it refuses is told to the user. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MgCodesPanel  *self)
{
  MgCode *dragged = G_VALUE_HOLDS_INT64 (value) ? find_code (self, g_value_get_int64 (value))
                                                : NULL;
  GtkListBoxRow *row;
  DropPlace place = drop_place_at (self, y, &row);
  gint64 parent_id;
  guint position;

  set_drop_indicator (self, NULL, DROP_NONE);
  if (dragged == NULL || row_code (row) == dragged)
    return FALSE;
  drop_destination (self, dragged, row_code (row), place, &parent_id, &position);
  gtk_list_box_select_row (self->list_box, find_row (self, mg_code_get_id (dragged)));
  return move_code (self, mg_code_get_id (dragged), parent_id, position);
}

static void
setup_drop_target (MgCodesPanel *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (target));
}

/* The line that shows where a dragged code will land as a sibling, indented to its level. */
static void
mg_codes_panel_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MgCodesPanel *self = MG_CODES_PANEL (widget);
  GtkWidget *row = GTK_WIDGET (self->drop_row);
  MgCode *code = row_code (self->drop_row);
  graphene_rect_t bounds;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };
  gboolean open;
  double y, x;

  GTK_WIDGET_CLASS (mg_codes_panel_parent_class)->snapshot (widget, snapshot);
  if (row == NULL || (self->drop_place != DROP_BEFORE && self->drop_place != DROP_AFTER)
      || !gtk_widget_compute_bounds (row, widget, &bounds))
    return;
  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_bg_color",
                                  &accent);
  open = self->drop_place == DROP_AFTER && count_children (self, mg_code_get_id (code)) > 0;
  x = bounds.origin.x + (mg_code_get_depth (code) + (open ? 1 : 0)) * INDENT + 6;
  y = bounds.origin.y + (self->drop_place == DROP_AFTER ? bounds.size.height : 0);
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (x, y - 1, bounds.size.width - x - 6, 2));
}

static void
on_history_changed (MgCodesPanel *self)
{
  /* Our own edits reload once they are done; this is for undo, redo and tagging, which
   * change names, places and counts behind our back. */
  if (!self->editing)
    mg_codes_panel_reload (self);
}

/* The popovers hang from the panel itself, outside the template's tree of boxes. */
#define N_POPOVERS 4

static void
get_popovers (MgCodesPanel *self,
              GtkWidget    *popovers[N_POPOVERS])
{
  popovers[0] = GTK_WIDGET (self->context_menu);
  popovers[1] = GTK_WIDGET (self->name_popover);
  popovers[2] = GTK_WIDGET (self->colour_popover);
  popovers[3] = GTK_WIDGET (self->description_popover);
}

static void
mg_codes_panel_dispose (GObject *object)
{
  MgCodesPanel *self = MG_CODES_PANEL (object);
  GtkWidget *popovers[N_POPOVERS];

  get_popovers (self, popovers);
  for (gsize i = 0; i < N_POPOVERS; i++)
    if (popovers[i] != NULL)
      gtk_widget_unparent (popovers[i]);
  self->drop_row = NULL;
  /* Rows leave while the list box is still ours: each takes the selection with it. */
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_CODES_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->codes);

  G_OBJECT_CLASS (mg_codes_panel_parent_class)->dispose (object);
}

static void
install_signals (GObjectClass *klass)
{
  /**
   * MgCodesPanel::code-activated:
   * @code: the code chosen (double-click or Enter on its row)
   *
   * The window tags the reader's selection with it.
   */
  signals[CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_CODE);
  /**
   * MgCodesPanel::codes-changed:
   *
   * The user edited the codebook here: names, colours, the tree or the keys may differ.
   */
  signals[CODES_CHANGED] =
    g_signal_new ("codes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MgCodesPanel::message:
   * @text: what to tell the user (a refusal of the store, a deletion)
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "codes.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "codes.new-subcode", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "codes.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "codes.colour", NULL, colour_action);
  gtk_widget_class_install_action (widget_class, "codes.describe", NULL, describe_action);
  gtk_widget_class_install_action (widget_class, "codes.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "codes.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "codes.indent", NULL, indent_action);
  gtk_widget_class_install_action (widget_class, "codes.outdent", NULL, outdent_action);
  gtk_widget_class_install_action (widget_class, "codes.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "codes.menu", NULL, menu_action);
}

static void
add_bindings (GtkWidgetClass *widget_class)
{
  const struct
  {
    guint keyval;
    GdkModifierType modifiers;
    const char *action;
  } bindings[] = {
    { GDK_KEY_n, GDK_CONTROL_MASK, "codes.new" },
    { GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "codes.new-subcode" },
    { GDK_KEY_F2, 0, "codes.rename" },
    { GDK_KEY_Up, GDK_ALT_MASK, "codes.move-up" },
    { GDK_KEY_Down, GDK_ALT_MASK, "codes.move-down" },
    { GDK_KEY_Right, GDK_ALT_MASK, "codes.indent" },
    { GDK_KEY_Left, GDK_ALT_MASK, "codes.outdent" },
    /* The last binding of an action is the one menus show. */
    { GDK_KEY_KP_Delete, 0, "codes.delete" },
    { GDK_KEY_Delete, 0, "codes.delete" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "codes.menu" },
    { GDK_KEY_Menu, 0, "codes.menu" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].keyval,
                                         bindings[i].modifiers, bindings[i].action, NULL);
}

static void
mg_codes_panel_class_init (MgCodesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_codes_panel_dispose;
  widget_class->snapshot = mg_codes_panel_snapshot;
  install_signals (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-codes-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, content);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, new_button);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, context_menu);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, name_popover);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, name_heading);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, name_button);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, colour_popover);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, palette_grid);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, description_popover);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, description_heading);
  gtk_widget_class_bind_template_child (widget_class, MgCodesPanel, description_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_colour_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_description_save);

  install_actions (widget_class);
  add_bindings (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codespanel");
}

static void
setup_list (MgCodesPanel *self)
{
  GtkGesture *right_click = gtk_gesture_click_new ();
  GtkEventController *description_keys = gtk_event_controller_key_new ();

  /* A single click selects a code to edit; tagging the reader's selection with it takes a
   * double-click or Enter, so a click never tags by accident. */
  gtk_list_box_set_activate_on_single_click (self->list_box, FALSE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (right_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (right_click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (right_click));
  setup_drop_target (self);
  g_signal_connect_swapped (description_keys, "key-pressed", G_CALLBACK (on_description_key),
                            self);
  gtk_widget_add_controller (GTK_WIDGET (self->description_view), description_keys);
}

static void
mg_codes_panel_init (MgCodesPanel *self)
{
  GtkWidget *popovers[N_POPOVERS];

  gtk_widget_init_template (GTK_WIDGET (self));
  get_popovers (self, popovers);
  for (gsize i = 0; i < N_POPOVERS; i++)
    gtk_widget_set_parent (popovers[i], GTK_WIDGET (self));
  g_signal_connect_swapped (self->colour_popover, "closed", G_CALLBACK (on_popover_closed), self);
  g_signal_connect_swapped (self->description_popover, "closed",
                            G_CALLBACK (on_popover_closed), self);
  build_palette (self);
  setup_list (self);
  show_codes (self, NULL);
}

void
mg_codes_panel_set_store (MgCodesPanel *self,
                          MgStore      *store)
{
  g_return_if_fail (MG_IS_CODES_PANEL (self));

  if (g_set_object (&self->store, store))
    mg_codes_panel_reload (self);
}

/**
 * mg_codes_panel_set_history:
 * @history: (nullable): the session's history, through which every edit goes
 *
 * With a history, Ctrl+Z undoes the panel's edits, and the panel shows what undo, redo and
 * tagging change (names, places, passage counts).
 */
void
mg_codes_panel_set_history (MgCodesPanel *self,
                            MgHistory    *history)
{
  g_return_if_fail (MG_IS_CODES_PANEL (self));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (!g_set_object (&self->history, history) || history == NULL)
    return;
  g_signal_connect_object (history, "changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * mg_codes_panel_get_codes:
 *
 * Returns: (transfer none) (nullable): the codes listed, in display order
 */
GListModel *
mg_codes_panel_get_codes (MgCodesPanel *self)
{
  g_return_val_if_fail (MG_IS_CODES_PANEL (self), NULL);
  return self->codes;
}

/**
 * mg_codes_panel_get_selected_code:
 *
 * Returns: (transfer none) (nullable): the code whose row is selected
 */
MgCode *
mg_codes_panel_get_selected_code (MgCodesPanel *self)
{
  g_return_val_if_fail (MG_IS_CODES_PANEL (self), NULL);
  return selected_code (self);
}

/**
 * mg_codes_panel_select_code:
 *
 * Selects the code's row, as a click does; the panel's actions then act on it.
 *
 * Returns: %TRUE when the code is listed
 */
gboolean
mg_codes_panel_select_code (MgCodesPanel *self,
                            gint64        code_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MG_IS_CODES_PANEL (self), FALSE);

  row = find_row (self, code_id);
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  return row != NULL;
}
