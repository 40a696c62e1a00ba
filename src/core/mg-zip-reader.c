/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The archive is read through its central directory (libarchive's seekable zip reader): a file
 * cut short has none and is refused at once, and one entry is reached without inflating the
 * others. Sizes are counted while the data inflates, since a header can lie about them. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-text-import.h"
#include "mg-zip-reader.h"

#define READ_CHUNK 65536

struct _MgZipReader
{
  char      *path;
  char      *format;   /* "EPUB", "DOCX", ... for messages */
  GPtrArray *names;    /* regular files, NULL-terminated */
  guint64    total;    /* bytes inflated so far, across every read */
};

static void
set_damaged (GError         **error,
             const char      *format,
             struct archive  *archive)
{
  const char *detail = archive_error_string (archive);

  g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
               /* Translators: the format (EPUB, DOCX, ODT), then what libarchive said. */
               _("it is not a complete %s: its zip archive is damaged or cut short (%s); "
                 "copy or download the file again"),
               format, detail ? detail : _("unknown error"));
}

static void
set_unsafe (GError     **error,
            const char  *entry)
{
  g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_UNSAFE,
               _("its zip entry “%s” could write outside the archive (an absolute path, “..”, "
                 "or a link); the file may be hostile, so nothing was read"), entry);
}

static void
set_bomb (GError     **error,
          const char  *entry)
{
  g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
               _("its part “%s” unpacks to far more data than a document holds (a zip bomb?); "
                 "nothing was read"), entry);
}

/* Absolute names, drive letters and ".." could place a file anywhere if the archive were ever
 * unpacked; an archive that holds them is hostile or broken and is refused whole. */
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

static const char *
entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  return name != NULL ? name : archive_entry_pathname (entry);
}

static struct archive *
open_archive (MgZipReader  *self,
              GError      **error)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip_seekable (archive);
  if (archive_read_open_filename (archive, self->path, READ_CHUNK) != ARCHIVE_OK)
    {
      set_damaged (error, self->format, archive);
      archive_read_free (archive);
      return NULL;
    }
  return archive;
}

static gboolean
add_entry (MgZipReader           *self,
           struct archive_entry  *entry,
           GError               **error)
{
  const char *name = entry_name (entry);

  if (!entry_is_safe (entry, name))
    {
      set_unsafe (error, name ? name : "");
      return FALSE;
    }
  if (archive_entry_filetype (entry) == AE_IFREG)
    g_ptr_array_add (self->names, g_strdup (name));
  return TRUE;
}

static gboolean
list_entries (MgZipReader     *self,
              struct archive  *archive,
              GCancellable    *cancellable,
              GError         **error)
{
  struct archive_entry *entry;
  guint count = 0;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      if (++count > MG_ZIP_MAX_ENTRIES)
        {
          g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_TOO_LARGE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "it holds more than %'d file inside, more than any "
                                    "document; it may be a zip bomb",
                                    "it holds more than %'d files inside, more than any "
                                    "document; it may be a zip bomb", MG_ZIP_MAX_ENTRIES),
                       MG_ZIP_MAX_ENTRIES);

          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !add_entry (self, entry, error))
        return FALSE;
    }
  if (rc != ARCHIVE_EOF)
    {
      set_damaged (error, self->format, archive);
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_zip_reader_open:
 * @file: a local zip file
 * @format: the format's name for messages, such as "EPUB"
 *
 * Opens the archive and checks every entry's name and type, reading no data yet.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgZipReader *
mg_zip_reader_open (GFile         *file,
                    const char    *format,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(MgZipReader) self = g_new0 (MgZipReader, 1);
  struct archive *archive;
  gboolean ok;

  self->format = g_strdup (format);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->path = g_file_get_path (file);
  if (self->path == NULL)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                           _("it is not on this computer; copy it to a local folder first"));
      return NULL;
    }
  archive = open_archive (self, error);
  if (archive == NULL)
    return NULL;
  ok = list_entries (self, archive, cancellable, error);
  archive_read_free (archive);
  g_ptr_array_add (self->names, NULL);
  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * mg_zip_reader_get_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the regular files inside
 */
const char * const *
mg_zip_reader_get_names (MgZipReader *self)
{
  return (const char * const *) self->names->pdata;
}

/**
 * mg_zip_reader_has_entry:
 *
 * Returns: whether the archive holds a regular file called @name (case matters, as in zip)
 */
gboolean
mg_zip_reader_has_entry (MgZipReader *self,
                         const char  *name)
{
  return g_strv_contains (mg_zip_reader_get_names (self), name);
}

/* Checked after every chunk, so a bomb is stopped after a megabyte or so, not at the end. */
static gboolean
chunk_fits (MgZipReader    *self,
            struct archive *archive,
            gint64          start,
            guint64         inflated,
            const char     *name,
            GError        **error)
{
  guint64 packed = (guint64) MAX (archive_filter_bytes (archive, -1) - start, 1);

  if (inflated > MG_ZIP_MAX_ENTRY_BYTES || self->total > MG_ZIP_MAX_TOTAL_BYTES
      || (inflated > MG_ZIP_RATIO_FREE_BYTES && inflated / packed > MG_ZIP_MAX_RATIO))
    {
      set_bomb (error, name);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
read_data (MgZipReader     *self,
           struct archive  *archive,
           const char      *name,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gint64 start = archive_filter_bytes (archive, -1);
  guint8 buffer[READ_CHUNK];
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      self->total += (guint64) n;
      if (!chunk_fits (self, archive, start, data->len + (guint64) n, name, error)
          || g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_byte_array_append (data, buffer, (guint) n);
    }
  if (n < 0)
    {
      set_damaged (error, self->format, archive);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
find_and_read (MgZipReader     *self,
               struct archive  *archive,
               const char      *name,
               GCancellable    *cancellable,
               GError         **error)
{
  struct archive_entry *entry;
  int rc;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      if (g_strcmp0 (entry_name (entry), name) != 0)
        continue;
      if (archive_entry_size_is_set (entry)
          && (guint64) archive_entry_size (entry) > MG_ZIP_MAX_ENTRY_BYTES)
        {
          set_bomb (error, name);
          return NULL;
        }
      return read_data (self, archive, name, cancellable, error);
    }
  set_damaged (error, self->format, archive);
  return NULL;
}

/**
 * mg_zip_reader_read:
 * @name: an entry's full name inside the archive
 *
 * Inflates one entry into memory, within the reader's bounds: %MG_ZIP_MAX_ENTRY_BYTES per
 * entry, %MG_ZIP_MAX_TOTAL_BYTES over all reads, %MG_ZIP_MAX_RATIO once past
 * %MG_ZIP_RATIO_FREE_BYTES.
 *
 * Returns: (transfer full) (nullable): the entry's bytes, or %NULL with a #MgImportError
 *   (%MG_IMPORT_ERROR_CORRUPT when there is no such entry) or %G_IO_ERROR_CANCELLED
 */
GBytes *
mg_zip_reader_read (MgZipReader   *self,
                    const char    *name,
                    GCancellable  *cancellable,
                    GError       **error)
{
  struct archive *archive;
  GBytes *bytes;

  if (!mg_zip_reader_has_entry (self, name))
    {
      g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                   /* Translators: the format (EPUB, DOCX, ODT), then a part's name. */
                   _("it is not a usable %s file: %s is missing"), self->format, name);
      return NULL;
    }
  archive = open_archive (self, error);
  if (archive == NULL)
    return NULL;
  bytes = find_and_read (self, archive, name, cancellable, error);
  archive_read_free (archive);
  return bytes;
}

/**
 * mg_zip_reader_free:
 */
void
mg_zip_reader_free (MgZipReader *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->format);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_free (self);
}
