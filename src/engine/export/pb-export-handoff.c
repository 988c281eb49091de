/* pb-export-handoff.c: the hand-offs that change something outside Postbote, off the main
 * thread, with the passwords Postbote saved
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials-sync.h"
#include "pb-export-goa.h"
#include "pb-export-handoff.h"
#include "pb-export-msmtp.h"
#include "pb-export-store.h"
#include "pb-secret.h"

typedef struct {
  PbExportAccount *account;
  GDBusConnection *bus;
  GVariant        *details;
  char            *address;
  char            *object_path;
  gboolean         password_copied;
  GError          *password_error;  /* msmtp: the keyring could not be read */
} Handoff;

static void
handoff_free (gpointer data)
{
  Handoff *handoff = data;

  g_clear_pointer (&handoff->account, pb_export_account_free);
  g_clear_object (&handoff->bus);
  g_clear_pointer (&handoff->details, g_variant_unref);
  g_free (handoff->address);
  g_free (handoff->object_path);
  g_clear_error (&handoff->password_error);
  g_free (handoff);
}

static GTask *
handoff_task (const PbExportAccount *account,
              GDBusConnection       *bus,
              GCancellable          *cancellable,
              GAsyncReadyCallback    callback,
              gpointer               user_data,
              gpointer               source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Handoff *handoff = g_new0 (Handoff, 1);

  g_task_set_source_tag (task, source_tag);
  handoff->account = account != NULL ? pb_export_account_copy (account) : NULL;
  handoff->bus = bus != NULL ? g_object_ref (bus) : NULL;
  g_task_set_task_data (task, handoff, handoff_free);
  return task;
}

char *
pb_export_saved_password_sync (const PbServerConfig  *server,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_autoptr(PbPassword) saved = pb_credentials_lookup_sync (server->protocol, server->host,
                                                            server->port, server->username,
                                                            pb_credentials_default_flags (),
                                                            cancellable, error);

  return g_strdup (saved);
}

/* The saved password of server, or NULL with an error: PB_EXPORT_ERROR_NO_PASSWORD when
 * none is saved. */
static char *
required_password (const PbServerConfig  *server,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(GError) lookup_error = NULL;
  char *password = pb_export_saved_password_sync (server, cancellable, &lookup_error);

  if (password == NULL && lookup_error != NULL)
    g_propagate_error (error, g_steal_pointer (&lookup_error));
  else if (password == NULL)
    /* Translators: %s is a server's host name */
    g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_PASSWORD,
                 _("No password is saved for %s."), server->host);
  return password;
}

static void
goa_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Handoff *handoff = data;
  const PbExportAccount *account = handoff->account;
  g_autofree char *added = pb_export_store_get_goa_account (account->address);
  g_autoptr(PbSecret) imap = NULL;
  g_autoptr(PbSecret) smtp = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  if (added != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("%s is already in GNOME Online Accounts."), account->address);
      return;
    }
  if ((imap = required_password (account->incoming, cancellable, &error)) == NULL ||
      (pb_export_goa_smtp_needs_password (account) &&
       (smtp = required_password (account->outgoing, cancellable, &error)) == NULL) ||
      (path = pb_export_goa_add_sync (handoff->bus, account, handoff->details, imap, smtp,
                                      cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The account is in GOA either way; without the record only the undo from here is lost. */
  if (!pb_export_store_set_goa_account (account->address, path, &error))
    g_message ("The GNOME Online Accounts account was not recorded: %s", error->message);
  g_task_return_pointer (task, path, g_free);
}

void
pb_export_handoff_goa_async (GDBusConnection       *bus,
                             const PbExportAccount *account,
                             GVariant              *details,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = handoff_task (account, bus, cancellable, callback, user_data,
                                        pb_export_handoff_goa_async);
  Handoff *handoff = g_task_get_task_data (task);

  handoff->details = g_variant_ref_sink (details);

  g_task_run_in_thread (task, goa_thread);
}

char *
pb_export_handoff_goa_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
goa_undo_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Handoff *handoff = data;
  g_autoptr(GError) error = NULL;

  /* An account removed elsewhere meanwhile is gone all the same. */
  if (!pb_export_goa_remove_sync (handoff->bus, handoff->object_path, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (!pb_export_store_set_goa_account (handoff->address, NULL, &error))
    g_message ("The removed GNOME Online Accounts account is still recorded: %s",
               error->message);
  g_task_return_boolean (task, TRUE);
}

void
pb_export_handoff_goa_undo_async (GDBusConnection    *bus,
                                  const char         *address,
                                  const char         *object_path,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr(GTask) task = handoff_task (NULL, bus, cancellable, callback, user_data,
                                        pb_export_handoff_goa_undo_async);
  Handoff *handoff = g_task_get_task_data (task);

  handoff->address = g_strdup (address);
  handoff->object_path = g_strdup (object_path);
  g_task_run_in_thread (task, goa_undo_thread);
}

gboolean
pb_export_handoff_goa_undo_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
msmtp_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Handoff *handoff = data;
  g_autofree char *path = pb_export_msmtp_get_config_path ();
  g_autoptr(PbSecret) password = NULL;
  g_autoptr(GError) error = NULL;

  if (!pb_export_msmtp_install (handoff->account, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  password = pb_export_saved_password_sync (handoff->account->outgoing, cancellable, &error);
  /* The account is in the file either way; why msmtp will ask for the password is said. */
  if (password == NULL && error != NULL)
    handoff->password_error = g_steal_pointer (&error);
  if (password != NULL &&
      !pb_export_msmtp_store_password_sync (handoff->account, password,
                                            pb_credentials_default_flags (), cancellable,
                                            &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  handoff->password_copied = password != NULL;
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

void
pb_export_handoff_msmtp_async (const PbExportAccount *account,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(GTask) task = handoff_task (account, NULL, cancellable, callback, user_data,
                                        pb_export_handoff_msmtp_async);

  g_task_run_in_thread (task, msmtp_thread);
}

char *
pb_export_handoff_msmtp_finish (GAsyncResult  *result,
                                gboolean      *password_copied,
                                GError       **password_error,
                                GError       **error)
{
  Handoff *handoff = g_task_get_task_data (G_TASK (result));
  char *path = g_task_propagate_pointer (G_TASK (result), error);

  if (password_copied != NULL)
    *password_copied = path != NULL && handoff->password_copied;
  if (path != NULL && handoff->password_error != NULL)
    g_propagate_error (password_error, g_error_copy (handoff->password_error));
  return path;
}
