/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* These take the library's path, not an open store: a damaged library does not open, and a
 * library being restored must not be held open by the command itself. */

int          mg_cli_check                   (const char      *library_path,
                                             int              argc,
                                             char           **argv);
int          mg_cli_restore                 (const char      *library_path,
                                             int              argc,
                                             char           **argv);
void         mg_cli_restore_add_options     (GOptionContext  *context);
int          mg_cli_backup                  (const char      *library_path,
                                             int              argc,
                                             char           **argv);

G_END_DECLS
