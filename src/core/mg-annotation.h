/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATION (mg_annotation_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotation, mg_annotation, MG, ANNOTATION, GObject)

/**
 * MgRange:
 * @start: first code point
 * @end: code point after the last (end exclusive)
 *
 * A span of a document's stored text.
 */
typedef struct
{
  gint64 start;
  gint64 end;
} MgRange;

/**
 * MgAnnotation:
 *
 * A passage of a document tagged with a code, in an annotation set, with an optional note.
 * Offsets count code points of the stored text, end exclusive. The quote and some context
 * before (prefix) and after (suffix) are kept beside the position, so the passage can be
 * found again in a new version of the text; one that could not be is flagged as orphaned.
 */

/* How much context, in code points, is kept on each side of a passage. */
#define MG_ANNOTATION_CONTEXT_LENGTH 32

MgAnnotation *mg_annotation_new             (gint64        document_id,
                                             gint64        set_id,
                                             gint64        code_id,
                                             gint64        start,
                                             gint64        end);
MgAnnotation *mg_annotation_copy            (MgAnnotation *self);

gint64       mg_annotation_get_id           (MgAnnotation *self);
const char  *mg_annotation_get_uuid         (MgAnnotation *self);
void         mg_annotation_set_identity     (MgAnnotation *self,
                                             gint64        id,
                                             const char   *uuid);
gint64       mg_annotation_get_document_id  (MgAnnotation *self);
gint64       mg_annotation_get_set_id       (MgAnnotation *self);
gint64       mg_annotation_get_code_id      (MgAnnotation *self);
void         mg_annotation_set_code_id      (MgAnnotation *self,
                                             gint64        code_id);
gint64       mg_annotation_get_start        (MgAnnotation *self);
gint64       mg_annotation_get_end          (MgAnnotation *self);
void         mg_annotation_set_range        (MgAnnotation *self,
                                             gint64        start,
                                             gint64        end);
const char  *mg_annotation_get_quote        (MgAnnotation *self);
const char  *mg_annotation_get_prefix       (MgAnnotation *self);
const char  *mg_annotation_get_suffix       (MgAnnotation *self);
void         mg_annotation_set_selectors    (MgAnnotation *self,
                                             const char   *quote,
                                             const char   *prefix,
                                             const char   *suffix);
const char  *mg_annotation_get_note         (MgAnnotation *self);
void         mg_annotation_set_note         (MgAnnotation *self,
                                             const char   *note);
gboolean     mg_annotation_get_orphaned     (MgAnnotation *self);
void         mg_annotation_set_orphaned     (MgAnnotation *self,
                                             gboolean      orphaned);
gint64       mg_annotation_get_created      (MgAnnotation *self);
gint64       mg_annotation_get_modified     (MgAnnotation *self);
void         mg_annotation_set_times        (MgAnnotation *self,
                                             gint64        created,
                                             gint64        modified);
const char  *mg_annotation_get_author       (MgAnnotation *self);
void         mg_annotation_set_author       (MgAnnotation *self,
                                             const char   *author);
const char  *mg_annotation_get_document_title (MgAnnotation *self);
void         mg_annotation_set_document_title (MgAnnotation *self,
                                             const char   *title);

gboolean     mg_annotation_equal            (MgAnnotation *a,
                                             MgAnnotation *b);

G_END_DECLS
