/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The one door every import goes through: it looks at a file's bytes, not only its name, and
 * hands it to the importer of its format. Errors are in MG_IMPORT_ERROR (mg-text-import.h). */

#include <gio/gio.h>

#include "mg-document.h"
#include "mg-text-import.h"

G_BEGIN_DECLS

/**
 * MgImportFormat:
 * @MG_IMPORT_FORMAT_TEXT: plain text
 * @MG_IMPORT_FORMAT_MARKDOWN: Markdown
 * @MG_IMPORT_FORMAT_HTML: HTML or XHTML
 * @MG_IMPORT_FORMAT_PDF: PDF
 * @MG_IMPORT_FORMAT_EPUB: EPUB e-book
 * @MG_IMPORT_FORMAT_DOCX: Word document (Office Open XML)
 * @MG_IMPORT_FORMAT_ODT: OpenDocument text
 */
typedef enum {
  MG_IMPORT_FORMAT_TEXT,
  MG_IMPORT_FORMAT_MARKDOWN,
  MG_IMPORT_FORMAT_HTML,
  MG_IMPORT_FORMAT_PDF,
  MG_IMPORT_FORMAT_EPUB,
  MG_IMPORT_FORMAT_DOCX,
  MG_IMPORT_FORMAT_ODT,
} MgImportFormat;

/* How much of a file's start the format checks look at. */
#define MG_IMPORT_SNIFF_BYTES 8192

gboolean     mg_import_detect_format        (GFile           *file,
                                             MgImportFormat  *out_format,
                                             GCancellable    *cancellable,
                                             GError         **error);
MgDocument  *mg_import_file                 (GFile           *file,
                                             GCancellable    *cancellable,
                                             GError         **error);

gboolean     mg_import_check_file           (GFile           *file,
                                             GCancellable    *cancellable,
                                             GError         **error);
GBytes      *mg_import_load_bytes           (GFile           *file,
                                             GCancellable    *cancellable,
                                             GError         **error);
char        *mg_import_file_stem            (GFile           *file);
char        *mg_import_metadata_json        (const char      *first_key,
                                             ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
