/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Plain text of any encoding: detection, decoding, line ends, NFC and the title guess. */

#include "mg-fuzz.h"
#include "mg-text-import.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  mg_fuzz_setup ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const char *encoding = NULL;

  text = mg_text_import_decode ((const char *) data, size, &encoding, &error);
  if (text == NULL)
    {
      g_assert_true (error != NULL && error->domain == MG_IMPORT_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  title = mg_text_import_guess_title (text, "fallback");
  g_assert_true (title != NULL && g_utf8_validate (title, -1, NULL));
  return 0;
}
