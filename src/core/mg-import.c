/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-string.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "mg-html-import.h"
#include "mg-import.h"
#include "mg-markdown-import.h"

/* The other formats' importers are written alongside this one; until their headers are in the
 * tree, those formats are recognised and refused with a clear message. */
#if __has_include ("mg-pdf-import.h")
#include "mg-pdf-import.h"
#define HAVE_PDF_IMPORT 1
#endif
#if __has_include ("mg-epub-import.h")
#include "mg-epub-import.h"
#define HAVE_EPUB_IMPORT 1
#endif
#if __has_include ("mg-docx-import.h")
#include "mg-docx-import.h"
#define HAVE_DOCX_IMPORT 1
#endif
#if __has_include ("mg-odt-import.h")
#include "mg-odt-import.h"
#define HAVE_ODT_IMPORT 1
#endif

/* A zip with more entries than this is no document we read; stop listing it there. */
#define MAX_ZIP_ENTRIES 100000

/* The PDF reference lets "%PDF-" follow up to a kilobyte of other bytes. */
#define PDF_MAGIC_WINDOW 1024

typedef struct
{
  const char *magic;
  gsize length;
  const char *what;
} Magic;

/* Binary formats people most often drop by mistake, so the refusal can name what it saw.
 * Only marks no text file starts with: the rest is caught by its NUL bytes. */
static const Magic binary_magics[] = {
  { "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
  { "\xff\xd8\xff", 3, N_("a JPEG image") },
  { "GIF87a", 6, N_("a GIF image") },
  { "GIF89a", 6, N_("a GIF image") },
  { "\x1f\x8b\x08", 3, N_("a gzip archive") },
  { "\x7f" "ELF", 4, N_("a program") },
  { "SQLite format 3", 16, N_("an SQLite database") },
  { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, N_("an old Microsoft Office file (save it as DOCX)") },
  { "Rar!\x1a\x07", 6, N_("a RAR archive") },
  { "7z\xbc\xaf\x27\x1c", 6, N_("a 7-Zip archive") },
};

static void
set_unsupported (GError     **error,
                 const char  *why)
{
  g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_UNSUPPORTED,
               /* Translators: the reason follows, such as “a PNG image”. */
               _("not a document Marginalia can read: %s; import text, Markdown, HTML, PDF, "
                 "EPUB, DOCX or ODT files"), why);
}

/* A cancelled import is not a file the user must fix: the caller needs to tell. */
static void
set_read_error (GError **error,
                GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                 _("cannot read it: %s"), cause->message);
}

/**
 * mg_import_check_file:
 *
 * Checks what can be known before reading: the file is there, is not a folder and is not
 * larger than %MG_IMPORT_MAX_BYTES.
 *
 * Returns: %TRUE when @file can be read, else %FALSE with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
mg_import_check_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable,
                                                 &local_error);

  if (info == NULL)
    {
      set_read_error (error, local_error);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                           _("it is a folder; open the files inside it"));
      return FALSE;
    }
  if ((guint64) g_file_info_get_size (info) > MG_IMPORT_MAX_BYTES)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
                   _("it is larger than %u MB; split it into smaller files"),
                   (guint) (MG_IMPORT_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_import_load_bytes:
 *
 * Checks @file as mg_import_check_file() does and returns its bytes. A local file is mapped,
 * not copied, so a large page costs no second copy of itself in memory.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
GBytes *
mg_import_load_bytes (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!mg_import_check_file (file, cancellable, error))
    return NULL;
  path = g_file_get_path (file);
  if (path != NULL)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

      if (mapped != NULL)
        return g_mapped_file_get_bytes (mapped);
    }
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      set_read_error (error, local_error);
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

/**
 * mg_import_file_stem:
 *
 * Returns: (transfer full): the file's name without its extension, for display: the title of
 *   a document that names none itself
 */
char *
mg_import_file_stem (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';
  return g_filename_display_name (name);
}

/**
 * mg_import_metadata_json:
 * @first_key: the first key, followed by its value, then more pairs and a %NULL key
 *
 * Builds what mg_document_set_metadata() takes: a JSON object of the string pairs given. A
 * %NULL or empty value leaves its key out, so callers can pass whatever they found.
 *
 * Returns: (transfer full) (nullable): the JSON object, or %NULL when no value was given
 */
char *
mg_import_metadata_json (const char *first_key,
                         ...)
{
  g_autoptr(GString) out = g_string_new ("{");
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  for (; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL || *value == '\0' || !g_utf8_validate (value, -1, NULL))
        continue;
      if (out->len > 1)
        g_string_append (out, ", ");
      mg_json_append_string (out, key);
      g_string_append (out, ": ");
      mg_json_append_string (out, value);
    }
  va_end (args);
  if (out->len == 1)
    return NULL;
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GBytes *
read_head (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &local_error);
  g_autoptr(GBytes) head = NULL;

  if (stream != NULL)
    head = g_input_stream_read_bytes (G_INPUT_STREAM (stream), MG_IMPORT_SNIFF_BYTES,
                                      cancellable, &local_error);
  if (head == NULL)
    {
      set_read_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&head);
}

/* The "mimetype" entry of EPUB and ODT names the format; a few bytes are enough. */
static char *
read_small_entry (struct archive *zip)
{
  char buffer[128];
  la_ssize_t n = archive_read_data (zip, buffer, sizeof buffer - 1);

  if (n < 0)
    return NULL;
  buffer[n] = '\0';
  return g_strstrip (g_strdup (buffer));
}

typedef struct
{
  char *mimetype;
  gboolean has_word_document;
  gboolean has_container;
} ZipFacts;

static void
zip_facts_clear (ZipFacts *facts)
{
  g_clear_pointer (&facts->mimetype, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZipFacts, zip_facts_clear)

/* Lists entry names only (the seekable reader takes them from the central directory), so
 * even a zip bomb costs nothing here: its importer bounds what it inflates. */
static gboolean
read_zip_facts (const char  *path,
                ZipFacts    *facts,
                GError     **error)
{
  struct archive *zip = archive_read_new ();
  struct archive_entry *entry;
  int status = ARCHIVE_OK;

  archive_read_support_format_zip (zip);
  if (archive_read_open_filename (zip, path, 64 * 1024) == ARCHIVE_OK)
    for (guint n = 0; n < MAX_ZIP_ENTRIES; n++)
      {
        const char *name;

        status = archive_read_next_header (zip, &entry);
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
          break;
        name = archive_entry_pathname (entry);
        if (g_strcmp0 (name, "mimetype") == 0 && facts->mimetype == NULL)
          facts->mimetype = read_small_entry (zip);
        else if (g_strcmp0 (name, "word/document.xml") == 0)
          facts->has_word_document = TRUE;
        else if (g_strcmp0 (name, "META-INF/container.xml") == 0)
          facts->has_container = TRUE;
      }
  else
    status = ARCHIVE_FATAL;
  if (status == ARCHIVE_FATAL)
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                 _("it is a damaged zip archive (%s)"),
                 archive_error_string (zip) ? archive_error_string (zip) : "?");
  archive_read_free (zip);
  return status != ARCHIVE_FATAL;
}

static gboolean
detect_zip_format (GFile           *file,
                   MgImportFormat  *out_format,
                   GError         **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(ZipFacts) facts = { 0 };

  if (path == NULL)
    {
      set_unsupported (error, _("a zip archive that is not on a local disk; copy it there first"));
      return FALSE;
    }
  if (!read_zip_facts (path, &facts, error))
    return FALSE;
  if (g_strcmp0 (facts.mimetype, "application/epub+zip") == 0)
    *out_format = MG_IMPORT_FORMAT_EPUB;
  else if (g_strcmp0 (facts.mimetype, "application/vnd.oasis.opendocument.text") == 0)
    *out_format = MG_IMPORT_FORMAT_ODT;
  else if (facts.has_word_document)
    *out_format = MG_IMPORT_FORMAT_DOCX;
  else if (facts.mimetype == NULL && facts.has_container)
    *out_format = MG_IMPORT_FORMAT_EPUB;  /* an EPUB that lost its mimetype entry */
  else
    {
      set_unsupported (error, _("a zip archive that is no EPUB, DOCX or ODT document"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_unicode_bom (const char *data,
                 gsize       length)
{
  return length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0
                         || (length >= 4 && memcmp (data, "\0\0\xfe\xff", 4) == 0));
}

/* Text files never hold NUL bytes unless they are UTF-16 or UTF-32 with a mark. */
static const char *
binary_kind (const char *data,
             gsize       length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (binary_magics); i++)
    if (length >= binary_magics[i].length
        && memcmp (data, binary_magics[i].magic, binary_magics[i].length) == 0)
      return _(binary_magics[i].what);
  if (!has_unicode_bom (data, length) && memchr (data, '\0', length) != NULL)
    return _("it holds binary data");
  return NULL;
}

static gboolean
has_markdown_name (GFile *file)
{
  static const char *const extensions[] = { ".md", ".markdown", ".mdown", ".mkd", ".mdwn" };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = g_ascii_strdown (name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (folded, extensions[i]))
      return TRUE;
  return FALSE;
}

/* Content first; the name only decides between Markdown and plain text, which look alike. */
static gboolean
detect_from_head (GFile           *file,
                  const char      *head,
                  gsize            length,
                  MgImportFormat  *out_format,
                  GError         **error)
{
  const char *binary;

  if (g_strstr_len (head, MIN (length, PDF_MAGIC_WINDOW), "%PDF-") != NULL)
    *out_format = MG_IMPORT_FORMAT_PDF;
  else if (length >= 4 && memcmp (head, "PK\3\4", 4) == 0)
    return detect_zip_format (file, out_format, error);
  else if (mg_html_import_sniff (head, length))
    *out_format = MG_IMPORT_FORMAT_HTML;
  else if ((binary = binary_kind (head, length)) != NULL)
    {
      set_unsupported (error, binary);
      return FALSE;
    }
  else if (has_markdown_name (file) || mg_markdown_import_sniff (head, length))
    *out_format = MG_IMPORT_FORMAT_MARKDOWN;
  else
    *out_format = MG_IMPORT_FORMAT_TEXT;
  return TRUE;
}

/**
 * mg_import_detect_format:
 * @out_format: (out): the format of @file
 *
 * Tells a file's format by its content (magic bytes, the entries of a zip, the markup of a
 * page), so a page saved as .txt is still read as HTML. Reads only the start of the file.
 *
 * Returns: %TRUE when the format is one Marginalia reads, else %FALSE with a #MgImportError
 *   (%MG_IMPORT_ERROR_UNSUPPORTED for other kinds of file) or %G_IO_ERROR_CANCELLED
 */
gboolean
mg_import_detect_format (GFile           *file,
                         MgImportFormat  *out_format,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GBytes) head = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out_format != NULL, FALSE);

  if (!mg_import_check_file (file, cancellable, error))
    return FALSE;
  head = read_head (file, cancellable, error);
  if (head == NULL)
    return FALSE;
  data = g_bytes_get_data (head, &length);
  if (length == 0)
    {
      *out_format = MG_IMPORT_FORMAT_TEXT;  /* its importer says it is empty */
      return TRUE;
    }
  return detect_from_head (file, data, length, out_format, error);
}

#if !defined (HAVE_PDF_IMPORT) || !defined (HAVE_EPUB_IMPORT) || !defined (HAVE_DOCX_IMPORT) \
    || !defined (HAVE_ODT_IMPORT)
/* Formats recognised but whose importer is not built in yet. */
static MgDocument *
not_built_in (const char  *format,
              GError     **error)
{
  g_autofree char *why = g_strdup_printf (_("a %s file, which this build cannot import yet"),
                                          format);

  set_unsupported (error, why);
  return NULL;
}
#endif

static MgDocument *
import_container (GFile           *file,
                  MgImportFormat   format,
                  GCancellable    *cancellable,
                  GError         **error)
{
  switch (format)
    {
    case MG_IMPORT_FORMAT_PDF:
#ifdef HAVE_PDF_IMPORT
      return mg_pdf_import_file (file, cancellable, error);
#else
      return not_built_in ("PDF", error);
#endif
    case MG_IMPORT_FORMAT_EPUB:
#ifdef HAVE_EPUB_IMPORT
      return mg_epub_import_file (file, cancellable, error);
#else
      return not_built_in ("EPUB", error);
#endif
    case MG_IMPORT_FORMAT_DOCX:
#ifdef HAVE_DOCX_IMPORT
      return mg_docx_import_file (file, cancellable, error);
#else
      return not_built_in ("DOCX", error);
#endif
    case MG_IMPORT_FORMAT_ODT:
#ifdef HAVE_ODT_IMPORT
      return mg_odt_import_file (file, cancellable, error);
#else
      return not_built_in ("ODT", error);
#endif
    default:
      g_assert_not_reached ();
    }
}

/* The text importer's own refusal of binary data tells the user to open a text file; from
 * here the list of formats is longer. */
static MgDocument *
import_text (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  MgDocument *document = mg_text_import_file (file, cancellable, &local_error);

  if (g_error_matches (local_error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_BINARY))
    set_unsupported (error, _("it holds binary data"));
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return document;
}

/**
 * mg_import_file:
 *
 * Imports any file Marginalia reads, choosing the importer by the file's content: plain
 * text, Markdown, HTML/XHTML, PDF, EPUB, DOCX, ODT. Runs in any thread: it touches nothing but
 * the file. Errors say why, without the file's name, so the caller can put the name first.
 *
 * Returns: (transfer full) (nullable): the document, ready to be stored, or %NULL with a
 *   #MgImportError or %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_import_file (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  MgImportFormat format;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!mg_import_detect_format (file, &format, cancellable, error))
    return NULL;
  switch (format)
    {
    case MG_IMPORT_FORMAT_HTML:
      return mg_html_import_file (file, cancellable, error);
    case MG_IMPORT_FORMAT_MARKDOWN:
      return mg_markdown_import_file (file, cancellable, error);
    case MG_IMPORT_FORMAT_TEXT:
      return import_text (file, cancellable, error);
    default:
      return import_container (file, format, cancellable, error);
    }
}
