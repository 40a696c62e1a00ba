/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-document.h"
#include "mg-find-bar.h"
#include "mg-highlight-painter.h"

G_BEGIN_DECLS

#define MG_TYPE_READER (mg_reader_get_type ())
G_DECLARE_FINAL_TYPE (MgReader, mg_reader, MG, READER, GtkWidget)

MgDocument    *mg_reader_get_document       (MgReader   *self);
void           mg_reader_set_document       (MgReader   *self,
                                             MgDocument *document,
                                             gint64      offset);
gint64         mg_reader_get_top_offset     (MgReader   *self);
GtkTextView   *mg_reader_get_text_view      (MgReader   *self);
void           mg_reader_select_range       (MgReader   *self,
                                             gint64      start,
                                             gint64      end);
void           mg_reader_clear_selection    (MgReader   *self);
gboolean       mg_reader_get_selection      (MgReader   *self,
                                             gint64     *out_start,
                                             gint64     *out_end);
char          *mg_reader_get_selected_text  (MgReader   *self);
MgHighlightPainter *mg_reader_get_painter   (MgReader   *self);
MgFindBar     *mg_reader_get_find_bar       (MgReader   *self);
void           mg_reader_set_entity_marks   (MgReader   *self,
                                             GPtrArray  *mentions);

G_END_DECLS
