/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the entity extractor: splits text into tokens with code-point offsets. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MG_TOKEN_WORD,     /* letters and marks; "G20" and "Vietnam+" too */
  MG_TOKEN_NUMBER,   /* digits, maybe "5,000" or "4.0" */
  MG_TOKEN_ORDINAL,  /* "21st", "8th" */
  MG_TOKEN_DECADE,   /* "1980s", "90s" */
  MG_TOKEN_DOMAIN,   /* "vietnam.vn": a site named by its domain */
  MG_TOKEN_URL,      /* an address or e-mail: never part of a name */
  MG_TOKEN_PUNCT,    /* one other character */
} MgTokenKind;

typedef enum {
  MG_TOKEN_CAPITAL    = 1 << 0,  /* starts with a capital letter */
  MG_TOKEN_ALLCAPS    = 1 << 1,  /* two or more letters, all capitals */
  MG_TOKEN_GLUED      = 1 << 2,  /* no space between it and the token before */
  MG_TOKEN_LINE_START = 1 << 3,  /* first token of a line */
  MG_TOKEN_SENT_START = 1 << 4,  /* first token of a sentence */
  MG_TOKEN_SEPARATED  = 1 << 5,  /* a number with "," or "." inside */
  MG_TOKEN_PARA_START = 1 << 6,  /* first token after a blank line */
} MgTokenFlags;

/* Characters that play one role share one code in MgToken.ch. */
#define MG_CH_APOSTROPHE '\''
#define MG_CH_QUOTE      '"'
#define MG_CH_DASH       '-'

typedef struct _MgGazEntry MgGazEntry;

typedef struct {
  guint32            start;      /* byte offsets into the tokenised text */
  guint32            end;
  guint32            cp_start;   /* code-point offsets into the tokenised text */
  guint32            cp_end;
  guint32            fold;       /* offset of the folded form in the folds buffer */
  guint16            fold_len;
  guint8             kind;       /* MgTokenKind */
  guint8             digits;     /* NUMBER, ORDINAL, DECADE: how many digits */
  guint16            flags;      /* MgTokenFlags */
  gunichar           ch;         /* PUNCT: the character, roles folded (MG_CH_*) */
  guint32            value;      /* NUMBER, ORDINAL, DECADE: the value, capped */
  const MgGazEntry  *entry;      /* gazetteer entry of the folded form, filled lazily */
} MgToken;

guint32      mg_entity_tokenize             (const char *text,
                                             gsize       length,
                                             GArray     *tokens,
                                             GString    *folds);

G_END_DECLS
