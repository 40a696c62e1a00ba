/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The child of the crash test: adds, edits and deletes passages of one document through the
 * core, as fast as it can, until it is killed. Before each change it prints what it is about
 * to do ("I ..."), after the commit returns that it is done ("C ..."), each line in one
 * write(2), so the parent knows what must be in the library and what may be.
 *
 *   I A NOTE N S1 E1 ... SN EN   add N passages with note NOTE in one transaction
 *   C A ID S E ...               the passages added (a range already tagged is skipped)
 *   I E ID NOTE                  set passage ID's note
 *   C E
 *   I D ID                       delete passage ID
 *   C D
 *
 * Usage: mg-crash-child LIBRARY DOCUMENT SET CODE SEED */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mg-store.h"
#include "mg-store-annotations.h"

/* Enough passages to edit and delete among, few enough that every check stays quick. */
#define MAX_PASSAGES 60

typedef struct
{
  MgStore *store;
  gint64 document_id;
  gint64 set_id;
  gint64 code_id;
  gint64 length;
  GArray *ids;        /* gint64: the passages in the library */
  GRand *rand;
  guint serial;
} Child;

static void
say (GString *line)
{
  const char *p;
  gsize left;

  g_string_append_c (line, '\n');
  p = line->str;
  left = line->len;
  while (left > 0)
    {
      ssize_t n = write (STDOUT_FILENO, p, left);

      if (n <= 0)
        exit (3);
      p += n;
      left -= (gsize) n;
    }
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("mg-crash-child: %s: %s\n", what, error ? error->message : "?");
  exit (2);
}

static void
add_passages (Child *child)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *note = g_strdup_printf ("n%u-%d", child->serial++, (int) getpid ());
  guint n = (guint) g_rand_int_range (child->rand, 1, 4);
  MgRange ranges[3];

  g_string_printf (line, "I A %s %u", note, n);
  for (guint i = 0; i < n; i++)
    {
      /* Drawn apart: MIN() evaluates its arguments twice. */
      gint64 span = g_rand_int_range (child->rand, 1, 40);

      ranges[i].start = g_rand_int_range (child->rand, 0, (gint32) child->length - 1);
      ranges[i].end = MIN (child->length, ranges[i].start + span);
      g_string_append_printf (line, " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              ranges[i].start, ranges[i].end);
    }
  say (line);
  added = mg_store_add_annotations (child->store, child->document_id, child->set_id,
                                    child->code_id, ranges, n, note, &error);
  if (added == NULL)
    fail ("add", error);
  g_string_assign (line, "C A");
  for (guint i = 0; i < added->len; i++)
    {
      MgAnnotation *annotation = g_ptr_array_index (added, i);
      gint64 id = mg_annotation_get_id (annotation);

      g_array_append_val (child->ids, id);
      g_string_append_printf (line, " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              id, mg_annotation_get_start (annotation),
                              mg_annotation_get_end (annotation));
    }
  say (line);
}

static void
edit_passage (Child *child,
              guint  index)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) edited = NULL;
  gint64 id = g_array_index (child->ids, gint64, index);
  g_autofree char *note = g_strdup_printf ("e%u-%d", child->serial++, (int) getpid ());

  g_string_printf (line, "I E %" G_GINT64_FORMAT " %s", id, note);
  say (line);
  edited = mg_store_set_annotation_note (child->store, id, note, &error);
  if (edited == NULL)
    fail ("edit", error);
  g_string_assign (line, "C E");
  say (line);
}

static void
delete_passage (Child *child,
                guint  index)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (child->ids, gint64, index);

  g_string_printf (line, "I D %" G_GINT64_FORMAT, id);
  say (line);
  if (!mg_store_delete_annotation (child->store, id, &error))
    fail ("delete", error);
  g_array_remove_index_fast (child->ids, index);
  g_string_assign (line, "C D");
  say (line);
}

static void
load_ids (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) passages = mg_store_list_annotations (child->store, child->document_id,
                                                              0, 0, &error);
  g_autoptr(MgDocument) document = mg_store_get_document (child->store, child->document_id,
                                                          &error);

  if (passages == NULL || document == NULL)
    fail ("load", error);
  child->length = mg_document_get_char_count (document);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(MgAnnotation) passage = g_list_model_get_item (passages, i);
      gint64 id = mg_annotation_get_id (passage);

      g_array_append_val (child->ids, id);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Child child = { 0 };

  if (argc != 6)
    {
      g_printerr ("usage: mg-crash-child LIBRARY DOCUMENT SET CODE SEED\n");
      return 2;
    }
  child.store = mg_store_open (argv[1], &error);
  if (child.store == NULL)
    fail ("open", error);
  child.document_id = g_ascii_strtoll (argv[2], NULL, 10);
  child.set_id = g_ascii_strtoll (argv[3], NULL, 10);
  child.code_id = g_ascii_strtoll (argv[4], NULL, 10);
  child.rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[5], NULL, 10));
  child.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  load_ids (&child);

  /* Until the parent's SIGKILL; a bounded loop only so that a lost parent does not leave
   * a child writing forever. */
  for (int step = 0; step < 100000; step++)
    {
      guint roll = (guint) g_rand_int_range (child.rand, 0, 100);
      guint n = child.ids->len;

      if (n == 0 || (n < MAX_PASSAGES && roll < 45))
        add_passages (&child);
      else if (roll < 75)
        edit_passage (&child, (guint) g_rand_int_range (child.rand, 0, (gint32) n));
      else
        delete_passage (&child, (guint) g_rand_int_range (child.rand, 0, (gint32) n));
    }
  return 0;
}
