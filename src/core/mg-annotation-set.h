/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MG_TYPE_ANNOTATION_SET (mg_annotation_set_get_type ())
G_DECLARE_FINAL_TYPE (MgAnnotationSet, mg_annotation_set, MG, ANNOTATION_SET, GObject)

/**
 * MgAnnotationSet:
 *
 * A set of annotations with one author: the reader's own ("Mine"), or one imported from a
 * file. @origin is "local" for a set made here, otherwise where it came from.
 */
MgAnnotationSet *mg_annotation_set_new      (gint64           id,
                                             const char      *uuid,
                                             const char      *name,
                                             const char      *author,
                                             const char      *origin);

gint64       mg_annotation_set_get_id       (MgAnnotationSet *self);
const char  *mg_annotation_set_get_uuid     (MgAnnotationSet *self);
const char  *mg_annotation_set_get_name     (MgAnnotationSet *self);
const char  *mg_annotation_set_get_author   (MgAnnotationSet *self);
const char  *mg_annotation_set_get_origin   (MgAnnotationSet *self);
guint        mg_annotation_set_get_annotation_count (MgAnnotationSet *self);
void         mg_annotation_set_set_annotation_count (MgAnnotationSet *self,
                                             guint            count);

G_END_DECLS
