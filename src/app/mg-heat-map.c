/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A heat map of an MgAnalysisMatrix: one square per cell in its row's code colour, stronger
 * the higher the count, the count written in it; row labels on the left, column labels
 * slanted above. A click on a cell emits ::cell-activated with its row and column. */
#include "config.h"

#include "mg-heat-map.h"

#include <glib/gi18n.h>

#include "mg-chart-export.h"

#define CELL 26
#define LABEL_WIDTH 200
#define TOP 130
#define PADDING 8

struct _MgHeatMap
{
  GtkWidget parent_instance;

  MgAnalysisMatrix *matrix;
  char *title;
  graphene_rect_t area;   /* what draw_map() draws: the part in view, or all for a file */
  GtkAdjustment *adjustments[2];
  /* The cell the keyboard is on: arrows move it, Enter or space opens it as a click does. */
  guint focus_row;
  guint focus_column;
};

G_DEFINE_FINAL_TYPE (MgHeatMap, mg_heat_map, GTK_TYPE_WIDGET)

enum {
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_rows (MgHeatMap *self)
{
  return self->matrix != NULL ? self->matrix->rows->len : 0;
}

static guint
n_columns (MgHeatMap *self)
{
  return self->matrix != NULL ? self->matrix->columns->len : 0;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             int         width,
             const char *font_name)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (font_name);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (font);
  return layout;
}

/* The rows and columns that meet the area drawn, end exclusive. */
static void
visible_range (MgHeatMap *self,
               guint     *first_row,
               guint     *end_row,
               guint     *first_column,
               guint     *end_column)
{
  const graphene_rect_t *area = &self->area;
  double top = area->origin.y - TOP, left = area->origin.x - LABEL_WIDTH;

  *first_row = (guint) CLAMP (top / CELL, 0, n_rows (self));
  *end_row = (guint) CLAMP ((top + area->size.height) / CELL + 1, 0, n_rows (self));
  /* Column labels lean right over the next columns: start a few columns early. */
  *first_column = (guint) CLAMP (left / CELL - TOP / CELL, 0, n_columns (self));
  *end_column = (guint) CLAMP ((left + area->size.width) / CELL + 1, 0, n_columns (self));
}

/* The row labels stay at the left edge of the view and the column labels at its top while
 * the map scrolls under them, on the window's background: in a map of a thousand documents
 * a cell far to the right still shows which code it is. A file gets the whole map, where
 * the area starts at 0 and nothing moves. */
static void
draw_row_labels (MgHeatMap            *self,
                 cairo_t              *cr,
                 guint                 first_row,
                 guint                 end_row,
                 const MgChartColours *colours)
{
  double left = self->area.origin.x, top = self->area.origin.y;

  if (left > 0 || top > 0)
    {
      /* The label column, and the corner above it, over the scrolled cells and headings. */
      gdk_cairo_set_source_rgba (cr, &colours->background);
      cairo_rectangle (cr, left, top, LABEL_WIDTH, self->area.size.height);
      cairo_rectangle (cr, left, top, LABEL_WIDTH + PADDING, TOP);
      cairo_fill (cr);
    }
  cairo_save (cr);
  /* A row scrolled up under the column headings keeps its label there too. */
  cairo_rectangle (cr, left, top + TOP, LABEL_WIDTH, self->area.size.height);
  cairo_clip (cr);
  gdk_cairo_set_source_rgba (cr, &colours->text);
  for (guint i = first_row; i < end_row; i++)
    {
      MgMatrixAxis *row = g_ptr_array_index (self->matrix->rows, i);
      PangoLayout *layout = make_layout (cr, row->label, LABEL_WIDTH - PADDING, "Sans 9");

      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, left, TOP + i * CELL + 5);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  cairo_restore (cr);
}

static void
draw_column_labels (MgHeatMap            *self,
                    cairo_t              *cr,
                    guint                 first_column,
                    guint                 end_column,
                    const MgChartColours *colours)
{
  double top = self->area.origin.y;

  if (top > 0)
    {
      gdk_cairo_set_source_rgba (cr, &colours->background);
      cairo_rectangle (cr, self->area.origin.x, top, self->area.size.width, TOP);
      cairo_fill (cr);
    }
  gdk_cairo_set_source_rgba (cr, &colours->text);
  for (guint j = first_column; j < end_column; j++)
    {
      MgMatrixAxis *column = g_ptr_array_index (self->matrix->columns, j);
      PangoLayout *layout = make_layout (cr, column->label, TOP * 1.3, "Sans 9");

      /* Slanted up and to the right from the column's foot, as spreadsheets set them. */
      cairo_save (cr);
      cairo_translate (cr, LABEL_WIDTH + j * CELL + CELL / 2.0 - 4, top + TOP - 4);
      cairo_rotate (cr, -G_PI / 3);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      g_object_unref (layout);
    }
}

static void
draw_cell (MgHeatMap            *self,
           cairo_t              *cr,
           guint                 i,
           guint                 j,
           const MgChartColours *colours)
{
  MgMatrixAxis *row = g_ptr_array_index (self->matrix->rows, i);
  guint count = mg_analysis_matrix_get (self->matrix, i, j);
  double x = LABEL_WIDTH + j * CELL, y = TOP + i * CELL;
  GdkRGBA colour = { 0.47f, 0.46f, 0.48f, 1 };

  if (row->colour != NULL)
    gdk_rgba_parse (&colour, row->colour);
  if (count > 0)
    {
      colour.alpha = 0.15f + 0.85f * count / MAX (self->matrix->max, 1);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, x, y, CELL, CELL);
      cairo_fill (cr);
    }
  gdk_cairo_set_source_rgba (cr, &colours->grid);
  cairo_rectangle (cr, x + 0.5, y + 0.5, CELL - 1, CELL - 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  if (count > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", count);
      PangoLayout *layout = make_layout (cr, text, CELL, "Sans 7");
      int w, h;

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &colours->text);
      cairo_move_to (cr, x, y + (CELL - h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static void
draw_map (cairo_t              *cr,
          int                   width,
          int                   height,
          const MgChartColours *colours,
          gpointer              user_data)
{
  MgHeatMap *self = MG_HEAT_MAP (user_data);
  guint first_row, end_row, first_column, end_column;

  if (self->matrix == NULL)
    return;
  visible_range (self, &first_row, &end_row, &first_column, &end_column);
  for (guint i = first_row; i < end_row; i++)
    for (guint j = first_column; j < end_column; j++)
      draw_cell (self, cr, i, j, colours);
  draw_column_labels (self, cr, first_column, end_column, colours);
  draw_row_labels (self, cr, first_row, end_row, colours);
}

static int
map_width (MgHeatMap *self)
{
  return LABEL_WIDTH + n_columns (self) * CELL + TOP;
}

static int
map_height (MgHeatMap *self)
{
  return TOP + n_rows (self) * CELL + PADDING;
}

static void
set_whole_area (MgHeatMap *self)
{
  graphene_rect_init (&self->area, 0, 0, map_width (self), map_height (self));
}

static void
on_scrolled (MgHeatMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Follows the scrolled window the map sits in (directly, through its viewport), to draw
 * only what is in view. */
static void
watch_scrolling (MgHeatMap *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *h, *v;

  if (scrolled == NULL)
    return;
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (self->adjustments[0] == h && self->adjustments[1] == v)
    return;
  for (int i = 0; i < 2; i++)
    {
      GtkAdjustment *adjustment = i == 0 ? h : v;

      if (self->adjustments[i] != NULL)
        g_signal_handlers_disconnect_by_func (self->adjustments[i], on_scrolled, self);
      g_set_object (&self->adjustments[i], adjustment);
      g_signal_connect_swapped (self->adjustments[i], "value-changed", G_CALLBACK (on_scrolled),
                                self);
    }
}

/* Only the cells in view are drawn: a matrix over a thousand documents is tens of thousands
 * of pixels wide, more than one cairo surface may hold. */
static void
mg_heat_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MgHeatMap *self = MG_HEAT_MAP (widget);
  MgChartColours colours;
  graphene_rect_t whole;
  cairo_t *cr;

  if (self->matrix == NULL)
    return;
  watch_scrolling (self);
  set_whole_area (self);
  whole = self->area;
  if (self->adjustments[0] != NULL)
    {
      graphene_rect_t view;

      graphene_rect_init (&view, gtk_adjustment_get_value (self->adjustments[0]),
                          gtk_adjustment_get_value (self->adjustments[1]),
                          gtk_adjustment_get_page_size (self->adjustments[0]),
                          gtk_adjustment_get_page_size (self->adjustments[1]));
      if (!graphene_rect_intersection (&whole, &view, &self->area))
        return;
    }
  mg_chart_colours_for_widget (widget, &colours);
  cr = gtk_snapshot_append_cairo (snapshot, &self->area);
  draw_map (cr, map_width (self), map_height (self), &colours, self);
  /* The focus mark, on screen only (draw_map() also draws the files). */
  if (gtk_widget_has_focus (widget) && n_rows (self) > 0 && n_columns (self) > 0)
    {
      gdk_cairo_set_source_rgba (cr, &colours.text);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, LABEL_WIDTH + self->focus_column * CELL + 1,
                       TOP + self->focus_row * CELL + 1, CELL - 2, CELL - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
mg_heat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MgHeatMap *self = MG_HEAT_MAP (widget);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? map_width (self)
                                                                  : map_height (self);
}

/**
 * mg_heat_map_cell_at:
 *
 * Returns: %TRUE when (@x, @y) is on a cell, with its row and column set
 */
gboolean
mg_heat_map_cell_at (MgHeatMap *self,
                     double     x,
                     double     y,
                     guint     *out_row,
                     guint     *out_column)
{
  g_return_val_if_fail (MG_IS_HEAT_MAP (self), FALSE);

  /* Under the labels that stay in view while the map scrolls: no cell. */
  if (x < self->area.origin.x + LABEL_WIDTH || y < self->area.origin.y + TOP)
    return FALSE;
  *out_row = (guint) ((y - TOP) / CELL);
  *out_column = (guint) ((x - LABEL_WIDTH) / CELL);
  return *out_row < n_rows (self) && *out_column < n_columns (self);
}

static char *
describe_cell (MgHeatMap *self,
               guint      row,
               guint      column)
{
  return g_strdup_printf ("%s × %s: %u",
                          ((MgMatrixAxis *) g_ptr_array_index (self->matrix->rows, row))->label,
                          ((MgMatrixAxis *) g_ptr_array_index (self->matrix->columns, column))->label,
                          mg_analysis_matrix_get (self->matrix, row, column));
}

/* Scrolls @value so that [start, start + size) shows in the part of the page not under the
 * labels that stay in view (@covered pixels of it). */
static void
scroll_to_show (GtkAdjustment *adjustment,
                double         start,
                double         size,
                double         covered)
{
  double value, page;

  if (adjustment == NULL)
    return;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (start - covered < value)
    gtk_adjustment_set_value (adjustment, start - covered);
  else if (start + size > value + page)
    gtk_adjustment_set_value (adjustment, start + size - page);
}

/* Puts the keyboard's mark on a cell: drawn, scrolled into view and told to screen readers
 * as its tooltip reads. */
static void
focus_cell (MgHeatMap *self,
            guint      row,
            guint      column)
{
  g_autofree char *text = NULL;

  if (n_rows (self) == 0 || n_columns (self) == 0)
    return;
  self->focus_row = MIN (row, n_rows (self) - 1);
  self->focus_column = MIN (column, n_columns (self) - 1);
  watch_scrolling (self);
  scroll_to_show (self->adjustments[0], LABEL_WIDTH + self->focus_column * CELL, CELL,
                  LABEL_WIDTH);
  scroll_to_show (self->adjustments[1], TOP + self->focus_row * CELL, CELL, TOP);
  text = describe_cell (self, self->focus_row, self->focus_column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MgHeatMap       *self)
{
  guint row, column;

  if (mg_heat_map_cell_at (self, x, y, &row, &column))
    {
      focus_cell (self, row, column);
      g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, column);
    }
}

/* Keys are bound to these actions (see class_init), which tests can activate as keys do. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgHeatMap *self = MG_HEAT_MAP (widget);
  gint32 rows, columns;

  g_variant_get (parameter, "(ii)", &rows, &columns);
  focus_cell (self, (guint) CLAMP ((gint64) self->focus_row + rows, 0, G_MAXINT32),
              (guint) CLAMP ((gint64) self->focus_column + columns, 0, G_MAXINT32));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MgHeatMap *self = MG_HEAT_MAP (widget);

  if (n_rows (self) > 0 && n_columns (self) > 0)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, self->focus_row, self->focus_column);
}

static void
bind_move (GtkWidgetClass *widget_class,
           guint           keyval,
           guint           keypad_keyval,
           int             rows,
           int             columns)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "heat-map.move", "(ii)", rows,
                                       columns);
  if (keypad_keyval != 0)
    gtk_widget_class_add_binding_action (widget_class, keypad_keyval, 0, "heat-map.move",
                                         "(ii)", rows, columns);
}

static void
bind_keys (GtkWidgetClass *widget_class)
{
  const guint activate_keys[] = {
    GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_space, GDK_KEY_KP_Space,
  };

  gtk_widget_class_install_action (widget_class, "heat-map.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "heat-map.activate", NULL, activate_action);
  bind_move (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1, 0);
  bind_move (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 1, 0);
  bind_move (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, 0, -1);
  bind_move (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 0, 1);
  bind_move (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, -10, 0);
  bind_move (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, 10, 0);
  /* To the first and the last column: far enough for any matrix, clamped. */
  bind_move (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, 0, -G_MAXINT32);
  bind_move (widget_class, GDK_KEY_End, GDK_KEY_KP_End, 0, G_MAXINT32);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0,
                                         "heat-map.activate", NULL);
}

/**
 * mg_heat_map_get_focus_cell:
 * @out_row: (out): the row of the cell the keyboard is on
 * @out_column: (out): its column
 */
void
mg_heat_map_get_focus_cell (MgHeatMap *self,
                            guint     *out_row,
                            guint     *out_column)
{
  g_return_if_fail (MG_IS_HEAT_MAP (self));

  *out_row = self->focus_row;
  *out_column = self->focus_column;
}

static gboolean
on_query_tooltip (MgHeatMap  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  guint row, column;
  g_autofree char *text = NULL;

  if (keyboard && n_rows (self) > 0 && n_columns (self) > 0)
    {
      row = self->focus_row;
      column = self->focus_column;
    }
  else if (keyboard || !mg_heat_map_cell_at (self, x, y, &row, &column))
    return FALSE;
  text = describe_cell (self, row, column);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
mg_heat_map_dispose (GObject *object)
{
  MgHeatMap *self = MG_HEAT_MAP (object);

  g_clear_pointer (&self->matrix, mg_analysis_matrix_free);
  g_clear_pointer (&self->title, g_free);
  for (int i = 0; i < 2; i++)
    if (self->adjustments[i] != NULL)
      {
        g_signal_handlers_disconnect_by_func (self->adjustments[i], on_scrolled, self);
        g_clear_object (&self->adjustments[i]);
      }
  G_OBJECT_CLASS (mg_heat_map_parent_class)->dispose (object);
}

static void
mg_heat_map_class_init (MgHeatMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_heat_map_dispose;
  widget_class->snapshot = mg_heat_map_snapshot;
  widget_class->measure = mg_heat_map_measure;
  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  bind_keys (widget_class);

  /**
   * MgHeatMap::cell-activated:
   * @row: the matrix row of the cell clicked
   * @column: its column
   */
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mg_heat_map_init (MgHeatMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* The keyboard's way to the cells, which only a click reaches otherwise. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Heat map; the Table tab holds the same numbers"), -1);
}

GtkWidget *
mg_heat_map_new (void)
{
  return g_object_new (MG_TYPE_HEAT_MAP, NULL);
}

/**
 * mg_heat_map_set_matrix:
 * @matrix: (transfer full) (nullable): the counts to show
 * @title: the name exports suggest
 */
void
mg_heat_map_set_matrix (MgHeatMap        *self,
                        MgAnalysisMatrix *matrix,
                        const char       *title)
{
  g_return_if_fail (MG_IS_HEAT_MAP (self));

  g_clear_pointer (&self->matrix, mg_analysis_matrix_free);
  self->matrix = matrix;
  g_free (self->title);
  self->title = g_strdup (title);
  /* The keyboard's mark stays where it was when the new counts still have that cell. */
  self->focus_row = MIN (self->focus_row, MAX (n_rows (self), 1) - 1);
  self->focus_column = MIN (self->focus_column, MAX (n_columns (self), 1) - 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

MgAnalysisMatrix *
mg_heat_map_get_matrix (MgHeatMap *self)
{
  g_return_val_if_fail (MG_IS_HEAT_MAP (self), NULL);
  return self->matrix;
}

/* Files get the whole map, whatever part is in view. */
static void
draw_whole_map (cairo_t              *cr,
                int                   width,
                int                   height,
                const MgChartColours *colours,
                gpointer              user_data)
{
  set_whole_area (MG_HEAT_MAP (user_data));
  draw_map (cr, width, height, colours, user_data);
}

gboolean
mg_heat_map_save (MgHeatMap  *self,
                  GFile      *file,
                  GError    **error)
{
  return mg_chart_export (file, map_width (self), map_height (self), draw_whole_map, self,
                          error);
}

/**
 * mg_heat_map_export:
 * @extension: "png" or "svg"
 */
void
mg_heat_map_export (MgHeatMap  *self,
                    const char *extension)
{
  g_autofree char *name = NULL;

  if (self->matrix == NULL)
    return;
  name = g_strdup_printf ("%s.%s", self->title != NULL ? self->title : "heat-map", extension);
  g_strdelimit (name, "/\\:", '-');
  mg_chart_export_ask (GTK_WIDGET (self), name, map_width (self), map_height (self),
                       draw_whole_map);
}
