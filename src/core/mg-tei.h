/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-export-scope.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TEI_ERROR (mg_tei_error_quark ())

/**
 * MgTeiError:
 * @MG_TEI_ERROR_EMPTY: the scope holds nothing a TEI file could carry
 * @MG_TEI_ERROR_UNKNOWN_NAME: the scope names a set or a code the library does not have
 * @MG_TEI_ERROR_FAILED: the XML could not be written
 */
typedef enum {
  MG_TEI_ERROR_EMPTY,
  MG_TEI_ERROR_UNKNOWN_NAME,
  MG_TEI_ERROR_FAILED,
} MgTeiError;

GQuark       mg_tei_error_quark             (void);

gboolean     mg_tei_export                  (MgStore              *store,
                                             const MgExportScope  *scope,
                                             const char           *path,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
