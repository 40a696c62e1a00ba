/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TEI P5 export with stand-off annotation, for digital-humanities archives.
 *
 * Shape. One document is one <TEI>. Several are a <teiCorpus> holding one <TEI> per
 * document: each document keeps a header of its own (title, source, SHA-256), which is what
 * an archive catalogues, while a <group> inside one <text> would merge them under a single
 * header as if they were parts of one work. The corpus header (or the single TEI's) holds
 * what all documents share: the codebook as a <taxonomy> and the annotation sets as
 * <respStmt>s, so every pointer to them stays inside the file.
 *
 * Text. The stored text is cut at every "\n\n" into <p>s whose string values are exactly the
 * pieces: joining the paragraphs' string values with "\n\n" gives the stored text back, byte
 * for byte (a third line feed starts the next paragraph, an empty piece is an empty <p/>).
 * A single line feed stays in the text and is followed by <lb/>, which marks where the new
 * line begins; xml:space="preserve" tells processors the whitespace counts. The few C0
 * controls XML 1.0 cannot carry (a PDF's form feed) become <g type="control"> holding one
 * U+FFFD, so every offset still counts one code point per stored character.
 *
 * Pointers. TEI's string-range(id, offset, length) counts characters (code points) of the
 * element's string value from 0, the unit Marginalia stores. A passage inside one paragraph
 * is string-range(p, start, length); one crossing paragraph breaks is one
 * range(string-range(first, start, 0), string-range(last, 0, end)), from a point in the
 * first paragraph to the end of a prefix of the last, so it stays one annotation; the text
 * between is the paragraphs joined by "\n\n" as above, not the XML's layout whitespace. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-tei.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define PARAGRAPH_BREAK "\n\n"

G_DEFINE_QUARK (mg-tei-error-quark, mg_tei_error)

typedef struct
{
  gint64 start;
  gint64 length;
  gsize byte_start;
  gsize byte_end;
} Paragraph;

typedef struct
{
  MgStore *store;
  GCancellable *cancellable;
  xmlTextWriterPtr writer;
  guint depth;
  gboolean started;
  gboolean failed;
  gboolean include_text;
  char *exported;
  GPtrArray *documents;
  GPtrArray *annotations;
  GPtrArray *codes;
  GHashTable *code_uuids;
  GPtrArray *sets;
  GHashTable *set_uuids;
} Export;

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->writer, xmlFreeTextWriter);
  g_clear_pointer (&ex->exported, g_free);
  g_clear_pointer (&ex->documents, g_ptr_array_unref);
  g_clear_pointer (&ex->annotations, g_ptr_array_unref);
  g_clear_pointer (&ex->codes, g_ptr_array_unref);
  g_clear_pointer (&ex->code_uuids, g_hash_table_unref);
  g_clear_pointer (&ex->sets, g_ptr_array_unref);
  g_clear_pointer (&ex->set_uuids, g_hash_table_unref);
}

/* The writer fails only when memory runs out; one flag checked at the end keeps every
 * element below to one line. */
static void
check (Export *ex,
       int     rc)
{
  if (rc < 0)
    ex->failed = TRUE;
}

static void
start (Export     *ex,
       const char *name)
{
  check (ex, xmlTextWriterStartElement (ex->writer, BAD_CAST name));
}

static void
end (Export *ex)
{
  check (ex, xmlTextWriterEndElement (ex->writer));
}

/* The layout is written by hand: libxml2's indenting also indents inside mixed content,
 * which would add characters to the paragraphs and move every offset. */
static void
indent (Export *ex)
{
  g_autofree char *line = NULL;

  if (!ex->started)
    {
      ex->started = TRUE;
      return;
    }
  line = g_strdup_printf ("\n%*s", (int) ex->depth * 2, "");
  check (ex, xmlTextWriterWriteRaw (ex->writer, BAD_CAST line));
}

/* An element holding elements, each on a line of its own. */
static void
block_start (Export     *ex,
             const char *name)
{
  indent (ex);
  start (ex, name);
  ex->depth++;
}

static void
block_end (Export *ex)
{
  ex->depth--;
  indent (ex);
  end (ex);
}

/* An element on a line of its own holding text or nothing; end() closes it. */
static void
leaf (Export     *ex,
      const char *name)
{
  indent (ex);
  start (ex, name);
}

static void
attr (Export     *ex,
      const char *name,
      const char *value)
{
  check (ex, xmlTextWriterWriteAttribute (ex->writer, BAD_CAST name, BAD_CAST value));
}

static void
attr_printf (Export     *ex,
             const char *name,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
attr_printf (Export     *ex,
             const char *name,
             const char *format,
             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attr (ex, name, value);
}

static void
write_run (Export     *ex,
           const char *from,
           const char *to)
{
  g_autofree char *run = NULL;

  if (to == from)
    return;
  run = g_strndup (from, (gsize) (to - from));
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST run));
}

static gboolean
is_xml_char (gunichar c)
{
  return c >= 0x20 ? (c != 0xFFFE && c != 0xFFFF) : (c == '\t' || c == '\n' || c == '\r');
}

static void
write_control (Export   *ex,
               gunichar  c)
{
  start (ex, "g");
  attr (ex, "type", "control");
  attr_printf (ex, "n", "U+%04X", c);
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST "\xEF\xBF\xBD"));
  end (ex);
}

/* Writes @length bytes of @text as content, each stored code point as one character of the
 * element's string value (see the top of the file). */
static void
write_text (Export     *ex,
            const char *text,
            gsize       length,
            gboolean    line_breaks)
{
  const char *run = text;
  const char *p;

  for (p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' && line_breaks)
        {
          write_run (ex, run, g_utf8_next_char (p));
          start (ex, "lb");
          end (ex);
          run = g_utf8_next_char (p);
        }
      else if (!is_xml_char (c))
        {
          write_run (ex, run, p);
          write_control (ex, c);
          run = g_utf8_next_char (p);
        }
    }
  write_run (ex, run, text + length);
}

static void
text_element (Export     *ex,
              const char *name,
              const char *text)
{
  leaf (ex, name);
  write_text (ex, text != NULL ? text : "", text != NULL ? strlen (text) : 0, FALSE);
  end (ex);
}

static char *
iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static const char *
document_id (MgDocument *document)
{
  return mg_document_get_uuid (document);
}

static GArray *
split_paragraphs (const char *text)
{
  GArray *paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  const char *piece = text;
  gint64 offset = 0;

  for (;;)
    {
      const char *brk = strstr (piece, PARAGRAPH_BREAK);
      const char *piece_end = brk != NULL ? brk : piece + strlen (piece);
      Paragraph paragraph = {
        offset, g_utf8_strlen (piece, piece_end - piece),
        (gsize) (piece - text), (gsize) (piece_end - text),
      };

      g_array_append_val (paragraphs, paragraph);
      if (brk == NULL)
        return paragraphs;
      offset += paragraph.length + strlen (PARAGRAPH_BREAK);
      piece = brk + strlen (PARAGRAPH_BREAK);
    }
}

/* The last paragraph starting at or before @offset, and @offset within it. An offset inside
 * a paragraph break (between its two line feeds) is taken to the end of the paragraph
 * before: string-range cannot point between elements. */
static guint
locate (GArray *paragraphs,
        gint64  offset,
        gint64 *out_within)
{
  guint low = 0;
  guint high = paragraphs->len - 1;
  const Paragraph *found;

  while (low < high)
    {
      guint middle = low + (high - low + 1) / 2;

      if (g_array_index (paragraphs, Paragraph, middle).start <= offset)
        low = middle;
      else
        high = middle - 1;
    }
  found = &g_array_index (paragraphs, Paragraph, low);
  *out_within = CLAMP (offset - found->start, 0, found->length);
  return low;
}

static char *
target_for (MgDocument   *document,
            GArray       *paragraphs,
            MgAnnotation *annotation)
{
  gint64 from = 0;
  gint64 to = 0;
  guint first = locate (paragraphs, mg_annotation_get_start (annotation), &from);
  guint last = locate (paragraphs, mg_annotation_get_end (annotation), &to);
  const char *id = document_id (document);

  if (first == last)
    return g_strdup_printf ("#string-range(doc-%s.p%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                            id, first + 1, from, to - from);
  return g_strdup_printf ("#range(string-range(doc-%s.p%u,%" G_GINT64_FORMAT ",0),"
                          "string-range(doc-%s.p%u,0,%" G_GINT64_FORMAT "))",
                          id, first + 1, from, id, last + 1, to);
}

static void
write_body (Export     *ex,
            MgDocument *document,
            GArray     *paragraphs)
{
  const char *text = mg_document_get_text (document);
  guint i;

  block_start (ex, "text");
  block_start (ex, "body");
  for (i = 0; i < paragraphs->len; i++)
    {
      const Paragraph *paragraph = &g_array_index (paragraphs, Paragraph, i);

      leaf (ex, "p");
      attr_printf (ex, "xml:id", "doc-%s.p%u", document_id (document), i + 1);
      attr (ex, "xml:space", "preserve");
      write_text (ex, text + paragraph->byte_start,
                  paragraph->byte_end - paragraph->byte_start, TRUE);
      end (ex);
    }
  block_end (ex);
  block_end (ex);
}

static void
write_change (Export     *ex,
              const char *type,
              gint64      when)
{
  g_autofree char *stamp = iso_time (when);

  if (stamp == NULL)
    return;
  leaf (ex, "change");
  attr (ex, "type", type);
  attr (ex, "when", stamp);
  end (ex);
}

static void
write_annotation (Export       *ex,
                  MgDocument   *document,
                  GArray       *paragraphs,
                  MgAnnotation *annotation)
{
  g_autofree char *target = target_for (document, paragraphs, annotation);
  const char *note = mg_annotation_get_note (annotation);
  gboolean has_note = note != NULL && *note != '\0';

  block_start (ex, "annotation");
  attr_printf (ex, "xml:id", "ann-%s", mg_annotation_get_uuid (annotation));
  attr (ex, "target", target);
  attr (ex, "motivation", has_note ? "classifying commenting" : "classifying");
  attr_printf (ex, "ana", "#code-%s", (const char *) g_hash_table_lookup (
    ex->code_uuids, &(gint64) { mg_annotation_get_code_id (annotation) }));
  attr_printf (ex, "resp", "#set-%s", (const char *) g_hash_table_lookup (
    ex->set_uuids, &(gint64) { mg_annotation_get_set_id (annotation) }));
  block_start (ex, "revisionDesc");
  write_change (ex, "created", mg_annotation_get_created (annotation));
  write_change (ex, "modified", mg_annotation_get_modified (annotation));
  block_end (ex);
  block_start (ex, "note");
  attr (ex, "type", "quote");
  text_element (ex, "quote", mg_annotation_get_quote (annotation));
  block_end (ex);
  if (has_note)
    {
      leaf (ex, "note");
      attr (ex, "type", "comment");
      write_text (ex, note, strlen (note), FALSE);
      end (ex);
    }
  block_end (ex);
}

/* Orphaned passages are left out: their offsets no longer point at their quote, and a TEI
 * pointer that resolves to the wrong words would mislead an archive's reader. */
static gboolean
exported_annotation (Export       *ex,
                     MgAnnotation *annotation)
{
  gint64 code = mg_annotation_get_code_id (annotation);
  gint64 set = mg_annotation_get_set_id (annotation);

  return !mg_annotation_get_orphaned (annotation)
         && g_hash_table_contains (ex->code_uuids, &code)
         && g_hash_table_contains (ex->set_uuids, &set);
}

static GPtrArray *
document_annotations (Export      *ex,
                      MgDocument  *document,
                      GError     **error)
{
  g_autoptr(GListModel) all = NULL;
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;

  all = mg_store_list_annotations (ex->store, mg_document_get_id (document), 0, 0, error);
  if (all == NULL)
    {
      g_ptr_array_unref (chosen);
      return NULL;
    }
  for (i = 0; i < g_list_model_get_n_items (all); i++)
    {
      MgAnnotation *annotation = g_list_model_get_item (all, i);

      if (exported_annotation (ex, annotation))
        g_ptr_array_add (chosen, annotation);
      else
        g_object_unref (annotation);
    }
  return chosen;
}

static void
write_stand_off (Export     *ex,
                 MgDocument *document,
                 GArray     *paragraphs,
                 GPtrArray  *annotations)
{
  guint i;

  if (annotations->len == 0)
    return;
  block_start (ex, "standOff");
  block_start (ex, "listAnnotation");
  for (i = 0; i < annotations->len; i++)
    write_annotation (ex, document, paragraphs, g_ptr_array_index (annotations, i));
  block_end (ex);
  block_end (ex);
}

static void
write_set (Export          *ex,
           MgAnnotationSet *set)
{
  const char *author = mg_annotation_set_get_author (set);
  g_autofree char *resp = g_strdup_printf ("annotation set “%s”",
                                           mg_annotation_set_get_name (set));

  block_start (ex, "respStmt");
  attr_printf (ex, "xml:id", "set-%s", mg_annotation_set_get_uuid (set));
  text_element (ex, "resp", resp);
  text_element (ex, "name", author != NULL && *author != '\0' ? author : "unknown");
  block_end (ex);
}

static void
write_sets (Export *ex)
{
  guint i;

  for (i = 0; i < ex->sets->len; i++)
    write_set (ex, g_ptr_array_index (ex->sets, i));
}

static void
write_publication (Export *ex)
{
  block_start (ex, "publicationStmt");
  leaf (ex, "p");
  check (ex, xmlTextWriterWriteString (ex->writer,
                                       BAD_CAST "Exported from Marginalia " PACKAGE_VERSION " on "));
  start (ex, "date");
  attr (ex, "when", ex->exported);
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST ex->exported));
  end (ex);
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST "."));
  end (ex);
  block_end (ex);
}

static void
write_source (Export     *ex,
              MgDocument *document)
{
  const char *uri = mg_document_get_source_uri (document);

  block_start (ex, "sourceDesc");
  block_start (ex, "bibl");
  text_element (ex, "title", mg_document_get_title (document));
  if (uri != NULL && g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    {
      leaf (ex, "ptr");
      attr (ex, "target", uri);
      end (ex);
    }
  else if (uri != NULL && *uri != '\0')
    {
      leaf (ex, "idno");
      attr (ex, "type", "source");
      write_text (ex, uri, strlen (uri), FALSE);
      end (ex);
    }
  leaf (ex, "idno");
  attr (ex, "type", "SHA-256");
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST mg_document_get_sha256 (document)));
  end (ex);
  leaf (ex, "idno");
  attr (ex, "type", "uuid");
  check (ex, xmlTextWriterWriteString (ex->writer, BAD_CAST mg_document_get_uuid (document)));
  end (ex);
  block_end (ex);
  block_end (ex);
}

static void
write_category (Export *ex,
                MgCode *code)
{
  const char *colour = mg_code_get_colour (code);
  const char *description = mg_code_get_description (code);

  block_start (ex, "category");
  attr_printf (ex, "xml:id", "code-%s", mg_code_get_uuid (code));
  /* The highlight colour as CSS, declared by <styleDefDecl>: @style is TEI's place for how
   * something is shown, and any CSS reader understands it. */
  if (colour != NULL && mg_code_colour_is_valid (colour))
    attr_printf (ex, "style", "background-color: %s", colour);
  block_start (ex, "catDesc");
  text_element (ex, "term", mg_code_get_name (code));
  if (description != NULL && *description != '\0')
    text_element (ex, "gloss", description);
  block_end (ex);
}

/* The codes arrive in tree order with their depth, every ancestor of a kept code kept, so
 * closing categories down to a code's depth nests them as in the codebook. */
static void
write_taxonomy (Export *ex)
{
  guint open = 0;
  guint i;

  block_start (ex, "classDecl");
  block_start (ex, "taxonomy");
  attr (ex, "xml:id", "codebook");
  text_element (ex, "desc", "The codebook of a Marginalia library: each passage points to "
                "its code with @ana.");
  for (i = 0; i < ex->codes->len; i++)
    {
      MgCode *code = g_ptr_array_index (ex->codes, i);

      for (; open > mg_code_get_depth (code); open--)
        block_end (ex);
      write_category (ex, code);
      open++;
    }
  for (; open > 0; open--)
    block_end (ex);
  block_end (ex);
  block_end (ex);
}

static void
write_encoding (Export *ex)
{
  block_start (ex, "encodingDesc");
  block_start (ex, "appInfo");
  block_start (ex, "application");
  attr (ex, "ident", "Marginalia");
  attr (ex, "version", PACKAGE_VERSION);
  text_element (ex, "label", "Marginalia");
  block_end (ex);
  block_end (ex);
  block_start (ex, "editorialDecl");
  text_element (ex, "p", ex->include_text
                ? "Each paragraph is a piece of the stored text cut at a pair of line feeds; "
                  "their string values joined by two line feeds give the text back exactly. "
                  "Pointers count Unicode code points from 0."
                : "The texts are left out. Pointers count Unicode code points from 0 in the "
                  "paragraphs an export with the texts has: the stored text cut at every pair "
                  "of line feeds.");
  block_end (ex);
  leaf (ex, "styleDefDecl");
  attr (ex, "scheme", "css");
  end (ex);
  write_taxonomy (ex);
  block_end (ex);
}

static void
write_header (Export     *ex,
              const char *title,
              MgDocument *document,
              gboolean    shared)
{
  block_start (ex, "teiHeader");
  block_start (ex, "fileDesc");
  block_start (ex, "titleStmt");
  text_element (ex, "title", title);
  if (shared)
    write_sets (ex);
  block_end (ex);
  write_publication (ex);
  if (document != NULL)
    write_source (ex, document);
  else
    {
      block_start (ex, "sourceDesc");
      text_element (ex, "p", "Documents of a Marginalia library, each described in the "
                    "header of its own TEI.");
      block_end (ex);
    }
  block_end (ex);
  if (shared)
    write_encoding (ex);
  block_end (ex);
}

static gboolean
write_document (Export      *ex,
                MgDocument  *listed,
                GPtrArray   *annotations,
                gboolean     alone,
                GError     **error)
{
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(GArray) paragraphs = NULL;

  document = mg_store_get_document (ex->store, mg_document_get_id (listed), error);
  if (document == NULL)
    return FALSE;
  paragraphs = split_paragraphs (mg_document_get_text (document));
  block_start (ex, "TEI");
  if (alone)
    attr (ex, "xmlns", TEI_NS);
  attr_printf (ex, "xml:id", "doc-%s", document_id (document));
  write_header (ex, mg_document_get_title (document), document, alone);
  if (ex->include_text)
    write_body (ex, document, paragraphs);
  write_stand_off (ex, document, paragraphs, annotations);
  block_end (ex);
  return TRUE;
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  guint i;

  for (i = 0; names != NULL && i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static const char *
first_missing (GPtrArray  *names,
               GHashTable *seen)
{
  guint i;

  for (i = 0; names != NULL && i < names->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (names, i)))
      return g_ptr_array_index (names, i);
  return NULL;
}

static gboolean
load_sets (Export     *ex,
           GPtrArray  *names,
           GError    **error)
{
  g_autoptr(GListModel) all = mg_store_list_annotation_sets (ex->store, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean every = names == NULL || names->len == 0;
  const char *missing;
  guint i;

  if (all == NULL)
    return FALSE;
  ex->sets = g_ptr_array_new_with_free_func (g_object_unref);
  ex->set_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MgAnnotationSet) set = g_list_model_get_item (all, i);

      if (!every && !names_contain (names, mg_annotation_set_get_name (set)))
        continue;
      g_hash_table_add (seen, (gpointer) mg_annotation_set_get_name (set));
      g_hash_table_insert (ex->set_uuids, id_key (mg_annotation_set_get_id (set)),
                           g_strdup (mg_annotation_set_get_uuid (set)));
      g_ptr_array_add (ex->sets, g_steal_pointer (&set));
    }
  missing = first_missing (names, seen);
  if (missing != NULL)
    g_set_error (error, MG_TEI_ERROR, MG_TEI_ERROR_UNKNOWN_NAME,
                 _("There is no annotation set called “%s” in the library. "
                   "Check the name and export again."), missing);
  return missing == NULL;
}

/* Chosen codes carry their passages; their ancestors come along without passages so the
 * taxonomy keeps the codebook's nesting. The list is in tree order, so walking it backwards
 * meets every child before its parent. */
static GHashTable *
codes_with_ancestors (GListModel *all,
                      GHashTable *chosen)
{
  GHashTable *kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint i;

  for (i = g_list_model_get_n_items (all); i > 0; i--)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (all, i - 1);
      gint64 id = mg_code_get_id (code);

      if (g_hash_table_contains (chosen, &id) || g_hash_table_contains (kept, &id))
        g_hash_table_add (kept, id_key (mg_code_get_parent_id (code)));
      if (g_hash_table_contains (chosen, &id))
        g_hash_table_add (kept, id_key (id));
    }
  return kept;
}

static void
choose_codes (Export     *ex,
              GListModel *all,
              GPtrArray  *names,
              GHashTable *seen)
{
  gboolean every = names == NULL || names->len == 0;
  guint i;

  ex->code_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (all, i);

      if (!every && !names_contain (names, mg_code_get_name (code)))
        continue;
      g_hash_table_add (seen, g_strdup (mg_code_get_name (code)));
      g_hash_table_insert (ex->code_uuids, id_key (mg_code_get_id (code)),
                           g_strdup (mg_code_get_uuid (code)));
    }
}

static gboolean
load_codes (Export     *ex,
            GPtrArray  *names,
            GError    **error)
{
  g_autoptr(GListModel) all = mg_store_list_codes (ex->store, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = NULL;
  const char *missing;
  guint i;

  if (all == NULL)
    return FALSE;
  choose_codes (ex, all, names, seen);
  kept = codes_with_ancestors (all, ex->code_uuids);
  ex->codes = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < g_list_model_get_n_items (all); i++)
    {
      MgCode *code = g_list_model_get_item (all, i);
      gint64 id = mg_code_get_id (code);

      if (g_hash_table_contains (kept, &id))
        g_ptr_array_add (ex->codes, code);
      else
        g_object_unref (code);
    }
  missing = first_missing (names, seen);
  if (missing != NULL)
    g_set_error (error, MG_TEI_ERROR, MG_TEI_ERROR_UNKNOWN_NAME,
                 _("There is no code called “%s” in the codebook. "
                   "Check the name and export again."), missing);
  return missing == NULL;
}

static gboolean
load_documents (Export     *ex,
                GArray     *ids,
                GError    **error)
{
  g_autoptr(GListModel) all = NULL;
  guint i;

  ex->documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; ids != NULL && i < ids->len; i++)
    {
      MgDocument *document = mg_store_get_document (ex->store,
                                                    g_array_index (ids, gint64, i), error);

      if (document == NULL)
        return FALSE;
      g_ptr_array_add (ex->documents, document);
    }
  if (ids != NULL && ids->len > 0)
    return TRUE;
  all = mg_store_list_documents (ex->store, error);
  if (all == NULL)
    return FALSE;
  for (i = 0; i < g_list_model_get_n_items (all); i++)
    g_ptr_array_add (ex->documents, g_list_model_get_item (all, i));
  return TRUE;
}

/* Without the texts, a document without passages would be a TEI with nothing but a header,
 * which the schema refuses and which tells an archive nothing: it is left out. */
static gboolean
load_annotations (Export  *ex,
                  GError **error)
{
  guint i = 0;

  ex->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while (i < ex->documents->len)
    {
      GPtrArray *annotations;

      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
        return FALSE;
      annotations = document_annotations (ex, g_ptr_array_index (ex->documents, i), error);
      if (annotations == NULL)
        return FALSE;
      if (!ex->include_text && annotations->len == 0)
        {
          g_ptr_array_unref (annotations);
          g_ptr_array_remove_index (ex->documents, i);
          continue;
        }
      g_ptr_array_add (ex->annotations, annotations);
      i++;
    }
  if (ex->documents->len == 0)
    g_set_error (error, MG_TEI_ERROR, MG_TEI_ERROR_EMPTY,
                 _("There is nothing to export: the chosen scope holds no document (or, "
                   "without the texts, no tagged passage). Choose other documents, sets or "
                   "codes."));
  return ex->documents->len > 0;
}

static gboolean
load (Export               *ex,
      const MgExportScope  *scope,
      GError              **error)
{
  return load_sets (ex, scope->set_names, error)
         && load_codes (ex, scope->code_names, error)
         && load_documents (ex, scope->document_ids, error)
         && load_annotations (ex, error);
}

static gboolean
write_all (Export  *ex,
           GError **error)
{
  gboolean alone = ex->documents->len == 1;
  guint i;

  check (ex, xmlTextWriterStartDocument (ex->writer, NULL, "UTF-8", NULL));
  if (!alone)
    {
      block_start (ex, "teiCorpus");
      attr (ex, "xmlns", TEI_NS);
      write_header (ex, "Marginalia export", NULL, TRUE);
    }
  for (i = 0; i < ex->documents->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error)
          || !write_document (ex, g_ptr_array_index (ex->documents, i),
                              g_ptr_array_index (ex->annotations, i), alone, error))
        return FALSE;
    }
  if (!alone)
    block_end (ex);
  check (ex, xmlTextWriterWriteRaw (ex->writer, BAD_CAST "\n"));
  check (ex, xmlTextWriterEndDocument (ex->writer));
  if (ex->failed)
    g_set_error (error, MG_TEI_ERROR, MG_TEI_ERROR_FAILED,
                 _("The TEI file could not be put together: the computer ran out of memory. "
                   "Close other programs or export fewer documents."));
  return !ex->failed;
}

static gboolean
save (const char    *path,
      xmlBufferPtr   buffer,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Written beside and renamed over: a failed export never leaves half a file where a good
   * one was. */
  if (g_file_replace_contents (file, (const char *) xmlBufferContent (buffer),
                               (gsize) xmlBufferLength (buffer), NULL, FALSE,
                               G_FILE_CREATE_NONE, NULL, cancellable, error))
    return TRUE;
  g_prefix_error (error, _("The TEI export was not saved, and any file already there is "
                           "unchanged. "));
  return FALSE;
}

/**
 * mg_tei_export:
 * @store: the library
 * @scope: (nullable): what to export; %NULL for every document, set and code, with the texts
 * @path: the file to write, replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the scope as TEI P5: one <TEI> per document (in a <teiCorpus> when there are
 * several), the texts as paragraphs, the codebook as a taxonomy, the annotation sets as
 * <respStmt>s and the passages as stand-off <annotation>s whose pointers count code points.
 * On failure nothing at @path changes.
 *
 * Returns: %TRUE when the file was written; %FALSE with @error set (%MG_TEI_ERROR, a
 *   #MgStoreError, a #GIOErrorEnum)
 */
gboolean
mg_tei_export (MgStore              *store,
               const MgExportScope  *scope,
               const char           *path,
               GCancellable         *cancellable,
               GError              **error)
{
  static const MgExportScope everything = { NULL, NULL, NULL, TRUE };
  Export ex = { 0 };
  xmlBufferPtr buffer = NULL;
  gboolean ok;

  g_return_val_if_fail (MG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scope = scope != NULL ? scope : &everything;
  ex.store = store;
  ex.cancellable = cancellable;
  ex.include_text = scope->include_text;
  ex.exported = iso_time (g_get_real_time () / G_USEC_PER_SEC);
  ok = load (&ex, scope, error);
  if (ok)
    {
      buffer = xmlBufferCreate ();
      ex.writer = xmlNewTextWriterMemory (buffer, 0);
      ok = write_all (&ex, error);
      g_clear_pointer (&ex.writer, xmlFreeTextWriter);
    }
  ok = ok && save (path, buffer, cancellable, error);
  export_clear (&ex);
  g_clear_pointer (&buffer, xmlBufferFree);
  return ok;
}
