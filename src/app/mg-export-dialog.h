/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-document.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_EXPORT_DIALOG (mg_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgExportDialog, mg_export_dialog, MG, EXPORT_DIALOG, AdwWindow)

MgExportDialog *mg_export_dialog_new       (GtkWindow  *parent,
                                            MgStore    *store,
                                            MgDocument *document);
void            mg_export_dialog_export_to (MgExportDialog *self,
                                            GFile          *file);

G_END_DECLS
