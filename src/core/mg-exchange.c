/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One door for every exchange format, so the window and the CLI offer the same ones and an
 * import picks its reader by what the file holds, not by its name. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-exchange.h"
#include "mg-native-xml.h"
#include "mg-qdpx.h"
#include "mg-tei.h"

static const struct
{
  const char *name;
  const char *suffix;
} formats[MG_EXCHANGE_N_FORMATS] = {
  [MG_EXCHANGE_FORMAT_MARGINALIA] = { "marginalia", ".xml" },
  [MG_EXCHANGE_FORMAT_QDPX] = { "qdpx", ".qdpx" },
  [MG_EXCHANGE_FORMAT_QDC] = { "qdc", ".qdc" },
  [MG_EXCHANGE_FORMAT_TEI] = { "tei", ".tei.xml" },
};

gboolean
mg_exchange_format_from_string (const char       *name,
                                MgExchangeFormat *out_format)
{
  for (guint i = 0; i < MG_EXCHANGE_N_FORMATS; i++)
    if (g_strcmp0 (name, formats[i].name) == 0)
      {
        *out_format = (MgExchangeFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mg_exchange_format_to_string (MgExchangeFormat format)
{
  g_return_val_if_fail ((guint) format < MG_EXCHANGE_N_FORMATS, NULL);
  return formats[format].name;
}

/**
 * mg_exchange_format_suffix:
 *
 * Returns: the file name ending a file of @format usually has, with its dot
 */
const char *
mg_exchange_format_suffix (MgExchangeFormat format)
{
  g_return_val_if_fail ((guint) format < MG_EXCHANGE_N_FORMATS, NULL);
  return formats[format].suffix;
}

/**
 * mg_exchange_export:
 * @scope: what to take from the library
 * @path: the file to write; written beside and renamed, so a failed export never replaces a
 *   good file
 *
 * Returns: %TRUE when the file is written
 */
gboolean
mg_exchange_export (MgStore             *store,
                    MgExchangeFormat     format,
                    const MgExportScope *scope,
                    const char          *path,
                    GCancellable        *cancellable,
                    GError             **error)
{
  switch (format)
    {
    case MG_EXCHANGE_FORMAT_MARGINALIA:
      return mg_native_xml_export (store, scope, path, cancellable, error);
    case MG_EXCHANGE_FORMAT_QDPX:
      return mg_qdpx_export (store, scope, path, cancellable, error);
    case MG_EXCHANGE_FORMAT_QDC:
      return mg_qdc_export (store, scope, path, cancellable, error);
    case MG_EXCHANGE_FORMAT_TEI:
      return mg_tei_export (store, scope, path, cancellable, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* A zip is a QDPX project; anything else is tried as our XML, whose reader says clearly
 * when it is not. */
static gboolean
looks_like_zip (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  char magic[4] = { 0 };
  gsize got = 0;

  if (stream == NULL)
    return FALSE;
  g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &got, NULL, NULL);
  return got == sizeof magic && memcmp (magic, "PK\003\004", sizeof magic) == 0;
}

/**
 * mg_exchange_import:
 * @out_summary: (out): what was added, and what could not be placed and why
 *
 * Imports the annotations of a Marginalia XML file or a REFI-QDA project as a new
 * annotation set, in one transaction: on any error the library is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
mg_exchange_import (MgStore          *store,
                    const char       *path,
                    MgImportSummary  *out_summary,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autoptr(GError) read_error = NULL;

  if (looks_like_zip (path, &read_error))
    return mg_qdpx_import (store, path, out_summary, cancellable, error);
  if (read_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, read_error->code, _("cannot read it: %s"),
                   read_error->message);
      return FALSE;
    }
  return mg_native_xml_import (store, path, out_summary, cancellable, error);
}
