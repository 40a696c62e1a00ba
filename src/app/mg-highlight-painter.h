/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-highlight-layout.h"

G_BEGIN_DECLS

#define MG_TYPE_HIGHLIGHT_PAINTER (mg_highlight_painter_get_type ())
G_DECLARE_FINAL_TYPE (MgHighlightPainter, mg_highlight_painter, MG, HIGHLIGHT_PAINTER, GObject)

MgHighlightPainter *mg_highlight_painter_new          (GtkTextView         *view);
void                mg_highlight_painter_set_passages (MgHighlightPainter  *self,
                                                       const MgPassageSpan *spans,
                                                       guint                n_spans);
void                mg_highlight_painter_update       (MgHighlightPainter  *self,
                                                       const MgPassageSpan *spans,
                                                       guint                n_spans,
                                                       gint64               changed_start,
                                                       gint64               changed_end);
gboolean            mg_highlight_painter_is_complete  (MgHighlightPainter  *self);
GArray             *mg_highlight_painter_passages_at  (MgHighlightPainter  *self,
                                                       gint64               offset);
guint32             mg_highlight_painter_colour_at    (MgHighlightPainter  *self,
                                                       gint64               offset);

G_END_DECLS
