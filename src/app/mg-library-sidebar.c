/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library: every document of the store, newest first, with its size and import date. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-library-sidebar.h"

struct _MgLibrarySidebar
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkListView *list_view;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (MgLibrarySidebar, mg_library_sidebar, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_details (MgDocument *document)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mg_document_get_imported (document));
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: the date a document was imported, in strftime format. */
  g_autofree char *date = local ? g_date_time_format (local, _("%e %b %Y")) : g_strdup ("");
  gint64 chars = mg_document_get_char_count (document);
  /* %' groups digits as the locale does: 12,345 or 12 345. */
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, chars);
  g_autofree char *size = g_strdup_printf (ngettext ("%s character", "%s characters",
                                                     (unsigned long) chars),
                                           number);

  g_strstrip (date);
  /* Translators: "12,345 characters · 3 Jan 2026" in the library list. */
  return g_strdup_printf (_("%s · %s"), size, date);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "library-row-title");
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  MgDocument *document = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *details_text = format_details (document);

  gtk_label_set_text (GTK_LABEL (title), mg_document_get_title (document));
  gtk_widget_set_tooltip_text (title, mg_document_get_title (document));
  gtk_label_set_text (GTK_LABEL (details), details_text);
}

static void
on_list_activate (MgLibrarySidebar *self,
                  guint             position)
{
  g_autoptr(MgDocument) document = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  if (document != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
}

static void
mg_library_sidebar_dispose (GObject *object)
{
  MgLibrarySidebar *self = MG_LIBRARY_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_LIBRARY_SIDEBAR);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (mg_library_sidebar_parent_class)->dispose (object);
}

static void
mg_library_sidebar_class_init (MgLibrarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_library_sidebar_dispose;

  /**
   * MgLibrarySidebar::document-activated:
   * @document: the chosen document (without its text)
   *
   * The user chose a document to read.
   */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "librarysidebar");
}

static void
mg_library_sidebar_init (MgLibrarySidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * mg_library_sidebar_get_model:
 *
 * Returns: (transfer none) (nullable): the documents shown
 */
GListModel *
mg_library_sidebar_get_model (MgLibrarySidebar *self)
{
  g_return_val_if_fail (MG_IS_LIBRARY_SIDEBAR (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}

void
mg_library_sidebar_set_model (MgLibrarySidebar *self,
                              GListModel       *documents)
{
  gboolean empty;

  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  gtk_single_selection_set_model (self->selection, documents);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  empty = documents == NULL || g_list_model_get_n_items (documents) == 0;
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

/* Marks the document being read, so the library shows where the reader is. */
void
mg_library_sidebar_select_document (MgLibrarySidebar *self,
                                    gint64            document_id)
{
  GListModel *model;
  guint n;

  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgDocument) document = g_list_model_get_item (model, i);

      if (mg_document_get_id (document) == document_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
