/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MG_TYPE_CODE (mg_code_get_type ())
G_DECLARE_FINAL_TYPE (MgCode, mg_code, MG, CODE, GObject)

/**
 * MgCode:
 *
 * One code of the codebook: a name, a colour ("#rrggbb"), an optional description and a place
 * in the tree (parent id, 0 at the top level, and position among its siblings). Codes read
 * from the store also carry their depth in the tree and how many passages carry them.
 */

/* At least nine: each of the keys 1-9 can then show its own colour. */
#define MG_CODE_PALETTE_SIZE 10

MgCode      *mg_code_new                    (const char *name,
                                             const char *colour);

gint64       mg_code_get_id                 (MgCode     *self);
void         mg_code_set_id                 (MgCode     *self,
                                             gint64      id);
const char  *mg_code_get_uuid               (MgCode     *self);
void         mg_code_set_uuid               (MgCode     *self,
                                             const char *uuid);
const char  *mg_code_get_name               (MgCode     *self);
void         mg_code_set_name               (MgCode     *self,
                                             const char *name);
const char  *mg_code_get_colour             (MgCode     *self);
void         mg_code_set_colour             (MgCode     *self,
                                             const char *colour);
gint64       mg_code_get_parent_id          (MgCode     *self);
void         mg_code_set_parent_id          (MgCode     *self,
                                             gint64      parent_id);
const char  *mg_code_get_description        (MgCode     *self);
void         mg_code_set_description        (MgCode     *self,
                                             const char *description);
guint        mg_code_get_position           (MgCode     *self);
void         mg_code_set_position           (MgCode     *self,
                                             guint       position);
guint        mg_code_get_depth              (MgCode     *self);
void         mg_code_set_depth              (MgCode     *self,
                                             guint       depth);
guint        mg_code_get_passage_count      (MgCode     *self);
void         mg_code_set_passage_count      (MgCode     *self,
                                             guint       passage_count);
gint64       mg_code_get_created            (MgCode     *self);
gint64       mg_code_get_modified           (MgCode     *self);
void         mg_code_set_times              (MgCode     *self,
                                             gint64      created,
                                             gint64      modified);

const char  *mg_code_palette_colour         (guint       index);
gboolean     mg_code_colour_is_valid        (const char *colour);

G_END_DECLS
