/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_LIBRARY_WATCH (mg_library_watch_get_type ())
G_DECLARE_FINAL_TYPE (MgLibraryWatch, mg_library_watch, MG, LIBRARY_WATCH, GObject)

MgLibraryWatch *mg_library_watch_new          (MgStore        *store);
void            mg_library_watch_check_now    (MgLibraryWatch *self);

G_END_DECLS
