/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the PDF, EPUB, DOCX and ODT importers share: the stored text built block by block in
 * one string (normalised as it grows, so a large import holds one copy of its text), and the
 * document made from it. */

#include <gio/gio.h>
#include <libxml/tree.h>

#include "mg-document.h"
#include "mg-text-import.h"
#include "mg-xml-safe.h"

G_BEGIN_DECLS

typedef struct
{
  GString *text;
  char    *title;      /* from the format's metadata, or NULL */
  char    *author;
  char    *date;       /* as the format writes it (ISO 8601 mostly) */
} MgDocBuilder;

void         mg_doc_builder_init            (MgDocBuilder  *self);
void         mg_doc_builder_clear           (MgDocBuilder  *self);
void         mg_doc_builder_add_block       (MgDocBuilder  *self,
                                             const char    *block,
                                             gssize         length);
void         mg_doc_builder_append_collapsed (GString      *block,
                                             const char    *text);
void         mg_doc_builder_set_meta        (char         **field,
                                             const char    *value);
MgDocument  *mg_doc_builder_finish          (MgDocBuilder  *self,
                                             GFile         *file,
                                             const char    *media_type,
                                             GError       **error);

xmlDoc      *mg_doc_builder_parse_xml       (GBytes        *bytes,
                                             const char    *format,
                                             const char    *name,
                                             GError       **error);
gboolean     mg_doc_builder_is_element      (xmlNode       *node,
                                             const char    *ns_href,
                                             const char    *name);
char        *mg_doc_builder_child_text      (xmlNode       *parent,
                                             const char    *ns_href,
                                             const char    *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MgDocBuilder, mg_doc_builder_clear)

G_END_DECLS
