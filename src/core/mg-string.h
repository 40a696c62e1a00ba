/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     mg_set_str                     (char       **slot,
                                             const char  *value);

void         mg_json_append_string          (GString     *out,
                                             const char  *value);

G_END_DECLS
