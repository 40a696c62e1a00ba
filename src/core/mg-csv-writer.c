/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV as RFC 4180 writes it, which spreadsheets and R/pandas read: comma separated, CRLF
 * line ends, a field quoted when it holds a comma, a quote or a line break, its quotes
 * doubled. UTF-8 throughout. */
#include "mg-csv-writer.h"

#include <string.h>

/**
 * mg_csv_append_field:
 *
 * Appends one field, quoted when it must be.
 */
void
mg_csv_append_field (GString    *out,
                     const char *value)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * mg_csv_format_table:
 *
 * Returns: (transfer full): the table as CSV, the column titles first
 */
char *
mg_csv_format_table (MgTable *table)
{
  GString *out = g_string_new (NULL);
  guint n_columns = mg_table_get_n_columns (table);
  guint n_rows = mg_table_get_n_rows (table);

  for (guint j = 0; j < n_columns; j++)
    {
      if (j > 0)
        g_string_append_c (out, ',');
      mg_csv_append_field (out, mg_table_get_column_title (table, j));
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < n_rows; i++)
    {
      for (guint j = 0; j < n_columns; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          mg_csv_append_field (out, mg_table_get_text (table, i, j));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/**
 * mg_csv_write_table:
 *
 * Writes the table to @file atomically: beside it first, then renamed over it, so a failed
 * write leaves any earlier file whole.
 *
 * Returns: %TRUE on success, otherwise %FALSE with a #GIOError set
 */
gboolean
mg_csv_write_table (MgTable  *table,
                    GFile    *file,
                    GError  **error)
{
  g_autofree char *csv = mg_csv_format_table (table);

  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
