/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Document versions: a changed re-import becomes a new version, annotations follow it or are
 * kept as orphans, all in one transaction. Annotations are written with plain SQL, so these
 * tests depend on nothing but the table's columns. */
#include <sqlite3.h>

#include "mg-anchor.h"
#include "mg-store-versions.h"

typedef struct {
  char *path;
  MgStore *store;
  sqlite3 *db;
} Fixture;

typedef struct {
  gint64 document;
  gint64 start;
  gint64 end;
  char *quote;
  gboolean orphaned;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->quote);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *folder = g_get_user_data_dir ();

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  f->path = g_build_filename (folder, "library.sqlite3", NULL);
  f->store = mg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3_close (f->db);
  g_clear_object (&f->store);
  g_free (f->path);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (f->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
add_document (Fixture    *f,
              const char *title,
              const char *text,
              const char *source_uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, source_uri, NULL);

  g_assert_true (mg_store_add_document (f->store, document, NULL, &error));
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

/* An annotation over the first occurrence of @quote, with its selectors, as the annotations
 * store writes it. */
static gint64
annotate (Fixture    *f,
          gint64      document_id,
          const char *text,
          const char *quote)
{
  g_autoptr(MgAnchorText) anchor_text = mg_anchor_text_new (text, -1);
  gint64 start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  gint64 end = start + g_utf8_strlen (quote, -1);
  g_autofree char *q = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  sqlite3_stmt *stmt = NULL;

  mg_anchor_text_get_selectors (anchor_text, start, end, &q, &prefix, &suffix);
  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
    "INSERT INTO annotations (uuid, document, annotation_set, code, start, end, quote, prefix,"
    " suffix, created, modified) VALUES (lower (hex (randomblob (16))), ?,"
    " (SELECT min(id) FROM annotation_sets), (SELECT min(id) FROM codes), ?, ?, ?, ?, ?, 1, 1)",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, q, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, suffix, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (f->db);
}

static void
read_row (Fixture *f,
          gint64   id,
          Row     *row)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
    "SELECT document, start, end, quote, orphaned FROM annotations WHERE id = ?",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row->document = sqlite3_column_int64 (stmt, 0);
  row->start = sqlite3_column_int64 (stmt, 1);
  row->end = sqlite3_column_int64 (stmt, 2);
  row->quote = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->orphaned = sqlite3_column_int (stmt, 4);
  sqlite3_finalize (stmt);
}

static const char old_text[] =
  "Article 1. The parties agree to cooperate on trade. "
  "Article 2. Tariffs on agricultural goods shall be reduced by half within five years. "
  "Article 3. A joint committee shall meet every spring in Geneva. "
  "Article 4. This treaty may be denounced with one year of notice.";

/* Edits before passage 2, inside passage 3, and passage 4 deleted; passage 1 untouched. */
static const char new_text[] =
  "Article 1. The parties agree to cooperate on trade. "
  "Article 1a. The parties also agree to share statistics. "
  "Article 2. Tariffs on agricultural goods shall be reduced by half within five years. "
  "Article 3. A joint standing committee shall meet every spring in Geneva. "
  "Article 4. Repealed.";

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) version = mg_document_new (NULL, new_text, NULL, NULL);
  g_autoptr(MgDocument) old = NULL;
  g_auto(MgReanchorReport) report = { 0 };
  gint64 old_id = add_document (f, "Treaty", old_text, "file:///tmp/treaty.txt");
  gint64 ids[4];
  g_auto(Row) r0 = { 0 };
  g_auto(Row) r1 = { 0 };
  g_auto(Row) r2 = { 0 };
  g_auto(Row) r3 = { 0 };

  ids[0] = annotate (f, old_id, old_text, "agree to cooperate on trade");
  ids[1] = annotate (f, old_id, old_text, "reduced by half within five years");
  ids[2] = annotate (f, old_id, old_text, "A joint committee shall meet every spring");
  ids[3] = annotate (f, old_id, old_text, "denounced with one year of notice");

  g_assert_true (mg_store_add_document_version (f->store, old_id, version, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.new_document_id, ==, mg_document_get_id (version));
  g_assert_cmpint (report.new_document_id, !=, old_id);
  g_assert_cmpuint (report.n_exact, ==, 1);
  g_assert_cmpuint (report.n_moved, ==, 1);
  g_assert_cmpuint (report.n_fuzzy, ==, 1);
  g_assert_cmpuint (report.n_orphaned, ==, 1);
  g_assert_cmpuint (report.orphaned_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (report.orphaned_ids, gint64, 0), ==, ids[3]);

  read_row (f, ids[0], &r0);
  read_row (f, ids[1], &r1);
  read_row (f, ids[2], &r2);
  read_row (f, ids[3], &r3);
  g_assert_cmpint (r0.document, ==, report.new_document_id);
  g_assert_cmpint (r1.start, ==, g_utf8_pointer_to_offset (new_text, strstr (new_text, "reduced")));
  g_assert_cmpstr (r2.quote, ==, "A joint standing committee shall meet every spring");
  g_assert_false (r2.orphaned);
  /* The orphan moved with its document, and kept its quote and its old place. */
  g_assert_cmpint (r3.document, ==, report.new_document_id);
  g_assert_true (r3.orphaned);
  g_assert_cmpstr (r3.quote, ==, "denounced with one year of notice");
  g_assert_cmpint (r3.start, ==,
                   g_utf8_pointer_to_offset (old_text, strstr (old_text, "denounced")));

  /* The new version names the old, takes its title and source; the old keeps its text. */
  g_assert_cmpstr (mg_document_get_title (version), ==, "Treaty");
  g_assert_cmpint (query_int (f, "SELECT previous_version FROM documents ORDER BY id DESC"), ==,
                   old_id);
  old = mg_store_get_document (f->store, old_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_document_get_text (old), ==, old_text);
  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/treaty.txt",
                                                            &error), ==, report.new_document_id);
}

/* A third version where the orphan's text is back: it is found again. */
static void
test_orphan_returns (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) v2 = mg_document_new (NULL, new_text, NULL, NULL);
  g_autofree char *v3_text = g_strconcat (new_text, " Article 5. This treaty may be denounced "
                                          "with one year of notice.", NULL);
  g_autoptr(MgDocument) v3 = mg_document_new ("Treaty, third", v3_text, NULL, NULL);
  g_auto(MgReanchorReport) report = { 0 };
  gint64 old_id = add_document (f, "Treaty", old_text, "file:///tmp/treaty.txt");
  gint64 id = annotate (f, old_id, old_text, "denounced with one year of notice");
  g_auto(Row) row = { 0 };

  g_assert_true (mg_store_add_document_version (f->store, old_id, v2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mg_store_add_document_version (f->store, mg_document_get_id (v2), v3, &report,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_orphaned, ==, 0);
  read_row (f, id, &row);
  g_assert_false (row.orphaned);
  g_assert_cmpint (row.document, ==, mg_document_get_id (v3));
  g_assert_cmpstr (row.quote, ==, "denounced with one year of notice");
  g_assert_cmpstr (mg_document_get_title (v3), ==, "Treaty, third");
  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/treaty.txt",
                                                            &error), ==, mg_document_get_id (v3));
}

static void
assert_unchanged (Fixture    *f,
                  gint64      old_id,
                  gint64      n_documents,
                  MgDocument *version)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM annotations WHERE document != %"
                                          G_GINT64_FORMAT " OR orphaned != 0", old_id);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM documents"), ==, n_documents);
  g_assert_cmpint (query_int (f, sql), ==, 0);
  g_assert_cmpint (mg_document_get_id (version), ==, 0);
}

/* A failure at any point leaves the library as it was: a missing old document, and an
 * annotation update that fails half way through (a trigger makes it fail). */
static void
test_one_transaction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) version = mg_document_new (NULL, new_text, NULL, NULL);
  gint64 old_id = add_document (f, "Treaty", old_text, "file:///tmp/treaty.txt");
  g_autofree char *trigger = NULL;
  gint64 second;

  annotate (f, old_id, old_text, "agree to cooperate on trade");
  second = annotate (f, old_id, old_text, "denounced with one year of notice");

  g_assert_false (mg_store_add_document_version (f->store, old_id + 100, version, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_unchanged (f, old_id, 1, version);

  trigger = g_strdup_printf ("CREATE TRIGGER fail_midway BEFORE UPDATE ON annotations"
                             " WHEN old.id = %" G_GINT64_FORMAT
                             " BEGIN SELECT RAISE (ABORT, 'simulated failure'); END", second);
  exec (f, trigger);
  g_assert_false (mg_store_add_document_version (f->store, old_id, version, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (f, old_id, 1, version);

  exec (f, "DROP TRIGGER fail_midway");
  g_assert_true (mg_store_add_document_version (f->store, old_id, version, NULL, &error));
  g_assert_no_error (error);
}

static void
test_same_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) same = mg_document_new (NULL, old_text, NULL, NULL);
  g_autoptr(MgDocument) other = mg_document_new (NULL, "Another text.", NULL, NULL);
  g_auto(MgReanchorReport) report = { 0 };
  gint64 old_id = add_document (f, "Treaty", old_text, "file:///tmp/treaty.txt");

  add_document (f, "Other", "Another text.", "file:///tmp/other.txt");
  g_assert_true (mg_store_add_document_version (f->store, old_id, same, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mg_document_get_id (same), ==, old_id);
  g_assert_cmpint (report.new_document_id, ==, old_id);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM documents"), ==, 2);

  g_assert_false (mg_store_add_document_version (f->store, old_id, other, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM documents"), ==, 2);
}

static void
test_current_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_document (f, "A", "First text.", "file:///tmp/a.txt");
  gint64 b = add_document (f, "B", "Second text.", "file:///tmp/b.txt");
  g_autoptr(MgDocument) a2 = mg_document_new (NULL, "First text, changed.", NULL, NULL);

  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/a.txt",
                                                            &error), ==, a);
  g_assert_true (mg_store_add_document_version (f->store, a, a2, NULL, &error));
  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/a.txt",
                                                            &error), ==, mg_document_get_id (a2));
  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/b.txt",
                                                            &error), ==, b);
  g_assert_cmpint (mg_store_find_current_version_by_source (f->store, "file:///tmp/none.txt",
                                                            &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_place_orphan (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) version = mg_document_new (NULL, new_text, NULL, NULL);
  gint64 old_id = add_document (f, "Treaty", old_text, NULL);
  gint64 id = annotate (f, old_id, old_text, "denounced with one year of notice");
  gint64 start = g_utf8_pointer_to_offset (new_text, strstr (new_text, "Repealed"));
  g_auto(Row) row = { 0 };

  g_assert_true (mg_store_add_document_version (f->store, old_id, version, NULL, &error));
  g_assert_true (mg_store_place_orphan (f->store, id, start, start + 8, &error));
  g_assert_no_error (error);
  read_row (f, id, &row);
  g_assert_false (row.orphaned);
  g_assert_cmpstr (row.quote, ==, "Repealed");
  g_assert_cmpint (query_int (f, "SELECT length (prefix) FROM annotations"), ==,
                   MG_ANCHOR_CONTEXT_LENGTH);

  g_assert_false (mg_store_place_orphan (f->store, id, start, start + 1000, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_place_orphan (f->store, id, start, start, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_place_orphan (f->store, id + 1, 0, 1, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/versions/reimport", test_reimport);
  ADD ("/versions/orphan-returns", test_orphan_returns);
  ADD ("/versions/one-transaction", test_one_transaction);
  ADD ("/versions/same-text", test_same_text);
  ADD ("/versions/current-version", test_current_version);
  ADD ("/versions/place-orphan", test_place_orphan);
#undef ADD
  return g_test_run ();
}
