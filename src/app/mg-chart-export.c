/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts into files: the chart widgets draw with cairo, so the same drawing goes onto a
 * cairo image surface (PNG) or SVG surface, chosen by the file's extension. */
#include "config.h"

#include "mg-chart-export.h"

#include "mg-analysis-scope.h"

#include <adwaita.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

/**
 * mg_chart_colours_for_widget:
 *
 * The theme's foreground, so a chart reads in the dark style as in the light one.
 */
void
mg_chart_colours_for_widget (GtkWidget      *widget,
                             MgChartColours *colours)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colours->text);
  G_GNUC_END_IGNORE_DEPRECATIONS
  colours->grid = colours->text;
  colours->grid.alpha *= 0.15f;
  /* libadwaita 1.2's window background, light and dark (GTK 4.8 has no API to read it). */
  gdk_rgba_parse (&colours->background,
                  adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#242424"
                                                                                : "#fafafa");
}

static void
file_colours (MgChartColours *colours)
{
  colours->text = (GdkRGBA) { 0.12f, 0.12f, 0.12f, 1 };
  colours->grid = (GdkRGBA) { 0.12f, 0.12f, 0.12f, 0.15f };
  colours->background = (GdkRGBA) { 1, 1, 1, 1 };
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  return g_output_stream_write_all (closure, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
draw_to_stream (GOutputStream   *stream,
                gboolean         svg,
                int              width,
                int              height,
                MgChartDrawFunc  draw,
                gpointer         user_data)
{
  MgChartColours colours;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  file_colours (&colours);
  surface = svg ? cairo_svg_surface_create_for_stream (write_to_stream, stream, width, height)
                : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (!svg)
    {
      /* A PNG gets a white page; an SVG stays transparent for whatever page it goes on. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  draw (cr, width, height, &colours, user_data);
  cairo_destroy (cr);
  if (!svg)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, stream);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  return status == CAIRO_STATUS_SUCCESS;
}

/**
 * mg_chart_export:
 * @file: where to write; a name ending in ".svg" gets SVG, any other PNG
 *
 * Draws the chart into @file atomically.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set
 */
gboolean
mg_chart_export (GFile            *file,
                 int               width,
                 int               height,
                 MgChartDrawFunc   draw,
                 gpointer          user_data,
                 GError          **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  gboolean svg = g_str_has_suffix (lower, ".svg");
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!draw_to_stream (G_OUTPUT_STREAM (stream), svg, width, height, draw, user_data))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart could not be drawn"));
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

typedef struct
{
  GtkWidget *chart;
  int width;
  int height;
  MgChartDrawFunc draw;
} Export;

static void
on_response (GtkFileChooserNative *chooser,
             int                   response,
             Export               *export)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (mg_chart_export (file, export->width, export->height, export->draw, export->chart,
                           &error))
        message = g_strdup (_("Chart saved"));
      else
        message = g_strdup_printf (_("Could not save the chart: %s. Choose another folder "
                                     "and try again."), error->message);
      mg_analysis_toast (export->chart, message);
    }
  g_object_unref (export->chart);
  g_free (export);
  g_object_unref (chooser);
}

/**
 * mg_chart_export_ask:
 * @name: the suggested file name, with its extension (".png" or ".svg")
 *
 * Asks where to save the chart, then draws it there; the outcome shows as a toast.
 */
void
mg_chart_export_ask (GtkWidget       *chart,
                     const char      *name,
                     int              width,
                     int              height,
                     MgChartDrawFunc  draw)
{
  GtkRoot *root = gtk_widget_get_root (chart);
  GtkFileChooserNative *chooser;
  Export *export = g_new0 (Export, 1);

  *export = (Export) { g_object_ref (chart), MAX (width, 1), MAX (height, 1), draw };
  chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
