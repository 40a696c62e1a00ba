/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mg-entity-fold.h"

#include <string.h>

/* Folding makes spellings of one name meet: "Việt Nam", "Viet Nam" and "VIETNAM" all fold
 * to "vietnam". Letters lose case and diacritics, spaces and punctuation go (so a name
 * split in two words meets its one-word spelling), digits stay, and so does "+", which
 * tells "Vietnam+" (a publication) from "Vietnam". */

void
mg_entity_fold_append_unichar (GString  *out,
                               gunichar  c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      if (g_ascii_isalnum (c) || c == '+')
        g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }
  /* Vietnamese d with stroke has no decomposition, yet readers treat it as "d". */
  if (c == 0x0110 || c == 0x0111)
    {
      g_string_append_c (out, 'd');
      return;
    }
  if (!g_unichar_isalnum (c))
    return;
  n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (parts[i]))
      {
        gunichar lower = g_unichar_tolower (parts[i]);

        if (lower < 0x80)
          g_string_append_c (out, (char) lower);
        else
          g_string_append_unichar (out, lower);
      }
}

/**
 * mg_entity_fold_key:
 * @text: UTF-8 text
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 *
 * Folds a name into the key the extractor matches and groups by: lower case, without
 * diacritics, spaces or punctuation ("Việt Nam" and "Vietnam" give "vietnam";
 * "People’s Army" and "People's Army" give "peoplesarmy").
 *
 * Returns: (transfer full): the key, possibly empty
 */
char *
mg_entity_fold_key (const char *text,
                    gssize      length)
{
  GString *out;
  const char *p;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  out = g_string_sized_new ((gsize) length);
  end = text + length;
  for (p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    mg_entity_fold_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}
