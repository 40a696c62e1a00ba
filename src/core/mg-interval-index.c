/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgIntervalIndex: the intervals sorted by (start, end, id) in small fixed chunks, with a
 * max-end tree over the chunks. A query walks down the tree into the chunks that start before
 * the range ends and reach past its start, so it costs O(log n + k) with a chunk's size as the
 * constant; an insert or removal moves at most one chunk's worth of intervals and updates one
 * path of the tree, so tagging stays instant at millions of passages. */
#include "mg-interval-index.h"

#include <stdlib.h>
#include <string.h>

/* Small enough that shifting a chunk is a few cache lines, large enough that the tree over
 * the chunks stays a fraction of the intervals' own memory. */
#define CHUNK_CAPACITY 64

/* A built index leaves a quarter of each chunk free, so the first inserts split nothing. */
#define CHUNK_FILL 48

typedef struct {
  guint len;
  gint64 max_reach;
  MgInterval items[CHUNK_CAPACITY];
} Chunk;

struct _MgIntervalIndex
{
  GPtrArray *chunks;
  /* Implicit segment tree: node 1 is the root, node i has children 2i and 2i + 1, and the
   * leaves (n_leaves of them, a power of two) hold the chunks' max_reach in order. */
  gint64 *tree;
  gsize n_leaves;
  gsize size;
};

/* How far an interval reaches for the purpose of a query: an empty one lies at its start. */
static inline gint64
reach (const MgInterval *interval)
{
  return MAX (interval->end, interval->start + 1);
}

static int
compare_intervals (const void *a,
                   const void *b)
{
  const MgInterval *x = a;
  const MgInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return 0;
}

static inline Chunk *
chunk_at (MgIntervalIndex *self,
          guint            index)
{
  return g_ptr_array_index (self->chunks, index);
}

static void
chunk_update_reach (Chunk *chunk)
{
  chunk->max_reach = G_MININT64;
  for (guint i = 0; i < chunk->len; i++)
    chunk->max_reach = MAX (chunk->max_reach, reach (&chunk->items[i]));
}

static void
rebuild_tree (MgIntervalIndex *self)
{
  gsize n_leaves = 1;

  while (n_leaves < self->chunks->len)
    n_leaves *= 2;
  self->n_leaves = n_leaves;
  self->tree = g_renew (gint64, self->tree, 2 * n_leaves);
  for (gsize i = 0; i < n_leaves; i++)
    self->tree[n_leaves + i] = i < self->chunks->len ? chunk_at (self, i)->max_reach
                                                     : G_MININT64;
  for (gsize node = n_leaves - 1; node >= 1; node--)
    self->tree[node] = MAX (self->tree[2 * node], self->tree[2 * node + 1]);
}

static void
update_tree (MgIntervalIndex *self,
             guint            chunk_index)
{
  gsize node = self->n_leaves + chunk_index;

  self->tree[node] = chunk_at (self, chunk_index)->max_reach;
  for (node /= 2; node >= 1; node /= 2)
    self->tree[node] = MAX (self->tree[2 * node], self->tree[2 * node + 1]);
}

/**
 * mg_interval_index_new:
 *
 * Returns: (transfer full): an empty index
 */
MgIntervalIndex *
mg_interval_index_new (void)
{
  MgIntervalIndex *self = g_new0 (MgIntervalIndex, 1);

  self->chunks = g_ptr_array_new_with_free_func (g_free);
  rebuild_tree (self);
  return self;
}

/**
 * mg_interval_index_new_from_array:
 * @intervals: (array length=n_intervals): the intervals, in any order
 *
 * Builds an index in O(n log n): the way to load a document's passages at once.
 *
 * Returns: (transfer full): the index
 */
MgIntervalIndex *
mg_interval_index_new_from_array (const MgInterval *intervals,
                                  gsize             n_intervals)
{
  MgIntervalIndex *self = mg_interval_index_new ();
  g_autofree MgInterval *sorted = NULL;

  g_return_val_if_fail (intervals != NULL || n_intervals == 0, self);

  sorted = g_memdup2 (intervals, n_intervals * sizeof (MgInterval));
  /* An empty index has no array, and qsort must not be given NULL. */
  if (n_intervals > 0)
    qsort (sorted, n_intervals, sizeof (MgInterval), compare_intervals);
  for (gsize i = 0; i < n_intervals; i += CHUNK_FILL)
    {
      Chunk *chunk = g_new (Chunk, 1);

      chunk->len = (guint) MIN (CHUNK_FILL, n_intervals - i);
      memcpy (chunk->items, sorted + i, chunk->len * sizeof (MgInterval));
      chunk_update_reach (chunk);
      g_ptr_array_add (self->chunks, chunk);
    }
  self->size = n_intervals;
  rebuild_tree (self);
  return self;
}

/**
 * mg_interval_index_free:
 *
 * Frees the index and everything it holds.
 */
void
mg_interval_index_free (MgIntervalIndex *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->chunks);
  g_free (self->tree);
  g_free (self);
}

/**
 * mg_interval_index_get_size:
 *
 * Returns: how many intervals the index holds
 */
gsize
mg_interval_index_get_size (MgIntervalIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

/**
 * mg_interval_index_get_memory_size:
 *
 * Returns: the bytes the index allocated, for benchmarks and diagnostics
 */
gsize
mg_interval_index_get_memory_size (MgIntervalIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof (*self) + self->chunks->len * (sizeof (Chunk) + sizeof (gpointer))
         + 2 * self->n_leaves * sizeof (gint64);
}

/* The chunk where @key belongs: the last one whose first interval is not after @key. */
static guint
find_chunk (MgIntervalIndex  *self,
            const MgInterval *key)
{
  guint lo = 0;
  guint hi = self->chunks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_intervals (&chunk_at (self, mid)->items[0], key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

/* The first position in @chunk whose interval is not before @key. */
static guint
chunk_lower_bound (const Chunk      *chunk,
                   const MgInterval *key)
{
  guint lo = 0;
  guint hi = chunk->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_intervals (&chunk->items[mid], key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
split_chunk (MgIntervalIndex *self,
             guint            index)
{
  Chunk *chunk = chunk_at (self, index);
  Chunk *upper = g_new (Chunk, 1);
  guint keep = chunk->len / 2;

  upper->len = chunk->len - keep;
  memcpy (upper->items, chunk->items + keep, upper->len * sizeof (MgInterval));
  chunk->len = keep;
  chunk_update_reach (chunk);
  chunk_update_reach (upper);
  g_ptr_array_insert (self->chunks, (int) index + 1, upper);
  rebuild_tree (self);
}

/**
 * mg_interval_index_insert:
 * @start: code-point offset where the interval starts
 * @end: where it ends (exclusive), not before @start
 * @id: what it stands for
 *
 * Adds one interval. An interval equal to one already held is held twice.
 */
void
mg_interval_index_insert (MgIntervalIndex *self,
                          gint64           start,
                          gint64           end,
                          gint64           id)
{
  MgInterval key = { start, end, id };
  Chunk *chunk;
  guint index;
  guint pos;

  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end);

  if (self->chunks->len == 0)
    {
      g_ptr_array_add (self->chunks, g_new0 (Chunk, 1));
      chunk_at (self, 0)->max_reach = G_MININT64;
      rebuild_tree (self);
    }
  index = find_chunk (self, &key);
  chunk = chunk_at (self, index);
  pos = chunk_lower_bound (chunk, &key);
  memmove (chunk->items + pos + 1, chunk->items + pos, (chunk->len - pos) * sizeof (MgInterval));
  chunk->items[pos] = key;
  chunk->len++;
  chunk->max_reach = MAX (chunk->max_reach, reach (&key));
  self->size++;
  if (chunk->len == CHUNK_CAPACITY)
    split_chunk (self, index);
  else
    update_tree (self, index);
}

/* Joins a chunk that removals have thinned out to its next neighbour, so that many removals
 * cannot leave the tree over mostly empty chunks. */
static gboolean
merge_with_next (MgIntervalIndex *self,
                 guint            index)
{
  Chunk *chunk;
  Chunk *next;

  if (index + 1 >= self->chunks->len)
    return FALSE;
  chunk = chunk_at (self, index);
  next = chunk_at (self, index + 1);
  if (chunk->len + next->len > CHUNK_CAPACITY / 2)
    return FALSE;
  memcpy (chunk->items + chunk->len, next->items, next->len * sizeof (MgInterval));
  chunk->len += next->len;
  chunk->max_reach = MAX (chunk->max_reach, next->max_reach);
  g_ptr_array_remove_index (self->chunks, index + 1);
  return TRUE;
}

static void
settle_after_removal (MgIntervalIndex *self,
                      guint            index)
{
  Chunk *chunk = chunk_at (self, index);

  if (chunk->len == 0)
    {
      g_ptr_array_remove_index (self->chunks, index);
      rebuild_tree (self);
      return;
    }
  chunk_update_reach (chunk);
  if (merge_with_next (self, index) || (index > 0 && merge_with_next (self, index - 1)))
    rebuild_tree (self);
  else
    update_tree (self, index);
}

/**
 * mg_interval_index_remove:
 *
 * Removes one interval equal to (@start, @end, @id).
 *
 * Returns: %TRUE when the index held such an interval
 */
gboolean
mg_interval_index_remove (MgIntervalIndex *self,
                          gint64           start,
                          gint64           end,
                          gint64           id)
{
  MgInterval key = { start, end, id };
  Chunk *chunk;
  guint index;
  guint pos;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->chunks->len == 0)
    return FALSE;
  index = find_chunk (self, &key);
  chunk = chunk_at (self, index);
  pos = chunk_lower_bound (chunk, &key);
  if (pos == chunk->len || compare_intervals (&chunk->items[pos], &key) != 0)
    return FALSE;
  memmove (chunk->items + pos, chunk->items + pos + 1,
           (chunk->len - pos - 1) * sizeof (MgInterval));
  chunk->len--;
  self->size--;
  settle_after_removal (self, index);
  return TRUE;
}

/* How many chunks start before @end: only those can hold an interval overlapping a range
 * that ends there. */
static guint
count_chunks_starting_before (MgIntervalIndex *self,
                              gint64           end)
{
  guint lo = 0;
  guint hi = self->chunks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (chunk_at (self, mid)->items[0].start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct {
  gint64 start;
  gint64 end;
  guint n_chunks;
  GArray *out;
  guint found;
} Query;

static void
scan_chunk (const Chunk *chunk,
            Query       *query)
{
  for (guint i = 0; i < chunk->len && chunk->items[i].start < query->end; i++)
    if (reach (&chunk->items[i]) > query->start)
      {
        g_array_append_val (query->out, chunk->items[i]);
        query->found++;
      }
}

/* Visits, left to right, the chunks under @node (which covers chunks [lo, hi)) that can hold
 * a match; a subtree whose intervals all end before the range starts is skipped whole. */
static void
descend (MgIntervalIndex *self,
         gsize            node,
         gsize            lo,
         gsize            hi,
         Query           *query)
{
  gsize mid;

  if (lo >= query->n_chunks || self->tree[node] <= query->start)
    return;
  if (hi - lo == 1)
    {
      scan_chunk (chunk_at (self, (guint) lo), query);
      return;
    }
  mid = lo + (hi - lo) / 2;
  descend (self, 2 * node, lo, mid, query);
  descend (self, 2 * node + 1, mid, hi, query);
}

/**
 * mg_interval_index_query:
 * @start: where the range starts (code points)
 * @end: where it ends (exclusive)
 * @out: (element-type MgInterval): where the matches are appended
 *
 * Finds the intervals that overlap [@start, @end): those that start before @end and end
 * after @start (an empty interval at p counts when @start <= p < @end). An empty range
 * matches nothing.
 *
 * Returns: how many intervals were appended to @out, in (start, end, id) order
 */
guint
mg_interval_index_query (MgIntervalIndex *self,
                         gint64           start,
                         gint64           end,
                         GArray          *out)
{
  Query query = { start, end, 0, out, 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (out) == sizeof (MgInterval), 0);

  if (start >= end || self->size == 0)
    return 0;
  query.n_chunks = count_chunks_starting_before (self, end);
  descend (self, 1, 0, self->n_leaves, &query);
  return query.found;
}

/**
 * mg_interval_index_query_point:
 * @point: a code-point offset, such as the character under the pointer
 * @out: (element-type MgInterval): where the matches are appended
 *
 * Finds the intervals that contain @point (start <= @point < end), and the empty ones at
 * @point, in start order.
 *
 * Returns: how many intervals were appended to @out
 */
guint
mg_interval_index_query_point (MgIntervalIndex *self,
                               gint64           point,
                               GArray          *out)
{
  g_return_val_if_fail (point < G_MAXINT64, 0);
  return mg_interval_index_query (self, point, point + 1, out);
}
