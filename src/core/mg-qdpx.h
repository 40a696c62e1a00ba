/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* REFI-QDA project exchange: the zip (.qdpx) that QualCoder, ATLAS.ti, MAXQDA and NVivo read
 * and write, and the codebook alone (.qdc). Offsets in those files count code points, as ours
 * do; other tools' habits (CRLF texts, inclusive ends, a BOM) are undone on import. */

#include <gio/gio.h>

#include "mg-export-scope.h"
#include "mg-import-summary.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_QDPX_ERROR (mg_qdpx_error_quark ())

/**
 * MgQdpxError:
 * @MG_QDPX_ERROR_READ: the archive could not be read (not a zip, damaged)
 * @MG_QDPX_ERROR_UNSAFE: an entry's name or type could write outside the archive (an
 *   absolute path, a `..` component, a link)
 * @MG_QDPX_ERROR_TOO_LARGE: too many entries, or an entry or the whole archive inflates past
 *   the limits
 * @MG_QDPX_ERROR_NO_PROJECT: no `.qde` file at the archive's root, or more than one
 * @MG_QDPX_ERROR_INVALID: the project is not a REFI-QDA project, or a source is missing
 * @MG_QDPX_ERROR_WRITE: the export could not be written
 */
typedef enum {
  MG_QDPX_ERROR_READ,
  MG_QDPX_ERROR_UNSAFE,
  MG_QDPX_ERROR_TOO_LARGE,
  MG_QDPX_ERROR_NO_PROJECT,
  MG_QDPX_ERROR_INVALID,
  MG_QDPX_ERROR_WRITE,
} MgQdpxError;

/* Limits of an import: far above a real project, far below what would exhaust memory. */
#define MG_QDPX_MAX_ENTRIES 10000
#define MG_QDPX_MAX_ENTRY_BYTES ((guint64) 256 * 1024 * 1024)
#define MG_QDPX_MAX_TOTAL_BYTES ((guint64) 1024 * 1024 * 1024)

GQuark       mg_qdpx_error_quark            (void);

gboolean     mg_qdpx_export                 (MgStore              *store,
                                             const MgExportScope  *scope,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean     mg_qdc_export                  (MgStore              *store,
                                             const MgExportScope  *scope,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean     mg_qdpx_import                 (MgStore              *store,
                                             const char           *path,
                                             MgImportSummary      *out_summary,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
