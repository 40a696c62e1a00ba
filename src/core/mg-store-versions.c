/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgStore, continued: a re-imported file whose content changed becomes a new version of its
 * document (the old text stays), and every annotation moves to the new version, re-anchored
 * by its selectors or kept as an orphan, never dropped. All of it in one transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-store-private.h"
#include "mg-store-versions.h"

/* An annotation as re-anchoring needs it. */
typedef struct {
  gint64 id;
  gint64 start;
  gint64 end;
  char *quote;
  char *prefix;
  char *suffix;
  gboolean orphaned;
} OldAnnotation;

static void
old_annotation_clear (gpointer data)
{
  OldAnnotation *a = data;

  g_free (a->quote);
  g_free (a->prefix);
  g_free (a->suffix);
}

/**
 * mg_reanchor_report_clear:
 *
 * Frees what @report holds and zeroes it.
 */
void
mg_reanchor_report_clear (MgReanchorReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->orphaned_ids, g_array_unref);
  *report = (MgReanchorReport) { 0 };
}

/* The numbers are formatted apart: xgettext cannot see through G_GINT64_FORMAT. */
static void
set_document_not_found (GError **error,
                        gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               _("There is no document %s in the library. "
                 "List the documents to see their numbers."), number);
}

static void
set_annotation_not_found (GError **error,
                          gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
               _("There is no annotation %s in the library. "
                 "It may have been deleted; reload the document."), number);
}

/* The old version's title and source, which the new one takes when it has none. */
static gboolean
read_old_document (MgStore  *self,
                   gint64    id,
                   char    **out_title,
                   char    **out_source_uri,
                   GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT title, source_uri FROM documents WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_source_uri = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    set_document_not_found (error, id);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
insert_version (MgStore     *self,
                gint64       old_id,
                MgDocument  *document,
                const char  *source_uri,
                GError     **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "INSERT INTO documents (uuid, title, source_uri, media_type, imported, text, char_count,"
    " sha256, previous_version, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " coalesce (?, '{}'))", error);
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mg_document_get_title (document), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, source_uri, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mg_document_get_media_type (document), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, mg_document_get_text (document), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, mg_document_get_char_count (document));
  sqlite3_bind_text (stmt, 8, mg_document_get_sha256 (document), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, old_id);
  /* The new version's own metadata: an edited page may carry a new date or author. */
  sqlite3_bind_text (stmt, 10, mg_document_get_metadata (document), -1, SQLITE_STATIC);
  if (!mg_store_step_done (self, stmt, error))
    return FALSE;
  mg_document_set_id (document, mg_store_last_insert_id (self));
  mg_document_set_uuid (document, uuid);
  mg_document_set_imported (document, now);
  return TRUE;
}

/* The library keeps each text once (documents.sha256 is unique): a text it holds already
 * cannot become a new version, unless it is the old version itself, when nothing changed. */
static gboolean
check_text_is_new (MgStore   *self,
                   gint64     old_id,
                   gint64     existing,
                   GError   **error)
{
  g_autofree char *existing_number = NULL;
  g_autofree char *old_number = NULL;

  if (existing < 0)
    return FALSE;
  if (existing == 0 || existing == old_id)
    return TRUE;
  existing_number = g_strdup_printf ("%" G_GINT64_FORMAT, existing);
  old_number = g_strdup_printf ("%" G_GINT64_FORMAT, old_id);
  g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
               /* Translators: two document numbers. */
               _("This text is already in the library as document %s, so it cannot also "
                 "become a new version of document %s. Open document %s instead."),
               existing_number, old_number, existing_number);
  return FALSE;
}

static GArray *
read_annotations (MgStore  *self,
                  gint64    document_id,
                  GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT id, start, end, quote, prefix, suffix, orphaned FROM annotations"
    " WHERE document = ? ORDER BY start, end, id", error);
  g_autoptr(GArray) annotations = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  annotations = g_array_new (FALSE, FALSE, sizeof (OldAnnotation));
  g_array_set_clear_func (annotations, old_annotation_clear);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OldAnnotation a = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
        sqlite3_column_int (stmt, 6) != 0,
      };
      g_array_append_val (annotations, a);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&annotations);
}

/* Runs a prepared statement to its end and makes it ready for the next row. */
static gboolean
step_reset (MgStore       *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  mg_store_set_db_error (self, error, rc);
  return FALSE;
}

/* The statements that move annotations to the new version: placed, or kept as orphans with
 * their old selectors (the user still sees what they quoted). */
typedef struct {
  MgStore *store;
  gint64 new_id;
  MgAnchorText *text;
  sqlite3_stmt *place;
  sqlite3_stmt *orphan;
} Mover;

static gboolean
mover_init (Mover       *mover,
            MgStore     *store,
            MgDocument  *document,
            GError     **error)
{
  mover->store = store;
  mover->new_id = mg_document_get_id (document);
  mover->text = mg_anchor_text_new (mg_document_get_text (document), -1);
  mover->place = mg_store_prepare (store,
    "UPDATE annotations SET document = ?, start = ?, end = ?, quote = ?, prefix = ?,"
    " suffix = ?, orphaned = 0 WHERE id = ?", error);
  mover->orphan = mover->place == NULL ? NULL : mg_store_prepare (store,
    "UPDATE annotations SET document = ?, orphaned = 1 WHERE id = ?", error);
  return mover->orphan != NULL;
}

static void
mover_clear (Mover *mover)
{
  g_clear_pointer (&mover->text, mg_anchor_text_free);
  g_clear_pointer (&mover->place, sqlite3_finalize);
  g_clear_pointer (&mover->orphan, sqlite3_finalize);
}

static gboolean
place (Mover                *mover,
       gint64                id,
       const MgAnchorResult *result,
       GError              **error)
{
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  sqlite3_stmt *stmt = mover->place;

  mg_anchor_text_get_selectors (mover->text, result->start, result->end,
                                &quote, &prefix, &suffix);
  sqlite3_bind_int64 (stmt, 1, mover->new_id);
  sqlite3_bind_int64 (stmt, 2, result->start);
  sqlite3_bind_int64 (stmt, 3, result->end);
  sqlite3_bind_text (stmt, 4, quote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, id);
  return step_reset (mover->store, stmt, error);
}

static gboolean
keep_orphan (Mover   *mover,
             gint64   id,
             GError **error)
{
  sqlite3_bind_int64 (mover->orphan, 1, mover->new_id);
  sqlite3_bind_int64 (mover->orphan, 2, id);
  return step_reset (mover->store, mover->orphan, error);
}

static void
count (MgReanchorReport     *report,
       const OldAnnotation  *a,
       const MgAnchorResult *result)
{
  switch (result->method)
    {
    case MG_ANCHOR_EXACT:
      report->n_exact++;
      break;
    case MG_ANCHOR_MOVED:
      report->n_moved++;
      break;
    case MG_ANCHOR_FUZZY:
      report->n_fuzzy++;
      break;
    case MG_ANCHOR_ORPHANED:
    default:
      report->n_orphaned++;
      g_array_append_val (report->orphaned_ids, a->id);
    }
}

/* In text order, each passage is looked for where the one before it moved: an insertion
 * shifts everything after it alike. An old orphan's offsets belong to an older text, so it
 * tells nothing about the shift. */
static gboolean
move_annotations (Mover             *mover,
                  GArray            *annotations,
                  MgReanchorReport  *report,
                  GError           **error)
{
  gint64 shift = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      const OldAnnotation *a = &g_array_index (annotations, OldAnnotation, i);
      MgAnchorSelectors selectors = { a->start, a->end, a->quote, a->prefix, a->suffix };
      MgAnchorResult result;

      mg_anchor_find (mover->text, &selectors, a->orphaned ? 0 : shift, &result);
      count (report, a, &result);
      if (result.found && !a->orphaned)
        shift = result.start - a->start;
      if (!(result.found ? place (mover, a->id, &result, error)
                         : keep_orphan (mover, a->id, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reanchor_all (MgStore           *self,
              gint64             old_id,
              MgDocument        *document,
              MgReanchorReport  *report,
              GError           **error)
{
  g_autoptr(GArray) annotations = read_annotations (self, old_id, error);
  Mover mover = { 0 };
  gboolean ok;

  if (annotations == NULL)
    return FALSE;
  ok = mover_init (&mover, self, document, error)
       && move_annotations (&mover, annotations, report, error);
  mover_clear (&mover);
  return ok;
}

/* Everything but BEGIN and COMMIT. Returns 0 on failure, else the id of the version the
 * annotations now live in (the old one when the text did not change). */
static gint64
add_version (MgStore           *self,
             gint64             old_id,
             MgDocument        *document,
             MgReanchorReport  *report,
             GError           **error)
{
  g_autofree char *old_title = NULL;
  g_autofree char *old_source_uri = NULL;
  const char *source_uri = mg_document_get_source_uri (document);
  gint64 existing;

  if (!read_old_document (self, old_id, &old_title, &old_source_uri, error))
    return 0;
  existing = mg_store_find_document_by_sha256 (self, mg_document_get_sha256 (document), error);
  if (!check_text_is_new (self, old_id, existing, error))
    return 0;
  if (existing == old_id)
    return old_id;
  if (mg_document_get_title (document) == NULL || *mg_document_get_title (document) == '\0')
    mg_document_set_title (document, old_title);
  if (!insert_version (self, old_id, document, source_uri ? source_uri : old_source_uri, error)
      || !reanchor_all (self, old_id, document, report, error))
    return 0;
  return mg_document_get_id (document);
}

/**
 * mg_store_add_document_version:
 * @old_document_id: the version the new text replaces
 * @new_document: the new text, not stored yet; without a title (or source) it takes the old
 *   version's
 * @out_report: (out caller-allocates) (optional): what happened to the annotations; clear it
 *   with mg_reanchor_report_clear()
 *
 * Stores @new_document as the next version of @old_document_id and moves every annotation of
 * the old version to it, re-anchored by its selectors (mg_anchor_find()); one that cannot be
 * placed keeps its selectors and is flagged orphaned, never dropped. The old version stays in
 * the library with its text. All in one transaction: on failure nothing has changed. When
 * the text is the old version's own, nothing is stored and @new_document takes the old id.
 *
 * Returns: %TRUE on success; %MG_STORE_ERROR_NOT_FOUND when there is no such old document,
 *   %MG_STORE_ERROR_INVALID when the library already holds the new text as another document
 */
gboolean
mg_store_add_document_version (MgStore           *store,
                               gint64             old_document_id,
                               MgDocument        *new_document,
                               MgReanchorReport  *out_report,
                               GError           **error)
{
  g_auto(MgReanchorReport) report = { 0 };

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MG_IS_DOCUMENT (new_document), FALSE);
  g_return_val_if_fail (mg_document_get_text (new_document) != NULL, FALSE);

  report.orphaned_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!mg_store_begin (store, error))
    return FALSE;
  report.new_document_id = add_version (store, old_document_id, new_document, &report, error);
  if (report.new_document_id == 0)
    {
      mg_store_rollback (store);
      mg_document_set_id (new_document, 0);
      return FALSE;
    }
  if (!mg_store_commit (store, error))
    {
      mg_document_set_id (new_document, 0);
      return FALSE;
    }
  mg_document_set_id (new_document, report.new_document_id);
  if (out_report != NULL)
    {
      *out_report = report;
      report = (MgReanchorReport) { 0 };
    }
  return TRUE;
}

/**
 * mg_store_find_current_version_by_source:
 * @source_uri: where a document was imported from
 *
 * Finds the newest version of the document imported from @source_uri: one that no other
 * document names as its previous version. An importer uses it to tell a changed file (make a
 * new version of this id) from a new one.
 *
 * Returns: the document's id, 0 when no document comes from @source_uri, or -1 with @error
 *   set
 */
gint64
mg_store_find_current_version_by_source (MgStore     *store,
                                         const char  *source_uri,
                                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (MG_IS_STORE (store), -1);
  g_return_val_if_fail (source_uri != NULL, -1);

  stmt = mg_store_prepare (store,
    "SELECT d.id FROM documents d WHERE d.source_uri = ? AND NOT EXISTS"
    " (SELECT 1 FROM documents n WHERE n.previous_version = d.id)"
    " ORDER BY d.imported DESC, d.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, source_uri, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (store, error, rc);
      id = -1;
    }
  sqlite3_finalize (stmt);
  return id;
}

/* The text of the document an annotation belongs to, prepared for computing selectors. */
static MgAnchorText *
load_annotation_text (MgStore  *self,
                      gint64    annotation_id,
                      GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "SELECT d.text FROM annotations a JOIN documents d ON d.id = a.document WHERE a.id = ?",
    error);
  MgAnchorText *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = mg_anchor_text_new ((const char *) sqlite3_column_text (stmt, 0),
                               sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    set_annotation_not_found (error, annotation_id);
  else
    mg_store_set_db_error (self, error, rc);
  sqlite3_finalize (stmt);
  return text;
}

static gboolean
check_range (MgAnchorText  *text,
             gint64         start,
             gint64         end,
             GError       **error)
{
  if (start >= 0 && start < end && end <= mg_anchor_text_get_length (text))
    return TRUE;
  g_set_error_literal (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID,
                       _("The selection lies outside the document’s text or is empty. "
                         "Select the passage again."));
  return FALSE;
}

static gboolean
write_placement (MgStore       *self,
                 MgAnchorText  *text,
                 gint64         annotation_id,
                 gint64         start,
                 gint64         end,
                 GError       **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (self,
    "UPDATE annotations SET start = ?, end = ?, quote = ?, prefix = ?, suffix = ?,"
    " orphaned = 0, modified = ? WHERE id = ?", error);
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  if (stmt == NULL)
    return FALSE;
  mg_anchor_text_get_selectors (text, start, end, &quote, &prefix, &suffix);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, quote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 7, annotation_id);
  return mg_store_step_done (self, stmt, error);
}

/**
 * mg_store_place_orphan:
 * @start: code-point offset of the passage the user selected, in the annotation's document
 * @end: where it ends (exclusive), after @start
 *
 * Places an annotation (typically an orphan) on the passage the user selected: its quote and
 * context are taken from the text there and it is no longer orphaned. One transaction.
 *
 * Returns: %TRUE on success; %MG_STORE_ERROR_NOT_FOUND when there is no such annotation,
 *   %MG_STORE_ERROR_INVALID when the range is empty or outside the text
 */
gboolean
mg_store_place_orphan (MgStore  *store,
                       gint64    annotation_id,
                       gint64    start,
                       gint64    end,
                       GError  **error)
{
  g_autoptr(MgAnchorText) text = NULL;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);

  if (!mg_store_begin (store, error))
    return FALSE;
  text = load_annotation_text (store, annotation_id, error);
  if (text == NULL || !check_range (text, start, end, error)
      || !write_placement (store, text, annotation_id, start, end, error))
    {
      mg_store_rollback (store);
      return FALSE;
    }
  return mg_store_commit (store, error);
}

/**
 * mg_store_import_document:
 * @document: a document read from a file, not stored yet
 * @out_outcome: (out): what happened to it
 * @out_report: (out) (optional): for a new version, how its passages were re-anchored
 *
 * Stores what an import read, the way a researcher expects: the same text again is not
 * stored twice; a changed text from a file already imported becomes a new version of that
 * document, its passages re-anchored (the old text is kept); anything else is a new
 * document. Sets @document's id in every case.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_store_import_document (MgStore           *store,
                          MgDocument        *document,
                          MgImportOutcome   *out_outcome,
                          MgReanchorReport  *out_report,
                          GError           **error)
{
  gint64 existing = mg_store_find_document_by_sha256 (store, mg_document_get_sha256 (document),
                                                      error);
  gint64 previous = 0;

  if (existing < 0)
    return FALSE;
  if (existing == 0 && mg_document_get_source_uri (document) != NULL)
    {
      previous = mg_store_find_current_version_by_source (store,
                                                          mg_document_get_source_uri (document),
                                                          error);
      if (previous < 0)
        return FALSE;
    }
  if (previous > 0)
    {
      *out_outcome = MG_IMPORT_OUTCOME_NEW_VERSION;
      return mg_store_add_document_version (store, previous, document, out_report, error);
    }
  *out_outcome = existing > 0 ? MG_IMPORT_OUTCOME_EXISTED : MG_IMPORT_OUTCOME_NEW;
  return mg_store_add_document (store, document, NULL, error);
}
