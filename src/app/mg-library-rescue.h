/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called once the library was restored from a backup, to open it again. */
typedef void (*MgLibraryRescued) (gpointer user_data);

gboolean     mg_library_rescue_check        (const char       *library_path,
                                             GError          **error);
GtkWindow   *mg_library_rescue_offer        (GtkApplication   *application,
                                             const char       *library_path,
                                             const GError     *error,
                                             MgLibraryRescued  rescued,
                                             gpointer          user_data);

G_END_DECLS
