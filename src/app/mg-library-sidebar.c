/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library: every document of the store with its type, size, passages and import date;
 * sorted as the reader likes; renamed and deleted from its context menu. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-a11y.h"
#include "mg-library-sidebar.h"
#include "mg-store-search.h"

struct _MgLibrarySidebar
{
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkDropDown *sort_choice;
  GtkStack *stack;
  GtkListView *list_view;
  GtkPopoverMenu *context_menu;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkListBox *hit_list;
  GtkSingleSelection *selection;
  GtkSortListModel *sorted;
  MgDocument *menu_document;
};

G_DEFINE_FINAL_TYPE (MgLibrarySidebar, mg_library_sidebar, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  RENAME_REQUESTED,
  DELETE_REQUESTED,
  SEARCH_CHANGED,
  HIT_ACTIVATED,
  N_SIGNALS
};

/* The orders of the sort menu, in its order. */
enum {
  SORT_NEWEST,
  SORT_TITLE,
  SORT_LONGEST,
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

  guint passages = mg_document_get_annotation_count (document);
  g_autofree char *tagged = NULL;

  g_strstrip (date);
  if (passages == 0)
    /* Translators: "12,345 characters · 3 Jan 2026" in the library list. */
    return g_strdup_printf (_("%s · %s"), size, date);
  tagged = g_strdup_printf (ngettext ("%'u passage", "%'u passages", passages), passages);

  /* Translators: "12,345 characters · 4 passages · 3 Jan 2026" in the library list. */
  return g_strdup_printf (_("%s · %s · %s"), size, tagged, date);
}

/* What a screen reader says of a row: what the row shows, the date aside. */
static char *
accessible_row_label (MgDocument *document)
{
  gint64 chars = mg_document_get_char_count (document);
  guint passages = mg_document_get_annotation_count (document);
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, chars);
  g_autofree char *size = g_strdup_printf (ngettext ("%s character", "%s characters",
                                                     (unsigned long) chars),
                                           number);
  g_autofree char *tagged = g_strdup_printf (ngettext ("%'u passage", "%'u passages", passages),
                                             passages);

  /* Translators: a document of the library as a screen reader reads it: its title, its
   * length ("12,345 characters") and how many passages are tagged in it ("4 passages"). */
  return g_strdup_printf (_("%s, %s, %s"), mg_document_get_title (document), size, tagged);
}

static const char *
type_icon (MgDocument *document)
{
  const char *type = mg_document_get_media_type (document);

  return g_str_has_prefix (type ? type : "", "text/") ? "text-x-generic-symbolic"
                                                      : "x-office-document-symbolic";
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
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
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), box);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  MgDocument *document = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *box = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *details_text = format_details (document);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (title), mg_document_get_title (document));
  gtk_widget_set_tooltip_text (title, mg_document_get_title (document));
  gtk_label_set_text (GTK_LABEL (details), details_text);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), type_icon (document));
  g_object_set_data_full (G_OBJECT (row), "document", g_object_ref (document), g_object_unref);
  /* The list view's own row widget (the child's parent) is what takes the focus and what a
   * screen reader names; GTK 4.8 has no list item property for its label. */
  accessible = accessible_row_label (document);
  if (gtk_widget_get_parent (row) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
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

static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  MgLibrarySidebar *self = user_data;
  MgDocument *x = (MgDocument *) a;
  MgDocument *y = (MgDocument *) b;

  switch (gtk_drop_down_get_selected (self->sort_choice))
    {
    case SORT_TITLE:
      return g_utf8_collate (mg_document_get_title (x), mg_document_get_title (y));
    case SORT_LONGEST:
      if (mg_document_get_char_count (x) != mg_document_get_char_count (y))
        return mg_document_get_char_count (x) > mg_document_get_char_count (y) ? -1 : 1;
      return 0;
    default:
      if (mg_document_get_imported (x) != mg_document_get_imported (y))
        return mg_document_get_imported (x) > mg_document_get_imported (y) ? -1 : 1;
      return mg_document_get_id (x) > mg_document_get_id (y) ? -1 : 1;
    }
}

static void
on_sort_changed (MgLibrarySidebar *self)
{
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sorted);

  gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static MgDocument *
document_of_row (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      MgDocument *document = g_object_get_data (G_OBJECT (widget), "document");

      if (document != NULL)
        return document;
    }
  return NULL;
}

static void
popup_menu (MgLibrarySidebar *self,
            MgDocument       *document,
            double            x,
            double            y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (document == NULL)
    return;
  g_set_object (&self->menu_document, document);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_right_click (GtkGestureClick  *gesture,
                int               n_press,
                double            x,
                double            y,
                MgLibrarySidebar *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  popup_menu (self, document_of_row (picked), x, y);
}

static MgDocument *
selected_document (MgLibrarySidebar *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgLibrarySidebar *self = MG_LIBRARY_SIDEBAR (widget);

  popup_menu (self, selected_document (self), 24, 24);
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MgLibrarySidebar *self = MG_LIBRARY_SIDEBAR (widget);
  MgDocument *document = self->menu_document;

  /* From a key, not the menu: the document selected in the list. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->context_menu)) || document == NULL)
    document = selected_document (self);
  if (document == NULL)
    return;
  g_signal_emit (self, signals[g_str_equal (action_name, "library.rename") ? RENAME_REQUESTED
                                                                          : DELETE_REQUESTED],
                 0, document);
}

static gboolean
searching (MgLibrarySidebar *self)
{
  return gtk_search_bar_get_search_mode (self->search_bar)
         && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
show_library_page (MgLibrarySidebar *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  gboolean empty = g_list_model_get_n_items (model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_search_changed (MgLibrarySidebar *self)
{
  if (!searching (self))
    {
      show_library_page (self);
      return;
    }
  g_signal_emit (self, signals[SEARCH_CHANGED], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_mode (MgLibrarySidebar *self)
{
  on_search_changed (self);
}

static void
on_hit_activated (MgLibrarySidebar *self,
                  GtkListBoxRow    *row)
{
  MgSearchHit *hit = g_object_get_data (G_OBJECT (row), "hit");

  if (hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit->document_id, hit->start, hit->end);
}

/* Enter opens the first hit. */
static void
on_search_activate (MgLibrarySidebar *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->hit_list, 0);

  if (first != NULL)
    on_hit_activated (self, first);
}

/* The snippet with the match in bold, the rest escaped. */
static char *
snippet_markup (const MgSearchHit *hit)
{
  const char *text = hit->snippet ? hit->snippet : "";
  glong length = g_utf8_strlen (text, -1);
  glong from = CLAMP (hit->snippet_start, 0, length);
  glong to = CLAMP (hit->snippet_end, from, length);
  const char *a = g_utf8_offset_to_pointer (text, from);
  const char *b = g_utf8_offset_to_pointer (text, to);
  g_autofree char *before = g_markup_escape_text (text, a - text);
  g_autofree char *match = g_markup_escape_text (a, b - a);
  g_autofree char *after = g_markup_escape_text (b, -1);

  return g_strdup_printf ("%s<b>%s</b>%s", before, match, after);
}

static GtkWidget *
hit_row (const MgSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = snippet_markup (hit);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "hit", mg_search_hit_copy (hit),
                          (GDestroyNotify) mg_search_hit_free);
  return row;
}

/* Hits come grouped by document: a heading where the document changes. */
static void
hit_header (GtkListBoxRow *row,
            GtkListBoxRow *before,
            gpointer       user_data)
{
  MgSearchHit *hit = g_object_get_data (G_OBJECT (row), "hit");
  MgSearchHit *previous = before ? g_object_get_data (G_OBJECT (before), "hit") : NULL;
  GtkWidget *header;

  if (previous != NULL && previous->document_id == hit->document_id)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (hit->title);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (header), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 10);
  gtk_list_box_row_set_header (row, header);
}

/**
 * mg_library_sidebar_show_hits:
 * @hits: (element-type MgSearchHit): what a search across the corpus found
 */
void
mg_library_sidebar_show_hits (MgLibrarySidebar *self,
                              GPtrArray        *hits)
{
  GtkWidget *child;

  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hit_list))) != NULL)
    gtk_list_box_remove (self->hit_list, child);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    gtk_list_box_append (self->hit_list, hit_row (g_ptr_array_index (hits, i)));
  if (!searching (self))
    return;
  gtk_stack_set_visible_child_name (self->stack,
                                    hits != NULL && hits->len > 0 ? "hits" : "no-hits");
}

/**
 * mg_library_sidebar_start_search:
 *
 * Shows the search entry (Ctrl+Shift+F) with the focus in it.
 */
void
mg_library_sidebar_start_search (MgLibrarySidebar *self)
{
  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * mg_library_sidebar_search:
 *
 * Searches for @query as if typed.
 */
void
mg_library_sidebar_search (MgLibrarySidebar *self,
                           const char       *query)
{
  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  on_search_changed (self);
}

static void
mg_library_sidebar_dispose (GObject *object)
{
  MgLibrarySidebar *self = MG_LIBRARY_SIDEBAR (object);

  if (self->context_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_LIBRARY_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->menu_document);

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

  /**
   * MgLibrarySidebar::rename-requested:
   * @document: the document the user wants to give another title
   */
  signals[RENAME_REQUESTED] =
    g_signal_new ("rename-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_DOCUMENT);
  /**
   * MgLibrarySidebar::delete-requested:
   * @document: the document the user wants to delete (not asked yet)
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_DOCUMENT);

  /**
   * MgLibrarySidebar::search-changed:
   * @query: what to search for across the corpus
   */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MgLibrarySidebar::hit-activated:
   * @document_id: the document of the hit
   * @start: the match's first code point
   * @end: the code point after it
   */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, hit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, content);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, sort_choice);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, context_menu);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, MgLibrarySidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_install_action (widget_class, "library.rename", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "library.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "library.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "library.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "library.menu", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "librarysidebar");
}

static void
mg_library_sidebar_init (MgLibrarySidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *right_click;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare_documents,
                                                                                  self, NULL)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  g_signal_connect_swapped (self->sort_choice, "notify::selected", G_CALLBACK (on_sort_changed),
                            self);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  mg_a11y_label_button_with_icon (GTK_WIDGET (self->search_bar), "window-close-symbolic",
                                  _("Close the search"));
  mg_a11y_label_first_of_type (GTK_WIDGET (self->sort_choice), GTK_TYPE_TOGGLE_BUTTON,
                               _("Sort the library"));
  gtk_list_box_set_header_func (self->hit_list, hit_header, NULL, NULL);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode), self);
  right_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (right_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (right_click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (right_click));
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
  return gtk_sort_list_model_get_model (self->sorted);
}

void
mg_library_sidebar_set_model (MgLibrarySidebar *self,
                              GListModel       *documents)
{
  gboolean empty;

  g_return_if_fail (MG_IS_LIBRARY_SIDEBAR (self));

  gtk_sort_list_model_set_model (self->sorted, documents);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  empty = documents == NULL || g_list_model_get_n_items (documents) == 0;
  if (!searching (self))
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
