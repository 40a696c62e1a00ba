/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every marginalia-cli command prints the same way. */
#include "config.h"

#include "mg-cli-common.h"

/**
 * mg_cli_print_error:
 * @subject: (nullable): the file, document or command the message is about
 *
 * Prints `marginalia-cli: SUBJECT: message` on stderr, the form scripts can parse.
 */
void
mg_cli_print_error (const char *subject,
                    const char *message)
{
  if (subject != NULL)
    g_printerr ("marginalia-cli: %s: %s\n", subject, message);
  else
    g_printerr ("marginalia-cli: %s\n", message);
}

/**
 * mg_cli_tsv_field:
 *
 * Returns: (transfer full): @value for one TSV field: tabs and line ends, which would
 *   break the row, become spaces
 */
char *
mg_cli_tsv_field (const char *value)
{
  char *field = g_strdup (value ? value : "");

  for (char *p = field; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return field;
}
