/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entity extractor, rule family by rule family, on sentences written for these tests. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mg-entity-block.h"
#include "mg-entity-extractor.h"
#include "mg-entity-fold.h"

static MgEntityExtractor *extractor;

static GPtrArray *
extract (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *mentions = mg_entity_extractor_extract_full (extractor, text, -1, NULL, NULL,
                                                          &error);

  g_assert_no_error (error);
  g_assert_nonnull (mentions);
  return mentions;
}

static const MgEntityMention *
find (GPtrArray  *mentions,
      const char *text)
{
  for (guint i = 0; i < mentions->len; i++)
    {
      const MgEntityMention *m = g_ptr_array_index (mentions, i);

      if (g_strcmp0 (m->text, text) == 0)
        return m;
    }
  return NULL;
}

/* Asserts that @text is found with @type, and that its offsets really cover it. */
static void
assert_entity (const char *document,
               GPtrArray  *mentions,
               const char *text,
               const char *type)
{
  const MgEntityMention *m = find (mentions, text);
  g_autofree char *covered = NULL;
  const char *start;

  if (m == NULL)
    g_error ("“%s” not found as %s in “%s”", text, type, document);
  g_assert_cmpstr (mg_entity_type_to_string (m->type), ==, type);
  start = g_utf8_offset_to_pointer (document, m->start);
  covered = g_strndup (start, g_utf8_offset_to_pointer (document, m->end) - start);
  g_assert_cmpstr (covered, ==, text);
}

static void
assert_absent (GPtrArray  *mentions,
               const char *text)
{
  if (find (mentions, text) != NULL)
    g_error ("“%s” should not be an entity", text);
}

static void
check (const char          *document,
       const char * const  *expected,
       const char * const  *absent)
{
  g_autoptr(GPtrArray) mentions = extract (document);

  for (guint i = 0; expected[i] != NULL; i += 2)
    assert_entity (document, mentions, expected[i], expected[i + 1]);
  for (guint i = 0; absent != NULL && absent[i] != NULL; i++)
    assert_absent (mentions, absent[i]);
}

static void
test_titles (void)
{
  const char *text = "General Secretary To Lam received Assoc. Prof. Dr. Tran Van Khai and "
                     "Mr. Le Quang Vinh. Prime Minister Pham Minh Chinh chaired the meeting, "
                     "as did UN Secretary-General Antonio Guterres.";
  const char * const expected[] = {
    "To Lam", "PERSON", "Tran Van Khai", "PERSON", "Le Quang Vinh", "PERSON",
    "Pham Minh Chinh", "PERSON", "Antonio Guterres", "PERSON", "UN", "ORG", NULL };
  const char * const absent[] = {
    "General Secretary To Lam", "Dr. Tran Van Khai", "Prime Minister Pham Minh Chinh", NULL };

  check (text, expected, absent);
}

static void
test_connectors (void)
{
  const char *text = "Officials of the Ministry of Science and Technology met envoys from "
                     "Japan and Korea at the Bank for Investment and Development of Vietnam. "
                     "The Deputy Minister of Foreign Affairs spoke last.";
  const char * const expected[] = {
    "Ministry of Science and Technology", "ORG", "Japan", "LOC", "Korea", "LOC",
    "Bank for Investment and Development of Vietnam", "ORG", NULL };
  const char * const absent[] = { "Japan and Korea", "Foreign Affairs", NULL };

  check (text, expected, absent);
}

static void
test_acronyms (void)
{
  const char *text = "The Asian Development Bank (ADB) and ASEAN agreed. WTO rules apply, "
                     "who knows for how long. The Vietnam Chamber of Commerce and Industry "
                     "welcomed it; VCCI will report.";
  g_autoptr(GPtrArray) mentions = extract (text);
  const MgEntityMention *longer = find (mentions, "Vietnam Chamber of Commerce and Industry");
  const MgEntityMention *shorter = find (mentions, "VCCI");

  assert_entity (text, mentions, "Asian Development Bank", "ORG");
  assert_entity (text, mentions, "ADB", "ORG");
  assert_entity (text, mentions, "ASEAN", "ORG");
  assert_entity (text, mentions, "WTO", "ORG");
  assert_absent (mentions, "who");
  g_assert_cmpstr (find (mentions, "ADB")->key, ==, find (mentions, "Asian Development Bank")->key);
  g_assert_nonnull (longer);
  g_assert_nonnull (shorter);
  g_assert_cmpint (shorter->type, ==, MG_ENTITY_TYPE_ORG);
  g_assert_cmpstr (shorter->key, ==, longer->key);
}

static void
test_dates (void)
{
  const char *text = "Signed on January 24, 2025 and again on 13 October 2022. The report of "
                     "Thursday, 13 October 2022 16:00 covers 2001-2010, the late 1980s and the "
                     "middle of the 21st century. Filed 01/06/2025, reviewed on Tuesday, "
                     "published in March, effective since 1986 and dated August 8th, 2018.";
  const char * const expected[] = {
    "January 24, 2025", "DATE", "13 October 2022", "DATE", "Thursday, 13 October 2022", "DATE",
    "2001-2010", "DATE", "late 1980s", "DATE", "middle of the 21st century", "DATE",
    "01/06/2025", "DATE", "Tuesday", "DATE", "March", "DATE", "1986", "DATE",
    "August 8th, 2018", "DATE", NULL };
  const char * const absent[] = { "the late 1980s", "16:00", "2001", NULL };

  check (text, expected, absent);
}

static void
test_durations (void)
{
  const char *text = "After 40 years of renewal and 15 years of growth, 2000 people met; the "
                     "fund lasted 10 or 20 years. Page 1152 views. It began in 2000.";
  g_autoptr(GPtrArray) mentions = extract (text);

  g_assert_cmpuint (mentions->len, ==, 1);
  assert_entity (text, mentions, "2000", "DATE");
  g_assert_cmpint (((MgEntityMention *) g_ptr_array_index (mentions, 0))->start, ==,
                   g_utf8_strlen (text, strstr (text, "in 2000") - text) + 3);
}

static void
test_laws (void)
{
  const char *text = "The Politburo issued Resolution No. 59-NQ/TW. Resolution 59 follows "
                     "Directive No.25-CT/TW and Decree 15/2020/ND-CP, in line with the United "
                     "Nations Charter, the EVFTA and the Land Law. The resolution and the "
                     "Resolution say so. The Strategy on Marine Economy to 2030, with a vision "
                     "to 2045 was adopted.";
  const char * const expected[] = {
    "Resolution No. 59-NQ/TW", "LAW", "Resolution 59", "LAW", "Directive No.25-CT/TW", "LAW",
    "Decree 15/2020/ND-CP", "LAW", "United Nations Charter", "LAW", "EVFTA", "LAW",
    "Land Law", "LAW", "Politburo", "ORG",
    "Strategy on Marine Economy to 2030, with a vision to 2045", "LAW", NULL };
  const char * const absent[] = { "Resolution", "resolution", "United Nations", "2030", NULL };

  check (text, expected, absent);
}

static void
test_folding (void)
{
  const char *text = "Việt Nam, Viet Nam and VIETNAM all mean Vietnam. Đà Nẵng is Da Nang.";
  g_autoptr(GPtrArray) mentions = extract (text);
  g_autofree char *key = mg_entity_fold_key ("Việt Nam", -1);
  g_autofree char *key2 = mg_entity_fold_key ("People’s  Army", -1);
  g_autofree char *key3 = mg_entity_fold_key ("Vietnam+", -1);

  g_assert_cmpstr (key, ==, "vietnam");
  g_assert_cmpstr (key2, ==, "peoplesarmy");
  g_assert_cmpstr (key3, ==, "vietnam+");
  g_assert_cmpuint (mentions->len, ==, 6);
  for (guint i = 0; i < 4; i++)
    {
      const MgEntityMention *m = g_ptr_array_index (mentions, i);

      g_assert_cmpint (m->type, ==, MG_ENTITY_TYPE_LOC);
      g_assert_cmpstr (m->key, ==, "vietnam");
    }
  assert_entity (text, mentions, "Đà Nẵng", "LOC");
  g_assert_cmpstr (find (mentions, "Đà Nẵng")->key, ==, find (mentions, "Da Nang")->key);
}

static void
test_possessives (void)
{
  const char *text = "Vietnam's economy grew. Vietnam’s exports and ASEAN’s role matter, "
                     "as does the People’s Committee of Hanoi.";
  g_autoptr(GPtrArray) mentions = extract (text);

  g_assert_cmpint (((MgEntityMention *) g_ptr_array_index (mentions, 0))->end, ==, 7);
  assert_entity (text, mentions, "Vietnam", "LOC");
  assert_entity (text, mentions, "ASEAN", "ORG");
  assert_entity (text, mentions, "People’s Committee of Hanoi", "ORG");
  assert_absent (mentions, "Vietnam's");
  assert_absent (mentions, "Vietnam’s");
}

static void
test_sentence_initial (void)
{
  const char *text = "However, Internal resources matter.\nDeveloping countries grow.\n"
                     "In Hanoi, Party members met. According to Officials, The State acts.";
  g_autoptr(GPtrArray) mentions = extract (text);

  g_assert_cmpuint (mentions->len, ==, 1);
  assert_entity (text, mentions, "Hanoi", "LOC");
}

static void
test_sentences (void)
{
  const char *text = "Dr. Hoa met Prof. Binh of SangHa Co., Ltd. in the city. No. 5 came. "
                     "Assoc. Prof. Lan left! Then V.I. Lenin spoke? Yes.";
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (MgToken));
  g_autoptr(GString) folds = g_string_new (NULL);
  g_autoptr(GByteArray) claimed = g_byte_array_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (MgSpan));
  g_autoptr(MgEntityGazetteer) gazetteer = mg_entity_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  MgBlock b = { 0 };
  GString *starts = g_string_new (NULL);

  g_assert_true (mg_entity_gazetteer_load (gazetteer, &error));
  g_assert_no_error (error);
  mg_entity_tokenize (text, strlen (text), tokens, folds);
  g_byte_array_set_size (claimed, tokens->len);
  b.text = text;
  b.tokens = (MgToken *) tokens->data;
  b.n_tokens = tokens->len;
  b.folds = folds->str;
  b.gazetteer = gazetteer;
  b.claimed = claimed->data;
  b.spans = spans;
  mg_entity_find_sentences (&b);
  for (guint i = 0; i < b.n_tokens; i++)
    if (b.tokens[i].flags & MG_TOKEN_SENT_START)
      g_string_append_printf (starts, "%.*s|", (int) (b.tokens[i].end - b.tokens[i].start),
                              text + b.tokens[i].start);
  g_assert_cmpstr (starts->str, ==, "Dr|No|Assoc|Then|Yes|");
  g_string_free (starts, TRUE);
}

static void
test_nbsp_and_apostrophes (void)
{
  const char *text = "Visitors\u00a0from\u00a0Da\u00a0Nang and Japan\u2019s delegates met "
                     "at the People\u2019s Army Newspaper.";
  const char * const expected[] = {
    "Da\u00a0Nang", "LOC", "Japan", "LOC", "People\u2019s Army Newspaper", "ORG", NULL };
  const char * const absent[] = { "Japan\u2019s", NULL };

  check (text, expected, absent);
}

static void
test_offsets (void)
{
  /* U+1D11E is one code point (two UTF-16 units, four bytes); the combining marks of the
   * decomposed "Việt" are code points of their own. */
  const char *text = "\U0001D11E Hanoi and Vie\u0323\u0302t Nam, then \U0001D11E\U0001D11E Laos.";
  g_autoptr(GPtrArray) mentions = extract (text);
  const MgEntityMention *m;

  g_assert_cmpuint (mentions->len, ==, 3);
  m = g_ptr_array_index (mentions, 0);
  g_assert_cmpint (m->start, ==, 2);
  g_assert_cmpint (m->end, ==, 7);
  m = g_ptr_array_index (mentions, 1);
  g_assert_cmpint (m->start, ==, 12);
  g_assert_cmpint (m->end, ==, 22);
  g_assert_cmpstr (m->key, ==, "vietnam");
  m = g_ptr_array_index (mentions, 2);
  g_assert_cmpint (m->start, ==, 32);
  g_assert_cmpint (m->end, ==, 36);
  assert_entity (text, mentions, "Laos", "LOC");
}

static void
test_consistency (void)
{
  const char *text = "(Photo: Hong Dat/VNA)\nLater, Hong Dat said the port was busy.\n"
                     "Deputy Prime Minister Hun Tran Quang spoke. Quang said more. "
                     "Mr. Kieran Tobbs arrived; Tobbs left early.";
  g_autoptr(GPtrArray) mentions = extract (text);
  const MgEntityMention *first_mention = NULL;
  const MgEntityMention *later = NULL;

  for (guint i = 0; i < mentions->len; i++)
    {
      const MgEntityMention *m = g_ptr_array_index (mentions, i);

      if (g_strcmp0 (m->text, "Hong Dat") == 0)
        {
          g_assert_cmpint (m->type, ==, MG_ENTITY_TYPE_PERSON);
          if (first_mention == NULL)
            first_mention = m;
          else
            later = m;
        }
    }
  g_assert_nonnull (later);
  assert_entity (text, mentions, "Hun Tran Quang", "PERSON");
  assert_entity (text, mentions, "Quang", "PERSON");
  g_assert_cmpstr (find (mentions, "Quang")->key, ==, "huntranquang");
  assert_entity (text, mentions, "Tobbs", "PERSON");
  g_assert_cmpstr (find (mentions, "Tobbs")->key, ==, "kierantobbs");
}

static void
test_places_and_heads (void)
{
  const char *text = "Ships left Lien Chieu Port for Phu My town in Ba Ria-Vung Tau province "
                     "and the Mekong sub-region, near Dong Van Industrial Park. The Ho Chi Minh "
                     "National Academy of Politics and Tan Phat Trading Co., Ltd. signed.";
  const char * const expected[] = {
    "Lien Chieu Port", "LOC", "Phu My", "LOC", "Ba Ria-Vung Tau", "LOC", "Mekong", "LOC",
    "Dong Van Industrial Park", "LOC", "Ho Chi Minh National Academy of Politics", "ORG",
    "Tan Phat Trading Co., Ltd.", "ORG", NULL };
  const char * const absent[] = { "Ho Chi Minh", "Phu My town", NULL };

  check (text, expected, absent);
}

/* A place word ends a place's name; a headline's "Port Rules" or "Harbour Fees" is
 * something else, and still no place. */
static void
test_place_word_not_last (void)
{
  const char *text = "Partners Agree on Grid Link and Port Rules at Da Nang Meeting\n\n"
                     "Talks on Harbour Fees went on near Cai Mep International Port.";
  const char * const expected[] = {
    "Da Nang", "LOC", "Cai Mep International Port", "LOC", NULL };
  const char * const absent[] = {
    "Grid Link and Port Rules", "Port Rules", "Harbour Fees", NULL };

  check (text, expected, absent);
}

/* Parts of a year, day ranges, "from ... to ..." ranges, "in May", copyright years, and
 * months that name an event. */
static void
test_date_periods (void)
{
  const char *text = "Output rose in the third quarter of 2024 and in the first eight months "
                     "of 2023. The fair runs on March 10-12, and the talks from 12-14 June. "
                     "From 2016 to 2020 the plan worked; from February to May it rained. "
                     "Prices fell in May. The October Revolution changed Russia. The 2013 "
                     "Constitution stands.\n© 2025 Tin Tuc Online.";
  const char * const expected[] = {
    "third quarter of 2024", "DATE", "first eight months of 2023", "DATE",
    "March 10-12", "DATE", "12-14 June", "DATE", "2016 to 2020", "DATE",
    "February to May", "DATE", "May", "DATE", "2013", "DATE", "2025", "DATE", NULL };
  const char * const absent[] = { "October", "2024", "2016", "March 10", NULL };

  check (text, expected, absent);
}

/* "Official Dispatch No. ...", "Joint Circular No. ...": the qualifier is in the name. */
static void
test_law_qualifiers (void)
{
  const char *text = "The ministry issued Official Dispatch No. 2045/BTC-NSNN and Joint "
                     "Circular No. 03/2021/TTLT-BYT-BTC, then amended the Party Charter.";
  const char * const expected[] = {
    "Official Dispatch No. 2045/BTC-NSNN", "LAW", "Joint Circular No. 03/2021/TTLT-BYT-BTC",
    "LAW", "Party Charter", "LAW", NULL };
  const char * const absent[] = { "Dispatch No. 2045/BTC-NSNN", NULL };

  check (text, expected, absent);
}

/* Bylines with several authors, signature lines and "Name/Source" credits. */
static void
test_signatures (void)
{
  const char *text = "The port opened on Monday.\n\nBy LAN ANH – THANH TUNG\n\n"
                     "Quoc Khanh/VNA reporter in Vientiane\n\nThu Trang\n";
  const char * const expected[] = {
    "LAN ANH", "PERSON", "THANH TUNG", "PERSON", "Quoc Khanh", "PERSON", "VNA", "ORG",
    "Thu Trang", "PERSON", NULL };

  check (text, expected, NULL);
}

/* Names that a place word follows, a foreign holder after a body's name, possessives
 * after a head word, events opening with a body, subsidiaries and own-language acronyms. */
static void
test_names_in_context (void)
{
  const char *text = "Farmers in Cho Moi district met the Chairman of the House of Commons "
                     "Lindsay Hoyle. The Ministry of Finance's Tax Department agreed. Leaders "
                     "met at the APEC Summit. Intel Products Vietnam and FPT Software invest. "
                     "The German Chamber of Commerce Abroad (AHK) came.";
  const char * const expected[] = {
    "Cho Moi", "LOC", "House of Commons", "ORG", "Lindsay Hoyle", "PERSON",
    "Ministry of Finance", "ORG", "APEC", "ORG", "FPT Software", "ORG", "AHK", "ORG", NULL };
  const char * const absent[] = { "Moi", "House of Commons Lindsay Hoyle",
                                  "Ministry of Finance's Tax Department", NULL };

  check (text, expected, absent);
}

static void
test_events_and_generic (void)
{
  const char *text = "The 13th National Party Congress praised the Party and the State. The "
                     "Fourth Industrial Revolution changes the Ministry. A strong and united "
                     "Community grew.";
  g_autoptr(GPtrArray) mentions = extract (text);

  g_assert_cmpuint (mentions->len, ==, 0);
}

static void
test_rules (void)
{
  const char *text = "Tourists love Cuc Vang forest. The Politburo met in Vietnam.";
  g_autoptr(MgEntityRules) rules = mg_entity_rules_new ();
  g_autoptr(MgEntityRules) copy = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_entity_rules_is_empty (rules));
  mg_entity_rules_add (rules, "cuc vang", MG_ENTITY_TYPE_LOC);
  mg_entity_rules_reject (rules, "Vietnam");
  mg_entity_rules_retype (rules, "politburo", MG_ENTITY_TYPE_LOC);
  copy = mg_entity_rules_copy (rules);
  mentions = mg_entity_extractor_extract_full (extractor, text, -1, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, ==, 2);
  assert_entity (text, mentions, "Cuc Vang", "LOC");
  assert_entity (text, mentions, "Politburo", "LOC");
  assert_absent (mentions, "Vietnam");
}

static void
test_errors (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *mentions;

  mentions = mg_entity_extractor_extract_full (extractor, "Bad \xff text", -1, NULL, NULL, &error);
  g_assert_null (mentions);
  g_assert_error (error, MG_ENTITY_ERROR, MG_ENTITY_ERROR_INVALID_TEXT);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  mentions = mg_entity_extractor_extract_full (extractor, "Hanoi", -1, NULL, cancellable, &error);
  g_assert_null (mentions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (mg_entity_extractor_extract (extractor, "Hanoi", -1, cancellable));
  mentions = mg_entity_extractor_extract (extractor, "", 0, NULL);
  g_assert_cmpuint (mentions->len, ==, 0);
  g_ptr_array_unref (mentions);
}

static void
test_types (void)
{
  MgEntityType type = MG_ENTITY_TYPE_PERSON;

  for (guint i = 0; i < MG_ENTITY_N_TYPES; i++)
    {
      g_assert_true (mg_entity_type_from_string (mg_entity_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
    }
  g_assert_true (mg_entity_type_from_string ("law", &type));
  g_assert_cmpint (type, ==, MG_ENTITY_TYPE_LAW);
  g_assert_false (mg_entity_type_from_string ("EVENT", &type));
  g_assert_false (mg_entity_type_from_string (NULL, &type));
  g_assert_true (G_TYPE_IS_ENUM (MG_TYPE_ENTITY_TYPE));
}

static char *
run_cli (const char * const *args,
         int                *out_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MG_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, out_status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-entities-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "note.txt", NULL);
  g_autofree char *library = g_build_filename (dir, "library.sqlite3", NULL);
  g_autofree char *tsv = NULL;
  g_autofree char *jsonl = NULL;
  g_autofree char *missing = NULL;
  int status = -1;

  if (g_getenv ("MG_CLI") == NULL)
    {
      g_test_skip ("MG_CLI is not set");
      return;
    }
  g_assert_true (g_file_set_contents (path, "\U0001D11E Việt Nam\tmet\nASEAN.\n", -1, NULL));
  tsv = run_cli ((const char *[]) { "--library", library, "extract", path, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (tsv, ==, "start\tend\ttype\ttext\n2\t10\tLOC\tViệt Nam\n15\t20\tORG\tASEAN\n");
  jsonl = run_cli ((const char *[]) { "--library", library, "extract", "--format", "jsonl",
                                      path, NULL }, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (jsonl, ==, "{\"start\":2,\"end\":10,\"type\":\"LOC\",\"text\":\"Việt Nam\"}\n"
                              "{\"start\":15,\"end\":20,\"type\":\"ORG\",\"text\":\"ASEAN\"}\n");
  g_free (run_cli ((const char *[]) { "--library", library, "extract", "--format", "xml", path,
                                      NULL }, &status));
  g_assert_cmpint (status, !=, 0);
  missing = g_build_filename (dir, "missing.txt", NULL);
  g_free (run_cli ((const char *[]) { "--library", library, "extract", missing, NULL }, &status));
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_free (run_cli ((const char *[]) { "--library", library, "extract", "--document", "99",
                                      NULL }, &status));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_remove (path);
  g_remove (library);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  extractor = mg_entity_extractor_new (&error);
  g_assert_no_error (error);
  g_test_add_func ("/entities/titles", test_titles);
  g_test_add_func ("/entities/connectors", test_connectors);
  g_test_add_func ("/entities/acronyms", test_acronyms);
  g_test_add_func ("/entities/dates", test_dates);
  g_test_add_func ("/entities/durations", test_durations);
  g_test_add_func ("/entities/laws", test_laws);
  g_test_add_func ("/entities/folding", test_folding);
  g_test_add_func ("/entities/possessives", test_possessives);
  g_test_add_func ("/entities/sentence-initial", test_sentence_initial);
  g_test_add_func ("/entities/sentences", test_sentences);
  g_test_add_func ("/entities/nbsp-apostrophes", test_nbsp_and_apostrophes);
  g_test_add_func ("/entities/offsets", test_offsets);
  g_test_add_func ("/entities/consistency", test_consistency);
  g_test_add_func ("/entities/places-heads", test_places_and_heads);
  g_test_add_func ("/entities/place-word-not-last", test_place_word_not_last);
  g_test_add_func ("/entities/events-generic", test_events_and_generic);
  g_test_add_func ("/entities/date-periods", test_date_periods);
  g_test_add_func ("/entities/law-qualifiers", test_law_qualifiers);
  g_test_add_func ("/entities/signatures", test_signatures);
  g_test_add_func ("/entities/names-in-context", test_names_in_context);
  g_test_add_func ("/entities/rules", test_rules);
  g_test_add_func ("/entities/errors", test_errors);
  g_test_add_func ("/entities/types", test_types);
  g_test_add_func ("/entities/cli", test_cli);
  status = g_test_run ();
  g_assert_finalize_object (extractor);
  return status;
}
