/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For mg-qdpx*.c and their tests only. */

#include "mg-qdpx.h"

G_BEGIN_DECLS

#define MG_QDPX_PROJECT_NS "urn:QDA-XML:project:1.0"
#define MG_QDPX_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"

char        *mg_qdpx_format_time            (gint64        unix_seconds);
char        *mg_qdpx_guid_from_name         (const char   *kind,
                                             const char   *name);
char        *mg_qdpx_normalise_guid         (const char   *guid);

/* Tests lower the import limits so a zip bomb need not really inflate to gigabytes. */
void         mg_qdpx_set_limits_for_testing (guint64       max_entry_bytes,
                                             guint64       max_total_bytes);
guint64      mg_qdpx_max_entry_bytes        (void);
guint64      mg_qdpx_max_total_bytes        (void);

G_END_DECLS
