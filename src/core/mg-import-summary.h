/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What an import of annotations did; shared by the native XML and the QDPX imports so the CLI
 * and the window report both the same way. */

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgImportSummary:
 * @documents_added: documents that were not in the library and came with their text
 * @documents_matched: documents found in the library by their SHA-256
 * @codes_matched: codes found in the codebook (by uuid, else by name and parent path)
 * @codes_created: codes added to the codebook
 * @annotations_added: annotations placed in the new set
 * @entity_decisions_added: entity decisions that were not in the library yet
 * @not_placed: (element-type utf8): one sentence per annotation or document that could not be
 *   placed, saying why
 * @set_id: the id of the new annotation set, or 0 when none was made
 *
 * Zero-initialise it (`MgImportSummary summary = { 0 };`), let an import fill it, and free what
 * it holds with mg_import_summary_clear().
 */
typedef struct
{
  guint      documents_added;
  guint      documents_matched;
  guint      codes_matched;
  guint      codes_created;
  guint      annotations_added;
  guint      entity_decisions_added;
  GPtrArray *not_placed;
  gint64     set_id;
} MgImportSummary;

/**
 * mg_import_summary_clear:
 * @summary: a summary
 *
 * Frees what @summary holds and zeroes it, so it can be filled again.
 */
static inline void
mg_import_summary_clear (MgImportSummary *summary)
{
  g_clear_pointer (&summary->not_placed, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}

/**
 * mg_import_summary_add_not_placed:
 * @summary: a summary
 * @format: printf-style format of the reason
 *
 * Records one thing the import could not place, and why.
 */
static inline void G_GNUC_PRINTF (2, 3)
mg_import_summary_add_not_placed (MgImportSummary *summary,
                                  const char      *format,
                                  ...)
{
  va_list args;

  if (summary->not_placed == NULL)
    summary->not_placed = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  g_ptr_array_add (summary->not_placed, g_strdup_vprintf (format, args));
  va_end (args);
}

G_END_DECLS
