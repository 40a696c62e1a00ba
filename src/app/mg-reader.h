/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mg-document.h"
#include "mg-find-bar.h"
#include "mg-highlight-painter.h"
#include "mg-passage-announcer.h"

G_BEGIN_DECLS

/* The reading font's sizes, in points: what zooming in and out steps between. */
#define MG_READER_MIN_FONT_SIZE 6
#define MG_READER_MAX_FONT_SIZE 48
#define MG_READER_DEFAULT_FONT_SIZE 12

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
MgPassageAnnouncer *mg_reader_get_announcer (MgReader   *self);
MgFindBar     *mg_reader_get_find_bar       (MgReader   *self);
void           mg_reader_set_entity_marks   (MgReader   *self,
                                             GPtrArray  *mentions);
void           mg_reader_set_font_family    (MgReader   *self,
                                             const char *family);
void           mg_reader_set_font_size      (MgReader   *self,
                                             int         points);
void           mg_reader_set_line_spacing   (MgReader   *self,
                                             double      spacing);
void           mg_reader_set_line_width     (MgReader   *self,
                                             int         characters);

G_END_DECLS
