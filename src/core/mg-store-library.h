/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mg-store.h"

G_BEGIN_DECLS

/* MgStore, continued: keeping the library in order (renaming and deleting documents). */

gboolean     mg_store_rename_document       (MgStore     *self,
                                             gint64       document_id,
                                             const char  *title,
                                             GError     **error);
gboolean     mg_store_delete_document       (MgStore     *self,
                                             gint64       document_id,
                                             GError     **error);

G_END_DECLS
