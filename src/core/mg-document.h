/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MG_TYPE_DOCUMENT (mg_document_get_type ())
G_DECLARE_FINAL_TYPE (MgDocument, mg_document, MG, DOCUMENT, GObject)

/**
 * MgDocument:
 *
 * One document of the library: its stored text (UTF-8, NFC, LF line ends) and what is known
 * about it. Documents listed for the sidebar carry no text (mg_document_get_text() returns
 * %NULL); mg_store_get_document() loads it. The id is 0 until the document is stored.
 */
MgDocument  *mg_document_new                (const char *title,
                                             const char *text,
                                             const char *source_uri,
                                             const char *media_type);

gint64       mg_document_get_id             (MgDocument *self);
void         mg_document_set_id             (MgDocument *self,
                                             gint64      id);
const char  *mg_document_get_uuid           (MgDocument *self);
void         mg_document_set_uuid           (MgDocument *self,
                                             const char *uuid);
const char  *mg_document_get_title          (MgDocument *self);
void         mg_document_set_title          (MgDocument *self,
                                             const char *title);
const char  *mg_document_get_text           (MgDocument *self);
void         mg_document_set_text           (MgDocument *self,
                                             const char *text);
void         mg_document_take_text          (MgDocument *self,
                                             char       *text);
const char  *mg_document_get_source_uri     (MgDocument *self);
const char  *mg_document_get_media_type     (MgDocument *self);
const char  *mg_document_get_metadata       (MgDocument *self);
void         mg_document_set_metadata       (MgDocument *self,
                                             const char *metadata_json);
const char  *mg_document_get_sha256         (MgDocument *self);
gint64       mg_document_get_char_count     (MgDocument *self);
gint64       mg_document_get_imported       (MgDocument *self);
void         mg_document_set_imported       (MgDocument *self,
                                             gint64      unix_seconds);
guint        mg_document_get_annotation_count (MgDocument *self);

/* Used by the store when it reads a row back: sets the fields that follow from the text
 * without having the text itself (list queries leave the text out). */
void         mg_document_set_stored_facts   (MgDocument *self,
                                             const char *sha256,
                                             gint64      char_count,
                                             guint       annotation_count);

G_END_DECLS
