/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader: the document's text, read-only but selectable, in a comfortable measure. */
#include "config.h"

#include "mg-entity-mention.h"
#include "mg-highlight-painter.h"
#include "mg-reader.h"

/* How long scrolling must rest before the position is reported for saving: often enough to
 * be current, rarely enough not to write to the library on every frame. */
#define POSITION_SETTLE_MS 400

struct _MgReader
{
  GtkWidget parent_instance;

  GtkWidget *content;
  MgFindBar *find_bar;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkTextView *text_view;

  MgDocument *document;
  GtkTextMark *restore_mark;
  GtkTextMark *selection_mark;
  GtkTextTag *current_tag;
  MgHighlightPainter *painter;
  GtkTextTag *entity_tags[MG_ENTITY_N_TYPES];
  guint position_timeout_id;
};

G_DEFINE_FINAL_TYPE (MgReader, mg_reader, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  POSITION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
emit_position_changed (gpointer user_data)
{
  MgReader *self = user_data;

  self->position_timeout_id = 0;
  if (self->document != NULL)
    g_signal_emit (self, signals[POSITION_CHANGED], 0, mg_reader_get_top_offset (self));
  return G_SOURCE_REMOVE;
}

static void
on_scrolled (MgReader      *self,
             GtkAdjustment *adjustment)
{
  g_clear_handle_id (&self->position_timeout_id, g_source_remove);
  self->position_timeout_id = g_timeout_add (POSITION_SETTLE_MS, emit_position_changed, self);
}

static void
mg_reader_dispose (GObject *object)
{
  MgReader *self = MG_READER (object);

  g_clear_handle_id (&self->position_timeout_id, g_source_remove);
  g_clear_object (&self->painter);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_READER);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (mg_reader_parent_class)->dispose (object);
}

static void
mg_reader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgReader *self = MG_READER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_reader_class_init (MgReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_reader_dispose;
  object_class->get_property = mg_reader_get_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MG_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgReader::position-changed:
   * @offset: code-point offset of the first visible character
   *
   * Scrolling came to rest at a new place.
   */
  signals[POSITION_CHANGED] =
    g_signal_new ("position-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (MG_TYPE_FIND_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/mg-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, MgReader, content);
  gtk_widget_class_bind_template_child (widget_class, MgReader, find_bar);
  gtk_widget_class_bind_template_child (widget_class, MgReader, stack);
  gtk_widget_class_bind_template_child (widget_class, MgReader, scroller);
  gtk_widget_class_bind_template_child (widget_class, MgReader, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reader");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mg_reader_init (MgReader *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (on_scrolled), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->painter = mg_highlight_painter_new (self->text_view);
  mg_find_bar_set_view (self->find_bar, self->text_view);
}

/**
 * mg_reader_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown, with its text
 */
MgDocument *
mg_reader_get_document (MgReader *self)
{
  g_return_val_if_fail (MG_IS_READER (self), NULL);
  return self->document;
}

static void
scroll_to_offset (MgReader *self,
                  gint64    offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) CLAMP (offset, 0, G_MAXINT));
  gtk_text_buffer_place_cursor (buffer, &iter);
  if (offset <= 0)
    {
      /* The very top, with the page's top margin, rather than the first line's top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      return;
    }
  /* A mark, not an iter: the view scrolls to it once the lines above are laid out, which for
   * a long text happens after this returns. */
  if (self->restore_mark == NULL)
    self->restore_mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->restore_mark, &iter);
  gtk_text_view_scroll_to_mark (self->text_view, self->restore_mark, 0.0, TRUE, 0.0, 0.0);
}

/**
 * mg_reader_set_document:
 * @document: (nullable): a document with its text, or %NULL for the empty page
 * @offset: code-point offset to bring to the top of the view
 */
void
mg_reader_set_document (MgReader   *self,
                        MgDocument *document,
                        gint64      offset)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (MG_IS_READER (self));
  g_return_if_fail (document == NULL || mg_document_get_text (document) != NULL);

  if (!g_set_object (&self->document, document))
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_clear_handle_id (&self->position_timeout_id, g_source_remove);
  gtk_text_buffer_set_text (buffer, document ? mg_document_get_text (document) : "", -1);
  /* The new text has no passages until the window gives it its own. */
  mg_highlight_painter_set_passages (self->painter, NULL, 0);
  gtk_stack_set_visible_child_name (self->stack, document ? "document" : "empty");
  scroll_to_offset (self, offset);
  mg_find_bar_refresh (self->find_bar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * mg_reader_get_top_offset:
 *
 * Returns: the code-point offset of the first character visible at the top of the reader
 */
gint64
mg_reader_get_top_offset (MgReader *self)
{
  GdkRectangle visible;
  GtkTextIter iter;

  g_return_val_if_fail (MG_IS_READER (self), 0);

  if (self->document == NULL)
    return 0;
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, visible.x, visible.y);
  return gtk_text_iter_get_offset (&iter);
}

/**
 * mg_reader_get_text_view:
 *
 * Returns: (transfer none): the text view, for the window's tests and later tagging
 */
GtkTextView *
mg_reader_get_text_view (MgReader *self)
{
  g_return_val_if_fail (MG_IS_READER (self), NULL);
  return self->text_view;
}

/* A selection is drawn faintly while the focus is in the side panel; the mention walked to
 * gets a mark of its own that stays visible until the next one. */
static void
mark_current (MgReader    *self,
              GtkTextIter *first,
              GtkTextIter *last)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (self->current_tag == NULL)
    self->current_tag = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba",
                                                    &(GdkRGBA) { 0.21, 0.52, 0.89, 0.3 },
                                                    NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->current_tag, first, last);
}

/**
 * mg_reader_select_range:
 *
 * Selects the code points from @start to @end and scrolls them into the middle of the view.
 */
void
mg_reader_select_range (MgReader *self,
                        gint64    start,
                        gint64    end)
{
  GtkTextBuffer *buffer;
  GtkTextIter first, last;

  g_return_if_fail (MG_IS_READER (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &first, (int) CLAMP (start, 0, G_MAXINT));
  gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) CLAMP (end, 0, G_MAXINT));
  gtk_text_buffer_select_range (buffer, &first, &last);
  mark_current (self, &first, &last);
  if (self->selection_mark == NULL)
    self->selection_mark = gtk_text_buffer_create_mark (buffer, NULL, &first, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->selection_mark, &first);
  gtk_text_view_scroll_to_mark (self->text_view, self->selection_mark, 0.1, TRUE, 0.0, 0.4);
}

/**
 * mg_reader_get_selection:
 * @out_start: (out): where the selection starts, or the cursor is
 * @out_end: (out): where it ends
 *
 * Returns: %TRUE when some text is selected
 */
gboolean
mg_reader_get_selection (MgReader *self,
                         gint64   *out_start,
                         gint64   *out_end)
{
  GtkTextBuffer *buffer;
  GtkTextIter first, last;
  gboolean selected;

  g_return_val_if_fail (MG_IS_READER (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  selected = gtk_text_buffer_get_selection_bounds (buffer, &first, &last);
  *out_start = gtk_text_iter_get_offset (&first);
  *out_end = gtk_text_iter_get_offset (&last);
  return selected;
}

/**
 * mg_reader_get_selected_text:
 *
 * Returns: (transfer full) (nullable): the selected text, or %NULL when nothing is selected
 */
char *
mg_reader_get_selected_text (MgReader *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter first, last;

  g_return_val_if_fail (MG_IS_READER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &first, &last))
    return NULL;
  return gtk_text_buffer_get_text (buffer, &first, &last, FALSE);
}

/* One underline colour per type, the same as the dots of the Entities page. */
static GtkTextTag *
entity_tag (MgReader     *self,
            MgEntityType  type)
{
  static const char *const colours[MG_ENTITY_N_TYPES] = {
    "#3584e4", "#9141ac", "#2ec27e", "#e66100", "#e01b24",
  };
  GtkTextBuffer *buffer;
  GdkRGBA rgba;

  if (self->entity_tags[type] != NULL)
    return self->entity_tags[type];
  buffer = gtk_text_view_get_buffer (self->text_view);
  gdk_rgba_parse (&rgba, colours[type]);
  self->entity_tags[type] = gtk_text_buffer_create_tag (buffer, NULL,
                                                        "underline", PANGO_UNDERLINE_DOUBLE,
                                                        "underline-rgba", &rgba, NULL);
  return self->entity_tags[type];
}

/**
 * mg_reader_set_entity_marks:
 * @mentions: (nullable) (element-type MgEntityMention): the mentions to underline, or %NULL
 *   to take every mark away
 */
void
mg_reader_set_entity_marks (MgReader  *self,
                            GPtrArray *mentions)
{
  GtkTextBuffer *buffer;
  GtkTextIter first, last;

  g_return_if_fail (MG_IS_READER (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &first, &last);
  for (guint t = 0; t < MG_ENTITY_N_TYPES; t++)
    if (self->entity_tags[t] != NULL)
      gtk_text_buffer_remove_tag (buffer, self->entity_tags[t], &first, &last);
  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    {
      MgEntityMention *mention = g_ptr_array_index (mentions, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &first, (int) mention->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) mention->end);
      gtk_text_buffer_apply_tag (buffer, entity_tag (self, mention->type), &first, &last);
    }
}

/**
 * mg_reader_get_painter:
 *
 * Returns: (transfer none): what paints the tagged passages
 */
MgHighlightPainter *
mg_reader_get_painter (MgReader *self)
{
  g_return_val_if_fail (MG_IS_READER (self), NULL);
  return self->painter;
}

/**
 * mg_reader_clear_selection:
 *
 * Leaves nothing selected, the cursor at the selection's end, without scrolling.
 */
void
mg_reader_clear_selection (MgReader *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter first, last;

  g_return_if_fail (MG_IS_READER (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (gtk_text_buffer_get_selection_bounds (buffer, &first, &last))
    gtk_text_buffer_place_cursor (buffer, &last);
}

/**
 * mg_reader_get_find_bar:
 *
 * Returns: (transfer none): the reader's find bar
 */
MgFindBar *
mg_reader_get_find_bar (MgReader *self)
{
  g_return_val_if_fail (MG_IS_READER (self), NULL);
  return self->find_bar;
}
