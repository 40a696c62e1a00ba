/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli export and import-annotations: annotation sets in and out, in the formats
 * other tools and archives read. */
#include "config.h"

#include "mg-cli-common.h"
#include "mg-cli-exchange.h"

#include <glib/gi18n.h>

#include "mg-exchange.h"

/* Parsed by main.c's context with --library, before the library is opened (see
 * mg-cli-annotate.c); one command runs per process. */
static char *format_arg;
static char *output_arg;
static char **document_args;
static char **set_args;
static char **code_args;
static gboolean no_text;

static const GOptionEntry export_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg,
    N_("marginalia (the default), qdpx, qdc or tei"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg, N_("Write to FILE"), N_("FILE") },
  { "document", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &document_args,
    N_("Only document ID (repeat for more)"), N_("ID") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_args,
    N_("Only the annotation set NAME (repeat for more)"), N_("NAME") },
  { "code", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &code_args,
    N_("Only the code NAME (repeat for more)"), N_("NAME") },
  { "no-text", 0, 0, G_OPTION_ARG_NONE, &no_text,
    N_("Leave the documents’ texts out (Marginalia XML)"), NULL },
  { NULL }
};

void
mg_cli_export_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, export_entries, GETTEXT_PACKAGE);
}

static GPtrArray *
string_list (char **values)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (list, g_strdup (values[i]));
  return list;
}

static gboolean
parse_documents (GArray *ids)
{
  for (gsize i = 0; document_args != NULL && document_args[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (document_args[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a document ID (a number "
                                                        "from “marginalia-cli list”)"),
                                                      document_args[i]);
          mg_cli_print_error ("export", message);
          return FALSE;
        }
      g_array_append_val (ids, (gint64) { (gint64) id });
    }
  return TRUE;
}

static void
free_arguments (void)
{
  g_clear_pointer (&format_arg, g_free);
  g_clear_pointer (&output_arg, g_free);
  g_clear_pointer (&document_args, g_strfreev);
  g_clear_pointer (&set_args, g_strfreev);
  g_clear_pointer (&code_args, g_strfreev);
}

static int
run_export (MgStore *store)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sets = string_list (set_args);
  g_autoptr(GPtrArray) codes = string_list (code_args);
  g_autoptr(GError) error = NULL;
  MgExportScope scope = { ids, sets, codes, !no_text };
  MgExchangeFormat format = MG_EXCHANGE_FORMAT_MARGINALIA;

  if (format_arg != NULL && !mg_exchange_format_from_string (format_arg, &format))
    {
      mg_cli_print_error ("export", _("--format must be marginalia, qdpx, qdc or tei"));
      return 2;
    }
  if (output_arg == NULL)
    {
      mg_cli_print_error ("export", _("export needs -o FILE; see “marginalia-cli export --help”"));
      return 2;
    }
  if (!parse_documents (ids))
    return 2;
  if (!mg_exchange_export (store, format, &scope, output_arg, NULL, &error))
    {
      mg_cli_print_error (output_arg, error->message);
      return 1;
    }
  return 0;
}

/**
 * mg_cli_export:
 *
 * `export --format marginalia|qdpx|qdc|tei [--document ID]... [--set NAME]... [--code NAME]...
 * -o FILE`
 */
int
mg_cli_export (MgStore  *store,
               int       argc,
               char    **argv)
{
  int status;

  if (argc != 1)
    {
      mg_cli_print_error ("export", _("export takes no FILE argument; give the output with -o"));
      free_arguments ();
      return 2;
    }
  status = run_export (store);
  free_arguments ();
  return status;
}

static void
print_summary (const char      *path,
               MgImportSummary *summary)
{
  /* A gint64's format is a macro, which a translated string cannot hold. */
  g_autofree char *set_id = g_strdup_printf ("%" G_GINT64_FORMAT, summary->set_id);

  g_print (_("Imported “%s” as annotation set %s\n"), path, set_id);
  g_print (_("  annotations added: %'u\n"), summary->annotations_added);
  g_print (_("  documents added: %'u, already in the library: %'u\n"), summary->documents_added,
           summary->documents_matched);
  g_print (_("  codes created: %'u, matched: %'u\n"), summary->codes_created,
           summary->codes_matched);
  g_print (_("  entity decisions added: %'u\n"), summary->entity_decisions_added);

  for (guint i = 0; summary->not_placed != NULL && i < summary->not_placed->len; i++)
    mg_cli_print_error (path, g_ptr_array_index (summary->not_placed, i));
}

/**
 * mg_cli_import_annotations:
 *
 * `import-annotations FILE`: a Marginalia XML file or a REFI-QDA project, as a new set.
 */
int
mg_cli_import_annotations (MgStore  *store,
                           int       argc,
                           char    **argv)
{
  g_autoptr(GError) error = NULL;
  MgImportSummary summary = { 0 };

  if (argc != 2)
    {
      mg_cli_print_error ("import-annotations",
                          _("import-annotations needs one FILE (.xml or .qdpx)"));
      return 2;
    }
  if (!mg_exchange_import (store, argv[1], &summary, NULL, &error))
    {
      mg_cli_print_error (argv[1], error->message);
      return 1;
    }
  print_summary (argv[1], &summary);
  mg_import_summary_clear (&summary);
  return 0;
}
