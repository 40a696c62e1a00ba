/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PDF, EPUB, DOCX and ODT import. Every fixture is made here, at test time: the PDF with
 * cairo's PDF surface, the zip containers with libarchive from XML written for this test. Then
 * broken and hostile files: each must fail with a clear MG_IMPORT_ERROR, never crash. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mg-docx-import.h"
#include "mg-epub-import.h"
#include "mg-odt-import.h"
#include "mg-pdf-import.h"
#include "mg-text-import.h"
#include "mg-zip-reader.h"

typedef MgDocument *(*ImportFunc) (GFile *, GCancellable *, GError **);

typedef struct
{
  const char *name;
  const char *data;
  gsize       length;  /* 0: strlen (data) */
} Entry;

static char *
fixture_path (const char *name)
{
  /* Isolated per test case by G_TEST_OPTION_ISOLATE_DIRS. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

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
      struct archive_entry *entry = archive_entry_new ();
      gsize length = entries[i].length ? entries[i].length : strlen (entries[i].data);

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) length);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[i].data, length), ==, length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

static MgDocument *
import_ok (ImportFunc  import,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MgDocument *document = import (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
assert_import_fails (ImportFunc  import,
                     const char *path,
                     int         code,
                     const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MgDocument *document = import (file, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, MG_IMPORT_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
assert_metadata_has (MgDocument *document,
                     const char *words)
{
  const char *metadata = mg_document_get_metadata (document);

  g_assert_nonnull (metadata);
  if (strstr (metadata, words) == NULL)
    g_error ("metadata %s lacks %s", metadata, words);
}

/* --- PDF --- */

static void
show_line (cairo_t    *cr,
           double      y,
           const char *text)
{
  cairo_move_to (cr, 60, y);
  cairo_show_text (cr, text);
}

static cairo_t *
new_pdf (const char *path,
         const char *title)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "Ana Pilot");
  cairo_surface_destroy (surface);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  return cr;
}

/* A running head and a folio on every page, as a book has them. */
static void
show_page_frame (cairo_t *cr,
                 int      number)
{
  g_autofree char *folio = g_strdup_printf ("%d", number);

  show_line (cr, 40, "Harbour Notes \xe2\x80\x94 Tides of the Estuary");
  cairo_move_to (cr, 290, 800);
  cairo_show_text (cr, folio);
}

static void
write_pdf (const char *path,
           const char *title)
{
  cairo_t *cr = new_pdf (path, title);

  show_page_frame (cr, 1);
  show_line (cr, 100, "The pilots waited at the quay for the inter-");
  show_line (cr, 115, "national ships to come in with the tide.");
  show_line (cr, 160, "A second paragraph starts after a gap,");
  show_line (cr, 175, "and runs over two lines.");
  cairo_show_page (cr);
  show_page_frame (cr, 2);
  show_line (cr, 100, "Caf\xc3\xa9 owners on the Franco-");
  show_line (cr, 115, "British pier kept their lamps lit.");
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

static void
test_pdf (void)
{
  g_autofree char *path = fixture_path ("tides.pdf");
  g_autoptr(MgDocument) document = NULL;

  write_pdf (path, "The Tide Tables");
  document = import_ok (mg_pdf_import_file, path);
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "The pilots waited at the quay for the international ships to come in "
                   "with the tide.\n\n"
                   "A second paragraph starts after a gap, and runs over two lines.\n\n"
                   "Caf\xc3\xa9 owners on the Franco-British pier kept their lamps lit.");
  g_assert_cmpstr (mg_document_get_title (document), ==, "The Tide Tables");
  g_assert_cmpstr (mg_document_get_media_type (document), ==, "application/pdf");
  assert_metadata_has (document, "\"author\": \"Ana Pilot\"");
}

/* A long PDF is read by several workers at once (mg-pdf-import.c): its pages still come out
 * whole and in order, running heads and folios still left out. */
static void
test_pdf_many_pages (void)
{
  g_autofree char *path = fixture_path ("many-pages.pdf");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  cairo_t *cr = new_pdf (path, "Many pages");

  static const char *const words[] = {
    "harbour", "tide", "pilot", "ledger", "quay", "lantern", "cargo", "delta", "treaty",
    "archive", "season",
  };

  /* Words, not numbers, tell the pages apart: a line that differs only in its digits on
   * every page is a running head. */
  for (int page = 1; page <= 70; page++)
    {
      g_autofree char *first = g_strdup_printf ("Page %d tells of the %s and the", page,
                                                words[page % 7]);
      g_autofree char *second = g_strdup_printf ("%s, then ends.", words[7 + page % 4]);

      show_page_frame (cr, page);
      show_line (cr, 100, first);
      show_line (cr, 115, second);
      cairo_show_page (cr);
      g_string_append_printf (expected, "%s%s %s", page > 1 ? "\n\n" : "", first, second);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  document = import_ok (mg_pdf_import_file, path);
  g_assert_cmpstr (mg_document_get_text (document), ==, expected->str);
}

static void
test_pdf_title_from_text (void)
{
  g_autofree char *path = fixture_path ("untitled.pdf");
  g_autoptr(MgDocument) document = NULL;

  write_pdf (path, NULL);
  document = import_ok (mg_pdf_import_file, path);
  g_assert_true (g_str_has_prefix (mg_document_get_title (document), "The pilots waited"));
}

static void
test_pdf_no_text (void)
{
  g_autofree char *path = fixture_path ("scan.pdf");
  cairo_t *cr = new_pdf (path, "A scan");

  cairo_rectangle (cr, 50, 50, 400, 600);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  assert_import_fails (mg_pdf_import_file, path, MG_IMPORT_ERROR_EMPTY, "no text layer");
}

static void
test_pdf_broken (void)
{
  g_autofree char *path = fixture_path ("broken.pdf");
  g_autofree char *whole = fixture_path ("whole.pdf");
  g_autofree char *data = NULL;
  gsize length;

  write_pdf (whole, "Whole");
  g_assert_true (g_file_get_contents (whole, &data, &length, NULL));
  /* The header survives, the objects and the cross-reference table do not. */
  g_assert_true (g_file_set_contents (path, data, 40, NULL));
  assert_import_fails (mg_pdf_import_file, path, MG_IMPORT_ERROR_CORRUPT, "not a readable PDF");
}

/* --- EPUB --- */

static const char container_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
  "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
  "media-type=\"application/oebps-package+xml\"/></rootfiles></container>";

static const char opf_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">"
  "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
  "<dc:identifier id=\"id\">urn:uuid:1</dc:identifier>"
  "<dc:title>Letters from the Delta</dc:title><dc:creator>Tr\xe1\xba\xa7n Mai</dc:creator>"
  "<dc:date>2021-04-01</dc:date></metadata>"
  "<manifest>"
  "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>"
  "<item id=\"one\" href=\"Text/chapter%201.xhtml\" media-type=\"application/xhtml+xml\"/>"
  "<item id=\"two\" href=\"Text/../Text/two.xhtml\" media-type=\"application/xhtml+xml\"/>"
  "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>"
  "</manifest>"
  "<spine><itemref idref=\"one\"/><itemref idref=\"two\"/></spine></package>";

static const char chapter_one[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>One</title>"
  "<style>p { margin: 0 }</style></head><body>"
  "<nav><ol><li>Contents</li></ol></nav>"
  "<h1>Chapter  One</h1>\n"
  "<p>The river   was <em>high</em>\n that spring.</p>"
  "<script>alert('no');</script>"
  "<p>Boats came<br/>and went.</p></body></html>";

/* Listed second in the spine: the spine, not the manifest or the zip, sets the order. */
static const char chapter_two[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><section><h2>Chapter Two</h2>"
  "<div><p>Rain, then sun.</p></div></section></body></html>";

static void
write_epub (const char *path,
            const char *opf)
{
  const Entry entries[] = {
    { "mimetype", "application/epub+zip", 0 },
    { "META-INF/container.xml", container_xml, 0 },
    { "OEBPS/content.opf", opf, 0 },
    { "OEBPS/Text/two.xhtml", chapter_two, 0 },
    { "OEBPS/Text/chapter 1.xhtml", chapter_one, 0 },
    { "OEBPS/nav.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>", 0 },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
}

static void
test_epub (void)
{
  g_autofree char *path = fixture_path ("delta.epub");
  g_autoptr(MgDocument) document = NULL;

  write_epub (path, opf_xml);
  document = import_ok (mg_epub_import_file, path);
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "Chapter One\n\nThe river was high that spring.\n\nBoats came\nand went."
                   "\n\nChapter Two\n\nRain, then sun.");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Letters from the Delta");
  assert_metadata_has (document, "\"author\": \"Tr\xe1\xba\xa7n Mai\"");
  assert_metadata_has (document, "\"date\": \"2021-04-01\"");
}

static void
test_epub_no_spine (void)
{
  g_autofree char *path = fixture_path ("nospine.epub");
  g_autofree char *opf = g_strdup (opf_xml);

  /* The same package, its spine emptied: a shorter tail than the one it replaces.
   * NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy) */
  strcpy (strstr (opf, "<spine>"), "<spine/></package>");
  write_epub (path, opf);
  assert_import_fails (mg_epub_import_file, path, MG_IMPORT_ERROR_CORRUPT,
                       "EPUB without a spine");
}

/* --- DOCX --- */

#define W_DOCUMENT_START \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"

static const char docx_document[] =
  W_DOCUMENT_START "<w:body>"
  "<w:p><w:r><w:t>Field notes</w:t></w:r></w:p>"
  "<w:p><w:r><w:t xml:space=\"preserve\">Name:</w:t><w:tab/><w:t>Le\xcc\x82 Va\xcc\x86n</w:t>"
  "</w:r>"
  "<w:r><w:br/><w:t>Second line</w:t></w:r></w:p>"
  "<w:p/>"
  "<w:p><w:hyperlink><w:r><w:t xml:space=\"preserve\">A link </w:t></w:r></w:hyperlink>"
  "<w:r><w:delText>deleted</w:delText><w:t>and text.</w:t></w:r></w:p>"
  "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
  "<w:sectPr/></w:body></w:document>";

static const char docx_core[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
  "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
  "xmlns:dcterms=\"http://purl.org/dc/terms/\">"
  "<dc:title>Interview Seven</dc:title><dc:creator>R. Okafor</dc:creator>"
  "<dcterms:created>2022-10-03T09:00:00Z</dcterms:created></cp:coreProperties>";

static void
write_docx (const char *path,
            const char *document,
            const char *core)
{
  const Entry entries[] = {
    { "[Content_Types].xml", "<Types/>", 0 },
    { "word/document.xml", document, 0 },
    { "docProps/core.xml", core, 0 },
  };

  write_zip (path, entries, core ? 3 : 2);
}

static void
test_docx (void)
{
  g_autofree char *path = fixture_path ("interview.docx");
  g_autoptr(MgDocument) document = NULL;

  write_docx (path, docx_document, docx_core);
  document = import_ok (mg_docx_import_file, path);
  /* The name is written decomposed (e + combining circumflex); the stored text is NFC. */
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "Field notes\n\nName:\tL\xc3\xaa V\xc4\x83n\nSecond line\n\n"
                   "A link and text.\n\nCell");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Interview Seven");
  assert_metadata_has (document, "\"author\": \"R. Okafor\"");
}

static void
test_docx_title_from_text (void)
{
  g_autofree char *path = fixture_path ("plain.docx");
  g_autoptr(MgDocument) document = NULL;

  write_docx (path, docx_document, NULL);
  document = import_ok (mg_docx_import_file, path);
  g_assert_cmpstr (mg_document_get_title (document), ==, "Field notes");
  g_assert_null (mg_document_get_metadata (document));
}

static void
test_docx_missing_part (void)
{
  g_autofree char *path = fixture_path ("empty.docx");
  const Entry entries[] = { { "[Content_Types].xml", "<Types/>", 0 } };

  write_zip (path, entries, 1);
  assert_import_fails (mg_docx_import_file, path, MG_IMPORT_ERROR_CORRUPT,
                       "word/document.xml is missing");
}

static void
test_docx_external_entity (void)
{
  g_autofree char *path = fixture_path ("xxe.docx");

  write_docx (path,
              "<?xml version=\"1.0\"?>\n"
              "<!DOCTYPE w:document [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
              "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
              "main\"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>",
              NULL);
  assert_import_fails (mg_docx_import_file, path, MG_IMPORT_ERROR_UNSAFE, "secret");
}

/* --- ODT --- */

static const char odt_content[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
  "<office:body><office:text>"
  "<text:h text:outline-level=\"1\">Minutes</text:h>\n"
  "<text:p>Present:<text:s text:c=\"3\"/>four   members<text:tab/>(quorum)</text:p>"
  "<text:p>First line<text:line-break/>second line"
  "<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note>"
  "</text:p>"
  "<text:list><text:list-item><text:p>An <text:span>item</text:span></text:p></text:list-item>"
  "</text:list>"
  "</office:text></office:body></office:document-content>";

static const char odt_meta[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta>"
  "<dc:title>Board Minutes, May</dc:title><meta:initial-creator>S. Lindqvist"
  "</meta:initial-creator><dc:creator>Someone Else</dc:creator></office:meta>"
  "</office:document-meta>";

static void
test_odt (void)
{
  g_autofree char *path = fixture_path ("minutes.odt");
  g_autoptr(MgDocument) document = NULL;
  const Entry entries[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", 0 },
    { "content.xml", odt_content, 0 },
    { "meta.xml", odt_meta, 0 },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
  document = import_ok (mg_odt_import_file, path);
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "Minutes\n\nPresent:   four members\t(quorum)\n\n"
                   "First line\nsecond line\n\nAn item");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Board Minutes, May");
  assert_metadata_has (document, "\"author\": \"S. Lindqvist\"");
}

/* --- broken and hostile zips --- */

static void
test_zip_truncated (void)
{
  g_autofree char *whole = fixture_path ("whole.docx");
  g_autofree char *path = fixture_path ("truncated.docx");
  g_autofree char *data = NULL;
  gsize length;

  write_docx (whole, docx_document, docx_core);
  g_assert_true (g_file_get_contents (whole, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize) length / 2, NULL));
  assert_import_fails (mg_docx_import_file, path, MG_IMPORT_ERROR_CORRUPT,
                       "damaged or cut short");
}

/* 64 MB of zeros deflates to about 64 KB: a ratio near 1000:1, far over the bound, and
 * refused well before it is inflated whole. */
static void
test_zip_bomb (void)
{
  g_autofree char *path = fixture_path ("bomb.odt");
  gsize size = (gsize) 60 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (size);
  const Entry entries[] = { { "content.xml", zeros, size } };

  write_zip (path, entries, 1);
  assert_import_fails (mg_odt_import_file, path, MG_IMPORT_ERROR_TOO_LARGE, "zip bomb");
}

static void
test_zip_climbs_out (void)
{
  g_autofree char *path = fixture_path ("climb.epub");
  const Entry entries[] = {
    { "META-INF/container.xml", container_xml, 0 },
    { "../../home/evil.xhtml", chapter_two, 0 },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
  assert_import_fails (mg_epub_import_file, path, MG_IMPORT_ERROR_UNSAFE, "../../home");
}

static void
test_zip_not_a_zip (void)
{
  g_autofree char *path = fixture_path ("text.epub");

  g_assert_true (g_file_set_contents (path, "just some words, no archive", -1, NULL));
  assert_import_fails (mg_epub_import_file, path, MG_IMPORT_ERROR_CORRUPT, "EPUB");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/documents/pdf", test_pdf);
  g_test_add_func ("/documents/pdf/many-pages", test_pdf_many_pages);
  g_test_add_func ("/documents/pdf/title-from-text", test_pdf_title_from_text);
  g_test_add_func ("/documents/pdf/no-text", test_pdf_no_text);
  g_test_add_func ("/documents/pdf/broken", test_pdf_broken);
  g_test_add_func ("/documents/epub", test_epub);
  g_test_add_func ("/documents/epub/no-spine", test_epub_no_spine);
  g_test_add_func ("/documents/docx", test_docx);
  g_test_add_func ("/documents/docx/title-from-text", test_docx_title_from_text);
  g_test_add_func ("/documents/docx/missing-part", test_docx_missing_part);
  g_test_add_func ("/documents/docx/external-entity", test_docx_external_entity);
  g_test_add_func ("/documents/odt", test_odt);
  g_test_add_func ("/documents/zip/truncated", test_zip_truncated);
  g_test_add_func ("/documents/zip/bomb", test_zip_bomb);
  g_test_add_func ("/documents/zip/climbs-out", test_zip_climbs_out);
  g_test_add_func ("/documents/zip/not-a-zip", test_zip_not_a_zip);

  return g_test_run ();
}
