/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the entity extractor: one block of text (whole lines, a few kilobytes)
 * and the passes that find entities in it. The extractor works block by block so that
 * memory stays small on a book-length text; only the spans found leave a block. */

#include <glib.h>
#include <string.h>

#include "mg-entity-gazetteer.h"
#include "mg-entity-tokenizer.h"

G_BEGIN_DECLS

/* How sure a span is: the consistency pass lets a surer type win for the same key. */
typedef enum {
  MG_STRENGTH_CANDIDATE = 0,  /* a capitalised name nothing classified */
  MG_STRENGTH_WEAK      = 1,  /* a name pattern (surname and given names) */
  MG_STRENGTH_CUE       = 2,  /* a cue word: title, head word, place word, byline */
  MG_STRENGTH_GAZETTEER = 3,  /* a gazetteer entry or a date or law pattern */
  MG_STRENGTH_USER      = 4,  /* the user's own entry */
} MgStrength;

#define MG_SPAN_EVENT (-2)    /* names of events: found, then left out */
#define MG_SPAN_UNKNOWN (-1)

typedef struct {
  guint       first;      /* token range, last exclusive */
  guint       last;
  gint8       type;       /* MgEntityType, or MG_SPAN_UNKNOWN for a candidate */
  guint8      strength;   /* MgStrength */
  gint        link;       /* index + 1 of the span this is a short form of, or 0 */
  const char *canonical;  /* the gazetteer's canonical key, or NULL */
} MgSpan;

typedef struct {
  const char              *text;       /* the block's first byte */
  MgToken                 *tokens;
  guint                    n_tokens;
  const char              *folds;
  const MgEntityGazetteer *gazetteer;
  const MgEntityGazetteer *user;       /* the user's added entities, or NULL */
  guint8                  *claimed;    /* per token: covered by a span */
  GArray                  *spans;      /* MgSpan, types and candidates */
  guint                    pending_title;
  guint                    generation;  /* counts spans that claimed tokens */
  guint                   *phrase_end;  /* per token: cached gazetteer match, see below */
  const MgGazEntry       **phrase_entry;
  guint                   *phrase_generation;  /* token after a run of titles alone, or 0 */
} MgBlock;

const MgGazEntry *mg_block_lookup          (MgBlock    *b,
                                            guint       i);

/* The questions every pass asks of every token, inline: they run millions of times. */

/* A token's gazetteer entry, looked up once on first demand. */
#define MG_TOKEN_LOOKED_UP (1 << 15)

static inline const MgGazEntry *
mg_block_entry (MgBlock *b,
                guint    i)
{
  if (i >= b->n_tokens)
    return NULL;
  if (b->tokens[i].flags & MG_TOKEN_LOOKED_UP)
    return b->tokens[i].entry;
  return mg_block_lookup (b, i);
}

/* Whether token @i is the word @folded. Inline, so that the length of a literal is known
 * when compiling and the comparison is a few instructions. */
static inline gboolean
mg_block_is (MgBlock    *b,
             guint       i,
             const char *folded)
{
  gsize len = strlen (folded);
  const MgToken *t;

  if (i >= b->n_tokens)
    return FALSE;
  t = &b->tokens[i];
  return t->kind == MG_TOKEN_WORD && t->fold_len == len
         && memcmp (b->folds + t->fold, folded, len) == 0;
}

static inline guint32
mg_block_words (MgBlock *b,
                guint    i)
{
  const MgGazEntry *e;

  if (i >= b->n_tokens || b->tokens[i].kind != MG_TOKEN_WORD)
    return 0;
  e = mg_block_entry (b, i);
  return e ? e->words : 0;
}

static inline gboolean
mg_block_is_punct (MgBlock  *b,
                   guint     i,
                   gunichar  ch)
{
  return i < b->n_tokens && b->tokens[i].kind == MG_TOKEN_PUNCT && b->tokens[i].ch == ch;
}

static inline gboolean
mg_block_is_cap_word (MgBlock *b,
                      guint    i)
{
  return i < b->n_tokens && b->tokens[i].kind == MG_TOKEN_WORD
         && (b->tokens[i].flags & (MG_TOKEN_CAPITAL | MG_TOKEN_ALLCAPS)) != 0;
}

/* Four digits that can be a year of modern history; "5,000" and "1.5" cannot. */
static inline gboolean
mg_block_is_year (MgBlock *b,
                  guint    i)
{
  const MgToken *t;

  if (i >= b->n_tokens)
    return FALSE;
  t = &b->tokens[i];
  return t->kind == MG_TOKEN_NUMBER && t->digits == 4 && !(t->flags & MG_TOKEN_SEPARATED)
         && t->value >= 1000 && t->value <= 2199;
}

static inline gboolean
mg_block_is_lower_word (MgBlock *b,
                        guint    i)
{
  return i < b->n_tokens && b->tokens[i].kind == MG_TOKEN_WORD
         && (b->tokens[i].flags & (MG_TOKEN_CAPITAL | MG_TOKEN_ALLCAPS)) == 0;
}

gboolean          mg_block_is_free         (MgBlock    *b,
                                            guint       first,
                                            guint       last);
guint             mg_block_match_phrase    (MgBlock                 *b,
                                            const MgEntityGazetteer *gazetteer,
                                            guint                    i,
                                            gboolean                 any_case,
                                            const MgGazEntry       **out_entry);
guint             mg_block_add_span        (MgBlock    *b,
                                            guint       first,
                                            guint       last,
                                            int         type,
                                            MgStrength  strength,
                                            const char *canonical);

void              mg_entity_find_sentences (MgBlock    *b);
void              mg_entity_find_user      (MgBlock    *b);
void              mg_entity_find_laws      (MgBlock    *b);
void              mg_entity_find_dates     (MgBlock    *b);
void              mg_entity_find_names     (MgBlock    *b);

G_END_DECLS
