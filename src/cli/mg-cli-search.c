/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli search: the library's full-text search, one hit per line for scripts. */
#include "config.h"

#include "mg-cli-common.h"
#include "mg-cli-search.h"

#include <glib/gi18n.h>

#include "mg-store-search.h"

/* Parsed by main.c's context with --library (see mg-cli-annotate.c). */
static int limit_arg;

static const GOptionEntry search_entries[] = {
  { "limit", 'n', 0, G_OPTION_ARG_INT, &limit_arg,
    N_("Print at most N hits (all of them by default)"), N_("N") },
  { NULL }
};

void
mg_cli_search_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, search_entries, GETTEXT_PACKAGE);
}

static void
print_hit (const MgSearchHit *hit)
{
  g_autofree char *snippet = mg_cli_tsv_field (hit->snippet);

  g_print ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
           hit->document_id, hit->start, hit->end, snippet);
}

/**
 * mg_cli_search:
 *
 * `search QUERY…`: prints `DOC_ID<TAB>START<TAB>END<TAB>SNIPPET` per hit, best documents
 * first, offsets in code points. Finding nothing is no failure: exit status 0.
 */
int
mg_cli_search (MgStore  *store,
               int       argc,
               char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *query = NULL;

  if (argc < 2 || limit_arg < 0)
    {
      mg_cli_print_error ("search", _("search needs a QUERY (and a --limit of 0 or more); "
                                      "see “marginalia-cli search --help”"));
      return 2;
    }
  /* An unquoted query arrives as several arguments; they are the words of one query. */
  query = g_strjoinv (" ", argv + 1);
  hits = mg_store_search (store, query, (guint) limit_arg, &error);
  if (hits == NULL)
    {
      mg_cli_print_error (mg_store_get_path (store), error->message);
      return 1;
    }
  for (guint i = 0; i < hits->len; i++)
    print_hit (g_ptr_array_index (hits, i));
  return 0;
}
