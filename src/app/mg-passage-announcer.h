/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-highlight-painter.h"
#include "mg-store.h"

G_BEGIN_DECLS

#define MG_TYPE_PASSAGE_ANNOUNCER (mg_passage_announcer_get_type ())
G_DECLARE_FINAL_TYPE (MgPassageAnnouncer, mg_passage_announcer, MG, PASSAGE_ANNOUNCER, GObject)

MgPassageAnnouncer *mg_passage_announcer_new             (GtkTextView         *view,
                                                          MgHighlightPainter  *painter,
                                                          GtkLabel            *status);
void                mg_passage_announcer_set_store       (MgPassageAnnouncer  *self,
                                                          MgStore             *store);
void                mg_passage_announcer_set_codes       (MgPassageAnnouncer  *self,
                                                          GListModel          *codes);
void                mg_passage_announcer_refresh         (MgPassageAnnouncer  *self);
const char         *mg_passage_announcer_get_description (MgPassageAnnouncer  *self);
char               *mg_passage_announcer_describe_at     (MgPassageAnnouncer  *self,
                                                          gint64               offset);

G_END_DECLS
