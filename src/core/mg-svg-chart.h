/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-analysis-matrix.h"
#include "mg-table.h"

G_BEGIN_DECLS

char        *mg_svg_bar_chart               (MgTable          *table,
                                             guint             label_column,
                                             guint             value_column);
char        *mg_svg_heat_map                (MgAnalysisMatrix *matrix);

G_END_DECLS
