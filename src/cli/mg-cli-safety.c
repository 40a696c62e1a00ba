/* SPDX-License-Identifier: GPL-3.0-or-later */
/* marginalia-cli check, restore and backup: the library's health and its backups. */
#include "config.h"

#include "mg-cli-common.h"
#include "mg-cli-safety.h"

#include <glib/gi18n.h>

#include "mg-store-backup.h"

/* Parsed by main.c's context with --library (see mg-cli-annotate.c). */
static char *from_arg;

static const GOptionEntry restore_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_arg,
    N_("Restore this backup file instead of the newest intact one"), N_("BACKUP") },
  { NULL }
};

void
mg_cli_restore_add_options (GOptionContext *context)
{
  g_option_context_add_main_entries (context, restore_entries, GETTEXT_PACKAGE);
}

static int
refuse_arguments (const char *command,
                  int         argc)
{
  g_autofree char *message = NULL;

  if (argc <= 1)
    return 0;
  message = g_strdup_printf (_("%s takes no arguments besides its options; see "
                               "“marginalia-cli %s --help”"), command, command);
  mg_cli_print_error (NULL, message);
  return 2;
}

static char *
describe_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* What a user weighing a restore wants to know: are there backups, and how old. */
static void
print_backups (const char *library_path)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (library_path);
  g_autofree char *when = NULL;

  if (backups->len == 0)
    {
      g_print (_("backups: none yet\n"));
      return;
    }
  when = describe_time (((MgStoreBackup *) backups->pdata[0])->time);
  g_print (ngettext ("backups: %u, the newest made %s\n", "backups: %u, the newest made %s\n",
                     backups->len), backups->len, when);
}

/**
 * mg_cli_check:
 *
 * `check`: the full integrity check, foreign keys and schema version of the library,
 * without changing it. Exit status 0 when it is good, 1 with the reason otherwise.
 */
int
mg_cli_check (const char  *library_path,
              int          argc,
              char       **argv)
{
  g_autoptr(GError) error = NULL;
  int version = 0;
  int status = refuse_arguments ("check", argc);

  if (status != 0)
    return status;
  if (!mg_store_check_file (library_path, FALSE, &version, &error))
    {
      mg_cli_print_error (library_path, error->message);
      if (mg_store_error_is_damage (error))
        mg_cli_print_error (library_path, _("“marginalia-cli restore” puts the newest intact "
                                            "backup in its place"));
      return 1;
    }
  g_print (_("%s: ok (integrity, references, schema %d)\n"), library_path, version);
  print_backups (library_path);
  return 0;
}

/**
 * mg_cli_restore:
 *
 * `restore [--from BACKUP]`: replaces the library with the newest intact backup (or the one
 * given) and says which, and where the replaced library was kept.
 */
int
mg_cli_restore (const char  *library_path,
                int          argc,
                char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *kept = NULL;
  int status = refuse_arguments ("restore", argc);

  if (status != 0)
    return status;
  if (!mg_store_restore_backup (library_path, from_arg, &used, &kept, &error))
    {
      mg_cli_print_error (library_path, error->message);
      return 1;
    }
  g_print (_("Restored %s from the backup %s\n"), library_path, used);
  if (kept != NULL)
    g_print (_("The library it replaced is kept as %s\n"), kept);
  return 0;
}

/**
 * mg_cli_backup:
 *
 * `backup`: backs the library up now, beside it; prints the backup's path.
 */
int
mg_cli_backup (const char  *library_path,
               int          argc,
               char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgStore) store = NULL;
  g_autofree char *made = NULL;
  int status = refuse_arguments ("backup", argc);

  if (status != 0)
    return status;
  store = mg_store_open (library_path, &error);
  if (store != NULL)
    made = mg_store_backup_now (store, "manual", &error);
  if (made == NULL)
    {
      mg_cli_print_error (library_path, error->message);
      return 1;
    }
  g_print ("%s\n", made);
  return 0;
}
