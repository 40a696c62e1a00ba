/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Markdown: its text without the markup, and the title from the first heading. */

#include "mg-fuzz.h"
#include "mg-markdown-import.h"
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
  g_autoptr(MgDocument) document = NULL;

  mg_markdown_import_sniff ((const char *) data, MIN (size, 8192));
  document = mg_markdown_import_bytes ((const char *) data, size, "fallback", "file:///fuzz.md",
                                       &error);
  g_assert_true ((document == NULL) == (error != NULL));
  if (document != NULL)
    g_assert_true (g_utf8_validate (mg_document_get_text (document), -1, NULL));
  return 0;
}
