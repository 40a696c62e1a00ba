/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Markdown import: the text as a reader sees it rendered, with the characters that only format
 * it removed (heading marks, emphasis, code ticks, link syntax, quote marks, fences). Line
 * breaks stay where the author put them, so what is read matches the file. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-import.h"
#include "mg-markdown-import.h"

/* Nesting of links and emphasis beyond this is left as written: no real text needs it, and a
 * hostile one cannot recurse without bound. */
#define MAX_INLINE_DEPTH 16

/* How far a closing delimiter is looked for: emphasis and links are short, and the bound keeps
 * a paragraph full of unmatched stars linear. */
#define MAX_SPAN_BYTES 2048

/* Front matter longer than this is not front matter. */
#define MAX_FRONT_MATTER_LINES 100

/* Unordered list items start with a bullet: what a rendered list shows. */
#define BULLET "• "

static void append_inline (GString *out, const char *s, gsize n, int depth);

/* --- inline markup --- */

static gsize
run_length (const char *s,
            gsize       n,
            gsize       i)
{
  gsize j = i;

  while (j < n && s[j] == s[i])
    j++;
  return j - i;
}

static gboolean
is_space_at (const char *s,
             gsize       n,
             gsize       i)
{
  return i >= n || g_ascii_isspace (s[i]);
}

/* `code` and ``co`de``: the content exactly, not read for markup. */
static void
code_span (GString    *out,
           const char *s,
           gsize       n,
           gsize      *i)
{
  gsize open = run_length (s, n, *i);
  gsize limit = MIN (n, *i + open + MAX_SPAN_BYTES);

  for (gsize j = *i + open; j < limit; )
    {
      gsize close = s[j] == '`' ? run_length (s, n, j) : 0;

      if (close == open)
        {
          const char *content = s + *i + open;
          gsize length = j - *i - open;

          if (length >= 2 && content[0] == ' ' && content[length - 1] == ' ')
            content++, length -= 2;
          g_string_append_len (out, content, length);
          *i = j + close;
          return;
        }
      j += close > 0 ? close : 1;
    }
  g_string_append_len (out, s + *i, open);
  *i += open;
}

/* The end of a bracketed or parenthesised span, nested ones included, or 0. */
static gsize
find_closing (const char *s,
              gsize       n,
              gsize       start,
              char        open,
              char        close)
{
  gsize limit = MIN (n, start + MAX_SPAN_BYTES);
  int depth = 0;

  for (gsize j = start; j < limit; j++)
    {
      if (s[j] == '\\')
        j++;
      else if (s[j] == open)
        depth++;
      else if (s[j] == close && --depth == 0)
        return j;
    }
  return 0;
}

/* [text](url "title"), [text][ref] and ![alt](src) become their text; a bracket with
 * neither target is text as it stands. */
static gboolean
link_span (GString    *out,
           const char *s,
           gsize       n,
           gsize      *i,
           int         depth)
{
  gsize open = s[*i] == '!' ? *i + 1 : *i;
  gsize text_end = find_closing (s, n, open, '[', ']');
  gsize target_end;

  if (text_end == 0 || text_end + 1 >= n)
    return FALSE;
  if (s[text_end + 1] == '(')
    target_end = find_closing (s, n, text_end + 1, '(', ')');
  else if (s[text_end + 1] == '[')
    target_end = find_closing (s, n, text_end + 1, '[', ']');
  else
    return FALSE;
  if (target_end == 0)
    return FALSE;
  append_inline (out, s + open + 1, text_end - open - 1, depth + 1);
  *i = target_end + 1;
  return TRUE;
}

/* <https://example.org> and <someone@example.org> show as the address. */
static gboolean
autolink (GString    *out,
          const char *s,
          gsize       n,
          gsize      *i)
{
  gsize j = *i + 1;
  gboolean url = FALSE, mail = FALSE;

  while (j < n && j < *i + MAX_SPAN_BYTES && s[j] != '>' && s[j] != '<' && !g_ascii_isspace (s[j]))
    {
      url |= s[j] == ':' && j > *i + 2;
      mail |= s[j] == '@';
      j++;
    }
  if (j >= n || s[j] != '>' || !(url || mail) || !g_ascii_isalpha (s[*i + 1]))
    return FALSE;
  g_string_append_len (out, s + *i + 1, j - *i - 1);
  *i = j + 1;
  return TRUE;
}

/* Underscores inside words (snake_case) are letters, not emphasis. */
static gboolean
can_open (const char *s,
          gsize       n,
          gsize       i,
          gsize       run)
{
  if (is_space_at (s, n, i + run))
    return FALSE;
  return s[i] != '_' || i == 0 || !g_ascii_isalnum (s[i - 1]);
}

static gboolean
can_close (const char *s,
           gsize       n,
           gsize       j,
           gsize       run)
{
  if (g_ascii_isspace (s[j - 1]))
    return FALSE;
  return s[j] != '_' || j + run >= n || !g_ascii_isalnum (s[j + run]);
}

/* *a*, **a**, ***a***, _a_, __a__ and ~~a~~ become a; a run without its partner stays. */
static void
emphasis (GString    *out,
          const char *s,
          gsize       n,
          gsize      *i,
          int         depth)
{
  gsize run = run_length (s, n, *i);
  gsize limit = MIN (n, *i + run + MAX_SPAN_BYTES);
  gboolean usable = run <= 3 && (s[*i] != '~' || run == 2) && can_open (s, n, *i, run);

  for (gsize j = *i + run; usable && j < limit; )
    {
      gsize close = s[j] == s[*i] ? run_length (s, n, j) : 0;

      if (close >= run && can_close (s, n, j, close))
        {
          append_inline (out, s + *i + run, j + close - run - *i - run, depth + 1);
          *i = j + close;
          return;
        }
      j += close > 0 ? close : 1;
    }
  g_string_append_len (out, s + *i, run);
  *i += run;
}

static void
append_inline (GString    *out,
               const char *s,
               gsize       n,
               int         depth)
{
  gsize i = 0;

  if (depth > MAX_INLINE_DEPTH)
    {
      g_string_append_len (out, s, n);
      return;
    }
  while (i < n)
    {
      char c = s[i];

      if (c == '\\' && i + 1 < n && g_ascii_ispunct (s[i + 1]))
        g_string_append_c (out, s[i + 1]), i += 2;
      else if (c == '`')
        code_span (out, s, n, &i);
      else if ((c == '[' || (c == '!' && i + 1 < n && s[i + 1] == '['))
               && link_span (out, s, n, &i, depth))
        continue;
      else if (c == '<' && autolink (out, s, n, &i))
        continue;
      else if (c == '*' || c == '_' || c == '~')
        emphasis (out, s, n, &i, depth);
      else
        g_string_append_c (out, c), i++;
    }
}

static char *
render_inline (const char *text)
{
  GString *out = g_string_new (NULL);

  append_inline (out, text, strlen (text), 0);
  return g_string_free (out, FALSE);
}

/* --- blocks --- */

typedef struct
{
  GString *out;         /* finished blocks, a blank line between them */
  GString *block;       /* lines of the block being gathered */
  gboolean verbatim;    /* the block is code: no inline markup */
  char *title;
  gboolean in_fence;
  char fence_char;
  gsize fence_length;
} Render;

static void
end_block (Render *render)
{
  g_autofree char *text = NULL;

  if (render->block->len == 0)
    return;
  text = render->verbatim ? g_strdup (render->block->str) : render_inline (render->block->str);
  if (render->out->len > 0)
    g_string_append (render->out, "\n\n");
  g_string_append (render->out, text);
  g_string_truncate (render->block, 0);
}

static void
add_line (Render     *render,
          const char *line)
{
  if (render->block->len > 0)
    g_string_append_c (render->block, '\n');
  g_string_append (render->block, line);
}

static void
add_heading (Render     *render,
             const char *text)
{
  g_autofree char *plain = render_inline (text);

  end_block (render);
  g_strdelimit (g_strstrip (plain), "\n", ' ');
  if (*plain == '\0')
    return;
  if (render->title == NULL)
    render->title = g_strdup (plain);
  if (render->out->len > 0)
    g_string_append (render->out, "\n\n");
  g_string_append (render->out, plain);
}

static const char *
skip_indent (const char *line,
             int         most)
{
  for (int n = 0; n < most && *line == ' '; n++)
    line++;
  return line;
}

/* ``` or ~~~, three or more, up to three spaces in. */
static gsize
fence_at (const char *line,
          char       *out_char)
{
  const char *p = skip_indent (line, 3);
  gsize n = (*p == '`' || *p == '~') ? strspn (p, *p == '`' ? "`" : "~") : 0;

  *out_char = *p;
  return n >= 3 ? n : 0;
}

static gboolean
is_fence_close (Render     *render,
                const char *line)
{
  char c;
  gsize n = fence_at (line, &c);
  const char *rest = skip_indent (line, 3) + n;

  return n >= render->fence_length && c == render->fence_char
         && rest[strspn (rest, " \t")] == '\0';
}

/* "# Title #" and "###### Note": the heading's text, or NULL. */
static char *
atx_heading (const char *line)
{
  const char *p = skip_indent (line, 3);
  gsize level = strspn (p, "#");
  char *text;
  char *end;

  if (level < 1 || level > 6 || (p[level] != ' ' && p[level] != '\t' && p[level] != '\0'))
    return NULL;
  text = g_strstrip (g_strdup (p + level));
  end = text + strlen (text);
  while (end > text && end[-1] == '#')
    end--;
  if (end == text || end[-1] == ' ' || end[-1] == '\t')
    *end = '\0';
  return g_strstrip (text);
}

/* A line of only @c (and spaces), at least @minimum of them. */
static gboolean
is_rule_of (const char *line,
            char        c,
            int         minimum,
            gboolean    spaces_between)
{
  const char *p = skip_indent (line, 3);
  int count = 0;

  for (; *p != '\0'; p++)
    if (*p == c)
      count++;
    else if (!(*p == ' ' || *p == '\t') || (!spaces_between && count > 0 && p[1] == c))
      return FALSE;
  return count >= minimum;
}

static gboolean
is_thematic_break (const char *line)
{
  return is_rule_of (line, '-', 3, TRUE) || is_rule_of (line, '*', 3, TRUE)
         || is_rule_of (line, '_', 3, TRUE);
}

/* [ref]: https://example.org "Title" — a target, not text. Footnotes ([^1]: ...) are text. */
static gboolean
is_reference_definition (const char *line)
{
  const char *p = skip_indent (line, 3);
  const char *close;

  if (*p != '[' || p[1] == '^' || (close = strstr (p, "]:")) == NULL)
    return FALSE;
  p = close + 2;
  p += strspn (p, " \t");
  if (*p == '\0')
    return FALSE;
  /* The target is one word; only a title in quotes or parentheses may follow it. */
  p += strcspn (p, " \t");
  p += strspn (p, " \t");
  return *p == '\0' || *p == '"' || *p == '\'' || *p == '(';
}

/* |---|:--:| separates a table's header from its rows. */
static gboolean
is_table_delimiter (const char *line)
{
  return strchr (line, '|') != NULL && strchr (line, '-') != NULL
         && line[strspn (line, "|:- \t")] == '\0';
}

/* "- item", "* item", "+ item" begin with a bullet; numbered items keep their numbers. */
static char *
list_item (const char *line)
{
  const char *p = line + strspn (line, " \t");

  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0'))
    {
      const char *rest = p[1] == '\0' ? "" : p + 2;

      return g_strdup_printf ("%.*s" BULLET "%s", (int) (p - line), line,
                              rest + strspn (rest, " \t"));
    }
  return NULL;
}

static const char *
strip_quote_marks (const char *line)
{
  const char *p = skip_indent (line, 3);

  while (*p == '>')
    {
      p++;
      if (*p == ' ')
        p++;
      p = skip_indent (p, 3);
    }
  return p == skip_indent (line, 3) ? line : p;
}

static void
text_line (Render     *render,
           const char *line)
{
  g_autofree char *item = list_item (line);
  g_autofree char *trimmed = g_strdup (item ? item : line);
  gsize length = strlen (g_strchomp (trimmed));

  /* A trailing backslash is a hard line break: the line ends there anyway. */
  if (length > 0 && trimmed[length - 1] == '\\')
    trimmed[length - 1] = '\0';
  add_line (render, trimmed);
}

static void
block_line (Render     *render,
            const char *line)
{
  g_autofree char *heading = NULL;

  if (line[strspn (line, " \t")] == '\0')
    end_block (render);
  else if ((render->fence_length = fence_at (line, &render->fence_char)) > 0)
    {
      end_block (render);
      render->in_fence = TRUE;
      render->verbatim = TRUE;
    }
  else if ((heading = atx_heading (line)) != NULL)
    add_heading (render, heading);
  else if (render->block->len > 0 && !render->verbatim
           && (is_rule_of (line, '=', 1, FALSE) || is_rule_of (line, '-', 1, FALSE)))
    {
      g_autofree char *text = g_strdup (render->block->str);

      g_string_truncate (render->block, 0);
      add_heading (render, text);
    }
  else if (is_thematic_break (line))
    end_block (render);
  else if (!is_reference_definition (line) && !is_table_delimiter (line))
    text_line (render, line);
}

static void
render_line (Render     *render,
             const char *raw_line)
{
  const char *line = strip_quote_marks (raw_line);

  if (render->in_fence)
    {
      if (is_fence_close (render, line))
        {
          end_block (render);
          render->in_fence = FALSE;
          render->verbatim = FALSE;
        }
      else
        add_line (render, line);
      return;
    }
  block_line (render, line);
}

/**
 * mg_markdown_import_render:
 * @markdown: Markdown text (UTF-8, LF line ends)
 * @out_title: (out) (optional) (nullable): the text of the first heading, or %NULL
 *
 * Removes the characters that only format the text: heading marks (and setext underlines),
 * emphasis, code ticks and fences (their content kept), link and image syntax (the link text
 * and the image's alt text kept), quote marks, reference definitions and table rules. List
 * items start with "• " (numbered ones keep their numbers). Blocks are separated by one
 * blank line.
 *
 * Returns: (transfer full): the text
 */
char *
mg_markdown_import_render (const char  *markdown,
                           char       **out_title)
{
  Render render = { g_string_new (NULL), g_string_new (NULL), FALSE, NULL, FALSE, 0, 0 };
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);

  for (gsize i = 0; lines[i] != NULL; i++)
    render_line (&render, lines[i]);
  end_block (&render);
  g_string_free (render.block, TRUE);
  if (out_title != NULL)
    *out_title = g_steal_pointer (&render.title);
  g_free (render.title);
  return g_string_free (render.out, FALSE);
}

/* --- recognising Markdown --- */

enum {
  SIGN_HEADING = 1 << 0,
  SIGN_FENCE = 1 << 1,
  SIGN_LINK = 1 << 2,
  SIGN_STRONG = 1 << 3,
  SIGN_LIST = 1 << 4,
};

static guint
line_signs (const char *line,
            const char *previous)
{
  g_autofree char *heading = atx_heading (line);
  g_autofree char *item = list_item (line);
  const char *bracket = strchr (line, '[');
  const char *strong = strstr (line, "**");
  char fence_char;
  guint signs = 0;

  if ((heading != NULL && *heading != '\0')
      || (previous != NULL && *previous != '\0' && is_rule_of (line, '=', 3, FALSE)))
    signs |= SIGN_HEADING;
  if (fence_at (line, &fence_char) > 0)
    signs |= SIGN_FENCE;
  if (bracket != NULL && strstr (bracket, "](") != NULL)
    signs |= SIGN_LINK;
  if (strong != NULL && !g_ascii_isspace (strong[2]) && strstr (strong + 2, "**") != NULL)
    signs |= SIGN_STRONG;
  if (item != NULL && line[strspn (line, " \t-*+")] != '\0')
    signs |= SIGN_LIST;
  return signs;
}

/**
 * mg_markdown_import_sniff:
 * @head: the first bytes of a text file
 *
 * Tells Markdown from plain text by its structure: a heading with one other kind of markup
 * (a fence, a link, strong emphasis, a list), or three kinds without a heading. Plain text
 * with a dash list alone stays plain text.
 *
 * Returns: %TRUE when @head reads as Markdown
 */
gboolean
mg_markdown_import_sniff (const char *head,
                          gsize       length)
{
  g_autofree char *text = g_strndup (head, length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint signs = 0;
  guint kinds = 0;

  for (gsize i = 0; lines[i] != NULL; i++)
    {
      g_strdelimit (lines[i], "\r", ' ');
      signs |= line_signs (lines[i], i > 0 ? lines[i - 1] : NULL);
    }
  for (guint bits = signs; bits != 0; bits &= bits - 1)
    kinds++;
  return ((signs & SIGN_HEADING) && kinds >= 2) || kinds >= 3;
}

/* --- front matter and the document --- */

typedef struct
{
  char *title;
  char *author;
  char *date;
} FrontMatter;

static void
front_matter_clear (FrontMatter *front)
{
  g_free (front->title);
  g_free (front->author);
  g_free (front->date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FrontMatter, front_matter_clear)

static void
front_matter_field (FrontMatter *front,
                    const char  *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = colon ? g_strstrip (g_strndup (line, colon - line)) : NULL;
  g_autofree char *value = colon ? g_strstrip (g_strdup (colon + 1)) : NULL;
  gsize length = value ? strlen (value) : 0;
  char **slot;

  if (key == NULL || length == 0)
    return;
  if (length >= 2 && (value[0] == '"' || value[0] == '\'') && value[length - 1] == value[0])
    {
      value[length - 1] = '\0';
      memmove (value, value + 1, length - 1);
    }
  slot = g_ascii_strcasecmp (key, "title") == 0 ? &front->title
         : g_ascii_strcasecmp (key, "author") == 0 ? &front->author
         : g_ascii_strcasecmp (key, "date") == 0 ? &front->date : NULL;
  if (slot != NULL && *slot == NULL)
    *slot = g_steal_pointer (&value);
}

/* Notes tools and static site generators start a file with YAML between "---" lines: it says
 * what the document is, it is not part of it. */
static const char *
skip_front_matter (const char  *text,
                   FrontMatter *front)
{
  const char *line = text;

  if (!g_str_has_prefix (text, "---\n"))
    return text;
  line = text + 4;
  for (int n = 0; n < MAX_FRONT_MATTER_LINES && *line != '\0'; n++)
    {
      const char *end = strchr (line, '\n');
      g_autofree char *copy = end ? g_strndup (line, end - line) : g_strdup (line);

      g_strchomp (copy);
      if (strcmp (copy, "---") == 0 || strcmp (copy, "...") == 0)
        return end ? end + 1 : line + strlen (line);
      front_matter_field (front, copy);
      if (end == NULL)
        break;
      line = end + 1;
    }
  front_matter_clear (front);
  memset (front, 0, sizeof *front);
  return text;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * mg_markdown_import_bytes:
 * @data: the bytes of a Markdown file, in any encoding plain text may have
 * @fallback_title: (nullable): the title when the text has no heading (the file's name)
 * @source_uri: (nullable): where the text was read from
 *
 * Decodes @data as mg_text_import_decode() does and keeps the text that the Markdown shows
 * (see mg_markdown_import_render()). The title is the front matter's, else the first
 * heading's; author and date of the front matter go into the metadata.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError
 */
MgDocument *
mg_markdown_import_bytes (const char  *data,
                          gsize        length,
                          const char  *fallback_title,
                          const char  *source_uri,
                          GError     **error)
{
  g_auto(FrontMatter) front = { 0 };
  g_autofree char *decoded = mg_text_import_decode (data, length, NULL, error);
  g_autofree char *rendered = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;
  g_autofree char *metadata = NULL;
  MgDocument *document;

  if (decoded == NULL)
    return NULL;
  rendered = mg_markdown_import_render (skip_front_matter (decoded, &front), &heading);
  /* Removing marks can leave a combining character next to a new base: compose again. */
  text = mg_text_import_normalise (rendered, -1);
  if (is_blank (text))
    {
      g_set_error_literal (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_EMPTY,
                           _("the file holds only Markdown markup, no text"));
      return NULL;
    }
  title = front.title ? g_strdup (front.title) : heading ? g_strdup (heading)
          : mg_text_import_guess_title (text, fallback_title ? fallback_title : _("Untitled"));
  metadata = mg_import_metadata_json ("author", front.author, "date", front.date, NULL);
  document = mg_document_new (title, NULL, source_uri, "text/markdown");
  mg_document_take_text (document, g_steal_pointer (&text));
  mg_document_set_metadata (document, metadata);
  return document;
}

/**
 * mg_markdown_import_file:
 *
 * Reads a Markdown file as mg_markdown_import_bytes() does. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a #MgImportError or
 *   %G_IO_ERROR_CANCELLED
 */
MgDocument *
mg_markdown_import_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *uri = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = mg_import_load_bytes (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  stem = mg_import_file_stem (file);
  uri = g_file_get_uri (file);
  return mg_markdown_import_bytes (data ? data : "", length, stem, uri, error);
}
