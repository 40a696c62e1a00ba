/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation.h"
#include "mg-annotation-set.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: annotation sets and the annotations (tagged passages) in them. */

GListModel      *mg_store_list_annotation_sets    (MgStore       *self,
                                                   GError       **error);
MgAnnotationSet *mg_store_get_annotation_set      (MgStore       *self,
                                                   gint64         set_id,
                                                   GError       **error);
MgAnnotationSet *mg_store_find_annotation_set     (MgStore       *self,
                                                   const char    *name,
                                                   GError       **error);
MgAnnotationSet *mg_store_get_default_annotation_set (MgStore    *self,
                                                   GError       **error);
MgAnnotationSet *mg_store_create_annotation_set   (MgStore       *self,
                                                   const char    *name,
                                                   const char    *author,
                                                   const char    *origin,
                                                   GError       **error);
gboolean         mg_store_set_annotation_set_author (MgStore     *self,
                                                   gint64         set_id,
                                                   const char    *author,
                                                   GError       **error);

MgAnnotation    *mg_store_add_annotation          (MgStore       *self,
                                                   gint64         document_id,
                                                   gint64         set_id,
                                                   gint64         code_id,
                                                   gint64         start,
                                                   gint64         end,
                                                   const char    *note,
                                                   GError       **error);
GPtrArray       *mg_store_add_annotations         (MgStore       *self,
                                                   gint64         document_id,
                                                   gint64         set_id,
                                                   gint64         code_id,
                                                   const MgRange *ranges,
                                                   guint          n_ranges,
                                                   const char    *note,
                                                   GError       **error);
MgAnnotation    *mg_store_get_annotation          (MgStore       *self,
                                                   gint64         annotation_id,
                                                   GError       **error);
GListModel      *mg_store_list_annotations        (MgStore       *self,
                                                   gint64         document_id,
                                                   gint64         code_id,
                                                   gint64         set_id,
                                                   GError       **error);
GListModel      *mg_store_list_annotations_for_code (MgStore     *self,
                                                   gint64         code_id,
                                                   gint64         set_id,
                                                   GError       **error);
MgAnnotation    *mg_store_set_annotation_code     (MgStore       *self,
                                                   gint64         annotation_id,
                                                   gint64         code_id,
                                                   GError       **error);
MgAnnotation    *mg_store_resize_annotation       (MgStore       *self,
                                                   gint64         annotation_id,
                                                   gint64         start,
                                                   gint64         end,
                                                   GError       **error);
MgAnnotation    *mg_store_set_annotation_note     (MgStore       *self,
                                                   gint64         annotation_id,
                                                   const char    *note,
                                                   GError       **error);
gboolean         mg_store_delete_annotation       (MgStore       *self,
                                                   gint64         annotation_id,
                                                   GError       **error);
gboolean         mg_store_delete_annotations      (MgStore       *self,
                                                   GPtrArray     *annotations,
                                                   GError       **error);
gboolean         mg_store_restore_annotation      (MgStore       *self,
                                                   MgAnnotation  *annotation,
                                                   GError       **error);
gboolean         mg_store_restore_annotations     (MgStore       *self,
                                                   GPtrArray     *annotations,
                                                   GError       **error);
gboolean         mg_store_update_annotation       (MgStore       *self,
                                                   MgAnnotation  *annotation,
                                                   GError       **error);

G_END_DECLS
