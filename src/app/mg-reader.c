/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader: the document's text, read-only but selectable, in a comfortable measure. */
#include "config.h"

#include <adwaita.h>

#include "mg-entity-mention.h"
#include "mg-highlight-painter.h"
#include "mg-passage-announcer.h"
#include "mg-reader.h"
#include "mg-string.h"

/* How long scrolling must rest before the position is reported for saving: often enough to
 * be current, rarely enough not to write to the library on every frame. */
#define POSITION_SETTLE_MS 400

/* The page's side margins, in pixels, outside the measure of the text. */
#define SIDE_MARGIN 24

struct _MgReader
{
  GtkWidget parent_instance;

  GtkWidget *content;
  MgFindBar *find_bar;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkTextView *text_view;
  GtkLabel *passage_status;
  AdwClamp *clamp;

  /* Reading comfort, from the preferences */
  char *font_family;              /* empty for the theme's font */
  int font_size;                  /* points */
  double line_spacing;            /* line height as a multiple of the font size */
  int line_width;                 /* average characters */
  GtkCssProvider *font_css;

  MgDocument *document;
  GtkTextMark *restore_mark;
  GtkTextMark *selection_mark;
  GtkTextTag *current_tag;
  MgHighlightPainter *painter;
  MgPassageAnnouncer *announcer;
  GtkTextTag *entity_tags[MG_ENTITY_N_TYPES];
  guint position_timeout_id;
};

G_DEFINE_FINAL_TYPE (MgReader, mg_reader, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FONT_FAMILY,
  PROP_FONT_SIZE,
  PROP_LINE_SPACING,
  PROP_LINE_WIDTH,
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
  g_clear_object (&self->announcer);
  g_clear_object (&self->painter);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_READER);
  g_clear_object (&self->document);
  g_clear_object (&self->font_css);

  G_OBJECT_CLASS (mg_reader_parent_class)->dispose (object);
}

static void
mg_reader_finalize (GObject *object)
{
  MgReader *self = MG_READER (object);

  g_free (self->font_family);

  G_OBJECT_CLASS (mg_reader_parent_class)->finalize (object);
}

/* CSS wants a family name quoted, with its own quotes and backslashes escaped. */
static void
append_css_family (GString    *css,
                   const char *family)
{
  g_string_append_c (css, '"');
  for (const char *p = family; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

/* The font the text is shown in, as Pango sees it, for measuring the line. */
static PangoFontDescription *
reading_font (MgReader *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

  if (self->font_family[0] != '\0')
    pango_font_description_set_family (font, self->font_family);
  pango_font_description_set_size (font, self->font_size * PANGO_SCALE);
  return font;
}

/* A measure in characters rather than pixels, so a larger font keeps the same line. */
static void
apply_line_width (MgReader *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  g_autoptr(PangoFontDescription) font = reading_font (self);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;

  pango_font_metrics_unref (metrics);

  adw_clamp_set_maximum_size (self->clamp,
                              self->line_width * MAX (char_width, 1) + 2 * SIDE_MARGIN);
  adw_clamp_set_tightening_threshold (self->clamp,
                                      MIN (600, adw_clamp_get_maximum_size (self->clamp)));
}

/* Points are 1/72 inch and the display is taken at 96 dpi, as GTK's CSS does. */
static void
apply_line_spacing (MgReader *self)
{
  int extra = (int) (self->font_size * 96.0 / 72.0 * (self->line_spacing - 1.0) + 0.5);

  gtk_text_view_set_pixels_inside_wrap (self->text_view, extra);
  gtk_text_view_set_pixels_below_lines (self->text_view, extra);
}

static void
apply_reading_style (MgReader *self)
{
  g_autoptr(GString) css = g_string_new ("textview.reader-text { ");

  if (self->font_family[0] != '\0')
    {
      g_string_append (css, "font-family: ");
      append_css_family (css, self->font_family);
      g_string_append (css, "; ");
    }
  g_string_append_printf (css, "font-size: %dpt; }", self->font_size);
  gtk_css_provider_load_from_data (self->font_css, css->str, -1);
  apply_line_spacing (self);
  apply_line_width (self);
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
    case PROP_FONT_FAMILY:
      g_value_set_string (value, self->font_family);
      break;
    case PROP_FONT_SIZE:
      g_value_set_int (value, self->font_size);
      break;
    case PROP_LINE_SPACING:
      g_value_set_double (value, self->line_spacing);
      break;
    case PROP_LINE_WIDTH:
      g_value_set_int (value, self->line_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_reader_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MgReader *self = MG_READER (object);

  switch (prop_id)
    {
    case PROP_FONT_FAMILY:
      mg_reader_set_font_family (self, g_value_get_string (value));
      break;
    case PROP_FONT_SIZE:
      mg_reader_set_font_size (self, g_value_get_int (value));
      break;
    case PROP_LINE_SPACING:
      mg_reader_set_line_spacing (self, g_value_get_double (value));
      break;
    case PROP_LINE_WIDTH:
      mg_reader_set_line_width (self, g_value_get_int (value));
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
  object_class->finalize = mg_reader_finalize;
  object_class->get_property = mg_reader_get_property;
  object_class->set_property = mg_reader_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MG_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_SIZE] =
    g_param_spec_int ("font-size", NULL, NULL, MG_READER_MIN_FONT_SIZE, MG_READER_MAX_FONT_SIZE,
                      MG_READER_DEFAULT_FONT_SIZE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_SPACING] =
    g_param_spec_double ("line-spacing", NULL, NULL, 1.0, 2.5, 1.3,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_WIDTH] =
    g_param_spec_int ("line-width", NULL, NULL, 30, 200, 72,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, MgReader, passage_status);
  gtk_widget_class_bind_template_child (widget_class, MgReader, clamp);
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
  self->announcer = mg_passage_announcer_new (self->text_view, self->painter,
                                              self->passage_status);
  mg_find_bar_set_view (self->find_bar, self->text_view);

  self->font_family = g_strdup ("");
  self->font_size = MG_READER_DEFAULT_FONT_SIZE;
  self->line_spacing = 1.3;
  self->line_width = 72;
  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->font_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  apply_reading_style (self);
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

/* One underline colour per type, the same as the dots of the Entities page. The tag carries
 * its type (plus one), so the passage announcer can name it in words. */
static GtkTextTag *
entity_tag (MgReader     *self,
            MgEntityType  type)
{
  GtkTextBuffer *buffer;
  GdkRGBA rgba;

  if (self->entity_tags[type] != NULL)
    return self->entity_tags[type];
  buffer = gtk_text_view_get_buffer (self->text_view);
  gdk_rgba_parse (&rgba, mg_entity_type_colour (type));
  self->entity_tags[type] = gtk_text_buffer_create_tag (buffer, NULL,
                                                        "underline", PANGO_UNDERLINE_DOUBLE,
                                                        "underline-rgba", &rgba, NULL);
  g_object_set_data (G_OBJECT (self->entity_tags[type]), "mg-entity-type",
                     GINT_TO_POINTER (type + 1));
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
  mg_passage_announcer_refresh (self->announcer);
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

/**
 * mg_reader_set_font_family:
 * @family: a font family name, or "" for the theme's font
 */
void
mg_reader_set_font_family (MgReader   *self,
                           const char *family)
{
  g_return_if_fail (MG_IS_READER (self));

  if (family == NULL)
    family = "";
  if (!mg_set_str (&self->font_family, family))
    return;
  apply_reading_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
}

/**
 * mg_reader_set_font_size:
 * @points: the text's size in points, clamped to what the reader offers
 */
void
mg_reader_set_font_size (MgReader *self,
                         int       points)
{
  g_return_if_fail (MG_IS_READER (self));

  points = CLAMP (points, MG_READER_MIN_FONT_SIZE, MG_READER_MAX_FONT_SIZE);
  if (self->font_size == points)
    return;
  self->font_size = points;
  apply_reading_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SIZE]);
}

/**
 * mg_reader_set_line_spacing:
 * @spacing: a line's height as a multiple of the font size, 1.0 to 2.5
 */
void
mg_reader_set_line_spacing (MgReader *self,
                            double    spacing)
{
  g_return_if_fail (MG_IS_READER (self));

  spacing = CLAMP (spacing, 1.0, 2.5);
  if (G_APPROX_VALUE (self->line_spacing, spacing, 0.001))
    return;
  self->line_spacing = spacing;
  apply_line_spacing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_SPACING]);
}

/**
 * mg_reader_set_line_width:
 * @characters: the longest line, in average characters of the reading font
 */
void
mg_reader_set_line_width (MgReader *self,
                          int       characters)
{
  g_return_if_fail (MG_IS_READER (self));

  characters = CLAMP (characters, 30, 200);
  if (self->line_width == characters)
    return;
  self->line_width = characters;
  apply_line_width (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_WIDTH]);
}

/**
 * mg_reader_get_announcer:
 *
 * Returns: (transfer none): what says in words which passages and entity the caret is on
 */
MgPassageAnnouncer *
mg_reader_get_announcer (MgReader *self)
{
  g_return_val_if_fail (MG_IS_READER (self), NULL);
  return self->announcer;
}
