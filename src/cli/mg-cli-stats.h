/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-store.h"

G_BEGIN_DECLS

void         mg_cli_stats_add_options       (GOptionContext *context);
int          mg_cli_stats                   (MgStore        *store,
                                             int             argc,
                                             char          **argv);

G_END_DECLS
