/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-document.h"

G_BEGIN_DECLS

#define MG_TYPE_LIBRARY_SIDEBAR (mg_library_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (MgLibrarySidebar, mg_library_sidebar, MG, LIBRARY_SIDEBAR, GtkWidget)

GListModel  *mg_library_sidebar_get_model       (MgLibrarySidebar *self);
void         mg_library_sidebar_set_model       (MgLibrarySidebar *self,
                                                 GListModel       *documents);
void         mg_library_sidebar_select_document (MgLibrarySidebar *self,
                                                 gint64            document_id);

void         mg_library_sidebar_show_hits     (MgLibrarySidebar *self,
                                               GPtrArray        *hits);
void         mg_library_sidebar_start_search  (MgLibrarySidebar *self);
void         mg_library_sidebar_search        (MgLibrarySidebar *self,
                                               const char       *query);

G_END_DECLS
