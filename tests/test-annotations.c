/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Annotations in the store: every operation, quotes and context cut from the stored text,
 * bad ranges refused with the library unchanged, list filters, the corpus view. */
#include "config.h"

#include <string.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"

/* Offsets below count code points: "Hà Nội" has six, in more bytes. */
static const char text[] =
  "The harbour of Hà Nội opened at dawn. Ships waited beyond the bar for the tide, and the "
  "pilots rowed out to meet them. By noon the quays were full of rice, timber and news.";

typedef struct
{
  MgStore *store;
  gint64 document;
  gint64 set;
  gint64 highlight;
  gint64 trade;
} Fixture;

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, body, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static gint64
offset_of (const char *needle)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return g_utf8_pointer_to_offset (text, hit);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) highlight = NULL;
  g_autoptr(MgCode) trade = NULL;

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = add_document (fixture->store, "Harbour", text);
  set = mg_store_get_default_annotation_set (fixture->store, &error);
  g_assert_no_error (error);
  fixture->set = mg_annotation_set_get_id (set);
  highlight = mg_store_find_code (fixture->store, "Highlight", &error);
  fixture->highlight = mg_code_get_id (highlight);
  trade = mg_store_add_code (fixture->store, "Trade", NULL, 0, &error);
  g_assert_no_error (error);
  fixture->trade = mg_code_get_id (trade);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static MgAnnotation *
tag (Fixture    *fixture,
     gint64      code,
     const char *passage,
     const char *note)
{
  g_autoptr(GError) error = NULL;
  gint64 start = offset_of (passage);
  MgAnnotation *annotation = mg_store_add_annotation (fixture->store, fixture->document,
                                                      fixture->set, code, start,
                                                      start + g_utf8_strlen (passage, -1),
                                                      note, &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static guint
count (Fixture *fixture,
       gint64   code,
       gint64   set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = mg_store_list_annotations (fixture->store, fixture->document,
                                                          code, set, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static void
test_sets (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) mine = mg_store_get_default_annotation_set (fixture->store, &error);
  g_autoptr(MgAnnotationSet) theirs = NULL;
  g_autoptr(MgAnnotationSet) found = NULL;
  g_autoptr(GListModel) sets = NULL;

  g_assert_cmpstr (mg_annotation_set_get_name (mine), ==, "Mine");
  g_assert_cmpstr (mg_annotation_set_get_origin (mine), ==, "local");
  theirs = mg_store_create_annotation_set (fixture->store, "Reviewer", "Ana Lima",
                                           "review.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_annotation_set_get_author (theirs), ==, "Ana Lima");
  sets = mg_store_list_annotation_sets (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sets), ==, 2);
  found = mg_store_find_annotation_set (fixture->store, "Reviewer", &error);
  g_assert_cmpint (mg_annotation_set_get_id (found), ==, mg_annotation_set_get_id (theirs));
  g_assert_null (mg_store_find_annotation_set (fixture->store, "Nobody", &error));
  g_assert_no_error (error);

  /* An annotation's author is its set's, and follows it. */
  g_assert_true (mg_store_set_annotation_set_author (fixture->store, fixture->set, "Minh Tran",
                                                     &error));
  {
    g_autoptr(MgAnnotation) a = tag (fixture, fixture->trade, "rice", NULL);
    g_assert_cmpstr (mg_annotation_get_author (a), ==, "Minh Tran");
  }
  g_assert_false (mg_store_set_annotation_set_author (fixture->store, 999, "x", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_create_annotation_set (fixture->store, " ", NULL, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
}

static void
test_add_quote_context (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) city = tag (fixture, fixture->trade, "Hà Nội", "the capital");
  g_autoptr(MgAnnotation) start = tag (fixture, fixture->highlight, "The harbour", NULL);
  g_autoptr(MgAnnotation) end = tag (fixture, fixture->highlight, "news.", NULL);
  g_autoptr(MgAnnotation) read = NULL;

  g_assert_cmpint (mg_annotation_get_start (city), ==, 15);
  g_assert_cmpint (mg_annotation_get_end (city), ==, 21);
  g_assert_cmpstr (mg_annotation_get_quote (city), ==, "Hà Nội");
  g_assert_cmpstr (mg_annotation_get_prefix (city), ==, "The harbour of ");
  g_assert_cmpstr (mg_annotation_get_suffix (city), ==, " opened at dawn. Ships waited be");
  g_assert_cmpint (g_utf8_strlen (mg_annotation_get_suffix (city), -1), ==,
                   MG_ANNOTATION_CONTEXT_LENGTH);
  g_assert_cmpstr (mg_annotation_get_note (city), ==, "the capital");
  g_assert_cmpint (mg_annotation_get_code_id (city), ==, fixture->trade);
  g_assert_cmpint (mg_annotation_get_set_id (city), ==, fixture->set);
  g_assert_false (mg_annotation_get_orphaned (city));
  g_assert_cmpint (mg_annotation_get_created (city), >, 0);
  g_assert_cmpuint (strlen (mg_annotation_get_uuid (city)), ==, 36);

  /* At the edges the context is shorter, never past the text. */
  g_assert_cmpstr (mg_annotation_get_prefix (start), ==, "");
  g_assert_cmpstr (mg_annotation_get_suffix (end), ==, "");
  g_assert_cmpint (g_utf8_strlen (mg_annotation_get_prefix (end), -1), ==, 32);

  read = mg_store_get_annotation (fixture->store, mg_annotation_get_id (city), &error);
  g_assert_no_error (error);
  g_assert_true (mg_annotation_equal (read, city));
}

static void
assert_nothing_added (Fixture *fixture)
{
  g_assert_cmpuint (count (fixture, 0, 0), ==, 0);
}

static void
test_bad_ranges (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 length = g_utf8_strlen (text, -1);
  const gint64 ranges[][2] = { { -1, 4 }, { 5, 5 }, { 9, 4 }, { 0, length + 1 },
                               { length, length + 3 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) whole = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_assert_null (mg_store_add_annotation (fixture->store, fixture->document, fixture->set,
                                              fixture->trade, ranges[i][0], ranges[i][1], NULL,
                                              &error));
      g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  assert_nothing_added (fixture);

  /* The whole text is a passage like any other. */
  whole = mg_store_add_annotation (fixture->store, fixture->document, fixture->set,
                                   fixture->trade, 0, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_annotation_get_quote (whole), ==, text);
}

static void
test_missing_targets (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (mg_store_add_annotation (fixture->store, 999, fixture->set, fixture->trade,
                                          0, 3, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_add_annotation (fixture->store, fixture->document, 999,
                                          fixture->trade, 0, 3, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_add_annotation (fixture->store, fixture->document, fixture->set, 999,
                                          0, 3, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_get_annotation (fixture->store, 999, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_list_annotations (fixture->store, 999, 0, 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_list_annotations_for_code (fixture->store, 999, 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  assert_nothing_added (fixture);
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) other = mg_store_create_annotation_set (fixture->store, "Other",
                                                                     "", NULL, &error);
  g_autoptr(MgAnnotation) a = tag (fixture, fixture->trade, "timber", NULL);
  g_autoptr(MgAnnotation) b = tag (fixture, fixture->highlight, "Ships waited", NULL);
  g_autoptr(MgAnnotation) c = tag (fixture, fixture->trade, "Ships", NULL);
  g_autoptr(MgAnnotation) d = mg_store_add_annotation (fixture->store, fixture->document,
                                                       mg_annotation_set_get_id (other),
                                                       fixture->trade, 0, 3, NULL, &error);
  g_autoptr(GListModel) all = mg_store_list_annotations (fixture->store, fixture->document,
                                                         0, 0, &error);
  const gint64 order[] = { mg_annotation_get_id (d), mg_annotation_get_id (c),
                           mg_annotation_get_id (b), mg_annotation_get_id (a) };

  g_assert_no_error (error);
  /* Text order: by start, then the shorter first. */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MgAnnotation) item = g_list_model_get_item (all, i);
      g_assert_cmpint (mg_annotation_get_id (item), ==, order[i]);
    }
  g_assert_cmpuint (count (fixture, fixture->trade, 0), ==, 3);
  g_assert_cmpuint (count (fixture, fixture->highlight, 0), ==, 1);
  g_assert_cmpuint (count (fixture, 0, fixture->set), ==, 3);
  g_assert_cmpuint (count (fixture, fixture->trade, mg_annotation_set_get_id (other)), ==, 1);
}

static void
test_corpus (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 second = add_document (fixture->store, "Almanac", "Trade winds and rice prices.");
  g_autoptr(MgAnnotation) here = tag (fixture, fixture->trade, "rice", NULL);
  g_autoptr(MgAnnotation) there = mg_store_add_annotation (fixture->store, second, fixture->set,
                                                           fixture->trade, 16, 20, NULL, &error);
  g_autoptr(MgAnnotation) other = tag (fixture, fixture->highlight, "tide", NULL);
  g_autoptr(GListModel) list = mg_store_list_annotations_for_code (fixture->store,
                                                                   fixture->trade, 0, &error);
  g_autoptr(MgAnnotation) first = NULL;
  g_autoptr(MgAnnotation) last = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  /* By title: the Almanac before the Harbour. */
  first = g_list_model_get_item (list, 0);
  last = g_list_model_get_item (list, 1);
  g_assert_cmpstr (mg_annotation_get_document_title (first), ==, "Almanac");
  g_assert_cmpstr (mg_annotation_get_quote (first), ==, "rice");
  g_assert_cmpstr (mg_annotation_get_document_title (last), ==, "Harbour");
  g_assert_cmpint (mg_annotation_get_document_id (last), ==, fixture->document);
}

static void
test_edits (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, fixture->highlight, "pilots", NULL);
  gint64 id = mg_annotation_get_id (a);
  gint64 start = offset_of ("the pilots rowed");
  g_autoptr(MgAnnotation) recoded = mg_store_set_annotation_code (fixture->store, id,
                                                                  fixture->trade, &error);
  g_autoptr(MgAnnotation) resized = NULL;
  g_autoptr(MgAnnotation) noted = NULL;
  g_autoptr(MgAnnotation) read = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mg_annotation_get_code_id (recoded), ==, fixture->trade);
  resized = mg_store_resize_annotation (fixture->store, id, start, start + 16, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_annotation_get_quote (resized), ==, "the pilots rowed");
  g_assert_true (g_str_has_suffix (mg_annotation_get_prefix (resized), "the tide, and "));
  g_assert_true (g_str_has_prefix (mg_annotation_get_suffix (resized), " out to meet"));
  noted = mg_store_set_annotation_note (fixture->store, id, "rowing boats", &error);
  g_assert_cmpstr (mg_annotation_get_note (noted), ==, "rowing boats");
  read = mg_store_get_annotation (fixture->store, id, &error);
  g_assert_true (mg_annotation_equal (read, noted));

  /* Refusals leave the passage as it was. */
  g_assert_null (mg_store_resize_annotation (fixture->store, id, 10, 5, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mg_store_resize_annotation (fixture->store, id, 0, 100000, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mg_store_set_annotation_code (fixture->store, id, 999, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mg_store_set_annotation_note (fixture->store, 999, "x", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&read);
  read = mg_store_get_annotation (fixture->store, id, &error);
  g_assert_true (mg_annotation_equal (read, noted));
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, fixture->trade, "quays", "busy");
  g_autoptr(MgAnnotation) read = NULL;
  gint64 id = mg_annotation_get_id (a);

  g_assert_true (mg_store_delete_annotation (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (mg_store_get_annotation (fixture->store, id, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mg_store_delete_annotation (fixture->store, id, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (mg_store_restore_annotation (fixture->store, a, &error));
  g_assert_no_error (error);
  read = mg_store_get_annotation (fixture->store, id, &error);
  g_assert_true (mg_annotation_equal (read, a));

  /* Restoring what is there already is refused, not doubled. */
  g_assert_false (mg_store_restore_annotation (fixture->store, a, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count (fixture, 0, 0), ==, 1);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, fixture->trade, "dawn", NULL);
  g_autoptr(MgAnnotation) snapshot = mg_annotation_copy (a);
  g_autoptr(MgAnnotation) changed = NULL;
  g_autoptr(MgAnnotation) read = NULL;

  changed = mg_store_set_annotation_note (fixture->store, mg_annotation_get_id (a), "early",
                                          &error);
  g_assert_false (mg_annotation_equal (changed, snapshot));
  g_assert_true (mg_store_update_annotation (fixture->store, snapshot, &error));
  read = mg_store_get_annotation (fixture->store, mg_annotation_get_id (a), &error);
  g_assert_true (mg_annotation_equal (read, snapshot));

  g_assert_true (mg_store_delete_annotation (fixture->store, mg_annotation_get_id (a), &error));
  g_assert_false (mg_store_update_annotation (fixture->store, snapshot, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 the = offset_of ("the bar");
  MgRange ranges[] = { { 0, 3 }, { the, the + 3 }, { 0, 3 } };
  MgRange bad[] = { { 4, 11 }, { 5, 100000 } };
  g_autoptr(GPtrArray) added = mg_store_add_annotations (fixture->store, fixture->document,
                                                         fixture->set, fixture->trade, ranges,
                                                         G_N_ELEMENTS (ranges), NULL, &error);
  g_autoptr(GPtrArray) again = NULL;

  g_assert_no_error (error);
  /* The repeated range is tagged once. */
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpstr (mg_annotation_get_quote (g_ptr_array_index (added, 1)), ==, "the");
  again = mg_store_add_annotations (fixture->store, fixture->document, fixture->set,
                                    fixture->trade, ranges, G_N_ELEMENTS (ranges), NULL, &error);
  g_assert_cmpuint (again->len, ==, 0);

  g_assert_null (mg_store_add_annotations (fixture->store, fixture->document, fixture->set,
                                           fixture->trade, bad, G_N_ELEMENTS (bad), NULL,
                                           &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count (fixture, 0, 0), ==, 2);

  g_assert_true (mg_store_delete_annotations (fixture->store, added, &error));
  g_assert_cmpuint (count (fixture, 0, 0), ==, 0);
  g_assert_true (mg_store_restore_annotations (fixture->store, added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, 0, 0), ==, 2);
}

/* A document and its passages go together. */
static void
test_document_count (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, fixture->trade, "bar", NULL);
  g_autoptr(MgDocument) document = mg_store_get_document (fixture->store, fixture->document,
                                                          &error);

  g_assert_cmpuint (mg_document_get_annotation_count (document), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annotations/sets", test_sets);
  ADD ("/annotations/add/quote-context", test_add_quote_context);
  ADD ("/annotations/add/bad-ranges", test_bad_ranges);
  ADD ("/annotations/add/missing-targets", test_missing_targets);
  ADD ("/annotations/list/filters", test_list_filters);
  ADD ("/annotations/list/corpus", test_corpus);
  ADD ("/annotations/edits", test_edits);
  ADD ("/annotations/delete-restore", test_delete_restore);
  ADD ("/annotations/update", test_update);
  ADD ("/annotations/bulk", test_bulk);
  ADD ("/annotations/document-count", test_document_count);
#undef ADD

  return g_test_run ();
}
