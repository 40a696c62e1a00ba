/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The readable article of a parsed web page: what mg-html-import.c keeps of the page. Private
 * to core. */

#include <glib.h>
#include <libxml/HTMLtree.h>

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

typedef gboolean (*MgHtmlEnterFunc) (xmlNode *node, gpointer data);
typedef void (*MgHtmlLeaveFunc) (xmlNode *node, gpointer data);

void         mg_html_walk                   (xmlNode         *root,
                                             MgHtmlEnterFunc  enter,
                                             MgHtmlLeaveFunc  leave,
                                             gpointer         data);
void         mg_html_article_extract        (htmlDocPtr     doc,
                                             MgHtmlArticle *article);
void         mg_html_article_clear          (MgHtmlArticle *article);
char        *mg_html_node_text              (xmlNode       *node);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgHtmlArticle, mg_html_article_clear)

G_END_DECLS
