/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli annotate, annotations, codes: tagging passages and reading the codebook. */
#include "config.h"

#include "mg-cli-common.h"

#include "mg-cli-annotate.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"

/* The options are parsed by main.c's context together with --library, before the library
 * is opened: `--help` then shows them all and opens nothing. One command runs per process,
 * so plain statics hold what was given. */
static char *document_arg;
static char *start_arg;
static char *end_arg;
static char *code_arg;
static char *note_arg;
static char *set_arg;

static const GOptionEntry annotate_entries[] = {
  { "document", 'd', 0, G_OPTION_ARG_STRING, &document_arg,
    N_("The document to annotate (a number from “marginalia-cli list”)"), N_("ID") },
  { "start", 's', 0, G_OPTION_ARG_STRING, &start_arg,
    N_("First character of the passage, counted in code points from 0"), N_("S") },
  { "end", 'e', 0, G_OPTION_ARG_STRING, &end_arg,
    N_("The character after the passage"), N_("E") },
  { "code", 'c', 0, G_OPTION_ARG_STRING, &code_arg,
    N_("Tag with the code NAME; a new top-level code when there is none"), N_("NAME") },
  { "note", 'n', 0, G_OPTION_ARG_STRING, &note_arg,
    N_("A note on the passage"), N_("TEXT") },
  { "set", 0, 0, G_OPTION_ARG_STRING, &set_arg,
    N_("Add to the annotation set NAME instead of the default one"), N_("NAME") },
  { NULL }
};

static const GOptionEntry annotations_entries[] = {
  { "document", 'd', 0, G_OPTION_ARG_STRING, &document_arg,
    N_("Only the passages of document ID"), N_("ID") },
  { "code", 'c', 0, G_OPTION_ARG_STRING, &code_arg,
    N_("Only the passages tagged with the code NAME"), N_("NAME") },
  { "set", 0, 0, G_OPTION_ARG_STRING, &set_arg,
    N_("Only the passages of the annotation set NAME"), N_("NAME") },
  { NULL }
};

static void
free_arguments (void)
{
  g_clear_pointer (&document_arg, g_free);
  g_clear_pointer (&start_arg, g_free);
  g_clear_pointer (&end_arg, g_free);
  g_clear_pointer (&code_arg, g_free);
  g_clear_pointer (&note_arg, g_free);
  g_clear_pointer (&set_arg, g_free);
}

/**
 * mg_cli_annotate_add_options:
 *
 * Adds `annotate`'s options to the command's context.
 */
void
mg_cli_annotate_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, annotate_entries, GETTEXT_PACKAGE);
}

/**
 * mg_cli_annotations_add_options:
 *
 * Adds `annotations`' options to the command's context.
 */
void
mg_cli_annotations_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, annotations_entries, GETTEXT_PACKAGE);
}

static gboolean
parse_number (const char *arg,
              gint64      minimum,
              gint64     *out_value)
{
  return arg != NULL && g_ascii_string_to_signed (arg, 10, minimum, G_MAXINT64, out_value, NULL);
}

/* Returns the set named by --set, or the default set; prints why not. */
static MgAnnotationSet *
resolve_set (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  MgAnnotationSet *set;

  if (set_arg == NULL)
    set = mg_store_get_default_annotation_set (store, &error);
  else
    set = mg_store_find_annotation_set (store, set_arg, &error);
  if (set == NULL && error == NULL)
    mg_cli_print_error (set_arg, _("there is no annotation set of this name in the library"));
  else if (set == NULL)
    mg_cli_print_error (set_arg ? set_arg : "annotate", error->message);
  return set;
}

/* Checks the document and the range before the code is looked up, so that a bad call
 * creates no code. */
static gboolean
check_target (MgStore *store,
              gint64   document_id,
              gint64   start,
              gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_store_get_document (store, document_id, &error);
  g_autofree char *message = NULL;
  g_autofree char *length = NULL;

  if (document == NULL)
    {
      mg_cli_print_error (document_arg, error->message);
      return FALSE;
    }
  if (start < end && end <= mg_document_get_char_count (document))
    return TRUE;
  length = g_strdup_printf ("%" G_GINT64_FORMAT, mg_document_get_char_count (document));
  message = g_strdup_printf (_("the passage %s–%s does not lie within the text, which has %s "
                               "characters; a passage starts before it ends"),
                             start_arg, end_arg, length);
  mg_cli_print_error (document_arg, message);
  return FALSE;
}

static int
annotate (MgStore *store,
          gint64   document_id,
          gint64   start,
          gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) existing = NULL;
  g_autoptr(MgCode) code = NULL;
  g_autoptr(MgAnnotation) annotation = NULL;

  if (!check_target (store, document_id, start, end) || (set = resolve_set (store)) == NULL)
    return 1;
  existing = mg_store_find_code (store, code_arg, NULL);
  code = existing ? g_object_ref (existing) : mg_store_create_code_if_missing (store, code_arg,
                                                                              &error);
  if (code != NULL)
    annotation = mg_store_add_annotation (store, document_id, mg_annotation_set_get_id (set),
                                          mg_code_get_id (code), start, end, note_arg, &error);
  if (annotation == NULL)
    {
      /* Nothing stays behind from a failed call: a code made for it goes again. */
      if (code != NULL && existing == NULL)
        mg_store_delete_code (store, mg_code_get_id (code), 0, NULL, NULL);
      /* Both store calls set @error whenever they return NULL; the analyzer cannot see into them.
       * NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
      mg_cli_print_error (code == NULL ? code_arg : document_arg, error->message);
      return 1;
    }
  g_print ("%" G_GINT64_FORMAT "\n", mg_annotation_get_id (annotation));
  return 0;
}

/**
 * mg_cli_annotate:
 *
 * `annotate --document ID --start S --end E --code NAME [--note TEXT] [--set NAME]`: tags a
 * passage (creating the code when missing) and prints the new annotation's id.
 */
int
mg_cli_annotate (MgStore  *store,
                 int       argc,
                 char    **argv)
{
  gint64 document_id, start, end;
  int status = 2;

  if (argc != 1 || code_arg == NULL || !parse_number (document_arg, 1, &document_id)
      || !parse_number (start_arg, 0, &start) || !parse_number (end_arg, 0, &end))
    mg_cli_print_error ("annotate", _("annotate needs --document ID, --start S, --end E (numbers) "
                               "and --code NAME; see “marginalia-cli annotate --help”"));
  else
    status = annotate (store, document_id, start, end);
  free_arguments ();
  return status;
}

/* Names by id, for the TSV: the codebook and the sets are small. */
static GHashTable *
names_by_id (GListModel *items)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      gint64 *id = g_new (gint64, 1);
      g_autofree char *name = NULL;

      g_object_get (item, "id", id, "name", &name, NULL);
      g_hash_table_insert (names, id, mg_cli_tsv_field (name));
    }
  return names;
}

typedef struct
{
  GHashTable *codes;
  GHashTable *sets;
  gint64 code_id;
  gint64 set_id;
} Listing;

static void
listing_clear (Listing *listing)
{
  g_clear_pointer (&listing->codes, g_hash_table_unref);
  g_clear_pointer (&listing->sets, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Listing, listing_clear)

static void
print_annotations (Listing    *listing,
                   GListModel *annotations)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (annotations);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgAnnotation) a = g_list_model_get_item (annotations, i);
      gint64 set_id = mg_annotation_get_set_id (a);
      gint64 code_id = mg_annotation_get_code_id (a);
      g_autofree char *quote = mg_cli_tsv_field (mg_annotation_get_quote (a));
      g_autofree char *note = mg_cli_tsv_field (mg_annotation_get_note (a));

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%"
                              G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\n",
                              mg_annotation_get_id (a), mg_annotation_get_document_id (a),
                              (char *) g_hash_table_lookup (listing->sets, &set_id),
                              (char *) g_hash_table_lookup (listing->codes, &code_id),
                              mg_annotation_get_start (a), mg_annotation_get_end (a), quote,
                              note);
    }
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The documents to list, oldest first: the one of --document, or all. */
static GArray *
document_ids (MgStore  *store,
              GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GListModel) documents = NULL;
  gint64 id;

  if (document_arg != NULL)
    {
      if (!parse_number (document_arg, 1, &id))
        return NULL;
      g_array_append_val (ids, id);
      return g_steal_pointer (&ids);
    }
  documents = mg_store_list_documents (store, error);
  if (documents == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);

      id = mg_document_get_id (document);
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

/* Resolves --code and --set to ids; an unknown name is an error. */
static gboolean
resolve_filters (MgStore *store,
                 Listing *listing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;

  if (code_arg != NULL)
    {
      code = mg_store_find_code (store, code_arg, &error);
      if (code == NULL)
        {
          mg_cli_print_error (code_arg, error ? error->message
                                       : _("there is no code of this name in the codebook"));
          return FALSE;
        }
      listing->code_id = mg_code_get_id (code);
    }
  if (set_arg != NULL)
    {
      set = resolve_set (store);
      if (set == NULL)
        return FALSE;
      listing->set_id = mg_annotation_set_get_id (set);
    }
  return TRUE;
}

static gboolean
load_names (MgStore *store,
            Listing *listing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = mg_store_list_codes (store, &error);
  g_autoptr(GListModel) sets = codes ? mg_store_list_annotation_sets (store, &error) : NULL;

  if (sets == NULL)
    {
      mg_cli_print_error (mg_store_get_path (store), error->message);
      return FALSE;
    }
  listing->codes = names_by_id (codes);
  listing->sets = names_by_id (sets);
  return TRUE;
}

static int
list_annotations (MgStore *store,
                  GArray  *ids)
{
  g_auto(Listing) listing = { NULL, };

  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);

  if (!resolve_filters (store, &listing) || !load_names (store, &listing))
    return 1;
  /* Everything is read before anything is printed: a failure prints no partial table. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GListModel *annotations = mg_store_list_annotations (store, g_array_index (ids, gint64, i),
                                                           listing.code_id, listing.set_id,
                                                           &error);

      if (annotations == NULL)
        {
          mg_cli_print_error (document_arg ? document_arg : mg_store_get_path (store), error->message);
          return 1;
        }
      g_ptr_array_add (lists, annotations);
    }
  g_print ("id\tdocument\tset\tcode\tstart\tend\tquote\tnote\n");
  for (guint i = 0; i < lists->len; i++)
    print_annotations (&listing, g_ptr_array_index (lists, i));
  return 0;
}

/**
 * mg_cli_annotations:
 *
 * `annotations [--document ID] [--code NAME] [--set NAME]`: the passages as TSV, by
 * document and then in text order.
 */
int
mg_cli_annotations (MgStore  *store,
                    int       argc,
                    char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  int status = 2;

  if (argc != 1)
    mg_cli_print_error ("annotations", _("annotations takes no arguments besides its options; see "
                                  "“marginalia-cli annotations --help”"));
  else if ((ids = document_ids (store, &error)) == NULL && error == NULL)
    mg_cli_print_error ("annotations", _("--document needs a document ID (a number from "
                                  "“marginalia-cli list”)"));
  else if (ids == NULL)
    {
      mg_cli_print_error (mg_store_get_path (store), error->message);
      status = 1;
    }
  else
    status = list_annotations (store, ids);
  free_arguments ();
  return status;
}

/**
 * mg_cli_codes:
 *
 * `codes`: the codebook as a tree, two spaces of indent per level, each code with the
 * number of passages it carries after a tab.
 */
int
mg_cli_codes (MgStore  *store,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;
  guint n;

  if (argc != 1)
    {
      mg_cli_print_error ("codes", _("codes takes no arguments; see “marginalia-cli codes --help”"));
      return 2;
    }
  codes = mg_store_list_codes (store, &error);
  if (codes == NULL)
    {
      mg_cli_print_error (mg_store_get_path (store), error->message);
      return 1;
    }
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);
      g_autofree char *name = mg_cli_tsv_field (mg_code_get_name (code));

      g_print ("%*s%s\t%u\n", (int) mg_code_get_depth (code) * 2, "", name,
               mg_code_get_passage_count (code));
    }
  return 0;
}
