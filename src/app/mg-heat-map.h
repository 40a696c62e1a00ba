/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-analysis-matrix.h"

G_BEGIN_DECLS

#define MG_TYPE_HEAT_MAP (mg_heat_map_get_type ())
G_DECLARE_FINAL_TYPE (MgHeatMap, mg_heat_map, MG, HEAT_MAP, GtkWidget)

GtkWidget   *mg_heat_map_new                (void);
void         mg_heat_map_set_matrix         (MgHeatMap        *self,
                                             MgAnalysisMatrix *matrix,
                                             const char       *title);
MgAnalysisMatrix *mg_heat_map_get_matrix    (MgHeatMap        *self);
void         mg_heat_map_get_focus_cell     (MgHeatMap        *self,
                                             guint            *out_row,
                                             guint            *out_column);
gboolean     mg_heat_map_cell_at            (MgHeatMap        *self,
                                             double            x,
                                             double            y,
                                             guint            *out_row,
                                             guint            *out_column);
gboolean     mg_heat_map_save               (MgHeatMap        *self,
                                             GFile            *file,
                                             GError          **error);
void         mg_heat_map_export             (MgHeatMap        *self,
                                             const char       *extension);

G_END_DECLS
