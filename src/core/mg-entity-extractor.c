/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-extractor.h"
#include "mg-entity-block.h"
#include "mg-entity-found.h"
#include "mg-entity-gazetteer.h"
#include "mg-entity-rules-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Blocks of whole lines, large enough that per-block costs vanish and small enough that a
 * book's tokens never sit in memory at once. Names never cross a line, so neither do
 * blocks' borders matter. */
#define BLOCK_BYTES (64 * 1024)

struct _MgEntityExtractor
{
  GObject            parent_instance;

  MgEntityGazetteer *gazetteer;
};

G_DEFINE_FINAL_TYPE (MgEntityExtractor, mg_entity_extractor, G_TYPE_OBJECT)

G_DEFINE_QUARK (mg-entity-error-quark, mg_entity_error)

/* The job's interned keys: an open-addressing table over its string chunk, keyed by
 * bytes and length, so a key is neither measured nor compared as a C string. */
typedef struct {
  const char *key;
  guint32     hash;
  guint32     len;
} InternSlot;

typedef struct {
  GStringChunk *strings;
  InternSlot   *slots;
  guint32       n_slots;   /* a power of two */
  guint32       n_used;
} Interner;

/* What one extraction needs, reused from block to block. */
typedef struct {
  MgEntityExtractor *self;
  const char        *text;
  gsize              length;
  MgEntityRules     *rules;
  GArray            *found;     /* MgFound */
  Interner           keys;
  GArray            *tokens;
  GString           *folds;
  GByteArray        *claimed;
  GArray            *spans;
  GString           *scratch;
  GArray            *runs;      /* for sorting a block's spans */
  GArray            *sort_buffer;
  GArray            *phrase_end;       /* the block's cache of gazetteer matches */
  GArray            *phrase_entry;
  GArray            *phrase_generation;
} Job;

static void
mg_entity_extractor_finalize (GObject *object)
{
  MgEntityExtractor *self = MG_ENTITY_EXTRACTOR (object);

  g_clear_pointer (&self->gazetteer, mg_entity_gazetteer_free);
  G_OBJECT_CLASS (mg_entity_extractor_parent_class)->finalize (object);
}

static void
mg_entity_extractor_class_init (MgEntityExtractorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_entity_extractor_finalize;
}

static void
mg_entity_extractor_init (MgEntityExtractor *self)
{
}

/**
 * mg_entity_extractor_new:
 * @error: return location for a #MG_ENTITY_ERROR
 *
 * Loads the gazetteers once. The extractor never changes afterwards, so one instance can
 * serve any number of threads at the same time.
 *
 * Returns: (transfer full): the extractor, or %NULL on error
 */
MgEntityExtractor *
mg_entity_extractor_new (GError **error)
{
  g_autoptr(MgEntityExtractor) self = g_object_new (MG_TYPE_ENTITY_EXTRACTOR, NULL);

  self->gazetteer = mg_entity_gazetteer_new ();
  if (!mg_entity_gazetteer_load (self->gazetteer, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The user's added names come first: they claim their tokens before any rule runs. */
static void
find_user_entries (MgBlock *b)
{
  for (guint i = 0; i < b->n_tokens; i++)
    {
      const MgGazEntry *e = NULL;
      guint end;

      if (b->claimed[i] || b->tokens[i].kind == MG_TOKEN_PUNCT)
        continue;
      end = mg_block_match_phrase (b, b->user, i, TRUE, &e);
      if (end > i)
        {
          mg_block_add_span (b, i, end, e->type, MG_STRENGTH_USER, NULL);
          i = end - 1;
        }
    }
}

static inline guint32
hash_bytes (const char *key,
            gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) key[i]) * 16777619u;
  return h;
}

static void
interner_init (Interner *self)
{
  self->strings = g_string_chunk_new (16 * 1024);
  self->n_slots = 1024;
  self->n_used = 0;
  self->slots = g_new0 (InternSlot, self->n_slots);
}

static void
interner_clear (Interner *self)
{
  g_string_chunk_free (self->strings);
  g_free (self->slots);
}

static void
interner_grow (Interner *self)
{
  InternSlot *old = self->slots;
  guint32 old_n = self->n_slots;

  self->n_slots *= 2;
  self->slots = g_new0 (InternSlot, self->n_slots);
  for (guint32 i = 0; i < old_n; i++)
    if (old[i].key != NULL)
      {
        guint32 at = old[i].hash & (self->n_slots - 1);

        while (self->slots[at].key != NULL)
          at = (at + 1) & (self->n_slots - 1);
        self->slots[at] = old[i];
      }
  g_free (old);
}

/* One pointer per distinct key of @len bytes (no nul inside), copied on first sight. */
static const char *
interner_insert (Interner   *self,
                 const char *key,
                 gsize       len)
{
  guint32 h = hash_bytes (key, len);
  guint32 mask;
  guint32 at;

  if ((self->n_used + 1) * 2 > self->n_slots)
    interner_grow (self);
  mask = self->n_slots - 1;
  for (at = h & mask; self->slots[at].key != NULL; at = (at + 1) & mask)
    {
      const InternSlot *slot = &self->slots[at];

      if (slot->hash == h && slot->len == len && memcmp (slot->key, key, len) == 0)
        return slot->key;
    }
  self->slots[at].key = g_string_chunk_insert_len (self->strings, key, (gssize) len);
  self->slots[at].hash = h;
  self->slots[at].len = (guint32) len;
  self->n_used++;
  return self->slots[at].key;
}

/* Keys compare as pointers. A name the gazetteer knows takes the gazetteer's canonical
 * key (interned there once, for the extractor's life); any other goes into the job's
 * string chunk. Both paths give one pointer per string, as canonical keys never collide
 * with chunk keys of the same text. */
static const char *
intern_key (Job        *job,
            const char *key,
            gsize       len)
{
  const MgGazEntry *e = mg_entity_gazetteer_lookup (job->self->gazetteer, key, len);

  if (e != NULL && (e->phrase & MG_PHRASE_FULL) && e->type >= 0 && e->canonical != e->key)
    return e->canonical;
  return interner_insert (&job->keys, key, len);
}

static const char *
intern_fold (Job           *job,
             const MgBlock *b,
             guint          first,
             guint          last)
{
  gsize len = 0;
  char *out;

  /* Sized once, then filled: this runs for every span. */
  for (guint k = first; k < last; k++)
    if (b->tokens[k].kind != MG_TOKEN_PUNCT)
      len += b->tokens[k].fold_len;
  g_string_set_size (job->scratch, len);
  out = job->scratch->str;
  for (guint k = first; k < last; k++)
    if (b->tokens[k].kind != MG_TOKEN_PUNCT)
      {
        memcpy (out, b->folds + b->tokens[k].fold, b->tokens[k].fold_len);
        out += b->tokens[k].fold_len;
      }
  return intern_key (job, job->scratch->str, len);
}

/* A person's short form is the last name, an organisation's its words' initials. */
static const char *
intern_alias (Job           *job,
              const MgBlock *b,
              const MgSpan  *span)
{
  guint words = 0;

  g_string_truncate (job->scratch, 0);
  for (guint k = span->first; k < span->last; k++)
    {
      const MgToken *t = &b->tokens[k];

      if (t->kind != MG_TOKEN_WORD || t->fold_len == 0)
        continue;
      words++;
      if (span->type == MG_ENTITY_TYPE_PERSON)
        {
          g_string_truncate (job->scratch, 0);
          g_string_append_len (job->scratch, b->folds + t->fold, t->fold_len);
        }
      else if (!(t->flags & MG_TOKEN_ALLCAPS) && (t->flags & MG_TOKEN_CAPITAL))
        g_string_append_c (job->scratch, b->folds[t->fold]);
    }
  if (words < 2 || (span->type == MG_ENTITY_TYPE_ORG && job->scratch->len < 3)
      || (span->type != MG_ENTITY_TYPE_PERSON && span->type != MG_ENTITY_TYPE_ORG))
    return NULL;
  return intern_key (job, job->scratch->str, job->scratch->len);
}

/* Strictly before: by start, the longer first at one start. */
static inline gboolean
found_before (const MgFound *x,
              const MgFound *y)
{
  return x->start < y->start || (x->start == y->start && x->end > y->end);
}

/* Stable: on a tie the item of @a, which came first, goes first. */
static void
merge_runs (MgFound       *out,
            const MgFound *a,
            gsize          n_a,
            const MgFound *b,
            gsize          n_b)
{
  while (n_a > 0 && n_b > 0)
    {
      if (found_before (b, a))
        *out++ = *b++, n_b--;
      else
        *out++ = *a++, n_a--;
    }
  memcpy (out, a, n_a * sizeof *a);
  memcpy (out + n_a, b, n_b * sizeof *b);
}

/* The passes leave a block's spans in a few ascending runs (laws, dates, names, and the
 * parts of a name classified after its end), so a natural merge sort orders them in a few
 * linear sweeps. It is stable, as glibc's qsort (a merge sort) was, so ties keep the
 * order they were found in. */
static void
sort_found (MgFound *items,
            gsize    n,
            GArray  *runs,
            GArray  *buffer)
{
  MgFound *from = items;
  MgFound *to;

  g_array_set_size (runs, 0);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || found_before (&items[i], &items[i - 1]))
      g_array_append_val (runs, i);
  if (runs->len <= 1)
    return;
  g_array_set_size (buffer, n);
  to = (MgFound *) buffer->data;
  while (runs->len > 1)
    {
      gsize *starts = (gsize *) runs->data;
      guint kept = 0;

      for (guint r = 0; r < runs->len; r += 2)
        {
          gsize start = starts[r];
          gsize middle = r + 1 < runs->len ? starts[r + 1] : n;
          gsize end = r + 2 < runs->len ? starts[r + 2] : n;

          merge_runs (to + start, from + start, middle - start, from + middle, end - middle);
          starts[kept++] = start;
        }
      g_array_set_size (runs, kept);
      from = to;
      to = from == items ? (MgFound *) buffer->data : items;
    }
  if (from != items)
    memcpy (items, from, n * sizeof *items);
}

static void
collect_spans (Job     *job,
               MgBlock *b,
               gsize    byte_base,
               gint64   cp_base)
{
  guint base = job->found->len;

  for (guint i = 0; i < b->spans->len; i++)
    {
      const MgSpan *span = &g_array_index (b->spans, MgSpan, i);
      const MgToken *first = &b->tokens[span->first];
      const MgToken *last = &b->tokens[span->last - 1];
      MgFound f = { 0 };

      f.start = (guint32) (cp_base + first->cp_start);
      f.end = (guint32) (cp_base + last->cp_end);
      f.byte_start = (guint32) (byte_base + first->start);
      f.byte_end = (guint32) (byte_base + last->end);
      f.type = span->type;
      f.strength = span->strength;
      /* A short form ("ADB" after "Asian Development Bank (ADB)") takes its long form's
       * key, so the consistency pass gives both one type. */
      if (span->link != 0)
        f.key = g_array_index (job->found, MgFound, base + (guint) span->link - 1).key;
      else if (span->canonical != NULL)
        f.key = span->canonical;
      else
        f.key = intern_fold (job, b, span->first, span->last);
      f.alias = span->type >= 0 ? intern_alias (job, b, span) : NULL;
      g_array_append_val (job->found, f);
    }
  /* Blocks come in order, so sorting each block's spans sorts the document's. */
  sort_found (&g_array_index (job->found, MgFound, base), job->found->len - base,
              job->runs, job->sort_buffer);
}

static gsize
block_end (const char *text,
           gsize       length,
           gsize       start)
{
  const char *nl;

  if (length - start <= BLOCK_BYTES)
    return length;
  nl = memchr (text + start + BLOCK_BYTES, '\n', length - start - BLOCK_BYTES);
  return nl ? (gsize) (nl - text) + 1 : length;
}

static gint64
extract_block (Job   *job,
               gsize  start,
               gsize  end,
               gint64 cp_base)
{
  MgBlock b = { 0 };
  guint32 n_cp;

  g_array_set_size (job->tokens, 0);
  g_string_truncate (job->folds, 0);
  g_array_set_size (job->spans, 0);
  n_cp = mg_entity_tokenize (job->text + start, end - start, job->tokens, job->folds);
  g_byte_array_set_size (job->claimed, job->tokens->len);
  memset (job->claimed->data, 0, job->claimed->len);
  g_array_set_size (job->phrase_end, job->tokens->len);
  g_array_set_size (job->phrase_entry, job->tokens->len);
  g_array_set_size (job->phrase_generation, job->tokens->len);
  memset (job->phrase_generation->data, 0, sizeof (guint) * job->tokens->len);
  b.text = job->text + start;
  b.tokens = (MgToken *) job->tokens->data;
  b.n_tokens = job->tokens->len;
  b.folds = job->folds->str;
  b.gazetteer = job->self->gazetteer;
  b.user = job->rules ? mg_entity_rules_get_added (job->rules) : NULL;
  b.claimed = job->claimed->data;
  b.spans = job->spans;
  b.phrase_end = (guint *) job->phrase_end->data;
  b.phrase_entry = (const MgGazEntry **) job->phrase_entry->data;
  b.phrase_generation = (guint *) job->phrase_generation->data;
  mg_entity_find_sentences (&b);
  if (b.user != NULL)
    find_user_entries (&b);
  mg_entity_find_laws (&b);
  mg_entity_find_dates (&b);
  mg_entity_find_names (&b);
  collect_spans (job, &b, start, cp_base);
  return cp_base + n_cp;
}

static GPtrArray *
make_mentions (Job *job)
{
  GPtrArray *mentions;
  gint64 covered = -1;
  guint kept = 0;

  /* Candidates nothing typed are dropped before sorting: they are most of the spans. */
  for (guint i = 0; i < job->found->len; i++)
    if (g_array_index (job->found, MgFound, i).type >= 0)
      g_array_index (job->found, MgFound, kept++) = g_array_index (job->found, MgFound, i);
  g_array_set_size (job->found, kept);
  /* At most one mention per typed span: the array never grows. */
  mentions = g_ptr_array_new_full (kept, (GDestroyNotify) mg_entity_mention_free);
  for (guint i = 0; i < job->found->len; i++)
    {
      const MgFound *f = &g_array_index (job->found, MgFound, i);

      if (f->type < 0 || f->start < covered)
        continue;
      covered = f->end;
      g_string_truncate (job->scratch, 0);
      g_string_append_len (job->scratch, job->text + f->byte_start, f->byte_end - f->byte_start);
      g_ptr_array_add (mentions, mg_entity_mention_new (f->start, f->end, (MgEntityType) f->type,
                                                        job->scratch->str, f->key));
    }
  return mentions;
}

static void
job_clear (Job *job)
{
  g_array_unref (job->found);
  interner_clear (&job->keys);
  g_array_unref (job->tokens);
  g_string_free (job->folds, TRUE);
  g_byte_array_unref (job->claimed);
  g_array_unref (job->spans);
  g_string_free (job->scratch, TRUE);
  g_array_unref (job->runs);
  g_array_unref (job->sort_buffer);
  g_array_unref (job->phrase_end);
  g_array_unref (job->phrase_entry);
  g_array_unref (job->phrase_generation);
}

/**
 * mg_entity_extractor_extract_full:
 * @self: the extractor
 * @text: UTF-8 text
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 * @rules: (nullable): the user's decisions, which win over every rule
 * @cancellable: (nullable): checked between blocks of text
 * @error: %G_IO_ERROR_CANCELLED or %MG_ENTITY_ERROR_INVALID_TEXT
 *
 * Finds the entities of @text. Safe to call from any thread; @rules must not change
 * while the call runs.
 *
 * Returns: (transfer full) (element-type MgEntityMention): the mentions sorted by start,
 *   never overlapping, or %NULL on error
 */
GPtrArray *
mg_entity_extractor_extract_full (MgEntityExtractor  *self,
                                  const char         *text,
                                  gssize              length,
                                  MgEntityRules      *rules,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  Job job = { self, text, 0, rules };
  GPtrArray *mentions = NULL;
  gint64 cp = 0;

  g_return_val_if_fail (MG_IS_ENTITY_EXTRACTOR (self), NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  job.length = length < 0 ? strlen (text) : (gsize) length;
  if (!g_utf8_validate_len (text, job.length, NULL))
    {
      g_set_error_literal (error, MG_ENTITY_ERROR, MG_ENTITY_ERROR_INVALID_TEXT,
                           _("The text is not valid UTF-8"));

      return NULL;
    }
  job.found = g_array_sized_new (FALSE, FALSE, sizeof (MgFound), job.length / 64 + 16);
  interner_init (&job.keys);
  job.tokens = g_array_sized_new (FALSE, FALSE, sizeof (MgToken), 16 * 1024);
  job.folds = g_string_sized_new (BLOCK_BYTES + 1024);
  job.claimed = g_byte_array_new ();
  job.spans = g_array_new (FALSE, FALSE, sizeof (MgSpan));
  job.scratch = g_string_new (NULL);
  job.runs = g_array_new (FALSE, FALSE, sizeof (gsize));
  job.sort_buffer = g_array_new (FALSE, FALSE, sizeof (MgFound));
  job.phrase_end = g_array_new (FALSE, FALSE, sizeof (guint));
  job.phrase_entry = g_array_new (FALSE, FALSE, sizeof (gpointer));
  job.phrase_generation = g_array_new (FALSE, FALSE, sizeof (guint));
  for (gsize start = 0, end; start < job.length; start = end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          job_clear (&job);
          return NULL;
        }
      end = block_end (text, job.length, start);
      cp = extract_block (&job, start, end, cp);
    }
  mg_entity_make_consistent (job.found, text, rules);
  mentions = make_mentions (&job);
  job_clear (&job);
  return mentions;
}

/**
 * mg_entity_extractor_extract:
 * @self: the extractor
 * @text: UTF-8 text
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 * @cancellable: (nullable): checked between blocks of text
 *
 * Finds the entities of @text by the built-in rules alone.
 *
 * Returns: (transfer full) (element-type MgEntityMention): the mentions sorted by start,
 *   or %NULL if @cancellable was cancelled or @text is not valid UTF-8
 */
GPtrArray *
mg_entity_extractor_extract (MgEntityExtractor *self,
                             const char        *text,
                             gssize             length,
                             GCancellable      *cancellable)
{
  return mg_entity_extractor_extract_full (self, text, length, NULL, cancellable, NULL);
}
