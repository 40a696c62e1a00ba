/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli: the library from the command line, over the same core as the app. */
#include "config.h"

#include "mg-cli-common.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mg-cli-agreement.h"
#include "mg-cli-annotate.h"
#include "mg-cli-exchange.h"
#include "mg-cli-extract.h"
#include "mg-cli-import.h"
#include "mg-cli-safety.h"
#include "mg-cli-search.h"
#include "mg-cli-stats.h"
#include "mg-store.h"
#include "mg-store-versions.h"
#include "mg-import.h"
#include "mg-text-import.h"

typedef int (*CommandFunc) (MgStore *store, int argc, char **argv);
typedef void (*OptionsFunc) (GOptionContext *context);
typedef int (*PathCommandFunc) (const char *library_path, int argc, char **argv);

/* @add_options, when set, adds the command's own options to the context that parses
 * --library, so `COMMAND --help` lists them and nothing reaches the command unparsed. */
typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  CommandFunc run;
  OptionsFunc add_options;
  PathCommandFunc run_on_path;   /* instead of @run: gets the library's path, not the store */
} Command;

static char *library_path = NULL;

static const GOptionEntry library_entries[] = {
  { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library_path,
    N_("Use the library file PATH instead of the default one"), N_("PATH") },
  { NULL }
};

static gboolean
import_one (MgStore    *store,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_import_file (file, NULL, &error);
  g_auto(MgReanchorReport) report = { 0 };
  g_autofree char *title = NULL;
  MgImportOutcome outcome;

  if (document == NULL
      || !mg_store_import_document (store, document, &outcome, &report, &error))
    {
      mg_cli_print_error (path, error->message);
      return FALSE;
    }
  title = mg_cli_tsv_field (mg_document_get_title (document));
  g_print ("%" G_GINT64_FORMAT "\t%s\n", mg_document_get_id (document), title);
  if (outcome == MG_IMPORT_OUTCOME_EXISTED)
    mg_cli_print_error (path, _("already in the library; not imported again"));
  else if (outcome == MG_IMPORT_OUTCOME_NEW_VERSION)
    {
      guint placed = report.n_exact + report.n_moved + report.n_fuzzy;
      g_autofree char *message =
        g_strdup_printf (ngettext ("changed since it was imported: stored as a new version; "
                                   "%'u passage placed again, %'u could not be placed",
                                   "changed since it was imported: stored as a new version; "
                                   "%'u passages placed again, %'u could not be placed", placed),

                         placed, report.n_orphaned);
      mg_cli_print_error (path, message);
    }
  return TRUE;
}

static int
command_import (MgStore  *store,
                int       argc,
                char    **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  int status = 0;

  if (argc < 2)
    {
      mg_cli_print_error (NULL, _("import needs at least one FILE; see “marginalia-cli import --help”"));
      return 2;
    }
  for (int i = 1; i < argc; i++)
    if (!mg_cli_import_expand (argv[i], paths))
      status = 1;
  for (guint i = 0; i < paths->len; i++)
    if (!import_one (store, paths->pdata[i]))
      status = 1;
  return status;
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static int
command_list (MgStore  *store,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = mg_store_list_documents (store, &error);
  guint n;

  if (documents == NULL)
    {
      mg_cli_print_error (mg_store_get_path (store), error->message);
      return 1;
    }
  g_print ("id\ttitle\tchars\tannotations\timported\n");
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *title = mg_cli_tsv_field (mg_document_get_title (document));
      g_autofree char *imported = format_time (mg_document_get_imported (document));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%u\t%s\n",
               mg_document_get_id (document), title, mg_document_get_char_count (document),
               mg_document_get_annotation_count (document), imported);
    }
  return 0;
}

static gboolean
parse_document_id (const char *arg,
                   gint64     *out_id)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (arg, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  *out_id = (gint64) id;
  return TRUE;
}

static int
command_show (MgStore  *store,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;
  const char *text;
  gint64 id;

  if (argc != 2 || !parse_document_id (argv[1], &id))
    {
      mg_cli_print_error (NULL, _("show needs one document ID (a number from “marginalia-cli list”)"));
      return 2;
    }
  document = mg_store_get_document (store, id, &error);
  if (document == NULL)
    {
      mg_cli_print_error (argv[1], error->message);
      return 1;
    }
  /* Exactly the stored bytes: no newline added, so `show` output can be diffed and hashed. */
  text = mg_document_get_text (document);
  fwrite (text, 1, strlen (text), stdout);
  return 0;
}

static const Command commands[] = {
  { "import", N_("[--recursive] FILE|FOLDER…"),
    N_("Import text, Markdown, HTML, PDF, EPUB, DOCX and ODT files into the library; prints "
       "ID and title of each"),
    command_import, mg_cli_import_add_options },
  { "list", "", N_("List the documents of the library as TSV"), command_list },
  { "show", N_("ID"), N_("Print the stored text of a document exactly"), command_show },
  { "extract", N_("FILE|--document ID [--format tsv|jsonl]"),
    N_("Print the entities of a file or document as TSV or JSON lines"), mg_cli_extract },
  { "annotate", N_("--document ID --start S --end E --code NAME [--note TEXT] [--set NAME]"),
    N_("Tag a passage of a document; prints the new annotation’s ID"), mg_cli_annotate,
    mg_cli_annotate_add_options },
  { "annotations", N_("[--document ID] [--code NAME] [--set NAME]"),
    N_("List tagged passages as TSV"), mg_cli_annotations, mg_cli_annotations_add_options },
  { "codes", "", N_("Print the codebook as a tree with passage counts"), mg_cli_codes },
  { "export", N_("--format marginalia|qdpx|qdc|tei [--document ID]… [--set NAME]… "
                 "[--code NAME]… -o FILE"),
    N_("Export annotation sets as Marginalia XML, REFI-QDA or TEI"), mg_cli_export,
    mg_cli_export_add_options },
  { "import-annotations", N_("FILE"),
    N_("Import the annotations of a Marginalia XML file or a REFI-QDA project as a new set"),
    mg_cli_import_annotations },
  { "agreement", N_("--set A --set B [--set C]… [--code NAME]… [--document ID]…"),
    N_("Print how far annotation sets agree, per code and overall, as TSV"),
    mg_cli_agreement, mg_cli_agreement_add_options },
  { "stats", N_("[--document ID] [--set ID]"),
    N_("Print code frequencies as TSV: code path, passages, characters, documents"),
    mg_cli_stats, mg_cli_stats_add_options },
  { "search", N_("QUERY [--limit N]"),
    N_("Search the library; prints DOC_ID, START, END and a snippet per hit as TSV"),
    mg_cli_search, mg_cli_search_add_options },
  { "check", "", N_("Check the library’s integrity, references and schema version"),
    NULL, NULL, mg_cli_check },
  { "backup", "", N_("Back the library up now, beside it; prints the backup’s path"),
    NULL, NULL, mg_cli_backup },
  { "restore", N_("[--from BACKUP]"),
    N_("Replace the library with its newest intact backup (or BACKUP)"),
    NULL, mg_cli_restore_add_options, mg_cli_restore },
};

static char *
commands_summary (void)
{
  GString *summary = g_string_new (_("Commands:"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  g_string_append (summary, "\n\n");
  g_string_append (summary, _("“marginalia-cli COMMAND --help” tells more of each."));
  return g_string_free (summary, FALSE);
}

static const Command *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_autofree char *parameters = g_strdup_printf ("%s %s", command->name, _(command->parameters));
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = NULL;

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, library_entries, GETTEXT_PACKAGE);
  if (command->add_options != NULL)
    command->add_options (context);
  /* extract parses its own options (--document, --format) after the library's. */
  g_option_context_set_ignore_unknown_options (context, command->run == mg_cli_extract);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      mg_cli_print_error (NULL, error->message);
      return 2;
    }
  if (command->run_on_path != NULL)
    {
      g_autofree char *path = library_path ? g_strdup (library_path) : mg_store_default_path ();
      return command->run_on_path (path, argc, argv);
    }
  store = mg_store_open (library_path, &error);
  if (store == NULL)
    {
      mg_cli_print_error (NULL, error->message);
      return 1;
    }
  return command->run (store, argc, argv);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const Command *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Made only now: a translated string fetched before textdomain () stays in English. */
  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  /* Global options stop at the command's name; the command parses the rest. */
  summary = commands_summary ();

  g_option_context_set_summary (context, _("Marginalia’s library from the command line."));
  g_option_context_set_description (context, summary);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, library_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      mg_cli_print_error (NULL, error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }
  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”; see "
                                                    "“marginalia-cli --help”"), argv[1]);
      mg_cli_print_error (NULL, message);
      return 2;
    }
  return run_command (command, argc - 1, argv + 1);
}
