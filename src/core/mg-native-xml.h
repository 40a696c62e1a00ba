/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Marginalia's own exchange format (data/marginalia-1.0.rng): everything a library holds
 * about a piece of work, to hand to a colleague or to archive, read back without loss. */

#include <gio/gio.h>
#include <libxml/relaxng.h>

#include "mg-export-scope.h"
#include "mg-import-summary.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_NATIVE_XML_NAMESPACE "https://marginalia.github.io/ns/1.0"
#define MG_NATIVE_XML_VERSION "1.0"

gboolean     mg_native_xml_export           (MgStore               *store,
                                             const MgExportScope   *scope,
                                             const char            *path,
                                             GCancellable          *cancellable,
                                             GError               **error);
GBytes      *mg_native_xml_export_bytes     (MgStore               *store,
                                             const MgExportScope   *scope,
                                             GCancellable          *cancellable,
                                             GError               **error);
gboolean     mg_native_xml_import           (MgStore               *store,
                                             const char            *path,
                                             MgImportSummary       *out_summary,
                                             GCancellable          *cancellable,
                                             GError               **error);
gboolean     mg_native_xml_validate         (xmlDoc                *doc,
                                             const char            *name,
                                             GError               **error);

G_END_DECLS
