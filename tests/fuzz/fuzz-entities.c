/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The entity extractor over any text a user could import: the input is decoded the way an
 * import decodes it, so the extractor sees what it sees in the app (valid, NFC UTF-8). */

#include "mg-entity-extractor.h"
#include "mg-fuzz.h"
#include "mg-text-import.h"

static MgEntityExtractor *extractor;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  mg_fuzz_setup ();
  extractor = mg_entity_extractor_new (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) found = NULL;
  glong chars;

  text = mg_text_import_decode ((const char *) data, size, NULL, &error);
  if (text == NULL)
    return 0;
  chars = g_utf8_strlen (text, -1);
  found = mg_entity_extractor_extract_full (extractor, text, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  /* Every mention must lie inside the text, in code points, or the panel would point past it. */
  for (guint i = 0; i < found->len; i++)
    {
      MgEntityMention *mention = found->pdata[i];

      g_assert_cmpint (mention->start, >=, 0);
      g_assert_cmpint (mention->start, <,
                       mention->end);
      g_assert_cmpint (mention->end, <=, chars);
    }
  return 0;
}
