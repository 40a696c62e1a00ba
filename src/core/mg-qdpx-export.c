/* SPDX-License-Identifier: GPL-3.0-or-later */
/* REFI-QDA export: a project (.qdpx, a zip of project.qde and the source texts) and the
 * codebook alone (.qdc). Real importers stumble on what the schema leaves optional, so every
 * trap of issue 5 is met: Project@origin, dates in UTC on every element that takes one, texts
 * in sources/ beside plainTextPath, unique code names, the quote in each selection's name. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mg-qdpx-private.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

#define ORIGIN "Marginalia " PACKAGE_VERSION

typedef struct
{
  GPtrArray  *documents;   /* MgDocument, with their text */
  GPtrArray  *codes;       /* MgCode in display order: the chosen ones and their ancestors */
  GHashTable *chosen;      /* code id -> TRUE; the codes whose passages are exported */
  GHashTable *code_names;  /* code id -> name made unique */
  GHashTable *set_users;   /* set id -> user name */
  GHashTable *user_guids;  /* user name -> GUID */
  gint64      now;
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->documents, g_ptr_array_unref);
  g_clear_pointer (&export->codes, g_ptr_array_unref);
  g_clear_pointer (&export->chosen, g_hash_table_unref);
  g_clear_pointer (&export->code_names, g_hash_table_unref);
  g_clear_pointer (&export->set_users, g_hash_table_unref);
  g_clear_pointer (&export->user_guids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static gboolean
name_in (GPtrArray  *names,
         const char *name)
{
  if (names == NULL || names->len == 0)
    return TRUE;
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static GArray *
all_document_ids (MgStore  *store,
                  GError  **error)
{
  g_autoptr(GListModel) list = mg_store_list_documents (store, error);
  GArray *ids;

  if (list == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (list, i);
      gint64 id = mg_document_get_id (document);

      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
collect_documents (Export               *export,
                   MgStore              *store,
                   const MgExportScope  *scope,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GArray) ids = NULL;

  if (scope != NULL && scope->document_ids != NULL && scope->document_ids->len > 0)
    ids = g_array_ref (scope->document_ids);
  else if ((ids = all_document_ids (store, error)) == NULL)
    return FALSE;
  export->documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      MgDocument *document = mg_store_get_document (store, g_array_index (ids, gint64, i),
                                                    error);

      if (document == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_object (&document);
          return FALSE;
        }
      g_ptr_array_add (export->documents, document);
    }
  return TRUE;
}

/* A set made here often has no author: its user is the person at this computer. */
static char *
set_user_name (MgAnnotationSet *set)
{
  const char *author = mg_annotation_set_get_author (set);
  const char *real = g_get_real_name ();

  if (author != NULL && author[0] != '\0')
    return g_strdup (author);
  if (g_strcmp0 (real, "Unknown") != 0 && real[0] != '\0')
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

static gboolean
collect_sets (Export               *export,
              MgStore              *store,
              const MgExportScope  *scope,
              GError              **error)
{
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (store, error);

  if (sets == NULL)
    return FALSE;
  export->set_users = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  export->user_guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(MgAnnotationSet) set = g_list_model_get_item (sets, i);
      gint64 id = mg_annotation_set_get_id (set);
      char *user;

      if (!name_in (scope ? scope->set_names : NULL, mg_annotation_set_get_name (set)))
        continue;
      user = set_user_name (set);
      g_hash_table_insert (export->set_users, g_memdup2 (&id, sizeof id), user);
      if (!g_hash_table_contains (export->user_guids, user))
        g_hash_table_insert (export->user_guids, g_strdup (user),
                             mg_qdpx_guid_from_name ("marginalia-user", user));
    }
  return TRUE;
}

/* Marks @code and its ancestors as exported, so a chosen code keeps its place in the tree. */
static void
keep_with_ancestors (GHashTable *by_id,
                     GHashTable *kept,
                     MgCode     *code)
{
  while (code != NULL && g_hash_table_add (kept, code))
    {
      gint64 parent = mg_code_get_parent_id (code);

      code = parent > 0 ? g_hash_table_lookup (by_id, &parent) : NULL;
    }
}

static GHashTable *
int64_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
int64_set_add (GHashTable *set,
               gint64      value)
{
  g_hash_table_add (set, g_memdup2 (&value, sizeof value));
}

/* The chosen codes (all without a choice) and, for the tree, their ancestors. */
static void
choose_codes (Export    *export,
              GPtrArray *all,
              GPtrArray *names)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);

  export->chosen = int64_set_new ();
  for (guint i = 0; i < all->len; i++)
    {
      MgCode *code = g_ptr_array_index (all, i);
      gint64 id = mg_code_get_id (code);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), code);
    }
  for (guint i = 0; i < all->len; i++)
    {
      MgCode *code = g_ptr_array_index (all, i);

      if (!name_in (names, mg_code_get_name (code)))
        continue;
      int64_set_add (export->chosen, mg_code_get_id (code));
      keep_with_ancestors (by_id, kept, code);
    }
  export->codes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (g_hash_table_contains (kept, g_ptr_array_index (all, i)))
      g_ptr_array_add (export->codes, g_object_ref (g_ptr_array_index (all, i)));
}

/* Some tools key codes by name alone (QualCoder refuses a duplicate, MAXQDA merges them):
 * a name already given gets " (2)", " (3)"... Case is ignored, as those tools ignore it. */
static void
make_names_unique (Export *export)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  export->code_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < export->codes->len; i++)
    {
      MgCode *code = g_ptr_array_index (export->codes, i);
      gint64 id = mg_code_get_id (code);
      char *name = g_strdup (mg_code_get_name (code));

      char *folded = g_utf8_casefold (name, -1);

      for (guint n = 2; g_hash_table_contains (taken, folded); n++)
        {
          g_free (name);
          g_free (folded);
          name = g_strdup_printf ("%s (%u)", mg_code_get_name (code), n);
          folded = g_utf8_casefold (name, -1);
        }
      g_hash_table_add (taken, folded);
      g_hash_table_insert (export->code_names, g_memdup2 (&id, sizeof id), name);
    }
}

static gboolean
collect_codes (Export               *export,
               MgStore              *store,
               const MgExportScope  *scope,
               GError              **error)
{
  g_autoptr(GListModel) list = mg_store_list_codes (store, error);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (all, g_list_model_get_item (list, i));
  choose_codes (export, all, scope ? scope->code_names : NULL);
  make_names_unique (export);
  return TRUE;
}

static gboolean
collect (Export               *export,
         MgStore              *store,
         const MgExportScope  *scope,
         gboolean              with_sources,
         GCancellable         *cancellable,
         GError              **error)
{
  export->now = g_get_real_time () / G_USEC_PER_SEC;
  if (!collect_codes (export, store, scope, error))
    return FALSE;
  if (!with_sources)
    return TRUE;
  return collect_sets (export, store, scope, error)
         && collect_documents (export, store, scope, cancellable, error);
}

static void
write_time (xmlTextWriter *writer,
            const char    *attribute,
            gint64         unix_seconds)
{
  g_autofree char *text = mg_qdpx_format_time (unix_seconds);

  xmlTextWriterWriteAttribute (writer, BAD_CAST attribute, BAD_CAST text);
}

static void
write_attribute (xmlTextWriter *writer,
                 const char    *attribute,
                 const char    *value)
{
  xmlTextWriterWriteAttribute (writer, BAD_CAST attribute, BAD_CAST value);
}

static void
write_description (xmlTextWriter *writer,
                   const char    *text)
{
  if (text != NULL && text[0] != '\0')
    xmlTextWriterWriteElement (writer, BAD_CAST "Description", BAD_CAST text);
}

/* Colours in the form most tools write: "#RRGGBB". */
static void
write_colour (xmlTextWriter *writer,
              const char    *colour)
{
  g_autofree char *upper = NULL;

  if (!mg_code_colour_is_valid (colour))
    return;
  upper = g_ascii_strup (colour, -1);
  write_attribute (writer, "color", upper);
}

static void
start_code (Export        *export,
            xmlTextWriter *writer,
            MgCode        *code)
{
  gint64 id = mg_code_get_id (code);

  xmlTextWriterStartElement (writer, BAD_CAST "Code");
  write_attribute (writer, "guid", mg_code_get_uuid (code));
  write_attribute (writer, "name", g_hash_table_lookup (export->code_names, &id));
  write_attribute (writer, "isCodable", "true");
  write_colour (writer, mg_code_get_colour (code));
  write_description (writer, mg_code_get_description (code));
}

/* Codes nest by depth: the list is in display order, a parent right before its subtree. */
static void
write_codes (Export        *export,
             xmlTextWriter *writer)
{
  guint open = 0;

  xmlTextWriterStartElement (writer, BAD_CAST "Codes");
  for (guint i = 0; i < export->codes->len; i++)
    {
      MgCode *code = g_ptr_array_index (export->codes, i);
      guint depth = mg_code_get_depth (code);

      for (; open > depth; open--)
        xmlTextWriterEndElement (writer);
      start_code (export, writer, code);
      open = depth + 1;
    }
  for (; open > 0; open--)
    xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
}

static void
write_users (Export        *export,
             xmlTextWriter *writer)
{
  g_autoptr(GList) names = g_hash_table_get_keys (export->user_guids);

  if (names == NULL)
    return;
  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  xmlTextWriterStartElement (writer, BAD_CAST "Users");
  for (GList *l = names; l != NULL; l = l->next)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "User");
      write_attribute (writer, "guid", g_hash_table_lookup (export->user_guids, l->data));
      write_attribute (writer, "name", l->data);
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
}

static void
write_coding (xmlTextWriter *writer,
              MgAnnotation  *annotation,
              MgCode        *code,
              const char    *user_guid)
{
  g_autofree char *guid = mg_qdpx_guid_from_name ("marginalia-coding",
                                                  mg_annotation_get_uuid (annotation));

  xmlTextWriterStartElement (writer, BAD_CAST "Coding");
  write_attribute (writer, "guid", guid);
  write_attribute (writer, "creatingUser", user_guid);
  write_time (writer, "creationDateTime", mg_annotation_get_created (annotation));
  xmlTextWriterStartElement (writer, BAD_CAST "CodeRef");
  write_attribute (writer, "targetGUID", mg_code_get_uuid (code));
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
}

static MgCode *
find_code (Export *export,
           gint64  code_id)
{
  for (guint i = 0; i < export->codes->len; i++)
    if (mg_code_get_id (g_ptr_array_index (export->codes, i)) == code_id)
      return g_ptr_array_index (export->codes, i);
  return NULL;
}

/* Each annotation is one selection with one coding: tools that merge selections of the same
 * range would otherwise mix two readers' notes. */
static void
write_selection (Export        *export,
                 xmlTextWriter *writer,
                 MgAnnotation  *annotation,
                 MgCode        *code)
{
  gint64 set_id = mg_annotation_get_set_id (annotation);
  const char *user = g_hash_table_lookup (export->set_users, &set_id);
  const char *user_guid = g_hash_table_lookup (export->user_guids, user);
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            mg_annotation_get_start (annotation));
  g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          mg_annotation_get_end (annotation));

  xmlTextWriterStartElement (writer, BAD_CAST "PlainTextSelection");
  write_attribute (writer, "guid", mg_annotation_get_uuid (annotation));
  write_attribute (writer, "name", mg_annotation_get_quote (annotation));
  write_attribute (writer, "startPosition", start);
  write_attribute (writer, "endPosition", end);
  write_attribute (writer, "creatingUser", user_guid);
  write_time (writer, "creationDateTime", mg_annotation_get_created (annotation));
  write_attribute (writer, "modifyingUser", user_guid);
  write_time (writer, "modifiedDateTime", mg_annotation_get_modified (annotation));
  write_description (writer, mg_annotation_get_note (annotation));
  write_coding (writer, annotation, code, user_guid);
  xmlTextWriterEndElement (writer);
}

static gboolean
write_selections (Export         *export,
                  xmlTextWriter  *writer,
                  MgStore        *store,
                  MgDocument     *document,
                  GError        **error)
{
  g_autoptr(GListModel) annotations = mg_store_list_annotations (store,
                                        mg_document_get_id (document), 0, 0, error);

  if (annotations == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(MgAnnotation) annotation = g_list_model_get_item (annotations, i);
      gint64 set_id = mg_annotation_get_set_id (annotation);
      gint64 code_id = mg_annotation_get_code_id (annotation);

      if (g_hash_table_contains (export->set_users, &set_id)
          && g_hash_table_contains (export->chosen, &code_id))
        write_selection (export, writer, annotation, find_code (export, code_id));
    }
  return TRUE;
}

static char *
source_file_name (MgDocument *document)
{
  return g_strconcat (mg_document_get_uuid (document), ".txt", NULL);
}

static gboolean
write_sources (Export         *export,
               xmlTextWriter  *writer,
               MgStore        *store,
               GCancellable   *cancellable,
               GError        **error)
{
  if (export->documents->len == 0)
    return TRUE;
  xmlTextWriterStartElement (writer, BAD_CAST "Sources");
  for (guint i = 0; i < export->documents->len; i++)
    {
      MgDocument *document = g_ptr_array_index (export->documents, i);
      g_autofree char *file = source_file_name (document);
      g_autofree char *internal = g_strconcat ("internal://", file, NULL);

      xmlTextWriterStartElement (writer, BAD_CAST "TextSource");
      write_attribute (writer, "guid", mg_document_get_uuid (document));
      write_attribute (writer, "name", mg_document_get_title (document));
      write_attribute (writer, "plainTextPath", internal);
      write_time (writer, "creationDateTime", mg_document_get_imported (document));
      write_time (writer, "modifiedDateTime", mg_document_get_imported (document));
      if (!write_selections (export, writer, store, document, error)
          || g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
  return TRUE;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *detail)
{
  g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_WRITE,
               /* Translators: the file, then why it failed. */
               _("Could not write “%s”: %s. Check the folder and the free space, then export "
                 "again."), path, detail);
}

/* Closes the document; the buffer is the caller's once this succeeds. */
static xmlBuffer *
finish_xml (xmlTextWriter  *writer,
            xmlBuffer      *buffer,
            const char     *path,
            GError        **error)
{
  int rc = xmlTextWriterEndDocument (writer);

  xmlFreeTextWriter (writer);
  if (rc < 0)
    {
      set_write_error (error, path, g_strerror (ENOMEM));
      xmlBufferFree (buffer);
      return NULL;
    }
  return buffer;
}

static char *
project_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static xmlBuffer *
project_xml (Export        *export,
             MgStore       *store,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  xmlTextWriter *writer = xmlNewTextWriterMemory (buffer, 0);
  g_autofree char *name = project_name (path);

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "Project", BAD_CAST MG_QDPX_PROJECT_NS);
  write_attribute (writer, "name", name);
  write_attribute (writer, "origin", ORIGIN);
  write_time (writer, "creationDateTime", export->now);
  write_time (writer, "modifiedDateTime", export->now);
  write_users (export, writer);
  if (export->codes->len > 0)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "CodeBook");
      write_codes (export, writer);
      xmlTextWriterEndElement (writer);
    }
  if (!write_sources (export, writer, store, cancellable, error))
    {
      xmlFreeTextWriter (writer);
      xmlBufferFree (buffer);
      return NULL;
    }
  return finish_xml (writer, buffer, path, error);
}

static gboolean
write_entry (struct archive  *archive,
             const char      *name,
             const void      *data,
             gsize            length,
             gint64           mtime)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) length);
  archive_entry_set_mtime (entry, (time_t) mtime, 0);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK
       && (length == 0 || archive_write_data (archive, data, length) == (la_ssize_t) length);
  archive_entry_free (entry);
  return ok;
}

static gboolean
write_zip_entries (Export          *export,
                   struct archive  *archive,
                   xmlBuffer       *project)
{
  if (!write_entry (archive, "project.qde", xmlBufferContent (project),
                    (gsize) xmlBufferLength (project), export->now))
    return FALSE;
  for (guint i = 0; i < export->documents->len; i++)
    {
      MgDocument *document = g_ptr_array_index (export->documents, i);
      g_autofree char *file = source_file_name (document);
      g_autofree char *name = g_strconcat ("sources/", file, NULL);
      const char *text = mg_document_get_text (document);

      if (!write_entry (archive, name, text, strlen (text), mg_document_get_imported (document)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_zip (Export      *export,
           int          fd,
           xmlBuffer   *project,
           const char  *path,
           GError     **error)
{
  struct archive *archive = archive_write_new ();
  gboolean ok = archive_write_set_format_zip (archive) == ARCHIVE_OK
                && archive_write_open_fd (archive, fd) == ARCHIVE_OK
                && write_zip_entries (export, archive, project)
                && archive_write_close (archive) == ARCHIVE_OK;

  if (!ok)
    set_write_error (error, path, archive_error_string (archive) ? archive_error_string (archive)
                                                                  : g_strerror (EIO));
  archive_write_free (archive);
  return ok;
}

/* Written beside the target and renamed over it, so a failed or cancelled export never
 * replaces a good file with half of one. */
static gboolean
write_zip_atomically (Export      *export,
                      xmlBuffer   *project,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (template, O_WRONLY, 0644);
  gboolean ok;

  if (fd < 0)
    {
      set_write_error (error, path, g_strerror (errno));
      return FALSE;
    }
  ok = write_zip (export, fd, project, path, error);
  if (ok && fsync (fd) != 0)
    ok = (set_write_error (error, path, g_strerror (errno)), FALSE);
  g_close (fd, NULL);
  if (ok && g_rename (template, path) != 0)
    ok = (set_write_error (error, path, g_strerror (errno)), FALSE);
  if (!ok)
    g_unlink (template);
  return ok;
}

/**
 * mg_qdpx_export:
 * @store: the library
 * @scope: (nullable): what to export; %NULL for everything. The texts always go into the
 *   archive: a REFI-QDA source without its text is of no use to any tool.
 * @path: the .qdpx file to write; replaced only once the new one is complete
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #MgQdpxError or #MgStoreError
 *
 * Writes a REFI-QDA project: `project.qde` (valid against Project.xsd) and each document as
 * `sources/<GUID>.txt`. Each annotation becomes a PlainTextSelection (code-point offsets, end
 * exclusive, the quote as its name, the note as its description) with one Coding; each set's
 * author becomes a User.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_qdpx_export (MgStore              *store,
                const MgExportScope  *scope,
                const char           *path,
                GCancellable         *cancellable,
                GError              **error)
{
  g_auto(Export) export = { 0 };
  xmlBuffer *project;
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!collect (&export, store, scope, TRUE, cancellable, error))
    return FALSE;
  project = project_xml (&export, store, path, cancellable, error);
  if (project == NULL)
    return FALSE;
  ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
       && write_zip_atomically (&export, project, path, error);
  xmlBufferFree (project);
  return ok;
}

static xmlBuffer *
codebook_xml (Export      *export,
              const char  *path,
              GError     **error)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  xmlTextWriter *writer = xmlNewTextWriterMemory (buffer, 0);

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "CodeBook", BAD_CAST MG_QDPX_CODEBOOK_NS);
  write_attribute (writer, "origin", ORIGIN);
  write_codes (export, writer);
  return finish_xml (writer, buffer, path, error);
}

/**
 * mg_qdc_export:
 * @store: the library
 * @scope: (nullable): which codes (@code_names, with their ancestors); the rest is unused
 * @path: the .qdc file to write, replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #MgQdpxError or #MgStoreError
 *
 * Writes the codebook alone as a REFI-QDA codebook (valid against Codebook.xsd): the tree,
 * colours and descriptions, names made unique.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_qdc_export (MgStore              *store,
               const MgExportScope  *scope,
               const char           *path,
               GCancellable         *cancellable,
               GError              **error)
{
  g_auto(Export) export = { 0 };
  g_autoptr(GError) local_error = NULL;
  xmlBuffer *codebook;
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!collect (&export, store, scope, FALSE, cancellable, error))
    return FALSE;
  if (export.codes->len == 0)
    {
      g_set_error (error, MG_QDPX_ERROR, MG_QDPX_ERROR_WRITE,
                   _("There are no codes to export to “%s”. Choose other codes, or add some "
                     "to the codebook."), path);
      return FALSE;
    }
  codebook = codebook_xml (&export, path, error);
  if (codebook == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&codebook, xmlBufferFree);
      return FALSE;
    }
  ok = g_file_set_contents (path, (const char *) xmlBufferContent (codebook),
                            xmlBufferLength (codebook), &local_error);
  if (!ok)
    set_write_error (error, path, local_error->message);
  xmlBufferFree (codebook);
  return ok;
}
