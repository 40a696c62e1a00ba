/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undo and redo as commands that hold what they need to go both ways: snapshots of
 * annotations (so a passage comes back with its id and uuid, and later commands that name
 * it still find it), old and new values of codes, and what deleting a code changed. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-history.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"

typedef struct _Command Command;
typedef gboolean (*CommandFunc) (Command  *command,
                                 GError  **error);
typedef gboolean (*CodeTextFunc) (MgStore     *store,
                                  gint64       code_id,
                                  const char  *text,
                                  GError     **error);

struct _Command
{
  const char *label;
  MgStore *store;
  gint64 document_id;
  CommandFunc apply;
  CommandFunc revert;

  GPtrArray *annotations;
  MgAnnotation *before;
  MgAnnotation *after;

  gint64 code_id;
  char *old_text;
  char *new_text;
  CodeTextFunc set_text;
  gint64 old_parent;
  gint64 new_parent;
  guint old_position;
  guint new_position;
  gint64 reassign_to;
  MgCodeDeletion *deletion;
};

struct _MgHistory
{
  GObject parent_instance;

  GPtrArray *undo_stack;
  GPtrArray *redo_stack;
};

G_DEFINE_FINAL_TYPE (MgHistory, mg_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
command_free (Command *command)
{
  g_clear_object (&command->store);
  g_clear_pointer (&command->annotations, g_ptr_array_unref);
  g_clear_object (&command->before);
  g_clear_object (&command->after);
  g_free (command->old_text);
  g_free (command->new_text);
  g_clear_pointer (&command->deletion, mg_code_deletion_free);
  g_free (command);
}

static Command *
command_new (const char *label,
             MgStore    *store,
             gint64      document_id,
             CommandFunc apply,
             CommandFunc revert)
{
  Command *command = g_new0 (Command, 1);

  command->label = label;
  command->store = g_object_ref (store);
  command->document_id = document_id;
  command->apply = apply;
  command->revert = revert;
  return command;
}

static void
mg_history_finalize (GObject *object)
{
  MgHistory *self = MG_HISTORY (object);

  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);

  G_OBJECT_CLASS (mg_history_parent_class)->finalize (object);
}

static void
mg_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MgHistory *self = MG_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mg_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mg_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, mg_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, mg_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_history_class_init (MgHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mg_history_finalize;
  object_class->get_property = mg_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgHistory::changed:
   * @document_id: the document whose passages changed, or 0 for the codebook
   *
   * Emitted after an action, an undo or a redo changed the library.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mg_history_init (MgHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
}

/**
 * mg_history_new:
 *
 * Returns: (transfer full): an empty history
 */
MgHistory *
mg_history_new (void)
{
  return g_object_new (MG_TYPE_HISTORY, NULL);
}

gboolean
mg_history_can_undo (MgHistory *self)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
mg_history_can_redo (MgHistory *self)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  Command *command;

  if (stack->len == 0)
    return NULL;
  command = g_ptr_array_index (stack, stack->len - 1);
  return _(command->label);
}

/**
 * mg_history_get_undo_label:
 *
 * Returns: (nullable): what undo would take back, such as "Tag passage"; %NULL when nothing
 */
const char *
mg_history_get_undo_label (MgHistory *self)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);
  return top_label (self->undo_stack);
}

/**
 * mg_history_get_redo_label:
 *
 * Returns: (nullable): what redo would do again; %NULL when nothing
 */
const char *
mg_history_get_redo_label (MgHistory *self)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);
  return top_label (self->redo_stack);
}

typedef struct
{
  gboolean can_undo;
  gboolean can_redo;
  const char *undo_label;
  const char *redo_label;
} State;

static State
get_state (MgHistory *self)
{
  State state = {
    mg_history_can_undo (self), mg_history_can_redo (self),
    mg_history_get_undo_label (self), mg_history_get_redo_label (self),
  };

  return state;
}

/* Notifies what really changed since @before; the labels are compared by identity, as each
 * command's label is a static string and a new command on top may carry the same one. */
static void
notify_state (MgHistory *self,
              State      before,
              gboolean   stacks_changed)
{
  State after = get_state (self);

  if (before.can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before.can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (stacks_changed || g_strcmp0 (before.undo_label, after.undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (stacks_changed || g_strcmp0 (before.redo_label, after.redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/* A performed action becomes the newest step; what could be redone is gone. */
static void
push (MgHistory *self,
      Command   *command)
{
  State before = get_state (self);
  gint64 document_id = command->document_id;

  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, command);
  notify_state (self, before, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, document_id);
}

/* Moves the top command of @from to @to after running it one way; a failure leaves both
 * stacks as they were, so the user can try again. */
static gboolean
step (MgHistory  *self,
      GPtrArray  *from,
      GPtrArray  *to,
      gboolean    undo,
      GError    **error)
{
  State before = get_state (self);
  Command *command;
  gint64 document_id;

  if (from->len == 0)
    return TRUE;
  command = g_ptr_array_index (from, from->len - 1);
  if (!(undo ? command->revert : command->apply) (command, error))
    return FALSE;
  document_id = command->document_id;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_state (self, before, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, document_id);
  return TRUE;
}

/**
 * mg_history_undo:
 *
 * Takes back the newest step. Doing nothing when there is none is a success.
 *
 * Returns: %TRUE on success; on failure the step stays where it was
 */
gboolean
mg_history_undo (MgHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return step (self, self->undo_stack, self->redo_stack, TRUE, error);
}

/**
 * mg_history_redo:
 *
 * Does the newest undone step again.
 *
 * Returns: %TRUE on success; on failure the step stays where it was
 */
gboolean
mg_history_redo (MgHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return step (self, self->redo_stack, self->undo_stack, FALSE, error);
}

/**
 * mg_history_clear:
 *
 * Forgets every step, for example when another library is opened.
 */
void
mg_history_clear (MgHistory *self)
{
  State before;

  g_return_if_fail (MG_IS_HISTORY (self));

  before = get_state (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_state (self, before, FALSE);
}

/* Passages added or removed: the snapshots go back exactly, or away again. */

static gboolean
restore_annotations (Command  *command,
                     GError  **error)
{
  return mg_store_restore_annotations (command->store, command->annotations, error);
}

static gboolean
delete_annotations (Command  *command,
                    GError  **error)
{
  return mg_store_delete_annotations (command->store, command->annotations, error);
}

static Command *
annotations_command (const char *label,
                     MgStore    *store,
                     GPtrArray  *annotations,
                     gboolean    added)
{
  MgAnnotation *first = g_ptr_array_index (annotations, 0);
  Command *command = command_new (label, store, mg_annotation_get_document_id (first),
                                  added ? restore_annotations : delete_annotations,
                                  added ? delete_annotations : restore_annotations);

  command->annotations = g_ptr_array_ref (annotations);
  return command;
}

/**
 * mg_history_tag:
 * @note: (nullable): a note for the passage
 *
 * Tags a passage (see mg_store_add_annotation()) as one undoable step.
 *
 * Returns: (transfer full) (nullable): the new annotation, or %NULL with @error set
 */
MgAnnotation *
mg_history_tag (MgHistory   *self,
                MgStore     *store,
                gint64       document_id,
                gint64       set_id,
                gint64       code_id,
                gint64       start,
                gint64       end,
                const char  *note,
                GError     **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  MgAnnotation *annotation;

  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);

  annotation = mg_store_add_annotation (store, document_id, set_id, code_id, start, end, note,
                                        error);
  if (annotation == NULL)
    return NULL;
  g_ptr_array_add (one, mg_annotation_copy (annotation));
  push (self, annotations_command (N_("Tag passage"), store, one, TRUE));
  return annotation;
}

/**
 * mg_history_tag_all:
 * @ranges: (array length=n_ranges): the occurrences to tag
 *
 * "Tag all occurrences": tags every range with one code as one undoable step. Ranges that
 * already carry the code in this set are left as they are.
 *
 * Returns: how many passages were tagged (0 adds no step), or -1 with @error set
 */
gint
mg_history_tag_all (MgHistory      *self,
                    MgStore        *store,
                    gint64          document_id,
                    gint64          set_id,
                    gint64          code_id,
                    const MgRange  *ranges,
                    guint           n_ranges,
                    GError        **error)
{
  g_autoptr(GPtrArray) added = NULL;

  g_return_val_if_fail (MG_IS_HISTORY (self), -1);

  added = mg_store_add_annotations (store, document_id, set_id, code_id, ranges, n_ranges,
                                    NULL, error);
  if (added == NULL)
    return -1;
  if (added->len > 0)
    push (self, annotations_command (N_("Tag all occurrences"), store, added, TRUE));
  return (gint) MIN (added->len, (guint) G_MAXINT);
}

/**
 * mg_history_untag:
 *
 * Deletes a passage as one undoable step; undo brings it back with its id.
 */
gboolean
mg_history_untag (MgHistory  *self,
                  MgStore    *store,
                  gint64      annotation_id,
                  GError    **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  MgAnnotation *annotation;

  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);

  annotation = mg_store_get_annotation (store, annotation_id, error);
  if (annotation == NULL)
    return FALSE;
  g_ptr_array_add (one, annotation);
  if (!mg_store_delete_annotation (store, annotation_id, error))
    return FALSE;
  push (self, annotations_command (N_("Remove passage"), store, one, FALSE));
  return TRUE;
}

/**
 * mg_history_add_passages:
 * @label: what undo will name the step: a static string marked with N_()
 * @annotations: (element-type MgAnnotation): new passages of one document, not stored yet
 *   (id 0), each with its set, code, range, selectors and note
 *
 * Stores passages made elsewhere (accepted into a consensus set by a merge) in one
 * transaction, as one undoable step. The annotations get their ids. An empty array adds
 * no step.
 */
gboolean
mg_history_add_passages (MgHistory   *self,
                         MgStore     *store,
                         const char  *label,
                         GPtrArray   *annotations,
                         GError     **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  if (annotations->len == 0)
    return TRUE;
  if (!mg_store_restore_annotations (store, annotations, error))
    return FALSE;
  push (self, annotations_command (label, store, annotations, TRUE));
  return TRUE;
}

/* One passage edited: the snapshots before and after are written back whole. */

static gboolean
write_after (Command  *command,
             GError  **error)
{
  return mg_store_update_annotation (command->store, command->after, error);
}

static gboolean
write_before (Command  *command,
              GError  **error)
{
  return mg_store_update_annotation (command->store, command->before, error);
}

static MgAnnotation *
push_edit (MgHistory     *self,
           const char    *label,
           MgStore       *store,
           MgAnnotation  *before,
           MgAnnotation  *after)
{
  Command *command;

  if (before == NULL || after == NULL)
    return after;
  command = command_new (label, store, mg_annotation_get_document_id (after), write_after,
                         write_before);
  command->before = g_object_ref (before);
  command->after = mg_annotation_copy (after);
  push (self, command);
  return after;
}

/**
 * mg_history_recode:
 *
 * Gives a passage another code as one undoable step.
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 */
MgAnnotation *
mg_history_recode (MgHistory  *self,
                   MgStore    *store,
                   gint64      annotation_id,
                   gint64      code_id,
                   GError    **error)
{
  g_autoptr(MgAnnotation) before = NULL;

  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);

  before = mg_store_get_annotation (store, annotation_id, error);
  if (before == NULL)
    return NULL;
  return push_edit (self, N_("Change code"), store, before,
                    mg_store_set_annotation_code (store, annotation_id, code_id, error));
}

/**
 * mg_history_resize:
 *
 * Moves a passage's edges as one undoable step.
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 */
MgAnnotation *
mg_history_resize (MgHistory  *self,
                   MgStore    *store,
                   gint64      annotation_id,
                   gint64      start,
                   gint64      end,
                   GError    **error)
{
  g_autoptr(MgAnnotation) before = NULL;

  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);

  before = mg_store_get_annotation (store, annotation_id, error);
  if (before == NULL)
    return NULL;
  return push_edit (self, N_("Resize passage"), store, before,
                    mg_store_resize_annotation (store, annotation_id, start, end, error));
}

/**
 * mg_history_set_note:
 * @note: (nullable): the new note; %NULL or "" removes it
 *
 * Returns: (transfer full) (nullable): the annotation as stored now, or %NULL with @error set
 */
MgAnnotation *
mg_history_set_note (MgHistory   *self,
                     MgStore     *store,
                     gint64       annotation_id,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(MgAnnotation) before = NULL;

  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);

  before = mg_store_get_annotation (store, annotation_id, error);
  if (before == NULL)
    return NULL;
  return push_edit (self, N_("Edit note"), store, before,
                    mg_store_set_annotation_note (store, annotation_id, note, error));
}

/* Codes added and deleted: a deletion records what it changed, and restoring it brings the
 * code back with its id, so older steps that name the code still work. */

static gboolean
delete_code (Command  *command,
             GError  **error)
{
  MgCodeDeletion *deletion = NULL;

  if (!mg_store_delete_code (command->store, command->code_id, command->reassign_to,
                             &deletion, error))
    return FALSE;
  g_clear_pointer (&command->deletion, mg_code_deletion_free);
  command->deletion = deletion;
  return TRUE;
}

static gboolean
restore_code (Command  *command,
              GError  **error)
{
  if (!mg_store_restore_code (command->store, command->deletion, error))
    return FALSE;
  g_clear_pointer (&command->deletion, mg_code_deletion_free);
  return TRUE;
}

/**
 * mg_history_add_code:
 * @colour: (nullable): "#rrggbb", or %NULL for the next palette colour
 * @parent_id: the parent code, or 0 for the top level
 *
 * Returns: (transfer full) (nullable): the new code, or %NULL with @error set
 */
MgCode *
mg_history_add_code (MgHistory   *self,
                     MgStore     *store,
                     const char  *name,
                     const char  *colour,
                     gint64       parent_id,
                     GError     **error)
{
  MgCode *code;
  Command *command;

  g_return_val_if_fail (MG_IS_HISTORY (self), NULL);

  code = mg_store_add_code (store, name, colour, parent_id, error);
  if (code == NULL)
    return NULL;
  command = command_new (N_("Add code"), store, 0, restore_code, delete_code);
  command->code_id = mg_code_get_id (code);
  push (self, command);
  return code;
}

/**
 * mg_history_delete_code:
 * @reassign_to: the code that takes the passages, or 0 when the code has none
 *
 * Deletes a code (see mg_store_delete_code()) as one undoable step; undo restores it, its
 * place, its children and its passages.
 */
gboolean
mg_history_delete_code (MgHistory  *self,
                        MgStore    *store,
                        gint64      code_id,
                        gint64      reassign_to,
                        GError    **error)
{
  Command *command;

  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);

  command = command_new (N_("Delete code"), store, 0, delete_code, restore_code);
  command->code_id = code_id;
  command->reassign_to = reassign_to;
  if (!delete_code (command, error))
    {
      command_free (command);
      return FALSE;
    }
  push (self, command);
  return TRUE;
}

/* Codes edited in place: the old and new values. */

static gboolean
set_new_text (Command  *command,
              GError  **error)
{
  return command->set_text (command->store, command->code_id, command->new_text, error);
}

static gboolean
set_old_text (Command  *command,
              GError  **error)
{
  return command->set_text (command->store, command->code_id, command->old_text, error);
}

static gboolean
edit_code_text (MgHistory    *self,
                const char   *label,
                MgStore      *store,
                gint64        code_id,
                const char   *text,
                CodeTextFunc  set_text,
                const char * (*get_text) (MgCode *),
                GError      **error)
{
  g_autoptr(MgCode) before = mg_store_get_code (store, code_id, error);
  g_autoptr(MgCode) after = NULL;
  Command *command;

  if (before == NULL || !set_text (store, code_id, text, error))
    return FALSE;
  after = mg_store_get_code (store, code_id, error);
  if (after == NULL)
    return FALSE;
  command = command_new (label, store, 0, set_new_text, set_old_text);
  command->code_id = code_id;
  command->set_text = set_text;
  command->old_text = g_strdup (get_text (before));
  command->new_text = g_strdup (get_text (after));
  push (self, command);
  return TRUE;
}

/**
 * mg_history_rename_code:
 *
 * Renames a code (see mg_store_rename_code()) as one undoable step.
 */
gboolean
mg_history_rename_code (MgHistory   *self,
                        MgStore     *store,
                        gint64       code_id,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return edit_code_text (self, N_("Rename code"), store, code_id, name, mg_store_rename_code,
                         mg_code_get_name, error);
}

/**
 * mg_history_recolour_code:
 * @colour: "#rrggbb"
 */
gboolean
mg_history_recolour_code (MgHistory   *self,
                          MgStore     *store,
                          gint64       code_id,
                          const char  *colour,
                          GError     **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return edit_code_text (self, N_("Change code colour"), store, code_id, colour,
                         mg_store_set_code_colour, mg_code_get_colour, error);
}

/**
 * mg_history_set_code_description:
 * @description: (nullable): the new description
 */
gboolean
mg_history_set_code_description (MgHistory   *self,
                                 MgStore     *store,
                                 gint64       code_id,
                                 const char  *description,
                                 GError     **error)
{
  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);
  return edit_code_text (self, N_("Edit code description"), store, code_id, description,
                         mg_store_set_code_description, mg_code_get_description, error);
}

static gboolean
move_to_new (Command  *command,
             GError  **error)
{
  return mg_store_move_code (command->store, command->code_id, command->new_parent,
                             command->new_position, error);
}

static gboolean
move_to_old (Command  *command,
             GError  **error)
{
  return mg_store_move_code (command->store, command->code_id, command->old_parent,
                             command->old_position, error);
}

/**
 * mg_history_move_code:
 * @parent_id: the new parent, or 0 for the top level
 * @position: the index among the new siblings
 *
 * Moves (or reorders) a code as one undoable step.
 */
gboolean
mg_history_move_code (MgHistory  *self,
                      MgStore    *store,
                      gint64      code_id,
                      gint64      parent_id,
                      guint       position,
                      GError    **error)
{
  g_autoptr(MgCode) before = NULL;
  g_autoptr(MgCode) after = NULL;
  Command *command;

  g_return_val_if_fail (MG_IS_HISTORY (self), FALSE);

  before = mg_store_get_code (store, code_id, error);
  if (before == NULL || !mg_store_move_code (store, code_id, parent_id, position, error))
    return FALSE;
  after = mg_store_get_code (store, code_id, error);
  if (after == NULL)
    return FALSE;
  command = command_new (N_("Move code"), store, 0, move_to_new, move_to_old);
  command->code_id = code_id;
  command->old_parent = mg_code_get_parent_id (before);
  command->old_position = mg_code_get_position (before);
  command->new_parent = mg_code_get_parent_id (after);
  command->new_position = mg_code_get_position (after);
  push (self, command);
  return TRUE;
}
