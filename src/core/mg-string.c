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

/**
 * mg_json_append_string:
 * @value: UTF-8 text
 *
 * Appends @value to @out as a JSON string: quoted, with quotes, backslashes and control
 * characters escaped.
 */
void
mg_json_append_string (GString    *out,
                       const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
