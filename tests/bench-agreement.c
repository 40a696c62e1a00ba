/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Agreement at library scale: 1,000 documents and 200,000 passages of two coders (five
 * codes; the second coder moves boundaries, misses passages and adds her own). Prints the
 * time of the figures from the library (reading included), of the computation alone, and
 * of listing the disagreements for the merge. Figures only: it never fails on time. */
#include "config.h"

#include <glib/gstdio.h>

#include "mg-agreement.h"
#include "mg-set-merge.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-private.h"

#define DOCUMENTS 1000
#define CHARS 4000
#define PASSAGES 200000
#define CODES 5

static char *
make_text (GRand *rand)
{
  static const char * const words[] = {
    "harbour", "tide", "Hà Nội", "council", "rice", "the", "of", "and", "levy", "quay",
  };
  GString *text = g_string_new (NULL);

  while (g_utf8_strlen (text->str, -1) < CHARS)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, ' ');
    }
  return g_string_free (text, FALSE);
}

static void
insert (MgStore      *store,
        sqlite3_stmt *stmt,
        gint64        document,
        gint64        set,
        gint64        code,
        gint64        start,
        gint64        end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, set);
  sqlite3_bind_int64 (stmt, 4, code);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* The passages go in with plain SQL in one transaction: the benchmark is of agreement,
 * not of tagging (bench-annotations times that). The quote is left empty. */
static void
store_passages (MgStore *store,
                GArray  *documents,
                gint64   a,
                gint64   b,
                gint64  *codes,
                GRand   *rand)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint stored = 0;

  g_assert_true (mg_store_begin (store, &error));
  stmt = mg_store_prepare (store,
    "INSERT INTO annotations (uuid, document, annotation_set, code, start, end, quote,"
    " created, modified) VALUES (?, ?, ?, ?, ?, ?, '', 0, 0)", &error);
  g_assert_no_error (error);
  while (stored < PASSAGES)
    {
      gint64 document = g_array_index (documents, gint64, stored / 2 % DOCUMENTS);
      gint64 code = codes[g_rand_int_range (rand, 0, CODES)];
      gint64 start = g_rand_int_range (rand, 0, CHARS - 200);
      gint64 end = start + g_rand_int_range (rand, 5, 120);
      int fate = g_rand_int_range (rand, 0, 10);

      insert (store, stmt, document, a, code, start, end);
      /* B: the same passage mostly, a boundary moved often, missed now and then, or
       * a passage of her own instead. */
      if (fate == 0)
        {
          gint64 other = g_rand_int_range (rand, 0, CHARS - 200);

          insert (store, stmt, document, b, code, other,
                  other + g_rand_int_range (rand, 5, 120));
        }
      else if (fate < 4)
        insert (store, stmt, document, b, code, start + g_rand_int_range (rand, 0, 5),
                end + g_rand_int_range (rand, 0, 5));
      else if (fate != 4)
        insert (store, stmt, document, b, code, start, end);
      stored += fate == 4 ? 1 : 2;
    }
  sqlite3_finalize (stmt);
  g_assert_true (mg_store_commit (store, &error));
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (folder);
}

static void
print_overall (const char *what,
               GArray     *rows,
               gint64      began)
{
  const MgAgreementFigures *overall = &g_array_index (rows, MgAgreementFigures,
                                                      rows->len - 1);

  g_print ("%s: %.0f ms (overall: %u units, %.2f %% agreement, kappa %.4f, u-alpha %.4f)\n",
           what, (g_get_monotonic_time () - began) / 1000.0, overall->units,
           overall->percent * 100, overall->cohen_kappa, overall->u_alpha);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree char *folder = g_dir_make_tmp ("marginalia-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "library.sqlite3", NULL);
  g_autoptr(MgStore) store = mg_store_open (path, &error);
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MgAnnotationSet) a = NULL;
  g_autoptr(MgAnnotationSet) b = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) loaded_documents = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) disagreements = NULL;
  gint64 codes[CODES], sets[2];
  gint64 began = g_get_monotonic_time ();

  g_assert_no_error (error);
  for (int i = 0; i < DOCUMENTS; i++)
    {
      g_autofree char *text = make_text (rand);
      g_autofree char *title = g_strdup_printf ("Document %d", i);
      g_autoptr(MgDocument) document = mg_document_new (title, text, NULL, NULL);
      gint64 id;

      mg_store_add_document (store, document, NULL, &error);
      g_assert_no_error (error);
      id = mg_document_get_id (document);
      g_array_append_val (documents, id);
    }
  for (int i = 0; i < CODES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %d", i);
      g_autoptr(MgCode) code = mg_store_add_code (store, name, "#3584e4", 0, &error);

      g_assert_no_error (error);
      codes[i] = mg_code_get_id (code);
    }
  a = mg_store_create_annotation_set (store, "Ana", "Ana", "local", &error);
  b = mg_store_create_annotation_set (store, "Ben", "Ben", "local", &error);
  g_assert_no_error (error);
  sets[0] = mg_annotation_set_get_id (a);
  sets[1] = mg_annotation_set_get_id (b);
  store_passages (store, documents, sets[0], sets[1], codes, rand);
  g_print ("library of %d documents and %d passages made: %.1f s\n", DOCUMENTS, PASSAGES,
           (g_get_monotonic_time () - began) / 1e6);

  began = g_get_monotonic_time ();
  rows = mg_agreement_measure (store, sets, 2, NULL, 0, NULL, 0, &error);
  g_assert_no_error (error);
  print_overall ("agreement from the library, reading included", rows, began);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_true (mg_agreement_load (store, sets, 2, NULL, 0, &loaded_documents, &spans,
                                    &error));
  began = g_get_monotonic_time ();
  rows = mg_agreement_compute ((MgAgreementDocument *) (gpointer) loaded_documents->data,
                               loaded_documents->len, (MgCodedSpan *) (gpointer) spans->data,
                               spans->len, 2, NULL, 0);
  print_overall ("the computation alone", rows, began);

  began = g_get_monotonic_time ();
  disagreements = mg_set_merge_list_disagreements (store, sets[0], sets[1], 0, NULL, 0,
                                                   NULL, 0, &error);
  g_assert_no_error (error);
  g_print ("list the %u disagreements for the merge: %.0f ms\n", disagreements->len,
           (g_get_monotonic_time () - began) / 1000.0);

  g_clear_object (&store);
  remove_folder (folder);
  return 0;
}
