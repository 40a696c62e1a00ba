/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A tagged passage up close: its code (changeable), its quote, its note (editable), who
 * tagged it and when, and a way to remove the tag. */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-passage-popover.h"

struct _MgPassagePopover
{
  GtkPopover parent_instance;

  GtkDropDown *code_choice;
  GtkLabel *quote_label;
  GtkTextView *note_view;
  GtkLabel *details_label;
  GtkButton *save_button;

  MgAnnotation *annotation;
  gulong code_handler;
};

G_DEFINE_FINAL_TYPE (MgPassagePopover, mg_passage_popover, GTK_TYPE_POPOVER)

enum {
  NOTE_SAVED,
  CODE_CHANGED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_save_clicked (MgPassagePopover *self)
{
  g_autofree char *note = mg_passage_popover_get_note (self);

  if (self->annotation == NULL)
    return;
  g_signal_emit (self, signals[NOTE_SAVED], 0, self->annotation, note);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_delete_clicked (MgPassagePopover *self)
{
  if (self->annotation == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->annotation);
}

static void
on_code_selected (MgPassagePopover *self)
{
  MgCode *code = gtk_drop_down_get_selected_item (self->code_choice);

  if (self->annotation == NULL || code == NULL
      || mg_code_get_id (code) == mg_annotation_get_code_id (self->annotation))
    return;
  g_signal_emit (self, signals[CODE_CHANGED], 0, self->annotation, code);
}

/* Ctrl+Enter saves from inside the note, as the tooltip says. */
static gboolean
on_note_key_pressed (MgPassagePopover      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      on_save_clicked (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
mg_passage_popover_dispose (GObject *object)
{
  MgPassagePopover *self = MG_PASSAGE_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_PASSAGE_POPOVER);
  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (mg_passage_popover_parent_class)->dispose (object);
}

static void
install_signals (GObjectClass *klass)
{
  /**
   * MgPassagePopover::note-saved:
   * @annotation: the passage
   * @note: its new note, possibly empty
   */
  signals[NOTE_SAVED] =
    g_signal_new ("note-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, MG_TYPE_ANNOTATION, G_TYPE_STRING);
  /**
   * MgPassagePopover::code-changed:
   * @annotation: the passage
   * @code: the code chosen for it
   */
  signals[CODE_CHANGED] =
    g_signal_new ("code-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, MG_TYPE_ANNOTATION, MG_TYPE_CODE);
  /**
   * MgPassagePopover::delete-requested:
   * @annotation: the passage whose tag should go
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_ANNOTATION);
}

static void
mg_passage_popover_class_init (MgPassagePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_passage_popover_dispose;
  install_signals (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marginalia/Marginalia/"
                                               "mg-passage-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MgPassagePopover, code_choice);
  gtk_widget_class_bind_template_child (widget_class, MgPassagePopover, quote_label);
  gtk_widget_class_bind_template_child (widget_class, MgPassagePopover, note_view);
  gtk_widget_class_bind_template_child (widget_class, MgPassagePopover, details_label);
  gtk_widget_class_bind_template_child (widget_class, MgPassagePopover, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
mg_passage_popover_init (MgPassagePopover *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_expression (self->code_choice,
                                gtk_property_expression_new (MG_TYPE_CODE, NULL, "name"));
  self->code_handler = g_signal_connect_swapped (self->code_choice, "notify::selected",
                                                 G_CALLBACK (on_code_selected), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_note_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), keys);
}

MgPassagePopover *
mg_passage_popover_new (void)
{
  return g_object_new (MG_TYPE_PASSAGE_POPOVER, NULL);
}

static char *
format_details (MgAnnotation *annotation)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mg_annotation_get_modified (annotation));
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: when a passage was tagged or last changed, in strftime format. */
  g_autofree char *when = local ? g_date_time_format (local, _("%e %b %Y, %H:%M")) : g_strdup ("");
  const char *author = mg_annotation_get_author (annotation);

  g_strstrip (when);
  if (author == NULL || *author == '\0')
    return g_steal_pointer (&when);
  /* Translators: who tagged a passage, then when. */
  return g_strdup_printf (_("%s · %s"), author, when);
}

static void
select_code (MgPassagePopover *self,
             GListModel       *codes,
             gint64            code_id)
{
  guint n = g_list_model_get_n_items (codes);

  g_signal_handler_block (self->code_choice, self->code_handler);
  gtk_drop_down_set_model (self->code_choice, codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgCode) code = g_list_model_get_item (codes, i);

      if (mg_code_get_id (code) == code_id)
        gtk_drop_down_set_selected (self->code_choice, i);
    }
  g_signal_handler_unblock (self->code_choice, self->code_handler);
}

/**
 * mg_passage_popover_show:
 * @annotation: the passage to show
 * @codes: the codebook, for changing the passage's code
 * @focus_note: %TRUE to put the cursor in the note (key N), %FALSE to look only
 *
 * Fills the popover and pops it up where its parent pointed it.
 */
void
mg_passage_popover_show (MgPassagePopover *self,
                         MgAnnotation     *annotation,
                         GListModel       *codes,
                         gboolean          focus_note)
{
  g_autofree char *details = NULL;
  g_autofree char *quote = NULL;

  g_return_if_fail (MG_IS_PASSAGE_POPOVER (self));

  g_set_object (&self->annotation, annotation);
  select_code (self, codes, mg_annotation_get_code_id (annotation));
  quote = g_strdup_printf ("“%s”", mg_annotation_get_quote (annotation));
  gtk_label_set_text (self->quote_label, quote);
  mg_passage_popover_set_note (self, mg_annotation_get_note (annotation));
  details = format_details (annotation);
  gtk_label_set_text (self->details_label, details);
  gtk_popover_popup (GTK_POPOVER (self));
  if (focus_note)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/**
 * mg_passage_popover_get_annotation:
 *
 * Returns: (transfer none) (nullable): the passage shown
 */
MgAnnotation *
mg_passage_popover_get_annotation (MgPassagePopover *self)
{
  g_return_val_if_fail (MG_IS_PASSAGE_POPOVER (self), NULL);
  return self->annotation;
}

/**
 * mg_passage_popover_get_note:
 *
 * Returns: (transfer full): the note as typed, trimmed
 */
char *
mg_passage_popover_get_note (MgPassagePopover *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *note;

  g_return_val_if_fail (MG_IS_PASSAGE_POPOVER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (note);
}

void
mg_passage_popover_set_note (MgPassagePopover *self,
                             const char       *note)
{
  g_return_if_fail (MG_IS_PASSAGE_POPOVER (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}
