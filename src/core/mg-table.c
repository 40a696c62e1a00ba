/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTable: the rows every analysis view shows, and what the CSV and HTML writers write. One
 * shape for all of them, so one table widget and one CSV writer serve every view. */
#include "mg-table.h"

#include "mg-kwic.h"

#include <string.h>

typedef struct
{
  char *title;
  MgTableColumnKind kind;
} Column;

typedef struct
{
  char **texts;           /* one per column; numbers keep their formatted text here too */
  gint64 *numbers;
  char *colour;
  MgTableTarget target;
} Row;

struct _MgTable
{
  GObject parent_instance;

  char *title;
  GArray *columns;        /* Column */
  GPtrArray *rows;        /* Row */
  GPtrArray *sort_keys;   /* per column: GStrv of collation keys, or NULL until sorted by */
};

G_DEFINE_FINAL_TYPE (MgTable, mg_table, G_TYPE_OBJECT)

static void
column_clear (Column *column)
{
  g_free (column->title);
}

static void
row_free (Row *row)
{
  g_strfreev (row->texts);
  g_free (row->numbers);
  g_free (row->colour);
  g_free (row->target.key);
  g_free (row);
}

static void
mg_table_finalize (GObject *object)
{
  MgTable *self = MG_TABLE (object);

  g_free (self->title);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (mg_table_parent_class)->finalize (object);
}

static void
mg_table_class_init (MgTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_table_finalize;
}

static void
mg_table_init (MgTable *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, (GDestroyNotify) column_clear);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
}

/**
 * mg_table_new:
 * @title: what the table shows, used as the CSV file's suggested name and the report's
 *   heading
 *
 * Returns: (transfer full): an empty table; add its columns before its rows
 */
MgTable *
mg_table_new (const char *title)
{
  MgTable *self = g_object_new (MG_TYPE_TABLE, NULL);

  self->title = g_strdup (title);
  return self;
}

const char *
mg_table_get_title (MgTable *self)
{
  g_return_val_if_fail (MG_IS_TABLE (self), NULL);
  return self->title;
}

/**
 * mg_table_add_column:
 *
 * Returns: the new column's index
 */
guint
mg_table_add_column (MgTable           *self,
                     const char        *title,
                     MgTableColumnKind  kind)
{
  Column column = { g_strdup (title), kind };

  g_return_val_if_fail (MG_IS_TABLE (self), 0);
  g_return_val_if_fail (self->rows->len == 0, 0);

  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
mg_table_get_n_columns (MgTable *self)
{
  g_return_val_if_fail (MG_IS_TABLE (self), 0);
  return self->columns->len;
}

const char *
mg_table_get_column_title (MgTable *self,
                           guint    column)
{
  g_return_val_if_fail (MG_IS_TABLE (self) && column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).title;
}

MgTableColumnKind
mg_table_get_column_kind (MgTable *self,
                          guint    column)
{
  g_return_val_if_fail (MG_IS_TABLE (self) && column < self->columns->len, 0);
  return g_array_index (self->columns, Column, column).kind;
}

/**
 * mg_table_add_row:
 *
 * Returns: the new row's index; its cells are empty text and zero
 */
guint
mg_table_add_row (MgTable *self)
{
  Row *row = g_new0 (Row, 1);

  g_return_val_if_fail (MG_IS_TABLE (self), 0);

  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);
  row->texts = g_new0 (char *, self->columns->len + 1);
  row->numbers = g_new0 (gint64, self->columns->len);
  for (guint j = 0; j < self->columns->len; j++)
    if (g_array_index (self->columns, Column, j).kind == MG_TABLE_COLUMN_NUMBER)
      row->texts[j] = g_strdup ("0");
  g_ptr_array_add (self->rows, row);
  return self->rows->len - 1;
}

guint
mg_table_get_n_rows (MgTable *self)
{
  g_return_val_if_fail (MG_IS_TABLE (self), 0);
  return self->rows->len;
}

static Row *
get_row (MgTable *self,
         guint    row,
         guint    column)
{
  g_return_val_if_fail (MG_IS_TABLE (self), NULL);
  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, NULL);
  return g_ptr_array_index (self->rows, row);
}

void
mg_table_set_text (MgTable    *self,
                   guint       row,
                   guint       column,
                   const char *text)
{
  Row *r = get_row (self, row, column);

  if (r == NULL)
    return;
  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);
  g_free (r->texts[column]);
  r->texts[column] = g_strdup (text);
}

void
mg_table_set_number (MgTable *self,
                     guint    row,
                     guint    column,
                     gint64   number)
{
  Row *r = get_row (self, row, column);

  if (r == NULL)
    return;
  r->numbers[column] = number;
  g_free (r->texts[column]);
  r->texts[column] = g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

/**
 * mg_table_get_text:
 *
 * Returns: (transfer none): the cell as text (a number in digits), never %NULL
 */
const char *
mg_table_get_text (MgTable *self,
                   guint    row,
                   guint    column)
{
  Row *r = get_row (self, row, column);

  return r != NULL && r->texts[column] != NULL ? r->texts[column] : "";
}

gint64
mg_table_get_number (MgTable *self,
                     guint    row,
                     guint    column)
{
  Row *r = get_row (self, row, column);

  return r != NULL ? r->numbers[column] : 0;
}

void
mg_table_set_colour (MgTable    *self,
                     guint       row,
                     const char *colour)
{
  Row *r = get_row (self, row, 0);

  if (r == NULL)
    return;
  g_free (r->colour);
  r->colour = g_strdup (colour);
}

/**
 * mg_table_get_colour:
 *
 * Returns: (nullable): the row's colour ("#rrggbb", a code's), or %NULL
 */
const char *
mg_table_get_colour (MgTable *self,
                     guint    row)
{
  Row *r = get_row (self, row, 0);

  return r != NULL ? r->colour : NULL;
}

/**
 * mg_table_get_target:
 *
 * Returns: (transfer none): what the row is about; the caller may fill it in
 */
MgTableTarget *
mg_table_get_target (MgTable *self,
                     guint    row)
{
  Row *r = get_row (self, row, 0);

  return r != NULL ? &r->target : NULL;
}

static char *
make_sort_key (MgTable *self,
               guint    row,
               guint    column)
{
  g_autofree char *folded = NULL;

  if (mg_table_get_column_kind (self, column) == MG_TABLE_COLUMN_TEXT_END)
    folded = mg_kwic_left_sort_key (mg_table_get_text (self, row, column));
  else
    folded = g_utf8_casefold (mg_table_get_text (self, row, column), -1);
  return g_utf8_collate_key (folded, -1);
}

/* Collation keys of a text column, made on the first sort by it: a concordance of many
 * thousand lines then sorts with plain byte comparisons. */
static GStrv
column_sort_keys (MgTable *self,
                  guint    column)
{
  GStrv keys;

  if (self->sort_keys == NULL)
    self->sort_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (self->sort_keys->len < self->columns->len)
    g_ptr_array_set_size (self->sort_keys, self->columns->len);
  keys = g_ptr_array_index (self->sort_keys, column);
  if (keys == NULL)
    {
      keys = g_new0 (char *, self->rows->len + 1);
      for (guint i = 0; i < self->rows->len; i++)
        keys[i] = make_sort_key (self, i, column);
      g_ptr_array_index (self->sort_keys, column) = keys;
    }
  return keys;
}

/**
 * mg_table_compare_rows:
 *
 * Orders two rows by one column: numbers by value, text by the user's collation (case
 * does not matter; a #MG_TABLE_COLUMN_TEXT_END column by its last word first), ties by row
 * index so every sort is stable. Add no rows after the first comparison.
 */
int
mg_table_compare_rows (MgTable *self,
                       guint    column,
                       guint    a,
                       guint    b)
{
  int order;

  g_return_val_if_fail (MG_IS_TABLE (self) && column < self->columns->len, 0);

  if (mg_table_get_column_kind (self, column) == MG_TABLE_COLUMN_NUMBER)
    {
      gint64 x = mg_table_get_number (self, a, column), y = mg_table_get_number (self, b, column);
      order = (x > y) - (x < y);
    }
  else
    {
      GStrv keys = column_sort_keys (self, column);
      order = strcmp (keys[a], keys[b]);
    }
  return order != 0 ? order : (a > b) - (a < b);
}
