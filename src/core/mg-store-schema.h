/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The library's schema as a list of migrations: entry N-1 takes a library from
 * PRAGMA user_version N-1 to N. Append new versions; never edit a released one. */
extern const char * const mg_store_schema_migrations[];
extern const gsize mg_store_schema_n_migrations;

/* The tokenizer of documents_fts and its arguments, as the latest schema declares them:
 * search tokenizes the texts it shows hits in with the very same one. */
#define MG_STORE_FTS_TOKENIZER "unicode61"
#define MG_STORE_FTS_TOKENIZER_ARGS "remove_diacritics 2"

G_END_DECLS
