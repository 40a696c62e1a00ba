/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgInterval:
 * @start: code-point offset of the first character
 * @end: code-point offset just after the last one (end exclusive)
 * @id: what the interval stands for, such as an annotation's id
 *
 * One passage as the index keeps it. An empty interval (@start == @end) lies at @start: a
 * query sees it when the query covers @start.
 */
typedef struct {
  gint64 start;
  gint64 end;
  gint64 id;
} MgInterval;

/**
 * MgIntervalIndex:
 *
 * The passages of one document, kept so that what lies in view or under the pointer is
 * found without scanning them all. Not thread-safe: one owner at a time.
 */
typedef struct _MgIntervalIndex MgIntervalIndex;

MgIntervalIndex *mg_interval_index_new          (void);
MgIntervalIndex *mg_interval_index_new_from_array (const MgInterval *intervals,
                                                 gsize             n_intervals);
void             mg_interval_index_free         (MgIntervalIndex  *self);
gsize            mg_interval_index_get_size     (MgIntervalIndex  *self);
gsize            mg_interval_index_get_memory_size (MgIntervalIndex *self);

void             mg_interval_index_insert       (MgIntervalIndex  *self,
                                                 gint64            start,
                                                 gint64            end,
                                                 gint64            id);
gboolean         mg_interval_index_remove       (MgIntervalIndex  *self,
                                                 gint64            start,
                                                 gint64            end,
                                                 gint64            id);
guint            mg_interval_index_query        (MgIntervalIndex  *self,
                                                 gint64            start,
                                                 gint64            end,
                                                 GArray           *out);
guint            mg_interval_index_query_point  (MgIntervalIndex  *self,
                                                 gint64            point,
                                                 GArray           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgIntervalIndex, mg_interval_index_free)

G_END_DECLS
