/* pb-setup-sign-in.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-oauth-client-find.h"
#include "pb-oauth-error.h"
#include "pb-setup-private.h"
#include "pb-setup-sign-in.h"

void
pb_setup_set_oauth (PbSetup  *self,
                    gboolean  oauth)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->oauth = !!oauth;
}

void
pb_setup_set_oauth_interactive (PbSetup  *self,
                                gboolean  interactive)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->oauth_batch = !interactive;
}

void
pb_setup_set_oauth_device (PbSetup  *self,
                           gboolean  device)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->oauth_device = !!device;
}

void
pb_setup_set_oauth_timeout (PbSetup *self,
                            guint    timeout_ms)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->oauth_timeout_ms = timeout_ms;
}

const PbOAuthIssuer *
pb_setup_get_oauth_issuer (PbSetup *self)
{
  PbAccountConfig *config;

  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  if (self->discovery_result == NULL)
    return NULL;
  config = pb_discovery_result_get_config (self->discovery_result);
  return config != NULL ? pb_account_config_get_oauth_issuer (config) : NULL;
}

/* One sign-in of the setup: the client first (configured or registered), then the
 * sign-in; a registration the server refuses is made again once. */
typedef struct {
  char     *address;
  gboolean  registered;  /* the client is Postbote's registration */
  gboolean  renewed;     /* and it was made again after invalid_client */
  char     *kept_for;    /* the key of the tokens it makes (pb-setup-private.h) */
  PbSecret *access_token;
  gboolean  kept;        /* the kept access token, not a new one */
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_free (data->address);
  g_free (data->kept_for);
  pb_secret_free (data->access_token);
  g_free (data);
}

static PbOAuthTokens *
tokens_copy (const PbOAuthTokens *tokens)
{
  PbOAuthTokens *copy = g_new0 (PbOAuthTokens, 1);

  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at = tokens->expires_at;
  copy->scope = g_strdup (tokens->scope);
  return copy;
}

void
pb_setup_forget_sign_in (PbSetup *self)
{
  g_return_if_fail (PB_IS_SETUP (self));
  g_clear_pointer (&self->kept_tokens, pb_oauth_tokens_free);
  g_clear_pointer (&self->kept_for, g_free);
}

void
pb_setup_drop_access_token (PbSetup *self)
{
  g_return_if_fail (PB_IS_SETUP (self));
  if (self->kept_tokens != NULL)
    g_clear_pointer (&self->kept_tokens->access_token, pb_secret_free);
}

/* The kept access token while it has a minute left (or the server did not say for how
 * long: a refused one is refreshed then), else NULL. */
static const char *
kept_access_token (PbSetup *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const PbOAuthTokens *kept = self->kept_tokens;

  if (kept == NULL || kept->access_token == NULL)
    return NULL;
  if (kept->expires_at != 0 && kept->expires_at - now < 60)
    return NULL;
  return kept->access_token;
}

static void find_client (GTask *task,
                         gboolean renew);

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthTokens) tokens = pb_oauth_sign_in_run_finish (PB_OAUTH_SIGN_IN (source),
                                                                 result, &error);

  if (tokens == NULL && data->registered && !data->renewed &&
      g_error_matches (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_CLIENT))
    {
      g_message ("The sign-in server no longer knows Postbote's registration; registering "
                 "again");
      data->renewed = TRUE;
      find_client (g_steal_pointer (&task), TRUE);
      return;
    }
  if (tokens == NULL)
    {
      /* The server no longer takes the kept refresh token: nothing is left to keep. */
      if (g_error_matches (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT))
        pb_setup_forget_sign_in (self);
      g_task_return_int (task, pb_oauth_error_to_problem (error));
      return;
    }
  pb_setup_forget_sign_in (self);
  self->kept_tokens = tokens_copy (tokens);
  self->kept_for = g_strdup (data->kept_for);
  data->access_token = g_steal_pointer (&tokens->access_token);
  g_task_return_int (task, PB_PROBLEM_NONE);
}

/* The sign-in with client for address. */
static PbOAuthSignIn *
new_sign_in (PbSetup             *self,
             const PbOAuthClient *client,
             const char          *address)
{
  PbOAuthSignIn *sign_in;

  sign_in = pb_oauth_sign_in_new (pb_setup_get_oauth_issuer (self), client, address);
  pb_oauth_sign_in_set_remember (sign_in, self->remember_password);
  pb_oauth_sign_in_set_interactive (sign_in, !self->oauth_batch);
  pb_oauth_sign_in_set_device (sign_in, self->oauth_device);
  pb_oauth_sign_in_set_timeout (sign_in, self->oauth_timeout_ms);
  return sign_in;
}

static void
on_client_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthClient) client = pb_oauth_client_find_finish (result, &data->registered,
                                                                 &error);
  g_autoptr(PbOAuthSignIn) sign_in = NULL;
  GCancellable *cancellable;

  if (client == NULL)
    {
      g_message ("No sign-in: %s", error->message);
      g_task_return_int (task, pb_oauth_error_to_problem (error));
      return;
    }
  g_free (data->kept_for);
  data->kept_for = g_strjoin ("\n", client->issuer, client->client_id,
                              client->tenant != NULL ? client->tenant : "", data->address, NULL);
  /* Another account, or another client: the kept tokens are not for this one. */
  if (g_strcmp0 (self->kept_for, data->kept_for) != 0)
    pb_setup_forget_sign_in (self);
  if (kept_access_token (self) != NULL)
    {
      data->access_token = g_strdup (kept_access_token (self));
      data->kept = TRUE;
      g_task_return_int (task, PB_PROBLEM_NONE);
      return;
    }
  sign_in = new_sign_in (self, client, data->address);
  if (self->kept_tokens != NULL)
    pb_oauth_sign_in_set_refresh_token (sign_in, self->kept_tokens->refresh_token);
  pb_setup_emit_sign_in_started (self, sign_in);
  cancellable = g_task_get_cancellable (task);
  pb_oauth_sign_in_run_async (sign_in, cancellable, on_signed_in, g_steal_pointer (&task));
}

/* Takes task. */
static void
find_client (GTask    *task,
             gboolean  renew)
{
  PbSetup *self = g_task_get_source_object (task);
  PbOAuthClientFindFlags find_flags = renew ? PB_OAUTH_CLIENT_FIND_RENEW
                                             : PB_OAUTH_CLIENT_FIND_DEFAULT;

  /* Without a browser only a saved sign-in can work: no registration for nothing. */
  if (self->oauth_batch)
    find_flags |= PB_OAUTH_CLIENT_FIND_SAVED_ONLY;
  pb_oauth_client_find_async (pb_setup_get_oauth_issuer (self), NULL, find_flags,
                              pb_credentials_default_flags (), g_task_get_cancellable (task),
                              on_client_found, task);
}

void
pb_setup_sign_in_async (PbSetup             *self,
                        const char          *address,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (PB_IS_SETUP (self) && address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_sign_in_async);
  if (pb_setup_get_oauth_issuer (self) == NULL)
    {
      g_message ("No sign-in: the provider has no sign-in server Postbote knows");
      g_task_return_int (task, PB_PROBLEM_OAUTH_NO_CLIENT);
      return;
    }
  data = g_new0 (SignIn, 1);
  data->address = g_strdup (address);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  find_client (g_steal_pointer (&task), FALSE);
}

PbSecret *
pb_setup_sign_in_finish (PbSetup       *self,
                         GAsyncResult  *result,
                         PbProblem     *problem,
                         gboolean      *kept)
{
  GTask *task = G_TASK (result);
  SignIn *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (problem != NULL, NULL);

  *problem = g_task_propagate_int (task, NULL);
  if (*problem != PB_PROBLEM_NONE)
    return NULL;
  data = g_task_get_task_data (task);
  if (kept != NULL)
    *kept = data->kept;
  return g_steal_pointer (&data->access_token);
}
