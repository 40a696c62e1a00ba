/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-import.h"
#include "mg-text-import.h"

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

/* A title longer than this is more likely a first paragraph than a heading. */
#define MAX_TITLE_CHARS 100

/* Text is normalised in pieces of about this size (see mg_text_import_normalise_take()). */
#define NORMALISE_PIECE_BYTES (64 * 1024)

/* Text files hold tabs, line ends and form feeds; other C0 controls in more than a few places
 * mean the bytes are something else that happens to decode. */
#define MAX_CONTROL_PER_MILLE 5

typedef struct
{
  const char *bytes;
  gsize length;
  const char *encoding;
} Bom;

static const Bom boms[] = {
  /* UTF-32 first: its little-endian mark starts with the UTF-16 one. */
  { "\xff\xfe\x00\x00", 4, "UTF-32LE" },
  { "\x00\x00\xfe\xff", 4, "UTF-32BE" },
  { "\xef\xbb\xbf", 3, "UTF-8" },
  { "\xff\xfe", 2, "UTF-16LE" },
  { "\xfe\xff", 2, "UTF-16BE" },
};

static const Bom *
find_bom (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (boms); i++)
    if (length >= boms[i].length && memcmp (data, boms[i].bytes, boms[i].length) == 0)
      return &boms[i];
  return NULL;
}

static gboolean
looks_binary (const char *utf8,
              gsize       length)
{
  gsize controls = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) utf8[i];

      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        controls++;
    }
  return controls > 0 && controls * 1000 > length * MAX_CONTROL_PER_MILLE;
}

static char *
convert_to_utf8 (const char  *data,
                 gsize        length,
                 const char  *encoding,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *utf8 = g_convert (data, length, "UTF-8", encoding, NULL, NULL, &local_error);

  if (utf8 == NULL)
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_ENCODING,
                 /* Translators: the encoding's name, then the decoder's message. */
                 _("it is marked as %s text but is not valid %s (%s); save it again as UTF-8"),
                 encoding, encoding, local_error->message);
  return utf8;
}

/* Bytes that are not UTF-8 and carry no mark are most likely from an old Western 8-bit
 * editor: Windows-1252 first (its curly quotes are common), then Latin-1, which accepts
 * every byte. */
static char *
decode_legacy (const char  *data,
               gsize        length,
               const char **out_encoding)
{
  static const char *const legacy[] = { "WINDOWS-1252", "ISO-8859-1" };

  for (gsize i = 0; i < G_N_ELEMENTS (legacy); i++)
    {
      char *utf8 = g_convert (data, length, "UTF-8", legacy[i], NULL, NULL, NULL);

      if (utf8 != NULL)
        {
          *out_encoding = legacy[i];
          return utf8;
        }
    }
  return NULL;
}

static char *
decode_bytes (const char   *data,
              gsize         length,
              const char  **out_encoding,
              GError      **error)
{
  const Bom *bom = find_bom (data, length);

  if (bom != NULL)
    {
      *out_encoding = bom->encoding;
      if (strcmp (bom->encoding, "UTF-8") != 0)
        return convert_to_utf8 (data + bom->length, length - bom->length, bom->encoding, error);
      data += bom->length;
      length -= bom->length;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_BINARY,
                           _("it holds binary data, not text; open a plain-text file"));
      return NULL;
    }
  if (g_utf8_validate_len (data, length, NULL))
    {
      *out_encoding = "UTF-8";
      return g_strndup (data, length);
    }
  return decode_legacy (data, length, out_encoding);
}

/* CRLF and lone CR become LF, so offsets mean the same on every platform. */
static void
normalise_line_ends (char *text)
{
  char *out = text;

  for (const char *in = text; *in != '\0'; in++)
    {
      if (*in == '\r')
        {
          *out++ = '\n';
          if (in[1] == '\n')
            in++;
        }
      else
        *out++ = *in;
    }
  *out = '\0';
}

/**
 * mg_text_import_normalise:
 * @text: valid UTF-8, such as a paragraph that another importer pulled out of its format
 * @length: the length of @text in bytes, or -1 when it ends with a NUL
 *
 * Puts text into the form the library stores, the same for every importer, so offsets and
 * checksums agree whatever the file's format was.
 *
 * Returns: (transfer full): @text with LF line ends, in NFC
 */
char *
mg_text_import_normalise (const char *text,
                          gssize      length)
{
  g_autofree char *copy = length < 0 ? g_strdup (text) : g_strndup (text, length);

  normalise_line_ends (copy);
  return g_utf8_normalize (copy, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

/* Only bytes outside ASCII can be composed, and only a CR needs a line end fixed. */
static gboolean
needs_normalising (const char *text,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\r')
      return TRUE;
  return FALSE;
}

/**
 * mg_text_import_normalise_take:
 * @text: (transfer full): valid UTF-8
 *
 * As mg_text_import_normalise(), a piece at a time: normalising a 20 MB text at once would hold
 * it four times over as UCS-4. A piece ends after a space or a line break; nothing composes
 * with either and no combining mark reorders across one, so the pieces normalise as the whole
 * would. Pieces of plain ASCII are copied as they are.
 *
 * Returns: (transfer full): @text with LF line ends, in NFC
 */
char *
mg_text_import_normalise_take (char *text)
{
  gsize length = strlen (text);
  GString *out = g_string_sized_new (length + 1);

  for (gsize start = 0; start < length; )
    {
      gsize end = MIN (start + NORMALISE_PIECE_BYTES, length);

      /* Never after a CR, so a CR LF pair stays whole and becomes one line end. */
      while (end < length && text[end - 1] != ' ' && text[end - 1] != '\n')
        end++;
      if (needs_normalising (text + start, end - start))
        {
          g_autofree char *piece = mg_text_import_normalise (text + start, end - start);

          if (piece != NULL)
            g_string_append (out, piece);
        }
      else
        g_string_append_len (out, text + start, end - start);
      start = end;
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xfeff && c != 0x200b)
        return FALSE;
    }
  return TRUE;
}

/**
 * mg_text_import_decode:
 * @data: the bytes of a text file
 * @out_encoding: (out) (optional): the encoding that was recognised
 *
 * Decodes UTF-8 (with or without its mark), UTF-16 and UTF-32 with a mark, or else a legacy
 * 8-bit Western encoding, and returns the text as stored: UTF-8, NFC, LF line ends, no mark.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with a #MgImportError
 */
char *
mg_text_import_decode (const char  *data,
                       gsize        length,
                       const char **out_encoding,
                       GError     **error)
{
  const char *encoding = NULL;
  g_autofree char *decoded = NULL;
  char *text;

  if (length == 0)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the file is empty; there is nothing to read"));
      return NULL;
    }
  decoded = decode_bytes (data, length, &encoding, error);
  if (decoded == NULL)
    return NULL;
  if (looks_binary (decoded, strlen (decoded)))
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_BINARY,
                           _("it holds binary data, not text; open a plain-text file"));
      return NULL;
    }

  text = mg_text_import_normalise_take (g_steal_pointer (&decoded));
  if (is_blank (text))
    {
      g_free (text);
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the file holds no text, only blank space"));
      return NULL;
    }
  if (out_encoding != NULL)
    *out_encoding = encoding;
  return text;
}

/**
 * mg_text_import_guess_title:
 * @fallback: what to use when the text does not start with a heading-like line
 *
 * Returns: (transfer full): the first non-blank line when it is short enough to be a
 *   heading, else @fallback
 */
char *
mg_text_import_guess_title (const char *text,
                            const char *fallback)
{
  const char *start = text;
  const char *end;
  g_autofree char *line = NULL;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = strchr (start, '\n');
  line = end ? g_strndup (start, end - start) : g_strdup (start);
  g_strstrip (line);

  if (*line == '\0' || g_utf8_strlen (line, -1) > MAX_TITLE_CHARS)
    return g_strdup (fallback);
  return g_steal_pointer (&line);
}

/**
 * mg_text_import_file:
 *
 * Reads and decodes a text file into a document that is ready to be stored. Runs in any
 * thread: it touches nothing but the file. Errors say why, without the file's name, so the
 * caller can put the name first.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_text_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  MgDocument *document;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!mg_import_check_file (file, cancellable, error))
    return NULL;
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                     _("cannot read it: %s"), local_error->message);
      return NULL;
    }

  text = mg_text_import_decode (data, length, NULL, error);
  /* The raw bytes are done with: a large file is not held twice while the document is made. */
  g_clear_pointer (&data, g_free);
  if (text == NULL)
    return NULL;
  stem = mg_import_file_stem (file);
  title = mg_text_import_guess_title (text, stem);
  uri = g_file_get_uri (file);
  document = mg_document_new (title, NULL, uri, "text/plain");
  mg_document_take_text (document, g_steal_pointer (&text));
  return document;
}
