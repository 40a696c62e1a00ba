/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Native XML with 100,000 annotations: export and import, in seconds and MB/s, and the
 * process's peak memory. Figures only. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "mg-native-xml.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

#define N_ANNOTATIONS 100000

static MgStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  MgStore *store = mg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fill (MgStore *store)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) code = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  g_autoptr(GPtrArray) added = NULL;

  while (text->len < 4 * 1024 * 1024)
    g_string_append (text, "The harbour of Hà Nội opened at dawn; the clef 𝄞 marks the tune.\n");
  document = mg_document_new ("Book", text->str, NULL, NULL);
  g_string_free (text, TRUE);
  mg_store_add_document (store, document, NULL, &error);
  g_assert_no_error (error);
  set = mg_store_get_default_annotation_set (store, &error);
  code = mg_store_add_code (store, "Trade", NULL, 0, &error);
  g_assert_no_error (error);
  for (gint64 i = 0; i < N_ANNOTATIONS; i++)
    {
      MgRange range = { i * 30, i * 30 + 12 };

      g_array_append_val (ranges, range);
    }
  added = mg_store_add_annotations (store, mg_document_get_id (document),
                                    mg_annotation_set_get_id (set), mg_code_get_id (code),
                                    (MgRange *) ranges->data, ranges->len, "a note", &error);
  g_assert_no_error (error);
}

static double
megabytes (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size / (1024.0 * 1024.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "export.xml", NULL);
  g_autoptr(MgStore) store = open_store (dir, "library.sqlite3");
  g_autoptr(MgStore) empty = open_store (dir, "empty.sqlite3");
  MgImportSummary summary = { 0 };
  struct rusage usage;
  gint64 start;
  double seconds, size;

  fill (store);
  start = g_get_monotonic_time ();
  mg_native_xml_export (store, NULL, path, NULL, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  size = megabytes (path);
  g_print ("export: %d annotations, %.1f MB in %.2f s (%.1f MB/s)\n", N_ANNOTATIONS, size,
           seconds, size / seconds);

  start = g_get_monotonic_time ();
  mg_native_xml_import (empty, path, &summary, NULL, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (summary.annotations_added, ==, N_ANNOTATIONS);
  g_print ("import: %u annotations, %.1f MB in %.2f s (%.1f MB/s)\n",
           summary.annotations_added, size, seconds, size / seconds);
  mg_import_summary_clear (&summary);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory: %.0f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
