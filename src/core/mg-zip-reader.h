/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reading the zip containers of EPUB, DOCX and ODT with libarchive, refusing what a hostile
 * archive tries: too many entries, entries that inflate without end, names that climb out of
 * the archive, links. Errors are in MG_IMPORT_ERROR. */

#include <gio/gio.h>

G_BEGIN_DECLS

/* Far above any book or report; far below what would exhaust memory. */
#define MG_ZIP_MAX_ENTRIES 10000
#define MG_ZIP_MAX_ENTRY_BYTES ((guint64) 64 * 1024 * 1024)
#define MG_ZIP_MAX_TOTAL_BYTES ((guint64) 512 * 1024 * 1024)

/* Text deflates to a fifth or a tenth of its size; an entry that inflates two hundred times
 * is filler made to exhaust memory. Small entries may compress better, so the bound starts
 * past the first megabyte. */
#define MG_ZIP_MAX_RATIO 200
#define MG_ZIP_RATIO_FREE_BYTES ((guint64) 1024 * 1024)

typedef struct _MgZipReader MgZipReader;

MgZipReader        *mg_zip_reader_open        (GFile         *file,
                                               const char    *format,
                                               GCancellable  *cancellable,
                                               GError       **error);
const char * const *mg_zip_reader_get_names   (MgZipReader   *self);
gboolean            mg_zip_reader_has_entry   (MgZipReader   *self,
                                               const char    *name);
GBytes             *mg_zip_reader_read        (MgZipReader   *self,
                                               const char    *name,
                                               GCancellable  *cancellable,
                                               GError       **error);
void                mg_zip_reader_free        (MgZipReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgZipReader, mg_zip_reader_free)

G_END_DECLS
