/* SPDX-License-Identifier: GPL-3.0-or-later */
/* HTML and XHTML import: a saved web page becomes its article's text, with the title and the
 * facts (author, date, address) that the page states about itself. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "mg-html-article.h"
#include "mg-html-import.h"
#include "mg-import.h"
#include "mg-xml-safe.h"

/* No network, no noise, and keep going past the errors every real page has. libxml2's HTML
 * parser loads no DTD and expands only HTML's own named entities, so a page's DOCTYPE cannot
 * reach a file or the network. */
#define HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                      HTML_PARSE_RECOVER)

/* Where a page's encoding and kind are declared: the first few kilobytes. */
#define DECLARATION_WINDOW 4096

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

/* What the page declares, else UTF-8 when the bytes are valid UTF-8, else what browsers
 * assume of an undeclared page, Windows-1252. %NULL lets libxml2 read a byte-order mark. */
static char *
choose_encoding (const char *data,
                 gsize       length)
{
  g_autofree char *declared = NULL;

  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0
                      || (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)))
    return NULL;
  declared = declared_charset (data, length);
  /* Bytes that spell out "utf-16" in ASCII are not UTF-16; browsers read them as UTF-8. */
  if (declared != NULL && (g_str_has_prefix (declared, "utf-16")
                           || g_str_has_prefix (declared, "utf-32")))
    return g_strdup ("UTF-8");
  if (declared != NULL && converter_exists (declared))
    return g_steal_pointer (&declared);
  return g_strdup (g_utf8_validate_len (data, length, NULL) ? "UTF-8" : "WINDOWS-1252");
}

static void
ignore_error (void        *user_data,
              xmlErrorPtr  err)
{
}

/* HTML has no internal DTD subset: libxml2 would end the DOCTYPE at its first ">" and show
 * the rest of the declarations as text. Parsing starts after it instead (entities declared
 * there are never expanded either way). Returns the bytes to skip. */
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

/* Every real page has markup errors; none of them is the user's business. */
static htmlDocPtr
parse_quietly (const char *data,
               gsize       length)
{
  g_autofree char *encoding = choose_encoding (data, length);
  xmlStructuredErrorFunc old_handler = xmlStructuredError;
  void *old_context = xmlStructuredErrorContext;
  gsize skip = encoding != NULL ? internal_subset_end (data, length) : 0;
  htmlDocPtr doc;

  xmlSetStructuredErrorFunc (NULL, ignore_error);
  doc = htmlReadMemory (data + skip, (int) (length - skip), NULL, encoding, HTML_OPTIONS);
  xmlSetStructuredErrorFunc (old_context, old_handler);
  return doc;
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
read_meta (HeadFacts *facts,
           xmlNode   *meta)
{
  xmlChar *key = xmlGetProp (meta, (const xmlChar *) "property");
  xmlChar *content = xmlGetProp (meta, (const xmlChar *) "content");
  g_autofree char *folded = NULL;

  if (key == NULL)
    key = xmlGetProp (meta, (const xmlChar *) "name");
  if (key != NULL && content != NULL)
    {
      folded = g_ascii_strdown ((const char *) key, -1);
      if (key_in (folded, title_keys))
        take_first (&facts->og_title, (const char *) content);
      else if (key_in (folded, author_keys))
        take_first (&facts->author, (const char *) content);
      else if (key_in (folded, date_keys))
        take_first (&facts->date, (const char *) content);
      else if (strcmp (folded, "og:site_name") == 0 || strcmp (folded, "application-name") == 0)
        take_first (&facts->site_name, (const char *) content);
      else if (strcmp (folded, "og:url") == 0)
        take_first (&facts->url, (const char *) content);
    }
  xmlFree (key);
  xmlFree (content);
}

static void
read_link (HeadFacts *facts,
           xmlNode   *link)
{
  xmlChar *rel = xmlGetProp (link, (const xmlChar *) "rel");
  xmlChar *href = xmlGetProp (link, (const xmlChar *) "href");

  if (rel != NULL && g_ascii_strcasecmp ((const char *) rel, "canonical") == 0)
    take_first (&facts->canonical, (const char *) href);
  xmlFree (rel);
  xmlFree (href);
}

static gboolean
head_enter (xmlNode *node,
            gpointer data)
{
  HeadFacts *facts = data;
  const char *name = (const char *) node->name;

  if (node->type != XML_ELEMENT_NODE || strcmp (name, "svg") == 0)
    return FALSE;
  if (strcmp (name, "meta") == 0)
    read_meta (facts, node);
  else if (strcmp (name, "link") == 0)
    read_link (facts, node);
  else if (strcmp (name, "title") == 0 && facts->title == NULL)
    facts->title = g_strstrip (mg_html_node_text (node));
  return TRUE;
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
document_from_tree (htmlDocPtr   doc,
                    const char  *fallback_title,
                    const char  *source_uri,
                    const char  *media_type,
                    GError     **error)
{
  g_auto(HeadFacts) facts = { 0 };
  g_auto(MgHtmlArticle) article = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *metadata = NULL;
  MgDocument *document;

  if (xmlDocGetRootElement (doc) != NULL)
    mg_html_walk (xmlDocGetRootElement (doc), head_enter, NULL, &facts);
  mg_html_article_extract (doc, &article);
  text = article.text ? mg_text_import_normalise (article.text, -1) : NULL;
  if (text == NULL || is_blank (text))
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the page holds no readable text; if a browser shows some, "
                             "scripts make it: save the page again from the browser as a "
                             "complete web page"));
      return NULL;
    }
  title = choose_title (&facts, article.headline, fallback_title);
  metadata = mg_import_metadata_json ("author", facts.author ? facts.author : article.author,
                                      "date", facts.date ? facts.date : article.date,
                                      "source_url", facts.url ? facts.url : facts.canonical,
                                      "site_name", facts.site_name, NULL);
  document = mg_document_new (title, text, source_uri, media_type);
  mg_document_set_metadata (document, metadata);
  return document;
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
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MG_IMPORT_MAX_BYTES)
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
                   _("it is larger than %u MB; split it into smaller files"),
                   (guint) (MG_IMPORT_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  doc = length > 0 ? parse_quietly (data, length) : NULL;
  if (doc == NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the page is empty; there is nothing to read"));
      return NULL;
    }
  return document_from_tree (doc, fallback_title, source_uri, media_type_of (data, length),
                             error);
}

/**
 * mg_html_import_file:
 *
 * Reads an HTML or XHTML file as mg_html_import_bytes() does, titled by its file name when
 * the page names nothing. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_html_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *uri = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = mg_import_load_bytes (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  stem = mg_import_file_stem (file);
  uri = g_file_get_uri (file);
  return mg_html_import_bytes (data ? data : "", length, stem, uri, error);
}
