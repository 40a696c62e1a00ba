/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: search across the corpus with the library's FTS5 index. */

#define MG_TYPE_SEARCH_HIT (mg_search_hit_get_type ())

/**
 * MgSearchHit:
 * @document_id: the document the hit is in
 * @title: the document's title
 * @start: where the match starts, in code points into the document's stored text
 * @end: where it ends (exclusive); @start and @end are both 0 for a document found by its
 *   title alone
 * @in_title: %TRUE when the query matched the document's title but no passage of its text;
 *   the snippet is then the title
 * @snippet: the match with some context on each side, on one line
 * @snippet_start: where the match starts in @snippet, in code points
 * @snippet_end: where it ends in @snippet (exclusive)
 *
 * One occurrence of a query in the library.
 */
typedef struct
{
  gint64 document_id;
  char *title;
  gint64 start;
  gint64 end;
  gboolean in_title;
  char *snippet;
  glong snippet_start;
  glong snippet_end;
} MgSearchHit;

GType        mg_search_hit_get_type         (void) G_GNUC_CONST;
MgSearchHit *mg_search_hit_copy             (const MgSearchHit *hit);
void         mg_search_hit_free             (MgSearchHit       *hit);

GPtrArray   *mg_store_search                (MgStore           *store,
                                             const char        *query,
                                             guint              max_hits,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSearchHit, mg_search_hit_free)

G_END_DECLS
