/* SPDX-License-Identifier: GPL-3.0-or-later */

/* OpenDocument text (a zip whose content.xml holds the paragraphs). The importer reads a file, so each input is written to one first. */

#include "mg-fuzz.h"
#include "mg-odt-import.h"

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
  g_autofree char *path = mg_fuzz_write_input (data, size, "input.odt");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  document = mg_odt_import_file (file, NULL, &error);
  g_assert_true ((document == NULL) == (error != NULL));
  if (document != NULL)
    g_assert_true (g_utf8_validate (mg_document_get_text (document), -1, NULL));
  return 0;
}
