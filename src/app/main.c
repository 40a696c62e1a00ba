/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mg-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(MgApplication) application = NULL;
  /* build-aux/dev run points this at the build tree's compiled catalogues, so an uninstalled
   * build speaks the user's language too. */
  const char *localedir = g_getenv ("MARGINALIA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = mg_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
