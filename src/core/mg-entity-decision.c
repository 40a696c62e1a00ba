/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mg-entity-decision.h"
#include "mg-entity-fold.h"

G_DEFINE_BOXED_TYPE (MgEntityDecision, mg_entity_decision,
                     mg_entity_decision_copy, mg_entity_decision_free)

/* Aliases may chain (A joins B, B joins C); a loop made by hand must not hang the reader. */
#define MAX_ALIAS_HOPS 16

static const char *const kind_names[] = { "reject", "retype", "add", "alias" };

/**
 * mg_entity_decision_new:
 * @text: the entity's name as shown; its folded form becomes the key
 *
 * Returns: (transfer full): a decision not stored yet
 */
MgEntityDecision *
mg_entity_decision_new (MgEntityDecisionKind  kind,
                        const char           *text,
                        MgEntityType          type,
                        gint64                document)
{
  MgEntityDecision *decision = g_new0 (MgEntityDecision, 1);

  decision->kind = kind;
  decision->text = g_strdup (text);
  decision->key = mg_entity_fold_key (text, -1);
  decision->type = type;
  decision->document = document;
  return decision;
}

MgEntityDecision *
mg_entity_decision_copy (const MgEntityDecision *decision)
{
  MgEntityDecision *copy = g_memdup2 (decision, sizeof *decision);

  copy->key = g_strdup (decision->key);
  copy->text = g_strdup (decision->text);
  copy->alias_of = g_strdup (decision->alias_of);
  return copy;
}

void
mg_entity_decision_free (MgEntityDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->key);
  g_free (decision->text);
  g_free (decision->alias_of);
  g_free (decision);
}

const char *
mg_entity_decision_kind_to_string (MgEntityDecisionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
mg_entity_decision_kind_from_string (const char           *name,
                                     MgEntityDecisionKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *out_kind = (MgEntityDecisionKind) i;
        return TRUE;
      }
  return FALSE;
}

/* The text folded as keys are, with the code-point offset each folded byte came from, so a
 * name the user marked can be found in every spelling. Bytes inside one character's folded
 * form map to -1: a match may not start there. */
typedef struct
{
  GString *folded;
  GArray *offsets;   /* gint64 per byte of folded */
  gint64 n_chars;
} FoldedText;

static void
folded_text_init (FoldedText *folded,
                  const char *text)
{
  gint64 offset = 0;

  folded->folded = g_string_new (NULL);
  folded->offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gsize before = folded->folded->len;

      mg_entity_fold_append_unichar (folded->folded, g_utf8_get_char (p));
      for (gsize i = before; i < folded->folded->len; i++)
        {
          gint64 source = i == before ? offset : -1;
          g_array_append_val (folded->offsets, source);
        }
    }
  folded->n_chars = offset;
}

static void
folded_text_clear (FoldedText *folded)
{
  g_string_free (folded->folded, TRUE);
  g_array_unref (folded->offsets);
}

static gboolean
is_word_char_at (const char *text,
                 gint64      offset,
                 gint64      n_chars)
{
  if (offset < 0 || offset >= n_chars)
    return FALSE;
  return g_unichar_isalnum (g_utf8_get_char (g_utf8_offset_to_pointer (text, offset)));
}

/* The code-point offset just after the character whose folded form holds @last_byte. */
static gint64
folded_end_offset (FoldedText *folded,
                   gsize       last_byte)
{
  for (gsize i = last_byte + 1; i > 0; i--)
    if (g_array_index (folded->offsets, gint64, i - 1) >= 0)
      return g_array_index (folded->offsets, gint64, i - 1) + 1;
  return 0;
}

static gboolean
overlaps (const MgEntityMention *mention,
          gint64                 start,
          gint64                 end)
{
  return mention->start < end && start < mention->end;
}

/* Adds a mention for every whole-word occurrence of the added name, replacing what the
 * extractor found there: the user's reading wins. */
static void
add_marked_name (GPtrArray              *mentions,
                 const MgEntityDecision *decision,
                 const char             *text,
                 FoldedText             *folded)
{
  gsize key_length = strlen (decision->key);
  const char *haystack = folded->folded->str;
  const char *hit;

  if (key_length == 0)
    return;
  for (hit = strstr (haystack, decision->key); hit != NULL; hit = strstr (hit + 1, decision->key))
    {
      gint64 start = g_array_index (folded->offsets, gint64, hit - haystack);
      gint64 end = folded_end_offset (folded, (hit - haystack) + key_length - 1);
      const char *first, *last;

      if (start < 0 || is_word_char_at (text, start - 1, folded->n_chars)
          || is_word_char_at (text, end, folded->n_chars))
        continue;
      for (guint i = mentions->len; i > 0; i--)
        if (overlaps (g_ptr_array_index (mentions, i - 1), start, end))
          g_ptr_array_remove_index (mentions, i - 1);
      first = g_utf8_offset_to_pointer (text, start);
      last = g_utf8_offset_to_pointer (first, end - start);
      g_autofree char *surface = g_strndup (first, last - first);
      g_ptr_array_add (mentions, mg_entity_mention_new (start, end, decision->type, surface,
                                                        decision->key));
    }
}

static const char *
resolve_alias (GHashTable *aliases,
               const char *key)
{
  for (int hops = 0; hops < MAX_ALIAS_HOPS; hops++)
    {
      const char *next = g_hash_table_lookup (aliases, key);

      if (next == NULL || g_strcmp0 (next, key) == 0)
        break;
      key = next;
    }
  return key;
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const MgEntityMention *x = *(MgEntityMention **) a;
  const MgEntityMention *y = *(MgEntityMention **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : (x->end > y->end);
}

/* The latest reject/retype/add of each key, and every alias; later ids win. */
static void
index_decisions (GPtrArray  *decisions,
                 GHashTable *verdicts,
                 GHashTable *aliases)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      MgEntityDecision *decision = g_ptr_array_index (decisions, i);
      MgEntityDecision *earlier;

      if (decision->kind == MG_ENTITY_DECISION_ALIAS)
        {
          g_hash_table_insert (aliases, decision->key, decision->alias_of);
          continue;
        }
      earlier = g_hash_table_lookup (verdicts, decision->key);
      if (earlier == NULL || earlier->id <= decision->id)
        g_hash_table_insert (verdicts, decision->key, decision);
    }
}

static void
apply_verdict (GPtrArray        *out,
               MgEntityMention  *mention,
               GHashTable       *verdicts,
               GHashTable       *aliases)
{
  const char *key = resolve_alias (aliases, mention->key);
  MgEntityDecision *verdict = g_hash_table_lookup (verdicts, key);

  if (verdict == NULL)
    verdict = g_hash_table_lookup (verdicts, mention->key);
  if (verdict != NULL && verdict->kind == MG_ENTITY_DECISION_REJECT)
    {
      mg_entity_mention_free (mention);
      return;
    }
  if (verdict != NULL)
    mention->type = verdict->type;
  if (key != mention->key)
    {
      g_free (mention->key);
      mention->key = g_strdup (key);
    }
  g_ptr_array_add (out, mention);
}

/**
 * mg_entity_decisions_apply:
 * @decisions: (element-type MgEntityDecision): the decisions that hold for this document
 *   (its own and the library's), in the order they were made
 * @text: the document's text
 * @mentions: (element-type MgEntityMention): what the extractor found
 *
 * Applies the user's decisions to the extractor's mentions: names the user marked are found
 * in every spelling, aliases join their entity, rejected entities go and retyped ones take
 * their new type. @mentions is left as it was.
 *
 * Returns: (transfer full) (element-type MgEntityMention): the mentions to show, by start
 */
GPtrArray *
mg_entity_decisions_apply (GPtrArray  *decisions,
                           const char *text,
                           GPtrArray  *mentions)
{
  g_autoptr(GHashTable) verdicts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) work = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_entity_mention_free);
  gboolean has_additions = FALSE;

  index_decisions (decisions, verdicts, aliases);
  for (guint i = 0; i < mentions->len; i++)
    g_ptr_array_add (work, mg_entity_mention_copy (g_ptr_array_index (mentions, i)));

  for (guint i = 0; i < decisions->len; i++)
    has_additions |= ((MgEntityDecision *) g_ptr_array_index (decisions, i))->kind
                     == MG_ENTITY_DECISION_ADD;
  if (has_additions)
    {
      FoldedText folded;
      GHashTableIter iter;
      gpointer value;

      folded_text_init (&folded, text);
      g_hash_table_iter_init (&iter, verdicts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((MgEntityDecision *) value)->kind == MG_ENTITY_DECISION_ADD)
          add_marked_name (work, value, text, &folded);
      folded_text_clear (&folded);
    }

  /* Ownership moves from work to out (or to the bin, for rejected ones). */
  g_ptr_array_set_free_func (work, NULL);
  for (guint i = 0; i < work->len; i++)
    apply_verdict (out, g_ptr_array_index (work, i), verdicts, aliases);
  g_ptr_array_sort (out, compare_mentions);
  return out;
}
