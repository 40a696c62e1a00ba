/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HTML and XHTML import: a saved web page becomes its article's text, with the title and the
 * facts (author, date, address) that the page states about itself. The page streams through
 * libxml2's HTML push parser a piece at a time; its callbacks keep the head's facts here and
 * hand the body to the article builder (mg-html-article.c), so no tree of the page is built. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "mg-html-article.h"
#include "mg-html-import.h"
#include "mg-import.h"
#include "mg-xml-safe.h"

/* See parse_pass(). */
#define HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                      HTML_PARSE_RECOVER)

/* Where a page's encoding and kind are declared: the first few kilobytes. */
#define DECLARATION_WINDOW 4096

/* How much of a page is read at a time: the parser never sees more at once. */
#define PIECE_BYTES (64 * 1024)

typedef struct
{
  char *og_title;
  char *title;
  char *site_name;
  char *author;
  char *date;
  char *url;
  char *canonical;
} HeadFacts;

static void
head_facts_clear (HeadFacts *facts)
{
  g_free (facts->og_title);
  g_free (facts->title);
  g_free (facts->site_name);
  g_free (facts->author);
  g_free (facts->date);
  g_free (facts->url);
  g_free (facts->canonical);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HeadFacts, head_facts_clear)

/* --- recognising a page --- */

/* A UTF-16 page is sniffed through its first bytes in UTF-8. */
static char *
utf16_head (const char *head,
            gsize       length)
{
  const char *encoding;
  gsize n = MIN (length, 2048) & ~(gsize) 1;

  if (length >= 2 && memcmp (head, "\xff\xfe", 2) == 0)
    encoding = "UTF-16LE";
  else if (length >= 2 && memcmp (head, "\xfe\xff", 2) == 0)
    encoding = "UTF-16BE";
  else
    return NULL;
  /* The window may cut a surrogate pair: try once more without its last unit. */
  for (int attempt = 0; attempt < 2 && n > 2; attempt++, n -= 2)
    {
      char *utf8 = g_convert (head + 2, n - 2, "UTF-8", encoding, NULL, NULL, NULL);

      if (utf8 != NULL)
        return utf8;
    }
  return NULL;
}

static gboolean
has_tag (const char *folded,
         const char *name)
{
  gsize length = strlen (name);

  for (const char *p = strchr (folded, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (strncmp (p + 1, name, length) == 0
        && (p[length + 1] == '>' || p[length + 1] == '/' || g_ascii_isspace (p[length + 1])))
      return TRUE;
  return FALSE;
}

/**
 * mg_html_import_sniff:
 * @head: the first bytes of a file
 *
 * Tells a web page by its content: after white space and a byte-order mark it starts with
 * `<!DOCTYPE html` or `<html`, or it starts with markup and has `<head` or `<body` in its
 * first kilobyte, in any case.
 *
 * Returns: %TRUE when @head is the start of an HTML or XHTML page
 */
gboolean
mg_html_import_sniff (const char *head,
                      gsize       length)
{
  g_autofree char *converted = utf16_head (head, length);
  g_autofree char *folded = NULL;
  gsize n;

  if (converted != NULL)
    {
      head = converted;
      length = strlen (converted);
    }
  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    head += 3, length -= 3;
  while (length > 0 && g_ascii_isspace (*head))
    head++, length--;
  n = strnlen (head, MIN (length, 1024));
  folded = g_ascii_strdown (head, n);
  if (g_str_has_prefix (folded, "<!doctype html") || g_str_has_prefix (folded, "<html"))
    return TRUE;
  return *folded == '<' && (has_tag (folded, "html") || has_tag (folded, "head")
                            || has_tag (folded, "body"));
}

/* --- the encoding --- */

static char *
read_charset_value (const char *p)
{
  const char *end;

  while (*p == ' ' || *p == '=' || *p == '"' || *p == '\'')
    p++;
  end = p;
  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == '.' || *end == ':')
    end++;
  return end > p ? g_strndup (p, end - p) : NULL;
}

/* <meta charset>, <meta http-equiv content="...; charset=">, or an XHTML page's prolog. */
static char *
declared_charset (const char *data,
                  gsize       length)
{
  g_autofree char *folded = g_ascii_strdown (data, strnlen (data, MIN (length, DECLARATION_WINDOW)));
  const char *prolog_end;

  if (g_str_has_prefix (folded, "<?xml") && (prolog_end = strstr (folded, "?>")) != NULL)
    {
      const char *encoding = g_strstr_len (folded, prolog_end - folded, "encoding");

      if (encoding != NULL)
        return read_charset_value (encoding + strlen ("encoding"));
    }
  for (const char *meta = strstr (folded, "<meta"); meta != NULL; meta = strstr (meta + 1, "<meta"))
    {
      const char *end = strchr (meta, '>');
      const char *charset = g_strstr_len (meta, end ? end - meta : -1, "charset");

      if (charset != NULL)
        return read_charset_value (charset + strlen ("charset"));
    }
  return NULL;
}

static gboolean
converter_exists (const char *charset)
{
  GIConv converter = g_iconv_open ("UTF-8", charset);

  if (converter == (GIConv) -1)
    return FALSE;
  g_iconv_close (converter);
  return TRUE;
}

/* Returns the bytes a DOCTYPE with an internal subset takes at the page's start, else 0. */
static gsize
internal_subset_end (const char *data,
                     gsize       length)
{
  gsize window = MIN (length, 64 * 1024);
  gsize i = 0;
  const char *open, *close, *gt;

  while (i < window && g_ascii_isspace (data[i]))
    i++;
  if (window - i < 9 || g_ascii_strncasecmp (data + i, "<!doctype", 9) != 0)
    return 0;
  open = memchr (data + i, '[', window - i);
  gt = memchr (data + i, '>', window - i);
  if (open == NULL || (gt != NULL && gt < open))
    return 0;
  for (close = memchr (open, ']', window - (open - data)); close != NULL;
       close = memchr (close + 1, ']', window - (close + 1 - data)))
    {
      const char *p = close + 1;

      while (p < data + window && g_ascii_isspace (*p))
        p++;
      if (p < data + window && *p == '>')
        return p + 1 - data;
    }
  return 0;
}

/* --- what the page says about itself --- */

static void
take_first (char       **slot,
            const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strstrip (g_strdup (value));
}

static const char *const title_keys[] = { "og:title", "citation_title", "dc.title", NULL };
static const char *const author_keys[] = {
  "author", "article:author", "citation_author", "dc.creator", "dcterms.creator", NULL
};
static const char *const date_keys[] = {
  "article:published_time", "citation_publication_date", "citation_date", "date",
  "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "pubdate", NULL
};

static gboolean
key_in (const char         *key,
        const char * const *keys)
{
  return g_strv_contains (keys, key);
}

static void
read_meta (HeadFacts          *facts,
           const char * const *attributes)
{
  const char *key = mg_html_attribute (attributes, "property");
  const char *content = mg_html_attribute (attributes, "content");
  g_autofree char *folded = NULL;

  if (key == NULL)
    key = mg_html_attribute (attributes, "name");
  if (key == NULL || content == NULL)
    return;
  folded = g_ascii_strdown (key, -1);
  if (key_in (folded, title_keys))
    take_first (&facts->og_title, content);
  else if (key_in (folded, author_keys))
    take_first (&facts->author, content);
  else if (key_in (folded, date_keys))
    take_first (&facts->date, content);
  else if (strcmp (folded, "og:site_name") == 0 || strcmp (folded, "application-name") == 0)
    take_first (&facts->site_name, content);
  else if (strcmp (folded, "og:url") == 0)
    take_first (&facts->url, content);
}

static void
read_link (HeadFacts          *facts,
           const char * const *attributes)
{
  const char *rel = mg_html_attribute (attributes, "rel");

  if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
    take_first (&facts->canonical, mg_html_attribute (attributes, "href"));
}

/* --- the title --- */

static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *squashed_a = a ? squash (a) : NULL;
  g_autofree char *squashed_b = b ? squash (b) : NULL;

  return squashed_a != NULL && squashed_b != NULL && *squashed_a != '\0'
         && strcmp (squashed_a, squashed_b) == 0;
}

/* "Harbour Gazette" names www.harbourgazette.example. */
static gboolean
names_host (const char *part,
            const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *squashed = squash (part);
  g_autofree char *host = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || strlen (squashed) < 4)
    return FALSE;
  host = squash (g_uri_get_host (uri));
  return strstr (host, squashed) != NULL;
}

static gboolean
is_site_part (const char *part,
              HeadFacts  *facts,
              const char *other_part,
              const char *headline)
{
  return same_words (part, facts->site_name) || same_words (other_part, headline)
         || names_host (part, facts->url ? facts->url : facts->canonical);
}

/* "Storm closes the harbour - The Harbour Gazette" loses its tail when the tail is the site
 * (or the head is the page's headline); "Gazette | Storm..." loses its head likewise. */
static char *
strip_site_name (const char *title,
                 HeadFacts  *facts,
                 const char *headline)
{
  static const char *const separators[] = { " | ", " - ", " – ", " — ", " · ", " :: ", " » " };
  const char *last = NULL, *first = NULL;
  gsize last_length = 0, first_length = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *found = g_strrstr (title, separators[i]);
      const char *early = strstr (title, separators[i]);

      if (found != NULL && (last == NULL || found > last))
        last = found, last_length = strlen (separators[i]);
      if (early != NULL && (first == NULL || early < first))
        first = early, first_length = strlen (separators[i]);
    }
  if (last != NULL && last != title)
    {
      g_autofree char *head = g_strndup (title, last - title);

      if (is_site_part (last + last_length, facts, head, headline))
        return g_strstrip (g_steal_pointer (&head));
    }
  if (first != NULL && first[first_length] != '\0')
    {
      g_autofree char *site = g_strndup (title, first - title);

      if (is_site_part (site, facts, first + first_length, headline))
        return g_strstrip (g_strdup (first + first_length));
    }
  return g_strdup (title);
}

/* Open Graph (or scholarly citation) title first: it is the article's own, without the site;
 * then <title> without the site's name; then the headline. */
static char *
choose_title (HeadFacts  *facts,
              const char *headline,
              const char *fallback)
{
  g_autofree char *raw = NULL;

  if (facts->og_title != NULL && *facts->og_title != '\0')
    raw = g_strdup (facts->og_title);
  else if (facts->title != NULL && *facts->title != '\0')
    raw = strip_site_name (facts->title, facts, headline);
  else if (headline != NULL && *headline != '\0')
    raw = g_strdup (headline);
  else
    raw = g_strdup (fallback ? fallback : _("Untitled page"));
  /* A title is one line, whatever the page's markup made of it. */
  g_strdelimit (raw, "\n\t\r", ' ');
  return mg_text_import_normalise (raw, -1);
}

/* --- reading the page in pieces --- */

/* Where the bytes come from: memory the caller holds, or a file read a piece at a time, so
 * that a large page is never in memory whole, not even mapped.
 *
 * A piece ends just before a "<" (unless a page has none for PIECE_BYTES): libxml2's push
 * parser loses track of a <script> or <style> whose end tag a piece boundary cuts, and then
 * reads the rest of the page as script. */
typedef struct
{
  const char *data;
  gsize length;
  gsize offset;
  GFile *file;
  GInputStream *stream;
  GCancellable *cancellable;
  char *buffer;       /* 2 * PIECE_BYTES: what was held back, then what was read after it */
  gsize tail_start;   /* what the last piece left for the next one */
  gsize tail_length;
  guint64 read;
  gboolean at_end;
} Source;

static void
source_clear (Source *source)
{
  g_clear_object (&source->stream);
  g_clear_pointer (&source->buffer, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, source_clear)

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

static gboolean
source_read (Source  *source,
             char    *into,
             gsize    wanted,
             gsize   *got,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_input_stream_read_all (source->stream, into, wanted, got, source->cancellable,
                                &local_error))
    {
      set_read_error (error, local_error);
      return FALSE;
    }
  source->read += *got;
  source->at_end = *got < wanted;
  if (source->read > MG_IMPORT_MAX_BYTES)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
                   _("it is larger than %u MB; split it into smaller files"),
                   (guint) (MG_IMPORT_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

/* Starts again at the first byte, then passes over @skip bytes (at most PIECE_BYTES). */
static gboolean
source_rewind (Source  *source,
               gsize    skip,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize got = 0;

  source->tail_start = source->tail_length = 0;
  source->read = 0;
  source->at_end = FALSE;
  if (source->file == NULL)
    {
      source->offset = MIN (skip, source->length);
      return TRUE;
    }
  g_clear_object (&source->stream);
  source->stream = G_INPUT_STREAM (g_file_read (source->file, source->cancellable,
                                                &local_error));
  if (source->stream == NULL)
    {
      set_read_error (error, local_error);
      return FALSE;
    }
  if (source->buffer == NULL)
    source->buffer = g_malloc (2 * PIECE_BYTES);
  return skip == 0 || source_read (source, source->buffer, skip, &got, error);
}

/* The page's first bytes, where its encoding and kind are declared. */
static gboolean
source_head (Source      *source,
             const char **head,
             gsize       *length,
             GError     **error)
{
  if (!source_rewind (source, 0, error))
    return FALSE;
  if (source->file == NULL)
    {
      *head = source->data;
      *length = MIN (PIECE_BYTES, source->length);
      return TRUE;
    }
  *head = source->buffer;
  return source_read (source, source->buffer, PIECE_BYTES, length, error);
}

/* Where to end a piece of @length bytes that is not the page's last: before its last "<". */
static gsize
piece_end (const char *piece,
           gsize       length)
{
  for (gsize i = length - 1; i > 0; i--)
    if (piece[i] == '<')
      return i;
  return length;
}

/* The next piece: *length 0 at the end. */
static gboolean
source_next (Source      *source,
             const char **piece,
             gsize       *length,
             GError     **error)
{
  gsize got = 0, available;

  if (source->file == NULL)
    {
      available = source->length - source->offset;
      *piece = source->data + source->offset;
      *length = MIN (PIECE_BYTES, available);
      if (*length < available)
        *length = piece_end (*piece, *length);
      source->offset += *length;
      return TRUE;
    }
  memmove (source->buffer, source->buffer + source->tail_start, source->tail_length);
  if (!source->at_end && !source_read (source, source->buffer + source->tail_length,
                                       PIECE_BYTES, &got, error))
    return FALSE;
  available = source->tail_length + got;
  *piece = source->buffer;
  *length = available > 0 && !source->at_end ? piece_end (source->buffer, available)
            : available;
  source->tail_start = *length;
  source->tail_length = available - *length;
  return TRUE;
}

/* Whether a page that declares no encoding is UTF-8 is only known at its last byte: the
 * check runs piece by piece, carrying a character that a piece boundary cuts. */
typedef struct
{
  char carry[4];
  gsize carried;
} Utf8Check;

static gsize
sequence_length (guchar lead)
{
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

static gboolean
utf8_check (Utf8Check  *check,
            const char *piece,
            gsize       length,
            gboolean    last)
{
  const char *end;

  if (check->carried > 0)
    {
      gsize wanted = sequence_length ((guchar) check->carry[0]) - check->carried;
      gsize taken = MIN (wanted, length);

      memcpy (check->carry + check->carried, piece, taken);
      check->carried += taken;
      piece += taken;
      length -= taken;
      if (taken < wanted)
        return !last;
      if (!g_utf8_validate_len (check->carry, check->carried, NULL))
        return FALSE;
      check->carried = 0;
    }
  if (g_utf8_validate_len (piece, length, &end))
    return TRUE;
  /* A lead byte near the end whose continuation is in the next piece. */
  if (last || length - (end - piece) >= sequence_length ((guchar) *end)
      || (guchar) *end < 0xc2 || (guchar) *end > 0xf4)
    return FALSE;
  for (const char *p = end + 1; p < piece + length; p++)
    if (((guchar) *p & 0xc0) != 0x80)
      return FALSE;
  check->carried = piece + length - end;
  memcpy (check->carry, end, check->carried);
  return TRUE;
}

/* --- the parse --- */

/* What the parser's callbacks build: the article as it streams, and the head's facts. */
typedef struct
{
  htmlParserCtxtPtr ctxt;
  MgHtmlArticleBuilder *builder;
  HeadFacts facts;
  GString *title;      /* the first <title>'s text while it is open */
  guint depth;
  guint svg_depth;     /* the depth of an open <svg>, whose <title> is a shape's */
  guint title_depth;
  gboolean any_element;
  gboolean halted;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->builder, mg_html_article_builder_free);
  head_facts_clear (&page->facts);
  memset (&page->facts, 0, sizeof page->facts);
  if (page->title != NULL)
    g_string_free (page->title, TRUE);
  page->title = NULL;
  page->depth = page->svg_depth = page->title_depth = 0;
  page->any_element = page->halted = FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
page_start (void           *data,
            const xmlChar  *xml_name,
            const xmlChar **xml_attributes)
{
  Page *page = data;
  const char *name = (const char *) xml_name;
  const char * const *attributes = (const char * const *) xml_attributes;

  /* The depth the tree parser stops at: a page nested deeper is hostile or broken. */
  if (page->halted || page->depth >= MG_XML_MAX_DEPTH)
    {
      page->halted = TRUE;
      xmlStopParser (page->ctxt);
      return;
    }
  page->depth++;
  page->any_element = TRUE;
  if (page->svg_depth == 0)
    {
      if (strcmp (name, "svg") == 0)
        page->svg_depth = page->depth;
      else if (strcmp (name, "meta") == 0)
        read_meta (&page->facts, attributes);
      else if (strcmp (name, "link") == 0)
        read_link (&page->facts, attributes);
      else if (strcmp (name, "title") == 0 && page->facts.title == NULL
               && page->title == NULL)
        {
          page->title = g_string_new (NULL);
          page->title_depth = page->depth;
        }
    }
  mg_html_article_builder_start (page->builder, name, attributes);
}

static void
page_end (void          *data,
          const xmlChar *name)
{
  Page *page = data;

  if (page->depth == 0)
    return;
  mg_html_article_builder_end (page->builder);
  if (page->depth == page->title_depth)
    {
      page->facts.title = g_strstrip (g_string_free (page->title, FALSE));
      page->title = NULL;
      page->title_depth = 0;
    }
  if (page->depth == page->svg_depth)
    page->svg_depth = 0;
  page->depth--;
}

static void
page_text (void          *data,
           const xmlChar *text,
           int            length)
{
  Page *page = data;

  if (page->title != NULL)
    mg_html_collapse_space (page->title, (const char *) text, length);
  mg_html_article_builder_text (page->builder, (const char *) text, length);
}

static void
ignore_error (void        *user_data,
              xmlErrorPtr  err)
{
}

typedef enum {
  PASS_DONE,
  PASS_NOT_UTF8,
  PASS_FAILED,
} PassResult;

/* How a page is read: its encoding, and how many bytes at its start the parser skips (a
 * byte-order mark, a DOCTYPE's internal subset). */
typedef struct
{
  char *encoding;
  gsize skip;
  gboolean check_utf8;  /* UTF-8 is a guess that the whole page must confirm */
} Reading;

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->encoding, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

/* One pass over the page. No network, no noise, and keep going past the errors every real
 * page has: libxml2's HTML parser loads no DTD and expands only HTML's own named entities, so
 * a page's DOCTYPE cannot reach a file or the network. Nothing but the callbacks keeps what
 * it reads. */
static PassResult
parse_pass (Source         *source,
            const Reading  *reading,
            Page           *page,
            GError        **error)
{
  htmlSAXHandler sax = { 0 };
  xmlStructuredErrorFunc old_handler = xmlStructuredError;
  void *old_context = xmlStructuredErrorContext;
  Utf8Check check = { { 0 } };
  PassResult result = PASS_DONE;

  sax.startElement = page_start;
  sax.endElement = page_end;
  sax.characters = page_text;
  sax.cdataBlock = page_text;
  sax.initialized = 1;
  page->builder = mg_html_article_builder_new ();
  page->ctxt = htmlCreatePushParserCtxt (&sax, page, NULL, 0, NULL, XML_CHAR_ENCODING_NONE);
  if (page->ctxt == NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ, g_strerror (ENOMEM));
      return PASS_FAILED;
    }
  xmlSetStructuredErrorFunc (NULL, ignore_error);
  htmlCtxtUseOptions (page->ctxt, HTML_OPTIONS);
  if (reading->encoding != NULL)
    {
      xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler (reading->encoding);

      /* Named on the input too, as htmlReadMemory() does: otherwise a <meta charset> later in
       * the page switches the decoder in the middle of the stream. */
      if (handler != NULL && xmlSwitchToEncoding (page->ctxt, handler) == 0)
        {
          xmlFree ((xmlChar *) page->ctxt->input->encoding);
          page->ctxt->input->encoding = xmlStrdup ((const xmlChar *) reading->encoding);
        }
    }
  for (;;)
    {
      const char *piece;
      gsize length;

      if (!source_next (source, &piece, &length, error))
        {
          result = PASS_FAILED;
          break;
        }
      if (reading->check_utf8 && !utf8_check (&check, piece, length, length == 0))
        {
          result = PASS_NOT_UTF8;
          break;
        }
      if (length == 0)
        {
          htmlParseChunk (page->ctxt, NULL, 0, 1);
          break;
        }
      htmlParseChunk (page->ctxt, piece, (int) length, 0);
      if (page->halted)
        {
          htmlParseChunk (page->ctxt, NULL, 0, 1);
          break;
        }
    }
  xmlSetStructuredErrorFunc (old_context, old_handler);
  htmlFreeParserCtxt (page->ctxt);
  page->ctxt = NULL;
  return result;
}

static const struct
{
  const char *start;
  const char *encoding;
} unmarked[] = {
  { "<\0\0\0", "UTF-32LE" },
  { "\0\0\0<", "UTF-32BE" },
  { "<\0?\0", "UTF-16LE" },
  { "<\0!\0", "UTF-16LE" },
  { "\0<\0?", "UTF-16BE" },
  { "\0<\0!", "UTF-16BE" },
};

/* What the page declares, else UTF-8 when the bytes are valid UTF-8, else what browsers
 * assume of an undeclared page, Windows-1252. A byte-order mark decides over any
 * declaration. */
static void
choose_reading (const char *head,
                gsize       length,
                Reading    *reading)
{
  g_autofree char *declared = NULL;

  memset (reading, 0, sizeof *reading);
  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    {
      reading->encoding = g_strdup ("UTF-8");
      reading->skip = 3;
      return;
    }
  if (length >= 4 && (memcmp (head, "\xff\xfe\0\0", 4) == 0
                      || memcmp (head, "\0\0\xfe\xff", 4) == 0))
    {
      reading->encoding = g_strdup (head[0] == '\xff' ? "UTF-32LE" : "UTF-32BE");
      reading->skip = 4;
      return;
    }
  if (length >= 2 && (memcmp (head, "\xff\xfe", 2) == 0 || memcmp (head, "\xfe\xff", 2) == 0))
    {
      reading->encoding = g_strdup (head[0] == '\xff' ? "UTF-16LE" : "UTF-16BE");
      reading->skip = 2;
      return;
    }
  /* UTF-16 and UTF-32 without a mark, told by the NUL bytes around the first "<", as
   * libxml2 tells them in XML: read, rather than shown as text spaced with NULs. */
  for (gsize i = 0; i < G_N_ELEMENTS (unmarked); i++)
    if (length >= 4 && memcmp (head, unmarked[i].start, 4) == 0)
      {
        reading->encoding = g_strdup (unmarked[i].encoding);
        return;
      }
  /* HTML has no internal DTD subset: libxml2 would end the DOCTYPE at its first ">" and show
   * the rest of the declarations as text. Parsing starts after it instead (entities declared
   * there are never expanded either way). */
  reading->skip = internal_subset_end (head, length);
  declared = declared_charset (head, length);
  /* Bytes that spell out "utf-16" in ASCII are not UTF-16; browsers read them as UTF-8. */
  if (declared != NULL && (g_str_has_prefix (declared, "utf-16")
                           || g_str_has_prefix (declared, "utf-32")))
    reading->encoding = g_strdup ("UTF-8");
  else if (declared != NULL && converter_exists (declared))
    reading->encoding = g_steal_pointer (&declared);
  else
    {
      reading->encoding = g_strdup ("UTF-8");
      reading->check_utf8 = TRUE;
    }
}
/* --- the document --- */

static const char *
media_type_of (const char *data,
               gsize       length)
{
  g_autofree char *head = g_strndup (data, MIN (length, DECLARATION_WINDOW));

  return g_str_has_prefix (head, "<?xml") || strstr (head, "http://www.w3.org/1999/xhtml")
         ? "application/xhtml+xml" : "text/html";
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static MgDocument *
document_from_page (Page        *page,
                    const char  *fallback_title,
                    const char  *source_uri,
                    const char  *media_type,
                    GError     **error)
{
  g_auto(MgHtmlArticle) article = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *metadata = NULL;
  HeadFacts *facts = &page->facts;
  MgDocument *document;

  /* A <title> the page never closed ends with the page. */
  if (facts->title == NULL && page->title != NULL)
    {
      facts->title = g_strstrip (g_string_free (page->title, FALSE));
      page->title = NULL;
    }
  mg_html_article_builder_finish (page->builder, &article);
  g_clear_pointer (&page->builder, mg_html_article_builder_free);
  text = article.text ? mg_text_import_normalise_take (g_steal_pointer (&article.text)) : NULL;
  if (text == NULL || is_blank (text))
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the page holds no readable text; if a browser shows some, "
                             "scripts make it: save the page again from the browser as a "
                             "complete web page"));
      return NULL;
    }
  title = choose_title (facts, article.headline, fallback_title);
  metadata = mg_import_metadata_json ("author", facts->author ? facts->author : article.author,
                                      "date", facts->date ? facts->date : article.date,
                                      "source_url", facts->url ? facts->url : facts->canonical,
                                      "site_name", facts->site_name, NULL);
  document = mg_document_new (title, NULL, source_uri, media_type);
  mg_document_take_text (document, g_steal_pointer (&text));
  mg_document_set_metadata (document, metadata);
  return document;
}

static void
set_empty_error (GError **error)
{
  g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                       _("the page is empty; there is nothing to read"));
}

static MgDocument *
import_source (Source      *source,
               const char  *fallback_title,
               const char  *source_uri,
               GError     **error)
{
  g_auto(Page) page = { 0 };
  g_auto(Reading) reading = { 0 };
  g_autofree char *head = NULL;
  const char *piece, *media_type;
  gsize length = 0;
  PassResult result;

  /* The encoding and kind are declared in the first piece; then the page is read from its
   * start, once, or twice when bytes that are not UTF-8 turn up in an undeclared page. */
  if (!source_head (source, &piece, &length, error))
    return NULL;
  if (length == 0)
    {
      set_empty_error (error);
      return NULL;
    }
  head = g_malloc (length + 1);
  memcpy (head, piece, length);
  head[length] = '\0';
  choose_reading (head, length, &reading);
  media_type = media_type_of (head, length);
  g_clear_pointer (&head, g_free);

  if (!source_rewind (source, reading.skip, error))
    return NULL;
  result = parse_pass (source, &reading, &page, error);
  if (result == PASS_NOT_UTF8)
    {
      page_clear (&page);
      g_free (reading.encoding);
      reading.encoding = g_strdup ("WINDOWS-1252");
      reading.check_utf8 = FALSE;
      if (!source_rewind (source, reading.skip, error))
        return NULL;
      result = parse_pass (source, &reading, &page, error);
    }
  if (result == PASS_FAILED)
    return NULL;
  if (!page.any_element)
    {
      set_empty_error (error);
      return NULL;
    }
  return document_from_page (&page, fallback_title, source_uri, media_type, error);
}

/**
 * mg_html_import_bytes:
 * @data: the bytes of an HTML or XHTML page
 * @fallback_title: (nullable): the title when the page names none (the file's name)
 * @source_uri: (nullable): where the page was read from
 *
 * Reads a web page as a reader mode shows it: the article's headings, paragraphs, list
 * items, quotes and table cells, without menus, ads, share buttons or comments. The metadata
 * (mg_document_get_metadata()) holds the author, date, original address and site name the
 * page states. Nothing is fetched: no network, no other file.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError
 */
MgDocument *
mg_html_import_bytes (const char  *data,
                      gsize        length,
                      const char  *fallback_title,
                      const char  *source_uri,
                      GError     **error)
{
  g_auto(Source) source = { data, length };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MG_IMPORT_MAX_BYTES)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
                   _("it is larger than %u MB; split it into smaller files"),
                   (guint) (MG_IMPORT_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  return import_source (&source, fallback_title, source_uri, error);
}

/**
 * mg_html_import_file:
 *
 * Reads an HTML or XHTML file as mg_html_import_bytes() does, titled by its file name when
 * the page names nothing. The file is read a piece at a time, never held whole. Runs in any
 * thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_html_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(Source) source = { NULL };
  g_autofree char *stem = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!mg_import_check_file (file, cancellable, error))
    return NULL;
  source.file = file;
  source.cancellable = cancellable;
  stem = mg_import_file_stem (file);
  uri = g_file_get_uri (file);
  return import_source (&source, stem, uri, error);
}
