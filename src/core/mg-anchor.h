/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many code points of context an annotation keeps on each side of its quote. */
#define MG_ANCHOR_CONTEXT_LENGTH 32

/**
 * MgAnchorMethod:
 * @MG_ANCHOR_EXACT: the quote still stands at its old position
 * @MG_ANCHOR_MOVED: the quote stands elsewhere, unchanged
 * @MG_ANCHOR_FUZZY: a passage close to the quote, with its context, stands nearby
 * @MG_ANCHOR_ORPHANED: no place was found; the annotation keeps its old selectors
 *
 * How an annotation was found again in a new version of its text.
 */
typedef enum {
  MG_ANCHOR_EXACT,
  MG_ANCHOR_MOVED,
  MG_ANCHOR_FUZZY,
  MG_ANCHOR_ORPHANED,
} MgAnchorMethod;

/**
 * MgAnchorSelectors:
 * @start: the old start (code points)
 * @end: the old end (exclusive)
 * @quote: the text the annotation covered
 * @prefix: (nullable): up to %MG_ANCHOR_CONTEXT_LENGTH code points before it
 * @suffix: (nullable): up to %MG_ANCHOR_CONTEXT_LENGTH code points after it
 *
 * What an annotation remembers of its place (DESIGN.md, "Offsets and anchoring").
 */
typedef struct {
  gint64      start;
  gint64      end;
  const char *quote;
  const char *prefix;
  const char *suffix;
} MgAnchorSelectors;

/**
 * MgAnchorResult:
 * @found: whether a place was found (%FALSE for %MG_ANCHOR_ORPHANED)
 * @start: the new start, when found
 * @end: the new end, when found
 * @method: how it was found
 * @score: confidence from 0 (orphaned) to 1 (same quote, same context)
 */
typedef struct {
  gboolean       found;
  gint64         start;
  gint64         end;
  MgAnchorMethod method;
  double         score;
} MgAnchorResult;

/**
 * MgAnchorText:
 *
 * A text prepared once for anchoring many annotations into it: a copy of its bytes and a
 * map between code-point and byte offsets.
 */
typedef struct _MgAnchorText MgAnchorText;

MgAnchorText *mg_anchor_text_new             (const char              *text,
                                              gssize                   length);
void          mg_anchor_text_free            (MgAnchorText            *self);
gint64        mg_anchor_text_get_length      (MgAnchorText            *self);
char         *mg_anchor_text_substring       (MgAnchorText            *self,
                                              gint64                   start,
                                              gint64                   end);
void          mg_anchor_text_get_selectors   (MgAnchorText            *self,
                                              gint64                   start,
                                              gint64                   end,
                                              char                   **out_quote,
                                              char                   **out_prefix,
                                              char                   **out_suffix);

void          mg_anchor_find                 (MgAnchorText            *self,
                                              const MgAnchorSelectors *selectors,
                                              gint64                   expected_shift,
                                              MgAnchorResult          *result);

const char   *mg_anchor_method_to_string     (MgAnchorMethod           method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgAnchorText, mg_anchor_text_free)

G_END_DECLS
