/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The readable article of a web page, found while the page streams through the parser: what
 * mg-html-import.c keeps of the page. Private to core. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgHtmlArticle:
 * @text: the article's blocks, one blank line between them (UTF-8, not normalised yet)
 * @headline: the page's first heading outside its site header, or %NULL
 * @author: the author named in the page body (rel=author, itemprop=author), or %NULL
 * @date: the first date in the page body (time datetime, itemprop=datePublished), or %NULL
 */
typedef struct
{
  char *text;
  char *headline;
  char *author;
  char *date;
} MgHtmlArticle;

/**
 * MgHtmlArticleBuilder:
 *
 * Takes a page's elements and text in document order (as a SAX parser reports them) and
 * keeps only what choosing and rendering the article needs: the text of the blocks that
 * may be part of it, in one buffer, and a few small records per element that matters.
 */
typedef struct _MgHtmlArticleBuilder MgHtmlArticleBuilder;

MgHtmlArticleBuilder *mg_html_article_builder_new    (void);
void                  mg_html_article_builder_free   (MgHtmlArticleBuilder  *builder);
void                  mg_html_article_builder_start  (MgHtmlArticleBuilder  *builder,
                                                      const char            *name,
                                                      const char * const    *attributes);
void                  mg_html_article_builder_end    (MgHtmlArticleBuilder  *builder);
void                  mg_html_article_builder_text   (MgHtmlArticleBuilder  *builder,
                                                      const char            *text,
                                                      gsize                  length);
guint                 mg_html_article_builder_depth  (MgHtmlArticleBuilder  *builder);
void                  mg_html_article_builder_finish (MgHtmlArticleBuilder  *builder,
                                                      MgHtmlArticle         *article);

const char           *mg_html_attribute              (const char * const    *attributes,
                                                      const char            *name);
void                  mg_html_collapse_space         (GString               *out,
                                                      const char            *text,
                                                      gsize                  length);

void                  mg_html_article_clear          (MgHtmlArticle         *article);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgHtmlArticle, mg_html_article_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgHtmlArticleBuilder, mg_html_article_builder_free)

G_END_DECLS
