/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the QDPX export and import share: the error domain, times and GUIDs as REFI-QDA
 * writes them, and the import limits. */
#include "config.h"

#include <string.h>

#include "mg-qdpx-private.h"

G_DEFINE_QUARK (mg-qdpx-error-quark, mg_qdpx_error)

static guint64 max_entry_bytes = MG_QDPX_MAX_ENTRY_BYTES;
static guint64 max_total_bytes = MG_QDPX_MAX_TOTAL_BYTES;

/* xsd:dateTime in UTC with "Z": importers that ignore a zone read it as local time. */
char *
mg_qdpx_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (MAX (unix_seconds, 0));

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* A GUID that depends only on @kind and @name (the shape of a version 5 UUID), so that
 * exporting the same library twice names its users and codings the same way. */
char *
mg_qdpx_guid_from_name (const char *kind,
                        const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* REFI-QDA GUIDs may be upper or lower case and wrapped in braces (ATLAS.ti, NVivo); ours are
 * lower case and bare. Returns NULL for anything that is not a GUID. */
char *
mg_qdpx_normalise_guid (const char *guid)
{
  g_autofree char *bare = NULL;
  gsize length;

  if (guid == NULL)
    return NULL;
  bare = g_strstrip (g_strdup (guid));
  length = strlen (bare);
  if (length == 38 && bare[0] == '{' && bare[37] == '}')
    {
      memmove (bare, bare + 1, 36);
      bare[36] = '\0';
    }
  if (!g_uuid_string_is_valid (bare))
    return NULL;
  return g_ascii_strdown (bare, -1);
}

void
mg_qdpx_set_limits_for_testing (guint64 entry_bytes,
                                guint64 total_bytes)
{
  max_entry_bytes = entry_bytes;
  max_total_bytes = total_bytes;
}

guint64
mg_qdpx_max_entry_bytes (void)
{
  return max_entry_bytes;
}

guint64
mg_qdpx_max_total_bytes (void)
{
  return max_total_bytes;
}
