/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-export-scope.h"
#include "mg-import-summary.h"
#include "mg-store.h"

G_BEGIN_DECLS

/**
 * MgExchangeFormat:
 * @MG_EXCHANGE_FORMAT_MARGINALIA: Marginalia's own XML, lossless
 * @MG_EXCHANGE_FORMAT_QDPX: a REFI-QDA project, for QualCoder, ATLAS.ti, MAXQDA, NVivo
 * @MG_EXCHANGE_FORMAT_QDC: a REFI-QDA codebook alone
 * @MG_EXCHANGE_FORMAT_TEI: TEI P5 with stand-off annotation, for archives
 */
typedef enum {
  MG_EXCHANGE_FORMAT_MARGINALIA,
  MG_EXCHANGE_FORMAT_QDPX,
  MG_EXCHANGE_FORMAT_QDC,
  MG_EXCHANGE_FORMAT_TEI,
} MgExchangeFormat;

#define MG_EXCHANGE_N_FORMATS 4

gboolean     mg_exchange_format_from_string (const char        *name,
                                             MgExchangeFormat  *out_format);
const char  *mg_exchange_format_to_string   (MgExchangeFormat   format);
const char  *mg_exchange_format_suffix      (MgExchangeFormat   format);

gboolean     mg_exchange_export             (MgStore           *store,
                                             MgExchangeFormat   format,
                                             const MgExportScope *scope,
                                             const char        *path,
                                             GCancellable      *cancellable,
                                             GError           **error);
gboolean     mg_exchange_import             (MgStore           *store,
                                             const char        *path,
                                             MgImportSummary   *out_summary,
                                             GCancellable      *cancellable,
                                             GError           **error);

G_END_DECLS
