/* SPDX-License-Identifier: GPL-3.0-or-later */

/* REFI-QDA projects: the zip, its project.qde, the sources it names, the codings. */

#include "mg-fuzz.h"
#include "mg-qdpx.h"

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
  g_autofree char *path = mg_fuzz_write_input (data, size, "input.qdpx");
  MgImportSummary summary = { 0 };
  gboolean ok;

  ok = mg_qdpx_import (mg_fuzz_store (), path, &summary, NULL, &error);
  g_assert_true (ok == (error == NULL));
  mg_import_summary_clear (&summary);
  return 0;
}
