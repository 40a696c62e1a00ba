/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts as SVG text, for the HTML report: it must open offline in any browser, so the
 * charts are inline markup, their labels escaped. The text takes the page's colour
 * (currentColor), so the charts read in a dark page too. The app draws the same charts with
 * cairo (mg-bar-chart, mg-heat-map); this is their portable twin. */
#include "mg-svg-chart.h"

#include <string.h>

#define BAR_HEIGHT 18
#define BAR_GAP 6
#define LABEL_WIDTH 220
#define BAR_WIDTH 420
#define CELL 16

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* The colours come from the library; anything but "#rrggbb" is not put into markup. */
static const char *
safe_colour (const char *colour)
{
  if (colour == NULL || colour[0] != '#' || strlen (colour) != 7)
    return "#77767b";
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return "#77767b";
  return colour;
}

/**
 * mg_svg_bar_chart:
 * @label_column: the column that names each bar
 * @value_column: a number column, the bars' lengths
 *
 * One horizontal bar per row, in the row's colour, its label on the left and its value at
 * its end.
 *
 * Returns: (transfer full): a standalone `<svg>` element
 */
char *
mg_svg_bar_chart (MgTable *table,
                  guint    label_column,
                  guint    value_column)
{
  GString *out = g_string_new (NULL);
  guint n = mg_table_get_n_rows (table);
  gint64 max = 1;
  guint height = n * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;

  for (guint i = 0; i < n; i++)
    max = MAX (max, mg_table_get_number (table, i, value_column));
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                          "height=\"%u\" viewBox=\"0 0 %d %u\" role=\"img\"><title>",
                          LABEL_WIDTH + BAR_WIDTH + 80, height, LABEL_WIDTH + BAR_WIDTH + 80,
                          height);
  append_escaped (out, mg_table_get_title (table));
  g_string_append (out, "</title>");
  for (guint i = 0; i < n; i++)
    {
      gint64 value = mg_table_get_number (table, i, value_column);
      double width = (double) BAR_WIDTH * value / max;
      guint y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP);

      g_string_append_printf (out, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\" "
                              "fill=\"currentColor\" font-size=\"12\">", LABEL_WIDTH - 8,
                              y + BAR_HEIGHT - 5);
      append_escaped (out, mg_table_get_text (table, i, label_column));
      g_string_append_printf (out, "</text><rect x=\"%d\" y=\"%u\" width=\"%.1f\" "
                              "height=\"%d\" rx=\"3\" fill=\"%s\"/>", LABEL_WIDTH, y, width,
                              BAR_HEIGHT, safe_colour (mg_table_get_colour (table, i)));
      g_string_append_printf (out, "<text x=\"%.1f\" y=\"%u\" fill=\"currentColor\" "
                              "font-size=\"12\">%" G_GINT64_FORMAT "</text>",
                              LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 5, value);
    }
  g_string_append (out, "</svg>");
  return g_string_free (out, FALSE);
}

static void
append_label (GString    *out,
              const char *text,
              double      x,
              double      y,
              gboolean    vertical)
{
  g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"currentColor\" "
                          "font-size=\"11\" text-anchor=\"end\"", x, y);
  if (vertical)
    g_string_append_printf (out, " transform=\"rotate(-60 %.1f %.1f)\"", x, y);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append (out, "</text>");
}

/**
 * mg_svg_heat_map:
 *
 * One square per cell, its opacity the count's share of the largest count, the row's code
 * colour as its hue; each cell's count is in its tooltip (`<title>`).
 *
 * Returns: (transfer full): a standalone `<svg>` element
 */
char *
mg_svg_heat_map (MgAnalysisMatrix *matrix)
{
  GString *out = g_string_new (NULL);
  guint rows = matrix->rows->len, columns = matrix->columns->len;
  double left = LABEL_WIDTH, top = 140;
  double width = left + columns * CELL + 20, height = top + rows * CELL + 20;

  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                          "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">",
                          width, height, width, height);
  for (guint j = 0; j < columns; j++)
    append_label (out, ((MgMatrixAxis *) g_ptr_array_index (matrix->columns, j))->label,
                  left + j * CELL + CELL / 2.0, top - 6, TRUE);
  for (guint i = 0; i < rows; i++)
    {
      MgMatrixAxis *row = g_ptr_array_index (matrix->rows, i);

      append_label (out, row->label, left - 6, top + i * CELL + CELL - 4, FALSE);
      for (guint j = 0; j < columns; j++)
        {
          guint count = mg_analysis_matrix_get (matrix, i, j);
          double share = matrix->max > 0 ? (double) count / matrix->max : 0;

          g_string_append_printf (out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
                                  "height=\"%d\" fill=\"%s\" fill-opacity=\"%.2f\" "
                                  "stroke=\"currentColor\" stroke-opacity=\"0.15\"><title>%u"
                                  "</title></rect>",
                                  left + j * CELL, top + i * CELL, CELL, CELL,
                                  safe_colour (row->colour), count > 0 ? 0.15 + 0.85 * share : 0,
                                  count);
        }
    }
  g_string_append (out, "</svg>");
  return g_string_free (out, FALSE);
}
