/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of web pages and Markdown, and the door that picks an importer by a file's content. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mg-html-import.h"
#include "mg-import.h"
#include "mg-markdown-import.h"
#include "mg-store.h"

static char *
format_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
}

static char *
format_contents (const char *name,
                 gsize      *out_length)
{
  g_autofree char *path = format_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static MgDocument *
import_format (const char *name)
{
  g_autofree char *path = format_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MgDocument *document = mg_import_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Each test case has its own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS). */
static GFile *
scratch_file (const char *name,
              const char *data,
              gssize      length)
{
  const char *folder = g_get_user_data_dir ();
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_text_is_fixture (MgDocument *document,
                        const char *expected_name)
{
  g_autofree char *expected = format_contents (expected_name, NULL);

  g_assert_cmpstr (mg_document_get_text (document), ==, expected);
}

static void
assert_metadata_has (MgDocument *document,
                     const char *pair)
{
  const char *metadata = mg_document_get_metadata (document);

  g_assert_nonnull (metadata);
  if (strstr (metadata, pair) == NULL)
    g_error ("metadata %s lacks %s", metadata, pair);
}

static MgDocument *
import_html (const char *html)
{
  g_autoptr(GError) error = NULL;
  MgDocument *document = mg_html_import_bytes (html, strlen (html), "fallback", NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* A saved news page: headline, dateline and body; none of its menus, ads, share buttons,
 * related articles, comments, sidebar or footer. */
static void
test_news_article (void)
{
  g_autoptr(MgDocument) document = import_format ("harbour-gazette-article.html");
  const char *text = mg_document_get_text (document);

  assert_text_is_fixture (document, "harbour-gazette-article.expected.txt");
  g_assert_cmpstr (mg_document_get_title (document), ==,
                   "Storm surge closes the old harbour for three days");
  g_assert_cmpstr (mg_document_get_media_type (document), ==, "text/html");
  assert_metadata_has (document, "\"author\": \"Marta Okonkwo\"");
  assert_metadata_has (document, "\"date\": \"2024-03-14T07:30:00+01:00\"");
  assert_metadata_has (document,
                       "\"source_url\": \"https://harbourgazette.example/2024/03/storm-surge-old-harbour\"");
  for (const char *const *furniture = (const char *const []) {
         "cookies", "Port & Shipping", "Advertisement", "Share on", "Related articles",
         "Ferry timetable", "comments", "seabird77", "Most read", "Subscribe", "rights reserved",
         "Tags:", "dataLayer", "Skip to content", "Read more", NULL };
       *furniture != NULL; furniture++)
    if (strstr (text, *furniture) != NULL)
      g_error ("the article keeps “%s”:\n%s", *furniture, text);
}

/* og:title is absent: <title> loses its site tail, which repeats the site's name. */
static void
test_title_sources (void)
{
  g_autoptr(MgDocument) tail = import_html (
    "<html><head><title>Bus strike called off | The Harbour Gazette</title>"
    "<meta property='og:site_name' content='The Harbour Gazette'></head>"
    "<body><p>The unions agreed.</p></body></html>");
  g_autoptr(MgDocument) headline = import_html (
    "<html><head><title>Bus strike called off - Gazette</title></head>"
    "<body><h1>Bus strike called off</h1><p>The unions agreed.</p></body></html>");
  g_autoptr(MgDocument) h1_only = import_html (
    "<html><body><h1>Only a headline</h1><p>And a paragraph.</p></body></html>");
  g_autoptr(MgDocument) nothing = import_html ("<html><body><p>No title at all.</p></body></html>");

  g_assert_cmpstr (mg_document_get_title (tail), ==, "Bus strike called off");
  g_assert_cmpstr (mg_document_get_title (headline), ==, "Bus strike called off");
  g_assert_cmpstr (mg_document_get_title (h1_only), ==, "Only a headline");
  g_assert_cmpstr (mg_document_get_title (nothing), ==, "fallback");
  g_assert_null (mg_document_get_metadata (nothing));
}

static void
test_xhtml (void)
{
  g_autoptr(MgDocument) document = import_format ("tide-notes.xhtml");

  assert_text_is_fixture (document, "tide-notes.expected.txt");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Notes on the tide tables");
  g_assert_cmpstr (mg_document_get_media_type (document), ==, "application/xhtml+xml");
  assert_metadata_has (document, "\"author\": \"Ana Ferreira\"");
  assert_metadata_has (document, "\"date\": \"1911-06-02\"");
}

/* A page built by scripts has nothing to read; saying so beats an empty document. */
static void
test_title_only (void)
{
  g_autofree char *path = format_path ("title-only.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_import_file (file, NULL, &error);

  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY);
  g_assert_null (document);
  g_assert_nonnull (strstr (error->message, "save the page again"));
}

static void
test_references (void)
{
  g_autoptr(MgDocument) document = import_format ("references.html");

  /* Named and numeric references decoded, NFC applied, an unknown name left as written. */
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "Café & crème — <tags> \"quoted\" ©\u00a02024\n\n"
                   "Numeric: éé\U0001F30A and é composed; unknown &notanentity; stays.");
}

static void
test_declared_charset (void)
{
  g_autoptr(MgDocument) document = import_format ("legacy-1252.html");

  g_assert_cmpstr (mg_document_get_title (document), ==, "Crème brûlée");
  g_assert_cmpstr (mg_document_get_text (document), ==,
                   "“Quoted” and naïve – in Windows-1252.");
}

/* Entities declared in the DOCTYPE are neither read nor fetched nor expanded. */
static void
test_hostile_entities (void)
{
  g_autoptr(MgDocument) document = import_format ("hostile-entities.html");

  g_assert_cmpstr (mg_document_get_text (document), ==, "Before &xxe; &remote; &lol2; after.");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Hostile page");
}

static void
test_hostile_depth (void)
{
  GString *html = g_string_new ("<html><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "<p>deep</p>");
  /* libxml2 stops at its depth limit; what matters is that nothing overflows. */
  document = mg_html_import_bytes (html->str, html->len, "deep", NULL, &error);
  g_assert_true (document != NULL || g_error_matches (error, MG_IMPORT_ERROR,
                                                      MG_IMPORT_ERROR_EMPTY));
  g_string_free (html, TRUE);
}

/* 5 MB of broken markup, entities and stray text: parsed in bounded time, no crash. */
static void
test_hostile_junk (void)
{
  static const char *const pieces[] = {
    "<p>", "</div>", "&amp;", "&#x1F30A;", "<<", ">>", "<b>", "&", "word ", "<td>", "\n",
    "<a href=x>", "<span", "\"", "&#xFFFFFFFF;", "&#0;", "<p class='comment'>", "</p>"
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GString *html = g_string_new ("<html><body><article>");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;

  while (html->len < 5 * 1024 * 1024)
    g_string_append (html, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  document = mg_html_import_bytes (html->str, html->len, "junk", NULL, &error);
  /* libxml2 gives up where inline tags nest past its limit; up to there, text comes out. */
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (mg_document_get_text (document), -1, NULL));
  g_assert_cmpint (mg_document_get_char_count (document), >, 0);
  g_string_free (html, TRUE);
}

/* A page far larger than one piece of the stream: scripts whose strings hold end tags, text
 * and characters that piece boundaries cut, a <meta> late in the page. Read from a file (a
 * piece at a time) and from memory, it gives the same article, whole. */
static GString *
make_long_page (void)
{
  GString *html = g_string_new ("<!DOCTYPE html><html><head><title>Long page</title>"
                                "</head><body><nav><ul><li>Menu</li></ul></nav><article>"
                                "<h1>Long page</h1>\n");

  for (int i = 0; i < 6000; i++)
    {
      g_string_append_printf (html, "<p>Paragraph %d: caf&eacute; cr\xc3\xa8me \xf0\x9f\x8c\x8a"
                              "<script>var s = '</p><p>not text</p>';", i);
      /* Once, the end tag straddles the 64 KiB mark, where a naive stream cuts. */
      if (html->len < 65536 && html->len + 200 > 65536)
        g_string_append_printf (html, "%*s", (int) (65536 - 4 - html->len), "");
      g_string_append (html, "</script> end.</p>\n");
    }
  g_string_append (html, "<meta charset=\"utf-16\"><p>Last paragraph.</p></article>"
                         "<footer>Comments</footer></body></html>");
  return html;
}

static void
test_long_page_streams (void)
{
  g_autoptr(GString) html = make_long_page ();
  g_autoptr(GFile) file = scratch_file ("long.html", html->str, html->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) from_file = mg_import_file (file, NULL, &error);
  g_autoptr(MgDocument) from_memory = NULL;
  const char *text;
  int paragraphs = 0;

  g_assert_no_error (error);
  from_memory = mg_html_import_bytes (html->str, html->len, "long", NULL, &error);
  g_assert_no_error (error);
  text = mg_document_get_text (from_file);
  g_assert_cmpstr (text, ==, mg_document_get_text (from_memory));
  g_assert_true (g_str_has_prefix (text, "Long page\n\nParagraph 0: café crème \U0001F30A end."
                                         "\n\nParagraph 1: "));
  g_assert_nonnull (strstr (text, "\n\nParagraph 4321: café crème \U0001F30A end.\n\n"));
  g_assert_true (g_str_has_suffix (text, "Paragraph 5999: café crème \U0001F30A end."
                                         "\n\nLast paragraph."));
  g_assert_null (strstr (text, "not text"));
  g_assert_null (strstr (text, "Menu"));
  for (const char *p = strstr (text, " end.\n\n"); p != NULL; p = strstr (p + 1, " end.\n\n"))
    paragraphs++;
  g_assert_cmpint (paragraphs, ==, 6000);
  g_assert_cmpstr (mg_document_get_title (from_file), ==, "Long page");
}

/* Undeclared, valid UTF-8 for a megabyte, then one Windows-1252 byte: the whole page is read
 * as Windows-1252, as browsers read a page that is not UTF-8 throughout. */
static void
test_late_legacy_byte (void)
{
  GString *html = g_string_new ("<html><body>");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;
  const char *text;

  while (html->len < 1024 * 1024)
    g_string_append (html, "<p>Plain text.</p>\n");
  g_string_append (html, "<p>Cr\xe8me.</p></body></html>");
  file = scratch_file ("late.html", html->str, html->len);
  document = mg_import_file (file, NULL, &error);
  g_assert_no_error (error);
  text = mg_document_get_text (document);
  g_assert_true (g_str_has_prefix (text, "Plain text.\n\nPlain text."));
  g_assert_true (g_str_has_suffix (text, "Plain text.\n\nCrème."));
  g_string_free (html, TRUE);
}

/* UTF-16 and UTF-32 pages, with a byte-order mark or without one. */
static void
test_wide_encodings (void)
{
  static const char *const page = "<!DOCTYPE html><html><head><title>Tide \xe2\x80\x94 "
                                  "notes</title></head><body><p>Caf\xc3\xa9 \xf0\x9f\x8c\x8a"
                                  "</p></body></html>";
  static const struct { const char *encoding; const char *mark; gsize mark_length; } cases[] = {
    { "UTF-16LE", "\xff\xfe", 2 }, { "UTF-16BE", "\xfe\xff", 2 },
    { "UTF-32LE", "\xff\xfe\0\0", 4 }, { "UTF-16LE", "", 0 }, { "UTF-16BE", "", 0 },
    { "UTF-32LE", "", 0 }, { "UTF-32BE", "", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = 0;
      g_autofree char *body = g_convert (page, -1, cases[i].encoding, "UTF-8", NULL, &length,
                                         NULL);
      g_autofree char *bytes = g_malloc (cases[i].mark_length + length);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgDocument) document = NULL;

      memcpy (bytes, cases[i].mark, cases[i].mark_length);
      memcpy (bytes + cases[i].mark_length, body, length);
      document = mg_html_import_bytes (bytes, cases[i].mark_length + length, "wide", NULL,
                                       &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mg_document_get_text (document), ==, "Caf\xc3\xa9 \xf0\x9f\x8c\x8a");
      g_assert_cmpstr (mg_document_get_title (document), ==, "Tide \xe2\x80\x94 notes");
    }
}

/* The streamed import stops between pieces when asked to. */
static void
test_cancelled (void)
{
  g_autoptr(GString) html = make_long_page ();
  g_autoptr(GFile) file = scratch_file ("long.html", html->str, html->len);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;

  g_cancellable_cancel (cancellable);
  document = mg_html_import_file (file, cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Furniture told by words is kept when it holds the article; a page's own header is left out
 * only when it holds menus; when the words would leave nothing, only elements count. */
static void
test_furniture_words (void)
{
  g_autoptr(MgDocument) holder = import_html (
    "<html><body><div class='layout sidebar'><div class='ad'>Buy now</div>"
    "<article><p>The article body.</p></article></div></body></html>");
  g_autoptr(MgDocument) headers = import_html (
    "<html><body><header><a href='/'>Site</a><ul><li>Home</li></ul></header>"
    "<header><p>A plain banner line.</p></header>"
    "<section><header><p>Kicker</p><ul><li>tag</li></ul></header><p>Body text here.</p>"
    "</section></body></html>");
  g_autoptr(MgDocument) all_words = import_html (
    "<html><body><div class='sidebar-layout nav'><p>Only text.</p></div></body></html>");

  g_assert_cmpstr (mg_document_get_text (holder), ==, "The article body.");
  g_assert_cmpstr (mg_document_get_text (headers), ==,
                   "A plain banner line.\n\nKicker\n\ntag\n\nBody text here.");
  g_assert_cmpstr (mg_document_get_text (all_words), ==, "Only text.");
}

static void
test_markdown (void)
{
  g_autoptr(MgDocument) document = import_format ("harbour-notes.md");

  assert_text_is_fixture (document, "harbour-notes.expected.txt");
  g_assert_cmpstr (mg_document_get_title (document), ==, "Harbour archive: reading notes");
  g_assert_cmpstr (mg_document_get_media_type (document), ==, "text/markdown");
  assert_metadata_has (document, "\"author\": \"Ana Ferreira\"");
}

static void
test_markdown_title_and_edges (void)
{
  g_autofree char *title = NULL;
  g_autofree char *text = mg_markdown_import_render ("Intro line\n\n## Second *level* ##\n"
                                                     "**unclosed and _open\n"
                                                     "[no target] and [ref][r]\n", &title);

  g_assert_cmpstr (title, ==, "Second level");
  g_assert_cmpstr (text, ==, "Intro line\n\nSecond level\n\n**unclosed and _open\n"
                             "[no target] and ref");
}

static void
assert_detects (GFile          *file,
                MgImportFormat  expected)
{
  g_autoptr(GError) error = NULL;
  MgImportFormat format = -1;

  g_assert_true (mg_import_detect_format (file, &format, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, expected);
}

/* The content decides, not the name. */
static void
test_detect_by_content (void)
{
  g_autofree char *page_path = format_path ("saved-page.txt");
  g_autofree char *text_path = format_path ("plain-notes.html");
  g_autoptr(GFile) page = g_file_new_for_path (page_path);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  g_autoptr(GFile) markdown = scratch_file ("notes.txt", "# Notes\n\nSee [the map](map.png) "
                                            "and **this**.\n", -1);
  g_autoptr(GFile) pdf = scratch_file ("paper.txt", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", -1);
  g_autoptr(MgDocument) page_document = mg_import_file (page, NULL, NULL);
  g_autoptr(MgDocument) text_document = mg_import_file (text, NULL, NULL);

  assert_detects (page, MG_IMPORT_FORMAT_HTML);
  assert_detects (text, MG_IMPORT_FORMAT_TEXT);
  assert_detects (markdown, MG_IMPORT_FORMAT_MARKDOWN);
  assert_detects (pdf, MG_IMPORT_FORMAT_PDF);
  g_assert_cmpstr (mg_document_get_text (page_document), ==,
                   "Ferry timetable changes\n\nThe first ferry now leaves at 6:15.");
  g_assert_cmpstr (mg_document_get_media_type (text_document), ==, "text/plain");
  g_assert_nonnull (strstr (mg_document_get_text (text_document), "tags such as <p> and <b>"));
}

static void
assert_unsupported (GFile      *file,
                    const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_import_file (file, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_prefix (error->message, "not a document Marginalia can read: "));
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_unknown_binary (void)
{
  g_autofree char *png_path = g_test_build_filename (G_TEST_DIST, "data", "not-text.png", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) blob = scratch_file ("notes.txt", "\x01\x02\x00\x03junk\x00\xff", 10);
  g_autoptr(GFile) zip = scratch_file ("archive.epub", "PK\5\6" "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                       "\0\0\0", 22);

  assert_unsupported (png, "PNG image");
  assert_unsupported (blob, "binary data");
  /* An empty zip (end record only) is no e-book, whatever its name says. */
  g_assert_false (mg_import_detect_format (zip, &(MgImportFormat) { 0 }, NULL, NULL));
}

static void
test_folder_and_missing (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/marginalia/page.html");
  g_autoptr(GError) folder_error = NULL;
  g_autoptr(GError) missing_error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  g_assert_null (mg_import_file (folder, NULL, &folder_error));
  g_assert_error (folder_error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (folder_error->message, "folder"));
  g_assert_null (mg_import_file (missing, NULL, &missing_error));
  g_assert_error (missing_error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ);
}

static void
test_metadata_json (void)
{
  g_autofree char *json = mg_import_metadata_json ("author", "A \"B\"\\C\n", "date", NULL,
                                                   "empty", "", "source_url", "u", NULL);
  g_autofree char *none = mg_import_metadata_json ("author", NULL, NULL);

  g_assert_cmpstr (json, ==, "{\"author\": \"A \\\"B\\\"\\\\C\\u000a\", \"source_url\": \"u\"}");
  g_assert_null (none);
}

/* The library keeps what the page said about itself. */
static void
test_metadata_stored (void)
{
  g_autofree char *library = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgDocument) document = import_format ("harbour-gazette-article.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  store = mg_store_open (library, &error);
  g_assert_no_error (error);
  g_assert_true (mg_store_add_document (store, document, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (library, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_extract (metadata, '$.author') FROM "
                                       "documents", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Marta Okonkwo");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-formats/html/news-article", test_news_article);
  g_test_add_func ("/import-formats/html/title-sources", test_title_sources);
  g_test_add_func ("/import-formats/html/xhtml", test_xhtml);
  g_test_add_func ("/import-formats/html/title-only", test_title_only);
  g_test_add_func ("/import-formats/html/references", test_references);
  g_test_add_func ("/import-formats/html/declared-charset", test_declared_charset);
  g_test_add_func ("/import-formats/html/hostile-entities", test_hostile_entities);
  g_test_add_func ("/import-formats/html/hostile-depth", test_hostile_depth);
  g_test_add_func ("/import-formats/html/hostile-junk", test_hostile_junk);
  g_test_add_func ("/import-formats/html/long-page-streams", test_long_page_streams);
  g_test_add_func ("/import-formats/html/late-legacy-byte", test_late_legacy_byte);
  g_test_add_func ("/import-formats/html/wide-encodings", test_wide_encodings);
  g_test_add_func ("/import-formats/html/cancelled", test_cancelled);
  g_test_add_func ("/import-formats/html/furniture-words", test_furniture_words);
  g_test_add_func ("/import-formats/markdown/fixture", test_markdown);
  g_test_add_func ("/import-formats/markdown/title-and-edges", test_markdown_title_and_edges);
  g_test_add_func ("/import-formats/detect/by-content", test_detect_by_content);
  g_test_add_func ("/import-formats/detect/unknown-binary", test_unknown_binary);
  g_test_add_func ("/import-formats/detect/folder-and-missing", test_folder_and_missing);
  g_test_add_func ("/import-formats/metadata/json", test_metadata_json);
  g_test_add_func ("/import-formats/metadata/stored", test_metadata_stored);

  return g_test_run ();
}
