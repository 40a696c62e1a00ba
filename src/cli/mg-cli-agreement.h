/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

void         mg_cli_agreement_add_options   (GOptionContext  *context);
int          mg_cli_agreement               (MgStore         *store,
                                             int              argc,
                                             char           **argv);

G_END_DECLS
