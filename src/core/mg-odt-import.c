/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OpenDocument text (.odt): the headings and paragraphs of content.xml in order, lists and
 * tables included, each a block; title and author from meta.xml. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mg-doc-builder.h"
#include "mg-odt-import.h"
#include "mg-zip-reader.h"

#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define META_NS "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define DC_NS "http://purl.org/dc/elements/1.1/"

/* text:s stands for spaces that the collapsing of white space would otherwise remove; a
 * hostile count is capped, since no paragraph needs a thousand spaces in a row. */
static void
append_spaces (xmlNode *node,
               GString *block)
{
  xmlChar *count = xmlGetNsProp (node, BAD_CAST "c", BAD_CAST TEXT_NS);
  long n = count ? strtol ((const char *) count, NULL, 10) : 1;

  xmlFree (count);
  for (long i = 0; i < CLAMP (n, 1, 1000); i++)
    g_string_append_c (block, ' ');
}

static gboolean
is_paragraph (xmlNode *node)
{
  return mg_doc_builder_is_element (node, TEXT_NS, "p")
         || mg_doc_builder_is_element (node, TEXT_NS, "h");
}

static void collect_inline (xmlNode *node, GString *block);

/* Notes and comments are other texts anchored here, and a paragraph inside a paragraph (a
 * frame) is not part of its host's sentence: all are left out. */
static void
collect_element (xmlNode *node,
                 GString *block)
{
  if (mg_doc_builder_is_element (node, TEXT_NS, "s"))
    append_spaces (node, block);
  else if (mg_doc_builder_is_element (node, TEXT_NS, "tab"))
    g_string_append_c (block, '\t');
  else if (mg_doc_builder_is_element (node, TEXT_NS, "line-break"))
    g_string_append_c (block, '\n');
  else if (!mg_doc_builder_is_element (node, TEXT_NS, "note")
           && !mg_doc_builder_is_element (node, OFFICE_NS, "annotation")
           && !is_paragraph (node))
    collect_inline (node, block);
}

static void
collect_inline (xmlNode *node,
                GString *block)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        mg_doc_builder_append_collapsed (block, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        collect_element (child, block);
    }
}

static void
collect_paragraphs (MgDocBuilder *builder,
                    xmlNode      *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_paragraph (child))
        {
          g_autoptr(GString) block = g_string_new (NULL);

          collect_inline (child, block);
          mg_doc_builder_add_block (builder, block->str, block->len);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_paragraphs (builder, child);
    }
}

static xmlNode *
child_element (xmlNode    *parent,
               const char *ns_href,
               const char *name)
{
  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    if (mg_doc_builder_is_element (child, ns_href, name))
      return child;
  return NULL;
}

static gboolean
read_content (MgDocBuilder  *builder,
              MgZipReader   *zip,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = mg_zip_reader_read (zip, "content.xml", cancellable, error);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  xmlNode *text;

  if (bytes == NULL)
    return FALSE;
  doc = mg_doc_builder_parse_xml (bytes, "ODT", "content.xml", error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  if (!mg_doc_builder_is_element (root, OFFICE_NS, "document-content"))
    root = NULL;
  text = child_element (child_element (root, OFFICE_NS, "body"), OFFICE_NS, "text");
  if (text == NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                           _("not an OpenDocument text: content.xml holds no text body "
                             "(a spreadsheet or a presentation?)"));
      return FALSE;
    }
  collect_paragraphs (builder, text);
  return TRUE;
}

/* meta.xml is optional; without it the first heading or paragraph is the title. */
static void
read_meta (MgDocBuilder *builder,
           MgZipReader  *zip,
           GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *meta;
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *created = NULL;

  if (!mg_zip_reader_has_entry (zip, "meta.xml"))
    return;
  bytes = mg_zip_reader_read (zip, "meta.xml", cancellable, NULL);
  doc = bytes ? mg_doc_builder_parse_xml (bytes, "ODT", "meta.xml", NULL) : NULL;
  meta = doc ? child_element (xmlDocGetRootElement (doc), OFFICE_NS, "meta") : NULL;
  title = mg_doc_builder_child_text (meta, DC_NS, "title");
  initial = mg_doc_builder_child_text (meta, META_NS, "initial-creator");
  creator = mg_doc_builder_child_text (meta, DC_NS, "creator");
  created = mg_doc_builder_child_text (meta, META_NS, "creation-date");
  mg_doc_builder_set_meta (&builder->title, title);
  /* The author is who wrote it first; dc:creator is whoever saved it last. */
  mg_doc_builder_set_meta (&builder->author, creator);
  mg_doc_builder_set_meta (&builder->author, initial);
  mg_doc_builder_set_meta (&builder->date, created);
}

/**
 * mg_odt_import_file:
 *
 * Reads an OpenDocument text (.odt): headings and paragraphs as blocks, text:s as spaces,
 * text:tab as a tab, text:line-break as a line break; title and author from meta.xml, else
 * the first block is the title. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_odt_import_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_auto(MgDocBuilder) builder = { 0 };
  g_autoptr(MgZipReader) zip = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  zip = mg_zip_reader_open (file, "ODT", cancellable, error);
  if (zip == NULL)
    return NULL;
  mg_doc_builder_init (&builder);
  if (!read_content (&builder, zip, cancellable, error))
    return NULL;
  read_meta (&builder, zip, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return mg_doc_builder_finish (&builder, file, "application/vnd.oasis.opendocument.text",
                                error);
}
