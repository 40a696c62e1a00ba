/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EPUB 2 and 3: META-INF/container.xml names the package (OPF), whose spine lists the
 * chapters in reading order; each chapter is XHTML, read as XML, its headings and paragraphs
 * made blocks. Title, author and date come from the package's Dublin Core metadata. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-doc-builder.h"
#include "mg-epub-import.h"
#include "mg-zip-reader.h"

#define CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"
#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"

/* --- one chapter --- */

/* Elements that start a block of their own; everything else flows inside the current one. */
static const char *const block_names[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
  "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
};

/* Code, styling and the book's own table of contents are not its text. */
static const char *const dropped_names[] = {
  "head", "nav", "noscript", "script", "style", "template",
};

static gboolean
name_in (xmlNode           *node,
         const char *const *names,
         gsize              n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (strcmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  MgDocBuilder *builder;
  GString      *block;
  gboolean      in_pre;
} Chapter;

static void
flush_block (Chapter *chapter)
{
  mg_doc_builder_add_block (chapter->builder, chapter->block->str, chapter->block->len);
  g_string_truncate (chapter->block, 0);
}

static void walk_children (Chapter *chapter, xmlNode *node);

static void
walk_element (Chapter *chapter,
              xmlNode *node)
{
  gboolean was_pre = chapter->in_pre;

  if (name_in (node, dropped_names, G_N_ELEMENTS (dropped_names)))
    return;
  if (strcmp ((const char *) node->name, "br") == 0)
    {
      g_string_append_c (chapter->block, '\n');
      return;
    }
  if (!name_in (node, block_names, G_N_ELEMENTS (block_names)))
    {
      walk_children (chapter, node);
      return;
    }
  flush_block (chapter);
  chapter->in_pre = was_pre || strcmp ((const char *) node->name, "pre") == 0;
  walk_children (chapter, node);
  flush_block (chapter);
  chapter->in_pre = was_pre;
}

static void
walk_children (Chapter *chapter,
               xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        walk_element (chapter, child);
      else if (child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE)
        continue;
      else if (chapter->in_pre)
        g_string_append (chapter->block, (const char *) child->content);
      else
        mg_doc_builder_append_collapsed (chapter->block, (const char *) child->content);
    }
}

static gboolean
read_chapter (MgDocBuilder  *builder,
              MgZipReader   *zip,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = mg_zip_reader_read (zip, name, cancellable, error);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GString) block = g_string_new (NULL);
  Chapter chapter = { builder, block, FALSE };

  if (bytes == NULL)
    return FALSE;
  doc = mg_doc_builder_parse_xml (bytes, "EPUB", name, error);
  if (doc == NULL)
    return FALSE;
  walk_children (&chapter, (xmlNode *) doc);
  flush_block (&chapter);
  return TRUE;
}

/* --- the package --- */

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

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static xmlDoc *
read_xml (MgZipReader   *zip,
          const char    *name,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) bytes = mg_zip_reader_read (zip, name, cancellable, error);

  return bytes ? mg_doc_builder_parse_xml (bytes, "EPUB", name, error) : NULL;
}

static char *
find_package (MgZipReader   *zip,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(xmlDoc) doc = read_xml (zip, "META-INF/container.xml", cancellable, error);
  xmlNode *rootfiles;
  char *path;

  if (doc == NULL)
    return NULL;
  rootfiles = child_element (xmlDocGetRootElement (doc), CONTAINER_NS, "rootfiles");
  path = attribute (child_element (rootfiles, CONTAINER_NS, "rootfile"), "full-path");
  if (path == NULL || *path == '\0')
    {
      g_free (path);
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                           _("EPUB without a package: META-INF/container.xml names no "
                             "OPF file"));
      return NULL;
    }
  return path;
}

/* Hrefs are URLs relative to the package: "../Text/ch%201.xhtml#start" from "OEBPS/content.opf"
 * is the entry "Text/ch 1.xhtml". One that climbs above the archive's root names nothing. */
static char *
resolve_href (const char *package,
              const char *href)
{
  g_autofree char *bare = g_strndup (href, strcspn (href, "#?"));
  g_autofree char *decoded = g_uri_unescape_string (bare, NULL);
  g_autofree char *dir = g_path_get_dirname (package);
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (decoded == NULL || decoded[0] == '/')
    return NULL;
  joined = strcmp (dir, ".") == 0 ? g_strdup (decoded) : g_strconcat (dir, "/", decoded, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strcmp (parts[i], "..") == 0 && kept->len == 0)
        return NULL;
      if (strcmp (parts[i], "..") == 0)
        g_ptr_array_remove_index (kept, kept->len - 1);
      else if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
        g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static void
read_metadata (MgDocBuilder *builder,
               xmlNode      *package)
{
  xmlNode *metadata = child_element (package, OPF_NS, "metadata");
  g_autofree char *title = mg_doc_builder_child_text (metadata, DC_NS, "title");
  g_autofree char *creator = mg_doc_builder_child_text (metadata, DC_NS, "creator");
  g_autofree char *date = mg_doc_builder_child_text (metadata, DC_NS, "date");

  mg_doc_builder_set_meta (&builder->title, title);
  mg_doc_builder_set_meta (&builder->author, creator);
  mg_doc_builder_set_meta (&builder->date, date);
}

/* The manifest's XHTML items by id; pictures and style sheets in the spine are not text. */
static GHashTable *
read_manifest (xmlNode *package)
{
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *manifest = child_element (package, OPF_NS, "manifest");

  for (xmlNode *item = manifest ? manifest->children : NULL; item != NULL; item = item->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;

      if (!mg_doc_builder_is_element (item, OPF_NS, "item"))
        continue;
      id = attribute (item, "id");
      type = attribute (item, "media-type");
      if (id != NULL && g_strcmp0 (type, "application/xhtml+xml") == 0)
        g_hash_table_replace (items, g_steal_pointer (&id), attribute (item, "href"));
    }
  return items;
}

static gboolean
read_spine (MgDocBuilder  *builder,
            MgZipReader   *zip,
            const char    *package_path,
            xmlNode       *package,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GHashTable) items = read_manifest (package);
  xmlNode *spine = child_element (package, OPF_NS, "spine");
  guint chapters = 0;

  for (xmlNode *ref = spine ? spine->children : NULL; ref != NULL; ref = ref->next)
    {
      g_autofree char *idref = mg_doc_builder_is_element (ref, OPF_NS, "itemref")
                               ? attribute (ref, "idref") : NULL;
      const char *href = idref ? g_hash_table_lookup (items, idref) : NULL;
      g_autofree char *name = href ? resolve_href (package_path, href) : NULL;

      if (name == NULL)
        continue;
      if (!read_chapter (builder, zip, name, cancellable, error))
        return FALSE;
      chapters++;
    }
  if (chapters > 0)
    return TRUE;
  g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
               _("EPUB without a spine: %s lists no chapters to read"), package_path);
  return FALSE;
}

static gboolean
read_package (MgDocBuilder  *builder,
              MgZipReader   *zip,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *path = find_package (zip, cancellable, error);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *package;

  if (path == NULL)
    return FALSE;
  doc = read_xml (zip, path, cancellable, error);
  if (doc == NULL)
    return FALSE;
  package = xmlDocGetRootElement (doc);
  if (!mg_doc_builder_is_element (package, OPF_NS, "package"))
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                   _("not an EPUB: %s is not an OPF package"), path);
      return FALSE;
    }
  read_metadata (builder, package);
  return read_spine (builder, zip, path, package, cancellable, error);
}

/**
 * mg_epub_import_file:
 *
 * Reads an EPUB 2 or 3 book: its chapters in spine order, headings and paragraphs as blocks,
 * scripts, styles and navigation left out; title and author from the package's metadata.
 * Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_epub_import_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(MgDocBuilder) builder = { 0 };
  g_autoptr(MgZipReader) zip = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  zip = mg_zip_reader_open (file, "EPUB", cancellable, error);
  if (zip == NULL)
    return NULL;
  mg_doc_builder_init (&builder);
  if (!read_package (&builder, zip, cancellable, error))
    return NULL;
  return mg_doc_builder_finish (&builder, file, "application/epub+zip", error);
}
