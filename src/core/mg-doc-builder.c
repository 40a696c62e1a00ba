/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-doc-builder.h"
#include "mg-import.h"
#include "mg-text-import.h"
#include "mg-xml-safe.h"

/**
 * mg_doc_builder_init:
 *
 * Starts an empty text with no metadata.
 */
void
mg_doc_builder_init (MgDocBuilder *self)
{
  memset (self, 0, sizeof *self);
  self->text = g_string_new (NULL);
}

/**
 * mg_doc_builder_clear:
 *
 * Frees what the builder holds; safe to call twice.
 */
void
mg_doc_builder_clear (MgDocBuilder *self)
{
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  self->text = NULL;
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->date, g_free);
}

static gboolean
is_space_at (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_isspace (c) || c == 0xfeff || c == 0x200b;
}

/* Controls other than tab and line end are debris of the source format (PDF text layers carry
 * them); they would show as boxes in the reader. */
static void
append_clean (GString    *out,
              const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n')
      g_string_append_c (out, *p);
}

/**
 * mg_doc_builder_add_block:
 * @block: a paragraph or heading, valid UTF-8
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Appends the block, trimmed and normalised, after a blank line; blank blocks are skipped, so
 * empty paragraphs of the source do not pile up blank lines.
 */
void
mg_doc_builder_add_block (MgDocBuilder *self,
                          const char   *block,
                          gssize        length)
{
  const char *start = block;
  const char *end = block + (length < 0 ? (gssize) strlen (block) : length);
  g_autofree char *normal = NULL;

  while (start < end && is_space_at (start))
    start = g_utf8_next_char (start);
  while (end > start && is_space_at (g_utf8_prev_char (end)))
    end = g_utf8_prev_char (end);
  if (start == end)
    return;
  normal = mg_text_import_normalise (start, end - start);
  if (normal == NULL)
    return;
  if (self->text->len > 0)
    g_string_append (self->text, "\n\n");
  append_clean (self->text, normal);
}

/**
 * mg_doc_builder_append_collapsed:
 * @block: the block being built
 * @text: text from markup where white space is layout, not content (XHTML, ODF)
 *
 * Appends @text with each run of white space turned into one space, as a browser shows it.
 */
void
mg_doc_builder_append_collapsed (GString    *block,
                                 const char *text)
{
  gboolean space = block->len == 0 || block->str[block->len - 1] == ' '
                   || block->str[block->len - 1] == '\n' || block->str[block->len - 1] == '\t';

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        {
          if (!space)
            g_string_append_c (block, ' ');
          space = TRUE;
        }
      else
        {
          g_string_append_c (block, *p);
          space = FALSE;
        }
    }
}

/**
 * mg_doc_builder_set_meta:
 * @field: a metadata field of the builder
 * @value: (nullable): what the source says, kept only when it has more than blank space
 */
void
mg_doc_builder_set_meta (char       **field,
                         const char  *value)
{
  g_autofree char *copy = g_strdup (value);

  if (copy == NULL || !g_utf8_validate (copy, -1, NULL) || *g_strstrip (copy) == '\0')
    return;
  g_free (*field);
  *field = mg_text_import_normalise (copy, -1);
}

/**
 * mg_doc_builder_finish:
 * @media_type: the media type of the source
 *
 * Makes the document: the built text, the title from the metadata or else the first line,
 * or else the file's name; author and date go into the document's metadata.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with %MG_IMPORT_ERROR_EMPTY
 */
MgDocument *
mg_doc_builder_finish (MgDocBuilder  *self,
                       GFile         *file,
                       const char    *media_type,
                       GError       **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *metadata = NULL;
  MgDocument *document;

  if (self->text->len == 0)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("it holds no text, only layout or pictures"));
      return NULL;
    }
  stem = mg_import_file_stem (file);
  title = self->title ? g_strdup (self->title) : mg_text_import_guess_title (self->text->str,
                                                                             stem);
  uri = g_file_get_uri (file);
  metadata = mg_import_metadata_json ("author", self->author, "date", self->date, NULL);
  document = mg_document_new (title, NULL, uri, media_type);
  /* The builder is spent once the document is made: hand its text over, not a copy. */
  mg_document_take_text (document, g_string_free (g_steal_pointer (&self->text), FALSE));
  self->text = g_string_new (NULL);
  mg_document_set_metadata (document, metadata);
  return document;
}

/**
 * mg_doc_builder_parse_xml:
 * @bytes: an XML part of a container
 * @format: the container's format for messages, such as "DOCX"
 * @name: the part's name inside the container
 *
 * Parses with mg_xml_safe_read_memory(), so no part can reach the network or another file,
 * and turns its errors into import errors: entities are %MG_IMPORT_ERROR_UNSAFE, anything
 * else %MG_IMPORT_ERROR_CORRUPT.
 *
 * Returns: (transfer full) (nullable): the parsed part
 */
xmlDoc *
mg_doc_builder_parse_xml (GBytes      *bytes,
                          const char  *format,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GError) xml_error = NULL;
  xmlDoc *doc = mg_xml_safe_read_memory (g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes), name, &xml_error);

  if (doc != NULL)
    return doc;
  if (g_error_matches (xml_error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES))
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_UNSAFE,
                 /* Translators: the format (EPUB, DOCX, ODT), then the XML error. */
                 _("its %s content was refused: %s"), format, xml_error->message);
  else
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                 _("not a readable %s: %s"), format, xml_error->message);
  return NULL;
}

/**
 * mg_doc_builder_is_element:
 * @ns_href: (nullable): the namespace the element must be in, or %NULL for any
 *
 * Returns: whether @node is the element @name in @ns_href
 */
gboolean
mg_doc_builder_is_element (xmlNode    *node,
                           const char *ns_href,
                           const char *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE
      || strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  return ns_href == NULL
         || (node->ns != NULL && strcmp ((const char *) node->ns->href, ns_href) == 0);
}

/**
 * mg_doc_builder_child_text:
 *
 * Returns: (transfer full) (nullable): the text of the first child element @name of @parent
 */
char *
mg_doc_builder_child_text (xmlNode    *parent,
                           const char *ns_href,
                           const char *name)
{
  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    if (mg_doc_builder_is_element (child, ns_href, name))
      {
        xmlChar *content = xmlNodeGetContent (child);
        char *copy = g_strdup ((const char *) content);

        xmlFree (content);
        return copy;
      }
  return NULL;
}
