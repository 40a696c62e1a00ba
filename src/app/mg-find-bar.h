/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MG_TYPE_FIND_BAR (mg_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (MgFindBar, mg_find_bar, MG, FIND_BAR, GtkWidget)

void         mg_find_bar_set_view          (MgFindBar   *self,
                                            GtkTextView *view);
void         mg_find_bar_open              (MgFindBar   *self);
void         mg_find_bar_set_query         (MgFindBar   *self,
                                            const char  *query);
GArray      *mg_find_bar_get_matches       (MgFindBar   *self);
void         mg_find_bar_refresh           (MgFindBar   *self);

G_END_DECLS
