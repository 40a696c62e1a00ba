/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

void         mg_cli_export_add_options      (GOptionContext  *context);
int          mg_cli_export                  (MgStore         *store,
                                             int              argc,
                                             char           **argv);
int          mg_cli_import_annotations      (MgStore         *store,
                                             int              argc,
                                             char           **argv);

G_END_DECLS
