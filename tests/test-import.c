/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text import: what a file's bytes become in the library, and which files are refused. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mg-store.h"
#include "mg-text-import.h"

static char *
fixture_contents (const char *name,
                  gsize      *out_length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);
  return contents;
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

/* Each test case has its own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
scratch_path (const char *name)
{
  const char *folder = g_get_user_data_dir ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  return g_build_filename (folder, name, NULL);
}

static GFile *
scratch_file (const char *name,
              const char *data,
              gssize      length)
{
  g_autofree char *path = scratch_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_decodes (const char *data,
                gssize      length,
                const char *expected_text,
                const char *expected_encoding)
{
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;
  g_autofree char *text = mg_text_import_decode (data, length < 0 ? strlen (data) : (gsize) length,
                                                 &encoding, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected_text);
  if (expected_encoding != NULL)
    g_assert_cmpstr (encoding, ==, expected_encoding);
}

static void
assert_refused (const char *data,
                gssize      length,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mg_text_import_decode (data, length < 0 ? strlen (data) : (gsize) length,
                                                 NULL, &error);

  g_assert_null (text);
  g_assert_error (error, MG_IMPORT_ERROR, code);
}

static void
assert_file_refused (GFile *file,
                     int    code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_text_import_file (file, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, MG_IMPORT_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_utf8 (void)
{
  assert_decodes ("Plain \xc3\xa9t\xc3\xa9 text.\n", -1, "Plain \xc3\xa9t\xc3\xa9 text.\n",
                  "UTF-8");
  /* The mark is dropped: it is not part of the text, and would shift every offset by one. */
  assert_decodes ("\xef\xbb\xbfMarked text.\n", -1, "Marked text.\n", "UTF-8");
}

static void
test_utf16 (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *le = NULL;
  g_autofree char *be = NULL;
  gsize expected_length, le_length, be_length;

  expected = fixture_contents ("tide.expected.txt", &expected_length);
  le = fixture_contents ("tide-utf16le.txt", &le_length);
  be = fixture_contents ("tide-utf16be.txt", &be_length);
  assert_decodes (le, le_length, expected, "UTF-16LE");
  assert_decodes (be, be_length, expected, "UTF-16BE");

  /* An odd byte at the end is damage, not text. */
  assert_refused (le, le_length - 1, MG_IMPORT_ERROR_ENCODING);
}

static void
test_utf32 (void)
{
  /* "Ab\u00e9\U0001D11E\n" with either mark. */
  static const char le[] = "\xff\xfe\x00\x00" "A\0\0\0" "b\0\0\0" "\xe9\0\0\0"
                           "\x1e\xd1\x01\x00" "\n\0\0\0";
  static const char be[] = "\x00\x00\xfe\xff" "\0\0\0A" "\0\0\0b" "\0\0\0\xe9"
                           "\x00\x01\xd1\x1e" "\0\0\0\n";

  assert_decodes (le, sizeof le - 1, "Ab\xc3\xa9\xf0\x9d\x84\x9e\n", "UTF-32LE");
  assert_decodes (be, sizeof be - 1, "Ab\xc3\xa9\xf0\x9d\x84\x9e\n", "UTF-32BE");
}

static void
test_windows_1252 (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *letter = NULL;
  gsize expected_length, letter_length;

  /* \x93 \x94 curly quotes, \xe9 e acute, \x96 en dash, \x80 euro sign. */
  assert_decodes ("\x93Quoted\x94 caf\xe9 \x96 \x80" "5\n", -1,
                  "\xe2\x80\x9cQuoted\xe2\x80\x9d caf\xc3\xa9 \xe2\x80\x93 \xe2\x82\xac" "5\n",
                  "WINDOWS-1252");

  expected = fixture_contents ("letter-cp1252.expected.txt", &expected_length);
  letter = fixture_contents ("letter-cp1252.txt", &letter_length);
  assert_decodes (letter, letter_length, expected, "WINDOWS-1252");
}

static void
test_line_ends (void)
{
  assert_decodes ("one\r\ntwo\rthree\nfour\r\n\r\nfive\r", -1,
                  "one\ntwo\nthree\nfour\n\nfive\n", NULL);
  /* CR CR LF is one lone CR and one CRLF: two line ends, not three. */
  assert_decodes ("a\r\r\nb", -1, "a\n\nb", NULL);
}

static void
test_nfc (void)
{
  /* e + COMBINING ACUTE becomes one é; the Vietnamese decomposed forms compose too. */
  assert_decodes ("Cafe\xcc\x81\n", -1, "Caf\xc3\xa9\n", NULL);
  assert_decodes ("Vie\xcc\xa3\xcc\x82t Nam, Ha\xcc\x80 No\xcc\xa3\xcc\x82i\n", -1,
                  "Vi\xe1\xbb\x87t Nam, H\xc3\xa0 N\xe1\xbb\x99i\n", NULL);
  /* The marks in the other order (circumflex first) are canonically the same letter. */
  assert_decodes ("Vie\xcc\x82\xcc\xa3t\n", -1, "Vi\xe1\xbb\x87t\n", NULL);

  {
    g_autofree char *expected = NULL;
    g_autofree char *notes = NULL;
    gsize expected_length, notes_length;

    expected = fixture_contents ("field-notes.expected.txt", &expected_length);
    notes = fixture_contents ("field-notes.txt", &notes_length);
    assert_decodes (notes, notes_length, expected, "UTF-8");
  }
}

static void
test_binary (void)
{
  static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0";
  static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0";
  static const char nul_inside[] = "A text with one\0 NUL in it.\n";
  g_autofree char *png = NULL;
  gsize png_length;
  GString *controls = g_string_new ("Ctl");

  png = fixture_contents ("not-text.png", &png_length);
  assert_refused (png, png_length, MG_IMPORT_ERROR_BINARY);
  assert_refused (elf, sizeof elf - 1, MG_IMPORT_ERROR_BINARY);
  assert_refused (zip, sizeof zip - 1, MG_IMPORT_ERROR_BINARY);
  assert_refused (nul_inside, sizeof nul_inside - 1, MG_IMPORT_ERROR_BINARY);

  /* No NUL, but full of control bytes: still not text. */
  for (guint i = 0; i < 200; i++)
    g_string_append_c (controls, (char) (1 + i % 8));
  assert_refused (controls->str, controls->len, MG_IMPORT_ERROR_BINARY);
  g_string_free (controls, TRUE);

  /* Tabs and form feeds are text. */
  assert_decodes ("a\tb\fc\n", -1, "a\tb\fc\n", NULL);
}

static void
test_empty (void)
{
  assert_refused ("", 0, MG_IMPORT_ERROR_EMPTY);
  assert_refused (" \t\r\n\n  \r", -1, MG_IMPORT_ERROR_EMPTY);
  assert_refused ("\xef\xbb\xbf", 3, MG_IMPORT_ERROR_EMPTY);
  assert_refused ("\xff\xfe", 2, MG_IMPORT_ERROR_EMPTY);
  /* No-break and zero-width spaces are blank too. */
  assert_refused ("\xc2\xa0\xe2\x80\x8b\n", -1, MG_IMPORT_ERROR_EMPTY);

  {
    g_autoptr(GFile) blank = fixture_file ("blank.txt");
    assert_file_refused (blank, MG_IMPORT_ERROR_EMPTY);
  }
}

static void
test_unreadable (void)
{
  g_autofree char *folder = scratch_path ("a-folder");
  g_autoptr(GFile) folder_file = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/marginalia/missing.txt");
  g_autoptr(GFile) parent = scratch_file ("plain.txt", "text\n", -1);
  g_autoptr(GFile) under_file = g_file_get_child (parent, "child.txt");
  g_autofree char *link = scratch_path ("dangling.txt");
  g_autoptr(GFile) dangling = g_file_new_for_path (link);

  g_assert_no_errno (g_mkdir (folder, 0700));
  folder_file = g_file_new_for_path (folder);
  assert_file_refused (folder_file, MG_IMPORT_ERROR_READ);
  assert_file_refused (missing, MG_IMPORT_ERROR_READ);
  assert_file_refused (under_file, MG_IMPORT_ERROR_READ);
  g_assert_no_errno (symlink ("nowhere.txt", link));
  assert_file_refused (dangling, MG_IMPORT_ERROR_READ);

  if (geteuid () != 0)
    {
      g_autoptr(GFile) locked = scratch_file ("locked.txt", "secret\n", -1);
      g_autofree char *path = g_file_get_path (locked);

      g_assert_no_errno (g_chmod (path, 0));
      assert_file_refused (locked, MG_IMPORT_ERROR_READ);
    }
  else
    g_test_message ("running as root: a file without read permission cannot be tested");
}

static void
test_too_large (void)
{
  g_autofree char *path = scratch_path ("huge.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FILE *stream = fopen (path, "w");

  /* Sparse: the size is checked before a byte is read, so this costs no disk space. */
  g_assert_nonnull (stream);
  g_assert_no_errno (ftruncate (fileno (stream), (off_t) MG_IMPORT_MAX_BYTES + 1));
  fclose (stream);
  assert_file_refused (file, MG_IMPORT_ERROR_TOO_LARGE);
}

static void
test_cancelled (void)
{
  g_autoptr(GFile) file = fixture_file ("field-notes.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = NULL;

  g_cancellable_cancel (cancellable);
  document = mg_text_import_file (file, cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_import_file (void)
{
  g_autoptr(GFile) file = fixture_file ("field-notes.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_text_import_file (file, NULL, &error);
  g_autofree char *expected = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  gsize expected_length;

  g_assert_no_error (error);
  expected = fixture_contents ("field-notes.expected.txt", &expected_length);
  g_assert_cmpstr (mg_document_get_text (document), ==, expected);
  g_assert_cmpstr (mg_document_get_title (document), ==, "Field notes from the harbour archive");
  g_assert_cmpstr (mg_document_get_source_uri (document), ==, uri);
  g_assert_cmpstr (mg_document_get_media_type (document), ==, "text/plain");
  g_assert_cmpint (mg_document_get_char_count (document), ==, g_utf8_strlen (expected, -1));
  g_assert_cmpint (mg_document_get_id (document), ==, 0);
}

/* Offsets count code points: a combining mark that does not compose counts as one, and a
 * character beyond the BMP counts as one (not two UTF-16 units, not four bytes). */
static void
test_code_point_offsets (void)
{
  static const char source[] = "q\xcc\xa3 Cafe\xcc\x81 \xf0\x9d\x84\x9e clef\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mg_text_import_decode (source, sizeof source - 1, NULL, &error);
  g_autoptr(MgDocument) document = NULL;
  const char *clef;

  g_assert_no_error (error);
  /* q, dot below, space, C a f é, space, G clef, space, c l e f, LF */
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 15);
  clef = strstr (text, "clef");
  g_assert_nonnull (clef);
  g_assert_cmpint (g_utf8_pointer_to_offset (text, clef), ==, 10);
  g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (text, 8)), ==, 0x1d11e);

  document = mg_document_new ("Offsets", text, NULL, NULL);
  g_assert_cmpint (mg_document_get_char_count (document), ==, 15);
}

static void
test_title (void)
{
  struct {
    const char *text;
    const char *title;
  } cases[] = {
    { "Harbour report\nBody.\n", "Harbour report" },
    { "\n\n   Indented heading   \nBody.\n", "Indented heading" },
    { "Only one line", "Only one line" },
    { "\xe2\x80\x83\xc2\xa0Spaced\t\nBody", "Spaced" },
  };
  g_autofree char *long_line = g_strnfill (101, 'x');
  g_autofree char *longest = g_strnfill (100, 'y');
  g_autofree char *long_text = g_strconcat (long_line, "\nbody\n", NULL);
  g_autofree char *title = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *guessed = mg_text_import_guess_title (cases[i].text, "fallback");
      g_assert_cmpstr (guessed, ==, cases[i].title);
    }

  /* A first line too long to be a heading is a paragraph: the file's name is used. */
  title = mg_text_import_guess_title (long_text, "fallback");
  g_assert_cmpstr (title, ==, "fallback");
  g_clear_pointer (&title, g_free);
  title = mg_text_import_guess_title (longest, "fallback");
  g_assert_cmpstr (title, ==, longest);

  {
    g_autofree char *body = g_strconcat (long_line, "\n", NULL);
    g_autoptr(GFile) file = scratch_file ("minutes 2026-03.txt", body, -1);
    g_autoptr(MgDocument) document = mg_text_import_file (file, NULL, NULL);

    g_assert_nonnull (document);
    g_assert_cmpstr (mg_document_get_title (document), ==, "minutes 2026-03");
  }
  {
    /* The byte order mark never leaks into the title. */
    g_autoptr(GFile) file = fixture_file ("tide-utf16le.txt");
    g_autoptr(MgDocument) document = mg_text_import_file (file, NULL, NULL);

    g_assert_nonnull (document);
    g_assert_cmpstr (mg_document_get_title (document), ==, "Tide table");
  }
}

/* The same text in another encoding, or with other line ends, is the same document. */
static void
test_duplicate_through_store (void)
{
  g_autofree char *library = scratch_path ("library.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = mg_store_open (library, &error);
  g_autoptr(GFile) le = fixture_file ("tide-utf16le.txt");
  g_autoptr(GFile) be = fixture_file ("tide-utf16be.txt");
  g_autoptr(GFile) crlf = scratch_file ("tide-crlf.txt",
                                        "Tide table\r\n\r\nHigh water at 06:12 and 18:40; the "
                                        "e\xcc\x81" "cluse opens an hour before.\r\n", -1);
  g_autoptr(MgDocument) first = mg_text_import_file (le, NULL, &error);
  g_autoptr(MgDocument) second = mg_text_import_file (be, NULL, &error);
  g_autoptr(MgDocument) third = mg_text_import_file (crlf, NULL, &error);
  g_autoptr(GListModel) documents = NULL;
  gboolean existed = TRUE;

  g_assert_no_error (error);
  g_assert_true (mg_store_add_document (store, first, &existed, &error));
  g_assert_no_error (error);
  g_assert_false (existed);

  g_assert_true (mg_store_add_document (store, second, &existed, &error));
  g_assert_true (existed);
  g_assert_cmpint (mg_document_get_id (second), ==, mg_document_get_id (first));
  g_assert_true (mg_store_add_document (store, third, &existed, &error));
  g_assert_true (existed);
  g_assert_cmpint (mg_document_get_id (third), ==, mg_document_get_id (first));

  documents = mg_store_list_documents (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
}

/* A long text normalised a piece at a time comes out exactly as normalising it whole: marks
 * that compose ("e" + U+0302 + U+0301 → "ế"), marks given out of canonical order, and CR LF
 * line ends all fall on every side of the piece boundaries. */
static void
test_normalise_in_pieces (void)
{
  static const char * const bits[] = {
    "Vie\xcc\x82\xcc\x81t ", "Nam\r\n", "a\xcc\xa3\xcc\x82 ", "plain words ",
    "\xe1\xba\xbf ", "x\xcc\x81\xcc\xa3\r", "\r\n", "tab\there ",
  };
  GString *long_text = g_string_new (NULL);
  g_autofree char *whole = NULL;
  g_autofree char *pieces = NULL;
  g_autofree char *lf = NULL;

  for (guint i = 0; long_text->len < 400 * 1024; i++)
    g_string_append (long_text, bits[(i * 7 + i / 3) % G_N_ELEMENTS (bits)]);
  whole = mg_text_import_normalise (long_text->str, long_text->len);
  pieces = mg_text_import_normalise_take (g_string_free (long_text, FALSE));
  g_assert_cmpstr (pieces, ==, whole);
  g_assert_null (strchr (pieces, '\r'));
  lf = mg_text_import_normalise_take (g_strdup ("Vie\xcc\x82\xcc\xa3t Nam\r\n"));
  g_assert_cmpstr (lf, ==, "Vi\xe1\xbb\x87t Nam\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/decode/utf-8", test_utf8);
  g_test_add_func ("/import/decode/utf-16", test_utf16);
  g_test_add_func ("/import/decode/utf-32", test_utf32);
  g_test_add_func ("/import/decode/windows-1252", test_windows_1252);
  g_test_add_func ("/import/decode/line-ends", test_line_ends);
  g_test_add_func ("/import/decode/nfc", test_nfc);
  g_test_add_func ("/import/decode/code-point-offsets", test_code_point_offsets);
  g_test_add_func ("/import/refuse/binary", test_binary);
  g_test_add_func ("/import/refuse/empty", test_empty);
  g_test_add_func ("/import/refuse/unreadable", test_unreadable);
  g_test_add_func ("/import/refuse/too-large", test_too_large);
  g_test_add_func ("/import/file/read", test_import_file);
  g_test_add_func ("/import/file/cancelled", test_cancelled);
  g_test_add_func ("/import/file/title", test_title);
  g_test_add_func ("/import/file/duplicate", test_duplicate_through_store);
  g_test_add_func ("/import/normalise-in-pieces", test_normalise_in_pieces);

  return g_test_run ();
}
