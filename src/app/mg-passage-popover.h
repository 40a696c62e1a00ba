/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-annotation.h"
#include "mg-code.h"

G_BEGIN_DECLS

#define MG_TYPE_PASSAGE_POPOVER (mg_passage_popover_get_type ())
G_DECLARE_FINAL_TYPE (MgPassagePopover, mg_passage_popover, MG, PASSAGE_POPOVER, GtkPopover)

MgPassagePopover *mg_passage_popover_new        (void);
void              mg_passage_popover_show       (MgPassagePopover *self,
                                                 MgAnnotation     *annotation,
                                                 GListModel       *codes,
                                                 gboolean          focus_note);
MgAnnotation     *mg_passage_popover_get_annotation (MgPassagePopover *self);
char             *mg_passage_popover_get_note   (MgPassagePopover *self);
void              mg_passage_popover_set_note   (MgPassagePopover *self,
                                                 const char       *note);

G_END_DECLS
