/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli stats: code frequencies as TSV, the numbers of the Analysis window's first
 * view, for scripts and spreadsheets. */
#include "config.h"

#include "mg-cli-common.h"
#include "mg-cli-stats.h"

#include <glib/gi18n.h>

#include "mg-analysis-frequencies.h"
#include "mg-store-annotations.h"

/* Parsed by main.c's context with --library (see mg-cli-annotate.c). */
static char *document_arg;
static char *set_arg;

static const GOptionEntry stats_entries[] = {
  { "document", 'd', 0, G_OPTION_ARG_STRING, &document_arg,
    N_("Count only the passages of document ID"), N_("ID") },
  { "set", 's', 0, G_OPTION_ARG_STRING, &set_arg,
    N_("Count only the passages of annotation set ID (or NAME)"), N_("ID") },
  { NULL }
};

void
mg_cli_stats_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, stats_entries, GETTEXT_PACKAGE);
}

static gboolean
parse_id (const char *arg,
          gint64     *out_id)
{
  guint64 id;

  *out_id = 0;
  if (arg == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (arg, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  *out_id = (gint64) id;
  return TRUE;
}

/* A set is named by its id, as `annotations` prints none; its name works too. */
static gboolean
resolve_set (MgStore *store,
             gint64  *out_id)
{
  g_autoptr(MgAnnotationSet) set = NULL;

  if (parse_id (set_arg, out_id))
    return TRUE;
  set = mg_store_find_annotation_set (store, set_arg, NULL);
  if (set == NULL)
    return FALSE;
  *out_id = mg_annotation_set_get_id (set);
  return TRUE;
}

static void
print_frequencies (GPtrArray *frequencies)
{
  g_print ("code\tpassages\tcharacters\tdocuments\n");
  for (guint i = 0; i < frequencies->len; i++)
    {
      MgCodeFrequency *frequency = g_ptr_array_index (frequencies, i);
      g_autofree char *path = mg_cli_tsv_field (frequency->path);

      g_print ("%s\t%u\t%" G_GINT64_FORMAT "\t%u\n", path, frequency->passages,
               frequency->characters, frequency->documents);
    }
}

/**
 * mg_cli_stats:
 *
 * `stats [--document ID] [--set ID]`: one TSV line per code of the codebook, in its order:
 * the code's path, its passages, the characters they cover and the documents they are in.
 */
int
mg_cli_stats (MgStore  *store,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frequencies = NULL;
  gint64 document_id, set_id;

  if (argc != 1 || !parse_id (document_arg, &document_id))
    {
      mg_cli_print_error ("stats", _("stats takes only --document ID and --set ID; see "
                                     "“marginalia-cli stats --help”"));
      return 2;
    }
  if (!resolve_set (store, &set_id))
    {
      mg_cli_print_error (set_arg, _("there is no annotation set of this id or name in the "
                                     "library"));
      return 1;
    }
  frequencies = mg_analysis_code_frequencies (store, document_id, set_id, &error);
  if (frequencies == NULL)
    {
      mg_cli_print_error ("stats", error->message);
      return 1;
    }
  print_frequencies (frequencies);
  return 0;
}
