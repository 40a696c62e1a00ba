/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The codebook: a tree of codes, its order, its refusals, its counts, keys and colours. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"

static MgStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static MgCode *
add (MgStore    *store,
     const char *name,
     gint64      parent)
{
  g_autoptr(GError) error = NULL;
  MgCode *code = mg_store_add_code (store, name, NULL, parent, &error);

  g_assert_no_error (error);
  return code;
}

/* The codebook as "name/depth" words in display order, for compact comparisons. */
static char *
tree (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = mg_store_list_codes (store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);

      g_assert_cmpuint (mg_code_get_position (code), <, 1000);
      g_string_append_printf (out, "%s%s/%u", i ? " " : "", mg_code_get_name (code),
                              mg_code_get_depth (code));
    }
  return g_string_free (out, FALSE);
}

static void
assert_tree (MgStore    *store,
             const char *expected)
{
  g_autofree char *actual = tree (store);

  g_assert_cmpstr (actual, ==, expected);
}

static gint64
add_document (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDocument) document = mg_document_new ("Notes", "Tides rise and fall twice a day.",
                                                    NULL, NULL);

  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  return mg_document_get_id (document);
}

static void
tag (MgStore *store,
     gint64   document,
     gint64   code,
     gint64   start,
     gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_get_default_annotation_set (store, &error);
  g_autoptr(MgAnnotation) annotation = NULL;

  g_assert_no_error (error);
  annotation = mg_store_add_annotation (store, document, mg_annotation_set_get_id (set), code,
                                        start, end, NULL, &error);
  g_assert_no_error (error);
}

static void
test_fresh (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) highlight = mg_store_find_code (store, "Highlight", &error);

  g_assert_no_error (error);
  g_assert_nonnull (highlight);
  g_assert_cmpstr (mg_code_get_colour (highlight), ==, mg_code_palette_colour (0));
  g_assert_cmpint (mg_code_get_parent_id (highlight), ==, 0);
  g_assert_cmpuint (mg_code_get_passage_count (highlight), ==, 0);
  g_assert_cmpuint (strlen (mg_code_get_uuid (highlight)), ==, 36);
  assert_tree (store, "Highlight/0");
}

static void
test_add_tree (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(MgCode) economy = add (store, "Economy", 0);
  g_autoptr(MgCode) trade = add (store, "Trade", mg_code_get_id (economy));
  g_autoptr(MgCode) ports = add (store, "Ports", mg_code_get_id (trade));
  g_autoptr(MgCode) labour = add (store, "Labour", mg_code_get_id (economy));
  g_autoptr(MgCode) law = add (store, "Law", 0);
  g_autoptr(MgCode) read = NULL;
  g_autoptr(GError) error = NULL;

  assert_tree (store, "Highlight/0 Economy/0 Trade/1 Ports/2 Labour/1 Law/0");
  read = mg_store_get_code (store, mg_code_get_id (ports), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mg_code_get_parent_id (read), ==, mg_code_get_id (trade));
  g_assert_cmpuint (mg_code_get_depth (read), ==, 2);
  g_assert_cmpuint (mg_code_get_position (labour), ==, 1);

  /* Same name under another parent is fine; beside a sibling of that name it is not. */
  g_clear_object (&read);
  read = add (store, "Trade", mg_code_get_id (law));
  g_assert_null (mg_store_add_code (store, " Trade ", NULL, mg_code_get_id (economy), &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
}

static void
test_add_refused (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) custom = NULL;

  g_assert_null (mg_store_add_code (store, "   ", NULL, 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mg_store_add_code (store, "Red", "red", 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#rrggbb"));
  g_clear_error (&error);
  g_assert_null (mg_store_add_code (store, "Orphan", NULL, 999, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_tree (store, "Highlight/0");

  custom = mg_store_add_code (store, "Custom", "#A1B2C3", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_code_get_colour (custom), ==, "#a1b2c3");
}

static void
test_edit (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(MgCode) code = add (store, "Tide", 0);
  g_autoptr(MgCode) other = add (store, "Moon", 0);
  g_autoptr(MgCode) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = mg_code_get_id (code);

  g_assert_true (mg_store_rename_code (store, id, "Tides", &error));
  g_assert_true (mg_store_set_code_colour (store, id, "#3584E4", &error));
  g_assert_true (mg_store_set_code_description (store, id, "Rise and fall", &error));
  g_assert_no_error (error);
  read = mg_store_get_code (store, id, &error);
  g_assert_cmpstr (mg_code_get_name (read), ==, "Tides");
  g_assert_cmpstr (mg_code_get_colour (read), ==, "#3584e4");
  g_assert_cmpstr (mg_code_get_description (read), ==, "Rise and fall");

  g_assert_false (mg_store_rename_code (store, id, "Moon", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_rename_code (store, id, "", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_set_code_colour (store, id, "#12345", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_rename_code (store, 4242, "Gone", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mg_store_set_code_description (store, 4242, "x", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  assert_tree (store, "Highlight/0 Tides/0 Moon/0");
  (void) other;
}

static void
test_move (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(MgCode) a = add (store, "A", 0);
  g_autoptr(MgCode) b = add (store, "B", 0);
  g_autoptr(MgCode) a1 = add (store, "A1", mg_code_get_id (a));
  g_autoptr(MgCode) a11 = add (store, "A11", mg_code_get_id (a1));
  g_autoptr(GError) error = NULL;

  /* Reorder among siblings, then move a subtree, then past the end means last. */
  g_assert_true (mg_store_move_code (store, mg_code_get_id (b), 0, 0, &error));
  assert_tree (store, "B/0 Highlight/0 A/0 A1/1 A11/2");
  g_assert_true (mg_store_move_code (store, mg_code_get_id (a1), mg_code_get_id (b), 0, &error));
  assert_tree (store, "B/0 A1/1 A11/2 Highlight/0 A/0");
  g_assert_true (mg_store_move_code (store, mg_code_get_id (b), 0, 99, &error));
  g_assert_no_error (error);
  assert_tree (store, "Highlight/0 A/0 B/0 A1/1 A11/2");

  /* Never under itself or its own descendants. */
  g_assert_false (mg_store_move_code (store, mg_code_get_id (b), mg_code_get_id (b), 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_move_code (store, mg_code_get_id (b), mg_code_get_id (a11), 0,
                                      &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_move_code (store, mg_code_get_id (b), 4242, 0, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  assert_tree (store, "Highlight/0 A/0 B/0 A1/1 A11/2");
}

static void
test_delete (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(MgCode) a = add (store, "A", 0);
  g_autoptr(MgCode) a1 = add (store, "A1", mg_code_get_id (a));
  g_autoptr(MgCode) a2 = add (store, "A2", mg_code_get_id (a));
  g_autoptr(MgCode) b = add (store, "B", 0);
  g_autoptr(MgCodeDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;

  /* Children move up into the deleted code's place; undo puts everything back. */
  g_assert_true (mg_store_delete_code (store, mg_code_get_id (a), 0, &deletion, &error));
  g_assert_no_error (error);
  assert_tree (store, "Highlight/0 A1/0 A2/0 B/0");
  g_assert_cmpuint (deletion->children->len, ==, 2);
  g_assert_true (mg_store_restore_code (store, deletion, &error));
  g_assert_no_error (error);
  assert_tree (store, "Highlight/0 A/0 A1/1 A2/1 B/0");
  {
    g_autoptr(MgCode) back = mg_store_get_code (store, mg_code_get_id (a), &error);
    g_assert_cmpstr (mg_code_get_uuid (back), ==, mg_code_get_uuid (a));
  }

  g_assert_false (mg_store_delete_code (store, 4242, 0, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  (void) a1; (void) a2; (void) b;
}

static void
test_delete_in_use (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 document = add_document (store);
  g_autoptr(MgCode) tide = add (store, "Tide", 0);
  g_autoptr(MgCode) sea = add (store, "Sea", 0);
  g_autoptr(MgCode) read = NULL;
  g_autoptr(MgCodeDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;

  tag (store, document, mg_code_get_id (tide), 0, 5);
  tag (store, document, mg_code_get_id (tide), 6, 10);

  g_assert_false (mg_store_delete_code (store, mg_code_get_id (tide), 0, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 passages"));
  g_clear_error (&error);
  g_assert_false (mg_store_delete_code (store, mg_code_get_id (tide), mg_code_get_id (tide),
                                        NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mg_store_delete_code (store, mg_code_get_id (tide), 4242, NULL, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_tree (store, "Highlight/0 Tide/0 Sea/0");

  g_assert_true (mg_store_delete_code (store, mg_code_get_id (tide), mg_code_get_id (sea),
                                       &deletion, &error));
  g_assert_no_error (error);
  read = mg_store_get_code (store, mg_code_get_id (sea), &error);
  g_assert_cmpuint (mg_code_get_passage_count (read), ==, 2);
  g_clear_object (&read);

  g_assert_true (mg_store_restore_code (store, deletion, &error));
  read = mg_store_get_code (store, mg_code_get_id (tide), &error);
  g_assert_cmpuint (mg_code_get_passage_count (read), ==, 2);
  g_clear_object (&read);
  read = mg_store_get_code (store, mg_code_get_id (sea), &error);
  g_assert_cmpuint (mg_code_get_passage_count (read), ==, 0);
}

static void
test_counts (void)
{
  g_autoptr(MgStore) store = open_store ();
  gint64 document = add_document (store);
  g_autoptr(MgCode) tide = add (store, "Tide", 0);
  g_autoptr(MgCode) ebb = add (store, "Ebb", mg_code_get_id (tide));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) codes = NULL;
  guint expected[] = { 0, 3, 1 };

  tag (store, document, mg_code_get_id (tide), 0, 5);
  tag (store, document, mg_code_get_id (tide), 2, 9);
  tag (store, document, mg_code_get_id (tide), 0, 5);
  tag (store, document, mg_code_get_id (ebb), 15, 19);
  codes = mg_store_list_codes (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);
      g_assert_cmpuint (mg_code_get_passage_count (code), ==, expected[i]);
    }
}

static void
test_keys (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) parent = add (store, "Parent", 0);
  g_autoptr(MgCode) child = add (store, "Child", mg_code_get_id (parent));

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %d", i);
      g_autoptr(MgCode) code = add (store, name, 0);
    }
  /* Display order: Highlight, Parent, Child, Code 0 ... */
  for (guint key = 1; key <= 9; key++)
    {
      g_autoptr(GListModel) codes = mg_store_list_codes (store, &error);
      g_autoptr(MgCode) listed = g_list_model_get_item (codes, key - 1);
      g_autoptr(MgCode) code = mg_store_get_code_for_key (store, key, &error);

      g_assert_no_error (error);
      g_assert_cmpint (mg_code_get_id (code), ==, mg_code_get_id (listed));
    }
  {
    g_autoptr(MgCode) third = mg_store_get_code_for_key (store, 3, &error);
    g_assert_cmpint (mg_code_get_id (third), ==, mg_code_get_id (child));
  }
  g_assert_null (mg_store_get_code_for_key (store, 0, &error));
  g_assert_null (mg_store_get_code_for_key (store, 10, &error));
  g_assert_no_error (error);
}

static void
test_keys_few (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) first = mg_store_get_code_for_key (store, 1, &error);

  g_assert_nonnull (first);
  g_assert_null (mg_store_get_code_for_key (store, 2, &error));
  g_assert_no_error (error);
}

static double
luminance (const char *colour)
{
  double sum = 0;
  const double weights[] = { 0.2126, 0.7152, 0.0722 };

  for (int i = 0; i < 3; i++)
    {
      char hex[3] = { colour[1 + 2 * i], colour[2 + 2 * i], '\0' };
      double c = g_ascii_strtoull (hex, NULL, 16) / 255.0;

      c = c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
      sum += weights[i] * c;
    }
  return sum;
}

static double
contrast (const char *a,
          const char *b)
{
  double x = luminance (a), y = luminance (b);

  return (MAX (x, y) + 0.05) / (MIN (x, y) + 0.05);
}

/* Distinct colours, each visible on the light (#ffffff) and the dark (#1e1e1e) view. */
static void
test_palette (void)
{
  g_assert_cmpuint (MG_CODE_PALETTE_SIZE, >=, 9);
  for (guint i = 0; i < MG_CODE_PALETTE_SIZE; i++)
    {
      const char *colour = mg_code_palette_colour (i);

      g_assert_true (mg_code_colour_is_valid (colour));
      g_assert_cmpfloat (contrast (colour, "#ffffff"), >=, 1.5);
      g_assert_cmpfloat (contrast (colour, "#1e1e1e"), >=, 1.5);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (colour, !=, mg_code_palette_colour (j));
    }
  g_assert_cmpstr (mg_code_palette_colour (MG_CODE_PALETTE_SIZE), ==, mg_code_palette_colour (0));
  g_assert_false (mg_code_colour_is_valid ("#12345g"));
  g_assert_false (mg_code_colour_is_valid (NULL));
}

/* New codes walk through the palette; a colour a deleted code freed comes back first. */
static void
test_palette_cycle (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MgCode) again = NULL;

  for (guint i = 1; i < MG_CODE_PALETTE_SIZE + 1; i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %u", i);
      MgCode *code = add (store, name, 0);

      g_assert_cmpstr (mg_code_get_colour (code), ==, mg_code_palette_colour (i));
      g_ptr_array_add (codes, code);
    }
  g_assert_true (mg_store_delete_code (store, mg_code_get_id (g_ptr_array_index (codes, 2)), 0,
                                       NULL, &error));
  again = add (store, "Again", 0);
  g_assert_cmpstr (mg_code_get_colour (again), ==, mg_code_palette_colour (3));
}

static void
test_create_if_missing (void)
{
  g_autoptr(MgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) made = mg_store_create_code_if_missing (store, "Ports", &error);
  g_autoptr(MgCode) found = mg_store_create_code_if_missing (store, "Ports", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mg_code_get_id (made), ==, mg_code_get_id (found));
  assert_tree (store, "Highlight/0 Ports/0");
  g_assert_null (mg_store_create_code_if_missing (store, "", &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_INVALID);
  g_assert_null (mg_store_find_code (store, "Nothing", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/codes/fresh", test_fresh);
  g_test_add_func ("/codes/add/tree", test_add_tree);
  g_test_add_func ("/codes/add/refused", test_add_refused);
  g_test_add_func ("/codes/edit", test_edit);
  g_test_add_func ("/codes/move", test_move);
  g_test_add_func ("/codes/delete", test_delete);
  g_test_add_func ("/codes/delete/in-use", test_delete_in_use);
  g_test_add_func ("/codes/counts", test_counts);
  g_test_add_func ("/codes/keys", test_keys);
  g_test_add_func ("/codes/keys/few", test_keys_few);
  g_test_add_func ("/codes/palette", test_palette);
  g_test_add_func ("/codes/palette/cycle", test_palette_cycle);
  g_test_add_func ("/codes/create-if-missing", test_create_if_missing);

  return g_test_run ();
}
