/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import throughput of every format, and peak memory. The fixtures are generated here: words
 * drawn from a small vocabulary with a fixed seed, so the text varies like prose (and deflates
 * like it, well within the zip reader's ratio bound). Each import runs in a fresh process of
 * this program, so its peak resident size is its own and not the generator's. Figures only. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "mg-import.h"

#define LINE_CHARS 88
#define LINES_PER_PAGE 72
#define LINES_PER_PARAGRAPH 6

/* The sizes the issue asks the peak memory of: a large document, a large web page. */
#define LARGE_IMPORT_BYTES ((gsize) 50 * 1000 * 1000)
#define LARGE_PAGE_BYTES ((gsize) 20 * 1000 * 1000)

static const char *const words[] = {
  "harbour", "tide", "pilot", "ship", "ledger", "council", "river", "delta", "archive",
  "letter", "minister", "treaty", "quay", "lantern", "cargo", "season", "report", "village",
  "the", "of", "and", "a", "in", "to", "was", "with", "for", "on", "by", "that",
};

/* One line of prose-like text, about LINE_CHARS long. */
static void
make_line (GRand   *rand,
           GString *line)
{
  g_string_truncate (line, 0);
  while (line->len < LINE_CHARS - 12)
    {
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

static void
write_pdf (const char *path,
           gsize       bytes)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) line = g_string_new (NULL);
  gsize written = 0;

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 7);
  while (written < bytes)
    {
      for (int i = 0; i < LINES_PER_PAGE; i++)
        {
          make_line (rand, line);
          cairo_move_to (cr, 40, 40 + i * 10 + (i / LINES_PER_PARAGRAPH) * 6);
          cairo_show_text (cr, line->str);
          written += line->len + 1;
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static GString *
make_document_xml (gsize bytes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GString) line = g_string_new (NULL);
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"http://schemas."
                               "openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
  gsize written = 0;

  while (written < bytes)
    {
      g_string_append (xml, "<w:p><w:r><w:t>");
      for (int i = 0; i < LINES_PER_PARAGRAPH; i++)
        {
          make_line (rand, line);
          g_string_append_printf (xml, "%s ", line->str);
          written += line->len + 1;
        }
      g_string_append (xml, "</w:t></w:r></w:p>\n");
    }
  g_string_append (xml, "</w:body></w:document>");
  return xml;
}

static void
write_docx (const char *path,
            gsize       bytes)
{
  g_autoptr(GString) xml = make_document_xml (bytes);
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "word/document.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) xml->len);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, xml->str, xml->len), ==, xml->len);
  archive_entry_free (entry);
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* Plain text, Markdown and an HTML page around the same kind of paragraphs. */
static void
write_markup (const char *path,
              const char *kind,
              gsize       bytes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean html = strcmp (kind, "html") == 0;
  gsize written = 0;

  if (html)
    g_string_append (out, "<!DOCTYPE html><html><head><title>Bench</title></head><body>"
                          "<nav><a href=\"/\">Home</a></nav><article><h1>Bench</h1>\n");
  else if (strcmp (kind, "md") == 0)
    g_string_append (out, "# Bench\n\n");
  while (written < bytes)
    {
      g_string_append (out, html ? "<p>" : "");
      for (int i = 0; i < LINES_PER_PARAGRAPH; i++)
        {
          make_line (rand, line);
          g_string_append_printf (out, "%s ", line->str);
          written += line->len + 1;
        }
      g_string_append (out, html ? "</p>\n" : "\n\n");
    }
  if (html)
    g_string_append (out, "</article><footer>Comments</footer></body></html>\n");
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
}

/* The child: one import, then its time and its own peak resident size on stdout. */
static int
run_import (const char *format,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgDocument) document = NULL;
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;

  /* Through the one entry point, so picking the importer by content is measured too. */
  document = mg_import_file (file, NULL, &error);
  g_assert_no_error (error);
  getrusage (RUSAGE_SELF, &usage);
  printf ("%.3f %" G_GINT64_FORMAT " %ld\n", (g_get_monotonic_time () - start) / 1e6,
          mg_document_get_char_count (document), usage.ru_maxrss);
  return 0;
}

static void
measure (const char *self,
         const char *format,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--import", format, path, NULL };
  g_autofree char *text = NULL;
  double seconds;
  gint64 chars;
  long peak_kb;
  gsize text_bytes;
  GStatBuf st = { 0 };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (sscanf (out, "%lf %" G_GINT64_FORMAT " %ld", &seconds, &chars, &peak_kb),
                   ==, 3);
  text_bytes = (gsize) chars;  /* the generated text is ASCII */
  /* The peak against the file's own size: streaming keeps this near the text's copies. */
  g_stat (path, &st);
  printf ("import %-4s: %6.1f MB of text in %6.2f s = %6.2f MB/s; peak memory %6.1f MB "
          "(%.1f x the %.1f MB file)\n", format, text_bytes / 1e6, seconds,
          text_bytes / 1e6 / seconds, peak_kb / 1024.0,
          peak_kb * 1024.0 / MAX (st.st_size, 1), st.st_size / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  const char *mb = g_getenv ("MG_BENCH_IMPORT_MB");
  gsize bytes = (gsize) (mb ? atoi (mb) : 10) * 1000 * 1000;
  static const char *const kinds[] = { "txt", "md", "html", "docx", "pdf" };
  g_autofree char *dir = NULL;

  if (argc == 4 && strcmp (argv[1], "--import") == 0)
    return run_import (argv[2], argv[3]);

  dir = g_dir_make_tmp ("bench-import-XXXXXX", NULL);
  g_assert_nonnull (dir);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat ("bench.", kinds[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (strcmp (kinds[i], "pdf") == 0)
        write_pdf (path, bytes);
      else if (strcmp (kinds[i], "docx") == 0)
        write_docx (path, bytes);
      else
        write_markup (path, kinds[i], bytes);
      measure (argv[0], kinds[i], path);
      g_unlink (path);
    }
  /* A large import's memory: one copy of the text, not several. */
  {
    g_autofree char *big = g_build_filename (dir, "big.docx", NULL);

    write_docx (big, LARGE_IMPORT_BYTES);
    measure (argv[0], "docx", big);
    g_unlink (big);
  }
  /* A large web page streams through the parser: no tree of it, no mapped copy of it. */
  {
    g_autofree char *page = g_build_filename (dir, "big.html", NULL);

    write_markup (page, "html", LARGE_PAGE_BYTES);
    measure (argv[0], "html", page);
    g_unlink (page);
  }
  g_rmdir (dir);
  return 0;
}
