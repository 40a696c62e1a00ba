/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How the reader copes with a book: 10 MB of text with 50,000 tagged passages. Prints the
 * time to the first visible paint, to the complete paint, per tag action, and peak memory.
 * Figures only: it never fails on time. */
#include "config.h"

#include <adwaita.h>
#include <sys/resource.h>

#include "mg-reader.h"

#define TEXT_BYTES (10 * 1024 * 1024)
#define N_PASSAGES 50000
#define N_ACTIONS 200

static const guint32 palette[] = { 0xf5c211, 0x3584e4, 0x2ec27e, 0xe66100, 0x9141ac, 0xe01b24 };

static char *
make_text (void)
{
  static const char *const sentences[] = {
    "The committee met in the provincial capital to review the new rules for the port. ",
    "Delegates from five countries agreed that the grid would be joined by 2030. ",
    "Nhà máy điện gió ở Quảng Trị sẽ bán điện sang Lào vào mùa khô. ",
    "Officials said the framework would guide their work for the next five years. ",
  };
  GString *text = g_string_sized_new (TEXT_BYTES + 256);
  guint i = 0;

  while (text->len < TEXT_BYTES)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      if (++i % 6 == 0)
        g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

static MgPassageSpan *
make_passages (gint64 n_chars)
{
  MgPassageSpan *spans = g_new (MgPassageSpan, N_PASSAGES + N_ACTIONS);
  GRand *rand = g_rand_new_with_seed (2026);

  for (guint i = 0; i < N_PASSAGES; i++)
    {
      gint64 start = g_rand_int_range (rand, 0, (gint32) (n_chars - 400));

      spans[i] = (MgPassageSpan) { start, start + g_rand_int_range (rand, 5, 400),
                                   palette[i % G_N_ELEMENTS (palette)], i + 1 };
    }
  g_rand_free (rand);
  return spans;
}

static void
run_until_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *text = make_text ();
  gint64 n_chars = g_utf8_strlen (text, -1);
  g_autofree MgPassageSpan *spans = make_passages (n_chars);
  g_autoptr(MgDocument) document = NULL;
  double actions[N_ACTIONS];
  MgHighlightPainter *painter;
  GtkWidget *window;
  MgReader *reader;
  struct rusage usage;
  gint64 start;
  double first_paint, open_time, layout_time, total = 0;

  gtk_init ();
  adw_init ();
  window = gtk_window_new ();
  reader = g_object_new (MG_TYPE_READER, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (reader));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();

  document = mg_document_new ("Bench", text, NULL, NULL);
  start = g_get_monotonic_time ();
  mg_reader_set_document (reader, document, 0);
  open_time = ms_since (start);
  /* GtkTextView lays the lines out in idle slices of its own; let it finish first, so the
   * paint is measured alone. */
  start = g_get_monotonic_time ();
  run_until_idle ();
  layout_time = ms_since (start);

  painter = mg_reader_get_painter (reader);
  start = g_get_monotonic_time ();
  mg_highlight_painter_set_passages (painter, spans, N_PASSAGES);
  first_paint = ms_since (start);
  while (!mg_highlight_painter_is_complete (painter))
    g_main_context_iteration (NULL, TRUE);
  g_print ("reader: %.1f MB, %" G_GINT64_FORMAT " characters, %d passages\n",
           TEXT_BYTES / 1048576.0, n_chars, N_PASSAGES);
  g_print ("reader: set text %.0f ms; layout in idle slices %.0f ms\n", open_time, layout_time);
  g_print ("reader: first visible paint %.1f ms; complete paint %.0f ms (idle slices)\n",
           first_paint, ms_since (start));

  /* A tag action: one more passage, repainted where it lies. */
  for (guint i = 0; i < N_ACTIONS; i++)
    {
      MgPassageSpan *added = &spans[N_PASSAGES + i];
      gint64 at = (n_chars / N_ACTIONS) * i;

      *added = (MgPassageSpan) { at, at + 120, palette[i % G_N_ELEMENTS (palette)],
                                 N_PASSAGES + i + 1 };
      start = g_get_monotonic_time ();
      mg_highlight_painter_update (painter, spans, N_PASSAGES + i + 1, added->start, added->end);
      actions[i] = ms_since (start);
      total += actions[i];
    }
  qsort (actions, N_ACTIONS, sizeof (double), compare_doubles);
  {
    /* A click on the text: what lies under the pointer, through the interval index (the
     * first query after edits builds it). */
    g_autoptr(GArray) first = NULL;
    g_autoptr(GArray) again = NULL;
    double build_and_pick, pick;

    start = g_get_monotonic_time ();
    first = mg_highlight_painter_passages_at (painter, n_chars / 2);
    build_and_pick = ms_since (start);
    start = g_get_monotonic_time ();
    again = mg_highlight_painter_passages_at (painter, n_chars / 3);
    pick = ms_since (start);
    g_print ("reader: passage under the pointer %.3f ms (%.1f ms with the index rebuilt)\n",
             pick, build_and_pick);
  }
  g_print ("reader: tag action repaint mean %.2f ms, p99 %.2f ms (%d actions)\n",
           total / N_ACTIONS, actions[N_ACTIONS * 99 / 100], N_ACTIONS);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("reader: peak memory %.0f MB\n", usage.ru_maxrss / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
