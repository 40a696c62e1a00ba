/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The native Marginalia XML: exports valid against data/marginalia-1.0.rng; export, import
 * into an empty library and export again give the same content; texts with combining marks,
 * astral characters and CRLF sources; hostile files refused with the library unchanged;
 * the scope filters. */
#include "config.h"

#include <string.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "mg-native-xml.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-entities.h"
#include "mg-store-private.h"
#include "mg-text-import.h"
#include "mg-xml-safe.h"

/* "e\u0301" is e and a combining acute; U+1D11E (𝄞) lies outside the BMP, one code point
 * but four bytes and two UTF-16 units. */
static const char harbour[] =
  "The harbour of Hà Nội opened at dawn. Caf\u00e9 and cafe\u0301 differ. The clef \U0001D11E "
  "marks the tune, and the pilots rowed out to meet the ships.";
static const char crlf_source[] = "First line of the log.\r\nSecond line, 𝄞 again.\r\nThird.\r\n";

typedef struct
{
  MgStore *store;
  gint64 harbour;
  gint64 log;
  gint64 mine;
  gint64 reviewer;
  gint64 trade;
  gint64 ships;
  char *dir;
} Fixture;

static gint64
offset_in (const char *text,
           const char *needle)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return g_utf8_pointer_to_offset (text, hit);
}

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, "file:///tmp/x.txt",
                                                    "text/plain");

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
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
  gint64 start = offset_in (text, passage);
  g_autoptr(MgAnnotation) a = mg_store_add_annotation (fixture->store, document, set, code,
                                                       start, start + g_utf8_strlen (passage, -1),
                                                       note, &error);

  g_assert_no_error (error);
}

static gint64
add_code (MgStore    *store,
          const char *name,
          gint64      parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_add_code (store, name, NULL, parent, &error);

  g_assert_no_error (error);
  return mg_code_get_id (code);
}

static MgStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
add_decision (MgStore *store,
              gint64   document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgEntityDecision) decision = mg_entity_decision_new (MG_ENTITY_DECISION_RETYPE,
                                                                 "Hà Nội", MG_ENTITY_TYPE_LOC,
                                                                 document);

  mg_store_add_entity_decision (store, decision, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) mine = NULL;
  g_autoptr(MgAnnotationSet) reviewer = NULL;
  g_autofree char *log = mg_text_import_decode (crlf_source, strlen (crlf_source), NULL, &error);

  g_assert_no_error (error);
  g_assert_null (strchr (log, '\r'));
  fixture->store = open_store ("library.sqlite3");
  fixture->dir = g_dir_make_tmp ("native-xml-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->harbour = add_document (fixture->store, "Harbour", harbour);
  fixture->log = add_document (fixture->store, "Log", log);
  mine = mg_store_get_default_annotation_set (fixture->store, &error);
  fixture->mine = mg_annotation_set_get_id (mine);
  reviewer = mg_store_create_annotation_set (fixture->store, "Reviewer", "Ana Lima", NULL,
                                             &error);
  g_assert_no_error (error);
  fixture->reviewer = mg_annotation_set_get_id (reviewer);
  fixture->trade = add_code (fixture->store, "Trade", 0);
  fixture->ships = add_code (fixture->store, "Ships", fixture->trade);
  mg_store_set_code_description (fixture->store, fixture->ships, "Vessels & <cargo>", &error);
  g_assert_no_error (error);
  tag (fixture, fixture->harbour, harbour, fixture->mine, fixture->trade, "Hà Nội", "a \"note\"\nwith two lines");
  tag (fixture, fixture->harbour, harbour, fixture->mine, fixture->ships, "cafe\u0301", NULL);
  tag (fixture, fixture->harbour, harbour, fixture->reviewer, fixture->ships, "\U0001D11E marks", "astral");
  tag (fixture, fixture->log, log, fixture->reviewer, fixture->trade, "Second line, 𝄞", NULL);
  add_decision (fixture->store, fixture->harbour);
  add_decision (fixture->store, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
}

static GBytes *
export_bytes (MgStore             *store,
              const MgExportScope *scope)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = mg_native_xml_export_bytes (store, scope, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static char *
export_file (Fixture             *fixture,
             MgStore             *store,
             const MgExportScope *scope,
             const char          *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  mg_native_xml_export (store, scope, path, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static xmlDoc *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDoc *doc = mg_xml_safe_read_memory (data, size, "export.xml", &error);

  g_assert_no_error (error);
  return doc;
}

/* Against the schema file as shipped, with libxml2's own RELAX NG API. */
static void
assert_valid (xmlDoc *doc)
{
  g_autofree char *rng = g_test_build_filename (G_TEST_DIST, "..", "data", "marginalia-1.0.rng",
                                                NULL);
  xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (rng);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (parser);
  xmlRelaxNGValidCtxtPtr validator = xmlRelaxNGNewValidCtxt (schema);

  g_assert_nonnull (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (validator, doc), ==, 0);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (parser);
}

static xmlXPathObjectPtr
xpath (xmlDoc     *doc,
       const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;

  xmlXPathRegisterNs (context, (const xmlChar *) "m", (const xmlChar *) MG_NATIVE_XML_NAMESPACE);
  result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  xmlXPathFreeContext (context);
  g_assert_nonnull (result);
  return result;
}

static int
count (xmlDoc     *doc,
       const char *expression)
{
  g_autofree char *counted = g_strdup_printf ("count(%s)", expression);
  xmlXPathObjectPtr result = xpath (doc, counted);
  int n = (int) result->floatval;

  xmlXPathFreeObject (result);
  return n;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup (value != NULL ? (const char *) value : "-");

  xmlFree (value);
  return copy;
}

static char *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0)
      {
        xmlChar *value = xmlNodeGetContent (c);
        char *copy = g_strdup ((const char *) value);

        xmlFree (value);
        return copy;
      }
  return g_strdup ("-");
}

static void
add_line (GPtrArray *lines,
          xmlNode   *node,
          const char *kind,
          const char * const *props,
          const char * const *children,
          const char *extra)
{
  GString *line = g_string_new (kind);

  for (guint i = 0; props[i] != NULL; i++)
    {
      g_autofree char *value = prop (node, props[i]);

      g_string_append_printf (line, " %s=%s", props[i], value);
    }
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *value = child (node, children[i]);

      g_string_append_printf (line, " <%s>%s", children[i], value);
    }
  g_string_append_printf (line, " %s", extra);
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

/* Codes by their path; the uuid too, except the default code's: each library makes its own. */
static void
normalise_codes (xmlNode    *parent,
                 const char *path,
                 GHashTable *paths,
                 GPtrArray  *lines)
{
  static const char * const props[] = { "colour", "created", "modified", NULL };
  static const char * const children[] = { "description", NULL };

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *uuid = NULL;
      char *here;

      if (node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, "code") != 0)
        continue;
      name = prop (node, "name");
      uuid = prop (node, "uuid");
      here = g_strconcat (path, "/", name, NULL);
      g_hash_table_insert (paths, g_strdup (uuid), here);
      add_line (lines, node, "code", props, children,
                strcmp (here, "/Highlight") == 0 ? here : uuid);
      normalise_codes (node, here, paths, lines);
    }
}

static void
normalise_set (xmlNode    *set,
               GHashTable *paths,
               GPtrArray  *lines)
{
  static const char * const props[] = { "uuid", "document", "start", "end", "created",
                                        "modified", "orphaned", NULL };
  static const char * const children[] = { "quote", "prefix", "suffix", "note", NULL };
  g_autofree char *author = prop (set, "author");

  for (xmlNode *node = set->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        g_autofree char *code = prop (node, "code");
        g_autofree char *extra = g_strdup_printf ("%s by %s",
                                                  (char *) g_hash_table_lookup (paths, code),
                                                  author);

        add_line (lines, node, "annotation", props, children, extra);
      }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What must survive a round trip, one sorted line per item. Left out: the time of export,
 * the sets' names, uuids and origins (an import makes new sets) and sets without passages. */
static char *
normalise (GBytes *bytes)
{
  static const char * const doc_props[] = { "uuid", "sha256", "chars", "media-type",
                                            "imported", NULL };
  static const char * const doc_children[] = { "title", "source", "text", NULL };
  static const char * const dec_props[] = { "uuid", "kind", "key", "type", "alias-of",
                                            "document", "created", NULL };
  static const char * const dec_children[] = { "text", NULL };
  g_autoptr(xmlDoc) doc = parse_bytes (bytes);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *part = root->children; part != NULL; part = part->next)
    {
      if (part->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp ((const char *) part->name, "codebook") == 0)
        normalise_codes (part, "", paths, lines);
    }
  for (xmlNode *part = root->children; part != NULL; part = part->next)
    for (xmlNode *node = part->children; node != NULL; node = node->next)
      {
        if (node->type != XML_ELEMENT_NODE)
          continue;
        if (strcmp ((const char *) node->name, "document") == 0)
          add_line (lines, node, "document", doc_props, doc_children, "");
        else if (strcmp ((const char *) node->name, "annotation-set") == 0)
          normalise_set (node, paths, lines);
        else if (strcmp ((const char *) node->name, "entity-decision") == 0)
          add_line (lines, node, "decision", dec_props, dec_children, "");
      }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_bytes (fixture->store, NULL);
  g_autoptr(xmlDoc) doc = parse_bytes (bytes);

  assert_valid (doc);
  g_assert_cmpint (count (doc, "/m:marginalia/m:documents/m:document"), ==, 2);
  g_assert_cmpint (count (doc, "//m:code[@name='Trade']/m:code[@name='Ships']"), ==, 1);
  g_assert_cmpint (count (doc, "//m:annotation"), ==, 4);
  g_assert_cmpint (count (doc, "//m:entity-decision"), ==, 2);
  /* Offsets in code points: the astral clef counts one. */
  g_assert_cmpint (count (doc, "//m:annotation[m:note='astral' and @end - @start = 7]"), ==, 1);
}

static void
import_ok (MgStore         *store,
           const char      *path,
           MgImportSummary *summary)
{
  g_autoptr(GError) error = NULL;

  mg_native_xml_import (store, path, summary, NULL, &error);
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = export_file (fixture, fixture->store, NULL, "work.xml");
  g_autoptr(MgStore) empty = open_store ("empty.sqlite3");
  g_autoptr(GBytes) first = export_bytes (fixture->store, NULL);
  g_autoptr(GBytes) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;
  MgImportSummary summary = { 0 };

  import_ok (empty, path, &summary);
  for (guint i = 0; summary.not_placed != NULL && i < summary.not_placed->len; i++)
    g_test_message ("not placed: %s", (char *) g_ptr_array_index (summary.not_placed, i));
  g_assert_cmpuint (summary.documents_added, ==, 2);
  g_assert_cmpuint (summary.documents_matched, ==, 0);
  g_assert_cmpuint (summary.codes_created, ==, 2);
  g_assert_cmpuint (summary.codes_matched, ==, 1);
  g_assert_cmpuint (summary.annotations_added, ==, 4);
  g_assert_cmpuint (summary.entity_decisions_added, ==, 2);
  g_assert_null (summary.not_placed);
  set = mg_store_get_annotation_set (empty, summary.set_id, NULL);
  g_assert_cmpstr (mg_annotation_set_get_name (set), ==, "work.xml: Mine");
  mg_import_summary_clear (&summary);

  second = export_bytes (empty, NULL);
  before = normalise (first);
  after = normalise (second);
  g_assert_cmpstr (before, ==, after);

  /* Again into the same library: everything matches, the passages come in as a new set. */
  import_ok (empty, path, &summary);
  g_assert_cmpuint (summary.documents_matched, ==, 2);
  g_assert_cmpuint (summary.codes_matched, ==, 3);
  g_assert_cmpuint (summary.codes_created, ==, 0);
  g_assert_cmpuint (summary.annotations_added, ==, 4);
  g_assert_cmpuint (summary.entity_decisions_added, ==, 0);
  g_clear_object (&set);
  set = mg_store_get_annotation_set (empty, summary.set_id, NULL);
  g_assert_cmpstr (mg_annotation_set_get_name (set), ==, "work.xml: Mine 2");
  mg_import_summary_clear (&summary);
}

/* Every row of the tables an import writes, as text. */
static char *
dump (MgStore *store)
{
  static const char * const tables[] = { "documents", "codes", "annotation_sets",
                                         "annotations", "entity_decisions", NULL };
  GString *out = g_string_new (NULL);

  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = mg_store_prepare (store, sql, NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static void
assert_refused (Fixture    *fixture,
                const char *content,
                int         code)
{
  g_autofree char *path = g_build_filename (fixture->dir, "hostile.xml", NULL);
  g_autofree char *before = dump (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MgImportSummary summary = { 0 };

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  g_assert_false (mg_native_xml_import (fixture->store, path, &summary, NULL, &error));
  g_assert_error (error, MG_XML_ERROR, code);
  g_assert_nonnull (strstr (error->message, "hostile.xml"));
  g_assert_cmpuint (summary.annotations_added, ==, 0);
  g_assert_null (summary.not_placed);
  after = dump (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_bytes (fixture->store, NULL);
  g_autofree char *good = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);
  g_autofree char *tampered = NULL;
  GString *swapped = g_string_new (good);

  assert_refused (fixture, "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY e SYSTEM "
                  "'file:///etc/passwd'>]><marginalia xmlns='" MG_NATIVE_XML_NAMESPACE
                  "' version='1.0'>&e;</marginalia>", MG_XML_ERROR_ENTITIES);
  assert_refused (fixture, "<!DOCTYPE m [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;"
                  "&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><m>&c;</m>",
                  MG_XML_ERROR_ENTITIES);
  assert_refused (fixture, "<marginalia xmlns='urn:other' version='1.0'/>",
                  MG_XML_ERROR_INVALID);
  assert_refused (fixture, "<marginalia xmlns='" MG_NATIVE_XML_NAMESPACE "' version='9.0'/>",
                  MG_XML_ERROR_INVALID);
  assert_refused (fixture, truncated, MG_XML_ERROR_MALFORMED);
  /* Well-formed but off the schema: an offset that is not a number. */
  g_string_replace (swapped, "start=\"", "start=\"x", 1);
  tampered = g_string_free (swapped, FALSE);
  assert_refused (fixture, tampered, MG_XML_ERROR_INVALID);
}

/* A failure inside the transaction (here a cancellation) rolls everything back. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MgStore) empty = open_store ("empty.sqlite3");
  g_autofree char *before = dump (empty);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  g_autoptr(GPtrArray) added = NULL;

  for (gint64 i = 0; i < 2000; i++)
    {
      MgRange range = { i % 100, i % 100 + 1 + i / 100 };

      g_array_append_val (ranges, range);
    }
  added = mg_store_add_annotations (fixture->store, fixture->harbour, fixture->mine,
                                    fixture->trade, (MgRange *) ranges->data, ranges->len,
                                    NULL, &error);
  g_assert_no_error (error);
  path = export_file (fixture, fixture->store, NULL, "big.xml");
  g_cancellable_cancel (cancellable);
  g_assert_false (mg_native_xml_import (empty, path, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = dump (empty);
  g_assert_cmpstr (before, ==, after);
}

static void
test_without_text (Fixture       *fixture,
                   gconstpointer  data)
{
  MgExportScope scope = { .include_text = FALSE };
  g_autofree char *path = export_file (fixture, fixture->store, &scope, "bare.xml");
  g_autoptr(MgStore) empty = open_store ("empty.sqlite3");
  g_autoptr(GBytes) bytes = export_bytes (fixture->store, &scope);
  g_autoptr(xmlDoc) doc = parse_bytes (bytes);
  MgImportSummary summary = { 0 };

  assert_valid (doc);
  g_assert_cmpint (count (doc, "//m:document/m:text"), ==, 0);
  import_ok (empty, path, &summary);
  g_assert_cmpuint (summary.documents_added, ==, 0);
  g_assert_cmpuint (summary.annotations_added, ==, 0);
  g_assert_cmpuint (summary.entity_decisions_added, ==, 1);
  /* Each document said why, then the passages of each, then the one entity decision. */
  g_assert_cmpuint (summary.not_placed->len, ==, 5);
  mg_import_summary_clear (&summary);

  /* Into the library that has the texts: matched by SHA-256. */
  import_ok (fixture->store, path, &summary);
  g_assert_cmpuint (summary.documents_matched, ==, 2);
  g_assert_cmpuint (summary.annotations_added, ==, 4);
  mg_import_summary_clear (&summary);
}

static void
test_scope (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  MgExportScope scope = { .include_text = TRUE };
  g_autoptr(GBytes) one_doc = NULL, one_set = NULL, one_code = NULL;
  g_autoptr(xmlDoc) d1 = NULL, d2 = NULL, d3 = NULL;

  g_array_append_val (ids, fixture->log);
  scope.document_ids = ids;
  one_doc = export_bytes (fixture->store, &scope);
  d1 = parse_bytes (one_doc);
  assert_valid (d1);
  g_assert_cmpint (count (d1, "//m:document"), ==, 1);
  g_assert_cmpint (count (d1, "//m:annotation"), ==, 1);
  g_assert_cmpint (count (d1, "//m:entity-decision"), ==, 1);

  scope.document_ids = NULL;
  g_ptr_array_add (sets, (char *) "Reviewer");
  scope.set_names = sets;
  one_set = export_bytes (fixture->store, &scope);
  d2 = parse_bytes (one_set);
  assert_valid (d2);
  g_assert_cmpint (count (d2, "//m:annotation-set"), ==, 1);
  g_assert_cmpint (count (d2, "//m:annotation"), ==, 2);

  scope.set_names = NULL;
  g_ptr_array_add (codes, (char *) "Ships");
  scope.code_names = codes;
  one_code = export_bytes (fixture->store, &scope);
  d3 = parse_bytes (one_code);
  assert_valid (d3);
  /* Ships with its parent, so its place in the tree travels; only its passages. */
  g_assert_cmpint (count (d3, "//m:code"), ==, 2);
  g_assert_cmpint (count (d3, "//m:annotation"), ==, 2);
}

/* A failed export leaves the file that was there. */
static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "kept.xml", NULL);
  g_autofree char *content = NULL;

  g_file_set_contents (path, "good", -1, &error);
  g_cancellable_cancel (cancellable);
  g_assert_false (mg_native_xml_export (fixture->store, NULL, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (path, &content, NULL, NULL);
  g_assert_cmpstr (content, ==, "good");
  g_clear_error (&error);
  g_assert_false (mg_native_xml_export (fixture->store, NULL, "/nonexistent/dir/x.xml", NULL,
                                        &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/native-xml/valid", test_valid);
  ADD ("/native-xml/round-trip", test_round_trip);
  ADD ("/native-xml/hostile", test_hostile);
  ADD ("/native-xml/rollback", test_rollback);
  ADD ("/native-xml/without-text", test_without_text);
  ADD ("/native-xml/scope", test_scope);
  ADD ("/native-xml/atomic", test_atomic);
#undef ADD

  return g_test_run ();
}
