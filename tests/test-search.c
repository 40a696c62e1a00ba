/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search across the corpus: what the query syntax finds, that nothing typed reaches FTS5 or
 * SQL as syntax, exact code-point offsets, snippets, ranking and the index's triggers. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mg-entity-fold.h"
#include "mg-store-private.h"
#include "mg-store-search.h"

/* Each test case has its own XDG_DATA_HOME (G_TEST_OPTION_ISOLATE_DIRS). */
static MgStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  const char *folder = g_get_user_data_dir ();
  g_autofree char *path = g_build_filename (folder, "library.sqlite3", NULL);
  MgStore *store;

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  store = mg_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static gint64
add (MgStore    *store,
     const char *title,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static GPtrArray *
search (MgStore    *store,
        const char *query,
        guint       max_hits)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = mg_store_search (store, query, max_hits, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static MgSearchHit *
hit_at (GPtrArray *hits,
        guint      i)
{
  g_assert_cmpuint (i, <, hits->len);
  return g_ptr_array_index (hits, i);
}

/* The stored text a hit covers. */
static char *
hit_text (MgStore     *store,
          MgSearchHit *hit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_store_get_document (store, hit->document_id, &error);

  g_assert_no_error (error);
  return g_utf8_substring (mg_document_get_text (document), hit->start, hit->end);
}

/* Offsets are exact when the covered text folds to what was asked for. */
static void
assert_hit_folds_to (MgStore     *store,
                     MgSearchHit *hit,
                     const char  *expected)
{
  g_autofree char *text = hit_text (store, hit);
  g_autofree char *folded = mg_entity_fold_key (text, -1);
  g_autofree char *want = mg_entity_fold_key (expected, -1);

  g_assert_false (hit->in_title);
  g_assert_cmpstr (folded, ==, want);
}

static guint
count_document (GPtrArray *hits,
                gint64     document_id)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    if (hit_at (hits, i)->document_id == document_id)
      n++;
  return n;
}

static guint
count_hits (MgStore    *store,
            const char *query)
{
  g_autoptr(GPtrArray) hits = search (store, query, 0);

  return hits->len;
}

static void
assert_finds_nothing (MgStore    *store,
                      const char *query)
{
  guint n = count_hits (store, query);

  if (n != 0)
    g_error ("“%s” found %u hits, expected none", query, n);
}

static void
exec_sql (MgStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = mg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  mg_store_step_done (store, stmt, &error);
  g_assert_no_error (error);
}

static void
test_words (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 harbour = add (store, "Harbour", "The harbour opened at dawn.\nFishing boats left.");
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) one = NULL;

  add (store, "Market", "The market opened late.");
  both = search (store, "opened", 0);
  g_assert_cmpuint (both->len, ==, 2);
  /* Every word must occur: only the harbour has both. */
  one = search (store, "DAWN opened", 0);
  g_assert_cmpuint (one->len, ==, 2);
  g_assert_cmpint (hit_at (one, 0)->document_id, ==, harbour);
  g_assert_cmpint (hit_at (one, 0)->start, ==, 12);
  g_assert_cmpint (hit_at (one, 0)->end, ==, 18);
  g_assert_cmpint (hit_at (one, 1)->start, ==, 22);
  g_assert_cmpint (hit_at (one, 1)->end, ==, 26);
  g_assert_cmpstr (hit_at (one, 0)->title, ==, "Harbour");
}

static void
test_prefix (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GPtrArray) prefix = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) phrase = NULL;

  add (store, "Ports", "Harbours and the harbour master; a harbinger. Not arbour.");
  prefix = search (store, "harb*", 0);
  g_assert_cmpuint (prefix->len, ==, 3);
  assert_hit_folds_to (store, hit_at (prefix, 0), "Harbours");
  assert_hit_folds_to (store, hit_at (prefix, 2), "harbinger");
  /* Without the star a word is whole. */
  whole = search (store, "harbour", 0);
  g_assert_cmpuint (whole->len, ==, 1);
  assert_finds_nothing (store, "harb");
  /* A phrase may end in a prefix. */
  phrase = search (store, "\"harbour mas\"*", 0);
  g_assert_cmpuint (phrase->len, ==, 1);
  assert_hit_folds_to (store, hit_at (phrase, 0), "harbour master");
}

static void
test_phrase (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) reversed = NULL;
  g_autoptr(GPtrArray) words = NULL;

  add (store, "Dawn", "At dawn the harbour opened; the harbour, opened at dawn, was busy.");
  /* Punctuation only separates words, in the text as in the phrase. */
  hits = search (store, "\"harbour; opened\"", 0);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_at (hits, 0)->start, ==, 12);
  g_assert_cmpint (hit_at (hits, 0)->end, ==, 26);
  assert_hit_folds_to (store, hit_at (hits, 1), "harbour, opened");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (store, "\"dawn the harbour\"", 0);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_at (hits, 0)->start, ==, 3);
  reversed = search (store, "\"opened harbour\"", 0);
  g_assert_cmpuint (reversed->len, ==, 0);
  /* The same words unquoted are found one by one. */
  words = search (store, "opened harbour", 0);
  g_assert_cmpuint (words->len, ==, 4);
}

static void
test_diacritics (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 accented = add (store, "Tin", "Tin tức từ Việt Nam hôm nay.");
  gint64 plain = add (store, "News", "News from viet nam today.");
  gint64 dashed = add (store, "Short", "Viet-Nam, briefly.");
  gint64 alone = add (store, "Word", "Only Viet here.");
  g_autoptr(GPtrArray) phrase = search (store, "\"Viet Nam\"", 0);
  g_autoptr(GPtrArray) words = search (store, "Viet Nam", 0);
  g_autoptr(GPtrArray) marked = search (store, "Việt", 0);

  g_assert_cmpuint (phrase->len, ==, 3);
  g_assert_cmpuint (count_document (phrase, accented), ==, 1);
  g_assert_cmpuint (count_document (phrase, plain), ==, 1);
  g_assert_cmpuint (count_document (phrase, dashed), ==, 1);
  for (guint i = 0; i < phrase->len; i++)
    assert_hit_folds_to (store, hit_at (phrase, i), "vietnam");
  g_assert_cmpuint (words->len, ==, 6);
  g_assert_cmpuint (count_document (words, alone), ==, 0);
  /* Both ways: the marked query finds the plain text. */
  g_assert_cmpuint (marked->len, ==, 4);
  g_assert_cmpuint (count_document (marked, alone), ==, 1);
  g_assert_cmpuint (count_document (marked, plain), ==, 1);
}

static void
test_punctuation_and_injection (void)
{
  g_autoptr(MgStore) store = open_store ();
  const char *nothing[] = {
    "", "   ", "\"", "\"\"", "*", "**", "...", "-- ;", "NEAR(", "NEAR(viet nam)", "OR",
    "viet OR zzz", "viet NOT nam", "title:viet", "text : viet", "'); DROP TABLE documents; --",
    "\"); DROP TABLE documents; --", "viet AND", "^zzz", "{title}: viet", "viet + zzz",
  };
  g_autoptr(GPtrArray) literal = NULL;
  g_autoptr(GPtrArray) after = NULL;

  add (store, "Viet", "Viet Nam, Lao; nothing else.");
  for (gsize i = 0; i < G_N_ELEMENTS (nothing); i++)
    assert_finds_nothing (store, nothing[i]);
  /* A quote without its closing one is a character, and characters only separate. */
  literal = search (store, "\"viet nam", 0);
  g_assert_cmpuint (literal->len, ==, 2);
  g_clear_pointer (&literal, g_ptr_array_unref);
  literal = search (store, "viet\" nam\"*", 0);
  g_assert_cmpuint (literal->len, ==, 2);
  g_clear_pointer (&literal, g_ptr_array_unref);
  literal = search (store, "^viet", 0);
  g_assert_cmpuint (literal->len, ==, 1);
  /* The library is whole after all of it. */
  after = search (store, "nothing", 0);
  g_assert_cmpuint (after->len, ==, 1);
}

/* Stored as given: a letter with marks that have no precomposed form, astral characters
 * before and inside the words searched for. */
static void
test_offsets (void)
{
  g_autoptr(MgStore) store = open_store ();
  const char *text = "𝄞😀 x\u0302\u0323 e\u0301\u0323 Hà Nội, Vie\u0323\u0302t Nam 𝄞\nviệt 𐌰𐌱 viet!";
  gint64 id = add (store, "Marks", text);
  g_autoptr(GPtrArray) hits = search (store, "viet", 0);
  const char *last = strstr (text, "viet!");

  g_assert_cmpuint (hits->len, ==, 3);
  for (guint i = 0; i < hits->len; i++)
    {
      g_assert_cmpint (hit_at (hits, i)->document_id, ==, id);
      assert_hit_folds_to (store, hit_at (hits, i), "viet");
    }
  g_assert_cmpint (hit_at (hits, 0)->start, ==, 19);
  g_assert_cmpint (hit_at (hits, 0)->end, ==, 25);
  g_assert_cmpint (hit_at (hits, 2)->start, ==, g_utf8_pointer_to_offset (text, last));
  g_assert_cmpint (hit_at (hits, 2)->end, ==, hit_at (hits, 2)->start + 4);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Astral letters are word characters: the Gothic word is a token of its own. */
  hits = search (store, "𐌰𐌱", 0);
  g_assert_cmpuint (hits->len, ==, 1);
  assert_hit_folds_to (store, hit_at (hits, 0), "𐌰𐌱");
}

static void
test_snippet (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  MgSearchHit *hit;
  g_autofree char *match = NULL;

  for (int i = 0; i < 20; i++)
    g_string_append (text, "Lines of quiet harbour\tprose.\n");
  g_string_append (text, "The Tàu Ngầm sailed.\n");
  for (int i = 0; i < 20; i++)
    g_string_append (text, "More quiet words about the sea.\n");
  add (store, "Long", text->str);
  hits = search (store, "tau ngam", 0);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = hit_at (hits, 0);
  g_assert_null (strchr (hit->snippet, '\n'));
  g_assert_null (strchr (hit->snippet, '\t'));
  g_assert_true (g_str_has_prefix (hit->snippet, "…"));
  g_assert_true (g_str_has_suffix (hit->snippet, "…"));
  g_assert_cmpint (g_utf8_strlen (hit->snippet, -1), <=, 2 * 60 + 3 + 2);
  g_assert_cmpint (g_utf8_strlen (hit->snippet, -1), >=, 2 * 40);
  match = g_utf8_substring (hit->snippet, hit->snippet_start, hit->snippet_end);
  g_assert_cmpstr (match, ==, "Tàu");
  g_assert_nonnull (strstr (hit->snippet, "prose. The Tàu Ngầm sailed. More"));
  /* A short text is its own snippet, without ellipses. */
  add (store, "Short", "A tàu, alone.\n");
  whole = search (store, "alone", 0);
  g_assert_cmpstr (hit_at (whole, 0)->snippet, ==, "A tàu, alone.");
}

static void
test_ranking (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 once = add (store, "Once", "Tide. Sand sand sand sand. Rock rock rock.");
  gint64 often = add (store, "Often", "Tide. Sand tide sand tide. Rock tide rock.");
  g_autoptr(GPtrArray) hits = search (store, "tide", 0);

  g_assert_cmpuint (hits->len, ==, 5);
  /* Grouped by document, the one with more hits first. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (hit_at (hits, i)->document_id, ==, often);
  g_assert_cmpint (hit_at (hits, 4)->document_id, ==, once);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (hit_at (hits, i)->start, >, hit_at (hits, i - 1)->start);
}

static void
test_max_hits (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;

  add (store, "A", "tide tide tide tide");
  add (store, "B", "tide tide, and more words here");
  three = search (store, "tide", 3);
  g_assert_cmpuint (three->len, ==, 3);
  all = search (store, "tide", 0);
  g_assert_cmpuint (all->len, ==, 6);
  /* A phrase that overlaps a word found before it replaces it, within the cap. */
  first = search (store, "tide \"tide tide\"", 1);
  g_assert_cmpuint (first->len, ==, 1);
  assert_hit_folds_to (store, hit_at (first, 0), "tide tide");
}

static void
test_title (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 id = add (store, "Letters from Huế", "Dear friend, the river is high.");
  g_autoptr(GPtrArray) hits = search (store, "hue", 0);
  MgSearchHit *hit = hit_at (hits, 0);
  g_autofree char *match = g_utf8_substring (hit->snippet, hit->snippet_start,
                                             hit->snippet_end);

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit->document_id, ==, id);
  g_assert_true (hit->in_title);
  g_assert_cmpint (hit->start, ==, 0);
  g_assert_cmpint (hit->end, ==, 0);
  g_assert_cmpstr (hit->snippet, ==, "Letters from Huế");
  g_assert_cmpstr (match, ==, "Huế");
}

/* The index follows the documents table through its triggers. */
static void
test_rename_and_delete (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 id = add (store, "Harbour log", "Ships came and went.");
  g_autofree char *rename = g_strdup_printf ("UPDATE documents SET title = 'River log' WHERE "
                                             "id = %" G_GINT64_FORMAT, id);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM documents WHERE id = %"
                                             G_GINT64_FORMAT, id);
  g_autoptr(GPtrArray) renamed = NULL;

  g_assert_cmpuint (count_hits (store, "harbour"), ==, 1);
  exec_sql (store, rename);
  assert_finds_nothing (store, "harbour");
  renamed = search (store, "river", 0);
  g_assert_cmpuint (renamed->len, ==, 1);
  g_assert_cmpstr (hit_at (renamed, 0)->title, ==, "River log");
  exec_sql (store, delete);
  assert_finds_nothing (store, "river");
  assert_finds_nothing (store, "ships");
}

static void
test_copy (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(MgSearchHit) copy = NULL;

  add (store, "Copy", "One tide.");
  hits = search (store, "tide", 0);
  copy = g_boxed_copy (MG_TYPE_SEARCH_HIT, hit_at (hits, 0));
  g_assert_cmpstr (copy->snippet, ==, hit_at (hits, 0)->snippet);
  g_assert_cmpint (copy->start, ==, 4);
}

static void
test_corrupt_index (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  add (store, "Tide", "One tide.");
  exec_sql (store, "UPDATE documents_fts_data SET block = x'ffffffffffffffff' WHERE id > 10");
  hits = mg_store_search (store, "tide", 0, &error);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_CORRUPT);
  g_assert_null (hits);
}

static void
test_missing_index (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  exec_sql (store, "DROP TABLE documents_fts");
  hits = mg_store_search (store, "tide", 0, &error);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FAILED);
  g_assert_null (hits);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/words", test_words);
  g_test_add_func ("/search/prefix", test_prefix);
  g_test_add_func ("/search/phrase", test_phrase);
  g_test_add_func ("/search/diacritics", test_diacritics);
  g_test_add_func ("/search/punctuation-and-injection", test_punctuation_and_injection);
  g_test_add_func ("/search/offsets", test_offsets);
  g_test_add_func ("/search/snippet", test_snippet);
  g_test_add_func ("/search/ranking", test_ranking);
  g_test_add_func ("/search/max-hits", test_max_hits);
  g_test_add_func ("/search/title", test_title);
  g_test_add_func ("/search/rename-and-delete", test_rename_and_delete);
  g_test_add_func ("/search/copy", test_copy);
  g_test_add_func ("/search/error/corrupt-index", test_corrupt_index);
  g_test_add_func ("/search/error/missing-index", test_missing_index);
  return g_test_run ();
}
