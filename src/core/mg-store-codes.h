/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-code.h"
#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: the codebook, a tree of codes in the order the reader arranged them. */

/**
 * MgCodeDeletion:
 * @code: the code as it was, with its parent and position
 * @children: (element-type gint64): its children's ids, in their order
 * @annotations: (element-type gint64): the ids of the annotations moved to @reassigned_to
 * @reassigned_to: the code that took its annotations, or 0
 *
 * What deleting a code changed, so mg_store_restore_code() can put everything back.
 */
typedef struct
{
  MgCode *code;
  GArray *children;
  GArray *annotations;
  gint64 reassigned_to;
} MgCodeDeletion;

void         mg_code_deletion_free          (MgCodeDeletion  *deletion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgCodeDeletion, mg_code_deletion_free)

GListModel  *mg_store_list_codes            (MgStore         *self,
                                             GError         **error);
MgCode      *mg_store_get_code              (MgStore         *self,
                                             gint64           code_id,
                                             GError         **error);
MgCode      *mg_store_find_code             (MgStore         *self,
                                             const char      *name,
                                             GError         **error);
MgCode      *mg_store_get_code_for_key      (MgStore         *self,
                                             guint            key,
                                             GError         **error);
MgCode      *mg_store_add_code              (MgStore         *self,
                                             const char      *name,
                                             const char      *colour,
                                             gint64           parent_id,
                                             GError         **error);
MgCode      *mg_store_create_code_if_missing (MgStore        *self,
                                             const char      *name,
                                             GError         **error);
gboolean     mg_store_rename_code           (MgStore         *self,
                                             gint64           code_id,
                                             const char      *name,
                                             GError         **error);
gboolean     mg_store_set_code_colour       (MgStore         *self,
                                             gint64           code_id,
                                             const char      *colour,
                                             GError         **error);
gboolean     mg_store_set_code_description  (MgStore         *self,
                                             gint64           code_id,
                                             const char      *description,
                                             GError         **error);
gboolean     mg_store_move_code             (MgStore         *self,
                                             gint64           code_id,
                                             gint64           parent_id,
                                             guint            position,
                                             GError         **error);
gboolean     mg_store_delete_code           (MgStore         *self,
                                             gint64           code_id,
                                             gint64           reassign_to,
                                             MgCodeDeletion **out_deletion,
                                             GError         **error);
gboolean     mg_store_restore_code          (MgStore         *self,
                                             MgCodeDeletion  *deletion,
                                             GError         **error);

G_END_DECLS
