/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char        *mg_entity_fold_key             (const char *text,
                                             gssize      length);

/* For the extractor: appends the folded form of one character to @out. */
void         mg_entity_fold_append_unichar  (GString    *out,
                                             gunichar    c);

G_END_DECLS
