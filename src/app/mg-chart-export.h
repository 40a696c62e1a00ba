/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * MgChartColours:
 * @text: labels and values
 * @grid: outlines
 * @background: what labels that stay in view are drawn on
 *
 * The colours a chart draws its text in: the theme's on screen, dark on white in files.
 */
typedef struct {
  GdkRGBA text;
  GdkRGBA grid;
  GdkRGBA background;
} MgChartColours;

typedef void (*MgChartDrawFunc) (cairo_t              *cr,
                                 int                   width,
                                 int                   height,
                                 const MgChartColours *colours,
                                 gpointer              user_data);

void         mg_chart_colours_for_widget    (GtkWidget        *widget,
                                             MgChartColours   *colours);
gboolean     mg_chart_export                (GFile            *file,
                                             int               width,
                                             int               height,
                                             MgChartDrawFunc   draw,
                                             gpointer          user_data,
                                             GError          **error);
void         mg_chart_export_ask            (GtkWidget        *chart,
                                             const char       *name,
                                             int               width,
                                             int               height,
                                             MgChartDrawFunc   draw);

G_END_DECLS
