/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A horizontal bar chart of one number column of an MgTable: one bar per row in the row's
 * (code's) colour, the label on the left, the value at the bar's end, text in the theme's
 * colour. A click on a bar emits ::bar-activated with the row; so do Enter and space on the
 * bar the keyboard is on (the arrows move it). */
#include "config.h"

#include "mg-bar-chart.h"

#include <glib/gi18n.h>

#include "mg-chart-export.h"

#define ROW_HEIGHT 24
#define PADDING 8
#define LABEL_WIDTH 220
#define VALUE_WIDTH 70
#define EXPORT_WIDTH 760

struct _MgBarChart
{
  GtkWidget parent_instance;

  MgTable *table;
  guint label_column;
  guint value_column;
  guint focus_row;    /* the bar the keyboard is on */
};

G_DEFINE_FINAL_TYPE (MgBarChart, mg_bar_chart, GTK_TYPE_WIDGET)

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_rows (MgBarChart *self)
{
  return self->table != NULL ? mg_table_get_n_rows (self->table) : 0;
}

static void
draw_text (cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           int            width,
           gboolean       right_aligned,
           const GdkRGBA *colour)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  int text_width, text_height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, right_aligned ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_move_to (cr, x, y + (ROW_HEIGHT - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
draw_bars (cairo_t              *cr,
           int                   width,
           int                   height,
           const MgChartColours *colours,
           gpointer              user_data)
{
  MgBarChart *self = MG_BAR_CHART (user_data);
  double bar_space = MAX (width - LABEL_WIDTH - VALUE_WIDTH - 3 * PADDING, 10);
  gint64 max = 1;

  for (guint i = 0; i < n_rows (self); i++)
    max = MAX (max, mg_table_get_number (self->table, i, self->value_column));
  for (guint i = 0; i < n_rows (self); i++)
    {
      gint64 value = mg_table_get_number (self->table, i, self->value_column);
      double y = PADDING + i * ROW_HEIGHT;
      double length = bar_space * value / max;
      double x = LABEL_WIDTH + 2 * PADDING;
      GdkRGBA colour = { 0.47f, 0.46f, 0.48f, 1 };
      const char *code_colour = mg_table_get_colour (self->table, i);

      if (code_colour != NULL)
        gdk_rgba_parse (&colour, code_colour);
      draw_text (cr, mg_table_get_text (self->table, i, self->label_column), PADDING, y,
                 LABEL_WIDTH, TRUE, &colours->text);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, x, y + 4, MAX (length, value > 0 ? 2 : 0), ROW_HEIGHT - 8);
      cairo_fill (cr);
      draw_text (cr, mg_table_get_text (self->table, i, self->value_column), x + length + 6, y,
                 VALUE_WIDTH, FALSE, &colours->text);
    }
}

static void
mg_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MgBarChart *self = MG_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  MgChartColours colours;
  cairo_t *cr;

  if (n_rows (self) == 0)
    return;
  mg_chart_colours_for_widget (widget, &colours);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_bars (cr, width, height, &colours, self);
  /* The focus mark, on screen only (draw_bars() also draws the files). */
  if (gtk_widget_has_focus (widget))
    {
      gdk_cairo_set_source_rgba (cr, &colours.text);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, PADDING / 2.0, PADDING + self->focus_row * ROW_HEIGHT + 1,
                       width - PADDING, ROW_HEIGHT - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static int
chart_height (MgBarChart *self)
{
  return 2 * PADDING + n_rows (self) * ROW_HEIGHT;
}

static void
mg_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MgBarChart *self = MG_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = LABEL_WIDTH + VALUE_WIDTH + 100;
      *natural = EXPORT_WIDTH;
    }
  else
    *minimum = *natural = chart_height (self);
}

/**
 * mg_bar_chart_row_at:
 * @y: a height in the widget
 *
 * Returns: the table row whose bar is at @y, or -1
 */
int
mg_bar_chart_row_at (MgBarChart *self,
                     double      y)
{
  int row;

  g_return_val_if_fail (MG_IS_BAR_CHART (self), -1);

  if (y < PADDING)
    return -1;
  row = (int) ((y - PADDING) / ROW_HEIGHT);
  return row < (int) n_rows (self) ? row : -1;
}

/* Puts the keyboard's mark on a bar: drawn, scrolled into view and told to screen readers
 * as "label: value". */
static void
focus_row (MgBarChart *self,
           guint       row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  g_autofree char *text = NULL;

  if (n_rows (self) == 0)
    return;
  self->focus_row = MIN (row, n_rows (self) - 1);
  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double top = PADDING + self->focus_row * ROW_HEIGHT;
      double value = gtk_adjustment_get_value (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);

      if (top < value)
        gtk_adjustment_set_value (adjustment, top - PADDING);
      else if (top + ROW_HEIGHT > value + page)
        gtk_adjustment_set_value (adjustment, top + ROW_HEIGHT + PADDING - page);
    }
  text = g_strdup_printf ("%s: %s",
                          mg_table_get_text (self->table, self->focus_row, self->label_column),
                          mg_table_get_text (self->table, self->focus_row, self->value_column));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mg_bar_chart_get_focus_row:
 *
 * Returns: the table row of the bar the keyboard is on
 */
guint
mg_bar_chart_get_focus_row (MgBarChart *self)
{
  g_return_val_if_fail (MG_IS_BAR_CHART (self), 0);

  return self->focus_row;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MgBarChart      *self)
{
  int row = mg_bar_chart_row_at (self, y);

  if (row >= 0)
    {
      focus_row (self, (guint) row);
      g_signal_emit (self, signals[BAR_ACTIVATED], 0, (guint) row);
    }
}

/* Keys are bound to these actions (see class_init), which tests can activate as keys do. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgBarChart *self = MG_BAR_CHART (widget);

  focus_row (self, (guint) CLAMP ((gint64) self->focus_row + g_variant_get_int32 (parameter), 0,
                                  G_MAXINT32));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MgBarChart *self = MG_BAR_CHART (widget);

  if (n_rows (self) > 0)
    g_signal_emit (self, signals[BAR_ACTIVATED], 0, self->focus_row);
}

static void
bind_keys (GtkWidgetClass *widget_class)
{
  /* Up and Left go to the bar before, Down and Right to the next; Home and End to the ends
   * (far enough for any chart, clamped). */
  const struct { guint keyval; int rows; } moves[] = {
    { GDK_KEY_Up, -1 }, { GDK_KEY_KP_Up, -1 }, { GDK_KEY_Left, -1 }, { GDK_KEY_KP_Left, -1 },
    { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Down, 1 }, { GDK_KEY_Right, 1 }, { GDK_KEY_KP_Right, 1 },
    { GDK_KEY_Page_Up, -10 }, { GDK_KEY_Page_Down, 10 },
    { GDK_KEY_Home, -G_MAXINT32 }, { GDK_KEY_KP_Home, -G_MAXINT32 },
    { GDK_KEY_End, G_MAXINT32 }, { GDK_KEY_KP_End, G_MAXINT32 },
  };
  const guint activate_keys[] = {
    GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_space, GDK_KEY_KP_Space,
  };

  gtk_widget_class_install_action (widget_class, "bar-chart.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "bar-chart.activate", NULL, activate_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].keyval, 0, "bar-chart.move",
                                         "i", moves[i].rows);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0,
                                         "bar-chart.activate", NULL);
}

static void
mg_bar_chart_dispose (GObject *object)
{
  g_clear_object (&MG_BAR_CHART (object)->table);
  G_OBJECT_CLASS (mg_bar_chart_parent_class)->dispose (object);
}

static void
mg_bar_chart_class_init (MgBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_bar_chart_dispose;
  widget_class->snapshot = mg_bar_chart_snapshot;
  widget_class->measure = mg_bar_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  bind_keys (widget_class);

  /**
   * MgBarChart::bar-activated:
   * @row: the table row of the bar clicked
   */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mg_bar_chart_init (MgBarChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* The keyboard's way to the bars, as well as the table beside the chart. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bar chart; the table beside it holds the same numbers"),
                                  -1);
}

GtkWidget *
mg_bar_chart_new (void)
{
  return g_object_new (MG_TYPE_BAR_CHART, NULL);
}

/**
 * mg_bar_chart_set_table:
 * @table: (nullable): the rows to chart
 * @label_column: the text column naming each bar
 * @value_column: the number column the bars show
 */
void
mg_bar_chart_set_table (MgBarChart *self,
                        MgTable    *table,
                        guint       label_column,
                        guint       value_column)
{
  g_return_if_fail (MG_IS_BAR_CHART (self));

  g_set_object (&self->table, table);
  self->label_column = label_column;
  self->value_column = value_column;
  self->focus_row = MIN (self->focus_row, MAX (n_rows (self), 1) - 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
mg_bar_chart_set_value_column (MgBarChart *self,
                               guint       value_column)
{
  g_return_if_fail (MG_IS_BAR_CHART (self));

  self->value_column = value_column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mg_bar_chart_save:
 * @file: a ".png" or ".svg" file
 *
 * Returns: %TRUE when the chart was written, otherwise %FALSE with @error set
 */
gboolean
mg_bar_chart_save (MgBarChart  *self,
                   GFile       *file,
                   GError     **error)
{
  return mg_chart_export (file, EXPORT_WIDTH, chart_height (self), draw_bars, self, error);
}

/**
 * mg_bar_chart_export:
 * @extension: "png" or "svg"
 *
 * Asks where to save the chart, then saves it.
 */
void
mg_bar_chart_export (MgBarChart *self,
                     const char *extension)
{
  g_autofree char *name = NULL;

  if (self->table == NULL)
    return;
  name = g_strdup_printf ("%s.%s", mg_table_get_title (self->table), extension);
  g_strdelimit (name, "/\\:", '-');
  mg_chart_export_ask (GTK_WIDGET (self), name, EXPORT_WIDTH, chart_height (self), draw_bars);
}
