/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Source texts of other tools as we store them (NFC, LF), with the tools' offsets carried
 * over to ours. For mg-qdpx-import.c and its tests only. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgQdpxOffset:
 * @original: a code-point offset as the other tool counted it
 * @stored: set to the same place in the stored text, or -1 when it is past the text's end
 */
typedef struct
{
  gint64 original;
  gint64 stored;
} MgQdpxOffset;

void         mg_qdpx_text_normalise         (const char    *raw,
                                             gboolean       count_cr,
                                             MgQdpxOffset **offsets,
                                             guint          n_offsets,
                                             GString       *out);

typedef struct _MgQdpxTextIndex MgQdpxTextIndex;

MgQdpxTextIndex *mg_qdpx_text_index_new     (const char      *text);
void         mg_qdpx_text_index_free        (MgQdpxTextIndex *index);
gint64       mg_qdpx_text_index_length      (MgQdpxTextIndex *index);
char        *mg_qdpx_text_index_slice       (MgQdpxTextIndex *index,
                                             gint64           start,
                                             gint64           end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgQdpxTextIndex, mg_qdpx_text_index_free)

G_END_DECLS
