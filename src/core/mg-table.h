/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MgTableColumnKind:
 * @MG_TABLE_COLUMN_TEXT: cells hold text, sorted by collation
 * @MG_TABLE_COLUMN_NUMBER: cells hold whole numbers, sorted numerically
 * @MG_TABLE_COLUMN_TEXT_END: text read from its end, as a concordance's left context is
 *   sorted: by the last word, then the one before
 */
typedef enum {
  MG_TABLE_COLUMN_TEXT,
  MG_TABLE_COLUMN_NUMBER,
  MG_TABLE_COLUMN_TEXT_END,
} MgTableColumnKind;

/**
 * MgTableTarget:
 * @document_id: the document a row stands for or points into, 0 for none
 * @start: first code point of the row's passage in that document
 * @end: code point after it
 * @code_id: the code a row stands for, 0 for none
 * @other_id: a second id (the column's code or document of a matrix row), 0 for none
 * @key: an entity key, or %NULL
 *
 * What a row of an analysis table is about, so a click on it can open it.
 */
typedef struct {
  gint64 document_id;
  gint64 start;
  gint64 end;
  gint64 code_id;
  gint64 other_id;
  char *key;
} MgTableTarget;

#define MG_TYPE_TABLE (mg_table_get_type ())
G_DECLARE_FINAL_TYPE (MgTable, mg_table, MG, TABLE, GObject)

MgTable       *mg_table_new                 (const char        *title);
const char    *mg_table_get_title           (MgTable           *self);
guint          mg_table_add_column          (MgTable           *self,
                                             const char        *title,
                                             MgTableColumnKind  kind);
guint          mg_table_get_n_columns       (MgTable           *self);
const char    *mg_table_get_column_title    (MgTable           *self,
                                             guint              column);
MgTableColumnKind mg_table_get_column_kind  (MgTable           *self,
                                             guint              column);
guint          mg_table_add_row             (MgTable           *self);
guint          mg_table_get_n_rows          (MgTable           *self);
void           mg_table_set_text            (MgTable           *self,
                                             guint              row,
                                             guint              column,
                                             const char        *text);
void           mg_table_set_number          (MgTable           *self,
                                             guint              row,
                                             guint              column,
                                             gint64             number);
const char    *mg_table_get_text            (MgTable           *self,
                                             guint              row,
                                             guint              column);
gint64         mg_table_get_number          (MgTable           *self,
                                             guint              row,
                                             guint              column);
void           mg_table_set_colour          (MgTable           *self,
                                             guint              row,
                                             const char        *colour);
const char    *mg_table_get_colour          (MgTable           *self,
                                             guint              row);
MgTableTarget *mg_table_get_target          (MgTable           *self,
                                             guint              row);
int            mg_table_compare_rows        (MgTable           *self,
                                             guint              column,
                                             guint              a,
                                             guint              b);

G_END_DECLS
