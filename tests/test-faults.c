/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Write errors on the way to the library: a full disk (a file-size limit, SIGXFSZ ignored)
 * and a read-only library. Each failed write says why, changes nothing, and the same write
 * succeeds once there is room again. */
#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mg-store.h"
#include "mg-store-annotations.h"
#include "mg-store-backup.h"
#include "mg-store-codes.h"

#define LIBRARY_ENV "MG_TEST_LIBRARY"

/* Small enough that a long note does not fit in the WAL, large enough for a short one. */
#define FILE_LIMIT (256 * 1024)

typedef struct
{
  MgStore *store;
  gint64 document_id;
  gint64 set_id;
  gint64 code_id;
  gint64 passage_id;
} Library;

static void
library_clear (Library *library)
{
  g_clear_object (&library->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Library, library_clear)

static void
open_library (Library    *library,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(MgDocument) document = NULL;
  g_autoptr(MgAnnotationSet) set = NULL;
  g_autoptr(MgCode) code = NULL;
  g_autoptr(GListModel) passages = NULL;
  g_autoptr(MgAnnotation) passage = NULL;

  library->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  documents = mg_store_list_documents (library->store, &error);
  g_assert_no_error (error);
  /* Newest first: the short text is the last. */
  document = g_list_model_get_item (documents, g_list_model_get_n_items (documents) - 1);
  set = mg_store_get_default_annotation_set (library->store, &error);
  g_assert_no_error (error);
  code = mg_store_find_code (library->store, "Highlight", &error);
  g_assert_no_error (error);
  library->document_id = mg_document_get_id (document);
  library->set_id = mg_annotation_set_get_id (set);
  library->code_id = mg_code_get_id (code);
  passages = mg_store_list_annotations (library->store, library->document_id, 0, 0, &error);
  g_assert_no_error (error);
  passage = g_list_model_get_item (passages, 0);
  library->passage_id = passage ? mg_annotation_get_id (passage) : 0;
}

/* A library with one document and one passage, outside the per-test folder so that a
 * subprocess running as another user can reach it. */
static char *
make_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mg-test-faults-XXXXXX", &error);
  char *path = g_build_filename (folder, "library.sqlite3", NULL);
  g_autoptr(MgStore) store = mg_store_open (path, &error);
  g_autoptr(MgDocument) document = mg_document_new ("Faults", "A text to tag while the disk "
                                                    "is full and while it is read-only.\n",
                                                    NULL, NULL);
  g_auto(Library) library = { 0 };
  g_autoptr(MgAnnotation) passage = NULL;

  g_autoptr(GString) filler = g_string_new (NULL);
  g_autoptr(MgDocument) big = NULL;

  g_assert_no_error (error);
  g_assert_true (mg_store_add_document (store, document, NULL, &error));
  /* A second, longer text makes the library itself larger than the limit, so a backup of
   * it cannot fit. */
  while (filler->len < 2 * FILE_LIMIT)
    g_string_append_printf (filler, "Line %u of a long text that fills the library.\n",
                            (guint) filler->len);
  big = mg_document_new ("Long", filler->str, NULL, NULL);
  g_assert_true (mg_store_add_document (store, big, NULL, &error));
  g_clear_object (&store);
  open_library (&library, path);
  passage = mg_store_add_annotation (library.store, library.document_id, library.set_id,
                                     library.code_id, 2, 6, "before", &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_library (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_remove (file);
    }
  g_rmdir (folder);
}

/* The passages of the document as "start-end:note", in text order. */
static char *
describe_passages (Library *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) passages = mg_store_list_annotations (library->store,
                                                              library->document_id, 0, 0,
                                                              &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (passages); i++)
    {
      g_autoptr(MgAnnotation) passage = g_list_model_get_item (passages, i);
      const char *note = mg_annotation_get_note (passage);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ":%s",
                              i ? " " : "", mg_annotation_get_start (passage),
                              mg_annotation_get_end (passage),
                              strlen (note ? note : "") > 20 ? "long" : note);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_passages (Library    *library,
                 const char *expected)
{
  g_autofree char *found = describe_passages (library);

  g_assert_cmpstr (found, ==, expected);
}

static void
set_file_limit (rlim_t bytes)
{
  struct rlimit limit;

  g_assert_no_errno (getrlimit (RLIMIT_FSIZE, &limit));
  limit.rlim_cur = bytes == 0 ? limit.rlim_max : bytes;
  g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &limit));
}

static void
assert_no_partial_backup (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".bak") || g_str_has_suffix (name, ".tmp"));
}

static void
full_disk_subprocess (const char *path)
{
  g_auto(Library) library = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) added = NULL;
  g_autoptr(MgAnnotation) edited = NULL;
  g_autofree char *long_note = g_strnfill (2 * FILE_LIMIT, 'x');
  g_autofree char *backup = NULL;

  open_library (&library, path);
  signal (SIGXFSZ, SIG_IGN);
  set_file_limit (FILE_LIMIT);

  /* An add, an edit and a backup that do not fit: each says so, and nothing changed. */
  added = mg_store_add_annotation (library.store, library.document_id, library.set_id,
                                   library.code_id, 10, 20, long_note, &error);
  g_assert_null (added);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FULL);
  g_test_message ("add: %s", error->message);
  g_assert_nonnull (strstr (error->message, "Free some space and try again"));
  g_clear_error (&error);
  assert_passages (&library, "2-6:before");

  edited = mg_store_set_annotation_note (library.store, library.passage_id, long_note, &error);
  g_assert_null (edited);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FULL);
  g_clear_error (&error);
  assert_passages (&library, "2-6:before");

  backup = mg_store_backup_now (library.store, "manual", &error);
  g_assert_null (backup);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_FULL);
  g_clear_error (&error);
  assert_no_partial_backup (path);

  /* Room again: the very same writes succeed on the same connection. */
  set_file_limit (0);
  added = mg_store_add_annotation (library.store, library.document_id, library.set_id,
                                   library.code_id, 10, 20, long_note, &error);
  g_assert_no_error (error);
  edited = mg_store_set_annotation_note (library.store, library.passage_id, "after", &error);
  g_assert_no_error (error);
  backup = mg_store_backup_now (library.store, "manual", &error);
  g_assert_no_error (error);
  assert_passages (&library, "2-6:after 10-20:long");
}

static void
test_full_disk (void)
{
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      full_disk_subprocess (g_getenv (LIBRARY_ENV));
      return;
    }
  path = make_library ();
  g_setenv (LIBRARY_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (mg_store_check_file (path, FALSE, NULL, NULL));
  remove_library (path);
}

/* Root may write anywhere, so the subprocess gives up root before it opens the library. */
static void
become_unprivileged (void)
{
  struct passwd *nobody;

  if (geteuid () != 0)
    return;
  nobody = getpwnam ("nobody");
  g_assert_nonnull (nobody);
  g_assert_no_errno (setgroups (0, NULL));
  g_assert_no_errno (setgid (nobody->pw_gid));
  g_assert_no_errno (setuid (nobody->pw_uid));
}

static void
read_only_subprocess (const char *path)
{
  g_auto(Library) library = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAnnotation) added = NULL;
  g_autoptr(MgAnnotation) edited = NULL;

  become_unprivileged ();
  open_library (&library, path);
  added = mg_store_add_annotation (library.store, library.document_id, library.set_id,
                                   library.code_id, 10, 20, "refused", &error);
  g_assert_null (added);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_READ_ONLY);
  g_test_message ("add: %s", error->message);
  g_clear_error (&error);
  edited = mg_store_set_annotation_note (library.store, library.passage_id, "refused", &error);
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (mg_store_delete_annotation (library.store, library.passage_id, &error));
  g_assert_error (error, MG_STORE_ERROR, MG_STORE_ERROR_READ_ONLY);
  assert_passages (&library, "2-6:before");
}

static void
test_read_only (void)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto(Library) library = { 0 };

  if (g_test_subprocess ())
    {
      read_only_subprocess (g_getenv (LIBRARY_ENV));
      return;
    }
  path = make_library ();
  folder = g_path_get_dirname (path);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_assert_no_errno (g_chmod (folder, 0777));
  g_assert_no_errno (g_chmod (path, 0444));
  g_setenv (LIBRARY_ENV, path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_true (before_length == after_length && memcmp (before, after, before_length) == 0);
  /* Writable again, the edit the user retries goes through. */
  g_assert_no_errno (g_chmod (path, 0600));
  open_library (&library, path);
  g_assert_true (mg_store_delete_annotation (library.store, library.passage_id, NULL));
  assert_passages (&library, "");
  library_clear (&library);
  remove_library (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/faults/full-disk", test_full_disk);
  g_test_add_func ("/faults/read-only", test_read_only);

  return g_test_run ();
}
