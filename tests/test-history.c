/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undo and redo: every command goes back and forth exactly, a new action clears redo, and
 * tagging all occurrences is one step. */
#include "config.h"

#include <string.h>

#include "mg-history.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

static const char text[] =
  "Salt, rice and timber left the port. Salt paid the levy; rice paid none. Salt again.";

typedef struct
{
  MgStore *store;
  MgHistory *history;
  gint64 document;
  gint64 set;
  gint64 highlight;
  guint changes;
  gint64 last_changed;
  guint can_undo_notes;
  guint can_redo_notes;
} Fixture;

static void
on_changed (MgHistory *history,
            gint64     document_id,
            Fixture   *fixture)
{
  fixture->changes++;
  fixture->last_changed = document_id;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Fixture    *fixture)
{
  if (g_str_equal (pspec->name, "can-undo"))
    fixture->can_undo_notes++;
  else if (g_str_equal (pspec->name, "can-redo"))
    fixture->can_redo_notes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgDocument) document = mg_document_new ("Port", text, NULL, NULL);
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) highlight = NULL;

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  mg_store_add_document (fixture->store, document, NULL, &error);
  g_assert_no_error (error);
  fixture->document = mg_document_get_id (document);
  set = mg_store_get_default_annotation_set (fixture->store, &error);
  fixture->set = mg_annotation_set_get_id (set);
  highlight = mg_store_find_code (fixture->store, "Highlight", &error);
  fixture->highlight = mg_code_get_id (highlight);
  fixture->history = mg_history_new ();
  g_signal_connect (fixture->history, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (fixture->history, "notify", G_CALLBACK (on_notify), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_clear_object (&fixture->store);
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_history_undo (fixture->history, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_history_redo (fixture->history, &error));
  g_assert_no_error (error);
}

static guint
count (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = mg_store_list_annotations (fixture->store, fixture->document, 0, 0,
                                                          &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static MgAnnotation *
read_annotation (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation = mg_store_get_annotation (fixture->store, id, &error);

  g_assert_no_error (error);
  return annotation;
}

static MgAnnotation *
tag (Fixture *fixture,
     gint64   start,
     gint64   end)
{
  g_autoptr(GError) error = NULL;
  MgAnnotation *annotation = mg_history_tag (fixture->history, fixture->store, fixture->document,
                                             fixture->set, fixture->highlight, start, end, NULL,
                                             &error);

  g_assert_no_error (error);
  return annotation;
}

/* The codebook as "name/depth" words in display order. */
static char *
tree (Fixture *fixture)
{
  g_autoptr(GListModel) codes = mg_store_list_codes (fixture->store, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);

      g_string_append_printf (out, "%s%s/%u", i ? " " : "", mg_code_get_name (code),
                              mg_code_get_depth (code));
    }
  return g_string_free (out, FALSE);
}

#define assert_tree(fixture, expected) \
  G_STMT_START { \
    g_autofree char *actual_ = tree (fixture); \
    g_assert_cmpstr (actual_, ==, expected); \
  } G_STMT_END

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_false (mg_history_can_undo (fixture->history));
  g_assert_false (mg_history_can_redo (fixture->history));
  g_assert_null (mg_history_get_undo_label (fixture->history));
  undo (fixture);
  redo (fixture);
  g_assert_cmpuint (fixture->changes, ==, 0);
}

static void
test_tag (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(MgAnnotation) a = tag (fixture, 0, 4);
  g_autoptr(MgAnnotation) back = NULL;

  g_assert_cmpuint (count (fixture), ==, 1);
  g_assert_true (mg_history_can_undo (fixture->history));
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Tag passage");
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpint (fixture->last_changed, ==, fixture->document);
  g_assert_cmpuint (fixture->can_undo_notes, ==, 1);

  undo (fixture);
  g_assert_cmpuint (count (fixture), ==, 0);
  g_assert_false (mg_history_can_undo (fixture->history));
  g_assert_true (mg_history_can_redo (fixture->history));
  g_assert_cmpstr (mg_history_get_redo_label (fixture->history), ==, "Tag passage");
  g_assert_cmpuint (fixture->can_redo_notes, ==, 1);

  /* Redo brings back the very same annotation: same id and uuid. */
  redo (fixture);
  back = read_annotation (fixture, mg_annotation_get_id (a));
  g_assert_true (mg_annotation_equal (back, a));
  g_assert_cmpuint (fixture->changes, ==, 3);
}

static void
test_untag (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, 6, 10);
  g_autoptr(MgAnnotation) back = NULL;

  g_assert_true (mg_history_untag (fixture->history, fixture->store, mg_annotation_get_id (a),
                                   &error));
  g_assert_cmpuint (count (fixture), ==, 0);
  undo (fixture);
  back = read_annotation (fixture, mg_annotation_get_id (a));
  g_assert_true (mg_annotation_equal (back, a));
  redo (fixture);
  g_assert_cmpuint (count (fixture), ==, 0);
  undo (fixture);
  undo (fixture);
  g_assert_cmpuint (count (fixture), ==, 0);
  redo (fixture);
  redo (fixture);
  g_assert_cmpuint (count (fixture), ==, 0);

  g_assert_false (mg_history_untag (fixture->history, fixture->store, 999, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static void
test_edits (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) salt = mg_store_add_code (fixture->store, "Salt", NULL, 0, &error);
  g_autoptr(MgAnnotation) a = tag (fixture, 0, 4);
  gint64 id = mg_annotation_get_id (a);
  g_autoptr(MgAnnotation) recoded = NULL;
  g_autoptr(MgAnnotation) resized = NULL;
  g_autoptr(MgAnnotation) noted = NULL;
  g_autoptr(MgAnnotation) now = NULL;

  recoded = mg_history_recode (fixture->history, fixture->store, id, mg_code_get_id (salt),
                               &error);
  resized = mg_history_resize (fixture->history, fixture->store, id, 0, 10, &error);
  noted = mg_history_set_note (fixture->history, fixture->store, id, "export goods", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Edit note");
  g_assert_cmpstr (mg_annotation_get_quote (noted), ==, "Salt, rice");

  undo (fixture);
  now = read_annotation (fixture, id);
  g_assert_true (mg_annotation_equal (now, resized));
  g_clear_object (&now);
  undo (fixture);
  now = read_annotation (fixture, id);
  g_assert_true (mg_annotation_equal (now, recoded));
  g_clear_object (&now);
  undo (fixture);
  now = read_annotation (fixture, id);
  g_assert_true (mg_annotation_equal (now, a));
  g_clear_object (&now);

  redo (fixture);
  redo (fixture);
  redo (fixture);
  now = read_annotation (fixture, id);
  g_assert_true (mg_annotation_equal (now, noted));

  /* A refused edit adds no step. */
  g_assert_null (mg_history_resize (fixture->history, fixture->store, id, 5, 2, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Edit note");
}

static void
test_redo_cleared (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MgAnnotation) a = tag (fixture, 0, 4);
  g_autoptr(MgAnnotation) b = NULL;

  undo (fixture);
  g_assert_true (mg_history_can_redo (fixture->history));
  b = tag (fixture, 6, 10);
  g_assert_false (mg_history_can_redo (fixture->history));
  redo (fixture);
  g_assert_cmpuint (count (fixture), ==, 1);
  undo (fixture);
  g_assert_false (mg_history_can_undo (fixture->history));
}

static void
test_tag_all (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  g_autoptr(MgAnnotation) first = tag (fixture, 0, 4);

  for (const char *hit = strstr (text, "Salt"); hit; hit = strstr (hit + 1, "Salt"))
    {
      MgRange range = { hit - text, hit - text + 4 };
      g_array_append_val (ranges, range);
    }
  g_assert_cmpuint (ranges->len, ==, 3);
  /* The first occurrence is tagged already: two new passages, one step. */
  g_assert_cmpint (mg_history_tag_all (fixture->history, fixture->store, fixture->document,
                                       fixture->set, fixture->highlight,
                                       (MgRange *) ranges->data, ranges->len, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Tag all occurrences");
  g_assert_cmpuint (count (fixture), ==, 3);
  undo (fixture);
  g_assert_cmpuint (count (fixture), ==, 1);
  redo (fixture);
  g_assert_cmpuint (count (fixture), ==, 3);

  /* Nothing new to tag adds no step. */
  g_assert_cmpint (mg_history_tag_all (fixture->history, fixture->store, fixture->document,
                                       fixture->set, fixture->highlight,
                                       (MgRange *) ranges->data, ranges->len, &error), ==, 0);
  g_assert_false (mg_history_can_redo (fixture->history));
  g_assert_cmpint (mg_history_tag_all (fixture->history, fixture->store, 999, fixture->set,
                                       fixture->highlight, (MgRange *) ranges->data,
                                       ranges->len, &error), ==, -1);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
}

static void
test_codebook (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) goods = mg_history_add_code (fixture->history, fixture->store, "Goods",
                                                 NULL, 0, &error);
  g_autoptr(MgCode) salt = mg_history_add_code (fixture->history, fixture->store, "Salt", NULL,
                                                mg_code_get_id (goods), &error);
  g_autoptr(MgCode) read = NULL;
  gint64 id = mg_code_get_id (salt);

  g_assert_no_error (error);
  g_assert_cmpint (fixture->last_changed, ==, 0);
  g_assert_true (mg_history_rename_code (fixture->history, fixture->store, id, "Sea salt",
                                         &error));
  g_assert_true (mg_history_recolour_code (fixture->history, fixture->store, id, "#123456",
                                           &error));
  g_assert_true (mg_history_set_code_description (fixture->history, fixture->store, id,
                                                  "Evaporated", &error));
  g_assert_true (mg_history_move_code (fixture->history, fixture->store, id, 0, 0, &error));
  g_assert_no_error (error);
  assert_tree (fixture, "Sea salt/0 Highlight/0 Goods/0");

  undo (fixture);
  assert_tree (fixture, "Highlight/0 Goods/0 Sea salt/1");
  undo (fixture);
  undo (fixture);
  read = mg_store_get_code (fixture->store, id, &error);
  g_assert_cmpstr (mg_code_get_colour (read), ==, mg_code_get_colour (salt));
  g_assert_cmpstr (mg_code_get_description (read), ==, "");
  undo (fixture);
  assert_tree (fixture, "Highlight/0 Goods/0 Salt/1");
  undo (fixture);
  assert_tree (fixture, "Highlight/0 Goods/0");
  undo (fixture);
  assert_tree (fixture, "Highlight/0");

  /* Redo recreates the codes with their ids, so the later steps find them. */
  for (int i = 0; i < 6; i++)
    redo (fixture);
  assert_tree (fixture, "Sea salt/0 Highlight/0 Goods/0");
  g_clear_object (&read);
  read = mg_store_get_code (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_code_get_uuid (read), ==, mg_code_get_uuid (salt));
  g_assert_cmpstr (mg_code_get_colour (read), ==, "#123456");
  g_assert_cmpstr (mg_code_get_description (read), ==, "Evaporated");

  /* Refusals add no step. */
  g_assert_false (mg_history_move_code (fixture->history, fixture->store,
                                        mg_code_get_id (goods), mg_code_get_id (goods), 0,
                                        &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Move code");
}

static void
test_delete_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) goods = mg_history_add_code (fixture->history, fixture->store, "Goods",
                                                 NULL, 0, &error);
  g_autoptr(MgCode) salt = mg_history_add_code (fixture->history, fixture->store, "Salt", NULL,
                                                mg_code_get_id (goods), &error);
  g_autoptr(MgAnnotation) a = NULL;
  g_autoptr(MgAnnotation) now = NULL;

  a = mg_history_tag (fixture->history, fixture->store, fixture->document, fixture->set,
                      mg_code_get_id (goods), 6, 10, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (mg_history_delete_code (fixture->history, fixture->store,
                                          mg_code_get_id (goods), 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpstr (mg_history_get_undo_label (fixture->history), ==, "Tag passage");

  g_assert_true (mg_history_delete_code (fixture->history, fixture->store,
                                         mg_code_get_id (goods), fixture->highlight, &error));
  g_assert_no_error (error);
  assert_tree (fixture, "Highlight/0 Salt/0");
  now = read_annotation (fixture, mg_annotation_get_id (a));
  g_assert_cmpint (mg_annotation_get_code_id (now), ==, fixture->highlight);
  g_clear_object (&now);

  undo (fixture);
  assert_tree (fixture, "Highlight/0 Goods/0 Salt/1");
  now = read_annotation (fixture, mg_annotation_get_id (a));
  g_assert_true (mg_annotation_equal (now, a));
  g_clear_object (&now);
  redo (fixture);
  assert_tree (fixture, "Highlight/0 Salt/0");
  undo (fixture);
  /* Back past the tag and the codes, then forward again. */
  for (int i = 0; i < 3; i++)
    undo (fixture);
  assert_tree (fixture, "Highlight/0");
  g_assert_cmpuint (count (fixture), ==, 0);
  for (int i = 0; i < 4; i++)
    redo (fixture);
  assert_tree (fixture, "Highlight/0 Salt/0");
  g_assert_cmpuint (count (fixture), ==, 1);
}

/* A step that cannot be taken back stays where it was, and can be tried again. */
static void
test_undo_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) a = tag (fixture, 0, 4);

  /* Someone else (another window, the CLI) deleted it meanwhile. */
  g_assert_true (mg_store_delete_annotation (fixture->store, mg_annotation_get_id (a), &error));
  g_assert_false (mg_history_undo (fixture->history, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_assert_true (mg_history_can_undo (fixture->history));
  g_assert_false (mg_history_can_redo (fixture->history));
  mg_history_clear (fixture->history);
  g_assert_false (mg_history_can_undo (fixture->history));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/empty", test_empty);
  ADD ("/history/tag", test_tag);
  ADD ("/history/untag", test_untag);
  ADD ("/history/edits", test_edits);
  ADD ("/history/redo-cleared", test_redo_cleared);
  ADD ("/history/tag-all", test_tag_all);
  ADD ("/history/codebook", test_codebook);
  ADD ("/history/delete-code", test_delete_code);
  ADD ("/history/undo-fails", test_undo_fails);
#undef ADD

  return g_test_run ();
}
