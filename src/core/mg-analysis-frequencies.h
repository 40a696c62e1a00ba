/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"
#include "mg-table.h"

G_BEGIN_DECLS

/**
 * MgCodeFrequency:
 * @code_id: the code
 * @name: its name
 * @path: its names from the top of the codebook down, joined by "/"
 * @colour: its colour, "#rrggbb"
 * @depth: 0 at the top level
 * @passages: how many placed passages carry it
 * @characters: how many code points those passages cover (overlapping passages of the
 *   code count once)
 * @documents: in how many documents
 *
 * How much one code of the codebook is used.
 */
typedef struct {
  gint64 code_id;
  char *name;
  char *path;
  char *colour;
  guint depth;
  guint passages;
  gint64 characters;
  guint documents;
} MgCodeFrequency;

void         mg_code_frequency_free         (MgCodeFrequency *frequency);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgCodeFrequency, mg_code_frequency_free)

GPtrArray   *mg_analysis_load_codes         (MgStore     *store,
                                             GHashTable **out_index,
                                             GError     **error);
GPtrArray   *mg_analysis_code_frequencies   (MgStore   *store,
                                             gint64     document_id,
                                             gint64     set_id,
                                             GError   **error);
MgTable     *mg_analysis_frequencies_table  (GPtrArray *frequencies);

G_END_DECLS
