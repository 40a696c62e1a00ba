/* SPDX-License-Identifier: GPL-3.0-or-later */
/* REFI-QDA import. The archive is untrusted: names that climb out of it, links, too many
 * entries and entries that inflate without end are refused while reading, before anything is
 * written. The project is merged in one transaction as a new annotation set; sources are
 * matched by the SHA-256 of their normalised text, codes by GUID, then by name and parent. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-qdpx-private.h"
#include "mg-qdpx-text.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-private.h"
#include "mg-zip-reader.h"
#include "mg-string.h"
#include "mg-xml-safe.h"

#define READ_CHUNK 65536

/* The archive's entries that an import uses, by name (sources keyed in lower case). */
typedef struct
{
  GHashTable *files;  /* name -> GBytes */
  char       *project_name;
  guint       n_projects;
  guint64     total;
} Contents;

static void
contents_clear (Contents *contents)
{
  g_clear_pointer (&contents->files, g_hash_table_unref);
  g_clear_pointer (&contents->project_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Contents, contents_clear)

static void
set_unsafe (GError     **error,
            const char  *path,
            const char  *entry)
{
  g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_UNSAFE,
               _("“%s” was not imported: its entry “%s” could write outside the archive "
                 "(an absolute path, “..”, or a link). The file may be hostile; ask for a new "
                 "export."), path, entry);
}

static void
set_too_large (GError     **error,
               const char  *path)
{
  g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_TOO_LARGE,
               _("“%s” was not imported: it unpacks to more entries or more data than "
                 "Marginalia reads (it may be a zip bomb). Export smaller parts."), path);
}

static void
set_read_error (GError         **error,
                const char      *path,
                struct archive  *archive)
{
  const char *detail = archive_error_string (archive);

  g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_READ,
               /* Translators: the file, then what libarchive said. */
               _("“%s” could not be read as a QDPX project (a zip archive): %s. Check that "
                 "the file is complete."), path, detail ? detail : _("unknown error"));
}

/* Absolute names, drive letters and ".." could place a file anywhere once unpacked; we never
 * unpack, but such an archive is hostile or broken and is refused whole. */
static gboolean
name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || name[0] == '\\')
    return FALSE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return FALSE;
  return TRUE;
}

static gboolean
entry_is_safe (struct archive_entry *entry,
               const char           *name)
{
  mode_t type = archive_entry_filetype (entry);

  return name_is_safe (name) && archive_entry_symlink (entry) == NULL
         && archive_entry_hardlink (entry) == NULL && (type == AE_IFREG || type == AE_IFDIR);
}

static gboolean
is_root_project (const char *name)
{
  return strchr (name, '/') == NULL && strlen (name) > 4
         && g_ascii_strcasecmp (name + strlen (name) - 4, ".qde") == 0;
}

/* "sources/x.txt" or "Sources/X.txt" -> "sources/x.txt"; NULL for anything else. */
static char *
source_key (const char *name)
{
  const char *slash = strchr (name, '/');

  if (slash == NULL || slash - name != 7 || g_ascii_strncasecmp (name, "sources", 7) != 0
      || strchr (slash + 1, '/') != NULL || slash[1] == '\0')
    return NULL;
  return g_ascii_strdown (name, -1);
}

/* Sizes are counted as the data inflates: a header can lie about them. */
static GBytes *
read_entry (struct archive  *archive,
            Contents        *contents,
            const char      *path,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];
  la_int64_t start = archive_filter_bytes (archive, -1);
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      /* The same ratio bound as the document containers (mg-zip-reader.c): a small entry
       * that inflates hundreds of times is a bomb long before it reaches the size limit. */
      guint64 packed = (guint64) MAX (archive_filter_bytes (archive, -1) - start, 1);
      guint64 inflated = data->len + (guint64) n;

      contents->total += (guint64) n;
      if (inflated > mg_qdpx_max_entry_bytes ()
          || contents->total > mg_qdpx_max_total_bytes ()
          || (inflated > MG_ZIP_RATIO_FREE_BYTES && inflated / packed > MG_ZIP_MAX_RATIO))
        {
          set_too_large (error, path);
          return NULL;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_byte_array_append (data, buffer, (guint) n);
    }
  if (n < 0)
    {
      set_read_error (error, path, archive);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
read_wanted_entry (struct archive        *archive,
                   struct archive_entry  *entry,
                   const char            *name,
                   Contents              *contents,
                   const char            *path,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autofree char *key = source_key (name);
  GBytes *bytes;

  if (archive_entry_size_is_set (entry)
      && (guint64) archive_entry_size (entry) > mg_qdpx_max_entry_bytes ())
    {
      set_too_large (error, path);
      return FALSE;
    }
  bytes = read_entry (archive, contents, path, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  if (key == NULL)
    {
      key = g_strdup (name);
      contents->n_projects++;
      g_free (contents->project_name);
      contents->project_name = g_strdup (name);
    }
  g_hash_table_replace (contents->files, g_steal_pointer (&key), bytes);
  return TRUE;
}

static gboolean
read_next_entry (struct archive        *archive,
                 struct archive_entry  *entry,
                 Contents              *contents,
                 const char            *path,
                 GCancellable          *cancellable,
                 GError               **error)
{
  const char *name = archive_entry_pathname_utf8 (entry);
  g_autofree char *key = NULL;

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (!entry_is_safe (entry, name))
    {
      set_unsafe (error, path, name ? name : "");
      return FALSE;
    }
  if (archive_entry_filetype (entry) == AE_IFREG
      /* key is made only to learn whether the entry is a source; g_autofree frees it.
       * NOLINTNEXTLINE(clang-analyzer-deadcode.DeadStores) */
      && (is_root_project (name) || (key = source_key (name)) != NULL))
    return read_wanted_entry (archive, entry, name, contents, path, cancellable, error);
  archive_read_data_skip (archive);
  return TRUE;
}

static gboolean
read_entries (struct archive  *archive,
              Contents        *contents,
              const char      *path,
              GCancellable    *cancellable,
              GError         **error)
{
  struct archive_entry *entry;
  guint count = 0;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK
         || rc == ARCHIVE_WARN)
    {
      if (++count > MG_QDPX_MAX_ENTRIES)
        {
          set_too_large (error, path);
          return FALSE;
        }
      if (!read_next_entry (archive, entry, contents, path, cancellable, error))
        return FALSE;
    }
  if (rc != ARCHIVE_EOF)
    {
      set_read_error (error, path, archive);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_one_project (Contents     *contents,
                   const char   *path,
                   GError      **error)
{
  if (contents->n_projects == 1)
    return TRUE;
  if (contents->n_projects == 0)
    g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_NO_PROJECT,
                 _("“%s” holds no project (.qde file) at its top level, so it is not a QDPX "
                   "project. Export it again from the other program."), path);
  else
    g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_NO_PROJECT,
                 _("“%s” holds more than one project (.qde file) at its top level, so it is "
                   "not clear which to import. Export one project per file."), path);
  return FALSE;
}

static gboolean
read_archive (const char    *path,
              Contents      *contents,
              GCancellable  *cancellable,
              GError       **error)
{
  struct archive *archive = archive_read_new ();
  gboolean ok;

  contents->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_bytes_unref);
  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, READ_CHUNK) != ARCHIVE_OK)
    {
      set_read_error (error, path, archive);
      archive_read_free (archive);
      return FALSE;
    }
  ok = read_entries (archive, contents, path, cancellable, error)
       && check_one_project (contents, path, error);
  archive_read_free (archive);
  return ok;
}

/* --- the project --- */

typedef struct
{
  MgStore         *store;
  MgImportSummary *summary;
  Contents        *contents;
  GHashTable      *users;     /* GUID -> name */
  GHashTable      *notes;     /* GUID -> text */
  GHashTable      *codes;     /* GUID -> code id */
  GHashTable      *uuids;     /* annotation uuids given in this import */
  GPtrArray       *authors;   /* user names met on selections, in order */
  const char      *path;
  gint64           set_id;
  gint64           now;
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->users, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_hash_table_unref);
  g_clear_pointer (&import->codes, g_hash_table_unref);
  g_clear_pointer (&import->uuids, g_hash_table_unref);
  g_clear_pointer (&import->authors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && strcmp ((const char *) node->name, name) == 0;
}

/* The next element called @name from @node on (@node itself included). */
static xmlNode *
next_named (xmlNode    *node,
            const char *name)
{
  for (; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  return parent ? next_named (parent->children, name) : NULL;
}

#define FOR_EACH_CHILD(child, parent, name) \
  for (xmlNode *child = first_child ((parent), (name)); child != NULL; \
       child = next_named (child->next, (name)))

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static char *
element_text (xmlNode *node)
{
  xmlChar *value = node ? xmlNodeGetContent (node) : NULL;
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static char *
guid_attribute (xmlNode    *node,
                const char *name)
{
  g_autofree char *value = attribute (node, name);

  return mg_qdpx_normalise_guid (value);
}

static void
read_users (Import  *import,
            xmlNode *root)
{
  FOR_EACH_CHILD (user, first_child (root, "Users"), "User")
    {
      char *guid = guid_attribute (user, "guid");
      char *name = attribute (user, "name");

      if (guid != NULL && name != NULL && name[0] != '\0')
        g_hash_table_replace (import->users, guid, name);
      else
        {
          g_free (guid);
          g_free (name);
        }
    }
}

/* Notes as other tools write them, for NoteRef: their inline text. */
static void
read_notes (Import  *import,
            xmlNode *root)
{
  FOR_EACH_CHILD (note, first_child (root, "Notes"), "Note")
    {
      char *guid = guid_attribute (note, "guid");
      char *text = element_text (first_child (note, "PlainTextContent"));

      if (guid != NULL && text != NULL)
        g_hash_table_replace (import->notes, guid, text);
      else
        {
          g_free (guid);
          g_free (text);
        }
    }
}

/* --- codes --- */

/* Runs a query with text and optional integer parameters; the first column of its row, 0
 * when none, -1 on error. */
static gint64
lookup_id (MgStore     *store,
           const char  *sql,
           const char  *text,
           gint64       number,
           GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    {
      if (number > 0)
        sqlite3_bind_int64 (stmt, 2, number);
      else
        sqlite3_bind_null (stmt, 2);
    }
  return mg_store_step_id (store, stmt, error);
}

/* "#abc" and "#AABBCC" as we store colours: "#aabbcc". */
static char *
clean_colour (const char *colour)
{
  if (colour != NULL && strlen (colour) == 4 && colour[0] == '#')
    {
      char *long_form = g_strdup_printf ("#%c%c%c%c%c%c", colour[1], colour[1], colour[2],
                                         colour[2], colour[3], colour[3]);
      char *lower = g_ascii_strdown (long_form, -1);

      g_free (long_form);
      if (mg_code_colour_is_valid (lower))
        return lower;
      g_free (lower);
      return NULL;
    }
  if (colour != NULL && strlen (colour) == 7 && colour[0] == '#')
    {
      char *lower = g_ascii_strdown (colour, -1);

      if (mg_code_colour_is_valid (lower))
        return lower;
      g_free (lower);
    }
  return NULL;
}

static char *
free_uuid (MgStore     *store,
           const char  *table_sql,
           const char  *guid,
           GError     **error)
{
  gint64 taken;

  if (guid == NULL)
    return g_uuid_string_random ();
  taken = lookup_id (store, table_sql, guid, 0, error);
  if (taken < 0)
    return NULL;
  return taken > 0 ? g_uuid_string_random () : g_strdup (guid);
}

/* A new code goes after its siblings, in the palette colour the codebook's size gives. */
static gint64
count_codes (MgStore  *store,
             gint64    parent_id,
             gboolean  all,
             GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, all ? "SELECT count(*) FROM codes"
                                         : "SELECT count(*) FROM codes WHERE parent IS ?",
                                         error);

  if (stmt == NULL)
    return -1;
  if (!all && parent_id > 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);
  return mg_store_step_id (store, stmt, error);
}

static gint64
insert_code (Import      *import,
             xmlNode     *node,
             const char  *guid,
             const char  *name,
             gint64       parent_id,
             GError     **error)
{
  g_autofree char *uuid = free_uuid (import->store, "SELECT id FROM codes WHERE uuid = ?",
                                     guid, error);
  g_autofree char *colour_attribute = attribute (node, "color");
  g_autofree char *colour = clean_colour (colour_attribute);
  g_autofree char *description = element_text (first_child (node, "Description"));
  gint64 siblings = count_codes (import->store, parent_id, FALSE, error);
  gint64 all = count_codes (import->store, 0, TRUE, error);
  sqlite3_stmt *stmt;

  if (uuid == NULL || siblings < 0 || all < 0)
    return -1;
  stmt = mg_store_prepare (import->store,
    "INSERT INTO codes (uuid, name, colour, parent, description, position, created, modified)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, colour ? colour : mg_code_palette_colour ((guint) all),
                     -1, SQLITE_STATIC);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 4, parent_id);
  sqlite3_bind_text (stmt, 5, description ? g_strstrip (description) : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, siblings);
  sqlite3_bind_int64 (stmt, 7, import->now);
  sqlite3_bind_int64 (stmt, 8, import->now);
  if (!mg_store_step_done (import->store, stmt, error))
    return -1;
  import->summary->codes_created++;
  return mg_store_last_insert_id (import->store);
}

/* By GUID, else by name under the same (already matched) parent, else a new code. */
static gint64
match_code (Import      *import,
            xmlNode     *node,
            const char  *guid,
            const char  *name,
            gint64       parent_id,
            GError     **error)
{
  gint64 id = 0;

  if (guid != NULL)
    id = lookup_id (import->store, "SELECT id FROM codes WHERE uuid = ?", guid, 0, error);
  if (id == 0)
    id = lookup_id (import->store, "SELECT id FROM codes WHERE name = ? AND parent IS ?",
                    name, parent_id, error);
  if (id > 0)
    import->summary->codes_matched++;
  if (id != 0)
    return id;
  return insert_code (import, node, guid, name, parent_id, error);
}

static gboolean
import_code (Import   *import,
             xmlNode  *node,
             gint64    parent_id,
             GError  **error)
{
  g_autofree char *guid = guid_attribute (node, "guid");
  g_autofree char *raw_name = attribute (node, "name");
  g_autofree char *name = g_strstrip (g_strdup (raw_name ? raw_name : ""));
  gint64 id;

  if (name[0] == '\0')
    mg_set_str (&name, _("Unnamed code"));
  id = match_code (import, node, guid, name, parent_id, error);
  if (id < 0)
    return FALSE;
  if (guid != NULL)
    g_hash_table_replace (import->codes, g_steal_pointer (&guid), g_memdup2 (&id, sizeof id));
  FOR_EACH_CHILD (child, node, "Code")
    if (!import_code (import, child, id, error))
      return FALSE;
  return TRUE;
}

static gboolean
import_codes (Import   *import,
              xmlNode  *root,
              GError  **error)
{
  FOR_EACH_CHILD (code, first_child (first_child (root, "CodeBook"), "Codes"), "Code")
    if (!import_code (import, code, 0, error))
      return FALSE;
  return TRUE;
}

/* --- sources --- */

typedef struct
{
  xmlNode *node;
  MgQdpxOffset start;
  MgQdpxOffset end;
  gint64 raw_end;
  char *name;
} Selection;

static void
selection_clear (gpointer data)
{
  g_free (((Selection *) data)->name);
}

/* The text of a source: inline, or the archive's file that plainTextPath names. NULL when it
 * is not there (no error: the source is reported as not placed). */
static char *
source_bytes (Import     *import,
              xmlNode    *node,
              gsize      *out_length)
{
  g_autofree char *inline_text = element_text (first_child (node, "PlainTextContent"));
  g_autofree char *path = attribute (node, "plainTextPath");
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  GBytes *bytes;

  if (inline_text != NULL)
    {
      *out_length = strlen (inline_text);
      return g_steal_pointer (&inline_text);
    }
  if (path == NULL || !g_str_has_prefix (path, "internal://"))
    return NULL;
  name = g_ascii_strdown (path + strlen ("internal://"), -1);
  key = g_strconcat ("sources/", name, NULL);
  bytes = g_hash_table_lookup (import->contents->files, key);
  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, out_length), g_bytes_get_size (bytes));
}

/* UTF-8 only (what REFI-QDA prescribes), with a leading BOM dropped: tools on Windows add one,
 * and no tool counts it as a character. */
static char *
source_text (Import      *import,
             xmlNode     *node,
             const char  *title)
{
  gsize length = 0;
  g_autofree char *bytes = source_bytes (import, node, &length);

  if (bytes == NULL)
    {
      mg_import_summary_add_not_placed (import->summary,
        _("The source “%s” is not inside the archive; its passages were not imported."), title);
      return NULL;
    }
  if (!g_utf8_validate (bytes, length, NULL))
    {
      mg_import_summary_add_not_placed (import->summary,
        _("The source “%s” is not UTF-8 text; its passages were not imported."), title);
      return NULL;
    }
  if (g_str_has_prefix (bytes, "\xef\xbb\xbf"))
    return g_strdup (bytes + 3);
  return g_steal_pointer (&bytes);
}

static gboolean
parse_position (xmlNode    *node,
                const char *name,
                gint64     *out)
{
  g_autofree char *value = attribute (node, name);

  return value != NULL
         && g_ascii_string_to_signed (g_strstrip (value), 10, 0, G_MAXINT32, out, NULL);
}

static GArray *
collect_selections (Import      *import,
                    xmlNode     *source,
                    const char  *title)
{
  GArray *selections = g_array_new (FALSE, TRUE, sizeof (Selection));

  g_array_set_clear_func (selections, selection_clear);
  FOR_EACH_CHILD (node, source, "PlainTextSelection")
    {
      Selection selection = { node };

      if (!parse_position (node, "startPosition", &selection.start.original)
          || !parse_position (node, "endPosition", &selection.raw_end))
        {
          mg_import_summary_add_not_placed (import->summary,
            _("A passage of “%s” has no valid start or end position; it was not imported."),
            title);
          continue;
        }
      selection.name = attribute (node, "name");
      g_array_append_val (selections, selection);
    }
  return selections;
}

static char *
comparable (const char *text)
{
  GString *out = g_string_new (NULL);

  mg_qdpx_text_normalise (text, FALSE, NULL, 0, out);
  g_strstrip (out->str);
  return g_string_free (out, FALSE);
}

/* How many of the first named selections quote the text where the offsets, counted this way,
 * point. */
#define SAMPLE 64

static guint
score_convention (GArray          *selections,
                  const char      *raw,
                  MgQdpxTextIndex *index,
                  gboolean         count_cr,
                  gboolean         inclusive)
{
  g_autoptr(GPtrArray) offsets = g_ptr_array_new ();
  g_autofree MgQdpxOffset *pairs = g_new0 (MgQdpxOffset, 2 * SAMPLE);
  guint n = 0, score = 0;

  for (guint i = 0; i < selections->len && n < SAMPLE; i++)
    {
      Selection *selection = &g_array_index (selections, Selection, i);

      if (selection->name == NULL || selection->name[0] == '\0')
        continue;
      pairs[2 * n].original = selection->start.original;
      pairs[2 * n + 1].original = selection->raw_end + (inclusive ? 1 : 0);
      g_ptr_array_add (offsets, &pairs[2 * n]);
      g_ptr_array_add (offsets, &pairs[2 * n + 1]);
      n++;
    }
  mg_qdpx_text_normalise (raw, count_cr, (MgQdpxOffset **) offsets->pdata, offsets->len, NULL);
  for (guint i = 0, k = 0; i < selections->len && k < n; i++)
    {
      Selection *selection = &g_array_index (selections, Selection, i);
      g_autofree char *slice = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *name = NULL;

      if (selection->name == NULL || selection->name[0] == '\0')
        continue;
      slice = mg_qdpx_text_index_slice (index, pairs[2 * k].stored, pairs[2 * k + 1].stored);
      quote = comparable (slice);
      name = comparable (selection->name);
      score += pairs[2 * k].stored >= 0 && pairs[2 * k + 1].stored >= 0
               && strcmp (quote, name) == 0;
      k++;
    }
  return score;
}

/* REFI-QDA says code points, end exclusive, in the text as written; tools differ. The
 * selections' names, where given, tell which way this file counted: with or without the CR
 * of each CRLF, end exclusive or inclusive. Ties keep the standard's reading. */
static void
infer_convention (GArray          *selections,
                  const char      *raw,
                  MgQdpxTextIndex *index,
                  gboolean        *out_count_cr,
                  gboolean        *out_inclusive)
{
  static const gboolean ways[4][2] = { { TRUE, FALSE }, { FALSE, FALSE },
                                       { TRUE, TRUE }, { FALSE, TRUE } };
  guint n_ways = strstr (raw, "\r\n") != NULL ? 4 : 1;
  guint best = 0, best_score = 0;

  for (guint i = 0; i < 4; i++)
    {
      guint score;

      if (n_ways == 1 && !ways[i][0])
        continue;
      score = score_convention (selections, raw, index, ways[i][0], ways[i][1]);
      if (score > best_score)
        best = i, best_score = score;
    }
  *out_count_cr = ways[best][0];
  *out_inclusive = ways[best][1];
}

static void
map_offsets (GArray      *selections,
             const char  *raw,
             gboolean     count_cr,
             gboolean     inclusive)
{
  g_autoptr(GPtrArray) offsets = g_ptr_array_new ();

  for (guint i = 0; i < selections->len; i++)
    {
      Selection *selection = &g_array_index (selections, Selection, i);

      selection->end.original = selection->raw_end + (inclusive ? 1 : 0);
      g_ptr_array_add (offsets, &selection->start);
      g_ptr_array_add (offsets, &selection->end);
    }
  mg_qdpx_text_normalise (raw, count_cr, (MgQdpxOffset **) offsets->pdata, offsets->len, NULL);
}

static gint64
insert_document (Import      *import,
                 xmlNode     *node,
                 const char  *title,
                 const char  *text,
                 const char  *sha256,
                 GError     **error)
{
  g_autofree char *guid = guid_attribute (node, "guid");
  g_autofree char *uuid = free_uuid (import->store, "SELECT id FROM documents WHERE uuid = ?",
                                     guid, error);
  sqlite3_stmt *stmt;

  if (uuid == NULL)
    return -1;
  stmt = mg_store_prepare (import->store,
    "INSERT INTO documents (uuid, title, media_type, imported, text, char_count, sha256)"
    " VALUES (?, ?, 'text/plain', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, import->now);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_utf8_strlen (text, -1));
  sqlite3_bind_text (stmt, 6, sha256, -1, SQLITE_STATIC);
  if (!mg_store_step_done (import->store, stmt, error))
    return -1;
  import->summary->documents_added++;
  return mg_store_last_insert_id (import->store);
}

static gint64
find_or_add_document (Import      *import,
                      xmlNode     *node,
                      const char  *title,
                      const char  *text,
                      GError     **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  gint64 id = mg_store_find_document_by_sha256 (import->store, sha256, error);

  if (id > 0)
    import->summary->documents_matched++;
  if (id != 0)
    return id;
  return insert_document (import, node, title, text, sha256, error);
}

/* The selection's description, else the notes it refers to. */
static char *
selection_note (Import  *import,
                xmlNode *node)
{
  g_autofree char *description = element_text (first_child (node, "Description"));
  GString *notes = g_string_new (NULL);

  if (description != NULL && description[0] != '\0')
    g_string_append (notes, description);
  FOR_EACH_CHILD (ref, node, "NoteRef")
    {
      g_autofree char *guid = guid_attribute (ref, "targetGUID");
      const char *text = guid ? g_hash_table_lookup (import->notes, guid) : NULL;

      if (notes->len == 0 && text != NULL)
        g_string_append (notes, text);
    }
  return g_string_free (notes, FALSE);
}

static gint64
parse_time (xmlNode    *node,
            const char *name,
            gint64      fallback)
{
  g_autofree char *value = attribute (node, name);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = value ? g_date_time_new_from_iso8601 (value, utc) : NULL;

  return time ? g_date_time_to_unix (time) : fallback;
}

static void
note_author (Import  *import,
             xmlNode *node)
{
  g_autofree char *guid = guid_attribute (node, "creatingUser");
  const char *name = guid ? g_hash_table_lookup (import->users, guid) : NULL;

  if (name == NULL)
    return;
  for (guint i = 0; i < import->authors->len; i++)
    if (strcmp (g_ptr_array_index (import->authors, i), name) == 0)
      return;
  g_ptr_array_add (import->authors, g_strdup (name));
}

/* The selection's GUID when it is free, so a re-import of our own export keeps its ids. */
static char *
annotation_uuid (Import   *import,
                 xmlNode  *node,
                 GError  **error)
{
  g_autofree char *guid = guid_attribute (node, "guid");
  char *uuid;

  if (guid != NULL && g_hash_table_contains (import->uuids, guid))
    g_clear_pointer (&guid, g_free);
  uuid = free_uuid (import->store, "SELECT id FROM annotations WHERE uuid = ?", guid, error);
  if (uuid != NULL)
    g_hash_table_add (import->uuids, g_strdup (uuid));
  return uuid;
}

typedef struct
{
  gint64 document_id;
  gint64 code_id;
  MgQdpxTextIndex *index;
  const char *note;
} Placement;

static gboolean
insert_annotation (Import     *import,
                   Selection  *selection,
                   Placement  *place,
                   GError    **error)
{
  gint64 start = selection->start.stored, end = selection->end.stored;
  gint64 context = MG_ANNOTATION_CONTEXT_LENGTH;
  g_autofree char *uuid = annotation_uuid (import, selection->node, error);
  g_autofree char *quote = mg_qdpx_text_index_slice (place->index, start, end);
  g_autofree char *prefix = mg_qdpx_text_index_slice (place->index, start - context, start);
  g_autofree char *suffix = mg_qdpx_text_index_slice (place->index, end, end + context);
  gint64 created = parse_time (selection->node, "creationDateTime", import->now);
  sqlite3_stmt *stmt;

  if (uuid == NULL)
    return FALSE;
  stmt = mg_store_prepare (import->store,
    "INSERT INTO annotations (uuid, document, annotation_set, code, start, end, quote, prefix,"
    " suffix, note, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, place->document_id);
  sqlite3_bind_int64 (stmt, 3, import->set_id);
  sqlite3_bind_int64 (stmt, 4, place->code_id);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  sqlite3_bind_text (stmt, 7, quote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, place->note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, created);
  sqlite3_bind_int64 (stmt, 12, parse_time (selection->node, "modifiedDateTime", created));
  if (!mg_store_step_done (import->store, stmt, error))
    return FALSE;
  import->summary->annotations_added++;
  return TRUE;
}

static gboolean
place_codings (Import      *import,
               Selection   *selection,
               Placement   *place,
               const char  *title,
               GError     **error)
{
  guint placed = 0;

  FOR_EACH_CHILD (coding, selection->node, "Coding")
    {
      g_autofree char *guid = guid_attribute (first_child (coding, "CodeRef"), "targetGUID");
      gint64 *code_id = guid ? g_hash_table_lookup (import->codes, guid) : NULL;

      if (code_id == NULL)
        {
          mg_import_summary_add_not_placed (import->summary,
            _("A passage of “%s” refers to a code that is not in the codebook; that coding "
              "was not imported."), title);
          continue;
        }
      place->code_id = *code_id;
      if (!insert_annotation (import, selection, place, error))
        return FALSE;
      placed++;
    }
  if (placed > 0)
    note_author (import, selection->node);
  return TRUE;
}

static gboolean
place_selection (Import           *import,
                 Selection        *selection,
                 gint64            document_id,
                 MgQdpxTextIndex  *index,
                 const char       *title,
                 GError          **error)
{
  g_autofree char *note = selection_note (import, selection->node);
  Placement place = { document_id, 0, index, note };

  if (selection->start.stored < 0 || selection->end.stored <= selection->start.stored)
    {
      mg_import_summary_add_not_placed (import->summary,
        _("A passage of “%s” lies outside its text or is empty; it was not imported."), title);
      return TRUE;
    }
  if (first_child (selection->node, "Coding") == NULL)
    {
      mg_import_summary_add_not_placed (import->summary,
        _("A passage of “%s” carries no code; it was not imported."), title);
      return TRUE;
    }
  return place_codings (import, selection, &place, title, error);
}

static gboolean
place_selections (Import      *import,
                  xmlNode     *node,
                  const char  *raw,
                  const char  *title,
                  GError     **error)
{
  g_autoptr(GArray) selections = collect_selections (import, node, title);
  GString *stored = g_string_new (NULL);
  g_autoptr(MgQdpxTextIndex) index = NULL;
  g_autofree char *text = NULL;
  gboolean count_cr, inclusive;
  gint64 document_id;

  mg_qdpx_text_normalise (raw, TRUE, NULL, 0, stored);
  text = g_string_free (stored, FALSE);
  index = mg_qdpx_text_index_new (text);
  infer_convention (selections, raw, index, &count_cr, &inclusive);
  map_offsets (selections, raw, count_cr, inclusive);
  document_id = find_or_add_document (import, node, title, text, error);
  if (document_id < 0)
    return FALSE;
  for (guint i = 0; i < selections->len; i++)
    if (!place_selection (import, &g_array_index (selections, Selection, i), document_id,
                          index, title, error))
      return FALSE;
  return TRUE;
}

static gboolean
import_source (Import   *import,
               xmlNode  *node,
               GError  **error)
{
  g_autofree char *name = attribute (node, "name");
  g_autofree char *guid = attribute (node, "guid");
  const char *title = name && name[0] != '\0' ? name : guid ? guid : _("Untitled");
  g_autofree char *raw = source_text (import, node, title);

  if (raw == NULL)
    return TRUE;
  return place_selections (import, node, raw, title, error);
}

/* --- the set, and the whole import --- */

static gboolean
create_set (Import      *import,
            const char  *origin,
            GError     **error)
{
  g_autofree char *base = g_path_get_basename (import->path);
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = mg_store_prepare (import->store,
    "INSERT INTO annotation_sets (uuid, name, author, origin, created) VALUES (?, ?, '', ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, origin ? origin : base, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, import->now);
  if (!mg_store_step_done (import->store, stmt, error))
    return FALSE;
  import->set_id = mg_store_last_insert_id (import->store);
  import->summary->set_id = import->set_id;
  return TRUE;
}

/* Named after the file and who coded in it, now that the selections have said who. */
static gboolean
name_set (Import   *import,
          GError  **error)
{
  g_autofree char *base = g_path_get_basename (import->path);
  char *dot = strrchr (base, '.');
  g_autofree char *author = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_ptr_array_add (import->authors, NULL);
  author = g_strjoinv (", ", (char **) import->authors->pdata);
  g_ptr_array_remove_index (import->authors, import->authors->len - 1);
  /* Translators: an imported annotation set: the file's name, then its authors. */
  name = author[0] ? g_strdup_printf (_("%s (%s)"), base, author) : g_strdup (base);
  stmt = mg_store_prepare (import->store,
                           "UPDATE annotation_sets SET name = ?, author = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, import->set_id);
  return mg_store_step_done (import->store, stmt, error);
}

static xmlNode *
project_root (xmlDoc      *doc,
              const char  *path,
              GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (is_element (root, "Project") && root->ns != NULL
      && strcmp ((const char *) root->ns->href, MG_QDPX_PROJECT_NS) == 0)
    return root;
  g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_INVALID,
               _("“%s” is not a REFI-QDA project: its .qde file has no Project element of "
                 "the QDA-XML 1.0 namespace. Export it again from the other program."), path);
  return NULL;
}

static gboolean
import_project (Import        *import,
                xmlNode       *root,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *origin = attribute (root, "origin");
  g_autofree char *base = g_path_get_basename (import->path);
  /* Translators: where an imported set came from: the file, then the program that wrote it. */
  g_autofree char *from = origin ? g_strdup_printf (_("%s (%s)"), base, origin) : NULL;

  read_users (import, root);
  read_notes (import, root);
  if (!import_codes (import, root, error) || !create_set (import, from, error))
    return FALSE;
  FOR_EACH_CHILD (source, first_child (root, "Sources"), "TextSource")
    if (g_cancellable_set_error_if_cancelled (cancellable, error)
        || !import_source (import, source, error))
      return FALSE;
  return name_set (import, error);
}

static gboolean
import_in_transaction (Import        *import,
                       xmlNode       *root,
                       GCancellable  *cancellable,
                       GError       **error)
{
  if (!mg_store_begin (import->store, error))
    return FALSE;
  if (!import_project (import, root, cancellable, error))
    {
      mg_store_rollback (import->store);
      return FALSE;
    }
  return mg_store_commit (import->store, error);
}

static void
import_init (Import          *import,
             MgStore         *store,
             MgImportSummary *summary,
             Contents        *contents,
             const char      *path)
{
  import->store = store;
  import->summary = summary;
  import->contents = contents;
  import->path = path;
  import->now = g_get_real_time () / G_USEC_PER_SEC;
  import->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->authors = g_ptr_array_new_with_free_func (g_free);
}

/**
 * mg_qdpx_import:
 * @store: the library
 * @path: a .qdpx file
 * @out_summary: (out) (optional): filled on success with what was added and what could not
 *   be placed; free with mg_import_summary_clear()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #MgQdpxError, #MgXmlError or #MgStoreError
 *
 * Imports a REFI-QDA project written by any tool: its coded text passages become a new
 * annotation set named after the file and its authors, so nothing already in the library
 * changes. Sources are matched by the SHA-256 of their normalised text (NFC, LF) and added
 * when absent; codes are matched by GUID, else by name under the same parent, else created.
 * Other tools' habits are undone: a BOM, CRLF line ends, inclusive end positions (inferred
 * from the selections' names), `Sources/` for `sources/`, any name for the root `.qde`.
 * Hostile archives (`..` or absolute names, links, zip bombs, external entities) are refused.
 * Everything happens in one transaction: on any error the library is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_qdpx_import (MgStore          *store,
                const char       *path,
                MgImportSummary  *out_summary,
                GCancellable     *cancellable,
                GError          **error)
{
  g_auto(Contents) contents = { 0 };
  g_auto(Import) import = { 0 };
  MgImportSummary summary = { 0 };
  g_autoptr(xmlDoc) doc = NULL;
  GBytes *project;
  xmlNode *root;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!read_archive (path, &contents, cancellable, error))
    return FALSE;
  project = g_hash_table_lookup (contents.files, contents.project_name);
  doc = mg_xml_safe_read_memory (g_bytes_get_data (project, NULL), g_bytes_get_size (project),
                                 contents.project_name, error);
  if (doc == NULL || (root = project_root (doc, path, error)) == NULL)
    return FALSE;
  import_init (&import, store, &summary, &contents, path);
  if (!import_in_transaction (&import, root, cancellable, error))
    {
      mg_import_summary_clear (&summary);
      return FALSE;
    }
  if (out_summary != NULL)
    *out_summary = summary;
  else
    mg_import_summary_clear (&summary);
  return TRUE;
}
