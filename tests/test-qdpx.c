/* SPDX-License-Identifier: GPL-3.0-or-later */
/* REFI-QDA exchange: the export unzipped and checked against the REFI schemas, the round trip
 * into an empty library, hostile archives refused with the library unchanged, and a project
 * written the way other tools write theirs. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "mg-qdpx.h"
#include "mg-qdpx-private.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-xml-safe.h"

/* A combining mark with no precomposed form (q + U+0307) and an astral character (U+1D11E):
 * offsets that count bytes or UTF-16 units would both go wrong here. */
static const char text_marks[] =
  "Caf\xc3\xa9 q\xcc\x87uiet \xf0\x9d\x84\x9e clef, a line.\nThe second line ends here.";
static const char text_plain[] = "The harbour waited for the tide and the pilots.";

typedef struct
{
  const char *name;
  const char *data;
  gsize length;
  gboolean symlink;
  gboolean unknown_size;
} Entry;

static MgStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
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

static void
tag (MgStore    *store,
     gint64      document,
     gint64      set,
     gint64      code,
     gint64      start,
     gint64      end,
     const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = mg_store_add_annotation (store, document, set, code,
                                                                start, end, note, &error);

  g_assert_no_error (error);
}

/* Two documents, a code tree with a name used twice, overlapping passages in two sets. */
static MgStore *
build_library (void)
{
  static guint count;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("library-%u.sqlite3", ++count);
  MgStore *store = open_store (name);
  gint64 marks = add_document (store, "Marks", text_marks);
  gint64 plain = add_document (store, "Harbour", text_plain);
  gint64 themes = add_code (store, "Themes", 0);
  gint64 hope = add_code (store, "Hope", themes);
  gint64 fear = add_code (store, "Fear", themes);
  gint64 hope_top = add_code (store, "hope", 0);
  g_autoptr(MgAnnotationSet) mine = mg_store_get_default_annotation_set (store, &error);
  g_autoptr(MgAnnotationSet) other = mg_store_create_annotation_set (store, "Colleague",
                                                                     "Ana Ruiz", NULL, &error);

  g_assert_no_error (error);
  tag (store, marks, mg_annotation_set_get_id (mine), hope, 0, 4, "A café <note> & more");
  tag (store, marks, mg_annotation_set_get_id (mine), fear, 2, 12, NULL);
  tag (store, marks, mg_annotation_set_get_id (other), hope_top, 5, 21, "Astral clef");
  tag (store, plain, mg_annotation_set_get_id (other), themes, 4, 11, "Line one\nline two");
  return store;
}

static GHashTable *
unzip (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      gsize size = (gsize) archive_entry_size (entry);
      char *data = g_malloc (size + 1);

      g_assert_cmpint (archive_read_data (archive, data, size), ==, (la_ssize_t) size);
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname (entry)),
                           g_bytes_new_take (data, size));
    }
  archive_read_free (archive);
  return entries;
}

static void
write_zip (const char  *path,
           const Entry *entries)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (const Entry *e = entries; e->name != NULL; e++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, e->name);
      archive_entry_set_perm (entry, 0644);
      if (e->symlink)
        {
          archive_entry_set_filetype (entry, AE_IFLNK);
          archive_entry_set_symlink (entry, e->data);
        }
      else
        archive_entry_set_filetype (entry, AE_IFREG);
      if (!e->symlink && !e->unknown_size)
        archive_entry_set_size (entry, (la_int64_t) e->length);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (!e->symlink)
        g_assert_cmpint (archive_write_data (archive, e->data, e->length), ==, e->length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* Validates against a schema of ../shared/schemas/refi-qda when the test knows where. */
static void
check_schema (GBytes     *xml,
              const char *schema_name)
{
  const char *folder = g_getenv ("MG_REFI_QDA_SCHEMAS");
  g_autofree char *schema_path = NULL;
  xmlSchemaParserCtxt *parser;
  xmlSchema *schema;
  xmlSchemaValidCtxt *valid;
  g_autoptr(xmlDoc) doc = NULL;

  if (folder == NULL)
    {
      g_test_message ("MG_REFI_QDA_SCHEMAS not set: %s not checked", schema_name);
      return;
    }
  schema_path = g_build_filename (folder, schema_name, NULL);
  /* The schemas live in ../shared, which a user's clone does not have. */
  if (!g_file_test (schema_path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_message ("%s is not there: not checked", schema_path);
      return;
    }
  parser = xmlSchemaNewParserCtxt (schema_path);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  valid = xmlSchemaNewValidCtxt (schema);
  doc = xmlReadMemory (g_bytes_get_data (xml, NULL), (int) g_bytes_get_size (xml), "x.xml",
                       NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlSchemaValidateDoc (valid, doc), ==, 0);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
test_export_archive (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = build_library ();
  g_autofree char *path = temp_path ("out.qdpx");
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GListModel) documents = mg_store_list_documents (store, &error);
  GBytes *project;
  g_autofree char *xml = NULL;

  g_assert_true (mg_qdpx_export (store, NULL, path, NULL, &error));
  g_assert_no_error (error);
  entries = unzip (path);
  project = g_hash_table_lookup (entries, "project.qde");
  g_assert_nonnull (project);
  xml = g_strndup (g_bytes_get_data (project, NULL), g_bytes_get_size (project));
  g_assert_nonnull (strstr (xml, "origin=\"Marginalia " PACKAGE_VERSION "\""));
  g_assert_nonnull (strstr (xml, "name=\"hope (2)\""));
  g_assert_nonnull (strstr (xml, "A café &lt;note&gt; &amp; more"));
  g_assert_nonnull (strstr (xml, "name=\"Ana Ruiz\""));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(MgDocument) listed = g_list_model_get_item (documents, i);
      g_autoptr(MgDocument) document = mg_store_get_document (store,
                                         mg_document_get_id (listed), &error);
      g_autofree char *name = g_strdup_printf ("sources/%s.txt", mg_document_get_uuid (document));
      g_autofree char *ref = g_strdup_printf ("plainTextPath=\"internal://%s.txt\"",
                                              mg_document_get_uuid (document));
      GBytes *text = g_hash_table_lookup (entries, name);

      g_assert_nonnull (text);
      g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                       mg_document_get_text (document), strlen (mg_document_get_text (document)));
      g_assert_nonnull (strstr (xml, ref));
    }
  check_schema (project, "Project.xsd");
}

static void
test_export_codebook (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = build_library ();
  g_autofree char *path = temp_path ("out.qdc");
  g_autoptr(GBytes) bytes = NULL;
  char *data = NULL;
  gsize length;

  g_assert_true (mg_qdc_export (store, NULL, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  bytes = g_bytes_new_take (data, length);
  g_assert_nonnull (strstr (data, "urn:QDA-XML:codebook:1.0"));
  check_schema (bytes, "Codebook.xsd");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Each passage as text, comparable across libraries: text hash, range, quote, code, note. */
static GPtrArray *
passages (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = mg_store_list_documents (store, &error);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GListModel) list = mg_store_list_annotations (store,
                                     mg_document_get_id (document), 0, 0, &error);

      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(MgAnnotation) a = g_list_model_get_item (list, j);
          g_autoptr(MgCode) code = mg_store_get_code (store, mg_annotation_get_code_id (a),
                                                      &error);

          g_ptr_array_add (all, g_strdup_printf ("%s %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                                                 " [%s] %s {%s}",
                                                 mg_document_get_sha256 (document),
                                                 mg_annotation_get_uuid (a),
                                                 mg_annotation_get_start (a),
                                                 mg_annotation_get_end (a),
                                                 mg_annotation_get_quote (a),
                                                 mg_code_get_uuid (code),
                                                 mg_annotation_get_note (a)));
        }
    }
  g_ptr_array_sort (all, compare_strings);
  return all;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = build_library ();
  g_autoptr(MgStore) empty = open_store ("empty.sqlite3");
  g_autofree char *path = temp_path ("round.qdpx");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(MgCode) fear = NULL;
  MgImportSummary summary = { 0 };

  g_assert_true (mg_qdpx_export (store, NULL, path, NULL, &error));
  g_assert_true (mg_qdpx_import (empty, path, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.documents_added, ==, 2);
  g_assert_cmpuint (summary.annotations_added, ==, 4);
  g_assert_cmpuint (summary.codes_created, ==, 4);
  g_assert_cmpuint (summary.codes_matched, ==, 1);
  g_assert_null (summary.not_placed);
  g_assert_cmpint (summary.set_id, >, 0);
  before = passages (store);
  after = passages (empty);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (before, i), ==, g_ptr_array_index (after, i));
  fear = mg_store_find_code (empty, "Fear", &error);
  g_assert_nonnull (fear);
  mg_import_summary_clear (&summary);
}

/* Counts of everything an import could touch, to show a refused import changed nothing. */
static char *
library_state (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = mg_store_list_documents (store, &error);
  g_autoptr(GListModel) codes = mg_store_list_codes (store, &error);
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (store, &error);
  g_autoptr(GPtrArray) all = passages (store);

  return g_strdup_printf ("%u %u %u %u", g_list_model_get_n_items (documents),
                          g_list_model_get_n_items (codes), g_list_model_get_n_items (sets),
                          all->len);
}

static const char valid_project[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"><CodeBook><Codes>"
  "<Code guid=\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\" name=\"New code\" isCodable=\"true\"/>"
  "</Codes></CodeBook></Project>";

static void
check_refused (const Entry *entries,
               GQuark       domain,
               int          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = build_library ();
  g_autofree char *path = temp_path ("hostile.qdpx");
  g_autofree char *before = library_state (store);
  g_autofree char *after = NULL;
  MgImportSummary summary = { 0 };

  write_zip (path, entries);
  g_assert_false (mg_qdpx_import (store, path, &summary, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("refused: %s", error->message);
  after = library_state (store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (summary.set_id, ==, 0);
}

static void
test_hostile_traversal (void)
{
  Entry entries[] = {
    { "project.qde", valid_project, sizeof valid_project - 1 },
    { "../evil.txt", "evil", 4 },
    { NULL } };
  Entry absolute[] = {
    { "project.qde", valid_project, sizeof valid_project - 1 },
    { "/tmp/evil.txt", "evil", 4 },
    { NULL } };
  Entry link[] = {
    { "project.qde", valid_project, sizeof valid_project - 1 },
    { "sources/a.txt", "/etc/passwd", 11, TRUE },
    { NULL } };

  check_refused (entries, MG_QDPX_ERROR, MG_QDPX_ERROR_UNSAFE);
  check_refused (absolute, MG_QDPX_ERROR, MG_QDPX_ERROR_UNSAFE);
  check_refused (link, MG_QDPX_ERROR, MG_QDPX_ERROR_UNSAFE);
}

/* Zeros inflate a thousandfold; the entry gives no size in its header, so only counting the
 * bytes as they come out can stop it. */
static void
test_hostile_bomb (void)
{
  gsize length = 8 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (length);
  Entry entries[] = {
    { "project.qde", valid_project, sizeof valid_project - 1 },
    { "sources/bomb.txt", zeros, length, FALSE, TRUE },
    { NULL } };

  mg_qdpx_set_limits_for_testing (1024 * 1024, 4 * 1024 * 1024);
  check_refused (entries, MG_QDPX_ERROR, MG_QDPX_ERROR_TOO_LARGE);
  mg_qdpx_set_limits_for_testing (MG_QDPX_MAX_ENTRY_BYTES, MG_QDPX_MAX_TOTAL_BYTES);
}

static void
test_hostile_entity (void)
{
  static const char project[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>";
  Entry entries[] = { { "project.qde", project, sizeof project - 1 }, { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = build_library ();
  g_autofree char *path = temp_path ("entity.qdpx");
  g_autofree char *before = library_state (store);
  g_autofree char *after = NULL;

  write_zip (path, entries);
  g_assert_false (mg_qdpx_import (store, path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == MG_XML_ERROR);
  after = library_state (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_hostile_projects (void)
{
  Entry none[] = { { "sources/a.txt", "text", 4 }, { NULL } };
  Entry two[] = {
    { "project.qde", valid_project, sizeof valid_project - 1 },
    { "other.qde", valid_project, sizeof valid_project - 1 },
    { NULL } };

  check_refused (none, MG_QDPX_ERROR, MG_QDPX_ERROR_NO_PROJECT);
  check_refused (two, MG_QDPX_ERROR, MG_QDPX_ERROR_NO_PROJECT);
}

#define FOREIGN_SOURCE "{6F9619FF-8B86-D011-B42D-00CF4FC964FF}"
#define FOREIGN_FILE "6F9619FF-8B86-D011-B42D-00CF4FC964FF.txt"
#define FOREIGN_CODE "{A1B2C3D4-0000-4000-8000-0000000000AA}"
#define FOREIGN_USER "B0B0B0B0-1111-4111-8111-111111111111"

static const char foreign_text[] = "Line one\r\nSecond caf\xc3\xa9 line\r\nThird.";

/* A selection as the other tool wrote it: offsets counted in the CRLF text, end inclusive. */
static char *
foreign_selection (const char *guid,
                   const char *quote)
{
  const char *hit = strstr (foreign_text, quote);
  glong start = g_utf8_pointer_to_offset (foreign_text, hit);
  glong end = start + g_utf8_strlen (quote, -1) - 1;

  return g_strdup_printf ("<PlainTextSelection guid=\"%s\" name=\"%s\" startPosition=\"%ld\""
                          " endPosition=\"%ld\" creatingUser=\"" FOREIGN_USER "\">"
                          "<Coding guid=\"%s\"><CodeRef targetGUID=\"" FOREIGN_CODE "\"/>"
                          "</Coding></PlainTextSelection>", guid, quote, start, end, guid);
}

static void
test_foreign (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = open_store ("foreign.sqlite3");
  g_autofree char *path = temp_path ("foreign.qdpx");
  g_autofree char *one = foreign_selection ("11111111-2222-4333-8444-555555555555", "Second");
  g_autofree char *two = foreign_selection ("11111111-2222-4333-8444-666666666666", "Third.");
  g_autofree char *project = g_strconcat (
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\" origin=\"Other Tool 9\">"
    "<Users><User guid=\"" FOREIGN_USER "\" name=\"Bea\"/></Users>"
    "<CodeBook><Codes><Code guid=\"" FOREIGN_CODE "\" name=\"Place\" isCodable=\"true\""
    " color=\"#F0A\"/></Codes></CodeBook><Sources>"
    "<TextSource guid=\"" FOREIGN_SOURCE "\" name=\"Letters\""
    " plainTextPath=\"internal://" FOREIGN_FILE "\">", one, two,
    "</TextSource></Sources></Project>", NULL);
  g_autofree char *bom_text = g_strconcat ("\xef\xbb\xbf", foreign_text, NULL);
  Entry entries[] = {
    { "Sources/", "", 0 },
    { "Sources/" FOREIGN_FILE, bom_text, strlen (bom_text) },
    { "Export.qde", project, strlen (project) },
    { NULL } };
  MgImportSummary summary = { 0 };
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(MgCode) place = NULL;

  write_zip (path, entries);
  g_assert_true (mg_qdpx_import (store, path, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.annotations_added, ==, 2);
  g_assert_cmpuint (summary.documents_added, ==, 1);
  set = mg_store_get_annotation_set (store, summary.set_id, &error);
  g_assert_cmpstr (mg_annotation_set_get_name (set), ==, "foreign (Bea)");
  all = passages (store);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (all, 0), " 9-15 [Second] "));
  g_assert_nonnull (strstr (g_ptr_array_index (all, 1), " 26-32 [Third.] "));
  place = mg_store_find_code (store, "Place", &error);
  g_assert_cmpstr (mg_code_get_uuid (place), ==, "a1b2c3d4-0000-4000-8000-0000000000aa");
  g_assert_cmpstr (mg_code_get_colour (place), ==, "#ff00aa");
  mg_import_summary_clear (&summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/qdpx/export/archive", test_export_archive);
  g_test_add_func ("/qdpx/export/codebook", test_export_codebook);
  g_test_add_func ("/qdpx/round-trip", test_round_trip);
  g_test_add_func ("/qdpx/hostile/traversal", test_hostile_traversal);
  g_test_add_func ("/qdpx/hostile/zip-bomb", test_hostile_bomb);
  g_test_add_func ("/qdpx/hostile/external-entity", test_hostile_entity);
  g_test_add_func ("/qdpx/hostile/projects", test_hostile_projects);
  g_test_add_func ("/qdpx/foreign", test_foreign);
  return g_test_run ();
}
