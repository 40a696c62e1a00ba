/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

int          mg_cli_extract                 (MgStore  *store,
                                             int       argc,
                                             char    **argv);

G_END_DECLS
