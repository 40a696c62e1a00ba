/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-store.h"

G_BEGIN_DECLS

/**
 * MgReportOptions:
 * @title: the report's title
 * @set_id: passages of one annotation set, or 0 for all of them
 * @window: the co-occurrence distance in characters
 * @kwic_codes: (array length=n_kwic_codes): the codes whose passages the report quotes in
 *   context
 * @n_kwic_codes: how many
 * @context: code points of context on each side of a quoted passage
 *
 * What goes into an analysis report.
 */
typedef struct {
  const char *title;
  gint64 set_id;
  gint64 window;
  const gint64 *kwic_codes;
  guint n_kwic_codes;
  guint context;
} MgReportOptions;

char        *mg_report_html_build           (MgStore                *store,
                                             const MgReportOptions  *options,
                                             GError                **error);
gboolean     mg_report_html_write           (MgStore                *store,
                                             const MgReportOptions  *options,
                                             GFile                  *file,
                                             GError                **error);

G_END_DECLS
