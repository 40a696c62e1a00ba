/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entities as the side panel sees them: cached mentions, the user's decisions, grouping. */
#include "config.h"

#include <glib/gstdio.h>

#include "mg-entity.h"
#include "mg-store-entities.h"

#define VERSION 7

static const char report[] =
  "Minister Le Van Hai visited Hanoi on Monday. Hai met officials of the Asian Ports Council "
  "in Hanoi and in Hà Nội's old quarter. The Harbour Accord was signed.";

typedef struct
{
  char *folder;
  MgStore *store;
  gint64 document;
} Fixture;

static gint64
add_document (MgStore    *store,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

/* Where @needle stands in @text, in code points. */
static gint64
offset_of (const char *text,
           const char *needle,
           int         nth)
{
  const char *hit = text;

  for (int i = 0; i <= nth; i++)
    {
      hit = strstr (i == 0 ? hit : hit + 1, needle);
      g_assert_nonnull (hit);
    }
  return g_utf8_pointer_to_offset (text, hit);
}

static void
add_mention (GPtrArray    *mentions,
             const char   *text,
             const char   *surface,
             int           nth,
             MgEntityType  type,
             const char   *key)
{
  gint64 start = offset_of (text, surface, nth);

  g_ptr_array_add (mentions, mg_entity_mention_new (start, start + g_utf8_strlen (surface, -1),
                                                    type, surface, key));
}

/* What an extractor might have found in the report: the minister twice (once by a short
 * form linked to the long one), the city, the council, and a place that is not one. */
static GPtrArray *
extracted_mentions (void)
{
  GPtrArray *mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);

  add_mention (mentions, report, "Le Van Hai", 0, MG_ENTITY_TYPE_PERSON, "levanhai");
  add_mention (mentions, report, "Hanoi", 0, MG_ENTITY_TYPE_LOC, "hanoi");
  add_mention (mentions, report, "Monday", 0, MG_ENTITY_TYPE_DATE, "monday");
  add_mention (mentions, report, "Hai", 1, MG_ENTITY_TYPE_PERSON, "levanhai");
  add_mention (mentions, report, "Asian Ports Council", 0, MG_ENTITY_TYPE_ORG,
               "asianportscouncil");
  add_mention (mentions, report, "Hanoi", 1, MG_ENTITY_TYPE_LOC, "hanoi");
  add_mention (mentions, report, "Hà Nội", 0, MG_ENTITY_TYPE_LOC, "hanoi");
  return mentions;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = extracted_mentions ();
  g_autofree char *path = NULL;

  fixture->folder = g_dir_make_tmp ("marginalia-entities-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "library.sqlite3", NULL);
  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  fixture->document = add_document (fixture->store, "Report", report);
  mg_store_save_entity_mentions (fixture->store, fixture->document, VERSION, mentions, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

static GPtrArray *
shown_mentions (Fixture    *fixture,
                gint64      document,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *mentions = mg_store_get_document_entities (fixture->store, document, text, VERSION,
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (mentions);
  return mentions;
}

static MgEntity *
find_entity (GListModel *entities,
             const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(MgEntity) entity = g_list_model_get_item (entities, i);

      if (g_strcmp0 (mg_entity_get_key (entity), key) == 0)
        return entity;
    }
  return NULL;
}

static void
add_decision (Fixture              *fixture,
              MgEntityDecisionKind  kind,
              const char           *text,
              MgEntityType          type,
              gint64                document,
              gint64               *out_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgEntityDecision) decision = mg_entity_decision_new (kind, text, type, document);

  mg_store_add_entity_decision (fixture->store, decision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decision->id, >, 0);
  if (out_id != NULL)
    *out_id = decision->id;
}

static void
test_cache_by_version (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cached = mg_store_load_entity_mentions (fixture->store, fixture->document,
                                                               VERSION, &error);
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GArray) unread = NULL;
  gint64 other;
  MgEntityMention *first;

  g_assert_no_error (error);
  g_assert_cmpuint (cached->len, ==, 7);
  first = g_ptr_array_index (cached, 0);
  g_assert_cmpint (first->start, ==, 9);
  g_assert_cmpint (first->end, ==, 19);
  g_assert_cmpstr (first->text, ==, "Le Van Hai");
  g_assert_cmpint (first->type, ==, MG_ENTITY_TYPE_PERSON);

  /* Another extractor version has not read it: the cache says so, without an error. */
  stale = mg_store_load_entity_mentions (fixture->store, fixture->document, VERSION + 1, &error);
  g_assert_no_error (error);
  g_assert_null (stale);

  other = add_document (fixture->store, "Other", "Nothing to see here.");
  unread = mg_store_list_unextracted_documents (fixture->store, VERSION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unread->len, ==, 1);
  g_assert_cmpint (g_array_index (unread, gint64, 0), ==, other);
}

static void
test_grouping (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) mentions = shown_mentions (fixture, fixture->document, report);
  g_autoptr(GListModel) entities = mg_entity_group_mentions (mentions);
  g_autoptr(MgEntity) top = g_list_model_get_item (entities, 0);
  MgEntity *person = find_entity (entities, "levanhai");
  const MgEntitySpan *spans;
  guint n_spans;

  g_assert_cmpuint (g_list_model_get_n_items (entities), ==, 4);
  /* Most mentioned first: Hanoi, under both spellings. */
  g_assert_cmpstr (mg_entity_get_key (top), ==, "hanoi");
  g_assert_cmpuint (mg_entity_get_mention_count (top), ==, 3);
  /* The long form names the entity, not the short form linked to it. */
  g_assert_cmpstr (mg_entity_get_name (person), ==, "Le Van Hai");
  g_assert_cmpuint (mg_entity_get_mention_count (person), ==, 2);
  spans = mg_entity_get_spans (person, &n_spans);
  g_assert_cmpuint (n_spans, ==, 2);
  g_assert_cmpint (spans[1].start, ==, offset_of (report, "Hai", 1));

  /* Walking the mentions wraps around at both ends. */
  g_assert_cmpint (mg_entity_find_span (person, 0, TRUE), ==, 0);
  g_assert_cmpint (mg_entity_find_span (person, spans[0].start, TRUE), ==, 1);
  g_assert_cmpint (mg_entity_find_span (person, spans[1].start, TRUE), ==, 0);
  g_assert_cmpint (mg_entity_find_span (person, spans[0].start, FALSE), ==, 1);
}

static void
test_reject_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  gint64 id;

  add_decision (fixture, MG_ENTITY_DECISION_REJECT, "Monday", MG_ENTITY_TYPE_DATE,
                fixture->document, &id);
  after = shown_mentions (fixture, fixture->document, report);
  g_assert_cmpuint (after->len, ==, 6);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((MgEntityMention *) g_ptr_array_index (after, i))->key, !=, "monday");

  mg_store_remove_entity_decision (fixture->store, id, &error);
  g_assert_no_error (error);
  undone = shown_mentions (fixture, fixture->document, report);
  g_assert_cmpuint (undone->len, ==, 7);
}

static void
test_decisions_survive_reextraction (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = extracted_mentions ();
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GListModel) entities = NULL;

  add_decision (fixture, MG_ENTITY_DECISION_RETYPE, "Asian Ports Council", MG_ENTITY_TYPE_LOC,
                0, NULL);
  /* The extractor reads the document again (a new version, say) and finds the same. */
  mg_store_save_entity_mentions (fixture->store, fixture->document, VERSION, fresh, &error);
  g_assert_no_error (error);
  shown = shown_mentions (fixture, fixture->document, report);
  entities = mg_entity_group_mentions (shown);
  g_assert_cmpint (mg_entity_get_entity_type (find_entity (entities, "asianportscouncil")), ==,
                   MG_ENTITY_TYPE_LOC);
}

static void
test_library_wide_and_document_rejects (Fixture       *fixture,
                                        gconstpointer  data)
{
  static const char memo[] = "A memo from Hanoi.";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memo_mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  g_autoptr(GPtrArray) in_memo = NULL;
  g_autoptr(GPtrArray) in_report = NULL;
  gint64 memo_id = add_document (fixture->store, "Memo", memo);

  add_mention (memo_mentions, memo, "Hanoi", 0, MG_ENTITY_TYPE_LOC, "hanoi");
  mg_store_save_entity_mentions (fixture->store, memo_id, VERSION, memo_mentions, &error);
  g_assert_no_error (error);

  /* "Not an entity in this document" leaves the other document alone. */
  add_decision (fixture, MG_ENTITY_DECISION_REJECT, "Hanoi", MG_ENTITY_TYPE_LOC, memo_id, NULL);
  in_memo = shown_mentions (fixture, memo_id, memo);
  in_report = shown_mentions (fixture, fixture->document, report);
  g_assert_cmpuint (in_memo->len, ==, 0);
  g_assert_cmpuint (in_report->len, ==, 7);
  g_clear_pointer (&in_report, g_ptr_array_unref);

  /* "Not an entity anywhere" reaches every document, every spelling. */
  add_decision (fixture, MG_ENTITY_DECISION_REJECT, "Hanoi", MG_ENTITY_TYPE_LOC, 0, NULL);
  in_report = shown_mentions (fixture, fixture->document, report);
  g_assert_cmpuint (in_report->len, ==, 4);
}

static void
test_marked_name_found_everywhere (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const char letter[] = "We read the HARBOUR ACCORD closely; the Harbour  Accord’s terms "
                               "matter. Harbouraccordion is another word.";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  g_autoptr(GPtrArray) in_report = NULL;
  g_autoptr(GPtrArray) in_letter = NULL;
  gint64 letter_id = add_document (fixture->store, "Letter", letter);
  MgEntityMention *mention;

  mg_store_save_entity_mentions (fixture->store, letter_id, VERSION, nothing, &error);
  g_assert_no_error (error);
  add_decision (fixture, MG_ENTITY_DECISION_ADD, "Harbour Accord", MG_ENTITY_TYPE_LAW, 0, NULL);

  in_report = shown_mentions (fixture, fixture->document, report);
  g_assert_cmpuint (in_report->len, ==, 8);
  in_letter = shown_mentions (fixture, letter_id, letter);
  /* Any case and spacing, a possessive left out, and never inside a longer word. */
  g_assert_cmpuint (in_letter->len, ==, 2);
  mention = g_ptr_array_index (in_letter, 0);
  g_assert_cmpstr (mention->text, ==, "HARBOUR ACCORD");
  g_assert_cmpint (mention->type, ==, MG_ENTITY_TYPE_LAW);
  mention = g_ptr_array_index (in_letter, 1);
  g_assert_cmpstr (mention->text, ==, "Harbour  Accord");
  g_assert_cmpint (mention->start, ==, offset_of (letter, "Harbour  Accord", 0));
}

static void
test_alias_merges (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgEntityDecision) alias = mg_entity_decision_new (MG_ENTITY_DECISION_ALIAS,
                                                              "Asian Ports Council",
                                                              MG_ENTITY_TYPE_ORG, 0);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GListModel) entities = NULL;

  alias->alias_of = g_strdup ("levanhai");
  mg_store_add_entity_decision (fixture->store, alias, &error);
  g_assert_no_error (error);
  shown = shown_mentions (fixture, fixture->document, report);
  entities = mg_entity_group_mentions (shown);
  g_assert_null (find_entity (entities, "asianportscouncil"));
  g_assert_cmpuint (mg_entity_get_mention_count (find_entity (entities, "levanhai")), ==, 3);
}

static void
test_corpus_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char memo[] = "A memo from Hanoi, on Monday.";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memo_mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  g_autoptr(GListModel) corpus = NULL;
  g_autoptr(MgEntity) top = NULL;
  gint64 memo_id = add_document (fixture->store, "Memo", memo);

  add_mention (memo_mentions, memo, "Hanoi", 0, MG_ENTITY_TYPE_LOC, "hanoi");
  mg_store_save_entity_mentions (fixture->store, memo_id, VERSION, memo_mentions, &error);
  g_assert_no_error (error);
  corpus = mg_store_list_corpus_entities (fixture->store, VERSION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (corpus), ==, 4);
  top = g_list_model_get_item (corpus, 0);
  g_assert_cmpstr (mg_entity_get_key (top), ==, "hanoi");
  g_assert_cmpuint (mg_entity_get_document_count (top), ==, 2);
  g_assert_cmpuint (mg_entity_get_mention_count (top), ==, 4);
  g_assert_cmpuint (mg_entity_get_document_count (find_entity (corpus, "levanhai")), ==, 1);
}

static void
test_deleted_document_drops_its_cache (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgEntityDecision) decision = mg_entity_decision_new (MG_ENTITY_DECISION_REJECT,
                                                                 "Hanoi", MG_ENTITY_TYPE_LOC,
                                                                 fixture->document + 100);

  /* A decision about a document that is not there is refused, not stored dangling. */
  g_assert_false (mg_store_add_entity_decision (fixture->store, decision, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/entity-store/cache-by-version", test_cache_by_version);
  ADD ("/entity-store/grouping", test_grouping);
  ADD ("/entity-store/reject-and-undo", test_reject_and_undo);
  ADD ("/entity-store/decisions-survive-reextraction", test_decisions_survive_reextraction);
  ADD ("/entity-store/library-wide-and-document-rejects", test_library_wide_and_document_rejects);
  ADD ("/entity-store/marked-name-found-everywhere", test_marked_name_found_everywhere);
  ADD ("/entity-store/alias-merges", test_alias_merges);
  ADD ("/entity-store/corpus-counts", test_corpus_counts);
  ADD ("/entity-store/decision-on-missing-document", test_deleted_document_drops_its_cache);
#undef ADD
  return g_test_run ();
}
