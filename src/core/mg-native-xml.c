/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The native Marginalia XML: export streams rows straight from SQLite into an xmlTextWriter
 * (no GObject per annotation, so 100,000 of them stay cheap); import validates the file
 * against the compiled-in RELAX NG schema, then merges it in one transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>
#include <libxml/xmlwriter.h>

#include "mg-entity-mention.h"
#include "mg-native-xml.h"
#include "mg-store-private.h"
#include "mg-xml-safe.h"
#include "mg-xml-resources.h"

#define NS MG_NATIVE_XML_NAMESPACE
#define X(s) ((const xmlChar *) (s))

/* How many rows between two looks at the cancellable. */
#define CANCEL_CHECK_EVERY 1024

typedef struct
{
  MgStore             *store;
  const MgExportScope *scope;
  xmlTextWriterPtr     writer;
  GCancellable        *cancellable;
  GHashTable          *documents;  /* gint64 id → itself: those in scope; NULL = all */
  GHashTable          *codes;      /* codes written, id → uuid */
  GHashTable          *named_codes; /* the codes of the scope's names; NULL = all */
  gboolean             failed;
  gboolean             unwritable;  /* a value holds a character XML 1.0 cannot carry */
  GError              *error;      /* the first failure of a read, or cancellation */
} Export;

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->documents, g_hash_table_unref);
  g_clear_pointer (&ex->codes, g_hash_table_unref);
  g_clear_pointer (&ex->named_codes, g_hash_table_unref);
  g_clear_pointer (&ex->writer, xmlFreeTextWriter);
  g_clear_error (&ex->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* ISO 8601 in UTC with a Z, second precision: what the library stores. */
static void
format_time (gint64 unix_seconds,
             char   buffer[32])
{
  time_t t = (time_t) unix_seconds;
  struct tm tm;

  if (gmtime_r (&t, &tm) == NULL || strftime (buffer, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
    g_strlcpy (buffer, "1970-01-01T00:00:00Z", 32);
}

/* xmlTextWriter only fails when memory runs out; one flag checked at the end is enough. */
static void
check (Export *ex,
       int     rc)
{
  if (rc < 0)
    ex->failed = TRUE;
}

/* XML 1.0 has no way to carry C0 controls other than tab and line ends, not even escaped;
 * a text imported with a form feed is one that cannot be exported as it is. */
static gboolean
has_forbidden_controls (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      return TRUE;
  return FALSE;
}

static void
write_attr (Export     *ex,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  if (has_forbidden_controls (value))
    ex->unwritable = TRUE;
  check (ex, xmlTextWriterWriteAttribute (ex->writer, X (name), X (value)));
}

static void
write_attr_int (Export     *ex,
                const char *name,
                gint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  write_attr (ex, name, buffer);
}

static void
write_attr_time (Export     *ex,
                 const char *name,
                 gint64      value)
{
  char buffer[32];

  format_time (value, buffer);
  write_attr (ex, name, buffer);
}

/* Empty values are left out, as the schema makes those elements optional. */
static void
write_element (Export     *ex,
               const char *name,
               const char *value,
               gboolean    even_empty)
{
  if (value == NULL || (*value == '\0' && !even_empty))
    return;
  if (has_forbidden_controls (value))
    ex->unwritable = TRUE;
  check (ex, xmlTextWriterWriteElement (ex->writer, X (name), X (value)));
}

static void
start_element (Export     *ex,
               const char *name)
{
  check (ex, xmlTextWriterStartElement (ex->writer, X (name)));
}

static void
end_element (Export *ex)
{
  check (ex, xmlTextWriterEndElement (ex->writer));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The next row, or FALSE at the end or on failure (then ex->error says which). */
static gboolean
step_row (Export       *ex,
          sqlite3_stmt *stmt,
          guint        *n_rows)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      if (++*n_rows % CANCEL_CHECK_EVERY == 0
          && g_cancellable_set_error_if_cancelled (ex->cancellable, &ex->error))
        return FALSE;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    mg_store_set_db_error (ex->store, &ex->error, rc);
  return FALSE;
}

static gboolean
has_items (GArray *array)
{
  return array != NULL && array->len > 0;
}

static gboolean
has_names (GPtrArray *array)
{
  return array != NULL && array->len > 0;
}

static gboolean
name_in (GPtrArray  *names,
         const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
document_in_scope (Export *ex,
                   gint64  id)
{
  return ex->documents == NULL || g_hash_table_contains (ex->documents, &id);
}

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static gboolean
write_documents (Export *ex)
{
  sqlite3_stmt *stmt = mg_store_prepare (ex->store,
    "SELECT id, uuid, sha256, char_count, media_type, imported, title, source_uri,"
    " CASE WHEN ?1 THEN text END FROM documents ORDER BY id", &ex->error);
  guint n_rows = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ex->scope->include_text);
  start_element (ex, "documents");
  while (step_row (ex, stmt, &n_rows))
    {
      if (!document_in_scope (ex, sqlite3_column_int64 (stmt, 0)))
        continue;
      start_element (ex, "document");
      write_attr (ex, "uuid", column_text (stmt, 1));
      write_attr (ex, "sha256", column_text (stmt, 2));
      write_attr_int (ex, "chars", sqlite3_column_int64 (stmt, 3));
      write_attr (ex, "media-type", column_text (stmt, 4));
      write_attr_time (ex, "imported", sqlite3_column_int64 (stmt, 5));
      write_element (ex, "title", column_text (stmt, 6), TRUE);
      write_element (ex, "source", column_text (stmt, 7), FALSE);
      write_element (ex, "text", column_text (stmt, 8), TRUE);
      end_element (ex);
    }
  end_element (ex);
  sqlite3_finalize (stmt);
  return ex->error == NULL;
}

typedef struct
{
  gint64  id;
  gint64  parent;
  char   *uuid;
  char   *name;
  char   *colour;
  char   *description;
  gint64  created;
  gint64  modified;
  gboolean wanted;
} CodeRow;

static void
code_row_clear (gpointer data)
{
  CodeRow *row = data;

  g_free (row->uuid);
  g_free (row->name);
  g_free (row->colour);
  g_free (row->description);
}

static GArray *
load_codes (Export *ex)
{
  sqlite3_stmt *stmt = mg_store_prepare (ex->store,
    "SELECT id, coalesce (parent, 0), uuid, name, colour, description, created, modified"
    " FROM codes ORDER BY parent, position, id", &ex->error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CodeRow));
  guint n_rows = 0;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (rows, code_row_clear);
  while (step_row (ex, stmt, &n_rows))
    {
      CodeRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                      g_strdup (column_text (stmt, 2)), g_strdup (column_text (stmt, 3)),
                      g_strdup (column_text (stmt, 4)), g_strdup (column_text (stmt, 5)),
                      sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7), TRUE };

      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  if (ex->error != NULL)
    return NULL;
  return g_steal_pointer (&rows);
}

static CodeRow *
find_code_row (GArray *rows,
               gint64  id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, CodeRow, i).id == id)
      return &g_array_index (rows, CodeRow, i);
  return NULL;
}

/* With a code filter, the named codes go out with their ancestors, so the file keeps each
 * code's place in the tree; only the named codes' passages are written. */
static void
mark_wanted_codes (Export *ex,
                   GArray *rows)
{
  if (!has_names (ex->scope->code_names))
    return;
  ex->named_codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_array_index (rows, CodeRow, i).wanted = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = &g_array_index (rows, CodeRow, i);

      if (!name_in (ex->scope->code_names, row->name))
        continue;
      g_hash_table_add (ex->named_codes, int64_dup (row->id));
      for (CodeRow *up = row; up != NULL && !up->wanted; up = find_code_row (rows, up->parent))
        up->wanted = TRUE;
    }
}

static void
write_code_tree (Export *ex,
                 GArray *rows,
                 gint64  parent)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = &g_array_index (rows, CodeRow, i);

      if (row->parent != parent || !row->wanted)
        continue;
      start_element (ex, "code");
      write_attr (ex, "uuid", row->uuid);
      write_attr (ex, "name", row->name);
      write_attr (ex, "colour", row->colour);
      write_attr_time (ex, "created", row->created);
      write_attr_time (ex, "modified", row->modified);
      write_element (ex, "description", row->description, FALSE);
      g_hash_table_insert (ex->codes, int64_dup (row->id), g_strdup (row->uuid));
      write_code_tree (ex, rows, row->id);
      end_element (ex);
    }
}

static gboolean
write_codebook (Export *ex)
{
  g_autoptr(GArray) rows = load_codes (ex);

  if (rows == NULL)
    return FALSE;
  mark_wanted_codes (ex, rows);
  ex->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  start_element (ex, "codebook");
  write_code_tree (ex, rows, 0);
  end_element (ex);
  return TRUE;
}

static gboolean
annotation_in_scope (Export       *ex,
                     sqlite3_stmt *stmt)
{
  gint64 document = sqlite3_column_int64 (stmt, 12);
  gint64 code = sqlite3_column_int64 (stmt, 13);

  return document_in_scope (ex, document)
         && (ex->named_codes == NULL || g_hash_table_contains (ex->named_codes, &code));
}

static void
write_annotation (Export       *ex,
                  sqlite3_stmt *stmt)
{
  start_element (ex, "annotation");
  write_attr (ex, "uuid", column_text (stmt, 0));
  write_attr (ex, "document", column_text (stmt, 1));
  write_attr (ex, "code", column_text (stmt, 2));
  write_attr_int (ex, "start", sqlite3_column_int64 (stmt, 3));
  write_attr_int (ex, "end", sqlite3_column_int64 (stmt, 4));
  write_attr_time (ex, "created", sqlite3_column_int64 (stmt, 10));
  write_attr_time (ex, "modified", sqlite3_column_int64 (stmt, 11));
  if (sqlite3_column_int (stmt, 9))
    write_attr (ex, "orphaned", "true");
  write_element (ex, "quote", column_text (stmt, 5), TRUE);
  write_element (ex, "prefix", column_text (stmt, 6), FALSE);
  write_element (ex, "suffix", column_text (stmt, 7), FALSE);
  write_element (ex, "note", column_text (stmt, 8), FALSE);
  end_element (ex);
}

static gboolean
write_set_annotations (Export *ex,
                       gint64  set_id)
{
  sqlite3_stmt *stmt = mg_store_prepare (ex->store,
    "SELECT a.uuid, d.uuid, c.uuid, a.start, a.end, a.quote, a.prefix, a.suffix, a.note,"
    " a.orphaned, a.created, a.modified, a.document, a.code"
    " FROM annotations a JOIN documents d ON d.id = a.document JOIN codes c ON c.id = a.code"
    " WHERE a.annotation_set = ? ORDER BY a.document, a.start, a.end, a.id", &ex->error);
  guint n_rows = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);
  while (step_row (ex, stmt, &n_rows))
    if (annotation_in_scope (ex, stmt))
      write_annotation (ex, stmt);
  sqlite3_finalize (stmt);
  return ex->error == NULL;
}

static gboolean
write_sets (Export *ex)
{
  sqlite3_stmt *stmt = mg_store_prepare (ex->store,
    "SELECT id, uuid, name, author, origin, created FROM annotation_sets ORDER BY id", &ex->error);
  guint n_rows = 0;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  start_element (ex, "annotation-sets");
  while (ok && step_row (ex, stmt, &n_rows))
    {
      if (has_names (ex->scope->set_names) && !name_in (ex->scope->set_names, column_text (stmt, 2)))
        continue;
      start_element (ex, "annotation-set");
      write_attr (ex, "uuid", column_text (stmt, 1));
      write_attr (ex, "name", column_text (stmt, 2));
      write_attr (ex, "author", column_text (stmt, 3));
      write_attr (ex, "origin", column_text (stmt, 4));
      write_attr_time (ex, "created", sqlite3_column_int64 (stmt, 5));
      ok = write_set_annotations (ex, sqlite3_column_int64 (stmt, 0));
      end_element (ex);
    }
  end_element (ex);
  sqlite3_finalize (stmt);
  return ok && ex->error == NULL;
}

static gboolean
write_entity_decisions (Export *ex)
{
  sqlite3_stmt *stmt = mg_store_prepare (ex->store,
    "SELECT e.uuid, e.kind, e.entity_key, e.type, e.alias_of, d.uuid, e.created, e.text,"
    " e.document FROM entity_decisions e LEFT JOIN documents d ON d.id = e.document"
    " ORDER BY e.id", &ex->error);
  guint n_rows = 0;

  if (stmt == NULL)
    return FALSE;
  start_element (ex, "entity-decisions");
  while (step_row (ex, stmt, &n_rows))
    {
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL
          && !document_in_scope (ex, sqlite3_column_int64 (stmt, 8)))
        continue;
      start_element (ex, "entity-decision");
      write_attr (ex, "uuid", column_text (stmt, 0));
      write_attr (ex, "kind", column_text (stmt, 1));
      write_attr (ex, "key", column_text (stmt, 2));
      write_attr (ex, "type", column_text (stmt, 3));
      write_attr (ex, "alias-of", column_text (stmt, 4));
      write_attr (ex, "document", column_text (stmt, 5));
      write_attr_time (ex, "created", sqlite3_column_int64 (stmt, 6));
      write_element (ex, "text", column_text (stmt, 7), FALSE);
      end_element (ex);
    }
  end_element (ex);
  sqlite3_finalize (stmt);
  return ex->error == NULL;
}

static void
scope_documents (Export *ex)
{
  GArray *ids = ex->scope->document_ids;

  if (!has_items (ids))
    return;
  ex->documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (ex->documents, &g_array_index (ids, gint64, i));
}

static gboolean
write_root (Export  *ex,
            GError **error)
{
  char now[32];

  format_time (g_get_real_time () / G_USEC_PER_SEC, now);
  check (ex, xmlTextWriterStartDocument (ex->writer, "1.0", "UTF-8", NULL));
  check (ex, xmlTextWriterStartElementNS (ex->writer, NULL, X ("marginalia"), X (NS)));
  write_attr (ex, "version", MG_NATIVE_XML_VERSION);
  write_attr (ex, "exported", now);
  write_attr (ex, "generator", "Marginalia " PACKAGE_VERSION);
  if (!write_documents (ex) || !write_codebook (ex) || !write_sets (ex)
      || !write_entity_decisions (ex))
    {
      g_propagate_error (error, g_steal_pointer (&ex->error));
      return FALSE;
    }
  end_element (ex);
  check (ex, xmlTextWriterEndDocument (ex->writer));
  if (ex->unwritable)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The library holds a control character (such as a form feed) that XML "
                     "cannot carry; export without the texts, or in another format"));
      return FALSE;
    }
  if (ex->failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("There was not enough memory to write the export"));
      return FALSE;
    }
  return TRUE;
}

/* A deferred transaction: a consistent snapshot to read without taking the write lock. */
static gboolean
begin_read (MgStore  *store,
            GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, "BEGIN", error);

  return stmt != NULL && mg_store_step_done (store, stmt, error);
}

static const MgExportScope everything = { NULL, NULL, NULL, TRUE };

/**
 * mg_native_xml_export_bytes:
 * @store: the library
 * @scope: (nullable): what to export; %NULL for the whole library with texts
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the part of @store that @scope names as native Marginalia XML, in memory. The
 * reads happen in one transaction, so the file is a consistent picture of the library.
 *
 * Returns: (transfer full) (nullable): the UTF-8 bytes of the document
 */
GBytes *
mg_native_xml_export_bytes (MgStore              *store,
                            const MgExportScope  *scope,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_auto(Export) ex = { store, scope != NULL ? scope : &everything, NULL, cancellable };
  xmlBufferPtr buffer = xmlBufferCreate ();
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  ex.writer = xmlNewTextWriterMemory (buffer, 0);
  if (ex.writer == NULL)
    {
      xmlBufferFree (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("There was not enough memory to write the export"));
      return NULL;
    }
  xmlTextWriterSetIndent (ex.writer, 1);
  xmlTextWriterSetIndentString (ex.writer, X ("  "));
  scope_documents (&ex);
  if (!(ok = begin_read (store, error)))
    goto out;
  ok = write_root (&ex, error);
  mg_store_rollback (store);
  g_clear_pointer (&ex.writer, xmlFreeTextWriter);

out:
  if (!ok)
    {
      g_clear_pointer (&ex.writer, xmlFreeTextWriter);
      xmlBufferFree (buffer);
      return NULL;
    }
  return g_bytes_new_with_free_func (xmlBufferContent (buffer), xmlBufferLength (buffer),
                                     (GDestroyNotify) xmlBufferFree, buffer);
}

/**
 * mg_native_xml_export:
 * @store: the library
 * @scope: (nullable): what to export; %NULL for the whole library with texts
 * @path: the file to write, in the GLib file name encoding
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exports as mg_native_xml_export_bytes() does and writes the result to @path atomically:
 * beside it first, then renamed over it, so a failed or cancelled export never replaces a
 * good file.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_native_xml_export (MgStore              *store,
                      const MgExportScope  *scope,
                      const char           *path,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(GBytes) bytes = mg_native_xml_export_bytes (store, scope, cancellable, error);
  g_autoptr(GFile) file = NULL;
  gsize size = 0;
  gconstpointer data;

  if (bytes == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  data = g_bytes_get_data (bytes, &size);
  return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

/* --- reading the tree --- */

/* The value of an attribute or the text of an element without copying it: the parser joins
 * adjacent text, so a value is one text node (or none, when empty). Values split otherwise
 * (never by our writer) read as absent and fail the checks that need them. */
static const char *
node_text (xmlNode *node)
{
  xmlNode *child = node->children;

  if (child == NULL)
    return "";
  if (child->next != NULL || child->type != XML_TEXT_NODE)
    return NULL;
  return (const char *) child->content;
}

static const char *
attr (xmlNode    *node,
      const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      return node_text ((xmlNode *) a);
  return NULL;
}

static gint64
attr_int (xmlNode    *node,
          const char *name)
{
  const char *value = attr (node, name);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
}

static gint64
attr_time (xmlNode    *node,
           const char *name)
{
  const char *value = attr (node, name);
  g_autoptr(GDateTime) time = value != NULL ? g_date_time_new_from_iso8601 (value, NULL) : NULL;

  return time != NULL ? g_date_time_to_unix (time) : g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
child_element (xmlNode    *parent,
               const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

/* The text of a child element, "" when it is absent (the schema makes those optional). */
static const char *
child_text (xmlNode    *parent,
            const char *name)
{
  xmlNode *child = child_element (parent, name);

  return child != NULL ? node_text (child) : "";
}

/* --- validation --- */

typedef struct
{
  char *message;
  int   line;
} FirstError;

static void
keep_first_error (void        *user_data,
                  xmlErrorPtr  err)
{
  FirstError *first = user_data;

  if (first->message == NULL && err != NULL && err->level >= XML_ERR_ERROR)
    {
      first->message = g_strstrip (g_strdup (err->message != NULL ? err->message : "?"));
      first->line = err->line;
    }
}

static gpointer
load_schema (gpointer data)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (mg_xml_schemas_get_resource (),
    "/io/github/marginalia/Marginalia/schemas/marginalia-1.0.rng", 0, NULL);
  FirstError first = { NULL, 0 };
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;
  gsize size = 0;
  const char *text = g_bytes_get_data (bytes, &size);

  parser = xmlRelaxNGNewMemParserCtxt (text, (int) size);
  xmlRelaxNGSetParserStructuredErrors (parser, keep_first_error, &first);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  /* The schema is compiled in: failing to parse it is a bug of the build, not of a file. */
  if (schema == NULL)
    g_critical ("The native XML schema does not parse: %s", first.message);
  g_free (first.message);
  return schema;
}

static gboolean
check_root (xmlDoc      *doc,
            const char  *name,
            GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  const char *version;

  if (root->ns == NULL || g_strcmp0 ((const char *) root->ns->href, NS) != 0
      || g_strcmp0 ((const char *) root->name, "marginalia") != 0)
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_INVALID,
                   _("%s is not a Marginalia XML file (its root element is <%s>)"),
                   name, (const char *) root->name);
      return FALSE;
    }
  version = attr (root, "version");
  if (g_strcmp0 (version, MG_NATIVE_XML_VERSION) != 0)
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_INVALID,
                   _("%s is in version %s of the Marginalia format, which this Marginalia "
                     "cannot read; a newer Marginalia may"),
                   name, version != NULL ? version : "?");
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_native_xml_validate:
 * @doc: a parsed document
 * @name: what to call it in messages (a file name)
 * @error: return location for a #GError in %MG_XML_ERROR
 *
 * Checks that @doc is native Marginalia XML: the namespace, the version and the RELAX NG
 * schema (data/marginalia-1.0.rng, compiled in).
 *
 * Returns: %TRUE when @doc is valid
 */
gboolean
mg_native_xml_validate (xmlDoc      *doc,
                        const char  *name,
                        GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  xmlRelaxNGPtr schema;
  xmlRelaxNGValidCtxtPtr validator;
  FirstError first = { NULL, 0 };
  int rc;

  if (!check_root (doc, name, error))
    return FALSE;
  schema = g_once (&once, load_schema, NULL);
  g_return_val_if_fail (schema != NULL, FALSE);
  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (validator, keep_first_error, &first);
  rc = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  if (rc != 0)
    g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_INVALID,
                 _("%s, line %d: %s; the file does not follow the Marginalia XML format"),
                 name, first.line, first.message != NULL ? first.message : "?");
  g_free (first.message);
  return rc == 0;
}

/* --- import --- */

/* Every MARK_STEP-th code point's byte offset, so a quote is cut from a long text without
 * walking it from the start each time. */
#define MARK_STEP 64

typedef struct
{
  gint64  id;       /* in the library; 0 when the document could not be placed */
  gint64  chars;
  char   *title;
  char   *text;     /* read when the first quote is checked */
  GArray *marks;
  guint   n_skipped;
} ImportDoc;

static void
import_doc_free (gpointer data)
{
  ImportDoc *doc = data;

  g_free (doc->title);
  g_free (doc->text);
  g_clear_pointer (&doc->marks, g_array_unref);
  g_free (doc);
}

typedef struct
{
  MgStore         *store;
  GCancellable    *cancellable;
  MgImportSummary *summary;
  const char      *file_name;
  char            *origin;
  GHashTable      *documents;  /* uuid in the file → ImportDoc */
  GHashTable      *codes;      /* uuid in the file → gint64 id in the library */
  sqlite3_stmt    *insert_annotation;
  guint            n_sets;
  guint            n_seen;
} Import;

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->origin, g_free);
  g_clear_pointer (&im->documents, g_hash_table_unref);
  g_clear_pointer (&im->codes, g_hash_table_unref);
  g_clear_pointer (&im->insert_annotation, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gint64
query_id (Import      *im,
          const char  *sql,
          const char  *text1,
          const char  *text2,
          gint64       int3,
          GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (im->store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_STATIC);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_STATIC);
  if (int3 > 0)
    sqlite3_bind_int64 (stmt, 3, int3);
  return mg_store_step_id (im->store, stmt, error);
}

/* The text must be the one the file describes: the SHA-256 is what matches it to libraries
 * that hold it, so a text that disagrees with it would never match again. */
static gboolean
text_matches (const char *text,
              const char *sha256)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strcmp0 (sum, sha256) == 0;
}

static gint64
insert_document (Import      *im,
                 xmlNode     *node,
                 const char  *text,
                 GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (im->store,
    "INSERT INTO documents (uuid, title, source_uri, media_type, imported, text, char_count,"
    " sha256) VALUES (CASE WHEN EXISTS (SELECT 1 FROM documents WHERE uuid = ?1)"
    " THEN mg_uuid () ELSE ?1 END, ?2, nullif (?3, ''), ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, attr (node, "uuid"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, child_text (node, "title"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, child_text (node, "source"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, attr (node, "media-type"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, attr_time (node, "imported"));
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_utf8_strlen (text, -1));
  sqlite3_bind_text (stmt, 8, attr (node, "sha256"), -1, SQLITE_STATIC);
  if (!mg_store_step_done (im->store, stmt, error))
    return -1;
  return mg_store_last_insert_id (im->store);
}

/* Finds the document by its text's SHA-256, else adds it when the file carries a text that
 * matches; a document that is neither gets id 0 and its passages are reported. */
static gboolean
import_document (Import   *im,
                 xmlNode  *node,
                 GError  **error)
{
  ImportDoc *doc = g_new0 (ImportDoc, 1);
  xmlNode *text_node = child_element (node, "text");
  const char *text = text_node != NULL ? node_text (text_node) : NULL;
  const char *sha256 = attr (node, "sha256");

  doc->title = g_strdup (child_text (node, "title"));
  g_hash_table_insert (im->documents, g_strdup (attr (node, "uuid")), doc);
  doc->id = query_id (im, "SELECT id FROM documents WHERE sha256 = ?", sha256, NULL, 0, error);
  if (doc->id < 0)
    return FALSE;
  if (doc->id > 0)
    im->summary->documents_matched++;
  else if (text == NULL)
    mg_import_summary_add_not_placed (im->summary,
      _("“%s” is not in the library and the file does not include its text"), doc->title);
  else if (!text_matches (text, sha256))
    mg_import_summary_add_not_placed (im->summary,
      _("The text of “%s” in the file does not match its SHA-256 checksum"), doc->title);
  else if ((doc->id = insert_document (im, node, text, error)) < 0)
    return FALSE;
  else
    im->summary->documents_added++;
  if (doc->id > 0)
    doc->chars = query_id (im, "SELECT char_count FROM documents WHERE id = ?3", NULL, NULL,
                           doc->id, error);
  return doc->chars >= 0;
}

static gint64
insert_code (Import      *im,
             xmlNode     *node,
             gint64       parent,
             GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (im->store,
    "INSERT INTO codes (uuid, name, colour, parent, description, position, created, modified)"
    " VALUES (?1, ?2, lower (?3), ?4, ?5,"
    " (SELECT coalesce (max (position) + 1, 0) FROM codes WHERE parent IS ?4), ?6, ?7)", error);

  if (stmt == NULL)
    return -1;
  /* Not found by this uuid, so it is free. */
  sqlite3_bind_text (stmt, 1, attr (node, "uuid"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, attr (node, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, attr (node, "colour"), -1, SQLITE_STATIC);
  if (parent > 0)
    sqlite3_bind_int64 (stmt, 4, parent);
  sqlite3_bind_text (stmt, 5, child_text (node, "description"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, attr_time (node, "created"));
  sqlite3_bind_int64 (stmt, 7, attr_time (node, "modified"));
  if (!mg_store_step_done (im->store, stmt, error))
    return -1;
  return mg_store_last_insert_id (im->store);
}

/* Matches by uuid, else by name under the same parent (so by path, as the parents were
 * matched first), else creates the code. Codes already in the library are left as they are. */
static gboolean
import_code (Import   *im,
             xmlNode  *node,
             gint64    parent,
             GError  **error)
{
  gint64 id = query_id (im, "SELECT id FROM codes WHERE uuid = ?", attr (node, "uuid"), NULL, 0,
                        error);

  if (id == 0)
    id = query_id (im, "SELECT id FROM codes WHERE name = ?1 AND parent IS ?3"
                       " ORDER BY position LIMIT 1", attr (node, "name"), NULL, parent, error);
  if (id > 0)
    im->summary->codes_matched++;
  else if (id == 0 && (id = insert_code (im, node, parent, error)) > 0)
    im->summary->codes_created++;
  if (id < 0)
    return FALSE;
  g_hash_table_insert (im->codes, g_strdup (attr (node, "uuid")), int64_dup (id));
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "code") && !import_code (im, child, id, error))
      return FALSE;
  return TRUE;
}

/* Named after the file and its author; a number keeps it apart from an earlier import of the
 * same file. */
static char *
new_set_name (Import   *im,
              xmlNode  *node,
              GError  **error)
{
  const char *author = attr (node, "author");
  g_autofree char *base = im->n_sets > 1
    ? g_strdup_printf ("%s: %s", im->file_name, attr (node, "name"))
    : g_strdup (im->file_name);
  char *name = author != NULL && *author != '\0'
    ? g_strdup_printf ("%s (%s)", base, author) : g_strdup (base);

  for (int n = 2;; n++)
    {
      gint64 taken = query_id (im, "SELECT id FROM annotation_sets WHERE name = ?", name, NULL,
                               0, error);

      if (taken <= 0)
        {
          if (taken == 0)
            return name;
          g_free (name);
          return NULL;
        }
      g_free (name);
      name = author != NULL && *author != '\0'
        ? g_strdup_printf ("%s (%s) %d", base, author, n) : g_strdup_printf ("%s %d", base, n);
    }
}

static gint64
create_set (Import   *im,
            xmlNode  *node,
            GError  **error)
{
  g_autofree char *name = new_set_name (im, node, error);
  sqlite3_stmt *stmt;

  if (name == NULL)
    return -1;
  stmt = mg_store_prepare (im->store, "INSERT INTO annotation_sets (uuid, name, author, origin,"
                           " created) VALUES (mg_uuid (), ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, attr (node, "author"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, im->origin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!mg_store_step_done (im->store, stmt, error))
    return -1;
  return mg_store_last_insert_id (im->store);
}

static gboolean
load_text (Import     *im,
           ImportDoc  *doc,
           GError    **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (im->store, "SELECT text FROM documents WHERE id = ?",
                                         error);
  gint64 n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc->id);
  rc = sqlite3_step (stmt);
  doc->text = g_strdup (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  doc->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = doc->text;; p = g_utf8_next_char (p), n++)
    {
      if (n % MARK_STEP == 0)
        {
          gsize offset = p - doc->text;

          g_array_append_val (doc->marks, offset);
        }
      if (*p == '\0')
        break;
    }
  return TRUE;
}

static const char *
text_at (ImportDoc *doc,
         gint64     offset)
{
  const char *p = doc->text + g_array_index (doc->marks, gsize, offset / MARK_STEP);

  return g_utf8_offset_to_pointer (p, offset % MARK_STEP);
}

/* The passage must lie inside the text and, unless it is an orphan (whose position is only
 * a guess), read as its quote: a file whose offsets disagree with its text is not trusted. */
static const char *
check_passage (Import     *im,
               ImportDoc  *doc,
               xmlNode    *node,
               GError    **error)
{
  gint64 start = attr_int (node, "start");
  gint64 end = attr_int (node, "end");
  const char *quote = child_text (node, "quote");
  const char *from, *to;

  if (start < 0 || end < start || end > doc->chars)
    return _("its range lies outside the text");
  if (g_strcmp0 (attr (node, "orphaned"), "true") == 0
      || g_strcmp0 (attr (node, "orphaned"), "1") == 0)
    return NULL;
  if (doc->text == NULL && !load_text (im, doc, error))
    return NULL;
  from = text_at (doc, start);
  to = text_at (doc, end);
  if (quote == NULL || strlen (quote) != (gsize) (to - from) || memcmp (from, quote, to - from) != 0)
    return _("the text at its range differs from its quote");
  return NULL;
}

static gboolean
insert_annotation (Import   *im,
                   xmlNode  *node,
                   gint64    document,
                   gint64    set,
                   gint64    code,
                   GError  **error)
{
  sqlite3_stmt *stmt = im->insert_annotation;
  const char *orphaned = attr (node, "orphaned");
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, attr (node, "uuid"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, set);
  sqlite3_bind_int64 (stmt, 4, code);
  sqlite3_bind_int64 (stmt, 5, attr_int (node, "start"));
  sqlite3_bind_int64 (stmt, 6, attr_int (node, "end"));
  sqlite3_bind_text (stmt, 7, child_text (node, "quote"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, child_text (node, "prefix"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, child_text (node, "suffix"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, child_text (node, "note"), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, g_strcmp0 (orphaned, "true") == 0 || g_strcmp0 (orphaned, "1") == 0);
  sqlite3_bind_int64 (stmt, 12, attr_time (node, "created"));
  sqlite3_bind_int64 (stmt, 13, attr_time (node, "modified"));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (im->store, error, rc);
      return FALSE;
    }
  im->summary->annotations_added++;
  return TRUE;
}

static gboolean
import_annotation (Import   *im,
                   xmlNode  *node,
                   gint64    set,
                   GError  **error)
{
  ImportDoc *doc = g_hash_table_lookup (im->documents, attr (node, "document"));
  gint64 *code = g_hash_table_lookup (im->codes, attr (node, "code"));
  const char *reason = NULL;

  if (++im->n_seen % CANCEL_CHECK_EVERY == 0
      && g_cancellable_set_error_if_cancelled (im->cancellable, error))
    return FALSE;
  if (doc != NULL && doc->id == 0)
    {
      doc->n_skipped++;
      return TRUE;
    }
  if (doc == NULL)
    reason = _("its document is not in the file");
  else if (code == NULL)
    reason = _("its code is not in the file’s codebook");
  else if ((reason = check_passage (im, doc, node, error)) == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (reason != NULL)
    {
      mg_import_summary_add_not_placed (im->summary, _("The passage %s was not placed: %s"),
                                        attr (node, "uuid"), reason);
      return TRUE;
    }
  /* A NULL doc or code always gave a reason; the analyzer thinks _() may return NULL.
   * NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
  return insert_annotation (im, node, doc->id, set, *code, error);
}

static gboolean
import_set (Import   *im,
            xmlNode  *node,
            GError  **error)
{
  gint64 set;

  /* An empty set would only clutter the library. */
  if (child_element (node, "annotation") == NULL)
    return TRUE;
  if ((set = create_set (im, node, error)) < 0)
    return FALSE;
  if (im->summary->set_id == 0)
    im->summary->set_id = set;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "annotation") && !import_annotation (im, child, set, error))
      return FALSE;
  return TRUE;
}

static void
report_skipped_documents (Import *im)
{
  GHashTableIter iter;
  ImportDoc *doc;

  g_hash_table_iter_init (&iter, im->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    if (doc->n_skipped > 0)
      mg_import_summary_add_not_placed (im->summary,
        g_dngettext (GETTEXT_PACKAGE, "%'u passage of “%s” was not placed: the document is not "
                     "in the library", "%'u passages of “%s” were not placed: the document is "

                     "not in the library", doc->n_skipped), doc->n_skipped, doc->title);
}

static gboolean
insert_decision (Import      *im,
                 xmlNode     *node,
                 gint64       document,
                 GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (im->store,
    "INSERT INTO entity_decisions (uuid, kind, entity_key, type, text, alias_of, document,"
    " created) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM"
    " entity_decisions WHERE uuid = ?1 OR (kind = ?2 AND entity_key = ?3 AND type IS ?4"
    " AND text = ?5 AND alias_of IS ?6 AND document IS ?7))", error);
  sqlite3 *db;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, attr (node, "uuid"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, attr (node, "kind"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, attr (node, "key"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, attr (node, "type"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, child_text (node, "text"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, attr (node, "alias-of"), -1, SQLITE_STATIC);
  if (document > 0)
    sqlite3_bind_int64 (stmt, 7, document);
  sqlite3_bind_int64 (stmt, 8, attr_time (node, "created"));
  db = sqlite3_db_handle (stmt);
  if (!mg_store_step_done (im->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) > 0)
    im->summary->entity_decisions_added++;
  return TRUE;
}

static gboolean
import_decision (Import   *im,
                 xmlNode  *node,
                 GError  **error)
{
  const char *document_uuid = attr (node, "document");
  const char *type = attr (node, "type");
  ImportDoc *doc = document_uuid != NULL ? g_hash_table_lookup (im->documents, document_uuid)
                                         : NULL;
  MgEntityType parsed;

  if (type != NULL && !mg_entity_type_from_string (type, &parsed))
    mg_import_summary_add_not_placed (im->summary,
      _("The entity decision on “%s” was not added: the type “%s” is unknown"),
      attr (node, "key"), type);
  else if (document_uuid != NULL && (doc == NULL || doc->id == 0))
    mg_import_summary_add_not_placed (im->summary,
      _("The entity decision on “%s” was not added: its document is not in the library"),
      attr (node, "key"));
  else
    return insert_decision (im, node, doc != NULL ? doc->id : 0, error);
  return TRUE;
}

/* Runs each part of the file in turn: documents and codes first, as the rest refers to them. */
static gboolean
import_tree (Import   *im,
             xmlNode  *root,
             GError  **error)
{
  xmlNode *sets = child_element (root, "annotation-sets");

  im->n_sets = 0;
  for (xmlNode *set = sets->children; set != NULL; set = set->next)
    im->n_sets += is_element (set, "annotation-set") && child_element (set, "annotation") != NULL;
  for (xmlNode *node = child_element (root, "documents")->children; node; node = node->next)
    if (is_element (node, "document") && !import_document (im, node, error))
      return FALSE;
  for (xmlNode *node = child_element (root, "codebook")->children; node; node = node->next)
    if (is_element (node, "code") && !import_code (im, node, 0, error))
      return FALSE;
  im->insert_annotation = mg_store_prepare (im->store,
    "INSERT INTO annotations (uuid, document, annotation_set, code, start, end, quote, prefix,"
    " suffix, note, orphaned, created, modified) VALUES (CASE WHEN EXISTS (SELECT 1 FROM"
    " annotations WHERE uuid = ?1) THEN mg_uuid () ELSE ?1 END, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " ?10, ?11, ?12, ?13)", error);
  if (im->insert_annotation == NULL)
    return FALSE;
  for (xmlNode *node = sets->children; node; node = node->next)
    if (is_element (node, "annotation-set") && !import_set (im, node, error))
      return FALSE;
  report_skipped_documents (im);
  for (xmlNode *node = child_element (root, "entity-decisions")->children; node; node = node->next)
    if (is_element (node, "entity-decision") && !import_decision (im, node, error))
      return FALSE;
  return TRUE;
}

static gboolean
import_doc (MgStore          *store,
            xmlDoc           *doc,
            const char       *path,
            MgImportSummary  *summary,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(Import) im = { store, cancellable, summary, name, g_file_get_uri (file) };
  gboolean ok;

  im.documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, import_doc_free);
  im.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!mg_store_begin (store, error))
    return FALSE;
  ok = import_tree (&im, xmlDocGetRootElement (doc), error);
  /* The statement must be gone before COMMIT, or SQLite keeps the transaction busy. */
  g_clear_pointer (&im.insert_annotation, sqlite3_finalize);
  if (ok)
    return mg_store_commit (store, error);
  mg_store_rollback (store);
  return FALSE;
}

/**
 * mg_native_xml_import:
 * @store: the library
 * @path: a native Marginalia XML file, in the GLib file name encoding
 * @out_summary: (out caller-allocates) (optional): what was added and what was not placed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (%MG_XML_ERROR for a bad file)
 *
 * Reads @path safely, validates it against the native format's schema and merges it in one
 * transaction: each annotation set of the file that holds passages becomes a new set named
 * after the file and its author (@out_summary's set_id is the first of them), so nothing
 * already in the library changes. Documents are matched by SHA-256 and added when the file
 * includes their text; codes are matched by uuid, else by name under the same parent, else
 * created; entity decisions are added unless the library has them. On any error nothing is
 * changed and @out_summary is left empty.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_native_xml_import (MgStore          *store,
                      const char       *path,
                      MgImportSummary  *out_summary,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  MgImportSummary summary = { 0 };
  g_autoptr(xmlDoc) doc = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  doc = mg_xml_safe_read_file (path, &local_error);
  if (doc == NULL || !mg_native_xml_validate (doc, name, &local_error)
      || !import_doc (store, doc, path, &summary, cancellable, &local_error))
    {
      mg_import_summary_clear (&summary);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (out_summary != NULL)
    *out_summary = summary;
  else
    mg_import_summary_clear (&summary);
  return TRUE;
}
