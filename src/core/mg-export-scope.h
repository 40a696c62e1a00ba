/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What an export takes from the library; shared by the native XML, QDPX/QDC and TEI exports
 * so the CLI and the Export dialog fill in one struct for every format. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgExportScope:
 * @document_ids: (element-type gint64) (nullable): the documents to export; %NULL or empty
 *   means every document
 * @set_names: (element-type utf8) (nullable): the annotation sets by name; %NULL or empty
 *   means every set
 * @code_names: (element-type utf8) (nullable): the codes by name; %NULL or empty means every
 *   code
 * @include_text: whether the documents' full text goes into the file
 *
 * The caller owns the arrays; an export only reads them.
 */
typedef struct
{
  GArray    *document_ids;
  GPtrArray *set_names;
  GPtrArray *code_names;
  gboolean   include_text;
} MgExportScope;

G_END_DECLS
