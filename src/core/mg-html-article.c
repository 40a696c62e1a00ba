/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the article in a web page, the way reader modes do: leave out what is page furniture
 * (menus, ads, share buttons, comments), pick the element that holds the body text, and turn
 * its blocks into paragraphs.
 *
 * The page is never held whole. While it streams through the parser, the builder keeps one
 * buffer: the text of everything that may be part of the article, white space already
 * collapsed, with two-byte marks where blocks, list items and rows open and close. Beside it
 * are small records, each an element's range in that buffer and its ordinal in the page: for
 * elements whose leaving out is only known later (a "sidebar" that turns out to hold the
 * article, a <header> that turns out to hold the site's menus: "doubts"), for paragraphs and
 * their parents, for <article> and <main>, and for the facts a page's body states. Elements
 * that are always left out (scripts, menus, forms, hidden parts) keep nothing. At the end the
 * article is chosen from those records and rendered from the buffer into the buffer itself. */
#include "config.h"

#include <string.h>

#include "mg-html-article.h"

/* How far up a paragraph's length is counted: far enough for any real page's wrappers, short
 * enough that a deeply nested page stays linear. */
#define MAX_SCORE_LEVELS 64

/* How many nodes a look inside a <header> visits before it gives up. */
#define MAX_HEADER_SCAN 4096

#define NONE G_MAXUINT32

/* The marks in the buffer: MARK then one of these. Two bytes each, never less than what they
 * render to, so the article can be rendered in place. */
#define MARK '\001'
enum {
  MARK_BLOCK = 'B',       /* a block opens or closes: a blank line, or a line break in an item */
  MARK_ITEM_OPEN = 'I',   /* a list item or table cell: a line of its own */
  MARK_ITEM_CLOSE = 'i',
  MARK_ROW = 'T',         /* a table row opens or closes */
  MARK_BR = 'r',
  MARK_PRE_OPEN = 'P',    /* text up to MARK_PRE_CLOSE keeps its white space */
  MARK_PRE_CLOSE = 'p',
  MARK_H1 = 'H',
  MARK_LITERAL = 'x',     /* the page's own \001 byte */
};

/* Elements that are never part of the text a reader reads. */
static const char *const dropped_tags[] = {
  "aside", "audio", "button", "canvas", "dialog", "embed", "footer", "form", "frameset",
  "head", "iframe", "input", "map", "menu", "nav", "noembed", "noframes", "noscript",
  "object", "picture", "script", "select", "style", "svg", "template", "textarea", "video",
  NULL
};

static const char *const dropped_roles[] = {
  "alertdialog", "banner", "complementary", "contentinfo", "dialog", "menu", "menubar",
  "navigation", "search", "toolbar", NULL
};

/* Words in a class or id that mark furniture wherever they appear. */
static const char *const strong_hints[] = {
  "advert", "advertisement", "advertising", "adverts", "breadcrumb", "breadcrumbs",
  "comment", "comments", "consent", "cookie", "cookies", "disqus", "modal", "newsletter",
  "outbrain", "paywall", "popup", "promo", "recommended", "related", "share", "sharebar",
  "sharing", "signup", "skip", "social", "sponsored", "subscribe", "subscription", "taboola",
  "trending", NULL
};

/* Words that mark furniture unless a content word sits beside them ("main has-sidebar"). */
static const char *const weak_hints[] = {
  "ad", "ads", "adslot", "banner", "footer", "masthead", "menu", "menubar", "nav", "navbar",
  "navigation", "sidebar", "sponsor", "submenu", "toolbar", NULL
};

static const char *const content_words[] = {
  "article", "body", "column", "content", "entry", "main", "story", "text", NULL
};

/* Blocks: each becomes its own paragraph (or line, inside a list item or table cell). */
static const char *const block_tags[] = {
  "address", "article", "blockquote", "body", "caption", "center", "details", "div", "dl",
  "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "legend", "main", "ol", "p", "pre", "section", "summary", "table", "ul", NULL
};

/* Items: each becomes a line of the block around it. */
static const char *const item_tags[] = { "dd", "dt", "li", "td", "th", NULL };

/* An element's place: its bytes in the buffer (its own marks included) and its ordinal in
 * the page with that of its last descendant, so that "inside" is two comparisons. */
typedef struct
{
  guint32 start;
  guint32 end;
  guint32 ord;
  guint32 last;
} Span;

typedef enum {
  DOUBT_STRONG = 1 << 0,       /* a strong furniture word: out when hints apply */
  DOUBT_WEAK = 1 << 1,         /* a weak word: out when hints apply, unless it is a holder */
  DOUBT_HOLDER = 1 << 2,       /* holds an article, a main part or a headline */
  DOUBT_SITE_HEADER = 1 << 3,  /* the page's own header, with its menus: always out */
} DoubtFlags;

typedef struct
{
  Span span;
  guint32 parent;  /* the doubt around it, or NONE */
  guint32 flags;
} Doubt;

/* A paragraph, an <article> or <main>, an <h1>, an author element: where it is, the innermost
 * doubt around it (or its own), how deep it is, and two fields that depend on the kind. */
typedef struct
{
  Span span;
  guint32 doubt;
  guint32 depth;
  guint32 link;   /* paragraph, candidate: the nearest <article>/<main> around it, or NONE */
  guint32 box;    /* paragraph: its parent's box; candidate: its CandidateKind */
} Record;

typedef enum {
  CANDIDATE_ARTICLE,
  CANDIDATE_MAIN,
} CandidateKind;

typedef struct
{
  guint32 doubt;
  char *value;       /* the attribute's value, or NULL: the element's text (author only) */
  guint32 record;    /* for the element's text: its index in author_spans */
} Fact;

typedef enum {
  OPEN_SKIPPED = 1 << 0,    /* inside an element that is always left out */
  OPEN_SKIP_ROOT = 1 << 1,  /* the element that is always left out */
  OPEN_BLOCK = 1 << 2,
  OPEN_ITEM = 1 << 3,
  OPEN_ROW = 1 << 4,
  OPEN_PRE = 1 << 5,
  OPEN_SECTIONING = 1 << 6,
  OPEN_MARKED = 1 << 7,     /* known to hold an article-like element */
  OPEN_PARAGRAPH = 1 << 8,  /* the outermost open <p> */
  OPEN_SCAN = 1 << 9,       /* a <header> being looked into */
} OpenFlags;

/* An element the parser has opened and not yet closed. */
typedef struct
{
  guint32 ord;
  guint32 start;
  guint32 flags;
  guint32 doubt;      /* the innermost doubt around it or its own */
  guint32 candidate;  /* the innermost <article>/<main> around it or itself */
  guint32 own_doubt;
  guint32 own_candidate;
  guint32 own_box;
  guint32 own_paragraph;
  guint32 own_h1;
  guint32 own_author;
} Open;

/* A <header> outside any article being looked into for menus: the event that opened it. */
typedef struct
{
  guint32 doubt;
  guint64 first_event;
} Scan;

struct _MgHtmlArticleBuilder
{
  GString *buffer;
  GArray *open;        /* Open */
  GArray *doubts;      /* Doubt, in document order */
  GArray *paragraphs;  /* Record */
  GArray *candidates;  /* Record: <article>, itemprop=articleBody, <main>, role=main */
  GArray *boxes;       /* Span: elements with a child paragraph */
  GArray *h1s;         /* Record */
  GArray *author_spans;  /* Record */
  GArray *dates;       /* Fact */
  GArray *authors;     /* Fact */
  GArray *scans;       /* Scan, oldest first; scans_head is the first still running */
  guint scans_head;
  guint64 events;
  guint32 ord;
  guint skip_depth;
  guint pre_depth;
  guint sectioning;
  gboolean in_paragraph;
  gboolean after_space;    /* the buffer ends with a collapsed space of the current text */
  gboolean headline_sure;  /* an <h1> outside every doubt is recorded: later ones never win */
  gboolean date_sure;
  gboolean author_sure;
  Span body;
  gboolean has_body;
};

static gboolean
in_set (const char         *word,
        const char * const *set)
{
  for (gsize i = 0; set[i] != NULL; i++)
    if (strcmp (word, set[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * mg_html_attribute:
 * @attributes: (nullable): name, value, name, value ... %NULL, as the SAX parser hands them
 *
 * Returns: (nullable): the value of the first attribute called @name ("" when it has none),
 *   or %NULL when there is no such attribute
 */
const char *
mg_html_attribute (const char * const *attributes,
                   const char         *name)
{
  for (gsize i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    if (g_ascii_strcasecmp (attributes[i], name) == 0)
      return attributes[i + 1] != NULL ? attributes[i + 1] : "";
  return NULL;
}

static gboolean
attr_is (const char * const *attributes,
         const char         *name,
         const char         *expected)
{
  const char *value = mg_html_attribute (attributes, name);
  g_autofree char *copy = NULL;

  if (value == NULL)
    return FALSE;
  copy = g_strdup (value);
  return g_ascii_strcasecmp (g_strstrip (copy), expected) == 0;
}

/* HTML's own white space: a no-break space is content, not layout. */
static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/**
 * mg_html_collapse_space:
 *
 * Appends @text to @out with each run of HTML white space made one space, as a browser
 * shows text outside <pre>.
 */
void
mg_html_collapse_space (GString    *out,
                        const char *text,
                        gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!is_html_space (text[i]))
        g_string_append_c (out, text[i]);
      else if (out->len == 0 || out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
}

/* --- what is left out --- */

/* Splits "site-header top_Nav" into its words, lower case. */
static gboolean
words_match (const char         *value,
             const char * const *set)
{
  g_autofree char *folded = g_ascii_strdown (value, -1);
  char *word = folded;

  for (char *p = folded; ; p++)
    {
      gboolean end = *p == '\0';

      if (end || !g_ascii_isalnum (*p))
        {
          *p = '\0';
          if (*word != '\0' && in_set (word, set))
            return TRUE;
          word = p + 1;
        }
      if (end)
        return FALSE;
    }
}

static guint32
furniture_hint (const char * const *attributes)
{
  const char *class_name = mg_html_attribute (attributes, "class");
  const char *id = mg_html_attribute (attributes, "id");
  g_autofree char *hints = NULL;

  if (class_name == NULL && id == NULL)
    return 0;
  hints = g_strjoin (" ", class_name ? class_name : "", id ? id : "", NULL);
  if (words_match (hints, strong_hints))
    return DOUBT_STRONG;
  if (words_match (hints, weak_hints) && !words_match (hints, content_words))
    return DOUBT_WEAK;
  return 0;
}

static gboolean
is_nav_like (const char         *name,
             const char * const *attributes)
{
  return strcmp (name, "nav") == 0 || strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0
         || strcmp (name, "menu") == 0 || attr_is (attributes, "role", "navigation");
}

static gboolean
is_article_like (const char         *name,
                 const char * const *attributes)
{
  return strcmp (name, "article") == 0 || strcmp (name, "main") == 0
         || strcmp (name, "h1") == 0 || attr_is (attributes, "role", "main")
         || attr_is (attributes, "itemprop", "articleBody");
}

static gboolean
is_protected (const char         *name,
              const char * const *attributes)
{
  return strcmp (name, "html") == 0 || strcmp (name, "body") == 0
         || strcmp (name, "article") == 0 || strcmp (name, "main") == 0
         || attr_is (attributes, "itemprop", "articleBody");
}

/* What is left out whatever else the page says: by element, hidden, or by ARIA role. */
static gboolean
always_dropped (const char         *name,
                const char * const *attributes)
{
  const char *role;

  if (in_set (name, dropped_tags))
    return TRUE;
  if (mg_html_attribute (attributes, "hidden") != NULL
      || attr_is (attributes, "aria-hidden", "true"))
    return TRUE;
  role = mg_html_attribute (attributes, "role");
  return role != NULL && words_match (role, dropped_roles);
}

/* --- while the page streams --- */

MgHtmlArticleBuilder *
mg_html_article_builder_new (void)
{
  MgHtmlArticleBuilder *builder = g_new0 (MgHtmlArticleBuilder, 1);

  builder->buffer = g_string_new (NULL);
  builder->open = g_array_new (FALSE, FALSE, sizeof (Open));
  builder->doubts = g_array_new (FALSE, FALSE, sizeof (Doubt));
  builder->paragraphs = g_array_new (FALSE, FALSE, sizeof (Record));
  builder->candidates = g_array_new (FALSE, FALSE, sizeof (Record));
  builder->boxes = g_array_new (FALSE, FALSE, sizeof (Span));
  builder->h1s = g_array_new (FALSE, FALSE, sizeof (Record));
  builder->author_spans = g_array_new (FALSE, FALSE, sizeof (Record));
  builder->dates = g_array_new (FALSE, FALSE, sizeof (Fact));
  builder->authors = g_array_new (FALSE, FALSE, sizeof (Fact));
  builder->scans = g_array_new (FALSE, FALSE, sizeof (Scan));
  return builder;
}

static void
free_facts (GArray *facts)
{
  for (guint i = 0; i < facts->len; i++)
    g_free (g_array_index (facts, Fact, i).value);
  g_array_unref (facts);
}

void
mg_html_article_builder_free (MgHtmlArticleBuilder *builder)
{
  if (builder == NULL)
    return;
  if (builder->buffer != NULL)
    g_string_free (builder->buffer, TRUE);
  g_array_unref (builder->open);
  g_array_unref (builder->doubts);
  g_array_unref (builder->paragraphs);
  g_array_unref (builder->candidates);
  g_array_unref (builder->boxes);
  g_array_unref (builder->h1s);
  g_array_unref (builder->author_spans);
  free_facts (builder->dates);
  free_facts (builder->authors);
  g_array_unref (builder->scans);
  g_free (builder);
}

/**
 * mg_html_article_builder_depth:
 *
 * Returns: how many elements are open
 */
guint
mg_html_article_builder_depth (MgHtmlArticleBuilder *builder)
{
  return builder->open->len;
}

static void
put_mark (MgHtmlArticleBuilder *builder,
          char                  code)
{
  char mark[2] = { MARK, code };

  g_string_append_len (builder->buffer, mark, 2);
}

static Open *
top (MgHtmlArticleBuilder *builder)
{
  GArray *open = builder->open;

  return open->len > 0 ? &g_array_index (open, Open, open->len - 1) : NULL;
}

static guint32
add_record (GArray       *records,
            const Open   *element,
            guint32       depth)
{
  Record record = { { element->start, 0, element->ord, 0 }, element->doubt, depth, NONE, NONE };

  g_array_append_val (records, record);
  return records->len - 1;
}

/* Each node counts against the look of every <header> still looking; a menu ends them all. */
static void
scans_visit (MgHtmlArticleBuilder *builder,
             gboolean              nav_like)
{
  GArray *scans = builder->scans;

  builder->events++;
  while (builder->scans_head < scans->len
         && builder->events - g_array_index (scans, Scan, builder->scans_head).first_event
            >= MAX_HEADER_SCAN)
    builder->scans_head++;
  if (nav_like)
    {
      for (guint i = builder->scans_head; i < scans->len; i++)
        g_array_index (builder->doubts, Doubt, g_array_index (scans, Scan, i).doubt).flags
          |= DOUBT_SITE_HEADER;
      builder->scans_head = scans->len;
    }
  if (builder->scans_head == scans->len)
    {
      g_array_set_size (scans, 0);
      builder->scans_head = 0;
    }
}

/* An article-like element makes every element around it a holder; each is marked once. */
static void
mark_holders (MgHtmlArticleBuilder *builder)
{
  for (guint i = builder->open->len; i > 0; i--)
    {
      Open *up = &g_array_index (builder->open, Open, i - 1);

      if (up->flags & OPEN_MARKED)
        return;
      up->flags |= OPEN_MARKED;
      if (up->own_doubt != NONE)
        g_array_index (builder->doubts, Doubt, up->own_doubt).flags |= DOUBT_HOLDER;
    }
}

static void
add_fact (GArray   *facts,
          gboolean *sure,
          guint32   doubt,
          char     *value,
          guint32   record)
{
  Fact fact = { doubt, value, record };

  g_array_append_val (facts, fact);
  if (doubt == NONE)
    *sure = TRUE;
}

/* Facts that a page's body tells about the article; the first one found wins. */
static void
note_facts (MgHtmlArticleBuilder *builder,
            Open                 *element,
            const char           *name,
            const char * const   *attributes)
{
  if (!builder->date_sure)
    {
      const char *date = NULL;

      if (strcmp (name, "time") == 0)
        date = mg_html_attribute (attributes, "datetime");
      if (date == NULL && attr_is (attributes, "itemprop", "datePublished"))
        date = mg_html_attribute (attributes, mg_html_attribute (attributes, "content")
                                              ? "content" : "datetime");
      if (date != NULL)
        add_fact (builder->dates, &builder->date_sure, element->doubt, g_strdup (date), NONE);
    }
  if (!builder->author_sure && (attr_is (attributes, "rel", "author")
                                || attr_is (attributes, "itemprop", "author")))
    {
      const char *content = mg_html_attribute (attributes, "content");

      if (content != NULL)
        add_fact (builder->authors, &builder->author_sure, element->doubt, g_strdup (content),
                  NONE);
      else
        {
          element->own_author = add_record (builder->author_spans, element, 0);
          add_fact (builder->authors, &builder->author_sure, element->doubt, NULL,
                    element->own_author);
        }
    }
}

/* A paragraph's parent: where densely written pages keep their body. */
static guint32
box_of (MgHtmlArticleBuilder *builder,
        Open                 *parent)
{
  if (parent == NULL)
    return NONE;
  if (parent->own_box == NONE)
    {
      Span span = { parent->start, 0, parent->ord, 0 };

      g_array_append_val (builder->boxes, span);
      parent->own_box = builder->boxes->len - 1;
    }
  return parent->own_box;
}

static void
note_structure (MgHtmlArticleBuilder *builder,
                Open                 *element,
                Open                 *parent,
                const char           *name,
                const char * const   *attributes)
{
  guint32 depth = builder->open->len + 1;

  if (strcmp (name, "p") == 0 && !builder->in_paragraph)
    {
      Record *paragraph;

      element->own_paragraph = add_record (builder->paragraphs, element, depth);
      paragraph = &g_array_index (builder->paragraphs, Record, element->own_paragraph);
      paragraph->box = box_of (builder, parent);
      paragraph->link = element->candidate;
      element->flags |= OPEN_PARAGRAPH;
      builder->in_paragraph = TRUE;
    }
  if (strcmp (name, "article") == 0 || attr_is (attributes, "itemprop", "articleBody")
      || strcmp (name, "main") == 0 || attr_is (attributes, "role", "main"))
    {
      gboolean article = strcmp (name, "article") == 0
                         || attr_is (attributes, "itemprop", "articleBody");
      Record *candidate;

      element->own_candidate = add_record (builder->candidates, element, depth);
      candidate = &g_array_index (builder->candidates, Record, element->own_candidate);
      candidate->link = element->candidate;
      candidate->box = article ? CANDIDATE_ARTICLE : CANDIDATE_MAIN;
      element->candidate = element->own_candidate;
    }
  if (strcmp (name, "h1") == 0 && !builder->headline_sure)
    {
      element->own_h1 = add_record (builder->h1s, element, depth);
      builder->headline_sure = element->doubt == NONE;
    }
  note_facts (builder, element, name, attributes);
}

static void
put_open_marks (MgHtmlArticleBuilder *builder,
                Open                 *element,
                const char           *name)
{
  if (strcmp (name, "br") == 0)
    put_mark (builder, MARK_BR);
  else if (strcmp (name, "tr") == 0)
    {
      put_mark (builder, MARK_ROW);
      element->flags |= OPEN_ROW;
    }
  else if (in_set (name, item_tags))
    {
      put_mark (builder, MARK_ITEM_OPEN);
      element->flags |= OPEN_ITEM;
    }
  else if (in_set (name, block_tags))
    {
      put_mark (builder, MARK_BLOCK);
      element->flags |= OPEN_BLOCK;
    }
  if (strcmp (name, "pre") == 0)
    {
      put_mark (builder, MARK_PRE_OPEN);
      element->flags |= OPEN_PRE;
      builder->pre_depth++;
    }
  if (strcmp (name, "h1") == 0)
    put_mark (builder, MARK_H1);
}

/**
 * mg_html_article_builder_start:
 * @name: the element's name, lower case
 * @attributes: (nullable): name, value ... %NULL
 *
 * An element opens.
 */
void
mg_html_article_builder_start (MgHtmlArticleBuilder *builder,
                               const char           *name,
                               const char * const   *attributes)
{
  Open *parent = top (builder);
  Open element = {
    .ord = ++builder->ord, .start = builder->buffer->len,
    .doubt = parent ? parent->doubt : NONE, .candidate = parent ? parent->candidate : NONE,
    .own_doubt = NONE, .own_candidate = NONE, .own_box = NONE, .own_paragraph = NONE,
    .own_h1 = NONE, .own_author = NONE,
  };
  guint32 doubt_flags;
  gboolean site_header;

  builder->after_space = FALSE;
  scans_visit (builder, is_nav_like (name, attributes));
  /* Holders are told by everything inside them, left out or not. */
  if (is_article_like (name, attributes))
    mark_holders (builder);
  if (builder->skip_depth > 0 || always_dropped (name, attributes))
    {
      element.flags |= builder->skip_depth > 0 ? OPEN_SKIPPED : OPEN_SKIP_ROOT;
      builder->skip_depth++;
      g_array_append_val (builder->open, element);
      return;
    }

  doubt_flags = is_protected (name, attributes) ? 0 : furniture_hint (attributes);
  /* A <header> inside an article holds its headline and byline; the page's own header holds
   * the site's name and its menus. */
  site_header = strcmp (name, "header") == 0 && builder->sectioning == 0;
  if (doubt_flags != 0 || site_header)
    {
      Doubt doubt = { { element.start, 0, element.ord, 0 }, element.doubt, doubt_flags };

      g_array_append_val (builder->doubts, doubt);
      element.own_doubt = element.doubt = builder->doubts->len - 1;
    }
  if (site_header)
    {
      /* The header itself was the look's first node. */
      Scan scan = { element.own_doubt, builder->events };

      g_array_append_val (builder->scans, scan);
      element.flags |= OPEN_SCAN;
    }
  if (strcmp (name, "article") == 0 || strcmp (name, "main") == 0
      || strcmp (name, "section") == 0)
    {
      element.flags |= OPEN_SECTIONING;
      builder->sectioning++;
    }
  if (strcmp (name, "body") == 0 && !builder->has_body)
    {
      builder->body = (Span) { element.start, 0, element.ord, 0 };
      builder->has_body = TRUE;
    }
  put_open_marks (builder, &element, name);
  note_structure (builder, &element, parent, name, attributes);
  g_array_append_val (builder->open, element);
}

static void
close_span (Span    *span,
            guint32  end,
            guint32  last)
{
  span->end = end;
  span->last = last;
}

static void
close_record (GArray  *records,
              guint32  index,
              guint32  end,
              guint32  last)
{
  if (index != NONE)
    close_span (&g_array_index (records, Record, index).span, end, last);
}

/**
 * mg_html_article_builder_end:
 *
 * The innermost open element closes.
 */
void
mg_html_article_builder_end (MgHtmlArticleBuilder *builder)
{
  Open element;
  guint32 end;

  if (builder->open->len == 0)
    return;
  element = g_array_index (builder->open, Open, builder->open->len - 1);
  g_array_set_size (builder->open, builder->open->len - 1);
  builder->after_space = FALSE;
  if (element.flags & (OPEN_SKIPPED | OPEN_SKIP_ROOT))
    {
      builder->skip_depth--;
      return;
    }

  if (element.flags & OPEN_PRE)
    {
      put_mark (builder, MARK_PRE_CLOSE);
      builder->pre_depth--;
    }
  if (element.flags & OPEN_ROW)
    put_mark (builder, MARK_ROW);
  else if (element.flags & OPEN_ITEM)
    put_mark (builder, MARK_ITEM_CLOSE);
  else if (element.flags & OPEN_BLOCK)
    put_mark (builder, MARK_BLOCK);
  if (element.flags & OPEN_SECTIONING)
    builder->sectioning--;
  if (element.flags & OPEN_PARAGRAPH)
    builder->in_paragraph = FALSE;
  if ((element.flags & OPEN_SCAN) && builder->scans_head < builder->scans->len)
    {
      /* Headers close innermost first: a header still being looked into is the last scan. */
      Scan *last = &g_array_index (builder->scans, Scan, builder->scans->len - 1);

      if (last->doubt == element.own_doubt)
        g_array_set_size (builder->scans, builder->scans->len - 1);
    }

  end = builder->buffer->len;
  if (element.own_doubt != NONE)
    close_span (&g_array_index (builder->doubts, Doubt, element.own_doubt).span, end,
                builder->ord);
  if (element.own_box != NONE)
    close_span (&g_array_index (builder->boxes, Span, element.own_box), end, builder->ord);
  close_record (builder->paragraphs, element.own_paragraph, end, builder->ord);
  close_record (builder->candidates, element.own_candidate, end, builder->ord);
  close_record (builder->h1s, element.own_h1, end, builder->ord);
  close_record (builder->author_spans, element.own_author, end, builder->ord);
  if (builder->has_body && element.ord == builder->body.ord)
    close_span (&builder->body, end, builder->ord);
}

/**
 * mg_html_article_builder_text:
 *
 * Text (or CDATA) inside the innermost open element, already decoded to UTF-8.
 */
void
mg_html_article_builder_text (MgHtmlArticleBuilder *builder,
                              const char           *text,
                              gsize                 length)
{
  GString *out = builder->buffer;

  scans_visit (builder, FALSE);
  if (builder->skip_depth > 0)
    return;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == MARK)
        {
          put_mark (builder, MARK_LITERAL);
          builder->after_space = FALSE;
        }
      else if (builder->pre_depth > 0 || !is_html_space (c))
        {
          g_string_append_c (out, c);
          builder->after_space = FALSE;
        }
      else if (!builder->after_space)
        {
          /* A run of spaces in one piece of text is one space, as the reader sees it. */
          g_string_append_c (out, ' ');
          builder->after_space = TRUE;
        }
    }
}

/* --- at the end: which element holds the article, and its text --- */

/* The parts of @span that are not inside a left-out doubt, in order. */
typedef void (*PartFunc) (MgHtmlArticleBuilder *builder,
                          gsize                 start,
                          gsize                 end,
                          gpointer              data);

static void
each_part (MgHtmlArticleBuilder *builder,
           const Span           *span,
           const gboolean       *dropped,
           PartFunc              func,
           gpointer              data)
{
  GArray *doubts = builder->doubts;
  guint lo = 0, hi = doubts->len;
  gsize at = span->start;

  /* The first doubt after the span's own element. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (doubts, Doubt, mid).span.ord <= span->ord)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; at < span->end; )
    {
      gsize stop = span->end;

      while (k < doubts->len && g_array_index (doubts, Doubt, k).span.ord <= span->last
             && g_array_index (doubts, Doubt, k).span.start <= at)
        {
          const Doubt *doubt = &g_array_index (doubts, Doubt, k);

          k++;
          if (dropped[k - 1])
            {
              /* Past it and every doubt inside it. */
              at = MAX (at, doubt->span.end);
              while (k < doubts->len
                     && g_array_index (doubts, Doubt, k).span.ord <= doubt->span.last)
                k++;
            }
        }
      if (k < doubts->len && g_array_index (doubts, Doubt, k).span.ord <= span->last)
        stop = MIN (stop, g_array_index (doubts, Doubt, k).span.start);
      if (at < stop)
        func (builder, at, stop, data);
      at = MAX (at, stop);
    }
}

static void
count_part (MgHtmlArticleBuilder *builder,
            gsize                 start,
            gsize                 end,
            gpointer              data)
{
  const char *s = builder->buffer->str;
  gsize *count = data;

  for (gsize i = start; i < end; i++)
    {
      if (s[i] == MARK)
        *count += s[++i] == MARK_LITERAL;
      else if (!is_html_space (s[i]))
        (*count)++;
    }
}

static gsize
count_visible_bytes (MgHtmlArticleBuilder *builder,
                     const Span           *span,
                     const gboolean       *dropped)
{
  gsize count = 0;

  each_part (builder, span, dropped, count_part, &count);
  return count;
}

/* The text of blocks, white space collapsed as a browser does. */
typedef struct
{
  char *out;            /* NULL: only find whether anything but white space would come out */
  gsize length;
  gboolean visible;
  int pending_break;    /* 0, 1 (new line) or 2 (blank line) */
  gboolean pending_space;
  int item_depth;
  int pre_depth;
  gboolean has_h1;
} Render;

static void
render_break (Render *render,
              int     level)
{
  render->pending_break = MAX (render->pending_break, level);
  render->pending_space = FALSE;
}

static void
render_put (Render *render,
            char    c)
{
  if (render->out != NULL)
    render->out[render->length] = c;
  render->length++;
  render->visible |= !g_ascii_isspace (c);
}

static void
render_flush (Render *render)
{
  if (render->length > 0)
    {
      if (render->pending_break > 0)
        {
          render_put (render, '\n');
          if (render->pending_break == 2)
            render_put (render, '\n');
        }
      else if (render->pending_space)
        render_put (render, ' ');
    }
  render->pending_break = 0;
  render->pending_space = FALSE;
}

static void
render_mark (Render *render,
             char    code)
{
  switch (code)
    {
    case MARK_BLOCK:
      render_break (render, render->item_depth > 0 ? 1 : 2);
      break;
    case MARK_ITEM_OPEN:
      render_break (render, 1);
      render->item_depth++;
      break;
    case MARK_ITEM_CLOSE:
      render->item_depth--;
      render_break (render, 1);
      break;
    case MARK_ROW:
      render_break (render, 1);
      break;
    case MARK_BR:
      /* Two <br> in a row are how old pages separate paragraphs. */
      render_break (render, render->pending_break >= 1 ? 2 : 1);
      break;
    case MARK_PRE_OPEN:
      render->pre_depth++;
      break;
    case MARK_PRE_CLOSE:
      render->pre_depth--;
      break;
    case MARK_H1:
      render->has_h1 = TRUE;
      break;
    case MARK_LITERAL:
      render_flush (render);
      render_put (render, MARK);
      break;
    default:
      break;
    }
}

/* Reads the buffer ahead of where it writes: every mark is at least as long as what it turns
 * into, so rendering into the buffer itself never overwrites what is still to be read. */
static void
render_part (MgHtmlArticleBuilder *builder,
             gsize                 start,
             gsize                 end,
             gpointer              data)
{
  const char *s = builder->buffer->str;
  Render *render = data;

  for (gsize i = start; i < end; )
    {
      char c = s[i];

      if (c == MARK)
        {
          render_mark (render, s[i + 1]);
          i += 2;
        }
      else if (render->pre_depth <= 0 && is_html_space (c))
        {
          render->pending_space = render->pending_break == 0;
          i++;
        }
      else
        {
          render_flush (render);
          render_put (render, c);
          i++;
        }
    }
}

static gsize
render_span (MgHtmlArticleBuilder *builder,
             const Span           *span,
             const gboolean       *dropped,
             char                 *out,
             gboolean             *out_visible,
             gboolean             *out_has_h1)
{
  Render render = { out };

  each_part (builder, span, dropped, render_part, &render);
  if (out_visible != NULL)
    *out_visible = render.visible;
  if (out_has_h1 != NULL)
    *out_has_h1 = render.has_h1;
  return render.length;
}

/* The text of one element into a string of its own, as a browser shows it. */
static char *
span_text (MgHtmlArticleBuilder *builder,
           const Span           *span,
           const gboolean       *dropped)
{
  char *text = g_malloc (span->end - span->start + 1);
  gsize length = render_span (builder, span, dropped, text, NULL, NULL);

  text[length] = '\0';
  return g_strstrip (text);
}

/* Which doubts are left out: by their own words when hints apply, or by their parent. */
static gboolean *
doubts_dropped (MgHtmlArticleBuilder *builder,
                gboolean              use_hints)
{
  GArray *doubts = builder->doubts;
  gboolean *dropped = g_new0 (gboolean, doubts->len + 1);

  for (guint i = 0; i < doubts->len; i++)
    {
      const Doubt *doubt = &g_array_index (doubts, Doubt, i);
      gboolean out = (doubt->flags & DOUBT_SITE_HEADER) != 0;

      if (use_hints && (doubt->flags & DOUBT_STRONG))
        out = TRUE;
      if (use_hints && (doubt->flags & DOUBT_WEAK) && !(doubt->flags & DOUBT_HOLDER))
        out = TRUE;
      dropped[i] = out || (doubt->parent != NONE && dropped[doubt->parent]);
    }
  return dropped;
}

static gboolean
kept (guint32         doubt,
      const gboolean *dropped)
{
  return doubt == NONE || !dropped[doubt];
}

static gboolean
is_inside (const Span *inner,
           const Span *outer)
{
  return outer->ord <= inner->ord && inner->ord <= outer->last;
}

typedef struct
{
  guint64 *totals;  /* per candidate: paragraph bytes in it, MAX_SCORE_LEVELS deep */
  guint64 *direct;  /* per box: bytes of its own child paragraphs */
  guint64 all_paragraphs;
} Scores;

static void
scores_clear (Scores *scores)
{
  g_free (scores->totals);
  g_free (scores->direct);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scores, scores_clear)

static void
count_paragraphs (MgHtmlArticleBuilder *builder,
                  const gboolean       *dropped,
                  Scores               *scores)
{
  GArray *candidates = builder->candidates;

  scores->totals = g_new0 (guint64, candidates->len + 1);
  scores->direct = g_new0 (guint64, builder->boxes->len + 1);
  for (guint i = 0; i < builder->paragraphs->len; i++)
    {
      const Record *paragraph = &g_array_index (builder->paragraphs, Record, i);
      gsize bytes;

      if (!kept (paragraph->doubt, dropped))
        continue;
      bytes = count_visible_bytes (builder, &paragraph->span, dropped);
      scores->all_paragraphs += bytes;
      if (paragraph->box != NONE)
        scores->direct[paragraph->box] += bytes;
      /* Counted in the elements around it up to MAX_SCORE_LEVELS above; only <article> and
       * <main> ever ask. */
      for (guint32 c = paragraph->link; c != NONE; )
        {
          const Record *candidate = &g_array_index (candidates, Record, c);

          if (candidate->depth + MAX_SCORE_LEVELS < paragraph->depth)
            break;
          scores->totals[c] += bytes;
          c = candidate->link;
        }
    }
}

/* Strictly greater: of nested candidates with the same text, the outer one keeps the headline
 * that sits beside the body. */
static guint32
best_candidate (MgHtmlArticleBuilder *builder,
                const gboolean       *dropped,
                const Scores         *scores,
                CandidateKind         kind)
{
  guint32 best = NONE;

  for (guint i = 0; i < builder->candidates->len; i++)
    {
      const Record *candidate = &g_array_index (builder->candidates, Record, i);

      if (candidate->box == kind && kept (candidate->doubt, dropped)
          && (best == NONE || scores->totals[i] > scores->totals[best]))
        best = i;
    }
  return best;
}

static const Span *
densest_box (MgHtmlArticleBuilder *builder,
             const Scores         *scores)
{
  guint32 best = NONE;

  for (guint i = 0; i < builder->boxes->len; i++)
    if (scores->direct[i] > 0 && (best == NONE || scores->direct[i] > scores->direct[best]))
      best = i;
  /* One container with most of the text is the article; text spread everywhere is not. */
  if (best == NONE || scores->direct[best] * 2 < scores->all_paragraphs)
    return NULL;
  return &g_array_index (builder->boxes, Span, best);
}

/* <article> first (the largest, unless it is a teaser in a much larger <main>), then <main>,
 * then the element whose own paragraphs hold most of the page's text, else the body. */
static Span
choose_root (MgHtmlArticleBuilder *builder,
             const gboolean       *dropped)
{
  g_auto(Scores) scores = { 0 };
  guint32 article, main;
  guint64 article_score, main_score;
  const Span *dense;

  count_paragraphs (builder, dropped, &scores);
  article = best_candidate (builder, dropped, &scores, CANDIDATE_ARTICLE);
  main = best_candidate (builder, dropped, &scores, CANDIDATE_MAIN);
  article_score = article != NONE ? scores.totals[article] : 0;
  main_score = main != NONE ? scores.totals[main] : 0;
  if (article_score > 0 && article_score * 2 >= main_score)
    return g_array_index (builder->candidates, Record, article).span;
  if (main_score > 0)
    return g_array_index (builder->candidates, Record, main).span;
  dense = densest_box (builder, &scores);
  if (dense != NULL)
    return *dense;
  if (builder->has_body)
    return builder->body;
  return (Span) { 0, builder->buffer->len, 0, builder->ord };
}

static const Record *
first_kept (GArray         *records,
            const gboolean *dropped)
{
  for (guint i = 0; i < records->len; i++)
    if (kept (g_array_index (records, Record, i).doubt, dropped))
      return &g_array_index (records, Record, i);
  return NULL;
}

static char *
first_fact (MgHtmlArticleBuilder *builder,
            GArray               *facts,
            const gboolean       *dropped,
            const gboolean       *elements_only)
{
  for (guint i = 0; i < facts->len; i++)
    {
      const Fact *fact = &g_array_index (facts, Fact, i);

      if (!kept (fact->doubt, dropped))
        continue;
      if (fact->value != NULL)
        return g_strstrip (g_strdup (fact->value));
      return span_text (builder,
                        &g_array_index (builder->author_spans, Record, fact->record).span,
                        elements_only);
    }
  return NULL;
}

/* Elements still open when the page ends close there. */
static void
close_all (MgHtmlArticleBuilder *builder)
{
  while (builder->open->len > 0)
    mg_html_article_builder_end (builder);
}

/**
 * mg_html_article_builder_finish:
 * @article: (out caller-allocates): where the article goes, cleared first
 *
 * Finds the readable article of the page the builder was given. Furniture is recognised by
 * element, ARIA role and the words of class and id attributes; when those words would leave
 * nothing (a site that names its body "sidebar-layout"), only the surer element and role rules
 * apply. The builder's buffer becomes the article's text, so call this once.
 */
void
mg_html_article_builder_finish (MgHtmlArticleBuilder *builder,
                                MgHtmlArticle        *article)
{
  g_autofree gboolean *with_hints = NULL;
  g_autofree gboolean *elements_only = NULL;
  const gboolean *dropped = NULL;
  const Record *headline;
  gboolean visible = FALSE, has_h1 = FALSE;
  Span root = { 0 };
  gsize length;

  memset (article, 0, sizeof *article);
  close_all (builder);
  with_hints = doubts_dropped (builder, TRUE);
  elements_only = doubts_dropped (builder, FALSE);
  for (int pass = 0; pass < 2 && !visible; pass++)
    {
      dropped = pass == 0 ? with_hints : elements_only;
      root = choose_root (builder, dropped);
      render_span (builder, &root, dropped, NULL, &visible, NULL);
    }
  if (!visible)
    return;

  headline = first_kept (builder->h1s, dropped);
  if (headline != NULL)
    article->headline = span_text (builder, &headline->span, elements_only);
  article->author = first_fact (builder, builder->authors, dropped, elements_only);
  article->date = first_fact (builder, builder->dates, dropped, elements_only);

  length = render_span (builder, &root, dropped, builder->buffer->str, NULL, &has_h1);
  g_string_truncate (builder->buffer, length);
  g_strstrip (builder->buffer->str);
  g_string_truncate (builder->buffer, strlen (builder->buffer->str));
  /* The headline often sits above the element that holds the body: keep it first. */
  if (!has_h1 && headline != NULL && !is_inside (&headline->span, &root)
      && *article->headline != '\0')
    {
      g_string_prepend (builder->buffer, "\n\n");
      g_string_prepend (builder->buffer, article->headline);
    }
  article->text = g_string_free (g_steal_pointer (&builder->buffer), FALSE);
}

void
mg_html_article_clear (MgHtmlArticle *article)
{
  g_clear_pointer (&article->text, g_free);
  g_clear_pointer (&article->headline, g_free);
  g_clear_pointer (&article->author, g_free);
  g_clear_pointer (&article->date, g_free);
}
