/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis report: frequencies, the two matrices and a concordance of chosen codes in one
 * HTML file that opens offline anywhere. Everything is inline (CSS, SVG charts), every text
 * from the library escaped; the markup is also well-formed XML, so XML tools read it too. */
#include "config.h"

#include "mg-report-html.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-analysis-frequencies.h"
#include "mg-analysis-matrix.h"
#include "mg-kwic.h"
#include "mg-store-codes.h"
#include "mg-svg-chart.h"

static const char style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:72rem;margin:2rem auto;"
  "padding:0 1rem;color:#1e1e1e;background:#fafafa;line-height:1.4}"
  "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
  "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
  "td.n{text-align:right;font-variant-numeric:tabular-nums}"
  "td.l{text-align:right}td.k{font-weight:bold}"
  ".scroll{overflow-x:auto}.swatch{display:inline-block;width:.8em;height:.8em;"
  "border-radius:2px;margin-right:.4em}"
  "@media (prefers-color-scheme:dark){body{color:#eee;background:#1e1e1e}"
  "th,td{border-color:#555}}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *element,
                const char *text)
{
  g_string_append_printf (out, "<%s>", element);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", element);
}

static const char *
cell_class (MgTable *table,
            guint    column)
{
  switch (mg_table_get_column_kind (table, column))
    {
    case MG_TABLE_COLUMN_NUMBER:
      return " class=\"n\"";
    case MG_TABLE_COLUMN_TEXT_END:
      return " class=\"l\"";
    case MG_TABLE_COLUMN_TEXT:
    default:
      return "";
    }
}

static void
append_table (GString *out,
              MgTable *table)
{
  guint n_columns = mg_table_get_n_columns (table);

  g_string_append (out, "<div class=\"scroll\"><table>\n<thead><tr>");
  for (guint j = 0; j < n_columns; j++)
    append_element (out, "th", mg_table_get_column_title (table, j));
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < mg_table_get_n_rows (table); i++)
    {
      g_string_append (out, "<tr>");
      for (guint j = 0; j < n_columns; j++)
        {
          g_string_append_printf (out, "<td%s>", cell_class (table, j));
          append_escaped (out, mg_table_get_text (table, i, j));
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody></table></div>\n");
}

static gboolean
append_frequencies (GString               *out,
                    MgStore               *store,
                    const MgReportOptions *options,
                    GError               **error)
{
  g_autoptr(GPtrArray) frequencies = mg_analysis_code_frequencies (store, 0, options->set_id,
                                                                   error);
  g_autoptr(MgTable) table = NULL;
  g_autofree char *chart = NULL;

  if (frequencies == NULL)
    return FALSE;
  table = mg_analysis_frequencies_table (frequencies);
  chart = mg_svg_bar_chart (table, 0, 1);
  append_element (out, "h2", _("Code frequencies"));
  g_string_append_printf (out, "<figure>%s</figure>\n", chart);
  append_table (out, table);
  return TRUE;
}

static void
append_matrix (GString          *out,
               MgAnalysisMatrix *matrix,
               const char       *heading,
               const char       *note,
               gboolean          by_document)
{
  g_autoptr(MgTable) table = mg_analysis_matrix_table (matrix, heading,
                                                       by_document ? _("Document") : _("Code"),
                                                       by_document);
  g_autofree char *chart = mg_svg_heat_map (matrix);

  append_element (out, "h2", heading);
  if (note != NULL)
    append_element (out, "p", note);
  g_string_append_printf (out, "<figure class=\"scroll\">%s</figure>\n", chart);
  append_table (out, table);
}

static gboolean
append_matrices (GString               *out,
                 MgStore               *store,
                 const MgReportOptions *options,
                 GError               **error)
{
  g_autoptr(MgAnalysisMatrix) documents = mg_analysis_code_document_matrix (store,
                                                                            options->set_id,
                                                                            error);
  g_autoptr(MgAnalysisMatrix) cooccurrence = NULL;
  g_autofree char *note = NULL;
  g_autofree char *span = NULL;


  if (documents == NULL)
    return FALSE;
  cooccurrence = mg_analysis_cooccurrence_matrix (store, options->set_id, options->window, error);
  if (cooccurrence == NULL)
    return FALSE;
  append_matrix (out, documents, _("Passages by code and document"), NULL, TRUE);
  /* A gint64's format is a macro, which a translated string cannot hold. */
  span = g_strdup_printf ("%'" G_GINT64_FORMAT, options->window);
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Pairs of passages that overlap or lie within %s "
                                       "character of each other.",
                                       "Pairs of passages that overlap or lie within %s "
                                       "characters of each other.",
                                       (gulong) options->window), span);

  append_matrix (out, cooccurrence, _("Code co-occurrence"), note, FALSE);
  return TRUE;
}

static gboolean
append_kwic (GString               *out,
             MgStore               *store,
             const MgReportOptions *options,
             gint64                 code_id,
             GError               **error)
{
  g_autoptr(MgCode) code = mg_store_get_code (store, code_id, error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MgTable) table = NULL;
  g_autofree char *heading = NULL;

  if (code == NULL)
    return FALSE;
  lines = mg_kwic_for_code (store, code_id, 0, options->set_id, options->context, error);
  if (lines == NULL)
    return FALSE;
  heading = g_strdup_printf (_("“%s” in context"), mg_code_get_name (code));
  table = mg_kwic_table (lines, heading);
  append_element (out, "h2", heading);
  append_table (out, table);
  return TRUE;
}

/**
 * mg_report_html_build:
 *
 * Returns: (transfer full): the report as one HTML document, or %NULL with @error set (a
 *   missing set or code, a negative window)
 */
char *
mg_report_html_build (MgStore                *store,
                      const MgReportOptions  *options,
                      GError                **error)
{
  g_autoptr(GString) out = g_string_new ("<!DOCTYPE html>\n");
  g_autofree char *title = g_strdup (options->title != NULL ? options->title : _("Analysis"));

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  g_string_append (out, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                   "<meta charset=\"utf-8\"/>\n");
  append_element (out, "title", title);
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n", style);
  append_element (out, "h1", title);
  if (!append_frequencies (out, store, options, error)
      || !append_matrices (out, store, options, error))
    return NULL;
  for (guint i = 0; i < options->n_kwic_codes; i++)
    if (!append_kwic (out, store, options, options->kwic_codes[i], error))
      return NULL;
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * mg_report_html_write:
 *
 * Builds the report and writes it atomically to @file.
 *
 * Returns: %TRUE on success, otherwise %FALSE with @error set; no file is written then
 */
gboolean
mg_report_html_write (MgStore                *store,
                      const MgReportOptions  *options,
                      GFile                  *file,
                      GError                **error)
{
  g_autofree char *html = mg_report_html_build (store, options, error);

  if (html == NULL)
    return FALSE;
  return g_file_replace_contents (file, html, strlen (html), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
