/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the analysis modules (mg-analysis-*.c, mg-kwic.c): the checks of a scope the
 * user asked for. Not for use outside src/core. */

#include "mg-analysis-frequencies.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* Passages whose place was lost when their document changed carry offsets that mean nothing
 * in the new text, so every count and every context leaves them out. */
#define MG_ANALYSIS_PLACED "orphaned = 0"

gboolean     mg_analysis_check_scope        (MgStore     *store,
                                             gint64       document_id,
                                             gint64       set_id,
                                             GError     **error);
gboolean     mg_analysis_check_code         (MgStore     *store,
                                             gint64       code_id,
                                             GError     **error);

G_END_DECLS
