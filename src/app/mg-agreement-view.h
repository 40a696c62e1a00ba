/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-agreement.h"
#include "mg-history.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_AGREEMENT_VIEW (mg_agreement_view_get_type ())
G_DECLARE_FINAL_TYPE (MgAgreementView, mg_agreement_view, MG, AGREEMENT_VIEW, GtkWidget)

GtkWidget   *mg_agreement_view_new          (MgStore         *store);

void         mg_agreement_view_set_history  (MgAgreementView *self,
                                             MgHistory       *history);
MgHistory   *mg_agreement_view_get_history  (MgAgreementView *self);
void         mg_agreement_view_set_current_document (MgAgreementView *self,
                                             gint64           document_id);
void         mg_agreement_view_set_sets     (MgAgreementView *self,
                                             const gint64    *set_ids,
                                             guint            n_sets);
void         mg_agreement_view_refresh      (MgAgreementView *self);
gboolean     mg_agreement_view_get_busy     (MgAgreementView *self);
GArray      *mg_agreement_view_get_figures  (MgAgreementView *self);
GPtrArray   *mg_agreement_view_get_disagreements (MgAgreementView *self);

G_END_DECLS
