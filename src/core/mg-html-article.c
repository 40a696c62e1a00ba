/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the article in a web page, the way reader modes do: leave out what is page furniture
 * (menus, ads, share buttons, comments), pick the element that holds the body text, and turn
 * its blocks into paragraphs. Every walk is iterative, so a hostile page nested a million
 * levels deep cannot exhaust the stack. */
#include "config.h"

#include <string.h>

#include "mg-html-article.h"

/* How far up a paragraph's length is counted: far enough for any real page's wrappers, short
 * enough that a deeply nested page stays linear. */
#define MAX_SCORE_LEVELS 64

/* How many nodes a look inside a <header> visits before it gives up. */
#define MAX_HEADER_SCAN 4096

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

static gboolean
in_set (const char         *word,
        const char * const *set)
{
  for (gsize i = 0; set[i] != NULL; i++)
    if (strcmp (word, set[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
attr_is (xmlNode    *node,
         const char *name,
         const char *expected)
{
  g_autofree char *value = get_attr (node, name);

  return value != NULL && g_ascii_strcasecmp (g_strstrip (value), expected) == 0;
}

/**
 * mg_html_walk:
 * @enter: called on each node; returns %FALSE to skip the node's children and its @leave
 * @leave: (nullable): called after a node's children
 *
 * Visits @root and its descendants in document order without recursion.
 */
void
mg_html_walk (xmlNode          *root,
              MgHtmlEnterFunc   enter,
              MgHtmlLeaveFunc   leave,
              gpointer          data)
{
  xmlNode *node = root;

  for (;;)
    {
      gboolean entered = enter (node, data);

      if (entered && node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (entered && leave != NULL)
        leave (node, data);
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (leave != NULL)
            leave (node, data);
        }
      if (node == root)
        return;
      node = node->next;
    }
}

/* --- the text of blocks, whitespace collapsed as a browser does --- */

typedef struct
{
  GString *out;
  int pending_break;  /* 0, 1 (new line) or 2 (blank line) */
  gboolean pending_space;
} TextBuilder;

static void
builder_break (TextBuilder *builder,
               int          level)
{
  builder->pending_break = MAX (builder->pending_break, level);
  builder->pending_space = FALSE;
}

/* Two <br> in a row are how old pages separate paragraphs. */
static void
builder_line_break (TextBuilder *builder)
{
  builder_break (builder, builder->pending_break >= 1 ? 2 : 1);
}

static void
builder_flush (TextBuilder *builder)
{
  if (builder->out->len > 0)
    {
      if (builder->pending_break > 0)
        g_string_append (builder->out, builder->pending_break == 2 ? "\n\n" : "\n");
      else if (builder->pending_space)
        g_string_append_c (builder->out, ' ');
    }
  builder->pending_break = 0;
  builder->pending_space = FALSE;
}

/* HTML's own white space: a no-break space is content, not layout. */
static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
builder_text (TextBuilder *builder,
              const char  *text,
              gboolean     preformatted)
{
  const char *p = text;

  if (preformatted)
    {
      if (*text != '\0')
        {
          builder_flush (builder);
          g_string_append (builder->out, text);
        }
      return;
    }
  while (*p != '\0')
    {
      const char *start = p;

      if (is_html_space (*p))
        {
          builder->pending_space = builder->pending_break == 0;
          while (is_html_space (*p))
            p++;
          continue;
        }
      while (*p != '\0' && !is_html_space (*p))
        p++;
      builder_flush (builder);
      g_string_append_len (builder->out, start, p - start);
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

typedef enum {
  HINT_NONE,
  HINT_WEAK,
  HINT_STRONG,
} Hint;

static Hint
furniture_hint (xmlNode *node)
{
  g_autofree char *class_name = get_attr (node, "class");
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *hints = g_strjoin (" ", class_name ? class_name : "", id ? id : "", NULL);

  if (words_match (hints, strong_hints))
    return HINT_STRONG;
  if (words_match (hints, weak_hints) && !words_match (hints, content_words))
    return HINT_WEAK;
  return HINT_NONE;
}

static gboolean
is_nav_like (xmlNode *node)
{
  return is_element (node, "nav") || is_element (node, "ul") || is_element (node, "ol")
         || is_element (node, "menu") || attr_is (node, "role", "navigation");
}

typedef struct
{
  guint visited;
  gboolean found;
} Scan;

static gboolean
scan_enter (xmlNode *node,
            gpointer data)
{
  Scan *scan = data;

  if (scan->found || ++scan->visited > MAX_HEADER_SCAN)
    return FALSE;
  if (node->type == XML_ELEMENT_NODE && is_nav_like (node))
    scan->found = TRUE;
  return !scan->found;
}

static gboolean
is_sectioning (xmlNode *node)
{
  return is_element (node, "article") || is_element (node, "main")
         || is_element (node, "section");
}

/* A <header> inside an article holds its headline and byline; the page's own header holds
 * the site's name and its menus. */
static gboolean
is_site_header (xmlNode *header)
{
  Scan scan = { 0 };

  for (xmlNode *up = header->parent; up != NULL; up = up->parent)
    if (is_sectioning (up))
      return FALSE;
  mg_html_walk (header, scan_enter, NULL, &scan);
  return scan.found;
}

static gboolean
is_article_like (xmlNode *node)
{
  return is_element (node, "article") || is_element (node, "main") || is_element (node, "h1")
         || attr_is (node, "role", "main") || attr_is (node, "itemprop", "articleBody");
}

static gboolean
is_protected (xmlNode *node)
{
  return is_element (node, "html") || is_element (node, "body") || is_element (node, "article")
         || is_element (node, "main") || attr_is (node, "itemprop", "articleBody");
}

/* How furniture is told: by element and role always; by the words of class and id when
 * @use_hints, except that a weak word ("sidebar", "nav") does not drop an element holding an
 * article, a main part or a headline: "layout has-sidebar" wraps whole pages. */
typedef struct
{
  gboolean use_hints;
  GHashTable *holders;  /* elements with an article, main or h1 inside */
} DropRules;

static gboolean
mark_enter (xmlNode *node,
            gpointer data)
{
  GHashTable *holders = data;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  /* Each ancestor is marked once: the walk up stops at the first one already marked. */
  if (is_article_like (node))
    for (xmlNode *up = node->parent; up != NULL && g_hash_table_add (holders, up); )
      up = up->parent;
  return TRUE;
}

static gboolean
hints_drop (xmlNode         *node,
            const DropRules *rules)
{
  switch (furniture_hint (node))
    {
    case HINT_STRONG:
      return TRUE;
    case HINT_WEAK:
      return rules->holders == NULL || !g_hash_table_contains (rules->holders, node);
    case HINT_NONE:
    default:
      return FALSE;
    }
}

static gboolean
is_dropped (xmlNode         *node,
            const DropRules *rules)
{
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;

  if (node->type != XML_ELEMENT_NODE)
    return node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE;
  name = g_ascii_strdown ((const char *) node->name, -1);
  if (in_set (name, dropped_tags) || (strcmp (name, "header") == 0 && is_site_header (node)))
    return TRUE;
  if (xmlHasProp (node, (const xmlChar *) "hidden") || attr_is (node, "aria-hidden", "true"))
    return TRUE;
  role = get_attr (node, "role");
  if (role != NULL && words_match (role, dropped_roles))
    return TRUE;
  return rules->use_hints && !is_protected (node) && hints_drop (node, rules);
}

/* --- which element holds the article --- */

typedef struct
{
  const DropRules *rules;
  GHashTable *totals;      /* element -> paragraph bytes in it, MAX_SCORE_LEVELS deep */
  GHashTable *direct;      /* element -> paragraph bytes of its own child paragraphs */
  GPtrArray *articles;     /* article, itemprop=articleBody */
  GPtrArray *mains;        /* main, role=main */
  xmlNode *paragraph;      /* the <p> being counted */
  gsize paragraph_bytes;
  gsize all_paragraphs;
  xmlNode *headline;
  char *author;
  char *date;
} Survey;

static void
survey_clear (Survey *survey)
{
  g_clear_pointer (&survey->totals, g_hash_table_unref);
  g_clear_pointer (&survey->direct, g_hash_table_unref);
  g_clear_pointer (&survey->articles, g_ptr_array_unref);
  g_clear_pointer (&survey->mains, g_ptr_array_unref);
  g_clear_pointer (&survey->author, g_free);
  g_clear_pointer (&survey->date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Survey, survey_clear)

static gsize
score_of (GHashTable *scores,
          xmlNode    *node)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (scores, node));
}

static void
add_score (GHashTable *scores,
           xmlNode    *node,
           gsize       bytes)
{
  g_hash_table_insert (scores, node, GSIZE_TO_POINTER (score_of (scores, node) + bytes));
}

static void
count_paragraph (Survey *survey)
{
  xmlNode *up = survey->paragraph->parent;

  if (up != NULL)
    add_score (survey->direct, up, survey->paragraph_bytes);
  for (int level = 0; up != NULL && level < MAX_SCORE_LEVELS; up = up->parent, level++)
    add_score (survey->totals, up, survey->paragraph_bytes);
  survey->all_paragraphs += survey->paragraph_bytes;
}

static gsize
count_visible_bytes (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (!is_html_space (*p))
      n++;
  return n;
}

/* Facts that a page's body tells about the article; the first one found wins. */
static void
survey_facts (Survey  *survey,
              xmlNode *node)
{
  if (survey->headline == NULL && is_element (node, "h1"))
    survey->headline = node;
  if (survey->date == NULL && is_element (node, "time"))
    survey->date = get_attr (node, "datetime");
  if (survey->date == NULL && attr_is (node, "itemprop", "datePublished"))
    survey->date = xmlHasProp (node, (const xmlChar *) "content") ? get_attr (node, "content")
                   : get_attr (node, "datetime");
  if (survey->author == NULL && (attr_is (node, "rel", "author")
                                 || attr_is (node, "itemprop", "author")))
    survey->author = xmlHasProp (node, (const xmlChar *) "content") ? get_attr (node, "content")
                     : mg_html_node_text (node);
}

static gboolean
survey_enter (xmlNode *node,
              gpointer data)
{
  Survey *survey = data;

  if (is_dropped (node, survey->rules))
    return FALSE;
  if (node->type != XML_ELEMENT_NODE)
    {
      if (survey->paragraph != NULL && node->content != NULL)
        survey->paragraph_bytes += count_visible_bytes ((const char *) node->content);
      return TRUE;
    }
  if (is_element (node, "p") && survey->paragraph == NULL)
    {
      survey->paragraph = node;
      survey->paragraph_bytes = 0;
    }
  if (is_element (node, "article") || attr_is (node, "itemprop", "articleBody"))
    g_ptr_array_add (survey->articles, node);
  else if (is_element (node, "main") || attr_is (node, "role", "main"))
    g_ptr_array_add (survey->mains, node);
  survey_facts (survey, node);
  return TRUE;
}

static void
survey_leave (xmlNode *node,
              gpointer data)
{
  Survey *survey = data;

  if (node == survey->paragraph)
    {
      count_paragraph (survey);
      survey->paragraph = NULL;
    }
}

static xmlNode *
best_of (GPtrArray  *nodes,
         GHashTable *scores)
{
  xmlNode *best = NULL;

  /* Strictly greater: of nested candidates with the same text, the outer one keeps the
   * headline that sits beside the body. */
  for (guint i = 0; i < nodes->len; i++)
    if (best == NULL || score_of (scores, nodes->pdata[i]) > score_of (scores, best))
      best = nodes->pdata[i];
  return best;
}

static xmlNode *
densest_parent (Survey *survey)
{
  GHashTableIter iter;
  gpointer node, bytes;
  xmlNode *best = NULL;
  gsize best_bytes = 0;

  g_hash_table_iter_init (&iter, survey->direct);
  while (g_hash_table_iter_next (&iter, &node, &bytes))
    if (GPOINTER_TO_SIZE (bytes) > best_bytes)
      {
        best = node;
        best_bytes = GPOINTER_TO_SIZE (bytes);
      }
  /* One container with most of the text is the article; text spread everywhere is not. */
  return best_bytes * 2 >= survey->all_paragraphs ? best : NULL;
}

/* <article> first (the largest, unless it is a teaser in a much larger <main>), then <main>,
 * then the element whose own paragraphs hold most of the page's text, else the body. */
static xmlNode *
choose_root (Survey  *survey,
             xmlNode *body)
{
  xmlNode *article = best_of (survey->articles, survey->totals);
  xmlNode *main = best_of (survey->mains, survey->totals);
  gsize article_score = article ? score_of (survey->totals, article) : 0;
  gsize main_score = main ? score_of (survey->totals, main) : 0;
  xmlNode *dense;

  if (article_score > 0 && article_score * 2 >= main_score)
    return article;
  if (main_score > 0)
    return main;
  dense = densest_parent (survey);
  return dense != NULL ? dense : body;
}

/* --- the text of the chosen element --- */

typedef struct
{
  xmlNode *root;
  const DropRules *rules;
  TextBuilder builder;
  int pre_depth;
  int item_depth;
  gboolean has_h1;
} Render;

static int
block_level (Render *render)
{
  return render->item_depth > 0 ? 1 : 2;
}

static gboolean
render_enter (xmlNode *node,
              gpointer data)
{
  Render *render = data;
  const char *name = (const char *) node->name;

  if (node != render->root && is_dropped (node, render->rules))
    return FALSE;
  if (node->type != XML_ELEMENT_NODE)
    {
      if (node->content != NULL)
        builder_text (&render->builder, (const char *) node->content, render->pre_depth > 0);
      return TRUE;
    }
  if (is_element (node, "br"))
    builder_line_break (&render->builder);
  else if (is_element (node, "tr") || in_set (name, item_tags))
    builder_break (&render->builder, 1);
  else if (in_set (name, block_tags))
    builder_break (&render->builder, block_level (render));
  render->item_depth += in_set (name, item_tags);
  render->pre_depth += is_element (node, "pre");
  render->has_h1 |= is_element (node, "h1");
  return TRUE;
}

static void
render_leave (xmlNode *node,
              gpointer data)
{
  Render *render = data;
  const char *name = (const char *) node->name;

  if (node->type != XML_ELEMENT_NODE)
    return;
  render->item_depth -= in_set (name, item_tags);
  render->pre_depth -= is_element (node, "pre");
  if (is_element (node, "tr") || in_set (name, item_tags))
    builder_break (&render->builder, 1);
  else if (in_set (name, block_tags))
    builder_break (&render->builder, block_level (render));
}

static char *
render_text (xmlNode         *root,
             const DropRules *rules,
             gboolean        *out_has_h1)
{
  Render render = { root, rules, { g_string_new (NULL), 0, FALSE }, 0, 0, FALSE };

  mg_html_walk (root, render_enter, render_leave, &render);
  if (out_has_h1 != NULL)
    *out_has_h1 = render.has_h1;
  return g_string_free (render.builder.out, FALSE);
}

/**
 * mg_html_node_text:
 *
 * Returns: (transfer full): the visible text of @node, blocks on lines of their own and
 *   white space collapsed as a browser shows it
 */
char *
mg_html_node_text (xmlNode *node)
{
  static const DropRules elements_only = { FALSE, NULL };

  return render_text (node, &elements_only, NULL);
}

static xmlNode *
find_body (htmlDocPtr doc)
{
  xmlNode *html = xmlDocGetRootElement (doc);

  for (xmlNode *child = html ? html->children : NULL; child != NULL; child = child->next)
    if (is_element (child, "body"))
      return child;
  return html;
}

static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (; node != NULL; node = node->parent)
    if (node == ancestor)
      return TRUE;
  return FALSE;
}

static gboolean
extract_with (xmlNode         *body,
              const DropRules *rules,
              MgHtmlArticle   *article)
{
  g_auto(Survey) survey = { rules };
  g_autofree char *text = NULL;
  gboolean has_h1 = FALSE;
  xmlNode *root;

  survey.totals = g_hash_table_new (NULL, NULL);
  survey.direct = g_hash_table_new (NULL, NULL);
  survey.articles = g_ptr_array_new ();
  survey.mains = g_ptr_array_new ();
  mg_html_walk (body, survey_enter, survey_leave, &survey);
  root = choose_root (&survey, body);
  text = render_text (root, rules, &has_h1);
  if (*g_strstrip (text) == '\0')
    return FALSE;

  g_clear_pointer (&article->headline, g_free);
  if (survey.headline != NULL)
    article->headline = g_strstrip (mg_html_node_text (survey.headline));
  /* The headline often sits above the element that holds the body: keep it first. */
  if (!has_h1 && survey.headline != NULL && !is_inside (survey.headline, root)
      && *article->headline != '\0')
    article->text = g_strconcat (article->headline, "\n\n", text, NULL);
  else
    article->text = g_steal_pointer (&text);
  g_free (article->author);
  article->author = survey.author ? g_strstrip (g_steal_pointer (&survey.author)) : NULL;
  g_free (article->date);
  article->date = survey.date ? g_strstrip (g_steal_pointer (&survey.date)) : NULL;
  return TRUE;
}

/**
 * mg_html_article_extract:
 * @article: (out caller-allocates): where the article goes, cleared first
 *
 * Finds the readable article of @doc. Furniture is recognised by element, ARIA role and the
 * words of class and id attributes; when those words would leave nothing (a site that names
 * its body "sidebar-layout"), only the surer element and role rules apply.
 */
void
mg_html_article_extract (htmlDocPtr     doc,
                         MgHtmlArticle *article)
{
  g_autoptr(GHashTable) holders = g_hash_table_new (NULL, NULL);
  xmlNode *body = find_body (doc);
  DropRules with_hints = { TRUE, holders };
  DropRules elements_only = { FALSE, NULL };

  memset (article, 0, sizeof *article);
  if (body == NULL)
    return;
  mg_html_walk (body, mark_enter, NULL, holders);
  if (!extract_with (body, &with_hints, article))
    extract_with (body, &elements_only, article);
}

void
mg_html_article_clear (MgHtmlArticle *article)
{
  g_clear_pointer (&article->text, g_free);
  g_clear_pointer (&article->headline, g_free);
  g_clear_pointer (&article->author, g_free);
  g_clear_pointer (&article->date, g_free);
}
