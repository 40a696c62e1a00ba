/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Find in the document (Ctrl+F): every match marked, Enter and Shift+Enter walk them, and
 * "Tag All…" tags each with a code in one undoable step. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-annotation.h"
#include "mg-find-bar.h"

/* Past this many matches the query is too common to be worth marking or tagging. */
#define MAX_MATCHES 10000

struct _MgFindBar
{
  GtkWidget parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *entry;
  GtkLabel *count_label;
  GtkWidget *tag_all_button;

  GtkTextView *view;                 /* weak: the reader outlives its find bar */
  GtkTextTag *match_tag;
  GArray *matches;                   /* MgRange, by start */
  int current;
};

G_DEFINE_FINAL_TYPE (MgFindBar, mg_find_bar, GTK_TYPE_WIDGET)

enum {
  MATCH_SELECTED,
  TAG_ALL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_count (MgFindBar *self)
{
  g_autofree char *text = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (*query == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else
    /* Translators: which match is selected, of how many. */
    text = g_strdup_printf (_("%'d of %'u"), self->current + 1, self->matches->len);

  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (self->tag_all_button, self->matches->len > 0);
}

static void
clear_marks (MgFindBar *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->view == NULL || self->match_tag == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->match_tag, &start, &end);
}

static void
collect_matches (MgFindBar  *self,
                 const char *query)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter iter, match_start, match_end;

  if (self->match_tag == NULL)
    self->match_tag = gtk_text_buffer_create_tag (buffer, NULL, "underline",
                                                  PANGO_UNDERLINE_SINGLE, "weight",
                                                  PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (self->matches->len < MAX_MATCHES
         && gtk_text_iter_forward_search (&iter, query, GTK_TEXT_SEARCH_CASE_INSENSITIVE,
                                          &match_start, &match_end, NULL))
    {
      MgRange range = { gtk_text_iter_get_offset (&match_start),
                        gtk_text_iter_get_offset (&match_end) };

      g_array_append_val (self->matches, range);
      gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
      iter = match_end;
    }
}

static void
select_current (MgFindBar *self)
{
  MgRange *range;

  if (self->current < 0 || (guint) self->current >= self->matches->len)
    return;
  range = &g_array_index (self->matches, MgRange, self->current);
  g_signal_emit (self, signals[MATCH_SELECTED], 0, range->start, range->end);
}

/**
 * mg_find_bar_refresh:
 *
 * Finds the query again, after the text changed.
 */
void
mg_find_bar_refresh (MgFindBar *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_return_if_fail (MG_IS_FIND_BAR (self));

  clear_marks (self);
  g_array_set_size (self->matches, 0);
  self->current = -1;
  /* A closed bar keeps its query for next time but marks and selects nothing. */
  if (self->view != NULL && *query != '\0' && gtk_search_bar_get_search_mode (self->search_bar))
    collect_matches (self, query);
  if (self->matches->len > 0)
    self->current = 0;
  update_count (self);
  select_current (self);
}

static void
on_search_changed (MgFindBar *self)
{
  mg_find_bar_refresh (self);
}

static void
step (MgFindBar *self,
      int        direction)
{
  int n = (int) self->matches->len;

  if (n == 0)
    return;
  self->current = ((self->current + direction) % n + n) % n;
  update_count (self);
  select_current (self);
}

static void
on_next (MgFindBar *self)
{
  step (self, 1);
}

static void
on_previous (MgFindBar *self)
{
  step (self, -1);
}

static void
on_tag_all (MgFindBar *self)
{
  if (self->matches->len > 0)
    g_signal_emit (self, signals[TAG_ALL_REQUESTED], 0, self->matches);
}

/* Leaving the bar takes its marks away: they are only for while one is looking. */
static void
on_search_mode (MgFindBar *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    clear_marks (self);
  else
    mg_find_bar_refresh (self);
}

static void
mg_find_bar_dispose (GObject *object)
{
  MgFindBar *self = MG_FIND_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_FIND_BAR);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (mg_find_bar_parent_class)->dispose (object);
}

static void
mg_find_bar_class_init (MgFindBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mg_find_bar_dispose;

  /**
   * MgFindBar::match-selected:
   * @start: the match's first code point
   * @end: the code point after it
   */
  signals[MATCH_SELECTED] =
    g_signal_new ("match-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * MgFindBar::tag-all-requested:
   * @matches: (element-type MgRange): every match, to tag with one code
   */
  signals[TAG_ALL_REQUESTED] =
    g_signal_new ("tag-all-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/mg-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MgFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MgFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, MgFindBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, MgFindBar, tag_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_next);
  gtk_widget_class_bind_template_callback (widget_class, on_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_all);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mg_find_bar_init (MgFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->matches = g_array_new (FALSE, FALSE, sizeof (MgRange));
  self->current = -1;
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode), self);
  mg_a11y_label_button_with_icon (GTK_WIDGET (self->search_bar), "window-close-symbolic",
                                  _("Close the find bar"));
}

/**
 * mg_find_bar_set_view:
 * @view: the text to search; it must outlive the bar
 */
void
mg_find_bar_set_view (MgFindBar   *self,
                      GtkTextView *view)
{
  g_return_if_fail (MG_IS_FIND_BAR (self));
  self->view = view;
}

/**
 * mg_find_bar_open:
 *
 * Shows the bar with the focus in its entry, the query selected for typing over.
 */
void
mg_find_bar_open (MgFindBar *self)
{
  g_return_if_fail (MG_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
mg_find_bar_set_query (MgFindBar  *self,
                       const char *query)
{
  g_return_if_fail (MG_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  mg_find_bar_refresh (self);
}

/**
 * mg_find_bar_get_matches:
 *
 * Returns: (transfer none) (element-type MgRange): the matches, by start
 */
GArray *
mg_find_bar_get_matches (MgFindBar *self)
{
  g_return_val_if_fail (MG_IS_FIND_BAR (self), NULL);
  return self->matches;
}
