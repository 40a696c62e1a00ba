/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Agreement figures against examples computed by hand (the computation is in the comment
 * beside each), loading sets from the library with its error paths, and merging
 * disagreements into a consensus set with undo and redo. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mg-agreement.h"
#include "mg-highlight-layout.h"
#include "mg-set-merge.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

#define CODE 7

static void
assert_near (double value,
             double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

/* The figures of one code over one document of @length, two coders unless said. */
static MgAgreementFigures
figures_of (gint64             length,
            const MgCodedSpan *spans,
            gsize              n_spans,
            guint              n_coders)
{
  MgAgreementDocument document = { 1, length };
  gint64 code = CODE;
  g_autoptr(GArray) rows = mg_agreement_compute (&document, 1, spans, n_spans, n_coders,
                                                 &code, 1);

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 0).code, ==, CODE);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 1).code, ==, 0);
  return g_array_index (rows, MgAgreementFigures, 0);
}

/* Cohen's (1960) kind of worked example, the one most textbooks show: 50 items, A says yes
 * to 25, B to 30, both yes 20, both no 15. Here the items are the 50 characters:
 * A tags [0,25); B tags [0,20) and [25,35).
 *   po = (20 + 15) / 50 = 0.7; pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4.
 * Fleiss (for two coders, Scott's pi): p = (25 + 30) / 100 = 0.55,
 *   Pe = 0.55^2 + 0.45^2 = 0.505, P = 0.7, kappa = 0.195 / 0.495.
 * Unitizing alpha, L = 50, m = 2. A: unit [0,25), gap [25,50).
 *   B: unit [0,20), gap [20,25), unit [25,35), gap [35,50).
 *   Overlapping pairs: A[0,25)/B[0,20) both units: 0^2 + 5^2 = 25; A[0,25)/B gap [20,25):
 *   the unit is not inside the gap, 0; A gap [25,50)/B[25,35): a unit inside a gap,
 *   10^2 = 100; gap/gap 0. Ordered pairs: 2 * 125 = 250. Do = 250 / (2 * 1 * 50^2) = 0.05.
 *   Units 25, 20, 10 (N = 3); gaps 25, 5, 15.
 *   l=25: (2/3)(2*15625 - 3*625 + 25) = 19600, gaps >= 25: (25-25+1) = 1, * 625 = 625.
 *   l=20: (2/3)(16000 - 1200 + 20) = 9880, gaps >= 20: 6, * 400 = 2400.
 *   l=10: (2/3)(2000 - 300 + 10) = 1140, gaps >= 10: 16 + 6 = 22, * 100 = 2200.
 *   Sum 35845; * 2/50 = 1433.8; over 100 * 99 - (600 + 380 + 90) = 8830.
 *   alpha = 1 - 0.05 / (1433.8 / 8830). */
static void
test_cohen_worked (void)
{
  MgCodedSpan spans[] = {
    { 1, 0, CODE, 0, 25 }, { 1, 1, CODE, 0, 20 }, { 1, 1, CODE, 25, 35 },
  };
  MgAgreementFigures f = figures_of (50, spans, G_N_ELEMENTS (spans), 2);

  assert_near (f.percent, 0.7);
  assert_near (f.cohen_kappa, 0.4);
  assert_near (f.fleiss_kappa, 0.195 / 0.495);
  assert_near (f.u_alpha, 1 - 0.05 / (1433.8 / 8830));
  g_assert_cmpint (f.characters, ==, 50);
  g_assert_cmpuint (f.units, ==, 3);
}

/* Both coders tag the same two passages: every figure is 1. */
static void
test_perfect (void)
{
  MgCodedSpan spans[] = {
    { 1, 0, CODE, 2, 5 }, { 1, 0, CODE, 10, 15 },
    { 1, 1, CODE, 10, 15 }, { 1, 1, CODE, 2, 5 },
  };
  MgAgreementFigures f = figures_of (20, spans, G_N_ELEMENTS (spans), 2);

  assert_near (f.percent, 1);
  assert_near (f.cohen_kappa, 1);
  assert_near (f.fleiss_kappa, 1);
  assert_near (f.u_alpha, 1);
}

/* No agreement at all: A tags [0,5), B tags [5,10) of 10 characters.
 *   po = 0; pe = 0.5 * 0.5 + 0.5 * 0.5 = 0.5; kappa = -0.5 / 0.5 = -1.
 *   Alpha: A unit [0,5) inside B's gap [0,5): 25; B's unit [5,10) inside A's gap: 25.
 *   Do = 2 * 50 / (2 * 100) = 0.5. Units 5, 5 (N = 2), gaps 5, 5:
 *   each unit (1/3)(250 - 75 + 5) = 60 + 25 * (1 + 1) = 110; sum 220, * 2/10 = 44, over
 *   20 * 19 - 2 * 20 = 340. alpha = 1 - 0.5 / (44 / 340) = 1 - 170 / 44. */
static void
test_zero (void)
{
  MgCodedSpan spans[] = { { 1, 0, CODE, 0, 5 }, { 1, 1, CODE, 5, 10 } };
  MgAgreementFigures f = figures_of (10, spans, G_N_ELEMENTS (spans), 2);

  assert_near (f.percent, 0);
  assert_near (f.cohen_kappa, -1);
  assert_near (f.fleiss_kappa, -1);
  assert_near (f.u_alpha, 1 - 170.0 / 44);
}

/* A boundary shifted by one character: A [5,10), B [6,10) of 20.
 *   po = 19/20; pa = 0.25, pb = 0.2; pe = 0.05 + 0.6 = 0.65; kappa = 0.3 / 0.35.
 *   Alpha: only the two units differ: (5-6)^2 + 0 = 1; Do = 2 / (2 * 400) = 0.0025.
 *   Units 5, 4 (N = 2); gaps A: 5, 10; B: 6, 10.
 *   l=5: 60 + 25 * (1 + 6 + 2 + 6) = 435; l=4: (1/3)(128 - 48 + 4) = 28 + 16 * (2 + 7 + 3
 *   + 7) = 332. Sum 767, * 2/20 = 76.7, over 40 * 39 - (20 + 12) = 1528.
 *   alpha = 1 - 0.0025 / (76.7 / 1528): close to 1, as the coders nearly agree, where
 *   kappa (0.857) punishes the one character. */
static void
test_boundary_shift (void)
{
  MgCodedSpan spans[] = { { 1, 0, CODE, 5, 10 }, { 1, 1, CODE, 6, 10 } };
  MgAgreementFigures f = figures_of (20, spans, G_N_ELEMENTS (spans), 2);

  assert_near (f.percent, 0.95);
  assert_near (f.cohen_kappa, 0.3 / 0.35);
  assert_near (f.u_alpha, 1 - 0.0025 / (76.7 / 1528));
  g_assert_cmpfloat (f.u_alpha, >, f.cohen_kappa);
}

/* B missed the passage A tagged: A [5,10), B nothing, of 20.
 *   po = 0.75, pa = 0.25, pb = 0: pe = 0.75, kappa = 0.
 *   Alpha: A's unit inside B's one gap [0,20): 25; Do = 50 / 800 = 0.0625.
 *   One unit (N - 1 = 0), gaps 5, 10, 20: 25 * (1 + 6 + 16) = 575, * 2/20 = 57.5, over
 *   40 * 39 - 20 = 1540. alpha = 1 - 0.0625 / (57.5 / 1540). */
static void
test_missing (void)
{
  MgCodedSpan spans[] = { { 1, 0, CODE, 5, 10 } };
  MgAgreementFigures f = figures_of (20, spans, G_N_ELEMENTS (spans), 2);

  assert_near (f.percent, 0.75);
  assert_near (f.cohen_kappa, 0);
  assert_near (f.u_alpha, 1 - 0.0625 / (57.5 / 1540));
}

/* Nobody used the code: everyone agrees, but no kappa or alpha is defined. */
static void
test_unused (void)
{
  MgAgreementFigures f = figures_of (20, NULL, 0, 2);

  assert_near (f.percent, 1);
  g_assert_true (isnan (f.cohen_kappa));
  g_assert_true (isnan (f.fleiss_kappa));
  g_assert_true (isnan (f.u_alpha));
}

/* Three coders of 10 characters: A [0,4), B [0,4), C [0,2).
 *   Characters 0-1 tagged by 3, 2-3 by 2, 4-9 by none. Percent: (2 + 6) / 10 = 0.8.
 *   Fleiss: P(k) = (k(k-1) + (3-k)(2-k)) / 6: P(3) = 1, P(2) = 1/3, P(0) = 1;
 *   P = (2 + 2/3 + 6) / 10 = 13/15; p = (6 + 4) / 30 = 1/3, Pe = 1/9 + 4/9 = 5/9;
 *   kappa = (13/15 - 5/9) / (4/9) = 0.7. No Cohen's kappa for three.
 *   Alpha: AB identical; AC: units [0,4)/[0,2): 0 + 4 = 4, nothing else; BC the same.
 *   Do = 2 * 8 / (3 * 2 * 100) = 16/600. Units 4, 4, 2 (N = 3); gaps 6, 6, 8.
 *   l=4: (2/3)(128 - 48 + 4) = 56 + 16 * (3 + 3 + 5) = 232, twice; l=2: (2/3)(16 - 12 + 2)
 *   = 4 + 4 * (5 + 5 + 7) = 72. Sum 536, * 2/10 = 107.2, over 30 * 29 - 26 = 844. */
static void
test_fleiss_three (void)
{
  MgCodedSpan spans[] = {
    { 1, 0, CODE, 0, 4 }, { 1, 1, CODE, 0, 4 }, { 1, 2, CODE, 0, 2 },
  };
  MgAgreementFigures f = figures_of (10, spans, G_N_ELEMENTS (spans), 3);

  assert_near (f.percent, 0.8);
  g_assert_true (isnan (f.cohen_kappa));
  assert_near (f.fleiss_kappa, 0.7);
  assert_near (f.u_alpha, 1 - (16.0 / 600) / (107.2 / 844));
}

/* Two codes pooled: code 1 perfect ([0,5) by both), code 2 the zero example. The overall
 * row weighs the 20 (character, code) items: 5 + 5 agree on code 1, none on code 2, so
 * 0.5; alpha = 1 - (0 + 0.5) / (44/340 + 44/340) = 1 - 170 / 88. Rows in the order asked. */
static void
test_overall (void)
{
  MgAgreementDocument document = { 4, 10 };
  MgCodedSpan spans[] = {
    { 4, 0, 1, 0, 5 }, { 4, 1, 1, 0, 5 }, { 4, 0, 2, 0, 5 }, { 4, 1, 2, 5, 10 },
  };
  gint64 codes[] = { 2, 1 };
  g_autoptr(GArray) rows = mg_agreement_compute (&document, 1, spans, G_N_ELEMENTS (spans),
                                                 2, codes, 2);
  g_autoptr(GArray) all = mg_agreement_compute (&document, 1, spans, G_N_ELEMENTS (spans),
                                                2, NULL, 0);
  MgAgreementFigures *overall = &g_array_index (rows, MgAgreementFigures, 2);

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 0).code, ==, 2);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 1).code, ==, 1);
  g_assert_cmpint (overall->code, ==, 0);
  g_assert_cmpint (overall->characters, ==, 20);
  g_assert_cmpuint (overall->units, ==, 4);
  assert_near (overall->percent, 0.5);
  assert_near (overall->u_alpha, 1 - 170.0 / 88);
  /* Without a choice: every code used, by id. */
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (g_array_index (all, MgAgreementFigures, 0).code, ==, 1);
  assert_near (g_array_index (all, MgAgreementFigures, 2).percent, 0.5);
}

/* A coder's overlapping passages are one unit; passages past the text are cut to it;
 * passages of documents not chosen and of codes not chosen are left out; documents
 * follow one another without a unit crossing from one into the next. */
static void
test_cleaning (void)
{
  MgAgreementDocument documents[] = { { 1, 10 }, { 2, 10 } };
  MgCodedSpan spans[] = {
    { 1, 0, CODE, 0, 5 }, { 1, 0, CODE, 3, 8 }, { 1, 1, CODE, 0, 8 },
    { 2, 0, CODE, 6, 40 }, { 2, 1, CODE, 6, 10 },
    { 3, 0, CODE, 0, 5 },
    { 1, 1, CODE + 1, 0, 5 },
  };
  gint64 code = CODE;
  g_autoptr(GArray) rows = mg_agreement_compute (documents, 2, spans, G_N_ELEMENTS (spans),
                                                 2, &code, 1);
  MgAgreementFigures *f = &g_array_index (rows, MgAgreementFigures, 0);

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (f->characters, ==, 20);
  g_assert_cmpuint (f->units, ==, 4);
  assert_near (f->percent, 1);
  assert_near (f->u_alpha, 1);
}

/* Comparing two sets in the reader: the compared set's passages are underlined, not
 * blended into the fill, so a passage both coders tagged keeps the reader's own colour. */
static void
test_outline_not_filled (void)
{
  MgPassageSpan spans[] = {
    { 10, 20, 0xff0000, 1, FALSE, FALSE }, { 15, 30, 0x0000ff, 2, FALSE, TRUE },
  };
  g_autoptr(GArray) segments = mg_highlight_layout_segments (spans, 2, 0, 100);
  MgHighlightSegment *only = &g_array_index (segments, MgHighlightSegment, 0);

  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (only->start, ==, 10);
  g_assert_cmpint (only->end, ==, 20);
  g_assert_cmpuint (only->n_colours, ==, 1);
  g_assert_cmphex (only->colours[0], ==, 0xff0000);
}

/* The library: two coders' sets over one document, two codes. */

static const char text[] =
  "The ferry left Dover at dawn. Anna Marsh watched the harbour from the pier until noon.";

typedef struct
{
  MgStore *store;
  MgHistory *history;
  gint64 document;
  gint64 place;
  gint64 person;
  gint64 a;
  gint64 b;
} Fixture;

static gint64
new_set (MgStore    *store,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_create_annotation_set (store, name, name, "local",
                                                                   &error);

  g_assert_no_error (error);
  return mg_annotation_set_get_id (set);
}

static gint64
new_code (MgStore    *store,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_add_code (store, name, "#3584e4", 0, &error);

  g_assert_no_error (error);
  return mg_code_get_id (code);
}

static void
tag (Fixture *fixture,
     gint64   set,
     gint64   code,
     gint64   start,
     gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = mg_store_add_annotation (fixture->store,
                                                                fixture->document, set,
                                                                code, start, end, NULL,
                                                                &error);

  g_assert_no_error (error);
}

/* "Dover" is [15,20), "Anna Marsh" [30,40), "harbour" [53,60), "the pier" [66,74).
 * A and B agree on Dover; B tags only "Marsh" [35,40); A alone tags the harbour; B alone
 * the pier. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgDocument) document = mg_document_new ("Ferry", text, NULL, NULL);

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  mg_store_add_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);
  fixture->document = mg_document_get_id (document);
  fixture->place = new_code (fixture->store, "Place");
  fixture->person = new_code (fixture->store, "Person");
  fixture->a = new_set (fixture->store, "Ana");
  fixture->b = new_set (fixture->store, "Ben");
  fixture->history = mg_history_new ();
  tag (fixture, fixture->a, fixture->place, 15, 20);
  tag (fixture, fixture->b, fixture->place, 15, 20);
  tag (fixture, fixture->a, fixture->person, 30, 40);
  tag (fixture, fixture->b, fixture->person, 35, 40);
  tag (fixture, fixture->a, fixture->place, 53, 60);
  tag (fixture, fixture->b, fixture->place, 66, 74);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->store);
}

static void
test_measure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 sets[] = { fixture->a, fixture->b };
  gint64 codes[] = { fixture->place };
  g_autoptr(GArray) rows = mg_agreement_measure (fixture->store, sets, 2, NULL, 0, codes, 1,
                                                 &error);
  gint64 length = g_utf8_strlen (text, -1);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 0).code, ==, fixture->place);
  g_assert_cmpint (g_array_index (rows, MgAgreementFigures, 0).characters, ==, length);
  /* Place: Dover agrees (5), the harbour (7) and the pier (8) do not. */
  assert_near (g_array_index (rows, MgAgreementFigures, 0).percent,
               (double) (length - 15) / length);
  g_clear_pointer (&rows, g_array_unref);

  rows = mg_agreement_measure (fixture->store, sets, 2, &fixture->document, 1, NULL, 0,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
}

static void
test_measure_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 one[] = { fixture->a };
  gint64 twice[] = { fixture->a, fixture->a };
  gint64 missing[] = { fixture->a, 999 };
  gint64 sets[] = { fixture->a, fixture->b };
  gint64 document = 999, code = 999;
  GArray *rows;

  rows = mg_agreement_measure (fixture->store, one, 1, NULL, 0, NULL, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, MG_AGREEMENT_ERROR, MG_AGREEMENT_ERROR_TOO_FEW_SETS);
  g_clear_error (&error);
  rows = mg_agreement_measure (fixture->store, twice, 2, NULL, 0, NULL, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, MG_AGREEMENT_ERROR, MG_AGREEMENT_ERROR_SAME_SET);
  g_assert_nonnull (strstr (error->message, "Ana"));
  g_clear_error (&error);
  rows = mg_agreement_measure (fixture->store, missing, 2, NULL, 0, NULL, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = mg_agreement_measure (fixture->store, sets, 2, &document, 1, NULL, 0, &error);
  g_assert_null (rows);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = mg_agreement_measure (fixture->store, sets, 2, NULL, 0, &code, 1, &error);
  g_assert_null (rows);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static GPtrArray *
disagreements (Fixture *fixture,
               gint64   consensus)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = mg_set_merge_list_disagreements (fixture->store, fixture->a, fixture->b,
                                                     consensus, NULL, 0, NULL, 0, &error);

  g_assert_no_error (error);
  return list;
}

static guint
count_in_set (Fixture *fixture,
              gint64   set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = mg_store_list_annotations (fixture->store, fixture->document,
                                                          0, set, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) list = disagreements (fixture, 0);
  MgDisagreement *d;

  /* Dover agrees; in the code order (Place was made first): harbour, pier; then Marsh. */
  g_assert_cmpuint (list->len, ==, 3);
  d = g_ptr_array_index (list, 0);
  g_assert_cmpint (d->code_id, ==, fixture->place);
  g_assert_cmpint (d->start, ==, 53);
  g_assert_cmpuint (d->a->len, ==, 1);
  g_assert_cmpuint (d->b->len, ==, 0);
  d = g_ptr_array_index (list, 1);
  g_assert_cmpint (d->start, ==, 66);
  g_assert_cmpuint (d->a->len, ==, 0);
  g_assert_cmpuint (d->b->len, ==, 1);
  d = g_ptr_array_index (list, 2);
  g_assert_cmpint (d->code_id, ==, fixture->person);
  g_assert_cmpint (d->start, ==, 30);
  g_assert_cmpint (d->end, ==, 40);
  g_assert_cmpuint (d->a->len, ==, 1);
  g_assert_cmpuint (d->b->len, ==, 1);
  g_assert_false (d->resolved);
}

/* "Anna Marsh" by A, "Marsh" by B: each choice copies what it says, once. */
static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  MgMergeChoice choice = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) consensus = mg_set_merge_ensure_consensus (fixture->store,
                                                                        "Consensus", &error);
  gint64 id = mg_annotation_set_get_id (consensus);
  g_autoptr(GPtrArray) list = disagreements (fixture, id);
  MgDisagreement *marsh = g_ptr_array_index (list, 2);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint expected = choice == MG_MERGE_ACCEPT_BOTH ? 2 : 1;

  g_assert_no_error (error);
  added = mg_set_merge_accept (fixture->history, fixture->store, marsh, choice, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, expected);
  g_assert_cmpuint (count_in_set (fixture, id), ==, expected);
  g_assert_true (marsh->resolved);
  if (choice != MG_MERGE_ACCEPT_BOTH)
    {
      MgAnnotation *copy = g_ptr_array_index (added, 0);

      g_assert_cmpint (mg_annotation_get_start (copy), ==,
                       choice == MG_MERGE_ACCEPT_A ? 30 : 35);
      g_assert_cmpstr (mg_annotation_get_quote (copy), ==,
                       choice == MG_MERGE_ACCEPT_A ? "Anna Marsh" : "Marsh");
      g_assert_cmpint (mg_annotation_get_set_id (copy), ==, id);
    }
  /* The list shows it resolved; accepting the same again copies nothing. */
  after = disagreements (fixture, id);
  g_assert_true (((MgDisagreement *) g_ptr_array_index (after, 2))->resolved);
  g_assert_false (((MgDisagreement *) g_ptr_array_index (after, 0))->resolved);
  again = mg_set_merge_accept (fixture->history, fixture->store, marsh, choice, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  /* The source sets are untouched. */
  g_assert_cmpuint (count_in_set (fixture, fixture->a), ==, 3);
  g_assert_cmpuint (count_in_set (fixture, fixture->b), ==, 3);

  /* One step back removes the merge; redo brings it back with its ids. */
  g_assert_true (mg_history_can_undo (fixture->history));
  g_assert_nonnull (strstr (mg_history_get_undo_label (fixture->history), "Accept"));
  mg_history_undo (fixture->history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_set (fixture, id), ==, 0);
  g_assert_false (mg_history_can_undo (fixture->history));
  mg_history_redo (fixture->history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_set (fixture, id), ==, expected);
}

/* A consensus set that is not there: a clear error, nothing added, no step. */
static void
test_accept_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = disagreements (fixture, 0);
  GPtrArray *added = mg_set_merge_accept (fixture->history, fixture->store,
                                          g_ptr_array_index (list, 0), MG_MERGE_ACCEPT_A,
                                          999, &error);

  g_assert_null (added);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_false (mg_history_can_undo (fixture->history));
  g_assert_cmpuint (count_in_set (fixture, fixture->a), ==, 3);
  g_clear_error (&error);
  g_assert_null (mg_set_merge_list_disagreements (fixture->store, fixture->a, 999, 0, NULL,
                                                  0, NULL, 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static void
test_consensus_once (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) first = mg_set_merge_ensure_consensus (fixture->store,
                                                                    "Consensus", &error);
  g_autoptr(MgAnnotationSet) second = mg_set_merge_ensure_consensus (fixture->store,
                                                                     "Consensus", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mg_annotation_set_get_id (first), ==, mg_annotation_set_get_id (second));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agreement/cohen-worked", test_cohen_worked);
  g_test_add_func ("/agreement/perfect", test_perfect);
  g_test_add_func ("/agreement/zero", test_zero);
  g_test_add_func ("/agreement/boundary-shift", test_boundary_shift);
  g_test_add_func ("/agreement/missing", test_missing);
  g_test_add_func ("/agreement/unused", test_unused);
  g_test_add_func ("/agreement/fleiss-three", test_fleiss_three);
  g_test_add_func ("/agreement/overall", test_overall);
  g_test_add_func ("/agreement/cleaning", test_cleaning);
  g_test_add_func ("/agreement/outline-not-filled", test_outline_not_filled);
#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/agreement/measure", NULL, test_measure);
  ADD ("/agreement/measure-errors", NULL, test_measure_errors);
  ADD ("/merge/list", NULL, test_list);
  ADD ("/merge/accept-a", GINT_TO_POINTER (MG_MERGE_ACCEPT_A), test_accept);
  ADD ("/merge/accept-b", GINT_TO_POINTER (MG_MERGE_ACCEPT_B), test_accept);
  ADD ("/merge/accept-both", GINT_TO_POINTER (MG_MERGE_ACCEPT_BOTH), test_accept);
  ADD ("/merge/accept-error", NULL, test_accept_error);
  ADD ("/merge/consensus-once", NULL, test_consensus_once);
#undef ADD

  return g_test_run ();
}
