/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"
#include "mg-table.h"

G_BEGIN_DECLS

/* How many code points of context a line shows on each side unless told otherwise. */
#define MG_KWIC_DEFAULT_CONTEXT 40

/**
 * MgKwicRange:
 * @document_id: the document
 * @start: first code point of the occurrence
 * @end: code point after it
 * @code_id: the code of the passage, or 0 for a mention or a search hit
 *
 * One occurrence to show in context.
 */
typedef struct {
  gint64 document_id;
  gint64 start;
  gint64 end;
  gint64 code_id;
} MgKwicRange;

/**
 * MgKwicLine:
 * @range: where the occurrence is
 * @document_title: the title of its document
 * @left: the context before it, on one line
 * @keyword: the occurrence itself, on one line (a very long passage is shortened in the
 *   middle)
 * @right: the context after it, on one line
 *
 * One line of a keyword-in-context concordance.
 */
typedef struct {
  MgKwicRange range;
  char *document_title;
  char *left;
  char *keyword;
  char *right;
} MgKwicLine;

/**
 * MgKwicOrder:
 * @MG_KWIC_ORDER_TEXT: by document title, then position
 * @MG_KWIC_ORDER_LEFT: by the words just before the occurrence, nearest first
 * @MG_KWIC_ORDER_RIGHT: by the words just after it
 * @MG_KWIC_ORDER_KEYWORD: by the occurrence itself
 */
typedef enum {
  MG_KWIC_ORDER_TEXT,
  MG_KWIC_ORDER_LEFT,
  MG_KWIC_ORDER_RIGHT,
  MG_KWIC_ORDER_KEYWORD,
} MgKwicOrder;

void         mg_kwic_line_free              (MgKwicLine   *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgKwicLine, mg_kwic_line_free)

GPtrArray   *mg_kwic_lines                  (MgStore      *store,
                                             GArray       *ranges,
                                             guint         context,
                                             GError      **error);
GPtrArray   *mg_kwic_for_code               (MgStore      *store,
                                             gint64        code_id,
                                             gint64        document_id,
                                             gint64        set_id,
                                             guint         context,
                                             GError      **error);
GPtrArray   *mg_kwic_for_entity             (MgStore      *store,
                                             const char   *entity_key,
                                             int           extractor_version,
                                             guint         context,
                                             GError      **error);
GPtrArray   *mg_kwic_for_search             (MgStore      *store,
                                             const char   *query,
                                             guint         limit,
                                             guint         context,
                                             GError      **error);
void         mg_kwic_sort                   (GPtrArray    *lines,
                                             MgKwicOrder   order);
char        *mg_kwic_left_sort_key          (const char   *left);
MgTable     *mg_kwic_table                  (GPtrArray    *lines,
                                             const char   *title);

G_END_DECLS
