/* pb-setup-sign-in.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-client.h"
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

gboolean
pb_setup_get_oauth (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), FALSE);
  return self->oauth;
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

/* A sign-in of the test: what it ends with. */
typedef struct {
  char     *kept_for;      /* the key of the kept tokens (pb-setup-private.h) */
  PbSecret *access_token;
  gboolean  kept;          /* the kept access token, not a new one */
} SignInRun;

static void
sign_in_run_free (SignInRun *run)
{
  g_free (run->kept_for);
  pb_secret_free (run->access_token);
  g_free (run);
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

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  SignInRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthTokens) tokens = pb_oauth_sign_in_run_finish (PB_OAUTH_SIGN_IN (source),
                                                                 result, &error);

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
  self->kept_for = g_strdup (run->kept_for);
  run->access_token = g_steal_pointer (&tokens->access_token);
  g_task_return_int (task, PB_PROBLEM_NONE);
}

/* The sign-in for address, or NULL and an error that says why there is none (error must
 * not be NULL). kept_for: whose tokens it makes. */
static PbOAuthSignIn *
new_sign_in (PbSetup     *self,
             const char  *address,
             char       **kept_for,
             GError     **error)
{
  const PbOAuthIssuer *issuer = pb_setup_get_oauth_issuer (self);
  g_autoptr(PbOAuthClient) client = NULL;
  PbOAuthSignIn *sign_in;

  if (issuer == NULL)
    {
      g_set_error_literal (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT,
                           _("Postbote knows no sign-in server for this provider"));
      return NULL;
    }
  client = pb_oauth_client_lookup (issuer->issuer, NULL, error);
  if (client == NULL)
    {
      /* An entry that is there but unusable has said so in error. */
      if (*error == NULL)
        /* Translators: %s is an OAuth issuer, e.g. "login.microsoftonline.com". */
        g_set_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT,
                     _("No client ID for %s"), issuer->issuer);
      return NULL;
    }
  *kept_for = g_strjoin ("\n", issuer->issuer, client->client_id,
                         client->tenant != NULL ? client->tenant : "", address, NULL);
  sign_in = pb_oauth_sign_in_new (issuer, client, address);
  pb_oauth_sign_in_set_remember (sign_in, self->remember_password);
  pb_oauth_sign_in_set_interactive (sign_in, !self->oauth_batch);
  pb_oauth_sign_in_set_device (sign_in, self->oauth_device);
  pb_oauth_sign_in_set_timeout (sign_in, self->oauth_timeout_ms);
  return sign_in;
}

void
pb_setup_sign_in_async (PbSetup             *self,
                        const char          *address,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PbOAuthSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  SignInRun *run;

  g_return_if_fail (PB_IS_SETUP (self) && address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_sign_in_async);
  run = g_new0 (SignInRun, 1);
  g_task_set_task_data (task, run, (GDestroyNotify) sign_in_run_free);
  sign_in = new_sign_in (self, address, &run->kept_for, &error);
  if (sign_in == NULL)
    {
      g_message ("No sign-in: %s", error->message);
      g_task_return_int (task, PB_PROBLEM_OAUTH_NO_CLIENT);
      return;
    }
  /* Another account, or another client: the kept tokens are not for this one. */
  if (g_strcmp0 (self->kept_for, run->kept_for) != 0)
    pb_setup_forget_sign_in (self);
  if (kept_access_token (self) != NULL)
    {
      run->access_token = g_strdup (kept_access_token (self));
      run->kept = TRUE;
      g_task_return_int (task, PB_PROBLEM_NONE);
      return;
    }
  if (self->kept_tokens != NULL)
    pb_oauth_sign_in_set_refresh_token (sign_in, self->kept_tokens->refresh_token);
  pb_setup_emit_sign_in_started (self, sign_in);
  pb_oauth_sign_in_run_async (sign_in, cancellable, on_signed_in, g_steal_pointer (&task));
}

PbSecret *
pb_setup_sign_in_finish (PbSetup       *self,
                         GAsyncResult  *result,
                         PbProblem     *problem,
                         gboolean      *kept)
{
  SignInRun *run;

  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (problem != NULL, NULL);

  *problem = g_task_propagate_int (task, NULL);
  if (*problem != PB_PROBLEM_NONE)
    return NULL;
  run = g_task_get_task_data (task);
  if (kept != NULL)
    *kept = run->kept;
  return g_steal_pointer (&run->access_token);
}
