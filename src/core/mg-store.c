/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mg-store.h"
#include "mg-store-backup-private.h"
#include "mg-store-private.h"
#include "mg-store-schema.h"

/* 'MRGL': set as PRAGMA application_id so that a Marginalia library can be told apart from any
 * other SQLite file, and `file(1)` can name it. */
#define MG_APPLICATION_ID 0x4d52474c

/* How long a write waits for another process (the CLI, a second window) before it gives up.
 * Long enough that a user never sees "locked" while another import commits. */
#define BUSY_TIMEOUT_MS 10000

struct _MgStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  int schema_version;
};

G_DEFINE_FINAL_TYPE (MgStore, mg_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (mg-store-error-quark, mg_store_error)

static void
mg_store_finalize (GObject *object)
{
  MgStore *self = MG_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);

  G_OBJECT_CLASS (mg_store_parent_class)->finalize (object);
}

static void
mg_store_class_init (MgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_store_finalize;
}

static void
mg_store_init (MgStore *self)
{
}

/* A write that fails for want of room reaches SQLite as an I/O error when the limit is a
 * quota or a maximum file size rather than a full disk; to the user it is all "no room". */
static gboolean
is_out_of_room (int rc,
                int sys_errno)
{
  return (rc & 0xff) == SQLITE_IOERR
         && (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG);
}

/* Turns an SQLite result code into an error a user can act on. */
static void
set_sqlite_error (GError     **error,
                  int          rc,
                  int          sys_errno,
                  const char  *path,
                  const char  *detail)
{
  int code;
  const char *hint;

  if (is_out_of_room (rc, sys_errno))
    rc = SQLITE_FULL;
  else if (rc == SQLITE_IOERR_WRITE)
    {
      /* SQLite says SQLITE_FULL only for ENOSPC; a file-size limit or a quota (EFBIG,
       * EDQUOT) arrives as a failed write whose errno is often lost by the time COMMIT
       * returns. From the user's side it is one problem, with one remedy to try first. */
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FULL,
                   _("Library “%s”: %s. The disk is full or failing. Free some space and try "
                     "again; nothing was changed."), path, detail ? detail : sqlite3_errstr (rc));
      return;
    }
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                   _("Library “%s”: the item refers to one that is no longer in the library. "
                     "Reload the library and try again."), path);
      return;
    }

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = MG_STORE_ERROR_FULL;
      hint = _("The disk is full. Free some space and try again; nothing was changed.");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = MG_STORE_ERROR_BUSY;
      hint = _("Another program is writing to the library. Wait a moment and try again.");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = MG_STORE_ERROR_READ_ONLY;
      hint = _("The library cannot be written. Check the file’s permissions and free space.");
      break;
    case SQLITE_CORRUPT:
      code = MG_STORE_ERROR_CORRUPT;
      hint = _("The library file is damaged. Restore it from a backup.");
      break;
    case SQLITE_NOTADB:
      code = MG_STORE_ERROR_NOT_A_LIBRARY;
      hint = _("The file is not a Marginalia library. Choose another file or a new name.");
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      code = MG_STORE_ERROR_OPEN;
      hint = _("Check that the folder exists, that you may write to it, and that the disk is "
               "not full.");
      break;
    default:
      code = MG_STORE_ERROR_FAILED;
      hint = _("This is a bug in Marginalia; please report it.");
    }

  g_set_error (error, MG_STORE_ERROR, code,
               /* Translators: library path, what SQLite said, what to do. */
               _("Library “%s”: %s. %s"), path, detail ? detail : sqlite3_errstr (rc), hint);
}

void
mg_store_set_sqlite_error (GError     **error,
                           int          rc,
                           int          sys_errno,
                           const char  *path,
                           const char  *detail)
{
  set_sqlite_error (error, rc, sys_errno, path, detail);
}

sqlite3 *
mg_store_get_connection (MgStore *self)
{
  return self->db;
}

void
mg_store_set_db_error (MgStore  *self,
              GError  **error,
              int       rc)
{
  set_sqlite_error (error, rc, sqlite3_system_errno (self->db), self->path,
                    sqlite3_errmsg (self->db));
}

sqlite3_stmt *
mg_store_prepare (MgStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return stmt;
}

static gboolean
exec (MgStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      mg_store_set_db_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Steps a statement that returns no rows, then finalises it. */
gboolean
mg_store_step_done (MgStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* BEGIN IMMEDIATE takes the write lock at once, so a busy library fails before any work is
 * done instead of at COMMIT. */
gboolean
mg_store_begin (MgStore  *self,
       GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
mg_store_commit (MgStore  *self,
        GError  **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

void
mg_store_rollback (MgStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Steps a statement that yields at most one id, then finalises it: the id, 0 when there is
 * no row, -1 with @error set on failure. */
gint64
mg_store_step_id (MgStore       *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  gint64 id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      id = -1;
    }
  sqlite3_finalize (stmt);
  return id;
}

/* Rows the last statement changed: tells "nothing to update" from "updated". */
int
mg_store_changes (MgStore *self)
{
  return sqlite3_changes (self->db);
}

/* Steps a statement to its end, one item per row, then finalises it: the items, or %NULL
 * with @error set (and nothing half-read handed back). */
GPtrArray *
mg_store_step_rows (MgStore         *self,
                    sqlite3_stmt    *stmt,
                    MgStoreRowFunc   row_func,
                    GDestroyNotify   free_func,
                    GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, row_func (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* Steps a statement whose first column is an id, then finalises it: the ids in row order. */
GArray *
mg_store_step_ids (MgStore       *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gint64
mg_store_last_insert_id (MgStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

static gint64
query_int (MgStore     *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self, sql, error);
  gint64 value = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return value;
}

/**
 * mg_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/marginalia/library.sqlite3`
 */
char *
mg_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "marginalia", "library.sqlite3", NULL);
}

/* Copies the library beside itself with SQLite's online backup API, so a migration that goes
 * wrong (or a newer version the user regrets) can be undone: `marginalia-cli restore`. */
static gboolean
backup_before_migration (MgStore  *self,
                         int       from_version,
                         GError  **error)
{
  g_autofree char *kind = g_strdup_printf ("v%d", from_version);
  g_autofree char *target = mg_store_backup_connection (self->db, self->path, kind, error);

  return target != NULL;
}

/* The schema's SQL gives a fresh library's default code and set English names, as SQL holds
 * no translations; they are renamed in the reader's language in the same transaction. */
static gboolean
name_defaults (MgStore  *self,
               GError  **error)
{
  /* Translators: the code a fresh library starts with, for plain highlights. */
  const char *highlight = _("Highlight");
  /* Translators: the name of the annotation set that holds the reader's own passages, as
   * opposed to sets imported from other people's files. */
  const char *mine = _("Mine");
  sqlite3_stmt *stmt = mg_store_prepare (self, "UPDATE codes SET name = ?1 "
                                               "WHERE name = 'Highlight' AND parent IS NULL",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, highlight, -1, SQLITE_STATIC);
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  stmt = mg_store_prepare (self, "UPDATE annotation_sets SET name = ?1 WHERE name = 'Mine'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mine, -1, SQLITE_STATIC);
  return mg_store_step_done (self, stmt, error);
}

/* The application id is written with the schema, in the same transaction, so a library is
 * only marked as ours once it really is; opening it later writes nothing. */
static gboolean
run_migration (MgStore  *self,
               int       to_version,
               GError  **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d;"
                                                  "PRAGMA application_id = %d",
                                                  to_version, MG_APPLICATION_ID);

  if (!mg_store_begin (self, error))
    return FALSE;
  if (!exec (self, mg_store_schema_migrations[to_version - 1], error)
      || (to_version == 1 && !name_defaults (self, error))
      || !exec (self, set_version, error))

    {
      mg_store_rollback (self);
      return FALSE;
    }
  return mg_store_commit (self, error);
}

static gboolean
migrate (MgStore  *self,
         GError  **error)
{
  int latest = mg_store_get_latest_schema_version ();

  if (self->schema_version > 0 && self->schema_version < latest
      && !backup_before_migration (self, self->schema_version, error))
    return FALSE;

  while (self->schema_version < latest)
    {
      if (!run_migration (self, self->schema_version + 1, error))
        return FALSE;
      self->schema_version++;
    }
  return TRUE;
}

/* A file that SQLite opens may still be somebody else's database: refuse it rather than add
 * our tables to it. */
static gboolean
check_is_library (MgStore  *self,
                  GError  **error)
{
  gint64 app_id = query_int (self, "PRAGMA application_id", error);
  gint64 tables;

  if (app_id < 0)
    return FALSE;
  self->schema_version = (int) query_int (self, "PRAGMA user_version", error);
  if (self->schema_version < 0)
    return FALSE;
  tables = query_int (self, "SELECT count(*) FROM sqlite_master", error);
  if (tables < 0)
    return FALSE;

  if (app_id != MG_APPLICATION_ID && (app_id != 0 || tables > 0))
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is a database of another program, not a Marginalia library. "
                     "Choose another file or a new name."), self->path);
      return FALSE;
    }
  if (self->schema_version > mg_store_get_latest_schema_version ())
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_TOO_NEW,
                   _("The library “%s” was written by a newer version of Marginalia "
                     "(schema %d). Update Marginalia to open it."),
                   self->path, self->schema_version);
      return FALSE;
    }
  return TRUE;
}

/* mg_uuid(): the same random (version 4) UUIDs as the rest of the code makes, for SQL. */
static void
sql_uuid (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, g_uuid_string_random (), -1, g_free);
}

static gboolean
configure_connection (MgStore  *self,
                      GError  **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function (self->db, "mg_uuid", 0, SQLITE_UTF8, NULL, sql_uuid, NULL, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  /* FULL: every committed annotation is on disk when the commit returns, crash or power loss. */
  return exec (self, "PRAGMA foreign_keys = ON;"
                     "PRAGMA synchronous = FULL;", error)
         && check_is_library (self, error)
         && exec (self, "PRAGMA journal_mode = WAL", error);
}

static gboolean
ensure_parent_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int saved_errno;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_OPEN,
               _("Cannot create the folder “%s” for the library: %s. "
                 "Choose a folder you may write to."),
               folder, g_strerror (saved_errno));
  return FALSE;
}

/**
 * mg_store_open:
 * @path: (nullable): the library file; %NULL for mg_store_default_path()
 * @error: return location for a #MgStoreError
 *
 * Opens the library at @path, creating it (and its folder) when it does not exist, and
 * brings its schema up to date, each migration in one transaction after a backup.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
MgStore *
mg_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(MgStore) self = g_object_new (MG_TYPE_STORE, NULL);
  int rc;

  self->path = path ? g_strdup (path) : mg_store_default_path ();
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a library file. Give the path of a file."),
                   self->path);
      return NULL;
    }
  /* Notes are private: the library (and so its -wal and -shm) is its owner's alone. */
  if (!ensure_parent_folder (self->path, error)
      || !mg_store_create_private_file (self->path, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, self->db ? sqlite3_system_errno (self->db) : 0, self->path,
                        self->db ? sqlite3_errmsg (self->db) : NULL);
      return NULL;
    }
  if (!configure_connection (self, error) || !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mg_store_get_path (MgStore *self)
{
  g_return_val_if_fail (MG_IS_STORE (self), NULL);
  return self->path;
}

int
mg_store_get_schema_version (MgStore *self)
{
  g_return_val_if_fail (MG_IS_STORE (self), 0);
  return self->schema_version;
}

int
mg_store_get_latest_schema_version (void)
{
  return (int) mg_store_schema_n_migrations;
}

/**
 * mg_store_find_document_by_sha256:
 *
 * Returns: the id of the document whose text has this SHA-256, 0 when there is none, or -1
 *   with @error set
 */
gint64
mg_store_find_document_by_sha256 (MgStore     *self,
                                  const char  *sha256,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), -1);

  stmt = mg_store_prepare (self, "SELECT id FROM documents WHERE sha256 = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return mg_store_step_id (self, stmt, error);
}

static gboolean
insert_document (MgStore     *self,
                 MgDocument  *document,
                 GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO documents (uuid, title, source_uri, media_type, imported, text, char_count,"
    " sha256, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce (?, '{}'))", error);
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mg_document_get_title (document), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mg_document_get_source_uri (document), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mg_document_get_media_type (document), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, mg_document_get_text (document), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, mg_document_get_char_count (document));
  sqlite3_bind_text (stmt, 8, mg_document_get_sha256 (document), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, mg_document_get_metadata (document), -1, SQLITE_STATIC);
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;

  mg_document_set_id (document, sqlite3_last_insert_rowid (self->db));
  mg_document_set_uuid (document, uuid);
  mg_document_set_imported (document, now);
  return TRUE;
}

/**
 * mg_store_add_document:
 * @document: a document with its text, not stored yet
 * @out_existed: (out) (optional): set to %TRUE when the library already held this text
 *
 * Stores @document in one transaction and sets its id. A text the library already holds
 * (same SHA-256) is not stored twice: @document takes the id of the stored one.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_store_add_document (MgStore     *self,
                       MgDocument  *document,
                       gboolean    *out_existed,
                       GError     **error)
{
  gint64 existing;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (MG_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (mg_document_get_text (document) != NULL, FALSE);

  if (out_existed != NULL)
    *out_existed = FALSE;
  if (!mg_store_begin (self, error))
    return FALSE;

  existing = mg_store_find_document_by_sha256 (self, mg_document_get_sha256 (document), error);
  if (existing < 0)
    goto fail;
  if (existing > 0)
    {
      mg_store_rollback (self);
      mg_document_set_id (document, existing);
      if (out_existed != NULL)
        *out_existed = TRUE;
      return TRUE;
    }
  if (!insert_document (self, document, error))
    goto fail;
  return mg_store_commit (self, error);

fail:
  mg_store_rollback (self);
  mg_document_set_id (document, 0);
  return FALSE;
}

static const char document_columns[] =
  "SELECT d.id, d.uuid, d.title, d.source_uri, d.media_type, d.imported, d.sha256,"
  " d.char_count, (SELECT count(*) FROM annotations a WHERE a.document = d.id), d.metadata";

static MgDocument *
document_from_row (sqlite3_stmt *stmt)
{
  MgDocument *document = mg_document_new ((const char *) sqlite3_column_text (stmt, 2), NULL,
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4));

  mg_document_set_id (document, sqlite3_column_int64 (stmt, 0));
  mg_document_set_uuid (document, (const char *) sqlite3_column_text (stmt, 1));
  mg_document_set_imported (document, sqlite3_column_int64 (stmt, 5));
  mg_document_set_stored_facts (document, (const char *) sqlite3_column_text (stmt, 6),
                                sqlite3_column_int64 (stmt, 7),
                                (guint) sqlite3_column_int64 (stmt, 8));
  mg_document_set_metadata (document, (const char *) sqlite3_column_text (stmt, 9));
  return document;
}

/* The number is formatted apart: xgettext cannot see through G_GINT64_FORMAT, and a msgid cut
 * off at the macro would never be translated. */
static void
set_not_found (GError **error,
               gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               _("There is no document %s in the library. "
                 "List the documents to see their numbers."), number);
}

/**
 * mg_store_get_document:
 *
 * Returns: (transfer full) (nullable): the document with its text, or %NULL with @error set
 *   (%MG_STORE_ERROR_NOT_FOUND when there is no document @id)
 */
MgDocument *
mg_store_get_document (MgStore     *self,
                       gint64       id,
                       GError     **error)
{
  g_autofree char *sql = g_strconcat (document_columns, ", d.text FROM documents d WHERE d.id = ?",
                                      NULL);
  sqlite3_stmt *stmt;
  MgDocument *document = NULL;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      document = document_from_row (stmt);
      mg_document_set_text (document, (const char *) sqlite3_column_text (stmt, 10));
    }
  else if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return document;
}

/**
 * mg_store_list_documents:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #MgDocument without their texts,
 *   newest import first
 */
GListModel *
mg_store_list_documents (MgStore  *self,
                         GError  **error)
{
  g_autofree char *sql = g_strconcat (document_columns,
                                      " FROM documents d ORDER BY d.imported DESC, d.id DESC",
                                      NULL);
  g_autoptr(GListStore) list = g_list_store_new (MG_TYPE_DOCUMENT);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MgDocument) document = document_from_row (stmt);
      g_list_store_append (list, document);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * mg_store_set_reading_position:
 * @offset: code-point offset of the first visible character
 *
 * Remembers where the reader was in a document, so the next start returns there.
 */
gboolean
mg_store_set_reading_position (MgStore     *self,
                               gint64       document_id,
                               gint64       offset,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);

  stmt = mg_store_prepare (self,
                  "INSERT INTO reading_positions (document, offset) VALUES (?, ?)"
                  " ON CONFLICT (document) DO UPDATE SET offset = excluded.offset", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, MAX (offset, 0));
  return mg_store_step_done (self, stmt, error);
}

/**
 * mg_store_get_reading_position:
 *
 * Returns: the remembered code-point offset, 0 when there is none
 */
gint64
mg_store_get_reading_position (MgStore *self,
                               gint64   document_id)
{
  sqlite3_stmt *stmt;
  gint64 offset = 0;

  g_return_val_if_fail (MG_IS_STORE (self), 0);

  stmt = mg_store_prepare (self, "SELECT offset FROM reading_positions WHERE document = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    offset = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return offset;
}

/**
 * mg_store_set_meta:
 * @value: (nullable): %NULL removes the key
 *
 * Keeps a small fact about this library (such as the last document read) in the library
 * itself, so it travels with the file.
 */
gboolean
mg_store_set_meta (MgStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MG_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = mg_store_prepare (self, "DELETE FROM meta WHERE key = ?", error);
  else
    stmt = mg_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?, ?)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return mg_store_step_done (self, stmt, error);
}

/**
 * mg_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value kept for @key, or %NULL
 */
char *
mg_store_get_meta (MgStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (MG_IS_STORE (self), NULL);

  stmt = mg_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}
