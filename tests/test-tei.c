/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TEI export: validity against tei_all.rng (compiled once per run: it takes seconds), every
 * pointer resolved back to the stored quote, the texts joined back exactly, the scope, and
 * failed exports that leave the file already there alone. */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <string.h>
#include <unistd.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-tei.h"

/* A combining mark with no precomposed form (q + U+0307, kept apart under NFC) and an astral
 * character (U+1D11E, two UTF-16 units, four UTF-8 bytes, one code point). */
static const char music[] =
  "The q\xCC\x87uill wrote a clef \xF0\x9D\x84\x9E on the staff.\n"
  "Then the reader sang it.\n";

/* Paragraphs cut at "\n\n": a third line feed opens the next one; a form feed, which XML
 * cannot carry, opens the last one and still counts one character. */
static const char harbour[] =
  "The harbour opened at dawn.\nShips waited beyond the bar.\n\n"
  "By noon the quays were full.\n\n\n"
  "Rice, timber and news came in.\n\n"
  "\fPage two begins.";

static xmlRelaxNGPtr schema;

typedef struct
{
  MgStore *store;
  gint64 music;
  gint64 harbour;
  gint64 mine;
  gint64 reviewer;
  gint64 themes;
  gint64 trade;
  gint64 weather;
  char *path;
} Fixture;

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *body,
              const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, body, uri, "text/plain");

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static gint64
add_code (Fixture    *fixture,
          const char *name,
          gint64      parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_add_code (fixture->store, name, NULL, parent, &error);

  g_assert_no_error (error);
  return mg_code_get_id (code);
}

static void
tag (Fixture    *fixture,
     gint64      document,
     const char *text,
     gint64      set,
     gint64      code,
     const char *passage,
     const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = NULL;
  const char *hit = strstr (text, passage);
  gint64 start;

  g_assert_nonnull (hit);
  start = g_utf8_pointer_to_offset (text, hit);
  annotation = mg_store_add_annotation (fixture->store, document, set, code, start,
                                        start + g_utf8_strlen (passage, -1), note, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_annotation_get_quote (annotation), ==, passage);
}

static void
add_sets (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) mine = mg_store_get_default_annotation_set (fixture->store,
                                                                          &error);
  g_autoptr(MgAnnotationSet) reviewer = NULL;

  g_assert_no_error (error);
  reviewer = mg_store_create_annotation_set (fixture->store, "Reviewer", "Ana Lima", "local",
                                             &error);
  g_assert_no_error (error);
  fixture->mine = mg_annotation_set_get_id (mine);
  fixture->reviewer = mg_annotation_set_get_id (reviewer);
}

static void
add_passages (Fixture *fixture)
{
  tag (fixture, fixture->music, music, fixture->mine, fixture->themes,
       "q\xCC\x87uill wrote", "A mark that never composes.");
  tag (fixture, fixture->music, music, fixture->mine, fixture->weather,
       "wrote a clef \xF0\x9D\x84\x9E on", NULL);
  tag (fixture, fixture->music, music, fixture->reviewer, fixture->trade,
       "\xF0\x9D\x84\x9E on the staff.\nThen", "Across a line <break> & more");
  tag (fixture, fixture->harbour, harbour, fixture->mine, fixture->trade,
       "dawn.\nShips", NULL);
  tag (fixture, fixture->harbour, harbour, fixture->mine, fixture->weather,
       "bar.\n\nBy noon", "Crosses one paragraph break.");
  tag (fixture, fixture->harbour, harbour, fixture->reviewer, fixture->trade,
       "full.\n\n\nRice, timber", "Crosses a break of three line feeds.");
  tag (fixture, fixture->harbour, harbour, fixture->reviewer, fixture->themes,
       "noon the quays were full.\n\n\nRice, timber and news came in.\n\n\fPage", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "library.sqlite3",
                                               NULL);

  fixture->store = mg_store_open (library, &error);
  g_assert_no_error (error);
  fixture->music = add_document (fixture->store, "Music", music, "file:///texts/music.txt");
  fixture->harbour = add_document (fixture->store, "Harbour", harbour, NULL);
  fixture->themes = add_code (fixture, "Themes", 0);
  fixture->trade = add_code (fixture, "Trade", fixture->themes);
  fixture->weather = add_code (fixture, "Weather", 0);
  mg_store_set_code_description (fixture->store, fixture->trade, "Goods & money", &error);
  g_assert_no_error (error);
  add_sets (fixture);
  add_passages (fixture);
  fixture->path = g_build_filename (g_get_user_data_dir (), "export.tei.xml", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static xmlDocPtr
export (Fixture             *fixture,
        const MgExportScope *scope)
{
  g_autoptr(GError) error = NULL;
  xmlDocPtr doc;

  g_assert_true (mg_tei_export (fixture->store, scope, fixture->path, NULL, &error));
  g_assert_no_error (error);
  doc = xmlReadFile (fixture->path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_valid (xmlDocPtr doc)
{
  xmlRelaxNGValidCtxtPtr context;

  if (schema == NULL)
    {
      g_test_message ("tei_all.rng not found: validity not checked");
      return;
    }
  context = xmlRelaxNGNewValidCtxt (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (context, doc), ==, 0);
  xmlRelaxNGFreeValidCtxt (context);
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
get_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = g_str_equal (name, "xml:id")
                   ? xmlGetNsProp (node, BAD_CAST "id", XML_XML_NAMESPACE)
                   : xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The reading rule of the export: text as written, <lb/> adds nothing, a control character
 * comes back from its <g type="control" n="U+XXXX">. */
static void
append_string_value (GString    *out,
                     xmlNodePtr  node)
{
  xmlNodePtr child;

  for (child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        g_string_append (out, (const char *) child->content);
      else if (is_element (child, "g"))
        {
          g_autofree char *n = get_attr (child, "n");

          g_string_append_unichar (out, (gunichar) g_ascii_strtoull (n + 2, NULL, 16));
        }
      else
        append_string_value (out, child);
    }
}

static void
collect (xmlNodePtr  node,
         const char *name,
         GPtrArray  *out)
{
  xmlNodePtr child;

  for (child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, name))
        g_ptr_array_add (out, child);
      collect (child, name, out);
    }
}

static GPtrArray *
elements (xmlDocPtr   doc,
          const char *name)
{
  GPtrArray *out = g_ptr_array_new ();

  collect ((xmlNodePtr) doc, name, out);
  return out;
}

/* xml:id of every paragraph to its string value. */
static GHashTable *
paragraph_texts (xmlDocPtr doc)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) paragraphs = elements (doc, "p");
  guint i;

  for (i = 0; i < paragraphs->len; i++)
    {
      xmlNodePtr p = g_ptr_array_index (paragraphs, i);
      char *id = get_attr (p, "xml:id");
      GString *value = g_string_new (NULL);

      append_string_value (value, p);
      if (id == NULL)
        g_string_free (value, TRUE);
      else
        g_hash_table_insert (texts, id, g_string_free (value, FALSE));
    }
  return texts;
}

static const char *
paragraph (GHashTable *texts,
           const char *document,
           guint       number)
{
  g_autofree char *id = g_strdup_printf ("%s.p%u", document, number);
  const char *text = g_hash_table_lookup (texts, id);

  g_assert_nonnull (text);
  return text;
}

static void
split_id (const char  *id,
          char       **out_document,
          guint       *out_number)
{
  const char *dot = strrchr (id, '.');

  g_assert_nonnull (dot);
  g_assert_true (dot[1] == 'p');
  *out_document = g_strndup (id, (gsize) (dot - id));
  *out_number = (guint) g_ascii_strtoull (dot + 2, NULL, 10);
}

static char *
resolve_single (GHashTable *texts,
                GMatchInfo *match)
{
  g_autofree char *id = g_match_info_fetch (match, 1);
  g_autofree char *offset = g_match_info_fetch (match, 2);
  g_autofree char *length = g_match_info_fetch (match, 3);
  const char *text = g_hash_table_lookup (texts, id);
  glong from = (glong) g_ascii_strtoll (offset, NULL, 10);

  g_assert_nonnull (text);
  g_assert_cmpint (from + g_ascii_strtoll (length, NULL, 10), <=, g_utf8_strlen (text, -1));
  return g_utf8_substring (text, from, from + (glong) g_ascii_strtoll (length, NULL, 10));
}

/* A range runs from a point in its first paragraph to the end of a prefix of its last; the
 * paragraphs between join with the "\n\n" they were cut at. */
static char *
resolve_range (GHashTable *texts,
               GMatchInfo *match)
{
  g_autofree char *first = g_match_info_fetch (match, 1);
  g_autofree char *offset = g_match_info_fetch (match, 2);
  g_autofree char *last = g_match_info_fetch (match, 3);
  g_autofree char *length = g_match_info_fetch (match, 4);
  g_autofree char *document = NULL;
  g_autofree char *last_document = NULL;
  GString *out = g_string_new (NULL);
  guint from = 0;
  guint to = 0;
  guint i;

  split_id (first, &document, &from);
  split_id (last, &last_document, &to);
  g_assert_cmpstr (document, ==, last_document);
  g_assert_cmpuint (from, <, to);
  g_string_append (out, g_utf8_offset_to_pointer (paragraph (texts, document, from),
                                                  g_ascii_strtoll (offset, NULL, 10)));
  for (i = from + 1; i < to; i++)
    g_string_append_printf (out, "\n\n%s", paragraph (texts, document, i));
  g_string_append (out, "\n\n");
  g_string_append_len (out, paragraph (texts, document, to),
                       g_utf8_offset_to_pointer (paragraph (texts, document, to),
                                                 g_ascii_strtoll (length, NULL, 10))
                       - paragraph (texts, document, to));
  return g_string_free (out, FALSE);
}

static char *
resolve (GHashTable *texts,
         const char *target)
{
  g_autoptr(GRegex) single = g_regex_new ("^#string-range\\(([^,()]+),(\\d+),(\\d+)\\)$", 0, 0,
                                          NULL);
  g_autoptr(GRegex) range = g_regex_new ("^#range\\(string-range\\(([^,()]+),(\\d+),0\\),"
                                         "string-range\\(([^,()]+),0,(\\d+)\\)\\)$", 0, 0,
                                         NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (single, target, 0, &match))
    return resolve_single (texts, match);
  g_clear_pointer (&match, g_match_info_unref);
  if (g_regex_match (range, target, 0, &match))
    return resolve_range (texts, match);
  g_assert_not_reached ();
}

/* Every passage in the library by uuid, to its quote. */
static GHashTable *
stored_quotes (Fixture *fixture)
{
  GHashTable *quotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 documents[] = { fixture->music, fixture->harbour };
  guint d;
  guint i;

  for (d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      g_autoptr(GListModel) list = mg_store_list_annotations (fixture->store, documents[d],
                                                              0, 0, NULL);

      for (i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MgAnnotation) annotation = g_list_model_get_item (list, i);

          g_hash_table_insert (quotes,
                               g_strconcat ("ann-", mg_annotation_get_uuid (annotation), NULL),
                               g_strdup (mg_annotation_get_quote (annotation)));
        }
    }
  return quotes;
}

static void
collect_ids (xmlNodePtr  node,
             GHashTable *ids)
{
  xmlNodePtr child;

  for (child = node->children; child != NULL; child = child->next)
    {
      char *id;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      id = get_attr (child, "xml:id");
      if (id != NULL)
        g_hash_table_add (ids, id);
      collect_ids (child, ids);
    }
}

static GHashTable *
all_ids (xmlDocPtr doc)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_ids ((xmlNodePtr) doc, ids);
  return ids;
}

static void
assert_pointer (GHashTable *ids,
                xmlNodePtr  annotation,
                const char *name)
{
  g_autofree char *value = get_attr (annotation, name);

  g_assert_nonnull (value);
  g_assert_true (value[0] == '#');
  g_assert_true (g_hash_table_contains (ids, value + 1));
}

/* Returns how many annotations the file holds; each one's pointer gives its stored quote. */
static guint
assert_pointers_resolve (Fixture   *fixture,
                         xmlDocPtr  doc)
{
  g_autoptr(GHashTable) texts = paragraph_texts (doc);
  g_autoptr(GHashTable) quotes = stored_quotes (fixture);
  g_autoptr(GHashTable) ids = all_ids (doc);
  g_autoptr(GPtrArray) annotations = elements (doc, "annotation");
  guint i;

  for (i = 0; i < annotations->len; i++)
    {
      xmlNodePtr annotation = g_ptr_array_index (annotations, i);
      g_autofree char *id = get_attr (annotation, "xml:id");
      g_autofree char *target = get_attr (annotation, "target");
      g_autofree char *found = resolve (texts, target);

      g_assert_cmpstr (found, ==, g_hash_table_lookup (quotes, id));
      assert_pointer (ids, annotation, "ana");
      assert_pointer (ids, annotation, "resp");
    }
  return annotations->len;
}

/* Each <body>'s paragraphs joined with "\n\n" are one of the stored texts (@expected ends
 * with NULL). */
static void
assert_texts_join (xmlDocPtr            doc,
                   const char * const  *expected,
                   guint                n_expected)
{
  g_autoptr(GPtrArray) bodies = elements (doc, "body");
  guint i;

  g_assert_cmpuint (bodies->len, ==, n_expected);
  for (i = 0; i < bodies->len; i++)
    {
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
      g_autoptr(GString) joined = g_string_new (NULL);
      guint j;

      collect (g_ptr_array_index (bodies, i), "p", paragraphs);
      for (j = 0; j < paragraphs->len; j++)
        {
          if (j > 0)
            g_string_append (joined, "\n\n");
          append_string_value (joined, g_ptr_array_index (paragraphs, j));
        }
      g_assert_true (g_strv_contains (expected, joined->str));
    }
}

static char *
content (xmlNodePtr node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static guint
count_elements (xmlDocPtr   doc,
                const char *name)
{
  g_autoptr(GPtrArray) found = elements (doc, name);

  return found->len;
}

static const char *
root_name (xmlDocPtr doc)
{
  return (const char *) xmlDocGetRootElement (doc)->name;
}

static void
test_library (Fixture       *fixture,
              gconstpointer  data)
{
  const char *texts[] = { music, harbour, NULL };
  xmlDocPtr doc = export (fixture, NULL);
  g_autoptr(GPtrArray) teis = elements (doc, "TEI");
  g_autoptr(GPtrArray) categories = elements (doc, "category");
  g_autoptr(GPtrArray) respStmts = elements (doc, "respStmt");

  assert_valid (doc);
  g_assert_cmpstr (root_name (doc), ==, "teiCorpus");
  g_assert_cmpuint (teis->len, ==, 2);
  g_assert_cmpuint (assert_pointers_resolve (fixture, doc), ==, 7);
  assert_texts_join (doc, texts, G_N_ELEMENTS (texts) - 1);
  /* Highlight, Themes > Trade, Weather: the child nests in its parent. */
  g_assert_cmpuint (categories->len, ==, 4);
  g_assert_cmpuint (respStmts->len, ==, 2);
  xmlFreeDoc (doc);
}

static void
test_tree (Fixture       *fixture,
           gconstpointer  data)
{
  xmlDocPtr doc = export (fixture, NULL);
  g_autoptr(GPtrArray) categories = elements (doc, "category");
  g_autoptr(GPtrArray) glosses = elements (doc, "gloss");
  g_autofree char *gloss = NULL;
  g_autoptr(MgCode) trade = mg_store_get_code (fixture->store, fixture->trade, NULL);
  g_autoptr(MgCode) themes = mg_store_get_code (fixture->store, fixture->themes, NULL);
  g_autofree char *trade_id = g_strconcat ("code-", mg_code_get_uuid (trade), NULL);
  g_autofree char *themes_id = g_strconcat ("code-", mg_code_get_uuid (themes), NULL);
  guint i;

  g_assert_cmpuint (glosses->len, ==, 1);
  gloss = content (g_ptr_array_index (glosses, 0));
  g_assert_cmpstr (gloss, ==, "Goods & money");
  for (i = 0; i < categories->len; i++)
    {
      xmlNodePtr category = g_ptr_array_index (categories, i);
      g_autofree char *id = get_attr (category, "xml:id");
      g_autofree char *parent = get_attr (category->parent, "xml:id");
      g_autofree char *style = get_attr (category, "style");

      g_assert_true (g_str_has_prefix (style, "background-color: #"));
      if (g_str_equal (id, trade_id))
        g_assert_cmpstr (parent, ==, themes_id);
    }
  xmlFreeDoc (doc);
}

static void
test_one_document (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  MgExportScope scope = { ids, NULL, NULL, TRUE };
  const char *texts[] = { harbour, NULL };
  xmlDocPtr doc;

  g_array_append_val (ids, fixture->harbour);
  doc = export (fixture, &scope);
  assert_valid (doc);
  g_assert_cmpstr (root_name (doc), ==, "TEI");
  g_assert_cmpuint (assert_pointers_resolve (fixture, doc), ==, 4);
  assert_texts_join (doc, texts, G_N_ELEMENTS (texts) - 1);
  xmlFreeDoc (doc);
}

static void
test_one_set (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  MgExportScope scope = { NULL, names, NULL, TRUE };
  xmlDocPtr doc;
  g_autoptr(GPtrArray) persons = NULL;
  g_autofree char *author = NULL;

  g_ptr_array_add (names, (gpointer) "Reviewer");
  doc = export (fixture, &scope);
  assert_valid (doc);
  g_assert_cmpuint (assert_pointers_resolve (fixture, doc), ==, 3);
  g_assert_cmpuint (count_elements (doc, "respStmt"), ==, 1);
  persons = elements (doc, "name");
  g_assert_cmpuint (persons->len, ==, 1);
  author = content (g_ptr_array_index (persons, 0));
  g_assert_cmpstr (author, ==, "Ana Lima");
  xmlFreeDoc (doc);
}

/* One code: its passages only, and the taxonomy keeps its parent so the nesting holds. */
static void
test_one_code (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  MgExportScope scope = { NULL, NULL, names, FALSE };
  xmlDocPtr doc;

  g_ptr_array_add (names, (gpointer) "Trade");
  doc = export (fixture, &scope);
  assert_valid (doc);
  g_assert_cmpuint (count_elements (doc, "category"), ==, 2);
  g_assert_cmpuint (count_elements (doc, "body"), ==, 0);
  g_assert_cmpuint (count_elements (doc, "annotation"), ==, 3);
  xmlFreeDoc (doc);
}

static void
test_unknown_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  MgExportScope sets = { NULL, names, NULL, TRUE };
  MgExportScope codes = { NULL, NULL, names, TRUE };

  g_ptr_array_add (names, (gpointer) "Nobody");
  g_assert_false (mg_tei_export (fixture->store, &sets, fixture->path, NULL, &error));
  g_assert_error (error, MG_TEI_ERROR, MG_TEI_ERROR_UNKNOWN_NAME);
  g_clear_error (&error);
  g_assert_false (mg_tei_export (fixture->store, &codes, fixture->path, NULL, &error));
  g_assert_error (error, MG_TEI_ERROR, MG_TEI_ERROR_UNKNOWN_NAME);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "empty.sqlite3", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "empty.xml", NULL);
  g_autoptr(MgStore) store = mg_store_open (library, &error);

  g_assert_no_error (error);
  g_assert_false (mg_tei_export (store, NULL, path, NULL, &error));
  g_assert_error (error, MG_TEI_ERROR, MG_TEI_ERROR_EMPTY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
assert_untouched (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a good file\n");
}

static void
test_failed_keeps_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "export.xml", NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "a good file\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (mg_tei_export (fixture->store, NULL, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_untouched (path);
  /* Root writes into a read-only folder anyway: there, only cancelling can be checked. */
  if (getuid () != 0)
    {
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      g_assert_false (mg_tei_export (fixture->store, NULL, path, NULL, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
      assert_untouched (path);
    }
  g_clear_error (&error);
  g_assert_false (mg_tei_export (fixture->store, NULL, folder, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static xmlRelaxNGPtr
load_schema (void)
{
  const char *path = g_getenv ("MG_TEI_SCHEMA");
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr loaded;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  parser = xmlRelaxNGNewParserCtxt (path);
  loaded = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  g_assert_nonnull (loaded);
  return loaded;
}

#define ADD(name, test) \
  g_test_add (name, Fixture, NULL, fixture_set_up, test, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  schema = load_schema ();

  ADD ("/tei/library", test_library);
  ADD ("/tei/codebook-tree", test_tree);
  ADD ("/tei/scope/document", test_one_document);
  ADD ("/tei/scope/set", test_one_set);
  ADD ("/tei/scope/code-without-text", test_one_code);
  ADD ("/tei/scope/unknown-names", test_unknown_names);
  g_test_add_func ("/tei/empty-library", test_empty);
  ADD ("/tei/failed-export-keeps-file", test_failed_keeps_file);

  status = g_test_run ();
  g_clear_pointer (&schema, xmlRelaxNGFree);
  return status;
}
