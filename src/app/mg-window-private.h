/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* MgWindow is split by concern: mg-window.c (library, reader, import), mg-window-entities.c
 * (the Entities page in the window) and mg-window-tagging.c (codes, tagging, notes, undo).
 * This is the struct they share. */

#include "mg-code-palette.h"
#include "mg-history.h"
#include "mg-library-watch.h"
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

  MgLibraryWatch *library_watch;  /* other processes' commits, the daily backup */

  /* Files and preferences (mg-window-files.c, mg-window-settings.c) */
  AdwSplitButton *open_button;
  GMenu *recent_menu;             /* the Open button's Recent section */
  gboolean remember_recent;       /* a window without an application (a test's) too */
};

void         mg_window_show_toast           (MgWindow   *self,
                                             const char *message);

void         mg_window_entities_init        (MgWindow   *self);
void         mg_window_exchange_init        (MgWindow   *self);
void         mg_window_import_annotations   (MgWindow   *self,
                                             GFile      *file);
void         mg_window_reload_after_import  (MgWindow   *self);

void         mg_window_settings_init        (MgWindow   *self);
void         mg_window_settings_save        (MgWindow   *self);
char        *mg_window_get_author_name      (MgWindow   *self);

void         mg_window_files_init           (MgWindow   *self);
void         mg_window_files_add_filters    (GtkFileChooser *chooser);
GPtrArray   *mg_window_files_expand_folders (GPtrArray    *files,
                                             GPtrArray    *failures,
                                             GCancellable *cancellable);
void         mg_window_files_add_recent     (MgWindow   *self,
                                             GFile      *file);
GPtrArray   *mg_window_files_list_recent    (void);
void         mg_window_open_uri             (MgWindow   *self,
                                             const char *uri);

void         mg_window_tagging_init         (MgWindow   *self);
void         mg_window_agreement_init       (MgWindow   *self);   /* --- agreement --- */
GtkWidget   *mg_window_agreement_get_view   (MgWindow   *self);   /* --- agreement --- */
void         mg_window_agreement_attach     (MgWindow   *self,    /* --- agreement --- */
                                             GtkWidget  *view);
gboolean     mg_window_agreement_shows      (MgWindow       *self,    /* --- agreement --- */
                                             MgAnnotation   *annotation,
                                             MgPassageSpan  *span);
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
