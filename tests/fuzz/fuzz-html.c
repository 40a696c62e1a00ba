/* SPDX-License-Identifier: GPL-3.0-or-later */

/* HTML and XHTML pages: the charset, libxml2's HTML parser, the readable-article choice. */

#include "mg-fuzz.h"
#include "mg-html-import.h"
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

  mg_html_import_sniff ((const char *) data, MIN (size, 8192));
  document = mg_html_import_bytes ((const char *) data, size, "fallback", "file:///fuzz.html",
                                   &error);
  g_assert_true ((document == NULL) == (error != NULL));
  if (document != NULL)
    g_assert_true (g_utf8_validate (mg_document_get_text (document), -1, NULL));
  return 0;
}
