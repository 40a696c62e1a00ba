/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-store.h"
#include "mg-window.h"

G_BEGIN_DECLS

#define MG_TYPE_ANALYSIS_WINDOW (mg_analysis_window_get_type ())
G_DECLARE_FINAL_TYPE (MgAnalysisWindow, mg_analysis_window, MG, ANALYSIS_WINDOW, AdwWindow)

MgAnalysisWindow *mg_analysis_window_new    (MgWindow         *main_window,
                                             MgStore          *store);
void         mg_analysis_window_refresh     (MgAnalysisWindow *self);
AdwViewStack *mg_analysis_window_get_stack  (MgAnalysisWindow *self);
GtkWidget   *mg_analysis_window_get_view    (MgAnalysisWindow *self,
                                             const char       *name);
gboolean     mg_analysis_window_write_report (MgAnalysisWindow *self,
                                             GFile            *file,
                                             const gint64     *kwic_codes,
                                             guint             n_kwic_codes,
                                             GError          **error);

void         mg_window_show_analysis        (MgWindow         *main_window);
void         mg_window_show_analysis_page   (MgWindow         *main_window,
                                             const char       *page);
void         mg_window_refresh_analysis     (MgWindow         *main_window);

G_END_DECLS
