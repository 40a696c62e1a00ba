/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-anchoring: an annotation made on one text, found again in an edited one. */
#include "mg-anchor.h"

/* An annotation over the first occurrence of @quote in @old_text, as the store keeps it. */
typedef struct {
  MgAnchorSelectors selectors;
  char *quote;
  char *prefix;
  char *suffix;
} Annotation;

static void
annotation_clear (Annotation *a)
{
  g_free (a->quote);
  g_free (a->prefix);
  g_free (a->suffix);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Annotation, annotation_clear)

static gint64
char_offset (const char *text,
             const char *quote,
             guint       nth)
{
  const char *at = text;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, quote);
      g_assert_nonnull (at);
    }
  return g_utf8_pointer_to_offset (text, at);
}

static void
annotate (Annotation *a,
          const char *old_text,
          const char *quote,
          guint       nth)
{
  g_autoptr(MgAnchorText) text = mg_anchor_text_new (old_text, -1);
  gint64 start = char_offset (old_text, quote, nth);
  gint64 end = start + g_utf8_strlen (quote, -1);

  mg_anchor_text_get_selectors (text, start, end, &a->quote, &a->prefix, &a->suffix);
  g_assert_cmpstr (a->quote, ==, quote);
  a->selectors = (MgAnchorSelectors) { start, end, a->quote, a->prefix, a->suffix };
}

static MgAnchorResult
reanchor (Annotation *a,
          const char *new_text,
          gint64      shift)
{
  g_autoptr(MgAnchorText) text = mg_anchor_text_new (new_text, -1);
  MgAnchorResult result;

  mg_anchor_find (text, &a->selectors, shift, &result);
  return result;
}

/* The text the result points at in @new_text. */
static char *
found_text (const char           *new_text,
            const MgAnchorResult *result)
{
  g_autoptr(MgAnchorText) text = mg_anchor_text_new (new_text, -1);

  g_assert_true (result->found);
  return mg_anchor_text_substring (text, result->start, result->end);
}

#define assert_found(new_text, result, expected_method, expected_quote) \
  G_STMT_START { \
    g_autofree char *q_ = found_text ((new_text), &(result)); \
    g_assert_cmpstr (q_, ==, (expected_quote)); \
    g_assert_cmpstr (mg_anchor_method_to_string ((result).method), ==, \
                     mg_anchor_method_to_string (expected_method)); \
  } G_STMT_END

static const char old_text[] =
  "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
  "resolution on regional economic integration by a wide margin. Observers noted that the "
  "vote followed months of negotiation between the member states.";

static const char passage[] = "resolution on regional economic integration";

static void
test_unchanged (void)
{
  g_auto(Annotation) a = { 0 };
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, old_text, 0);
  assert_found (old_text, r, MG_ANCHOR_EXACT, passage);
  g_assert_cmpint (r.start, ==, a.selectors.start);
  g_assert_cmpint (r.end, ==, a.selectors.end);
  g_assert_cmpfloat (r.score, ==, 1.0);
}

static void
test_insert_before (void)
{
  g_auto(Annotation) a = { 0 };
  g_autofree char *edited = g_strconcat ("Preface: a new opening sentence. ", old_text, NULL);
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_MOVED, passage);
  g_assert_cmpint (r.start, ==, a.selectors.start + 33);
  g_assert_cmpfloat (r.score, ==, 1.0);
}

static void
test_insert_after (void)
{
  g_auto(Annotation) a = { 0 };
  g_autofree char *edited = g_strconcat (old_text, " A closing remark was added.", NULL);
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_EXACT, passage);
}

static void
test_delete_before (void)
{
  g_auto(Annotation) a = { 0 };
  const char *edited = strstr (old_text, "After long talks");
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_MOVED, passage);
  g_assert_cmpint (r.start, ==, a.selectors.start - 43);
}

static void
test_edit_inside (void)
{
  g_auto(Annotation) a = { 0 };
  const char *inserted =
    "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
    "resolution on regional and economic integration by a wide margin. Observers...";
  const char *deleted =
    "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
    "resolution on economic integration by a wide margin. Observers noted that the vote.";
  const char *retyped =
    "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
    "resolution on regional economic intergation by a wide margin.";
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, inserted, 0);
  assert_found (inserted, r, MG_ANCHOR_FUZZY, "resolution on regional and economic integration");
  g_assert_cmpfloat (r.score, >, 0.5);
  g_assert_cmpfloat (r.score, <, 1.0);
  r = reanchor (&a, deleted, 0);
  assert_found (deleted, r, MG_ANCHOR_FUZZY, "resolution on economic integration");
  r = reanchor (&a, retyped, 0);
  assert_found (retyped, r, MG_ANCHOR_FUZZY, "resolution on regional economic intergation");
}

/* A short quote rewritten past what the fuzzy match allows is still found between its
 * context, which survived on both sides. */
static void
test_short_quote_rewritten (void)
{
  g_auto(Annotation) a = { 0 };
  const char *edited =
    "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
    "resolution on regional economic integration by a wide margin. Observers noted that the "
    "voting followed months of negotiation between the member states.";
  MgAnchorResult r;

  annotate (&a, old_text, "vote", 0);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_FUZZY, "voting");
}

static void
test_deleted_passage (void)
{
  g_auto(Annotation) a = { 0 };
  const char *edited =
    "The delegates met in Geneva in the spring. After long talks, the assembly adopted the "
    " by a wide margin. Observers noted that the vote followed months of negotiation between "
    "the member states.";
  MgAnchorResult r;

  annotate (&a, old_text, passage, 0);
  r = reanchor (&a, edited, 0);
  g_assert_false (r.found);
  g_assert_cmpint (r.method, ==, MG_ANCHOR_ORPHANED);
  g_assert_cmpfloat (r.score, ==, 0.0);
  /* An orphan keeps where it was, for the user to see. */
  g_assert_cmpint (r.start, ==, a.selectors.start);
  g_assert_cmpint (r.end, ==, a.selectors.end);
  /* Nothing left at all. */
  r = reanchor (&a, "", 0);
  g_assert_false (r.found);
}

/* A short quote that survives only in another sentence is orphaned rather than moved there. */
static void
test_short_quote_elsewhere (void)
{
  g_auto(Annotation) a = { 0 };
  const char *edited =
    "The delegates met in Geneva in the spring. After long talks, nothing was decided at "
    "all. Observers noted that the vote followed months of negotiation; a resolution on "
    "trade may follow.";
  MgAnchorResult r;

  annotate (&a, old_text, "resolution", 0);
  r = reanchor (&a, edited, 0);
  g_assert_false (r.found);
}

static void
test_repeated_nearest (void)
{
  g_autoptr(GString) old = g_string_new ("");
  g_autofree char *edited = NULL;
  g_auto(Annotation) a = { 0 };
  MgAnchorResult r;

  /* The same sentence ten times: every occurrence has the same context. */
  for (int i = 0; i < 10; i++)
    g_string_append (old, "The committee shall report annually to the assembly. ");
  annotate (&a, old->str, "report annually", 5);
  edited = g_strconcat ("Amended. ", old->str, NULL);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_MOVED, "report annually");
  g_assert_cmpint (r.start, ==, a.selectors.start + 9);
  /* Told how far the text moved, it looks there first. */
  r = reanchor (&a, edited, 9 + 53);
  g_assert_cmpint (r.start, ==, a.selectors.start + 9 + 53);
}

static void
test_repeated_context (void)
{
  g_autoptr(GString) edited = g_string_new ("");
  g_auto(Annotation) a = { 0 };
  const char *old = "First, the members debated the budget of the commission. Then they voted.";
  gint64 wanted;
  MgAnchorResult r;

  annotate (&a, old, "budget", 0);
  /* Two occurrences: one a few characters from the old place with other context, one
   * farther away with the old context. The context wins. */
  g_string_append (edited, "First, the members budget xx. They debated much. Later again, ");
  wanted = g_utf8_strlen (edited->str, -1) + 24;
  g_string_append (edited, "the members debated the budget of the commission. Then they voted.");
  g_assert_cmpint (char_offset (edited->str, "budget", 0), <, a.selectors.start);
  r = reanchor (&a, edited->str, 0);
  assert_found (edited->str, r, MG_ANCHOR_MOVED, "budget");
  g_assert_cmpint (r.start, ==, wanted);
  g_assert_cmpfloat (r.score, >, 0.9);
}

/* Two occurrences at the same distance from the old place: context breaks the tie. */
static void
test_repeated_tie (void)
{
  g_auto(Annotation) a = { 0 };
  const char *edited = "Today council said: so of the council was read aloud.";
  const char *mirrored = "Report of the council council told.";
  MgAnchorResult r;

  annotate (&a, "The report of the council was read aloud.", "council", 0);
  g_assert_cmpint (a.selectors.start, ==, 18);
  g_assert_cmpint (char_offset (edited, "council", 0), ==, 6);
  g_assert_cmpint (char_offset (edited, "council", 1), ==, 30);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_MOVED, "council");
  g_assert_cmpint (r.start, ==, 30);

  /* The same, mirrored: now the earlier one keeps the old prefix. */
  g_assert_cmpint (char_offset (mirrored, "council", 0), ==, 14);
  g_assert_cmpint (char_offset (mirrored, "council", 1), ==, 22);
  r = reanchor (&a, mirrored, 0);
  assert_found (mirrored, r, MG_ANCHOR_MOVED, "council");
  g_assert_cmpint (r.start, ==, 14);
}

static void
test_combining_marks (void)
{
  g_auto(Annotation) a = { 0 };
  /* An accent added as a combining mark after the passage belongs to its last letter. */
  const char *old = "Ils se sont réunis au cafe pour parler.";
  const char *edited = "Ils se sont réunis au cafe\xcc\x81 pour parler.";
  g_auto(Annotation) b = { 0 };
  const char *marked = "Ph\xe1\xbb\x9f ba\xcc\x80n Nguye\xcc\x82\xcc\x83n v\xc4\x83n";
  g_autofree char *moved = g_strconcat ("x\xcc\x81y\xcc\x81 ", marked, NULL);
  MgAnchorResult r;

  annotate (&a, old, "cafe", 0);
  r = reanchor (&a, edited, 0);
  assert_found (edited, r, MG_ANCHOR_FUZZY, "cafe\xcc\x81");
  g_assert_cmpint (r.end - r.start, ==, 5);

  /* Marks before the passage count one code point each. */
  annotate (&b, marked, "Nguye\xcc\x82\xcc\x83n", 0);
  g_assert_cmpint (b.selectors.start, ==, 9);
  g_assert_cmpint (b.selectors.end, ==, 17);
  r = reanchor (&b, moved, 0);
  assert_found (moved, r, MG_ANCHOR_MOVED, "Nguye\xcc\x82\xcc\x83n");
  g_assert_cmpint (r.start, ==, 9 + 5);
}

static void
test_astral (void)
{
  g_auto(Annotation) a = { 0 };
  /* U+1D11E MUSICAL SYMBOL G CLEF and U+1F600: four UTF-8 bytes, one code point each. */
  const char *old = "\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e opening \xf0\x9f\x98\x80 the quoted words "
                    "\xf0\x9f\x98\x80 and after";
  g_autofree char *moved = g_strconcat ("\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d ",
                                        old, NULL);
  const char *inside = "\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e opening \xf0\x9f\x98\x80 the "
                       "\xf0\x9f\x98\x8e quoted words \xf0\x9f\x98\x80 and after";
  MgAnchorResult r;

  annotate (&a, old, "the quoted words", 0);
  g_assert_cmpint (a.selectors.start, ==, 13);
  r = reanchor (&a, moved, 0);
  assert_found (moved, r, MG_ANCHOR_MOVED, "the quoted words");
  g_assert_cmpint (r.start, ==, 13 + 4);
  r = reanchor (&a, inside, 0);
  assert_found (inside, r, MG_ANCHOR_FUZZY, "the \xf0\x9f\x98\x8e quoted words");
  g_assert_cmpint (r.end - r.start, ==, 18);
}

static void
test_empty_quote (void)
{
  g_auto(Annotation) a = { 0 };
  g_autofree char *edited = g_strconcat ("New first line.\n", old_text, NULL);
  g_autoptr(MgAnchorText) text = mg_anchor_text_new (old_text, -1);
  gint64 at = char_offset (old_text, "Observers", 0);
  MgAnchorResult r;

  mg_anchor_text_get_selectors (text, at, at, &a.quote, &a.prefix, &a.suffix);
  a.selectors = (MgAnchorSelectors) { at, at, a.quote, a.prefix, a.suffix };
  r = reanchor (&a, old_text, 0);
  g_assert_true (r.found);
  g_assert_cmpint (r.method, ==, MG_ANCHOR_EXACT);
  g_assert_cmpint (r.start, ==, at);
  r = reanchor (&a, edited, 0);
  g_assert_true (r.found);
  g_assert_cmpint (r.method, ==, MG_ANCHOR_MOVED);
  g_assert_cmpint (r.start, ==, at + 16);
  g_assert_cmpint (r.end, ==, r.start);
}

static void
test_selectors (void)
{
  g_autoptr(MgAnchorText) text = mg_anchor_text_new ("ab\xf0\x9f\x98\x80" "cd", 8);
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  g_assert_cmpint (mg_anchor_text_get_length (text), ==, 5);
  mg_anchor_text_get_selectors (text, 2, 3, &quote, &prefix, &suffix);
  g_assert_cmpstr (quote, ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (prefix, ==, "ab");
  g_assert_cmpstr (suffix, ==, "cd");
  g_free (quote);
  quote = mg_anchor_text_substring (text, -5, 99);
  g_assert_cmpstr (quote, ==, "ab\xf0\x9f\x98\x80" "cd");
  g_assert_cmpstr (mg_anchor_method_to_string (MG_ANCHOR_ORPHANED), ==, "orphaned");
}

/* A sentence generator: varied enough that quotes are mostly unique, like real prose. */
static void
append_sentence (GString *text,
                 GRand   *rand)
{
  static const char * const words[] = {
    "council", "member", "state", "treaty", "integration", "regional", "economic", "policy",
    "report", "vote", "assembly", "resolution", "trade", "budget", "delegate", "commission",
    "árbol", "Việt", "Nam", "Zürich", "межд", "条约", "\xf0\x9f\x98\x80", "the", "of", "and",
  };
  int n = g_rand_int_range (rand, 6, 20);

  for (int i = 0; i < n; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (text, "%s", i + 1 < n ? " " : ". ");
    }
  if (g_rand_int_range (rand, 0, 8) == 0)
    g_string_append (text, "\n\n");
}

/* 10,000 annotations against a 1 MB text with edits throughout: all but those whose text
 * was edited away are found, and the whole takes a moment (figures in the log). */
static void
test_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GString) old = g_string_new ("");
  g_autoptr(GString) edited = g_string_new ("");
  g_autoptr(MgAnchorText) before = NULL;
  g_autoptr(MgAnchorText) after = NULL;
  int counts[MG_ANCHOR_ORPHANED + 1] = { 0 };
  gint64 shift = 0;
  gint64 t0;

  while (old->len < 1024 * 1024)
    append_sentence (old, rand);
  /* Every 4 KiB or so, a sentence inserted or a few characters deleted. */
  for (gsize i = 0; i < old->len; )
    {
      gsize step = MIN ((gsize) g_rand_int_range (rand, 2000, 6000), old->len - i);
      const char *from = old->str + i;
      const char *to = g_utf8_find_next_char (from + step - 1, old->str + old->len);

      to = to ? to : old->str + old->len;
      g_string_append_len (edited, from, to - from);
      if (g_rand_boolean (rand))
        append_sentence (edited, rand);
      else if (to < old->str + old->len)
        to = g_utf8_next_char (g_utf8_next_char (g_utf8_next_char (to)));
      i = (gsize) (to - old->str);
    }
  before = mg_anchor_text_new (old->str, (gssize) old->len);
  t0 = g_get_monotonic_time ();
  after = mg_anchor_text_new (edited->str, (gssize) edited->len);
  for (int i = 0; i < 10000; i++)
    {
      gint64 start = (gint64) i * (mg_anchor_text_get_length (before) - 200) / 10000;
      gint64 end = start + g_rand_int_range (rand, 5, 120);
      g_autofree char *quote = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      MgAnchorSelectors selectors;
      MgAnchorResult r;

      mg_anchor_text_get_selectors (before, start, end, &quote, &prefix, &suffix);
      selectors = (MgAnchorSelectors) { start, end, quote, prefix, suffix };
      mg_anchor_find (after, &selectors, shift, &r);
      counts[r.method]++;
      if (r.found)
        shift = r.start - start;
    }
  g_test_message ("10,000 annotations, 1 MiB: %.0f ms; exact %d, moved %d, fuzzy %d, orphaned %d",
                  (g_get_monotonic_time () - t0) / 1000.0, counts[0], counts[1], counts[2],
                  counts[3]);
  g_assert_cmpint (counts[MG_ANCHOR_ORPHANED], <, 100);
  g_assert_cmpint (counts[MG_ANCHOR_MOVED], >, 9000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/unchanged", test_unchanged);
  g_test_add_func ("/anchor/insert-before", test_insert_before);
  g_test_add_func ("/anchor/insert-after", test_insert_after);
  g_test_add_func ("/anchor/delete-before", test_delete_before);
  g_test_add_func ("/anchor/edit-inside", test_edit_inside);
  g_test_add_func ("/anchor/short-quote-rewritten", test_short_quote_rewritten);
  g_test_add_func ("/anchor/deleted-passage", test_deleted_passage);
  g_test_add_func ("/anchor/short-quote-elsewhere", test_short_quote_elsewhere);
  g_test_add_func ("/anchor/repeated/nearest", test_repeated_nearest);
  g_test_add_func ("/anchor/repeated/context", test_repeated_context);
  g_test_add_func ("/anchor/repeated/tie", test_repeated_tie);
  g_test_add_func ("/anchor/combining-marks", test_combining_marks);
  g_test_add_func ("/anchor/astral", test_astral);
  g_test_add_func ("/anchor/empty-quote", test_empty_quote);
  g_test_add_func ("/anchor/selectors", test_selectors);
  g_test_add_func ("/anchor/many", test_many);
  return g_test_run ();
}
