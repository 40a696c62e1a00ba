/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-document.h"

G_BEGIN_DECLS

#define MG_IMPORT_ERROR (mg_import_error_quark ())

/**
 * MgImportError:
 * @MG_IMPORT_ERROR_READ: the file could not be read
 * @MG_IMPORT_ERROR_EMPTY: the file holds no text
 * @MG_IMPORT_ERROR_BINARY: the file holds binary data, not text
 * @MG_IMPORT_ERROR_ENCODING: the bytes could not be decoded as text
 * @MG_IMPORT_ERROR_TOO_LARGE: the file is larger than Marginalia reads
 * @MG_IMPORT_ERROR_CORRUPT: the file is damaged or not of the format it claims (a truncated
 *   zip, a document without its main part, malformed XML)
 * @MG_IMPORT_ERROR_UNSAFE: the file tries what no honest document does (a zip entry that
 *   climbs out of the archive or links elsewhere, XML that declares entities)
 * @MG_IMPORT_ERROR_UNSUPPORTED: the file is of a kind Marginalia does not read (an image, a
 *   program, an archive that is no e-book or office document)
 */
typedef enum {
  MG_IMPORT_ERROR_READ,
  MG_IMPORT_ERROR_EMPTY,
  MG_IMPORT_ERROR_BINARY,
  MG_IMPORT_ERROR_ENCODING,
  MG_IMPORT_ERROR_TOO_LARGE,
  MG_IMPORT_ERROR_CORRUPT,
  MG_IMPORT_ERROR_UNSAFE,
  MG_IMPORT_ERROR_UNSUPPORTED,
} MgImportError;

/* The largest file imported: far above any book, far below what would exhaust memory. */
#define MG_IMPORT_MAX_BYTES ((guint64) 512 * 1024 * 1024)

GQuark       mg_import_error_quark          (void);

char        *mg_text_import_decode          (const char    *data,
                                             gsize          length,
                                             const char   **out_encoding,
                                             GError       **error);
char        *mg_text_import_guess_title     (const char    *text,
                                             const char    *fallback);
char        *mg_text_import_normalise       (const char    *text,
                                             gssize         length);
char        *mg_text_import_normalise_take  (char          *text);
MgDocument  *mg_text_import_file            (GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
