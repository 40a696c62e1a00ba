/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The approximate matcher behind MgAnchor's fuzzy step (mg-anchor-fuzzy.c). Works on code
 * points, so an edit is one character whatever its UTF-8 length. Not for use outside
 * src/core. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgFuzzyMatch:
 * @start: where the match starts in the searched text
 * @end: where it ends (exclusive)
 * @errors: its edit distance to the pattern
 */
typedef struct {
  gsize start;
  gsize end;
  guint errors;
} MgFuzzyMatch;

void  mg_anchor_fuzzy_search      (const gunichar *text,
                                   gsize           n_text,
                                   const gunichar *pattern,
                                   gsize           n_pattern,
                                   guint           max_errors,
                                   guint           max_matches,
                                   GArray         *matches);
guint mg_anchor_edit_distance     (const gunichar *a,
                                   gsize           n_a,
                                   const gunichar *b,
                                   gsize           n_b);

G_END_DECLS
