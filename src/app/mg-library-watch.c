/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Watches the library for the window: notices when another process (the CLI, a second
 * window) committed, and makes the daily backup in a worker while the library is in use. */
#include "config.h"

#include "mg-library-watch.h"
#include "mg-store-backup.h"

/* PRAGMA data_version costs microseconds: a second is quick to the eye and cheap. */
#define POLL_SECONDS 1

/* Whether a daily backup is due is asked this often (a folder listing, no I/O on the
 * library itself). */
#define BACKUP_CHECK_SECONDS (60 * 60)

struct _MgLibraryWatch
{
  GObject parent_instance;

  MgStore *store;
  gint64 data_version;
  guint poll_id;
  guint backup_id;
  GCancellable *cancellable;
  gboolean backing_up;
};

G_DEFINE_FINAL_TYPE (MgLibraryWatch, mg_library_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  BACKUP_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * mg_library_watch_check_now:
 *
 * Emits #MgLibraryWatch::changed if another process wrote since the last look; the window
 * calls it when it gets the focus, so a change made in a terminal shows at once.
 */
void
mg_library_watch_check_now (MgLibraryWatch *self)
{
  gint64 version;

  g_return_if_fail (MG_IS_LIBRARY_WATCH (self));

  version = mg_store_get_data_version (self->store);
  if (version < 0 || version == self->data_version)
    return;
  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
poll_cb (gpointer user_data)
{
  mg_library_watch_check_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = mg_store_backup_if_due (task_data, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MgLibraryWatch *self = MG_LIBRARY_WATCH (source);

  self->backing_up = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[BACKUP_FAILED], 0, error->message);
}

static gboolean
backup_cb (gpointer user_data)
{
  MgLibraryWatch *self = user_data;
  g_autoptr(GTask) task = NULL;
  const char *path = mg_store_get_path (self->store);

  if (self->backing_up || !mg_store_backup_is_due (path, NULL))
    return G_SOURCE_CONTINUE;
  self->backing_up = TRUE;
  task = g_task_new (self, self->cancellable, backup_done, NULL);
  g_task_set_source_tag (task, backup_cb);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, backup_thread);
  return G_SOURCE_CONTINUE;
}

static void
mg_library_watch_dispose (GObject *object)
{
  MgLibraryWatch *self = MG_LIBRARY_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mg_library_watch_parent_class)->dispose (object);
}

static void
mg_library_watch_finalize (GObject *object)
{
  MgLibraryWatch *self = MG_LIBRARY_WATCH (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mg_library_watch_parent_class)->finalize (object);
}

static void
mg_library_watch_class_init (MgLibraryWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_library_watch_dispose;
  object_class->finalize = mg_library_watch_finalize;

  /**
   * MgLibraryWatch::changed:
   *
   * Another process committed to the library: what the window shows may be stale.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MgLibraryWatch::backup-failed:
   * @message: what went wrong and what to do, for the user
   */
  signals[BACKUP_FAILED] = g_signal_new ("backup-failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         1, G_TYPE_STRING);
}

static void
mg_library_watch_init (MgLibraryWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mg_library_watch_new:
 *
 * Starts watching @store: polls it every second, and makes the daily backup now (in a
 * worker) if one is due, then looks again every hour.
 *
 * Returns: (transfer full): the watch; dropping it stops everything
 */
MgLibraryWatch *
mg_library_watch_new (MgStore *store)
{
  MgLibraryWatch *self = g_object_new (MG_TYPE_LIBRARY_WATCH, NULL);

  g_return_val_if_fail (MG_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->data_version = mg_store_get_data_version (store);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  self->backup_id = g_timeout_add_seconds (BACKUP_CHECK_SECONDS, backup_cb, self);
  backup_cb (self);
  return self;
}
