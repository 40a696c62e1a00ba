/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What every fuzz target shares. A target defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize); with -Dfuzzing=true libFuzzer drives it, otherwise mg-fuzz-replay.c
 * feeds it each file of its corpus once, so every input that ever crashed a parser stays a
 * regression test of the ordinary suite. */

#include <stddef.h>
#include <stdint.h>

#include <gio/gio.h>

#include "mg-store.h"

G_BEGIN_DECLS

int          LLVMFuzzerInitialize           (int            *argc,
                                             char         ***argv);
int          LLVMFuzzerTestOneInput         (const uint8_t  *data,
                                             size_t          size);

void         mg_fuzz_setup                  (void);
char        *mg_fuzz_write_input            (const uint8_t  *data,
                                             size_t          size,
                                             const char     *basename);
MgStore     *mg_fuzz_store                  (void);

G_END_DECLS
