/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-code.h"

G_BEGIN_DECLS

#define MG_TYPE_CODE_PALETTE (mg_code_palette_get_type ())
G_DECLARE_FINAL_TYPE (MgCodePalette, mg_code_palette, MG, CODE_PALETTE, GtkPopover)

MgCodePalette *mg_code_palette_new          (void);
void           mg_code_palette_set_codes    (MgCodePalette *self,
                                             GListModel    *codes);
void           mg_code_palette_set_query    (MgCodePalette *self,
                                             const char    *query);
MgCode        *mg_code_palette_get_selected (MgCodePalette *self);

G_END_DECLS
