/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli extract: the entities of a file or a stored document. */
#include "config.h"

#include "mg-string.h"

#include "mg-cli-common.h"

#include "mg-cli-extract.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-entity-extractor.h"
#include "mg-store-entities.h"
#include "mg-import.h"

typedef enum {
  FORMAT_TSV,
  FORMAT_JSONL,
} Format;

static void
print_mentions (GPtrArray *mentions,
                Format     format)
{
  GString *out = g_string_new (format == FORMAT_TSV ? "start\tend\ttype\ttext\n" : "");

  for (guint i = 0; i < mentions->len; i++)
    {
      const MgEntityMention *m = g_ptr_array_index (mentions, i);
      const char *type = mg_entity_type_to_string (m->type);

      if (format == FORMAT_TSV)
        {
          g_autofree char *field = mg_cli_tsv_field (m->text);

          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s",
                                  m->start, m->end, type, field);
        }
      else
        {
          g_string_append_printf (out, "{\"start\":%" G_GINT64_FORMAT ",\"end\":%"
                                  G_GINT64_FORMAT ",\"type\":\"%s\",\"text\":",
                                  m->start, m->end, type);
          mg_json_append_string (out, m->text);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
}

/* A file is decoded exactly as import would store it, but not stored: extracting is a
 * question about a text, and must not change the library. Offsets are into that text. */
static MgDocument *
load_document (MgStore     *store,
               const char  *path,
               const char  *id_arg,
               GError     **error)
{
  g_autoptr(GFile) file = NULL;
  guint64 id;

  if (path != NULL)
    {
      file = g_file_new_for_commandline_arg (path);
      return mg_import_file (file, NULL, error);
    }
  if (!g_ascii_string_to_unsigned (id_arg, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("not a document ID (a number from “marginalia-cli list”)"));
      return NULL;
    }
  return mg_store_get_document (store, (gint64) id, error);
}

/* What the app's Entities page shows: the user's decisions win. A stored document also gets
 * its cache refreshed; a file outside the library gets the library-wide decisions only. */
static GPtrArray *
apply_decisions (MgStore     *store,
                 MgDocument  *document,
                 GPtrArray   *mentions,
                 GError     **error)
{
  gint64 id = mg_document_get_id (document);
  g_autoptr(GPtrArray) decisions = NULL;

  if (id > 0 && !mg_store_save_entity_mentions (store, id, MG_ENTITY_EXTRACTOR_VERSION,
                                                mentions, error))
    return NULL;
  decisions = mg_store_list_entity_decisions (store, id, error);
  if (decisions == NULL)
    return NULL;
  return mg_entity_decisions_apply (decisions, mg_document_get_text (document), mentions);
}

static gboolean
parse_format (const char *name,
              Format     *out_format)
{
  if (name == NULL || g_strcmp0 (name, "tsv") == 0)
    *out_format = FORMAT_TSV;
  else if (g_strcmp0 (name, "jsonl") == 0)
    *out_format = FORMAT_JSONL;
  else
    return FALSE;
  return TRUE;
}

static int
extract_document (MgStore    *store,
                  const char *path,
                  const char *id_arg,
                  Format      format)
{
  const char *subject = path ? path : id_arg;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = load_document (store, path, id_arg, &error);
  g_autoptr(MgEntityExtractor) extractor = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  const char *text;

  if (document == NULL)
    {
      mg_cli_print_error (subject, error->message);
      return 1;
    }
  extractor = mg_entity_extractor_new (&error);
  text = mg_document_get_text (document);
  if (extractor != NULL)
    mentions = mg_entity_extractor_extract_full (extractor, text ? text : "", -1, NULL, NULL,
                                                 &error);
  if (mentions == NULL)
    {
      mg_cli_print_error (subject, error->message);
      return 1;
    }
  shown = apply_decisions (store, document, mentions, &error);
  if (shown == NULL)
    {
      mg_cli_print_error (subject, error->message);
      return 1;
    }
  print_mentions (shown, format);
  return 0;
}

/**
 * mg_cli_extract:
 *
 * `extract FILE|--document ID [--format tsv|jsonl]`: prints the entities with code-point
 * offsets into the stored (or, for a file, the imported) text, end exclusive.
 */
int
mg_cli_extract (MgStore  *store,
                int       argc,
                char    **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document,
      N_("Extract from the stored document ID instead of a file"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Print tsv (the default) or jsonl"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE|--document ID"));
  g_autoptr(GError) error = NULL;
  Format format;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      mg_cli_print_error ("extract", error->message);
      return 2;
    }
  if (!parse_format (format_name, &format))
    {
      mg_cli_print_error ("extract", _("--format must be tsv or jsonl"));
      return 2;
    }
  if ((document == NULL) == (argc != 2))
    {
      mg_cli_print_error ("extract", _("extract needs one FILE or --document ID; see "
                                "“marginalia-cli extract --help”"));
      return 2;
    }
  return extract_document (store, document ? NULL : argv[1], document, format);
}
