/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Says in words what the reader shows in colour. Highlights and entity underlines are told
 * apart by colour alone, which neither a screen reader nor a reader who cannot tell the
 * colours apart gets; so wherever the caret is, the codes of the passages under it, whether
 * one carries a note, and the type of an entity mention there become a line of text: shown
 * under the reader, set as the text view's accessible description (GTK 4.8 has no way to
 * announce, and a screen reader reads the focused view's description), and given as the
 * tooltip of whatever the pointer rests on. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-annotation.h"
#include "mg-code.h"
#include "mg-entity-mention.h"
#include "mg-passage-announcer.h"
#include "mg-store-annotations.h"

struct _MgPassageAnnouncer
{
  GObject parent_instance;

  GtkTextView *view;           /* not owned: the reader owns both */
  GtkLabel *status;            /* not owned, may be NULL */
  MgHighlightPainter *painter;
  MgStore *store;
  GListModel *codes;           /* MgCode */
  char *description;           /* what the caret is on, "" for plain text */
};

G_DEFINE_FINAL_TYPE (MgPassageAnnouncer, mg_passage_announcer, G_TYPE_OBJECT)

static void
mg_passage_announcer_dispose (GObject *object)
{
  MgPassageAnnouncer *self = MG_PASSAGE_ANNOUNCER (object);

  g_clear_object (&self->painter);
  g_clear_object (&self->store);
  g_clear_object (&self->codes);
  G_OBJECT_CLASS (mg_passage_announcer_parent_class)->dispose (object);
}

static void
mg_passage_announcer_finalize (GObject *object)
{
  MgPassageAnnouncer *self = MG_PASSAGE_ANNOUNCER (object);

  g_free (self->description);
  G_OBJECT_CLASS (mg_passage_announcer_parent_class)->finalize (object);
}

static void
mg_passage_announcer_class_init (MgPassageAnnouncerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_passage_announcer_dispose;
  object_class->finalize = mg_passage_announcer_finalize;
}

static void
mg_passage_announcer_init (MgPassageAnnouncer *self)
{
  self->description = g_strdup ("");
}

/* The reader marks its entity underline tags with their type (plus one, so 0 means none). */
static const char *
entity_at (MgPassageAnnouncer *self,
           gint64              offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) CLAMP (offset, 0, G_MAXINT));
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      int type = GPOINTER_TO_INT (g_object_get_data (l->data, "mg-entity-type"));

      if (type > 0)
        return mg_entity_type_get_label (type - 1);
    }
  return NULL;
}

static const char *
code_name (MgPassageAnnouncer *self,
           gint64              code_id)
{
  guint n = self->codes ? g_list_model_get_n_items (self->codes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (self->codes, i);

      if (mg_code_get_id (code) == code_id)
        return mg_code_get_name (code);
    }
  return NULL;
}

/* "Tagged: Economy, Trade; note", innermost passage first, each code once. */
static char *
describe_passages (MgPassageAnnouncer *self,
                   GArray             *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  gboolean has_note = FALSE;

  for (guint i = 0; self->store != NULL && i < ids->len; i++)
    {
      g_autoptr(MgAnnotation) annotation =
        mg_store_get_annotation (self->store, g_array_index (ids, gint64, i), NULL);
      const char *name, *note;

      if (annotation == NULL)
        continue;
      name = code_name (self, mg_annotation_get_code_id (annotation));
      note = mg_annotation_get_note (annotation);
      has_note |= note != NULL && *note != '\0';
      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  /* Translators: what separates the code names in "Tagged: Economy, Trade". */
  joined = g_strjoinv (_(", "), (char **) names->pdata);
  /* Translators: the codes of the passage under the caret; "note" says one carries a note. */
  return has_note ? g_strdup_printf (_("Tagged: %s; note"), joined)
                  : g_strdup_printf (_("Tagged: %s"), joined);
}

/**
 * mg_passage_announcer_describe_at:
 * @offset: a code-point offset in the reader's text
 *
 * Returns: (transfer full): the passages and entity at @offset in words, "" for plain text
 */
char *
mg_passage_announcer_describe_at (MgPassageAnnouncer *self,
                                  gint64              offset)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *passages = NULL;
  const char *entity;

  g_return_val_if_fail (MG_IS_PASSAGE_ANNOUNCER (self), NULL);

  ids = mg_highlight_painter_passages_at (self->painter, offset);
  if (ids->len > 0)
    passages = describe_passages (self, ids);
  entity = entity_at (self, offset);
  if (passages != NULL && entity != NULL)
    /* Translators: the passages under the caret, then the type of the entity there. */
    return g_strdup_printf (_("%s. Entity: %s"), passages, entity);
  if (entity != NULL)
    /* Translators: the type of the entity under the caret ("Place"). */
    return g_strdup_printf (_("Entity: %s"), entity);
  return passages ? g_steal_pointer (&passages) : g_strdup ("");
}

static void
publish (MgPassageAnnouncer *self,
         char               *description)
{
  if (g_strcmp0 (self->description, description) == 0)
    {
      g_free (description);
      return;
    }
  g_free (self->description);
  self->description = description;
  if (*description != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->view),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (self->status != NULL)
    {
      gtk_label_set_text (self->status, description);
      gtk_widget_set_visible (GTK_WIDGET (self->status), *description != '\0');
    }
}

/**
 * mg_passage_announcer_refresh:
 *
 * Describes the caret's place anew: after the passages, the codes or the entity marks
 * changed under a caret that stayed where it was.
 */
void
mg_passage_announcer_refresh (MgPassageAnnouncer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter caret;

  g_return_if_fail (MG_IS_PASSAGE_ANNOUNCER (self));

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  publish (self, mg_passage_announcer_describe_at (self, gtk_text_iter_get_offset (&caret)));
}

static void
on_mark_set (MgPassageAnnouncer *self,
             const GtkTextIter  *location,
             GtkTextMark        *mark,
             GtkTextBuffer      *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    mg_passage_announcer_refresh (self);
}

static gboolean
on_query_tooltip (MgPassageAnnouncer *self,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip,
                  GtkWidget          *widget)
{
  g_autofree char *text = NULL;
  GtkTextIter iter;
  int bx, by;

  if (keyboard_mode)
    return FALSE;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->view, &iter, bx, by))
    return FALSE;
  text = mg_passage_announcer_describe_at (self, gtk_text_iter_get_offset (&iter));
  if (*text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * mg_passage_announcer_new:
 * @view: the reader's text view
 * @painter: what paints its passages (and knows where they are)
 * @status: (nullable): a label to show the description in, hidden while it is empty
 */
MgPassageAnnouncer *
mg_passage_announcer_new (GtkTextView        *view,
                          MgHighlightPainter *painter,
                          GtkLabel           *status)
{
  MgPassageAnnouncer *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (MG_IS_HIGHLIGHT_PAINTER (painter), NULL);

  self = g_object_new (MG_TYPE_PASSAGE_ANNOUNCER, NULL);
  self->view = view;
  self->painter = g_object_ref (painter);
  self->status = status;
  g_signal_connect_object (gtk_text_view_get_buffer (view), "mark-set",
                           G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  g_signal_connect_object (view, "query-tooltip", G_CALLBACK (on_query_tooltip), self,
                           G_CONNECT_SWAPPED);
  if (status != NULL)
    gtk_widget_set_visible (GTK_WIDGET (status), FALSE);
  return self;
}

/**
 * mg_passage_announcer_set_store:
 * @store: (nullable): where the passages' codes and notes are read
 */
void
mg_passage_announcer_set_store (MgPassageAnnouncer *self,
                                MgStore            *store)
{
  g_return_if_fail (MG_IS_PASSAGE_ANNOUNCER (self));

  g_set_object (&self->store, store);
  mg_passage_announcer_refresh (self);
}

/**
 * mg_passage_announcer_set_codes:
 * @codes: (nullable): the codebook (MgCode), for the codes' names
 */
void
mg_passage_announcer_set_codes (MgPassageAnnouncer *self,
                                GListModel         *codes)
{
  g_return_if_fail (MG_IS_PASSAGE_ANNOUNCER (self));

  g_set_object (&self->codes, codes);
  mg_passage_announcer_refresh (self);
}

/**
 * mg_passage_announcer_get_description:
 *
 * Returns: what the caret is on in words, "" for plain text
 */
const char *
mg_passage_announcer_get_description (MgPassageAnnouncer *self)
{
  g_return_val_if_fail (MG_IS_PASSAGE_ANNOUNCER (self), NULL);
  return self->description;
}
