/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mg-string.h"

/**
 * mg_set_str:
 * @slot: a string field of an object
 * @value: (nullable): its new value
 *
 * Replaces the string in @slot with a copy of @value: GLib's g_set_str() came in 2.76, above
 * our floor.
 *
 * Returns: %TRUE when the value changed (so a property notification is due)
 */
gboolean
mg_set_str (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}
