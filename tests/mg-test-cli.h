/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Running the built marginalia-cli from a test, as a user or a script runs it. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int status;
  GBytes *out_bytes;   /* stdout exactly */
  char *out;           /* stdout as a string */
  char *err;           /* stderr */
} Run;

void         run_free                       (Run               *run);
Run         *run_cliv                       (const char * const *args);
void         assert_status                  (Run               *run,
                                             int                status);
char        *scratch_path                   (const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

#define run_cli(...) run_cliv ((const char * const []) { __VA_ARGS__, NULL })

G_END_DECLS
