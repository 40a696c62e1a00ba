/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* MgWindow is split by concern: mg-window.c (library, reader, import), mg-window-entities.c
 * (the Entities page in the window) and mg-window-tagging.c (codes, tagging, notes, undo).
 * This is the struct they share. */

#include "mg-code-palette.h"
#include "mg-history.h"
#include "mg-passage-popover.h"
#include "mg-window.h"

G_BEGIN_DECLS

struct _MgWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkToggleButton *library_toggle;
  GtkToggleButton *side_panel_toggle;
  GtkPaned *outer_paned;
  GtkPaned *inner_paned;
  MgLibrarySidebar *library_sidebar;
  MgReader *reader;
  MgSidePanel *side_panel;

  GtkRevealer *import_revealer;
  GtkProgressBar *import_progress;

  MgStore *store;
  GSettings *settings;
  GCancellable *cancellable;
  GCancellable *import_cancellable;   /* the import running, if any */
  GtkFileChooserNative *chooser;

  /* Tagging (mg-window-tagging.c) */
  MgHistory *history;
  GListModel *codes;              /* MgCode, display order */
  GHashTable *code_colours;       /* code id (gint64*) -> 0xRRGGBB */
  GArray *spans;                  /* MgPassageSpan of the document in the reader */
  gint64 set_id;                  /* the set new passages go to */
  gint64 last_code_id;            /* for Ctrl+H */
  gint64 current_passage_id;      /* the passage Shift+arrows resize, 0 for none */
  gboolean applying_edit;         /* an edit of ours is repainting incrementally */
  MgCodePalette *palette;
  MgPassagePopover *passage_popover;
};

void         mg_window_show_toast           (MgWindow   *self,
                                             const char *message);

void         mg_window_entities_init        (MgWindow   *self);
void         mg_window_exchange_init        (MgWindow   *self);
void         mg_window_import_annotations   (MgWindow   *self,
                                             GFile      *file);
void         mg_window_reload_after_import  (MgWindow   *self);

void         mg_window_tagging_init         (MgWindow   *self);
void         mg_window_tagging_dispose      (MgWindow   *self);
void         mg_window_tagging_set_store    (MgWindow   *self);
void         mg_window_tagging_show_document (MgWindow  *self);
gint         mg_window_tag_ranges           (MgWindow   *self,
                                             GArray     *ranges,
                                             MgCode     *code);
gint         mg_window_tag_all_mentions     (MgWindow   *self,
                                             MgEntity   *entity,
                                             MgCode     *code);

G_END_DECLS
