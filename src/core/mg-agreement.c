/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Agreement between coders (annotation sets) on where a code applies.
 *
 * Percent agreement, Cohen's kappa and Fleiss' kappa take every character of the chosen
 * documents as one item that each coder either tagged with the code or not:
 *
 *   Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
 *     Psychological Measurement 20(1), 37-46: kappa = (po - pe) / (1 - pe), po the observed
 *     share of agreeing items, pe the agreement expected from each coder's own proportions.
 *   Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
 *     Bulletin 76(5), 378-382: kappa = (P - Pe) / (1 - Pe), P the mean over items of the
 *     share of agreeing rater pairs, Pe the sum of the squared pooled category proportions.
 *
 * Those count a passage that starts one word late as many disagreeing characters and know
 * nothing of passages as units. Krippendorff's unitizing alpha does:
 *
 *   Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
 *     Methodology 25, 47-76; and Content Analysis: An Introduction to Its Methodology, 2nd
 *     ed. (2004), section 12.4.
 *
 * Each coder cuts the continuum (here: the documents, one after another, of total length L)
 * into segments, units (tagged with the code) and gaps. For two segments g and h of coders
 * i != j the squared difference is
 *
 *   (b_g - b_h)^2 + (e_g - e_h)^2   when both are units and they overlap,
 *   l_g^2                           when g is a unit lying wholly inside the gap h,
 *   l_h^2                           when h is a unit lying wholly inside the gap g,
 *   0                               otherwise,
 *
 * and with m coders and N units over all of them
 *
 *   Do = sum over ordered pairs of coders, their segments g, h of delta^2 / (m (m-1) L^2)
 *   De = 2/L * sum over units u [ (N-1)/3 (2 l^3 - 3 l^2 + l)
 *                                 + l^2 sum over gaps k with l_k >= l of (l_k - l + 1) ]
 *        / (m L (m L - 1) - sum over units u of l (l - 1))
 *   alpha = 1 - Do / De.
 *
 * A coder's overlapping passages with one code are one unit (the definition wants a
 * coder's units apart); segments never cross from one document into the next. The overall
 * row pools the codes: kappas over every (character, code) item, alpha as 1 - sum Do / sum
 * De, which is the binary alpha of each code weighed by its expected disagreement. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "mg-agreement.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-private.h"

G_DEFINE_QUARK (mg-agreement-error-quark, mg_agreement_error)

typedef struct
{
  gint64 start;
  gint64 end;
  gboolean unit;
} Segment;

/* What one code adds up to over the documents. */
typedef struct
{
  guint n_coders;
  gint64 length;
  gint64 *by_count;       /* [n_coders + 1]: characters tagged by exactly k coders */
  gint64 *by_coder;       /* [n_coders]: characters each coder tagged */
  double observed;        /* sum of delta^2 over ordered pairs of coders */
  GArray *units;          /* gint64 lengths */
  GArray *gaps;           /* gint64 lengths */
} Tally;

static void
tally_init (Tally *tally,
            guint  n_coders)
{
  tally->n_coders = n_coders;
  tally->length = 0;
  tally->by_count = g_new0 (gint64, n_coders + 1);
  tally->by_coder = g_new0 (gint64, n_coders);
  tally->observed = 0;
  tally->units = g_array_new (FALSE, FALSE, sizeof (gint64));
  tally->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
tally_clear (Tally *tally)
{
  g_free (tally->by_count);
  g_free (tally->by_coder);
  g_array_unref (tally->units);
  g_array_unref (tally->gaps);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const MgCodedSpan *x = a;
  const MgCodedSpan *y = b;

  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->coder != y->coder)
    return x->coder < y->coder ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* One coder's segmentation of a document: its passages (sorted by start) with overlaps
 * joined, and the gaps between them. */
static void
segment_coder (const MgCodedSpan *spans,
               gsize              n_spans,
               gint64             length,
               GArray            *segments)
{
  gint64 pos = 0;
  gsize i = 0;

  g_array_set_size (segments, 0);
  while (i < n_spans)
    {
      Segment unit = { spans[i].start, spans[i].end, TRUE };

      for (i++; i < n_spans && spans[i].start < unit.end; i++)
        unit.end = MAX (unit.end, spans[i].end);
      if (unit.start > pos)
        {
          Segment gap = { pos, unit.start, FALSE };
          g_array_append_val (segments, gap);
        }
      g_array_append_val (segments, unit);
      pos = unit.end;
    }
  if (pos < length)
    {
      Segment gap = { pos, length, FALSE };
      g_array_append_val (segments, gap);
    }
}

static double
squared (gint64 value)
{
  return (double) value * (double) value;
}

static double
delta (const Segment *g,
       const Segment *h)
{
  if (g->unit && h->unit)
    return squared (g->start - h->start) + squared (g->end - h->end);
  if (g->unit && h->start <= g->start && g->end <= h->end)
    return squared (g->end - g->start);
  if (h->unit && g->start <= h->start && h->end <= g->end)
    return squared (h->end - h->start);
  return 0;
}

/* Walks two segmentations of one document side by side: every pair of segments that
 * overlap is met exactly once, and no other pair has a difference. */
static double
pair_difference (GArray *a,
                 GArray *b)
{
  double sum = 0;
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      const Segment *g = &g_array_index (a, Segment, i);
      const Segment *h = &g_array_index (b, Segment, j);

      sum += delta (g, h);
      if (g->end <= h->end)
        i++;
      if (h->end <= g->end)
        j++;
    }
  return sum;
}

typedef struct
{
  gint64 pos;
  int step;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a;
  const Event *y = b;

  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Characters by how many coders tagged them, from the units of every coder. */
static void
count_coverage (Tally   *tally,
                GArray **segmentations,
                gint64   length)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  gint64 prev = 0;
  guint k = 0;

  for (guint c = 0; c < tally->n_coders; c++)
    for (guint s = 0; s < segmentations[c]->len; s++)
      {
        const Segment *seg = &g_array_index (segmentations[c], Segment, s);
        Event in = { seg->start, +1 }, out = { seg->end, -1 };

        if (!seg->unit)
          continue;
        tally->by_coder[c] += seg->end - seg->start;
        g_array_append_val (events, in);
        g_array_append_val (events, out);
      }
  g_array_sort (events, compare_events);
  for (guint e = 0; e < events->len; e++)
    {
      const Event *event = &g_array_index (events, Event, e);

      tally->by_count[k] += event->pos - prev;
      k += event->step;
      prev = event->pos;
    }
  tally->by_count[0] += length - prev;
}

static void
tally_document (Tally             *tally,
                const MgCodedSpan *spans,
                gsize              n_spans,
                gint64             length,
                GArray           **segmentations)
{
  gsize i = 0;

  if (length <= 0)
    return;
  for (guint c = 0; c < tally->n_coders; c++)
    {
      gsize first = i;

      while (i < n_spans && spans[i].coder == c)
        i++;
      segment_coder (spans + first, i - first, length, segmentations[c]);
      for (guint s = 0; s < segmentations[c]->len; s++)
        {
          const Segment *seg = &g_array_index (segmentations[c], Segment, s);
          gint64 l = seg->end - seg->start;

          g_array_append_val (seg->unit ? tally->units : tally->gaps, l);
        }
    }
  count_coverage (tally, segmentations, length);
  for (guint a = 0; a < tally->n_coders; a++)
    for (guint b = a + 1; b < tally->n_coders; b++)
      tally->observed += 2 * pair_difference (segmentations[a], segmentations[b]);
  tally->length += length;
}

static double
observed_disagreement (const Tally *tally)
{
  double m = tally->n_coders;

  if (tally->length == 0)
    return 0;
  return tally->observed / (m * (m - 1) * squared (tally->length));
}

/* The gaps sorted by length with sums from the longest down, so that for a unit of length
 * l the sum over gaps at least l long of (l_k - l + 1) is one binary search away. */
static double
expected_disagreement (const Tally *tally)
{
  guint n_gaps = tally->gaps->len;
  g_autofree double *tail = g_new0 (double, n_gaps + 1);
  const gint64 *gaps = (const gint64 *) (gpointer) tally->gaps->data;
  double n_units = tally->units->len;
  double m = tally->n_coders, L = tally->length;
  double sum = 0, same = 0, denominator;

  if (tally->units->len == 0 || tally->length == 0)
    return 0;
  g_array_sort (tally->gaps, compare_int64);
  for (guint k = n_gaps; k > 0; k--)
    tail[k - 1] = tail[k] + (double) gaps[k - 1];
  for (guint u = 0; u < tally->units->len; u++)
    {
      double l = (double) g_array_index (tally->units, gint64, u);
      guint lo = 0, hi = n_gaps;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if ((double) gaps[mid] < l)
            lo = mid + 1;
          else
            hi = mid;
        }
      sum += (n_units - 1) / 3 * (2 * l * l * l - 3 * l * l + l)
             + l * l * (tail[lo] - (l - 1) * (double) (n_gaps - lo));
      same += l * (l - 1);
    }
  denominator = m * L * (m * L - 1) - same;
  if (denominator <= 0)
    return 0;
  return 2 / L * sum / denominator;
}

static double
kappa (double observed,
       double expected)
{
  if (expected >= 1)
    return NAN;
  return (observed - expected) / (1 - expected);
}

/* Percent agreement and the kappas, from characters counted by how many coders tagged
 * them and by which coder. */
static void
character_figures (const gint64       *by_count,
                   const gint64       *by_coder,
                   guint               m,
                   MgAgreementFigures *figures)
{
  double n = 0, pairs = 0, tagged = 0;

  for (guint k = 0; k <= m; k++)
    {
      double count = (double) by_count[k];

      n += count;
      tagged += count * k;
      pairs += count * ((double) k * (k - 1) + (double) (m - k) * (m - k - 1));
    }
  figures->percent = figures->cohen_kappa = figures->fleiss_kappa = NAN;
  if (n == 0)
    return;
  figures->percent = (double) (by_count[0] + by_count[m]) / n;
  if (m == 2)
    {
      double pa = by_coder[0] / n, pb = by_coder[1] / n;

      figures->cohen_kappa = kappa (figures->percent, pa * pb + (1 - pa) * (1 - pb));
    }
  {
    double p = tagged / (n * m);

    figures->fleiss_kappa = kappa (pairs / (n * m * (m - 1)), p * p + (1 - p) * (1 - p));
  }
}

static void
figures_from_tally (const Tally        *tally,
                    gint64              code,
                    double             *out_observed,
                    double             *out_expected,
                    MgAgreementFigures *figures)
{
  double observed = observed_disagreement (tally);
  double expected = expected_disagreement (tally);

  figures->code = code;
  figures->characters = tally->length;
  figures->units = tally->units->len;
  character_figures (tally->by_count, tally->by_coder, tally->n_coders, figures);
  figures->u_alpha = expected > 0 ? 1 - observed / expected : NAN;
  *out_observed = observed;
  *out_expected = expected;
}

/* The spans worth weighing, as a sorted copy: those of a known document and coder, with a
 * chosen code, cut to the text, not empty. */
static GArray *
usable_spans (GHashTable        *documents,
              const MgCodedSpan *spans,
              gsize              n_spans,
              guint              n_coders,
              GHashTable        *codes)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (MgCodedSpan));

  for (gsize i = 0; i < n_spans; i++)
    {
      MgCodedSpan span = spans[i];
      const MgAgreementDocument *document = g_hash_table_lookup (documents, &span.document);

      if (document == NULL || span.coder >= n_coders
          || (codes != NULL && !g_hash_table_contains (codes, &span.code)))
        continue;
      span.start = CLAMP (span.start, 0, document->length);
      span.end = CLAMP (span.end, span.start, document->length);
      if (span.end > span.start)
        g_array_append_val (kept, span);
    }
  g_array_sort (kept, compare_spans);
  return kept;
}

/* The first span with @code, or the length when there is none. */
static guint
find_code (GArray *spans,
           gint64  code)
{
  guint lo = 0, hi = spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (spans, MgCodedSpan, mid).code < code)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
tally_code (Tally                     *tally,
            GArray                    *spans,
            gint64                     code,
            const MgAgreementDocument *sorted_documents,
            guint                      n_documents,
            GArray                   **segmentations)
{
  guint i = find_code (spans, code);

  for (guint d = 0; d < n_documents; d++)
    {
      guint first;

      while (i < spans->len && g_array_index (spans, MgCodedSpan, i).code == code
             && g_array_index (spans, MgCodedSpan, i).document < sorted_documents[d].id)
        i++;
      first = i;
      while (i < spans->len && g_array_index (spans, MgCodedSpan, i).code == code
             && g_array_index (spans, MgCodedSpan, i).document == sorted_documents[d].id)
        i++;
      tally_document (tally, &g_array_index (spans, MgCodedSpan, first), i - first,
                      sorted_documents[d].length, segmentations);
    }
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  return compare_int64 (&((const MgAgreementDocument *) a)->id,
                        &((const MgAgreementDocument *) b)->id);
}

/* The codes asked for, or else every code some coder used, by id. */
static GArray *
chosen_codes (GArray       *spans,
              const gint64 *codes,
              guint         n_codes)
{
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (codes != NULL)
    {
      for (guint i = 0; i < n_codes; i++)
        if (g_hash_table_add (seen, (gpointer) &codes[i]))
          g_array_append_val (chosen, codes[i]);
      return chosen;
    }
  for (guint i = 0; i < spans->len; i++)
    {
      gint64 code = g_array_index (spans, MgCodedSpan, i).code;

      if (chosen->len == 0 || g_array_index (chosen, gint64, chosen->len - 1) != code)
        g_array_append_val (chosen, code);
    }
  return chosen;
}

static void
pool (gint64       *into_count,
      gint64       *into_coder,
      const Tally  *tally)
{
  for (guint k = 0; k <= tally->n_coders; k++)
    into_count[k] += tally->by_count[k];
  for (guint c = 0; c < tally->n_coders; c++)
    into_coder[c] += tally->by_coder[c];
}

/**
 * mg_agreement_compute:
 * @documents: (array length=n_documents): the documents to weigh; spans of others are left
 *   out
 * @spans: (array length=n_spans): every coder's tagged passages
 * @n_coders: how many coders (2 or more for figures that mean anything)
 * @codes: (array length=n_codes) (nullable): the codes to weigh, or %NULL for every code
 *   in @spans
 *
 * The agreement figures of the coders, one row per code (in the order of @codes, or by
 * id) and a last overall row with code 0. A code nobody used in these documents gets a
 * row of perfect percent agreement and undefined (NAN) kappas and alpha.
 *
 * Returns: (transfer full) (element-type MgAgreementFigures): the rows
 */
GArray *
mg_agreement_compute (const MgAgreementDocument *documents,
                      guint                      n_documents,
                      const MgCodedSpan         *spans,
                      gsize                      n_spans,
                      guint                      n_coders,
                      const gint64              *codes,
                      guint                      n_codes)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) code_filter = NULL;
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (MgAgreementDocument));
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GArray) chosen = NULL;
  g_autofree GArray **segmentations = g_new0 (GArray *, MAX (n_coders, 1));
  g_autofree gint64 *all_count = g_new0 (gint64, n_coders + 1);
  g_autofree gint64 *all_coder = g_new0 (gint64, MAX (n_coders, 1));
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (MgAgreementFigures));
  MgAgreementFigures overall = { 0, };
  double sum_observed = 0, sum_expected = 0;

  g_return_val_if_fail (documents != NULL || n_documents == 0, rows);
  g_return_val_if_fail (spans != NULL || n_spans == 0, rows);
  g_return_val_if_fail (n_coders >= 2, rows);

  for (guint d = 0; d < n_documents; d++)
    if (g_hash_table_insert (by_id, (gpointer) &documents[d].id, (gpointer) &documents[d]))
      g_array_append_val (sorted, documents[d]);
  g_array_sort (sorted, compare_documents);
  if (codes != NULL)
    {
      code_filter = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < n_codes; i++)
        g_hash_table_add (code_filter, (gpointer) &codes[i]);
    }
  kept = usable_spans (by_id, spans, n_spans, n_coders, code_filter);
  chosen = chosen_codes (kept, codes, n_codes);
  for (guint c = 0; c < n_coders; c++)
    segmentations[c] = g_array_new (FALSE, FALSE, sizeof (Segment));

  for (guint i = 0; i < chosen->len; i++)
    {
      Tally tally;
      MgAgreementFigures row;
      double observed, expected;

      tally_init (&tally, n_coders);
      tally_code (&tally, kept, g_array_index (chosen, gint64, i),
                  (const MgAgreementDocument *) (gpointer) sorted->data, sorted->len,
                  segmentations);
      figures_from_tally (&tally, g_array_index (chosen, gint64, i), &observed, &expected,
                          &row);
      g_array_append_val (rows, row);
      pool (all_count, all_coder, &tally);
      overall.characters += tally.length;
      overall.units += tally.units->len;
      sum_observed += observed;
      sum_expected += expected;
      tally_clear (&tally);
    }

  character_figures (all_count, all_coder, n_coders, &overall);
  overall.u_alpha = sum_expected > 0 ? 1 - sum_observed / sum_expected : NAN;
  g_array_append_val (rows, overall);
  for (guint c = 0; c < n_coders; c++)
    g_array_unref (segmentations[c]);
  return rows;
}

/* Loading the figures' input from the library. */

static gboolean
check_sets (MgStore       *store,
            const gint64  *set_ids,
            guint          n_sets,
            GError       **error)
{
  if (n_sets < 2)
    {
      g_set_error (error, MG_AGREEMENT_ERROR, MG_AGREEMENT_ERROR_TOO_FEW_SETS,
                   _("Agreement needs at least two annotation sets; choose another set"));
      return FALSE;
    }
  for (guint i = 0; i < n_sets; i++)
    {
      g_autoptr(MgAnnotationSet) set = mg_store_get_annotation_set (store, set_ids[i], error);

      if (set == NULL)
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (set_ids[j] == set_ids[i])
          {
            g_set_error (error, MG_AGREEMENT_ERROR, MG_AGREEMENT_ERROR_SAME_SET,
                         _("The set “%s” was chosen twice; choose different sets"),
                         mg_annotation_set_get_name (set));
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
load_documents (MgStore       *store,
                const gint64  *document_ids,
                guint          n_documents,
                GArray        *documents,
                GError       **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store, document_ids != NULL
    ? "SELECT id, char_count FROM documents WHERE id = ?"
    : "SELECT id, char_count FROM documents ORDER BY id", error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < (document_ids != NULL ? n_documents : 1); i++)
    {
      gboolean found = FALSE;

      if (document_ids != NULL)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, document_ids[i]);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          MgAgreementDocument document = { sqlite3_column_int64 (stmt, 0),
                                           sqlite3_column_int64 (stmt, 1) };

          g_array_append_val (documents, document);
          found = TRUE;
        }
      if (rc != SQLITE_DONE)
        break;
      if (document_ids != NULL && !found)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, document_ids[i]);

          sqlite3_finalize (stmt);
          g_set_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND,
                       _("There is no document %s in the library"), id);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (store, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Orphaned passages are left out: their place in the text is not known. */
static gboolean
load_spans (MgStore  *store,
            gint64    set_id,
            guint     coder,
            GArray   *spans,
            GError  **error)
{
  sqlite3_stmt *stmt = mg_store_prepare (store,
    "SELECT document, code, start, end FROM annotations"
    " WHERE annotation_set = ? AND orphaned = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MgCodedSpan span = { sqlite3_column_int64 (stmt, 0), coder,
                           sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                           sqlite3_column_int64 (stmt, 3) };

      g_array_append_val (spans, span);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mg_store_set_db_error (store, error, rc);
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_agreement_load:
 * @set_ids: (array length=n_sets): the sets to compare, coder 0 first
 * @document_ids: (array length=n_documents) (nullable): the documents, or %NULL for all
 * @out_documents: (out) (transfer full) (element-type MgAgreementDocument): the documents
 * @out_spans: (out) (transfer full) (element-type MgCodedSpan): the sets' passages, each
 *   with its set's place in @set_ids as coder
 *
 * Reads what mg_agreement_compute() weighs: the documents' lengths and the sets' passages.
 *
 * Returns: %TRUE, or %FALSE with @error set (%MG_AGREEMENT_ERROR for fewer than two or
 *   repeated sets, %MG_STORE_ERROR_NOT_FOUND for a missing set or document)
 */
gboolean
mg_agreement_load (MgStore       *store,
                   const gint64  *set_ids,
                   guint          n_sets,
                   const gint64  *document_ids,
                   guint          n_documents,
                   GArray       **out_documents,
                   GArray       **out_spans,
                   GError       **error)
{
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (MgAgreementDocument));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (MgCodedSpan));

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (set_ids != NULL || n_sets == 0, FALSE);

  if (!check_sets (store, set_ids, n_sets, error)
      || !load_documents (store, document_ids, n_documents, documents, error))
    return FALSE;
  for (guint i = 0; i < n_sets; i++)
    if (!load_spans (store, set_ids[i], i, spans, error))
      return FALSE;
  *out_documents = g_steal_pointer (&documents);
  *out_spans = g_steal_pointer (&spans);
  return TRUE;
}

/**
 * mg_agreement_measure:
 * @codes: (array length=n_codes) (nullable): the codes, or %NULL for every code used
 *
 * Loads the sets (see mg_agreement_load()) and computes their agreement (see
 * mg_agreement_compute()).
 *
 * Returns: (transfer full) (nullable) (element-type MgAgreementFigures): the rows, the
 *   overall one last, or %NULL with @error set
 */
GArray *
mg_agreement_measure (MgStore       *store,
                      const gint64  *set_ids,
                      guint          n_sets,
                      const gint64  *document_ids,
                      guint          n_documents,
                      const gint64  *codes,
                      guint          n_codes,
                      GError       **error)
{
  g_autoptr(GArray) documents = NULL;
  g_autoptr(GArray) spans = NULL;

  for (guint i = 0; codes != NULL && i < n_codes; i++)
    {
      g_autoptr(MgCode) code = mg_store_get_code (store, codes[i], error);

      if (code == NULL)
        return NULL;
    }
  if (!mg_agreement_load (store, set_ids, n_sets, document_ids, n_documents, &documents,
                          &spans, error))
    return NULL;
  return mg_agreement_compute ((const MgAgreementDocument *) (gpointer) documents->data,
                               documents->len, (const MgCodedSpan *) (gpointer) spans->data,
                               spans->len, n_sets, codes, n_codes);
}
