/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgWindow, continued: the researcher's main act. Select text, press 1-9 (or T for the code
 * palette, Ctrl+H for the last code used) and the passage is tagged, stored in one
 * transaction and painted at once; click a passage to see it, change its code, write its
 * note (N) or remove it; Shift+arrows resize it; every action is undoable. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation-set.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-versions.h"
#include "mg-window-private.h"

static MgDocument *
current_document (MgWindow *self)
{
  return mg_reader_get_document (self->reader);
}

static guint32
colour_of (MgWindow *self,
           gint64    code_id)
{
  gpointer colour = g_hash_table_lookup (self->code_colours, &code_id);

  return colour ? GPOINTER_TO_UINT (colour) : 0x888888;
}

static guint32
parse_colour (const char *colour)
{
  guint64 value = 0;

  if (colour != NULL && colour[0] == '#')
    g_ascii_string_to_unsigned (colour + 1, 16, 0, 0xffffff, &value, NULL);
  return (guint32) value;
}

static void
load_codes (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *codes = mg_store_list_codes (self->store, &error);
  guint n;

  if (codes == NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  g_clear_object (&self->codes);
  self->codes = codes;
  g_hash_table_remove_all (self->code_colours);
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);

      g_hash_table_insert (self->code_colours, g_memdup2 (&(gint64) { mg_code_get_id (code) },
                                                          sizeof (gint64)),
                           GUINT_TO_POINTER (parse_colour (mg_code_get_colour (code))));
    }
  mg_code_palette_set_codes (self->palette, codes);
  mg_passage_announcer_set_codes (mg_reader_get_announcer (self->reader), codes);
  mg_annotations_panel_set_codes (mg_side_panel_get_annotations_panel (self->side_panel), codes);
}

static MgPassageSpan
span_of (MgWindow     *self,
         MgAnnotation *annotation)
{
  const char *note = mg_annotation_get_note (annotation);

  return (MgPassageSpan) { mg_annotation_get_start (annotation),
                           mg_annotation_get_end (annotation),
                           colour_of (self, mg_annotation_get_code_id (annotation)),
                           mg_annotation_get_id (annotation),
                           note != NULL && *note != '\0' };
}

/* Every passage of the document, painted anew (visible range first, the rest in slices). */
static void
load_spans (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;
  MgDocument *document = current_document (self);
  guint n;

  g_array_set_size (self->spans, 0);
  if (document != NULL)
    annotations = mg_store_list_annotations (self->store, mg_document_get_id (document), 0, 0,
                                             &error);
  if (error != NULL)
    mg_window_show_toast (self, error->message);
  n = annotations ? g_list_model_get_n_items (annotations) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgAnnotation) annotation = g_list_model_get_item (annotations, i);
      MgPassageSpan span = span_of (self, annotation);

      /* A passage the new version could not place has no place to be painted. */
      if (!mg_annotation_get_orphaned (annotation)
          && mg_window_agreement_shows (self, annotation, &span))
        g_array_append_val (self->spans, span);
    }
  mg_highlight_painter_set_passages (mg_reader_get_painter (self->reader),
                                     (MgPassageSpan *) (gpointer) self->spans->data,
                                     self->spans->len);
  mg_passage_announcer_refresh (mg_reader_get_announcer (self->reader));
}

static void
repaint_span (MgWindow *self,
              gint64    start,
              gint64    end)
{
  mg_highlight_painter_update (mg_reader_get_painter (self->reader),
                               (MgPassageSpan *) (gpointer) self->spans->data, self->spans->len,
                               start, end);
  mg_passage_announcer_refresh (mg_reader_get_announcer (self->reader));
}

static int
find_span (MgWindow *self,
           gint64    annotation_id)
{
  for (guint i = 0; i < self->spans->len; i++)
    if (g_array_index (self->spans, MgPassageSpan, i).id == annotation_id)
      return (int) i;
  return -1;
}

/* Keeps the painted passages in step with one edit, without reading them all again: an
 * action costs the same in a short note and in a book. */
static void
apply_span_edit (MgWindow     *self,
                 gint64        annotation_id,
                 MgAnnotation *after)
{
  int index = find_span (self, annotation_id);
  gint64 start = G_MAXINT64, end = 0;

  if (index >= 0)
    {
      MgPassageSpan *before = &g_array_index (self->spans, MgPassageSpan, index);

      start = before->start;
      end = before->end;
      g_array_remove_index (self->spans, index);
    }
  if (after != NULL)
    {
      MgPassageSpan span = span_of (self, after);

      g_array_append_val (self->spans, span);
      start = MIN (start, span.start);
      end = MAX (end, span.end);
    }
  if (start < end)
    repaint_span (self, start, end);
}

static void
update_undo_actions (MgWindow *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), mg_history_can_undo (self->history));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (redo), mg_history_can_redo (self->history));
}

static void
on_history_changed (MgWindow  *self,
                    gint64     document_id,
                    MgHistory *history)
{
  MgDocument *document = current_document (self);

  if (document_id == 0)
    load_codes (self);
  if (!self->applying_edit
      && (document_id == 0 || (document && document_id == mg_document_get_id (document))))
    load_spans (self);
  /* The Codes page follows the history itself. */
  mg_annotations_panel_reload (mg_side_panel_get_annotations_panel (self->side_panel));
  update_undo_actions (self);
}

static gboolean
selection_or_toast (MgWindow *self,
                    gint64   *start,
                    gint64   *end)
{
  if (current_document (self) == NULL)
    return FALSE;
  if (!mg_reader_get_selection (self->reader, start, end) || *start == *end)
    {
      mg_window_show_toast (self, _("Select the passage to tag first"));
      return FALSE;
    }
  return TRUE;
}

static void
tag_selection (MgWindow *self,
               gint64    code_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = NULL;
  gint64 start, end;

  if (!selection_or_toast (self, &start, &end))
    return;
  self->applying_edit = TRUE;
  annotation = mg_history_tag (self->history, self->store,
                               mg_document_get_id (current_document (self)), self->set_id,
                               code_id, start, end, NULL, &error);
  self->applying_edit = FALSE;
  if (annotation == NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  apply_span_edit (self, mg_annotation_get_id (annotation), annotation);
  self->last_code_id = code_id;
  self->current_passage_id = mg_annotation_get_id (annotation);
  /* The selection would hide the new colour: the passage itself is now the thing selected
   * (Shift+arrows resize it, N notes it). */
  mg_reader_clear_selection (self->reader);
}

static void
tag_with_key (MgWindow *self,
              guint     key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_get_code_for_key (self->store, key, &error);

  if (code == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No code has the key %u yet"), key);
      mg_window_show_toast (self, error ? error->message : message);
      return;
    }
  tag_selection (self, mg_code_get_id (code));
}

/* Where the selection (or @offset) is, in the reader's coordinates, for a popover. */
static GdkRectangle
rectangle_at (MgWindow *self,
              gint64    offset)
{
  GtkTextView *view = mg_reader_get_text_view (self->reader);
  GtkTextIter iter;
  GdkRectangle rect;
  graphene_point_t point;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  if (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self->reader),
                                &GRAPHENE_POINT_INIT (x, y), &point))
    {
      rect.x = (int) point.x;
      rect.y = (int) point.y;
    }
  rect.width = MAX (rect.width, 1);
  return rect;
}

static void
open_palette (MgWindow *self)
{
  gint64 start, end;
  GdkRectangle rect;

  if (!selection_or_toast (self, &start, &end))
    return;
  rect = rectangle_at (self, start);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->palette), &rect);
  mg_code_palette_set_query (self->palette, "");
  gtk_popover_popup (GTK_POPOVER (self->palette));
}

static void
show_passage (MgWindow *self,
              gint64    annotation_id,
              gboolean  focus_note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = mg_store_get_annotation (self->store, annotation_id,
                                                                &error);
  GdkRectangle rect;

  if (annotation == NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  self->current_passage_id = annotation_id;
  rect = rectangle_at (self, mg_annotation_get_start (annotation));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->passage_popover), &rect);
  mg_passage_popover_show (self->passage_popover, annotation, self->codes, focus_note);
}

/* N: the note of the passage just tagged or clicked, or of the one under the selection. */
static void
edit_note (MgWindow *self)
{
  g_autoptr(GArray) ids = NULL;
  gint64 start, end;

  /* Without a selection, the caret: a keyboard user reaches a passage by moving it there. */
  if (self->current_passage_id == 0)
    {
      mg_reader_get_selection (self->reader, &start, &end);
      ids = mg_highlight_painter_passages_at (mg_reader_get_painter (self->reader), start);
      if (ids->len > 0)
        self->current_passage_id = g_array_index (ids, gint64, 0);
    }
  if (self->current_passage_id == 0)
    {
      mg_window_show_toast (self, _("Click a tagged passage to write its note"));
      return;
    }
  show_passage (self, self->current_passage_id, TRUE);
}

static void
run_edit (MgWindow     *self,
          gint64        annotation_id,
          MgAnnotation *after,
          GError       *error)
{
  if (error != NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  apply_span_edit (self, annotation_id, after);
}

static void
untag (MgWindow *self,
       gint64    annotation_id)
{
  g_autoptr(GError) error = NULL;

  self->applying_edit = TRUE;
  mg_history_untag (self->history, self->store, annotation_id, &error);
  self->applying_edit = FALSE;
  run_edit (self, annotation_id, NULL, error);
  if (error == NULL && self->current_passage_id == annotation_id)
    self->current_passage_id = 0;
}

static void
on_note_saved (MgWindow     *self,
               MgAnnotation *annotation,
               const char   *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) after = NULL;

  self->applying_edit = TRUE;
  after = mg_history_set_note (self->history, self->store, mg_annotation_get_id (annotation),
                               note, &error);
  self->applying_edit = FALSE;
  run_edit (self, mg_annotation_get_id (annotation), after, error);
}

static void
on_code_changed (MgWindow     *self,
                 MgAnnotation *annotation,
                 MgCode       *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) after = NULL;

  self->applying_edit = TRUE;
  after = mg_history_recode (self->history, self->store, mg_annotation_get_id (annotation),
                             mg_code_get_id (code), &error);
  self->applying_edit = FALSE;
  run_edit (self, mg_annotation_get_id (annotation), after, error);
}

static void
on_delete_requested (MgWindow     *self,
                     MgAnnotation *annotation)
{
  untag (self, mg_annotation_get_id (annotation));
}

/* Shift+Right/Left move the current passage's end, Shift+Alt+Right/Left its start, one
 * character at a time (with Ctrl, a word). */
static gboolean
resize_current (MgWindow        *self,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) annotation = NULL;
  g_autoptr(MgAnnotation) after = NULL;
  gint64 start, end, step;

  if (self->current_passage_id == 0)
    return FALSE;
  annotation = mg_store_get_annotation (self->store, self->current_passage_id, NULL);
  if (annotation == NULL)
    return FALSE;
  step = (keyval == GDK_KEY_Right ? 1 : -1) * ((state & GDK_CONTROL_MASK) ? 5 : 1);
  start = mg_annotation_get_start (annotation) + ((state & GDK_ALT_MASK) ? step : 0);
  end = mg_annotation_get_end (annotation) + ((state & GDK_ALT_MASK) ? 0 : step);
  self->applying_edit = TRUE;
  after = mg_history_resize (self->history, self->store, self->current_passage_id, start, end,
                             &error);
  self->applying_edit = FALSE;
  run_edit (self, self->current_passage_id, after, error);
  if (after != NULL)
    mg_reader_select_range (self->reader, mg_annotation_get_start (after),
                            mg_annotation_get_end (after));
  return TRUE;
}

/* Enter opens the passage under the caret, as a click on it does: the keyboard's way in. */
static gboolean
open_passage_at_caret (MgWindow *self)
{
  g_autoptr(GArray) ids = NULL;
  gint64 start, end;

  if (mg_reader_get_selection (self->reader, &start, &end))
    return GDK_EVENT_PROPAGATE;
  ids = mg_highlight_painter_passages_at (mg_reader_get_painter (self->reader), start);
  if (ids->len == 0)
    return GDK_EVENT_PROPAGATE;
  show_passage (self, g_array_index (ids, gint64, 0), FALSE);
  return GDK_EVENT_STOP;
}

static guint
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  return 0;
}

static gboolean
on_reader_key_pressed (MgWindow              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  guint digit = digit_of (keyval);

  if ((keyval == GDK_KEY_Left || keyval == GDK_KEY_Right) && (modifiers & GDK_SHIFT_MASK))
    return resize_current (self, keyval, modifiers);
  if (modifiers & ~GDK_SHIFT_MASK)
    return GDK_EVENT_PROPAGATE;
  if (digit > 0)
    tag_with_key (self, digit);
  else if (keyval == GDK_KEY_t || keyval == GDK_KEY_T)
    open_palette (self);
  else if (keyval == GDK_KEY_n || keyval == GDK_KEY_N)
    edit_note (self);
  else if (keyval == GDK_KEY_Delete && self->current_passage_id != 0)
    untag (self, self->current_passage_id);
  else if (keyval == GDK_KEY_Escape && self->current_passage_id != 0)
    self->current_passage_id = 0;
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    return open_passage_at_caret (self);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

/* A click on a tagged passage (not the end of a drag that selects) opens it; where passages
 * overlap, the innermost, the one painted on top. */
static void
on_reader_released (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MgWindow        *self)
{
  GtkTextView *view = mg_reader_get_text_view (self->reader);
  g_autoptr(GArray) ids = NULL;
  GtkTextIter iter;
  gint64 start, end;
  int bx, by;

  if (n_press != 1 || (mg_reader_get_selection (self->reader, &start, &end) && start != end))
    return;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  ids = mg_highlight_painter_passages_at (mg_reader_get_painter (self->reader),
                                          gtk_text_iter_get_offset (&iter));
  if (ids->len == 0)
    {
      self->current_passage_id = 0;
      return;
    }
  show_passage (self, g_array_index (ids, gint64, 0), FALSE);
}

static void
on_annotation_activated (MgWindow     *self,
                         MgAnnotation *annotation)
{
  MgDocument *document = current_document (self);

  if ((document == NULL || mg_document_get_id (document) != mg_annotation_get_document_id (annotation))
      && !mg_window_open_document (self, mg_annotation_get_document_id (annotation)))
    return;
  if (mg_annotation_get_orphaned (annotation))
    {
      mg_window_show_toast (self, _("This passage was not found in the new version of the text"));
      return;
    }
  mg_reader_select_range (self->reader, mg_annotation_get_start (annotation),
                          mg_annotation_get_end (annotation));
  self->current_passage_id = mg_annotation_get_id (annotation);
}

static void
on_place_orphan (MgWindow     *self,
                 MgAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;
  MgDocument *document = current_document (self);
  gint64 start, end;

  if (document == NULL || mg_document_get_id (document) != mg_annotation_get_document_id (annotation))
    {
      mg_window_show_toast (self, _("Open the passage’s document and select where it belongs"));
      return;
    }
  if (!selection_or_toast (self, &start, &end))
    return;
  if (!mg_store_place_orphan (self->store, mg_annotation_get_id (annotation), start, end, &error))
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  load_spans (self);
  mg_annotations_panel_reload (mg_side_panel_get_annotations_panel (self->side_panel));
}

static GArray *
entity_ranges (MgEntity *entity)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (MgRange));
  const MgEntitySpan *spans;
  guint n_spans;

  spans = mg_entity_get_spans (entity, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      MgRange range = { spans[i].start, spans[i].end };
      g_array_append_val (ranges, range);
    }
  return ranges;
}

/**
 * mg_window_tag_ranges:
 * @ranges: (element-type MgRange): where to tag in the document shown
 *
 * Tags every range with one code: one action, one undo (ranges that already carry the code
 * are left as they are).
 *
 * Returns: how many passages were newly tagged, or -1 (the user was told why)
 */
gint
mg_window_tag_ranges (MgWindow *self,
                      GArray   *ranges,
                      MgCode   *code)
{
  g_autoptr(GError) error = NULL;
  gint count = mg_history_tag_all (self->history, self->store,
                                   mg_document_get_id (current_document (self)), self->set_id,
                                   mg_code_get_id (code), (MgRange *) (gpointer) ranges->data,
                                   ranges->len, &error);

  if (count < 0)
    mg_window_show_toast (self, error->message);
  return count;
}

/**
 * mg_window_tag_all_mentions:
 *
 * Tags every mention of an entity in the document with one code, as one action.
 *
 * Returns: how many mentions were newly tagged, or -1
 */
gint
mg_window_tag_all_mentions (MgWindow *self,
                            MgEntity *entity,
                            MgCode   *code)
{
  g_autoptr(GArray) ranges = entity_ranges (entity);

  return mg_window_tag_ranges (self, ranges, code);
}

static void
on_tag_ranges_response (AdwMessageDialog *dialog,
                        const char       *response,
                        MgWindow         *self)
{
  GArray *ranges = g_object_get_data (G_OBJECT (dialog), "ranges");
  const char *what = g_object_get_data (G_OBJECT (dialog), "what");
  GtkDropDown *choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  MgCode *code = gtk_drop_down_get_selected_item (choice);
  g_autofree char *message = NULL;
  gint count;

  if (!g_str_equal (response, "tag") || code == NULL || current_document (self) == NULL)
    return;
  count = mg_window_tag_ranges (self, ranges, code);
  if (count < 0)
    return;
  /* Translators: how many passages, what they are ("“Da Nang”"), the code's name. */
  message = g_strdup_printf (ngettext ("Tagged %'d occurrence of %s with “%s”",
                                       "Tagged %'d occurrences of %s with “%s”", count),
                             count, what, mg_code_get_name (code));
  mg_window_show_toast (self, message);
}

/* Asks which code, then tags every range of the document with it in one undoable step. */
static void
ask_code_and_tag (MgWindow   *self,
                  const char *what,
                  GArray     *ranges)
{
  g_autofree char *heading = g_strdup_printf (_("Tag Every Occurrence of %s"), what);
  g_autofree char *body = g_strdup_printf (ngettext ("Its %'u occurrence in this document will "
                                                     "be tagged with the code you choose.",
                                                     "Its %'u occurrences in this document will "

                                                     "be tagged with the code you choose.",
                                                     ranges->len),
                                           ranges->len);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *choice = gtk_drop_down_new (g_object_ref (self->codes),
                                         gtk_property_expression_new (MG_TYPE_CODE, NULL, "name"));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), choice);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "tag", _("_Tag"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "tag",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "ranges", g_array_ref (ranges),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "what", g_strdup (what), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_tag_ranges_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_tag_all_requested (MgWindow *self,
                      MgEntity *entity)
{
  g_autoptr(GArray) ranges = entity_ranges (entity);
  g_autofree char *what = g_strdup_printf ("“%s”", mg_entity_get_name (entity));

  ask_code_and_tag (self, what, ranges);
}

static void
on_find_tag_all (MgWindow  *self,
                 GArray    *matches,
                 MgFindBar *find_bar)
{
  g_autofree char *what = g_strdup_printf ("“%s”", gtk_editable_get_text (
                                             GTK_EDITABLE (gtk_widget_get_template_child (
                                               GTK_WIDGET (find_bar), MG_TYPE_FIND_BAR,
                                               "entry"))));

  ask_code_and_tag (self, what, matches);
}

static void
on_find_match_selected (MgWindow *self,
                        gint64    start,
                        gint64    end)
{
  mg_reader_select_range (self->reader, start, end);
}

static void
find_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  if (current_document (self) != NULL)
    mg_find_bar_open (mg_reader_get_find_bar (self->reader));
}

static void
on_code_activated (MgWindow *self,
                   MgCode   *code)
{
  tag_selection (self, mg_code_get_id (code));
}

/* A name typed in the palette that no code has: the code is made (one undoable step), then
 * the selection tagged with it (another). */
static void
on_new_code_requested (MgWindow   *self,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_history_add_code (self->history, self->store, name, NULL, 0,
                                                &error);

  if (code == NULL)
    {
      mg_window_show_toast (self, error->message);
      return;
    }
  tag_selection (self, mg_code_get_id (code));
}

static void
tag_key_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  tag_with_key (MG_WINDOW (user_data), (guint) g_variant_get_int32 (parameter));
}

static void
tag_palette_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  open_palette (MG_WINDOW (user_data));
}

static void
tag_last_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);

  if (self->last_code_id == 0)
    {
      g_autoptr(MgCode) first = mg_store_get_code_for_key (self->store, 1, NULL);
      self->last_code_id = first ? mg_code_get_id (first) : 0;
    }
  if (self->last_code_id != 0)
    tag_selection (self, self->last_code_id);
}

static void
edit_note_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  edit_note (MG_WINDOW (user_data));
}

static void
undo_redo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MgWindow *self = MG_WINDOW (user_data);
  gboolean undo = g_str_equal (g_action_get_name (G_ACTION (action)), "undo");
  g_autoptr(GError) error = NULL;
  gboolean done = undo ? mg_history_undo (self->history, &error)
                       : mg_history_redo (self->history, &error);

  if (!done && error != NULL)
    mg_window_show_toast (self, error->message);
}

static void
add_actions (MgWindow *self)
{
  static const GActionEntry entries[] = {
    { "tag-key", tag_key_action, "i" },
    { "tag-palette", tag_palette_action },
    { "tag-last", tag_last_action },
    { "edit-note", edit_note_action },
    { "find", find_action },
    { "undo", undo_redo_action },
    { "redo", undo_redo_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}

static void
setup_reader_input (MgWindow *self)
{
  GtkTextView *view = mg_reader_get_text_view (self->reader);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* Capture: Shift+arrows must reach us before the view extends its selection. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_reader_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_reader_released), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
}

static void
setup_popovers (MgWindow *self)
{
  self->palette = mg_code_palette_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->palette), GTK_WIDGET (self->reader));
  g_signal_connect_object (self->palette, "code-chosen", G_CALLBACK (on_code_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->palette, "new-code-requested",
                           G_CALLBACK (on_new_code_requested), self, G_CONNECT_SWAPPED);
  self->passage_popover = mg_passage_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->passage_popover), GTK_WIDGET (self->reader));
  g_signal_connect_object (self->passage_popover, "note-saved", G_CALLBACK (on_note_saved),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->passage_popover, "code-changed", G_CALLBACK (on_code_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->passage_popover, "delete-requested",
                           G_CALLBACK (on_delete_requested), self, G_CONNECT_SWAPPED);
}

static void
on_codes_message (MgWindow   *self,
                  const char *message)
{
  mg_window_show_toast (self, message);
}

void
mg_window_tagging_init (MgWindow *self)
{
  MgCodesPanel *codes_panel = mg_side_panel_get_codes_panel (self->side_panel);
  MgAnnotationsPanel *annotations_panel = mg_side_panel_get_annotations_panel (self->side_panel);

  self->history = mg_history_new ();
  self->code_colours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->spans = g_array_new (FALSE, FALSE, sizeof (MgPassageSpan));
  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  add_actions (self);
  update_undo_actions (self);
  setup_reader_input (self);
  setup_popovers (self);
  g_signal_connect_object (codes_panel, "code-activated", G_CALLBACK (on_code_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (codes_panel, "message", G_CALLBACK (on_codes_message), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (annotations_panel, "annotation-activated",
                           G_CALLBACK (on_annotation_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (annotations_panel, "place-orphan", G_CALLBACK (on_place_orphan),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mg_side_panel_get_entity_panel (self->side_panel), "tag-all-requested",
                           G_CALLBACK (on_tag_all_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mg_reader_get_find_bar (self->reader), "match-selected",
                           G_CALLBACK (on_find_match_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mg_reader_get_find_bar (self->reader), "tag-all-requested",
                           G_CALLBACK (on_find_tag_all), self, G_CONNECT_SWAPPED);
}

void
mg_window_tagging_dispose (MgWindow *self)
{
  if (self->palette != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->palette));
  if (self->passage_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->passage_popover));
  self->palette = NULL;
  self->passage_popover = NULL;
  g_clear_object (&self->history);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->code_colours, g_hash_table_unref);
  g_clear_pointer (&self->spans, g_array_unref);
}

/* Once the window has its library: the codebook, the default set, the panels. */
void
mg_window_tagging_set_store (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotationSet) set = mg_store_get_default_annotation_set (self->store, &error);
  MgCodesPanel *codes_panel = mg_side_panel_get_codes_panel (self->side_panel);
  g_autofree char *author = NULL;

  if (set == NULL)
    mg_window_show_toast (self, error->message);
  else
    self->set_id = mg_annotation_set_get_id (set);
  /* Passages carry their author: the name in the preferences, else the account's. */
  author = mg_window_get_author_name (self);
  if (set != NULL && g_strcmp0 (mg_annotation_set_get_author (set), "") == 0 && author != NULL
      && !mg_store_set_annotation_set_author (self->store, self->set_id, author, &error))
    g_warning ("Could not name the author of the annotations: %s", error->message);
  mg_codes_panel_set_store (codes_panel, self->store);
  mg_codes_panel_set_history (codes_panel, self->history);
  mg_passage_announcer_set_store (mg_reader_get_announcer (self->reader), self->store);
  mg_annotations_panel_set_store (mg_side_panel_get_annotations_panel (self->side_panel),
                                  self->store);
  load_codes (self);
}

/* The reader shows another document: paint its passages and list them. */
void
mg_window_tagging_show_document (MgWindow *self)
{
  self->current_passage_id = 0;
  load_spans (self);
  mg_annotations_panel_set_document (mg_side_panel_get_annotations_panel (self->side_panel),
                                     current_document (self));
}

/**
 * mg_window_reload_after_import:
 *
 * Shows what an import added: documents, codes, sets, passages, entity decisions.
 */
void
mg_window_reload_after_import (MgWindow *self)
{
  MgAnnotationsPanel *annotations_panel = mg_side_panel_get_annotations_panel (self->side_panel);

  mg_window_reload_library (self);
  load_codes (self);
  load_spans (self);
  mg_annotations_panel_reload_sets (annotations_panel);
  mg_annotations_panel_reload (annotations_panel);
  mg_codes_panel_reload (mg_side_panel_get_codes_panel (self->side_panel));
  mg_entity_panel_reload (mg_side_panel_get_entity_panel (self->side_panel));
}
