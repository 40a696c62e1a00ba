/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: what the Agreement page of the Analysis window needs from the main
 * window. Its merges are steps of this window's history (one Ctrl+Z for both); it compares
 * the reader's document while one is open; and two sets it compares can be shown in this
 * window's reader, one filled and the other underlined. The page itself lives in the
 * Analysis window (mg-analysis-window.c), which also opens the places it lists. */
#include "config.h"

#include <adwaita.h>

#include "mg-agreement-view.h"
#include "mg-analysis-window.h"
#include "mg-reader.h"
#include "mg-window-private.h"

#define AGREEMENT_VIEW_KEY "mg-agreement-view"
#define COMPARISON_KEY "mg-reader-comparison"

/* Two sets compared in the reader: one filled as usual, the other underlined. */
typedef struct
{
  gint64 filled;
  gint64 outlined;
} Comparison;

/**
 * mg_window_agreement_shows:
 * @span: the passage as it would be painted; marked as an outline for the compared set
 *
 * Whether the reader paints @annotation: every passage normally; while two sets are
 * compared in the reader, only theirs.
 */
gboolean
mg_window_agreement_shows (MgWindow      *self,
                           MgAnnotation  *annotation,
                           MgPassageSpan *span)
{
  Comparison *comparison = g_object_get_data (G_OBJECT (self), COMPARISON_KEY);
  gint64 set = mg_annotation_get_set_id (annotation);

  if (comparison == NULL)
    return TRUE;
  span->outline = set == comparison->outlined;
  return set == comparison->filled || set == comparison->outlined;
}

static void
on_comparison_changed (MgWindow *self,
                       gint64    filled,
                       gint64    outlined)
{
  Comparison *comparison = NULL;

  if (filled > 0 && outlined > 0)
    {
      comparison = g_new0 (Comparison, 1);
      comparison->filled = filled;
      comparison->outlined = outlined;
    }
  g_object_set_data_full (G_OBJECT (self), COMPARISON_KEY, comparison, g_free);
  mg_window_tagging_show_document (self);
}

static void
follow_document (MgWindow   *self,
                 GParamSpec *pspec,
                 MgReader   *reader)
{
  MgAgreementView *view = g_object_get_data (G_OBJECT (self), AGREEMENT_VIEW_KEY);
  MgDocument *document = mg_reader_get_document (reader);

  if (view != NULL)
    mg_agreement_view_set_current_document (view, document ? mg_document_get_id (document) : 0);
}

/* The page goes with its window: the reader stops following it and shows every set again. */
static void
on_view_destroyed (MgWindow        *self,
                   MgAgreementView *view)
{
  if (g_object_get_data (G_OBJECT (self), AGREEMENT_VIEW_KEY) != view)
    return;
  g_object_set_data (G_OBJECT (self), AGREEMENT_VIEW_KEY, NULL);
  g_signal_handlers_disconnect_by_func (self->reader, follow_document, self);
  if (g_object_get_data (G_OBJECT (self), COMPARISON_KEY) != NULL)
    on_comparison_changed (self, 0, 0);
}

/**
 * mg_window_agreement_attach:
 * @view: the Agreement page of this window's Analysis window
 *
 * Gives @view this window's history, the reader's document and the reader's comparison
 * of two sets, until @view is destroyed.
 */
void
mg_window_agreement_attach (MgWindow  *self,
                            GtkWidget *view)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (MG_IS_AGREEMENT_VIEW (view));

  g_object_set_data (G_OBJECT (self), AGREEMENT_VIEW_KEY, view);
  mg_agreement_view_set_history (MG_AGREEMENT_VIEW (view), self->history);
  g_signal_connect_object (view, "reader-comparison-changed",
                           G_CALLBACK (on_comparison_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "destroy", G_CALLBACK (on_view_destroyed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::document", G_CALLBACK (follow_document),
                           self, G_CONNECT_SWAPPED);
  follow_document (self, NULL, self->reader);
}

/**
 * mg_window_agreement_get_view:
 *
 * Returns: (transfer none) (nullable): the Agreement page, while the Analysis window is open
 */
GtkWidget *
mg_window_agreement_get_view (MgWindow *self)
{
  return g_object_get_data (G_OBJECT (self), AGREEMENT_VIEW_KEY);
}

/* Ctrl+Shift+K, as before the page moved into the Analysis window. */
static void
agreement_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  mg_window_show_analysis_page (MG_WINDOW (user_data), "agreement");
}

void
mg_window_agreement_init (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "agreement", agreement_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
