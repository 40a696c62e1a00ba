/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of an MgTable as a list item: a column view needs objects, the table keeps plain
 * rows, so each item is just the table and an index into it. */
#include "mg-table-row.h"

struct _MgTableRow
{
  GObject parent_instance;

  MgTable *table;
  guint index;
};

G_DEFINE_FINAL_TYPE (MgTableRow, mg_table_row, G_TYPE_OBJECT)

static void
mg_table_row_finalize (GObject *object)
{
  g_clear_object (&MG_TABLE_ROW (object)->table);
  G_OBJECT_CLASS (mg_table_row_parent_class)->finalize (object);
}

static void
mg_table_row_class_init (MgTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_table_row_finalize;
}

static void
mg_table_row_init (MgTableRow *self)
{
}

MgTableRow *
mg_table_row_new (MgTable *table,
                  guint    index)
{
  MgTableRow *self = g_object_new (MG_TYPE_TABLE_ROW, NULL);

  self->table = g_object_ref (table);
  self->index = index;
  return self;
}

MgTable *
mg_table_row_get_table (MgTableRow *self)
{
  g_return_val_if_fail (MG_IS_TABLE_ROW (self), NULL);
  return self->table;
}

guint
mg_table_row_get_index (MgTableRow *self)
{
  g_return_val_if_fail (MG_IS_TABLE_ROW (self), 0);
  return self->index;
}
