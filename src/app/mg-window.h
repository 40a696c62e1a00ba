/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mg-library-sidebar.h"
#include "mg-reader.h"
#include "mg-side-panel.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* The key under which the library remembers the document read last (mg_store_set_meta). */
#define MG_WINDOW_META_LAST_DOCUMENT "last-document"

#define MG_TYPE_WINDOW (mg_window_get_type ())
G_DECLARE_FINAL_TYPE (MgWindow, mg_window, MG, WINDOW, AdwApplicationWindow)

MgWindow          *mg_window_new                (GtkApplication *application,
                                                 MgStore        *store);
MgStore           *mg_window_get_store          (MgWindow       *self);
MgReader          *mg_window_get_reader         (MgWindow       *self);
MgLibrarySidebar  *mg_window_get_library_sidebar (MgWindow      *self);
MgSidePanel       *mg_window_get_side_panel     (MgWindow       *self);

void               mg_window_reload_library     (MgWindow       *self);
gboolean           mg_window_open_document      (MgWindow       *self,
                                                 gint64          document_id);
void               mg_window_restore_last_document (MgWindow    *self);
void               mg_window_import_files       (MgWindow       *self,
                                                 GFile         **files,
                                                 guint           n_files);
void               mg_window_save_reading_position (MgWindow    *self);
gboolean           mg_window_delete_document    (MgWindow       *self,
                                                 gint64          document_id);

G_END_DECLS
