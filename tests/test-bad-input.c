/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every kind of bad input a user can be handed, through the door a user opens it by (import
 * of a document, import of annotations), one table row each: the small files of
 * tests/data/bad/ and the big or binary ones made here at test time (a 32 MB line, deep
 * nesting, zip bombs, zips that climb out with "..", an absolute path or a link).
 *
 * For each: the outcome is the expected one (a clear error of the expected code, or an import
 * of valid text); the library's content is unchanged when the import fails (a checksum over
 * every row of every table); no file beside the input is read (a canary's content never reaches
 * the library) or written (the folder lists the same files after); and, outside sanitizer
 * builds, the peak memory of the process that imported it stays within a bound.
 *
 * Also checked here from the sources: documents are data only. No program is started from
 * core or the CLI, and every libxml2 parse of outside input forbids network access. */

#include <string.h>
#include <sys/resource.h>

#include <archive.h>
#include <archive_entry.h>
#include <sqlite3.h>

#include "mg-exchange.h"
#include "mg-import.h"
#include "mg-qdpx.h"
#include "mg-store.h"
#include "mg-xml-safe.h"

#define CANARY "canary.txt"
#define SECRET "canary-secret-8c1f0e"

typedef enum {
  DOOR_DOCUMENT,
  DOOR_ANNOTATIONS,
} Door;

typedef void (*MakeFunc) (const char *path, const char *canary_path);

typedef struct {
  const char *name;       /* in tests/data/bad/, or made by @make */
  Door        door;
  GQuark    (*domain) (void);  /* NULL: the file imports */
  int         code;       /* -1: any code of @domain */
  MakeFunc    make;
  const char *absent;     /* text that must not reach the library (script, URLs) */
} BadInput;

/* Zips for the container cases. A link entry holds its target as @data. */
typedef struct {
  const char *name;
  const char *data;
  gsize       length;     /* 0: strlen (data); or the size of a run of @fill */
  char        fill;
  gboolean    link;
} Entry;

static void
write_zip (const char  *path,
           const Entry *entries,
           gsize        n_entries)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  archive_write_set_format_option (archive, "zip", "compression", "deflate");
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (gsize i = 0; i < n_entries; i++)
    {
      const Entry *e = &entries[i];
      struct archive_entry *entry = archive_entry_new ();
      gsize length = e->fill != 0 ? e->length : strlen (e->data);

      archive_entry_set_pathname (entry, e->name);
      archive_entry_set_perm (entry, 0644);
      if (e->link)
        {
          archive_entry_set_filetype (entry, AE_IFLNK);
          archive_entry_set_symlink (entry, e->data);
          archive_entry_set_size (entry, 0);
          g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
        }
      else
        {
          archive_entry_set_filetype (entry, AE_IFREG);
          archive_entry_set_size (entry, (la_int64_t) length);
          g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
          if (e->fill != 0)
            {
              g_autofree char *block = g_malloc (1024 * 1024);

              memset (block, e->fill, 1024 * 1024);
              for (gsize done = 0; done < length; done += 1024 * 1024)
                archive_write_data (archive, block, MIN (length - done, 1024 * 1024));
            }
          else
            g_assert_cmpint (archive_write_data (archive, e->data, length), ==, (la_ssize_t) length);
        }
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

#define DOCX_XML(body) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" \
  "<w:body><w:p><w:r><w:t>" body "</w:t></w:r></w:p></w:body></w:document>"

static const char epub_container[] =
  "<?xml version=\"1.0\"?><container version=\"1.0\" "
  "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
  "<rootfile full-path=\"content.opf\" media-type=\"application/oebps-package+xml\"/>"
  "</rootfiles></container>";

static const char epub_package[] =
  "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
  "<metadata/><manifest><item id=\"c\" href=\"chapter.xhtml\" "
  "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c\"/></spine>"
  "</package>";

static void
make_huge_line (const char *path,
                const char *canary_path)
{
  const gsize size = 32 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (size + 64);
  g_autoptr(GError) error = NULL;

  while (text->len < size)
    g_string_append (text, "the harbour board met again and again ");
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

static void
write_nested (const char *path,
              const char *head,
              const char *open,
              const char *middle,
              const char *close,
              const char *tail,
              guint       depth)
{
  g_autoptr(GString) text = g_string_new (head);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, middle);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  g_string_append (text, tail);
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

static void
make_nested_html (const char *path,
                  const char *canary_path)
{
  /* What comes before the deep part must survive whatever the parser does with the rest. */
  write_nested (path, "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
                "<article><h1>Deep</h1><p>The minutes of the harbour board, read aloud and "
                "approved without change, come before the nesting.</p></article>",
                "<div><span>", "<p>At the bottom of the page.</p>", "</span></div>",
                "</body></html>", 100000);
}

static void
make_nested_markdown (const char *path,
                      const char *canary_path)
{
  write_nested (path, "# Deep\n\n", "> [*", "at the bottom of the quotes", "*](x)", "\n",
                50000);
}

static void
make_nested_xml (const char *path,
                 const char *canary_path)
{
  write_nested (path, "<?xml version=\"1.0\"?><marginalia version=\"1.0\" "
                "xmlns=\"https://marginalia.github.io/ns/1.0\"><documents>",
                "<document>", "", "</document>", "</documents></marginalia>", 10000);
}

static void
make_docx_bomb (const char *path,
                const char *canary_path)
{
  /* 96 MB of one byte inside the paragraph text: it deflates about a thousand times. */
  const Entry entries[] = {
    { "word/document.xml", NULL, 96 * 1024 * 1024, ' ', FALSE },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}


static void
make_epub_climbing (const char *path,
                    const char *chapter_name)
{
  const Entry entries[] = {
    { "mimetype", "application/epub+zip", 0, 0, FALSE },
    { "META-INF/container.xml", epub_container, 0, 0, FALSE },
    { "content.opf", epub_package, 0, 0, FALSE },
    { "chapter.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Chapter one."
      "</p></body></html>", 0, 0, FALSE },
    { chapter_name, "<html><body><p>" SECRET "</p></body></html>", 0, 0, FALSE },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}

static void
make_epub_dotdot (const char *path,
                  const char *canary_path)
{
  make_epub_climbing (path, "../" CANARY);
}

static void
make_epub_absolute (const char *path,
                    const char *canary_path)
{
  make_epub_climbing (path, canary_path);
}

static void
make_docx_symlink (const char *path,
                   const char *canary_path)
{
  const Entry entries[] = {
    { "word/document.xml", "../../" CANARY, 0, 0, TRUE },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}

static void
make_docx_entity (const char *path,
                  const char *canary_path)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?><!DOCTYPE w:document ["
                                          "<!ENTITY s SYSTEM \"file://%s\">]>" DOCX_XML ("&s;"),
                                          canary_path);
  const Entry entries[] = {
    { "word/document.xml", xml, 0, 0, FALSE },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}

static void
make_truncated_docx (const char *path,
                     const char *canary_path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  const Entry entries[] = {
    { "word/document.xml", DOCX_XML ("A paragraph that the cut leaves half of."), 0, 0, FALSE },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, data, (gssize) (length * 2 / 3), &error);
  g_assert_no_error (error);
}

static void
make_qdpx_with (const char *path,
                const Entry *extra,
                const char *plain_text_path)
{
  g_autofree char *project = g_strdup_printf (
    "<?xml version=\"1.0\"?><Project name=\"p\" xmlns=\"urn:QDA-XML:project:1.0\"><Sources>"
    "<TextSource guid=\"6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f\" name=\"s\" plainTextPath=\"%s\"/>"
    "</Sources></Project>", plain_text_path);
  const Entry entries[] = {
    { "project.qde", project, 0, 0, FALSE },
    *extra,
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}

static void
make_qdpx_bomb (const char *path,
                const char *canary_path)
{
  const Entry extra = { "sources/a.txt", NULL, 96 * 1024 * 1024, 'a', FALSE };

  make_qdpx_with (path, &extra, "internal://a.txt");
}

static void
make_qdpx_dotdot (const char *path,
                  const char *canary_path)
{
  const Entry extra = { "sources/../../" CANARY, SECRET, 0, 0, FALSE };

  make_qdpx_with (path, &extra, "internal://a.txt");
}

static void
make_qdpx_absolute (const char *path,
                    const char *canary_path)
{
  const Entry extra = { canary_path, SECRET, 0, 0, FALSE };

  make_qdpx_with (path, &extra, "internal://a.txt");
}

static void
make_qdpx_symlink (const char *path,
                   const char *canary_path)
{
  const Entry extra = { "sources/a.txt", canary_path, 0, 0, TRUE };

  make_qdpx_with (path, &extra, "internal://a.txt");
}

static void
make_qdpx_outside_source (const char *path,
                          const char *canary_path)
{
  /* REFI-QDA lets a source live outside the project (absolute://); Marginalia must not read
   * a file the user did not choose. */
  g_autofree char *target = g_strconcat ("absolute://", canary_path, NULL);
  const Entry extra = { "sources/unused.txt", "unused", 0, 0, FALSE };

  make_qdpx_with (path, &extra, target);
}

static const BadInput inputs[] = {
  /* Committed in tests/data/bad/. */
  { "empty.txt", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_EMPTY },
  { "blank-space.txt", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_EMPTY },
  { "binary.dat", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_UNSUPPORTED },
  { "utf8-stray-start.txt", DOOR_DOCUMENT },
  { "utf8-overlong-middle.txt", DOOR_DOCUMENT },
  { "utf8-surrogate.txt", DOOR_DOCUMENT },
  { "utf8-truncated-end.txt", DOOR_DOCUMENT },
  { "truncated.pdf", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_CORRUPT },
  { "truncated.epub", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_CORRUPT },
  { "script-and-remote.html", DOOR_DOCUMENT, .absent = "SCRIPT-RAN" },
  { "external-entity.html", DOOR_DOCUMENT },
  { "external-entity.xml", DOOR_ANNOTATIONS, mg_xml_error_quark, MG_XML_ERROR_ENTITIES },
  { "external-dtd.xml", DOOR_ANNOTATIONS },
  { "entity-bomb.xml", DOOR_ANNOTATIONS, mg_xml_error_quark, MG_XML_ERROR_ENTITIES },
  { "truncated.xml", DOOR_ANNOTATIONS, mg_xml_error_quark, MG_XML_ERROR_MALFORMED },
  { "invalid-utf8.xml", DOOR_ANNOTATIONS, mg_xml_error_quark, MG_XML_ERROR_MALFORMED },
  /* Made at test time: too big, or binary, to keep in the repository. */
  { "huge-line.txt", DOOR_DOCUMENT, .make = make_huge_line },
  { "nested.html", DOOR_DOCUMENT, .make = make_nested_html },
  { "nested.md", DOOR_DOCUMENT, .make = make_nested_markdown },
  { "nested.xml", DOOR_ANNOTATIONS, mg_xml_error_quark, MG_XML_ERROR_TOO_DEEP, make_nested_xml },
  { "bomb.docx", DOOR_DOCUMENT, mg_import_error_quark, -1, make_docx_bomb },
  { "bomb.qdpx", DOOR_ANNOTATIONS, mg_qdpx_error_quark, -1, make_qdpx_bomb },
  { "truncated.docx", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_CORRUPT,
    make_truncated_docx },
  { "dotdot.epub", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_UNSAFE,
    make_epub_dotdot },
  { "absolute.epub", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_UNSAFE,
    make_epub_absolute },
  { "symlink.docx", DOOR_DOCUMENT, mg_import_error_quark, MG_IMPORT_ERROR_UNSAFE,
    make_docx_symlink },
  { "external-entity.docx", DOOR_DOCUMENT, mg_import_error_quark, -1, make_docx_entity },
  { "dotdot.qdpx", DOOR_ANNOTATIONS, mg_qdpx_error_quark, MG_QDPX_ERROR_UNSAFE,
    make_qdpx_dotdot },
  { "absolute.qdpx", DOOR_ANNOTATIONS, mg_qdpx_error_quark, MG_QDPX_ERROR_UNSAFE,
    make_qdpx_absolute },
  { "symlink.qdpx", DOOR_ANNOTATIONS, mg_qdpx_error_quark, MG_QDPX_ERROR_UNSAFE,
    make_qdpx_symlink },
  /* Imports what it can; the source outside the project is left out, never read. */
  { "outside-source.qdpx", DOOR_ANNOTATIONS, .make = make_qdpx_outside_source },
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table, in a fixed order, as text: equal digests mean equal content. */
static char *
library_digest (const char *library_path,
                const char *absent,
                gboolean   *out_found)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (library_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      /* Virtual tables (the FTS5 index) may refuse a plain scan of their shadow; their
       * content follows the documents table anyway. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(GString) row = g_string_new (tables->pdata[t]);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const void *blob = sqlite3_column_blob (stmt, c);
              int size = sqlite3_column_bytes (stmt, c);

              g_string_append_c (row, '\x1f');
              if (blob != NULL)
                g_string_append_len (row, blob, size);
            }
          g_ptr_array_add (rows, g_string_free (g_steal_pointer (&row), FALSE));
        }
      sqlite3_finalize (stmt);
      /* Row order is not part of the content. */
      g_ptr_array_sort (rows, compare_strings);
      for (guint r = 0; r < rows->len; r++)
        {
          found |= strstr (rows->pdata[r], SECRET) != NULL
                   || (absent != NULL && strstr (rows->pdata[r], absent) != NULL);
          g_checksum_update (checksum, rows->pdata[r], -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }
  sqlite3_close (db);
  *out_found = found;
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
folder_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* The library's own files come and go with its journal. */
      if (!g_str_has_prefix (name, "library.sqlite3"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Opens @path by @door as the CLI and the window do; a document is stored only on success. */
static gboolean
import_through (MgStore     *store,
                const char  *path,
                Door         door,
                GError     **error)
{
  MgImportSummary summary = { 0 };
  gboolean ok;

  if (door == DOOR_DOCUMENT)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MgDocument) document = mg_import_file (file, NULL, error);

      if (document == NULL)
        return FALSE;
      g_assert_true (g_utf8_validate (mg_document_get_text (document), -1, NULL));
      return mg_store_add_document (store, document, NULL, error);
    }
  ok = mg_exchange_import (store, path, &summary, NULL, error);
  mg_import_summary_clear (&summary);
  return ok;
}

static void
run_input (const BadInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bad-input-XXXXXX", &error);
  g_autofree char *canary = g_build_filename (dir, CANARY, NULL);
  g_autofree char *path = g_build_filename (dir, input->name, NULL);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *digest_before = NULL, *digest_after = NULL;
  g_autofree char *listing_before = NULL, *listing_after = NULL;
  g_autofree char *canary_after = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autoptr(MgDocument) seed = NULL;
  gboolean found = FALSE;
  glong rss_before;
  gsize size;
  gboolean ok;

  g_assert_no_error (error);
  g_file_set_contents (canary, SECRET "\n", -1, &error);
  g_assert_no_error (error);
  if (input->make != NULL)
    input->make (path, canary);
  else
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "bad", input->name,
                                                      NULL);
      g_autofree char *data = NULL;

      g_file_get_contents (source, &data, &size, &error);
      g_assert_no_error (error);
      g_file_set_contents (path, data, (gssize) size, &error);
      g_assert_no_error (error);
    }

  /* A library with something in it, so that "unchanged" means something. */
  store = mg_store_open (library, &error);
  g_assert_no_error (error);
  seed = mg_document_new ("Seed", "The seed document, stored before the bad input.\n", NULL,
                          "text/plain");
  g_assert_true (mg_store_add_document (store, seed, NULL, &error));
  g_assert_no_error (error);
  digest_before = library_digest (library, NULL, &found);
  listing_before = folder_listing (dir);

  rss_before = peak_rss_kib ();
  (void) rss_before;
  ok = import_through (store, path, input->door, &error);

  if (input->domain == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_nonnull (error);
      if (error->domain != input->domain () || (input->code >= 0 && error->code != input->code))
        g_error ("%s: expected %s %d, got %s %d: %s", input->name,
                 g_quark_to_string (input->domain ()), input->code,
                 g_quark_to_string (error->domain), error->code, error->message);
      /* A sentence a user can act on, not a code or an empty line. */
      g_assert_cmpuint (strlen (error->message), >, 15);
      g_assert_null (strstr (error->message, "(null)"));
      g_test_message ("%s: %s", input->name, error->message);
      g_clear_error (&error);
    }
  g_clear_object (&store);

  /* Neither the canary's content nor what the page tried to run reached the library. */
  digest_after = library_digest (library, input->absent, &found);
  if (!ok)
    g_assert_cmpstr (digest_after, ==, digest_before);
  g_assert_false (found);
  listing_after = folder_listing (dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
  g_file_get_contents (canary, &canary_after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canary_after, ==, SECRET "\n");

#ifndef __SANITIZE_ADDRESS__
  {
    /* Parsing may take some multiple of the file; a bomb must not inflate, a line must not
     * be copied without end. (ASan keeps freed memory in quarantine, so it is skipped there.) */
    guint64 file_kib = 0;
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    if (info != NULL)
      file_kib = (guint64) g_file_info_get_size (info) / 1024;
    g_assert_cmpint (peak_rss_kib () - rss_before, <=, 96 * 1024 + 12 * file_kib);
  }
#endif
  (void) size;
}

static void
test_input (gconstpointer data)
{
  const BadInput *input = data;

  /* Each in its own process, so that its peak memory is its own. */
  if (g_test_subprocess ())
    {
      run_input (input);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A fixture added to tests/data/bad/ without a row here would never be checked. */
static void
test_every_fixture_listed (void)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (bad, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
        listed |= inputs[i].make == NULL && strcmp (inputs[i].name, name) == 0;
      if (!listed)
        g_error ("tests/data/bad/%s has no row in test-bad-input.c", name);
    }
}

static char *
read_source (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Documents are data: nothing in core or the CLI starts a program, and every libxml2 parse of
 * outside input is told never to use the network. */
static void
test_sources_data_only (void)
{
  static const char * const folders[] = { "core", "cli" };
  static const char * const spawns[] = { "g_spawn", "g_subprocess", "popen", "system (",
                                         "execv", "execl", "fork (" };
  static const char * const parses[] = { "htmlReadMemory", "htmlReadFile", "htmlReadDoc",
                                         "htmlCtxtRead", "xmlReadMemory", "xmlReadFile",
                                         "xmlReadDoc", "xmlReadFd", "xmlCtxtRead" };
  static const char * const optionless[] = { "xmlParseMemory", "xmlParseFile", "xmlParseDoc",
                                             "htmlParseDoc", "htmlParseFile",
                                             "xmlSAXUserParse" };
  guint checked = 0;

  for (gsize f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "src", folders[f], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *text = NULL;
          gboolean parses_xml = FALSE;

          if (!g_str_has_suffix (name, ".c"))
            continue;
          text = read_source (dir, name);
          checked++;
          for (gsize i = 0; i < G_N_ELEMENTS (spawns); i++)
            if (strstr (text, spawns[i]) != NULL)
              g_error ("src/%s/%s calls %s: documents must never start a program",
                       folders[f], name, spawns[i]);
          for (gsize i = 0; i < G_N_ELEMENTS (optionless); i++)
            if (strstr (text, optionless[i]) != NULL)
              g_error ("src/%s/%s calls %s, which cannot forbid the network",
                       folders[f], name, optionless[i]);
          for (gsize i = 0; i < G_N_ELEMENTS (parses); i++)
            parses_xml |= strstr (text, parses[i]) != NULL;
          if (parses_xml && strstr (text, "_PARSE_NONET") == NULL)
            g_error ("src/%s/%s parses XML or HTML without XML_PARSE_NONET/HTML_PARSE_NONET",
                     folders[f], name);
        }
    }
  g_assert_cmpuint (checked, >, 20);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = g_strconcat ("/bad-input/", inputs[i].name, NULL);

      g_test_add_data_func (path, &inputs[i], test_input);
    }
  g_test_add_func ("/bad-input/every-fixture-listed", test_every_fixture_listed);
  g_test_add_func ("/bad-input/sources/data-only", test_sources_data_only);
  return g_test_run ();
}
