/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-store.h"
#include "mg-table.h"

G_BEGIN_DECLS

/* What the analysis views share: choosers of a document, a set or a code (each with an
 * "all" entry first, id 0), and the way a row of theirs opens a passage in the reader. */

GtkDropDown *mg_analysis_documents_dropdown (MgStore     *store);
GtkDropDown *mg_analysis_sets_dropdown      (MgStore     *store);
GtkDropDown *mg_analysis_codes_dropdown     (MgStore     *store,
                                             const char  *all_label);
gint64       mg_analysis_dropdown_get_id    (GtkDropDown *dropdown);
void         mg_analysis_dropdown_select_id (GtkDropDown *dropdown,
                                             gint64       id);
void         mg_analysis_dropdown_reload    (GtkDropDown *dropdown,
                                             gpointer     listener);
GtkWidget   *mg_analysis_labelled           (const char  *label,
                                             GtkWidget   *widget);
GtkWidget   *mg_analysis_button             (const char  *label,
                                             const char  *tooltip,
                                             GCallback    callback,
                                             gpointer     instance);
void         mg_analysis_open_target        (GtkWidget   *widget,
                                             MgTableTarget *target);
void         mg_analysis_toast              (GtkWidget   *widget,
                                             const char  *message);
void         mg_analysis_report_error       (GtkWidget   *widget,
                                             const char  *what,
                                             GError      *error);

/* Counts on a worker thread, over its own connection to the library: returns what the view
 * shows, or %NULL with @error set. */
typedef gpointer (*MgAnalysisWork) (MgStore   *store,
                                    gpointer   input,
                                    GError   **error);

void         mg_analysis_compute_async      (MgStore             *store,
                                             MgAnalysisWork       work,
                                             gpointer             input,
                                             GDestroyNotify       input_free,
                                             GDestroyNotify       result_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer     mg_analysis_compute_finish     (GAsyncResult        *result,
                                             GError             **error);
guint        mg_analysis_get_n_running      (void);

G_END_DECLS
