/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-annotation.h"
#include "mg-code.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_HISTORY (mg_history_get_type ())
G_DECLARE_FINAL_TYPE (MgHistory, mg_history, MG, HISTORY, GObject)

/**
 * MgHistory:
 *
 * The session's undo and redo of tagging and codebook edits. Each mg_history_*() action
 * performs its change in the store (one transaction) and, when it succeeds, becomes one
 * undoable step; a new action clears what could be redone.
 *
 * The "changed" signal carries the id of the document whose passages changed, or 0 when
 * the codebook changed (every open document may need repainting).
 */
MgHistory   *mg_history_new                 (void);

gboolean     mg_history_can_undo            (MgHistory      *self);
gboolean     mg_history_can_redo            (MgHistory      *self);
const char  *mg_history_get_undo_label      (MgHistory      *self);
const char  *mg_history_get_redo_label      (MgHistory      *self);
gboolean     mg_history_undo                (MgHistory      *self,
                                             GError        **error);
gboolean     mg_history_redo                (MgHistory      *self,
                                             GError        **error);
void         mg_history_clear               (MgHistory      *self);

MgAnnotation *mg_history_tag                (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          document_id,
                                             gint64          set_id,
                                             gint64          code_id,
                                             gint64          start,
                                             gint64          end,
                                             const char     *note,
                                             GError        **error);
gint         mg_history_tag_all             (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          document_id,
                                             gint64          set_id,
                                             gint64          code_id,
                                             const MgRange  *ranges,
                                             guint           n_ranges,
                                             GError        **error);
gboolean     mg_history_add_passages        (MgHistory      *self,
                                             MgStore        *store,
                                             const char     *label,
                                             GPtrArray      *annotations,
                                             GError        **error);
gboolean     mg_history_untag               (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          annotation_id,
                                             GError        **error);
MgAnnotation *mg_history_recode             (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          annotation_id,
                                             gint64          code_id,
                                             GError        **error);
MgAnnotation *mg_history_resize             (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          annotation_id,
                                             gint64          start,
                                             gint64          end,
                                             GError        **error);
MgAnnotation *mg_history_set_note           (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          annotation_id,
                                             const char     *note,
                                             GError        **error);

MgCode      *mg_history_add_code            (MgHistory      *self,
                                             MgStore        *store,
                                             const char     *name,
                                             const char     *colour,
                                             gint64          parent_id,
                                             GError        **error);
gboolean     mg_history_rename_code         (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          code_id,
                                             const char     *name,
                                             GError        **error);
gboolean     mg_history_recolour_code       (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          code_id,
                                             const char     *colour,
                                             GError        **error);
gboolean     mg_history_set_code_description (MgHistory     *self,
                                             MgStore        *store,
                                             gint64          code_id,
                                             const char     *description,
                                             GError        **error);
gboolean     mg_history_move_code           (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          code_id,
                                             gint64          parent_id,
                                             guint           position,
                                             GError        **error);
gboolean     mg_history_delete_code         (MgHistory      *self,
                                             MgStore        *store,
                                             gint64          code_id,
                                             gint64          reassign_to,
                                             GError        **error);

G_END_DECLS
