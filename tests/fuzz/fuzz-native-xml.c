/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Marginalia's own XML exchange files: safe parsing, the RELAX NG check, and the import into a
 * library, which must either take the file whole or leave the library as it was. */

#include "mg-fuzz.h"
#include "mg-native-xml.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  mg_fuzz_store ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mg_fuzz_write_input (data, size, "input.xml");
  MgImportSummary summary = { 0 };
  gboolean ok;

  ok = mg_native_xml_import (mg_fuzz_store (), path, &summary, NULL, &error);
  g_assert_true (ok == (error == NULL));
  mg_import_summary_clear (&summary);
  return 0;
}
