/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mg-document.h"

G_BEGIN_DECLS

#define MG_STORE_ERROR (mg_store_error_quark ())

/**
 * MgStoreError:
 * @MG_STORE_ERROR_OPEN: the file could not be opened or created
 * @MG_STORE_ERROR_NOT_A_LIBRARY: the file is not a Marginalia library
 * @MG_STORE_ERROR_TOO_NEW: the library was written by a newer Marginalia
 * @MG_STORE_ERROR_CORRUPT: the library file is damaged
 * @MG_STORE_ERROR_BUSY: another program holds the library locked for too long
 * @MG_STORE_ERROR_FULL: the disk is full
 * @MG_STORE_ERROR_READ_ONLY: the library cannot be written
 * @MG_STORE_ERROR_NOT_FOUND: no such item in the library
 * @MG_STORE_ERROR_FAILED: any other failure of the database
 * @MG_STORE_ERROR_INVALID: the request makes no sense for the library as it is (a range
 *   outside the text, a code moved under itself, an empty name)
 * @MG_STORE_ERROR_IN_USE: the item is still in use (a code that passages carry)
 */
typedef enum {
  MG_STORE_ERROR_OPEN,
  MG_STORE_ERROR_NOT_A_LIBRARY,
  MG_STORE_ERROR_TOO_NEW,
  MG_STORE_ERROR_CORRUPT,
  MG_STORE_ERROR_BUSY,
  MG_STORE_ERROR_FULL,
  MG_STORE_ERROR_READ_ONLY,
  MG_STORE_ERROR_NOT_FOUND,
  MG_STORE_ERROR_FAILED,
  MG_STORE_ERROR_INVALID,
  MG_STORE_ERROR_IN_USE,
} MgStoreError;

#define MG_TYPE_STORE (mg_store_get_type ())
G_DECLARE_FINAL_TYPE (MgStore, mg_store, MG, STORE, GObject)

GQuark       mg_store_error_quark           (void);

char        *mg_store_default_path          (void);
MgStore     *mg_store_open                  (const char  *path,
                                             GError     **error);
const char  *mg_store_get_path              (MgStore     *self);
int          mg_store_get_schema_version    (MgStore     *self);
int          mg_store_get_latest_schema_version (void);

gboolean     mg_store_add_document          (MgStore     *self,
                                             MgDocument  *document,
                                             gboolean    *out_existed,
                                             GError     **error);
MgDocument  *mg_store_get_document          (MgStore     *self,
                                             gint64       id,
                                             GError     **error);
GListModel  *mg_store_list_documents        (MgStore     *self,
                                             GError     **error);
gint64       mg_store_find_document_by_sha256 (MgStore   *self,
                                             const char  *sha256,
                                             GError     **error);

gboolean     mg_store_set_reading_position  (MgStore     *self,
                                             gint64       document_id,
                                             gint64       offset,
                                             GError     **error);
gint64       mg_store_get_reading_position  (MgStore     *self,
                                             gint64       document_id);

gboolean     mg_store_set_meta              (MgStore     *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);
char        *mg_store_get_meta              (MgStore     *self,
                                             const char  *key);

G_END_DECLS
