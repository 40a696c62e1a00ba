/* SPDX-License-Identifier: GPL-3.0-or-later */
/* When the library does not open, or opens but fails its check: say so, and offer to put the
 * newest intact backup in its place (the damaged library is kept beside it). */
#include "config.h"

#include <glib/gi18n.h>

#include "mg-library-rescue.h"
#include "mg-store-backup.h"

typedef struct
{
  char *library_path;
  MgLibraryRescued rescued;
  gpointer user_data;
} Rescue;

static void
rescue_free (Rescue *rescue)
{
  g_free (rescue->library_path);
  g_free (rescue);
}

/**
 * mg_library_rescue_check:
 *
 * The check at every start: SQLite's quick_check (pages and records, not index contents),
 * which reads the file once.
 *
 * Returns: %TRUE when the library looks whole
 */
gboolean
mg_library_rescue_check (const char  *library_path,
                         GError     **error)
{
  return mg_store_check_file (library_path, TRUE, NULL, error);
}

static void
show_restore_failure (GtkApplication *application,
                      const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Could Not Restore the Backup"), message);

  gtk_window_set_application (GTK_WINDOW (dialog), application);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Rescue           *rescue)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "restore"))
    return;
  if (!mg_store_restore_backup (rescue->library_path, NULL, NULL, NULL, &error))
    {
      show_restore_failure (application, error->message);
      return;
    }
  rescue->rescued (rescue->user_data);
}

/* The newest backup's date, for the dialog; %NULL when there is none. */
static char *
newest_backup_date (const char *library_path)
{
  g_autoptr(GPtrArray) backups = mg_store_list_backups (library_path);
  g_autoptr(GDateTime) local = NULL;

  if (backups->len == 0)
    return NULL;
  local = g_date_time_to_local (((MgStoreBackup *) backups->pdata[0])->time);
  return g_date_time_format (local, "%x %X");
}

/**
 * mg_library_rescue_offer:
 * @error: why the library could not be used
 * @rescued: called after a successful restore, to open the library again
 *
 * Shows why the library could not be opened; when it is damaged and there is a backup,
 * offers "Restore Backup".
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
mg_library_rescue_offer (GtkApplication   *application,
                         const char       *library_path,
                         const GError     *error,
                         MgLibraryRescued  rescued,
                         gpointer          user_data)
{
  g_autofree char *date = mg_store_error_is_damage (error) ? newest_backup_date (library_path)
                                                           : NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Rescue *rescue;

  if (date == NULL)
    body = g_strdup (error->message);
  else
    /* Translators: why the library could not be opened, then the date of its newest backup. */
    body = g_strdup_printf (_("%s\n\nMarginalia can put the newest intact backup in its "
                              "place (the newest backup is from %s). The damaged library is "
                              "kept beside it."), error->message, date);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Could Not Open the Library"),
                                                       body));
  gtk_window_set_application (GTK_WINDOW (dialog), application);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (date != NULL)
    {
      adw_message_dialog_add_response (dialog, "restore", _("_Restore Backup"));
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
    }
  rescue = g_new0 (Rescue, 1);
  rescue->library_path = g_strdup (library_path);
  rescue->rescued = rescued;
  rescue->user_data = user_data;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), rescue,
                         (GClosureNotify) (void (*) (void)) rescue_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
