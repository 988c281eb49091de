/* pb-oauth-client-find.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-client-find.h"
#include "pb-oauth-error.h"
#include "pb-oauth-registration.h"
#include "pb-oauth-store.h"

typedef struct {
  PbOAuthIssuer      *issuer;
  gboolean            saved_only;
  PbCredentialsFlags  flags;
  PbOAuthClient      *client;
  gboolean            registered;
  SoupSession        *session;
} Find;

static void
find_free (Find *find)
{
  pb_oauth_issuer_free (find->issuer);
  pb_oauth_client_free (find->client);
  g_clear_object (&find->session);
  g_free (find);
}

static void
return_client (GTask *task)
{
  Find *find = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&find->client),
                         (GDestroyNotify) pb_oauth_client_free);
}

/* The entry as a client, or an error. */
static void
return_entry (GTask    *task,
              GVariant *entry)
{
  Find *find = g_task_get_task_data (task);
  GError *error = NULL;

  find->client = pb_oauth_client_new_from_entry (find->issuer->issuer, entry, &error);
  find->registered = TRUE;
  if (find->client == NULL)
    g_task_return_error (task, error);
  else
    return_client (task);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The registration works all the same; the next sign-in registers again. */
  if (!pb_credentials_store_finish (result, &error))
    g_message ("The registration was not saved in the keyring: %s", error->message);
  return_client (task);
}

static void
on_registered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Find *find = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GVariant) entry = pb_oauth_register_finish (result, &error);

  if (entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  find->client = pb_oauth_client_new_from_entry (find->issuer->issuer, entry, &error);
  find->registered = TRUE;
  if (find->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);
  pb_oauth_store_save_client (find->issuer->identifier, entry, find->flags,
                              cancellable, on_saved,
                              g_steal_pointer (&task));
}

/* A sign-in without a browser needs a saved one, and there is none without a saved client. */
static void
return_none_saved (GTask *task)
{
  g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT,
                           _("No sign-in is saved for this account"));
}

/* Takes task. */
static void
register_now (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Find *find = g_task_get_task_data (task);

  find->session = soup_session_new ();
  GCancellable *cancellable = g_task_get_cancellable (task);
  pb_oauth_register_async (find->session, find->issuer, cancellable,
                           on_registered, g_steal_pointer (&task));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Find *find = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) entry = pb_oauth_store_lookup_client_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (entry != NULL)
    return_entry (task, entry);
  else if (find->saved_only)
    return_none_saved (task);
  else
    {
      /* None saved, or a keyring that cannot be read: a registration for this run. */
      if (error != NULL)
        g_message ("No saved registration could be read: %s", error->message);
      register_now (g_steal_pointer (&task));
    }
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  Find *find = g_task_get_task_data (task);

  if (!pb_credentials_clear_finish (result, NULL, &error))
    g_message ("The refused registration was not removed from the keyring: %s",
               error->message);
  if (find->saved_only)
    return_none_saved (task);
  else
    register_now (g_steal_pointer (&task));
}

void
pb_oauth_client_find_async (const PbOAuthIssuer   *issuer,
                            GVariant              *clients,
                            PbOAuthClientFindFlags find_flags,
                            PbCredentialsFlags     flags,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  Find *find;

  g_return_if_fail (issuer != NULL);

  g_task_set_source_tag (task, pb_oauth_client_find_async);
  find = g_new0 (Find, 1);
  find->issuer = pb_oauth_issuer_copy (issuer);
  find->flags = flags;
  find->saved_only = (find_flags & PB_OAUTH_CLIENT_FIND_SAVED_ONLY) != 0;
  g_task_set_task_data (task, find, (GDestroyNotify) find_free);
  find->client = pb_oauth_client_lookup (issuer->issuer, clients, &error);
  if (find->client != NULL)
    return_client (task);
  else if (error != NULL)
    {
      /* An entry the person or the administrator made, which the reader refuses (no client
       * id, a wrong tenant): no client, and its sentence says which issuer; no registration
       * behind their back. */
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT, "%s",
                               error->message);
      g_error_free (error);
    }
  else if (issuer->identifier == NULL)
    /* Translators: %s is an OAuth issuer, e.g. "login.microsoftonline.com". */
    g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT,
                             _("No client ID for %s"), issuer->issuer);
  else if (find_flags & PB_OAUTH_CLIENT_FIND_RENEW)
    pb_oauth_store_forget_client (issuer->identifier, flags, cancellable, on_forgotten,
                                  g_steal_pointer (&task));
  else
    pb_oauth_store_lookup_client (issuer->identifier, flags, cancellable, on_looked_up,
                                  g_steal_pointer (&task));
}

PbOAuthClient *
pb_oauth_client_find_finish (GAsyncResult  *result,
                             gboolean      *registered,
                             GError       **error)
{
  Find *find;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  find = g_task_get_task_data (G_TASK (result));
  if (registered != NULL)
    *registered = find->registered;
  return g_task_propagate_pointer (G_TASK (result), error);
}
