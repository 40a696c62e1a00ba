/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli agreement: how far two or more annotation sets (coders) agree, per code
 * and overall, as TSV. */
#include "config.h"

#include "mg-cli-common.h"

#include "mg-cli-agreement.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mg-agreement.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

/* Parsed by main.c's context with --library (see mg-cli-annotate.c); one command per
 * process, so statics hold them. */
static char **set_args;
static char **code_args;
static char **document_args;

static const GOptionEntry agreement_entries[] = {
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_args,
    N_("Compare the annotation set NAME (give two or more)"), N_("NAME") },
  { "code", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &code_args,
    N_("Only the code NAME (repeat for more; all codes used when none)"), N_("NAME") },
  { "document", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &document_args,
    N_("Only document ID (repeat for more; all documents when none)"), N_("ID") },
  { NULL }
};

/**
 * mg_cli_agreement_add_options:
 *
 * Adds `agreement`'s options to the command's context.
 */
void
mg_cli_agreement_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, agreement_entries, GETTEXT_PACKAGE);
}

static void
free_arguments (void)
{
  g_clear_pointer (&set_args, g_strfreev);
  g_clear_pointer (&code_args, g_strfreev);
  g_clear_pointer (&document_args, g_strfreev);
}

static gboolean
resolve_sets (MgStore *store,
              GArray  *ids)
{
  for (gsize i = 0; set_args != NULL && set_args[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgAnnotationSet) set = mg_store_find_annotation_set (store, set_args[i],
                                                                     &error);

      if (set == NULL)
        {
          mg_cli_print_error (set_args[i], error != NULL ? error->message
                              : _("there is no annotation set of this name in the library"));
          return FALSE;
        }
      g_array_append_val (ids, (gint64) { mg_annotation_set_get_id (set) });
    }
  return TRUE;
}

static gboolean
resolve_codes (MgStore *store,
               GArray  *ids)
{
  for (gsize i = 0; code_args != NULL && code_args[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgCode) code = mg_store_find_code (store, code_args[i], &error);

      if (code == NULL)
        {
          mg_cli_print_error (code_args[i], error != NULL ? error->message
                              : _("there is no code of this name in the codebook"));
          return FALSE;
        }
      g_array_append_val (ids, (gint64) { mg_code_get_id (code) });
    }
  return TRUE;
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
          mg_cli_print_error ("agreement", message);
          return FALSE;
        }
      g_array_append_val (ids, (gint64) { (gint64) id });
    }
  return TRUE;
}

/* A figure in the C locale, so the TSV reads the same everywhere; NA where undefined. */
static char *
figure (double value,
        int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    return g_strdup ("NA");
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static char *
code_name (MgStore *store,
           gint64   code_id)
{
  g_autoptr(MgCode) code = NULL;

  if (code_id == 0)
    return g_strdup ("(overall)");
  code = mg_store_get_code (store, code_id, NULL);
  return mg_cli_tsv_field (code != NULL ? mg_code_get_name (code) : "");
}

static void
print_rows (MgStore *store,
            GArray  *rows)
{
  g_print ("code\tunits\tcharacters\tpercent\tcohen_kappa\tfleiss_kappa\tu_alpha\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const MgAgreementFigures *row = &g_array_index (rows, MgAgreementFigures, i);
      g_autofree char *name = code_name (store, row->code);
      g_autofree char *percent = figure (row->percent * 100, 2);
      g_autofree char *cohen = figure (row->cohen_kappa, 4);
      g_autofree char *fleiss = figure (row->fleiss_kappa, 4);
      g_autofree char *alpha = figure (row->u_alpha, 4);

      g_print ("%s\t%u\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", name, row->units,
               row->characters, percent, cohen, fleiss, alpha);
    }
}

static int
run_agreement (MgStore *store)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (set_args == NULL || g_strv_length (set_args) < 2)
    {
      mg_cli_print_error ("agreement", _("agreement needs two sets or more: --set A --set B"));
      return 2;
    }
  if (!parse_documents (documents))
    return 2;
  if (!resolve_sets (store, sets) || !resolve_codes (store, codes))
    return 1;
  rows = mg_agreement_measure (store, (const gint64 *) (gpointer) sets->data, sets->len,
                               documents->len > 0 ? (const gint64 *) (gpointer) documents->data
                                                  : NULL, documents->len,
                               codes->len > 0 ? (const gint64 *) (gpointer) codes->data : NULL,
                               codes->len, &error);
  if (rows == NULL)
    {
      mg_cli_print_error ("agreement", error->message);
      return 1;
    }
  print_rows (store, rows);
  return 0;
}

/**
 * mg_cli_agreement:
 *
 * `agreement --set A --set B [--set C]... [--code NAME]... [--document ID]...`: one TSV row
 * per code (units, characters, percent agreement, Cohen's kappa, Fleiss' kappa,
 * Krippendorff's unitizing alpha) and an overall row; NA where a figure is undefined.
 */
int
mg_cli_agreement (MgStore  *store,
                  int       argc,
                  char    **argv)
{
  int status;

  if (argc != 1)
    {
      mg_cli_print_error ("agreement", _("agreement takes no arguments, only options; see "
                                         "“marginalia-cli agreement --help”"));
      free_arguments ();
      return 2;
    }
  status = run_agreement (store);
  free_arguments ();
  return status;
}
