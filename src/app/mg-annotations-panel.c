/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Annotations page: every tagged passage of the document in reading order, or, across
 * the library, every passage of one code; filtered by code and annotation set. A click takes
 * the reader there. Passages that a new version of the text could not place are listed too,
 * flagged, never dropped. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-annotation-set.h"
#include "mg-annotations-panel.h"
#include "mg-code.h"
#include "mg-store-annotations.h"

/* A quote longer than this is shortened in the list; the reader shows it whole. */
#define QUOTE_PREVIEW_CHARS 140

struct _MgAnnotationsPanel
{
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkToggleButton *document_scope_button;
  GtkToggleButton *corpus_scope_button;
  GtkDropDown *code_filter;
  GtkDropDown *set_filter;
  GtkStack *stack;
  GtkListBox *list_box;
  AdwStatusPage *empty_page;

  MgStore *store;
  MgDocument *document;
  GListModel *codes;                 /* MgCode of the codebook */
  GHashTable *colours;               /* code id -> "#rrggbb" */
  GHashTable *names;                 /* code id -> name */
  GListModel *annotations;
  gboolean filling_filters;
  gboolean stale;                    /* something changed while the page was not shown */
};

G_DEFINE_FINAL_TYPE (MgAnnotationsPanel, mg_annotations_panel, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  PLACE_ORPHAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
showing_corpus (MgAnnotationsPanel *self)
{
  return gtk_toggle_button_get_active (self->corpus_scope_button);
}

static gint64
selected_code_id (MgAnnotationsPanel *self)
{
  MgCode *code = gtk_drop_down_get_selected_item (self->code_filter);

  return code ? mg_code_get_id (code) : 0;
}

static gint64
selected_set_id (MgAnnotationsPanel *self)
{
  MgAnnotationSet *set = gtk_drop_down_get_selected_item (self->set_filter);

  return set ? mg_annotation_set_get_id (set) : 0;
}

static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdup (text ? text : "");

  g_strdelimit (flat, "\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= QUOTE_PREVIEW_CHARS)
    return g_steal_pointer (&flat);
  *g_utf8_offset_to_pointer (flat, QUOTE_PREVIEW_CHARS) = '\0';
  return g_strconcat (flat, "…", NULL);
}

static void
draw_colour_bar (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  GdkRGBA colour;

  if (!gdk_rgba_parse (&colour, g_object_get_data (G_OBJECT (area), "colour")))
    return;
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class,
            int         lines)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The heading of a row: the code, and where the passage is (its document in the corpus
 * view), or that it could not be placed in the new version of the text. */
static char *
row_heading (MgAnnotationsPanel *self,
             MgAnnotation       *annotation)
{
  const char *code = g_hash_table_lookup (self->names,
                                          &(gint64) { mg_annotation_get_code_id (annotation) });

  if (mg_annotation_get_orphaned (annotation))
    /* Translators: a code's name; the passage was not found in the new version. */
    return g_strdup_printf (_("%s · not placed in the new version"), code ? code : "");
  if (showing_corpus (self))
    return g_strdup_printf ("%s · %s", code ? code : "",
                            mg_annotation_get_document_title (annotation));
  return g_strdup (code ? code : "");
}

static void
on_place_clicked (GtkButton          *button,
                  MgAnnotationsPanel *self)
{
  g_signal_emit (self, signals[PLACE_ORPHAN], 0,
                 g_object_get_data (G_OBJECT (button), "annotation"));
}

/* A passage the new version could not place is placed by hand: select where it belongs in
 * the reader, then press this. */
static GtkWidget *
make_place_button (MgAnnotationsPanel *self,
                   MgAnnotation       *annotation)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Place at Selection"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Select where this passage belongs in the reader, "
                                         "then place it there"));
  g_object_set_data_full (G_OBJECT (button), "annotation", g_object_ref (annotation),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_place_clicked), self, 0);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgAnnotationsPanel *self = user_data;
  MgAnnotation *annotation = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *bar = gtk_drawing_area_new ();
  const char *colour = g_hash_table_lookup (self->colours,
                                            &(gint64) { mg_annotation_get_code_id (annotation) });
  g_autofree char *heading = row_heading (self, annotation);
  g_autofree char *quote = shorten (mg_annotation_get_quote (annotation));
  g_autofree char *note = shorten (mg_annotation_get_note (annotation));
  g_autofree char *accessible = NULL;

  gtk_widget_set_size_request (bar, 4, -1);
  g_object_set_data_full (G_OBJECT (bar), "colour", g_strdup (colour ? colour : "#888888"),
                          g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_colour_bar, NULL, NULL);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (text), make_label (heading, "caption-heading", 1));
  gtk_box_append (GTK_BOX (text), make_label (quote, NULL, 3));
  if (*note != '\0')
    gtk_box_append (GTK_BOX (text), make_label (note, "dim-label", 2));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  if (mg_annotation_get_orphaned (annotation))
    gtk_box_append (GTK_BOX (box), make_place_button (self, annotation));
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "annotation", g_object_ref (annotation),
                          g_object_unref);
  /* The colour bar says the code only in colour: the row's name says it in words. */
  accessible = *note != '\0'
    /* Translators: a passage as a screen reader reads it: its code (and where it is), the
     * quoted text, its note. */
    ? g_strdup_printf (_("%s: %s. Note: %s"), heading, quote, note)
    /* Translators: a passage as a screen reader reads it: its code, the quoted text. */
    : g_strdup_printf (_("%s: %s"), heading, quote);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

static void
show_annotations (MgAnnotationsPanel *self,
                  GListModel         *annotations)
{
  gboolean empty = annotations == NULL || g_list_model_get_n_items (annotations) == 0;

  g_set_object (&self->annotations, annotations);
  gtk_list_box_bind_model (self->list_box, annotations, create_row, self, NULL);
  if (showing_corpus (self) && selected_code_id (self) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Choose a Code"));
      adw_status_page_set_description (self->empty_page,
                                       _("Pick a code above to read every passage tagged with "
                                         "it, across all documents."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Annotations Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Select text in the reader and press 1–9 or T to tag "
                                         "it with a code; the passages you tag are listed here "
                                         "in reading order."));
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

/**
 * mg_annotations_panel_reload:
 *
 * Lists the passages again, after an edit or when a filter changes.
 */
void
mg_annotations_panel_reload (MgAnnotationsPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) annotations = NULL;

  g_return_if_fail (MG_IS_ANNOTATIONS_PANEL (self));

  if (self->store == NULL || self->filling_filters)
    return;
  /* Listing a book's passages costs tens of milliseconds: not on every tag action while the
   * page is not even shown. It lists them when it is shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  if (showing_corpus (self))
    {
      if (selected_code_id (self) != 0)
        annotations = mg_store_list_annotations_for_code (self->store, selected_code_id (self),
                                                          selected_set_id (self), &error);
    }
  else if (self->document != NULL)
    annotations = mg_store_list_annotations (self->store, mg_document_get_id (self->document),
                                             selected_code_id (self), selected_set_id (self),
                                             &error);
  if (error != NULL)
    g_warning ("Could not list the annotations: %s", error->message);
  show_annotations (self, annotations);
}

static void
on_scope_toggled (MgAnnotationsPanel *self,
                  GtkToggleButton    *button)
{
  if (gtk_toggle_button_get_active (button))
    mg_annotations_panel_reload (self);
}

static void
on_row_activated (MgAnnotationsPanel *self,
                  GtkListBoxRow      *row)
{
  MgAnnotation *annotation = g_object_get_data (G_OBJECT (row), "annotation");

  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

static void
mg_annotations_panel_map (GtkWidget *widget)
{
  MgAnnotationsPanel *self = MG_ANNOTATIONS_PANEL (widget);

  GTK_WIDGET_CLASS (mg_annotations_panel_parent_class)->map (widget);
  if (self->stale)
    mg_annotations_panel_reload (self);
}

static void
mg_annotations_panel_dispose (GObject *object)
{
  MgAnnotationsPanel *self = MG_ANNOTATIONS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_ANNOTATIONS_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->codes);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->colours, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (mg_annotations_panel_parent_class)->dispose (object);
}

static void
mg_annotations_panel_class_init (MgAnnotationsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_annotations_panel_dispose;
  widget_class->map = mg_annotations_panel_map;

  /**
   * MgAnnotationsPanel::annotation-activated:
   * @annotation: the passage to show in the reader (in its document)
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);

  /**
   * MgAnnotationsPanel::place-orphan:
   * @annotation: a passage not placed in the new version, to place at the reader's selection
   */
  signals[PLACE_ORPHAN] =
    g_signal_new ("place-orphan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-annotations-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, content);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, document_scope_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, corpus_scope_button);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, code_filter);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, set_filter);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, MgAnnotationsPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationspanel");
}

static void
mg_annotations_panel_init (MgAnnotationsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->colours = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_drop_down_set_expression (self->code_filter,
                                gtk_property_expression_new (MG_TYPE_CODE, NULL, "name"));
  gtk_drop_down_set_expression (self->set_filter,
                                gtk_property_expression_new (MG_TYPE_ANNOTATION_SET, NULL,
                                                             "name"));
  g_signal_connect_swapped (self->code_filter, "notify::selected",
                            G_CALLBACK (mg_annotations_panel_reload), self);
  g_signal_connect_swapped (self->set_filter, "notify::selected",
                            G_CALLBACK (mg_annotations_panel_reload), self);
  mg_a11y_label_first_of_type (GTK_WIDGET (self->code_filter), GTK_TYPE_TOGGLE_BUTTON,
                               _("Filter by code"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->set_filter), GTK_TYPE_TOGGLE_BUTTON,
                               _("Filter by annotation set"));
  show_annotations (self, NULL);
}

static gint64
code_id_of (gpointer code)
{
  return mg_code_get_id (code);
}

static gint64
set_id_of (gpointer set)
{
  return mg_annotation_set_get_id (set);
}

/* Fills a filter with "All …" first, then @items, keeping the choice when it still exists. */
static void
fill_filter (MgAnnotationsPanel *self,
             GtkDropDown        *filter,
             gpointer            all_item,
             GListModel         *items,
             gint64            (*get_id) (gpointer))
{
  GObject *current = gtk_drop_down_get_selected_item (filter);
  gint64 keep = current ? get_id (current) : 0;
  g_autoptr(GListStore) choices = g_list_store_new (G_OBJECT_TYPE (all_item));
  guint n = items ? g_list_model_get_n_items (items) : 0;
  guint selected = 0;

  g_list_store_append (choices, all_item);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (get_id (item) == keep)
        selected = i + 1;
      g_list_store_append (choices, item);
    }
  self->filling_filters = TRUE;
  gtk_drop_down_set_model (filter, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (filter, selected);
  self->filling_filters = FALSE;
}

static void
index_codes (MgAnnotationsPanel *self)
{
  guint n = self->codes ? g_list_model_get_n_items (self->codes) : 0;

  g_hash_table_remove_all (self->colours);
  g_hash_table_remove_all (self->names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (self->codes, i);
      gint64 *id = g_memdup2 (&(gint64) { mg_code_get_id (code) }, sizeof (gint64));

      g_hash_table_insert (self->colours, id, g_strdup (mg_code_get_colour (code)));
      g_hash_table_insert (self->names, g_memdup2 (id, sizeof (gint64)),
                           g_strdup (mg_code_get_name (code)));
    }
}

/**
 * mg_annotations_panel_set_codes:
 * @codes: the codebook (#MgCode in display order), for colours, names and the filter
 */
void
mg_annotations_panel_set_codes (MgAnnotationsPanel *self,
                                GListModel         *codes)
{
  g_autoptr(MgCode) all_codes = mg_code_new (_("All Codes"), "#888888");

  g_return_if_fail (MG_IS_ANNOTATIONS_PANEL (self));

  g_set_object (&self->codes, codes);
  index_codes (self);
  fill_filter (self, self->code_filter, all_codes, codes,
               code_id_of);
  mg_annotations_panel_reload (self);
}

static void
load_sets (MgAnnotationsPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sets = mg_store_list_annotation_sets (self->store, &error);
  g_autoptr(MgAnnotationSet) all_sets = mg_annotation_set_new (0, NULL, _("All Sets"), NULL,
                                                               NULL);

  if (sets == NULL)
    g_warning ("Could not list the annotation sets: %s", error->message);
  fill_filter (self, self->set_filter, all_sets, sets,
               set_id_of);
}

/**
 * mg_annotations_panel_reload_sets:
 *
 * Lists the annotation sets again in the filter, after an import added one.
 */
void
mg_annotations_panel_reload_sets (MgAnnotationsPanel *self)
{
  g_return_if_fail (MG_IS_ANNOTATIONS_PANEL (self));

  if (self->store != NULL)
    load_sets (self);
}

void
mg_annotations_panel_set_store (MgAnnotationsPanel *self,
                                MgStore            *store)
{
  g_return_if_fail (MG_IS_ANNOTATIONS_PANEL (self));

  if (!g_set_object (&self->store, store))
    return;
  load_sets (self);
  mg_annotations_panel_reload (self);
}

/**
 * mg_annotations_panel_set_document:
 * @document: (nullable): the document in the reader
 */
void
mg_annotations_panel_set_document (MgAnnotationsPanel *self,
                                   MgDocument         *document)
{
  g_return_if_fail (MG_IS_ANNOTATIONS_PANEL (self));

  if (g_set_object (&self->document, document) && !showing_corpus (self))
    mg_annotations_panel_reload (self);
}

/**
 * mg_annotations_panel_get_annotations:
 *
 * Returns: (transfer none) (nullable): the passages listed
 */
GListModel *
mg_annotations_panel_get_annotations (MgAnnotationsPanel *self)
{
  g_return_val_if_fail (MG_IS_ANNOTATIONS_PANEL (self), NULL);
  return self->annotations;
}
