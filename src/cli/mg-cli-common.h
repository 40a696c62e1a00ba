/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         mg_cli_print_error             (const char *subject,
                                             const char *message);
char        *mg_cli_tsv_field               (const char *value);

G_END_DECLS
