/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Word documents (Office Open XML): the body's paragraphs in order, table cells included, each
 * a block; title and author from the package's core properties. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-doc-builder.h"
#include "mg-docx-import.h"
#include "mg-zip-reader.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define DCTERMS_NS "http://purl.org/dc/terms/"
#define CP_NS "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

static void collect_run_text (xmlNode *node, GString *block);

/* w:t holds the text as typed (xml:space="preserve" is the rule, not the exception), so it is
 * kept as it is; deleted text (w:delText) and field codes (w:instrText) are other elements and
 * stay out. */
static void
collect_element (xmlNode *node,
                 GString *block)
{
  if (mg_doc_builder_is_element (node, W_NS, "t"))
    {
      xmlChar *content = xmlNodeGetContent (node);

      g_string_append (block, (const char *) content);
      xmlFree (content);
    }
  else if (mg_doc_builder_is_element (node, W_NS, "tab"))
    g_string_append_c (block, '\t');
  else if (mg_doc_builder_is_element (node, W_NS, "br")
           || mg_doc_builder_is_element (node, W_NS, "cr"))
    g_string_append_c (block, '\n');
  else if (!mg_doc_builder_is_element (node, W_NS, "p"))
    collect_run_text (node, block);
}

/* Runs sit inside hyperlinks, insertions, content controls and smart tags; a paragraph inside
 * a paragraph (a text box) is left out rather than run into its host's sentence. */
static void
collect_run_text (xmlNode *node,
                  GString *block)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      collect_element (child, block);
}

static void
collect_paragraphs (MgDocBuilder *builder,
                    xmlNode      *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (mg_doc_builder_is_element (child, W_NS, "p"))
        {
          g_autoptr(GString) block = g_string_new (NULL);

          collect_run_text (child, block);
          mg_doc_builder_add_block (builder, block->str, block->len);
        }
      else if (child->type == XML_ELEMENT_NODE)
        collect_paragraphs (builder, child);
    }
}

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (!mg_doc_builder_is_element (root, W_NS, "document"))
    return NULL;
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (mg_doc_builder_is_element (child, W_NS, "body"))
      return child;
  return NULL;
}

static gboolean
read_body (MgDocBuilder  *builder,
           MgZipReader   *zip,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GBytes) bytes = mg_zip_reader_read (zip, "word/document.xml", cancellable, error);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *body;

  if (bytes == NULL)
    return FALSE;
  doc = mg_doc_builder_parse_xml (bytes, "DOCX", "word/document.xml", error);
  if (doc == NULL)
    return FALSE;
  body = find_body (doc);
  if (body == NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                           _("not a DOCX: word/document.xml has no body"));
      return FALSE;
    }
  collect_paragraphs (builder, body);
  return TRUE;
}

/* The core properties are optional; a document without them, or with broken ones, still
 * imports, titled by its first paragraph. */
static void
read_core_properties (MgDocBuilder *builder,
                      MgZipReader  *zip,
                      GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *created = NULL;

  if (!mg_zip_reader_has_entry (zip, "docProps/core.xml"))
    return;
  bytes = mg_zip_reader_read (zip, "docProps/core.xml", cancellable, NULL);
  doc = bytes ? mg_doc_builder_parse_xml (bytes, "DOCX", "docProps/core.xml", NULL) : NULL;
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (!mg_doc_builder_is_element (root, CP_NS, "coreProperties"))
    return;
  title = mg_doc_builder_child_text (root, DC_NS, "title");
  creator = mg_doc_builder_child_text (root, DC_NS, "creator");
  created = mg_doc_builder_child_text (root, DCTERMS_NS, "created");
  mg_doc_builder_set_meta (&builder->title, title);
  mg_doc_builder_set_meta (&builder->author, creator);
  mg_doc_builder_set_meta (&builder->date, created);
}

/**
 * mg_docx_import_file:
 *
 * Reads a Word document (.docx): the body's paragraphs as blocks, w:tab as a tab, w:br as a
 * line break; the title from docProps/core.xml, else the first paragraph. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_docx_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(MgDocBuilder) builder = { 0 };
  g_autoptr(MgZipReader) zip = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  zip = mg_zip_reader_open (file, "DOCX", cancellable, error);
  if (zip == NULL)
    return NULL;
  mg_doc_builder_init (&builder);
  if (!read_body (&builder, zip, cancellable, error))
    return NULL;
  read_core_properties (&builder, zip, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return mg_doc_builder_finish (&builder, file,
                                "application/vnd.openxmlformats-officedocument."
                                "wordprocessingml.document", error);
}
