/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PDF text layers through poppler-glib. A PDF holds lines placed on pages, not paragraphs:
 * paragraphs are found again from the gaps between lines, hyphenated line ends are joined,
 * and lines that repeat at the top or bottom of (nearly) every page — running heads, page
 * numbers — are left out. Pages are read once, kept as plain text with a small line index,
 * and freed as the document's text grows, so a large PDF is held about once. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <string.h>

#include "mg-doc-builder.h"
#include "mg-pdf-import.h"

/* How many lines at each end of a page may be running heads or folios. */
#define EDGE_LINES 2

/* A gap between lines larger than this share of a line's height starts a paragraph. */
#define PARAGRAPH_GAP 0.6

typedef struct
{
  guint    offset;        /* in bytes, into the page's text */
  guint    length;
  gboolean break_before;  /* a paragraph starts here */
  gboolean running;       /* a running head or folio, left out */
} Line;

typedef struct
{
  char   *text;
  GArray *lines;
} Page;

static void
page_free (Page *page)
{
  if (page == NULL)
    return;
  g_free (page->text);
  g_array_unref (page->lines);
  g_free (page);
}

/* --- lines and their geometry --- */

typedef struct
{
  double top;
  double bottom;
} Extent;

static Extent
line_extent (PopplerRectangle *rects,
             guint             first,
             guint             last)
{
  Extent extent = { G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint i = first; i < last; i++)
    {
      extent.top = MIN (extent.top, MIN (rects[i].y1, rects[i].y2));
      extent.bottom = MAX (extent.bottom, MAX (rects[i].y1, rects[i].y2));
    }
  return extent;
}

/* A wide gap, or a line above the one before it (the next column), starts a paragraph. */
static gboolean
starts_paragraph (Extent previous,
                  Extent current)
{
  double height = MAX (previous.bottom - previous.top, 1.0);

  return current.top - previous.bottom > PARAGRAPH_GAP * height
         || current.bottom < previous.top;
}

/* Without one rectangle per character, geometry is unknown and the page is one paragraph. */
static GArray *
split_lines (const char       *text,
             PopplerRectangle *rects,
             guint             n_rects)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  gboolean geometry = rects != NULL && n_rects == (guint) g_utf8_strlen (text, -1);
  Extent previous = { 0, 0 };
  const char *start = text;
  guint first_char = 0;

  while (*start != '\0')
    {
      const char *end = start + strcspn (start, "\n");
      guint n_chars = (guint) g_utf8_strlen (start, end - start);
      Line line = { (guint) (start - text), (guint) (end - start), FALSE, FALSE };

      if (geometry && n_chars > 0)
        {
          Extent extent = line_extent (rects, first_char, first_char + n_chars);

          line.break_before = lines->len > 0 && starts_paragraph (previous, extent);
          previous = extent;
        }
      g_array_append_val (lines, line);
      first_char += n_chars + (*end == '\n');
      start = *end == '\n' ? end + 1 : end;
    }
  return lines;
}

static char *
page_text (PopplerPage *page)
{
  char *text = poppler_page_get_text (page);
  char *valid;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return text;
  valid = text ? g_utf8_make_valid (text, -1) : g_strdup ("");
  g_free (text);
  return valid;
}

/* poppler-glib of Debian 12 defines no g_autoptr() cleanups for its types. */
static Page *
read_page (PopplerDocument *document,
           int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  Page *result = g_new0 (Page, 1);

  result->text = page ? page_text (page) : g_strdup ("");
  if (page == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    rects = NULL;
  result->lines = split_lines (result->text, rects, n_rects);
  g_free (rects);
  g_clear_object (&page);
  return result;
}

/* --- running heads and folios --- */

/* "Page 12 of 30" and "Page 13 of 30" are the same running line. */
static char *
line_key (const Page *page,
          const Line *line)
{
  g_autofree char *copy = g_strndup (page->text + line->offset, line->length);
  GString *key = g_string_new (NULL);

  g_strstrip (copy);
  for (const char *p = copy; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (key, *p);
    else if (key->len == 0 || key->str[key->len - 1] != '#')
      g_string_append_c (key, '#');
  return g_string_free (key, FALSE);
}

static gboolean
is_edge (const Page *page,
         guint       index)
{
  return index < EDGE_LINES || index + EDGE_LINES >= page->lines->len;
}

/* Each key counts once per page, however often it appears at that page's edges. */
static void
count_edge_keys (const Page *page,
                 GHashTable *counts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < page->lines->len; i++)
    {
      g_autofree char *key = NULL;

      if (!is_edge (page, i))
        continue;
      key = line_key (page, &g_array_index (page->lines, Line, i));
      if (*key == '\0' || !g_hash_table_add (seen, g_strdup (key)))
        continue;
      g_hash_table_replace (counts, g_strdup (key),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                      key)) + 1));
    }
}

static void
mark_running_lines (GPtrArray *pages)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint needed = MAX (2, (pages->len * 8 + 9) / 10);

  if (pages->len < 2)
    return;
  for (guint i = 0; i < pages->len; i++)
    count_edge_keys (g_ptr_array_index (pages, i), counts);
  for (guint i = 0; i < pages->len; i++)
    {
      Page *page = g_ptr_array_index (pages, i);

      for (guint j = 0; j < page->lines->len; j++)
        {
          Line *line = &g_array_index (page->lines, Line, j);
          g_autofree char *key = is_edge (page, j) ? line_key (page, line) : NULL;

          line->running = key != NULL && *key != '\0'
                          && GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) >= needed;
        }
    }
}

/* --- paragraphs --- */

static gboolean
ends_with_word_hyphen (GString *paragraph)
{
  return paragraph->len >= 2 && paragraph->str[paragraph->len - 1] == '-'
         && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (paragraph->str
                                                                 + paragraph->len - 1)));
}

static void
append_line (GString    *paragraph,
             const char *text,
             gsize       length)
{
  g_autofree char *line = g_strstrip (g_strndup (text, length));

  if (*line == '\0')
    return;
  /* "inter-" then "national" is one word, hyphen dropped; "Franco-" then "British" is one
   * word that keeps its hyphen. */
  if (ends_with_word_hyphen (paragraph) && g_unichar_islower (g_utf8_get_char (line)))
    g_string_truncate (paragraph, paragraph->len - 1);
  else if (paragraph->len > 0 && !ends_with_word_hyphen (paragraph))
    g_string_append_c (paragraph, ' ');
  g_string_append (paragraph, line);
}

static gunichar
first_letter (const char *text)
{
  while (*text == ' ' || *text == '\t')
    text++;
  return g_utf8_get_char (text);
}

/* A paragraph runs on to the next page only when that page starts mid-sentence. */
static void
append_page (MgDocBuilder *builder,
             GString      *paragraph,
             const Page   *page)
{
  gboolean first = TRUE;

  for (guint i = 0; i < page->lines->len; i++)
    {
      const Line *line = &g_array_index (page->lines, Line, i);
      const char *text = page->text + line->offset;

      if (line->running || line->length == 0)
        continue;
      if ((first && !g_unichar_islower (first_letter (text))) || (!first && line->break_before))
        {
          mg_doc_builder_add_block (builder, paragraph->str, paragraph->len);
          g_string_truncate (paragraph, 0);
        }
      append_line (paragraph, text, line->length);
      first = FALSE;
    }
}

/* --- the document --- */

static void
set_pdf_error (GError  *poppler_error,
               GError **error)
{
  if (g_error_matches (poppler_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (poppler_error));
  else if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_READ,
                         _("it is protected with a password; save an unprotected copy from "
                           "a PDF viewer and import that"));
  else
    g_set_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_CORRUPT,
                 _("not a readable PDF: %s; copy or download the file again"),
                 poppler_error->message);
}

static void
read_metadata (MgDocBuilder    *builder,
               PopplerDocument *document)
{
  g_autofree char *title = poppler_document_get_title (document);
  g_autofree char *author = poppler_document_get_author (document);
  time_t created = poppler_document_get_creation_date (document);

  mg_doc_builder_set_meta (&builder->title, title);
  mg_doc_builder_set_meta (&builder->author, author);
  if (created > 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (created);
      g_autofree char *iso = date ? g_date_time_format_iso8601 (date) : NULL;

      mg_doc_builder_set_meta (&builder->date, iso);
    }
}

/* Reading a page's text is nearly all of an import's time (poppler lays out every glyph), and
 * pages are independent: workers read ranges of pages at once, each through a document of its
 * own, as poppler allows one document per thread, never one shared. Small PDFs are not worth
 * the second open. */
#define MIN_PAGES_PER_WORKER 16
#define MAX_WORKERS 4

typedef struct
{
  GFile *file;
  PopplerDocument *document;  /* the caller's, for the first range; NULL: open one */
  GCancellable *cancellable;
  GPtrArray *pages;           /* slots [first, last) are this worker's */
  int first;
  int last;
} Worker;

static gpointer
read_range (gpointer data)
{
  Worker *worker = data;
  PopplerDocument *document = worker->document;

  if (document == NULL)
    document = poppler_document_new_from_gfile (worker->file, NULL, worker->cancellable, NULL);
  /* A worker that cannot open the file leaves its slots empty: the caller reads them. */
  for (int i = worker->first; document != NULL && i < worker->last; i++)
    {
      if (g_cancellable_is_cancelled (worker->cancellable))
        break;
      g_ptr_array_index (worker->pages, i) = read_page (document, i);
    }
  if (document != worker->document)
    g_clear_object (&document);
  return NULL;
}

static int
worker_count (int n_pages)
{
  int workers = MIN (g_get_num_processors (), MAX_WORKERS);

  return CLAMP (n_pages / MIN_PAGES_PER_WORKER, 1, MAX (workers, 1));
}

static GPtrArray *
read_pages (PopplerDocument  *document,
            GFile            *file,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  int n_pages = poppler_document_get_n_pages (document);
  int n_workers = worker_count (n_pages);
  Worker workers[MAX_WORKERS] = { 0 };
  GThread *threads[MAX_WORKERS] = { NULL };

  g_ptr_array_set_size (pages, MAX (n_pages, 0));
  for (int k = 0; k < n_workers; k++)
    {
      workers[k] = (Worker) { file, k == 0 ? document : NULL, cancellable, pages,
                              (int) ((gint64) n_pages * k / n_workers),
                              (int) ((gint64) n_pages * (k + 1) / n_workers) };
      if (k > 0)
        threads[k] = g_thread_try_new ("mg-pdf-pages", read_range, &workers[k], NULL);
    }
  read_range (&workers[0]);
  for (int k = 1; k < n_workers; k++)
    if (threads[k] != NULL)
      g_thread_join (threads[k]);

  for (int i = 0; i < n_pages; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (g_ptr_array_index (pages, i) == NULL)
        g_ptr_array_index (pages, i) = read_page (document, i);
    }
  return g_steal_pointer (&pages);
}

/* Each page is freed once its text is in the builder, so the two never both hold it all. */
static void
build_text (MgDocBuilder *builder,
            GPtrArray    *pages)
{
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; i < pages->len; i++)
    {
      append_page (builder, paragraph, g_ptr_array_index (pages, i));
      g_clear_pointer (&g_ptr_array_index (pages, i), page_free);
    }
  mg_doc_builder_add_block (builder, paragraph->str, paragraph->len);
}

static MgDocument *
import_document (PopplerDocument  *document,
                 GFile            *file,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_auto(MgDocBuilder) builder = { 0 };
  g_autoptr(GPtrArray) pages = read_pages (document, file, cancellable, error);

  if (pages == NULL)
    return NULL;
  mg_doc_builder_init (&builder);
  read_metadata (&builder, document);
  mark_running_lines (pages);
  build_text (&builder, pages);
  if (builder.text->len == 0)
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("not a PDF with text: no text layer (a scanned image?); run "
                             "it through text recognition (OCR) first"));
      return NULL;
    }
  return mg_doc_builder_finish (&builder, file, "application/pdf", error);
}

/**
 * mg_pdf_import_file:
 *
 * Reads the text layer of a PDF, page by page: paragraphs kept, hyphenated line ends joined,
 * running heads and page numbers left out; the title from the document's metadata, else its
 * first line. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError (a PDF
 *   without a text layer is %MG_IMPORT_ERROR_EMPTY) or %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_pdf_import_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) poppler_error = NULL;
  PopplerDocument *document;
  MgDocument *result;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  document = poppler_document_new_from_gfile (file, NULL, cancellable, &poppler_error);
  if (document == NULL)
    {
      set_pdf_error (poppler_error, error);
      return NULL;
    }
  result = import_document (document, file, cancellable, error);
  g_object_unref (document);
  return result;
}
