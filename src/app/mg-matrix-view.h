/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-heat-map.h"
#include "mg-store.h"
#include "mg-table-view.h"

G_BEGIN_DECLS

/**
 * MgMatrixKind:
 * @MG_MATRIX_KIND_DOCUMENTS: passages per code and document
 * @MG_MATRIX_KIND_COOCCURRENCE: pairs of passages of two codes close together
 */
typedef enum {
  MG_MATRIX_KIND_DOCUMENTS,
  MG_MATRIX_KIND_COOCCURRENCE,
} MgMatrixKind;

#define MG_TYPE_MATRIX_VIEW (mg_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (MgMatrixView, mg_matrix_view, MG, MATRIX_VIEW, GtkBox)

GtkWidget   *mg_matrix_view_new             (MgStore      *store);
void         mg_matrix_view_refresh         (MgMatrixView *self);
void         mg_matrix_view_reload          (MgMatrixView *self);
void         mg_matrix_view_set_kind        (MgMatrixView *self,
                                             MgMatrixKind  kind);
void         mg_matrix_view_set_window      (MgMatrixView *self,
                                             gint64        window);
gint64       mg_matrix_view_get_window      (MgMatrixView *self);
void         mg_matrix_view_show_cell       (MgMatrixView *self,
                                             guint         row,
                                             guint         column);
MgHeatMap   *mg_matrix_view_get_heat_map    (MgMatrixView *self);
MgTableView *mg_matrix_view_get_table_view  (MgMatrixView *self);
MgTableView *mg_matrix_view_get_passages_view (MgMatrixView *self);

G_END_DECLS
