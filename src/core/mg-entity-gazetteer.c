/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-gazetteer.h"
#include "mg-entity-extractor.h"
#include "mg-entity-fold.h"
#include "mg-entity-resources.h"

#include <string.h>

/* All gazetteers live in one open-addressing table keyed by folded strings, so the
 * extractor asks one question per word: what is it (word classes), does a name end here
 * (FULL) and may a longer name go on from here (PREFIX). Names are split with the
 * extractor's own tokenizer, so they break where the text will. */

#define RESOURCE_DIR "/io/github/marginalia/Marginalia/gazetteers/"

/* A slot keeps its entry's hash, so a probe that misses never touches the entry. */
typedef struct {
  guint32 hash;
  guint32 entry;           /* entry index + 1; 0 is empty */
} Slot;

struct _MgEntityGazetteer {
  GStringChunk *strings;
  GArray       *entries;   /* MgGazEntry */
  Slot         *slots;
  guint32       n_slots;   /* a power of two */
  GArray       *tokens;    /* scratch for splitting names */
  GString      *folds;
};

/* Eight bytes at a time: every word of the text that any pass asks about is hashed, and
 * byte-wise hashing was a good part of the cost of a lookup. */
static inline guint64
mix (guint64 h,
     guint64 word)
{
  h = (h ^ word) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return h ^ (h >> 31);
}

static inline guint32
hash_key (const char *key,
          gsize       len)
{
  guint64 h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 tail = 0;

  for (; len >= 8; key += 8, len -= 8)
    {
      guint64 word;

      memcpy (&word, key, 8);
      h = mix (h, word);
    }
  if (len == 0)
    return (guint32) (h ^ (h >> 32));
  for (gsize i = 0; i < len; i++)
    tail |= (guint64) (guchar) key[i] << (8 * i);
  h = mix (h, tail);
  return (guint32) (h ^ (h >> 32));
}

static void
insert_slot (MgEntityGazetteer *self,
             guint32            hash,
             guint32            entry)
{
  guint32 at = hash & (self->n_slots - 1);

  while (self->slots[at].entry != 0)
    at = (at + 1) & (self->n_slots - 1);
  self->slots[at].hash = hash;
  self->slots[at].entry = entry;
}

static void
rehash (MgEntityGazetteer *self,
        guint32            n_slots)
{
  g_free (self->slots);
  self->slots = g_new0 (Slot, n_slots);
  self->n_slots = n_slots;
  for (guint i = 0; i < self->entries->len; i++)
    insert_slot (self, g_array_index (self->entries, MgGazEntry, i).hash, i + 1);
}

/* Keys are a few bytes long: comparing them inline beats a call to memcmp(). */
static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       len)
{
  for (; len >= 8; a += 8, b += 8, len -= 8)
    {
      guint64 x, y;

      memcpy (&x, a, 8);
      memcpy (&y, b, 8);
      if (x != y)
        return FALSE;
    }
  for (; len > 0; a++, b++, len--)
    if (*a != *b)
      return FALSE;
  return TRUE;
}

const MgGazEntry *
mg_entity_gazetteer_lookup (const MgEntityGazetteer *self,
                            const char              *key,
                            gsize                    len)
{
  guint32 h = hash_key (key, len);
  guint32 at = h & (self->n_slots - 1);

  for (;; at = (at + 1) & (self->n_slots - 1))
    {
      const Slot *slot = &self->slots[at];
      const MgGazEntry *e;

      if (slot->entry == 0)
        return NULL;
      if (slot->hash != h)
        continue;
      e = &g_array_index (self->entries, MgGazEntry, slot->entry - 1);
      if (e->len == len && same_bytes (e->key, key, len))
        return e;
    }
}

static MgGazEntry *
ensure_entry (MgEntityGazetteer *self,
              const char        *key,
              gsize              len)
{
  const MgGazEntry *found = mg_entity_gazetteer_lookup (self, key, len);
  MgGazEntry entry = { 0 };

  if (found != NULL)
    return (MgGazEntry *) found;
  if ((self->entries->len + 1) * 2 > self->n_slots)
    rehash (self, self->n_slots * 2);
  entry.key = g_string_chunk_insert_len (self->strings, key, (gssize) len);
  entry.canonical = entry.key;
  entry.hash = hash_key (key, len);
  entry.len = (guint32) len;
  entry.type = -1;
  g_array_append_val (self->entries, entry);
  insert_slot (self, entry.hash, self->entries->len);
  return &g_array_index (self->entries, MgGazEntry, self->entries->len - 1);
}

MgEntityGazetteer *
mg_entity_gazetteer_new (void)
{
  MgEntityGazetteer *self = g_new0 (MgEntityGazetteer, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->entries = g_array_new (FALSE, FALSE, sizeof (MgGazEntry));
  self->tokens = g_array_new (FALSE, FALSE, sizeof (MgToken));
  self->folds = g_string_new (NULL);
  rehash (self, 1024);
  return self;
}

void
mg_entity_gazetteer_free (MgEntityGazetteer *self)
{
  if (self == NULL)
    return;
  g_string_chunk_free (self->strings);
  g_array_unref (self->entries);
  g_array_unref (self->tokens);
  g_string_free (self->folds, TRUE);
  g_free (self->slots);
  g_free (self);
}

guint
mg_entity_gazetteer_get_size (MgEntityGazetteer *self)
{
  return self->entries->len;
}

/* Splits @name as the text would be split; returns how many word parts it has and leaves
 * their folded concatenation in self->folds, part ends in @ends. */
static guint
split_name (MgEntityGazetteer *self,
            const char        *name,
            guint32           *ends,
            guint              max_parts,
            gboolean          *out_capitals)
{
  guint n = 0;
  GString *joined = g_string_new (NULL);

  g_array_set_size (self->tokens, 0);
  g_string_truncate (self->folds, 0);
  mg_entity_tokenize (name, strlen (name), self->tokens, self->folds);
  *out_capitals = TRUE;
  for (guint i = 0; i < self->tokens->len && n < max_parts; i++)
    {
      const MgToken *t = &g_array_index (self->tokens, MgToken, i);

      if (t->kind == MG_TOKEN_PUNCT || t->fold_len == 0)
        continue;
      if (!(t->flags & MG_TOKEN_ALLCAPS) && !(t->fold_len == 1 && (t->flags & MG_TOKEN_CAPITAL)))
        *out_capitals = FALSE;
      g_string_append_len (joined, self->folds->str + t->fold, t->fold_len);
      ends[n++] = (guint32) joined->len;
    }
  g_string_assign (self->folds, joined->str);
  g_string_free (joined, TRUE);
  return n;
}

static MgGazEntry *
add_phrase (MgEntityGazetteer *self,
            const char        *name,
            gboolean          *out_acronym)
{
  guint32 ends[16];
  gboolean capitals;
  guint n = split_name (self, name, ends, G_N_ELEMENTS (ends), &capitals);
  MgGazEntry *entry;

  if (n == 0)
    return NULL;
  for (guint i = 0; i + 1 < n; i++)
    ensure_entry (self, self->folds->str, ends[i])->phrase |= MG_PHRASE_PREFIX;
  entry = ensure_entry (self, self->folds->str, ends[n - 1]);
  *out_acronym = capitals && n <= 2 && ends[n - 1] <= 8;
  return entry;
}

void
mg_entity_gazetteer_add_name (MgEntityGazetteer *self,
                              const char        *name,
                              MgEntityType       type,
                              const char        *canonical)
{
  gboolean acronym = FALSE;
  MgGazEntry *entry = add_phrase (self, name, &acronym);

  if (entry == NULL)
    return;
  entry->phrase |= MG_PHRASE_FULL;
  entry->type = (gint8) type;
  entry->acronym = (guint8) acronym;
  entry->subdivision = FALSE;
  entry->canonical = canonical ? g_string_chunk_insert_const (self->strings, canonical)
                               : entry->key;
}

/* A subdivision yields: a one-word name that is also a common word, a given name or a
 * country keeps its first meaning ("Central", "Victoria", "Georgia"). */
static void
add_subdivision (MgEntityGazetteer *self,
                 const char        *name,
                 const char        *canonical)
{
  guint32 ends[16];
  gboolean capitals;
  guint n = split_name (self, name, ends, G_N_ELEMENTS (ends), &capitals);
  const MgGazEntry *existing;

  if (n == 0)
    return;
  existing = mg_entity_gazetteer_lookup (self, self->folds->str, ends[n - 1]);
  if (existing != NULL && (existing->type >= 0 || (n == 1 && existing->words != 0)))
    return;
  mg_entity_gazetteer_add_name (self, name, MG_ENTITY_TYPE_LOC, canonical);
  existing = mg_entity_gazetteer_lookup (self, self->folds->str, self->folds->len);
  if (existing != NULL)
    ((MgGazEntry *) existing)->subdivision = TRUE;
}

static void
add_word_class (MgEntityGazetteer *self,
                const char        *word,
                guint32            flags,
                guint8             value)
{
  guint32 ends[16];
  gboolean capitals;
  guint n = split_name (self, word, ends, G_N_ELEMENTS (ends), &capitals);
  MgGazEntry *entry;

  if (n == 0)
    return;
  /* "twenty-first" and "sub-region" are one word of the class, as written. */
  entry = ensure_entry (self, self->folds->str, ends[n - 1]);
  entry->words |= flags;
  if (value != 0)
    entry->value = value;
}

/* Every word of a multi-word title is a title word ("Deputy Prime Minister"). */
static void
add_each_word (MgEntityGazetteer *self,
               const char        *line,
               guint32            flags)
{
  g_auto(GStrv) words = g_strsplit_set (line, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      add_word_class (self, words[i], flags, 0);
}

typedef struct {
  const char *field;
  guint32     flags;
} FieldClass;

static const FieldClass word_fields[] = {
  { "connector", MG_WORD_CONNECTOR },
  { "stop", MG_WORD_STOP },
  { "dateprep", MG_WORD_DATE_PREP },
  { "yearfollow", MG_WORD_YEAR_FOLLOW },
  { "datemod", MG_WORD_DATE_MOD },
  { "byline", MG_WORD_BYLINE },
  { "abbrev", MG_WORD_ABBREV },
  { "ordinal", MG_WORD_ORDINAL },
  { "century", MG_WORD_CENTURY },
  { "generic", MG_WORD_GENERIC },
  { "head", MG_WORD_PLACE_HEAD },
  { "cue", MG_WORD_PLACE_CUE },
  { "numbered", MG_WORD_LAW_NUMBERED },
  { "named", MG_WORD_LAW_NAMED },
  { "horizon", MG_WORD_LAW_HORIZON },
  { "documents", MG_WORD_LAW_DOCUMENTS },
  { "month", MG_WORD_MONTH },
  { "weekday", MG_WORD_WEEKDAY },
  { NULL, 0 },
};

static const FieldClass surname_fields[] = {
  { "vi", MG_WORD_SURNAME },
  { "other", MG_WORD_SURNAME_OTHER },
  { NULL, 0 },
};

static const FieldClass given_fields[] = {
  { "vi", MG_WORD_GIVEN },
  { "intl", MG_WORD_GIVEN_INTL },
  { NULL, 0 },
};

static guint32
field_flags (const FieldClass *fields,
             const char       *field)
{
  for (guint i = 0; fields[i].field != NULL; i++)
    if (strcmp (fields[i].field, field) == 0)
      return fields[i].flags;
  return 0;
}

/* "class<TAB>[number<TAB>]name|name": the first name takes the class; for months the
 * later names are abbreviations. */
static gboolean
add_field_line (MgEntityGazetteer *self,
                const FieldClass  *fields,
                char             **cols)
{
  guint32 flags = field_flags (fields, cols[0]);
  guint64 value = 0;
  const char *names = cols[1];
  g_auto(GStrv) parts = NULL;

  if (flags == 0 || names == NULL)
    return FALSE;
  if (cols[2] != NULL)
    {
      gboolean number_first = g_ascii_isdigit (cols[1][0]);

      if (!g_ascii_string_to_unsigned (number_first ? cols[1] : cols[2], 10, 0, 255,
                                       &value, NULL))
        return FALSE;
      names = number_first ? cols[2] : cols[1];
    }
  parts = g_strsplit (names, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint32 f = flags;

      if (i > 0 && flags == MG_WORD_MONTH)
        f = MG_WORD_MONTH_ABBR;
      add_word_class (self, parts[i], f, (guint8) value);
    }
  return TRUE;
}

static void
add_entity_line (MgEntityGazetteer *self,
                 const char        *line,
                 MgEntityType       type,
                 gboolean           subdivision)
{
  g_auto(GStrv) names = g_strsplit (line, "|", -1);
  g_autofree char *canonical = mg_entity_fold_key (names[0], -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (subdivision)
        add_subdivision (self, names[i], canonical);
      else
        mg_entity_gazetteer_add_name (self, names[i], type, canonical);
    }
}

typedef enum {
  LIST_ENTITIES,
  LIST_EACH_WORD,
  LIST_FIELDS,
  LIST_ISO,
} ListKind;

typedef struct {
  const char       *file;
  ListKind          kind;
  MgEntityType      type;
  guint32           flags;
  const FieldClass *fields;
} ListFile;

/* Word classes first, so a subdivision can see that its name is a common word; then names,
 * later files overriding earlier ones ("Ho Chi Minh" alone is the person, not the city). */
static const ListFile list_files[] = {
  { "words.txt", LIST_FIELDS, 0, 0, word_fields },
  { "calendar.txt", LIST_FIELDS, 0, 0, word_fields },
  { "place-words.txt", LIST_FIELDS, 0, 0, word_fields },
  { "law-cues.txt", LIST_FIELDS, 0, 0, word_fields },
  { "surnames.txt", LIST_FIELDS, 0, 0, surname_fields },
  { "given-names.txt", LIST_FIELDS, 0, 0, given_fields },
  { "titles.txt", LIST_EACH_WORD, 0, MG_WORD_TITLE, NULL },
  { "org-heads.txt", LIST_EACH_WORD, 0, MG_WORD_ORG_HEAD, NULL },
  { "event-heads.txt", LIST_EACH_WORD, 0, MG_WORD_EVENT_HEAD, NULL },
  { "demonyms.txt", LIST_EACH_WORD, 0, MG_WORD_DEMONYM, NULL },
  { "countries.txt", LIST_ISO, MG_ENTITY_TYPE_LOC, 0, NULL },
  { "places.txt", LIST_ENTITIES, MG_ENTITY_TYPE_LOC, 0, NULL },
  { "organisations.txt", LIST_ENTITIES, MG_ENTITY_TYPE_ORG, 0, NULL },
  { "laws.txt", LIST_ENTITIES, MG_ENTITY_TYPE_LAW, 0, NULL },
  { "persons.txt", LIST_ENTITIES, MG_ENTITY_TYPE_PERSON, 0, NULL },
};

static gboolean
add_line (MgEntityGazetteer *self,
          const ListFile    *list,
          char              *line)
{
  g_auto(GStrv) cols = NULL;

  switch (list->kind)
    {
    case LIST_ENTITIES:
      add_entity_line (self, line, list->type, FALSE);
      return TRUE;
    case LIST_EACH_WORD:
      {
        g_auto(GStrv) names = g_strsplit (line, "|", -1);

        for (guint i = 0; names[i] != NULL; i++)
          add_each_word (self, names[i], list->flags);
        return TRUE;
      }
    case LIST_FIELDS:
      cols = g_strsplit (line, "\t", 3);
      return cols[0] != NULL && add_field_line (self, list->fields, cols);
    case LIST_ISO:
      cols = g_strsplit (line, "\t", 2);
      if (cols[0] == NULL || cols[1] == NULL)
        return FALSE;
      add_entity_line (self, cols[1], MG_ENTITY_TYPE_LOC, strcmp (cols[0], "subdivision") == 0);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
load_list (MgEntityGazetteer  *self,
           const ListFile     *list,
           GError            **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, list->file, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  bytes = g_resource_lookup_data (mg_gazetteers_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (!add_line (self, list, line))
        {
          g_set_error (error, MG_ENTITY_ERROR, MG_ENTITY_ERROR_GAZETTEER,
                       "%s:%u: malformed line", list->file, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mg_entity_gazetteer_load:
 *
 * Reads every gazetteer from the resources compiled into the library.
 */
gboolean
mg_entity_gazetteer_load (MgEntityGazetteer  *self,
                          GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_files); i++)
    if (!load_list (self, &list_files[i], error))
      return FALSE;
  return TRUE;
}
