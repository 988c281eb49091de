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

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthTokens) tokens = pb_oauth_sign_in_run_finish (PB_OAUTH_SIGN_IN (source),
                                                                 result, &error);

  if (tokens == NULL)
    {
      g_task_return_int (task, pb_oauth_error_to_problem (error));
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&tokens->access_token),
                        (GDestroyNotify) pb_secret_free);
  g_task_return_int (task, PB_PROBLEM_NONE);
}

/* The sign-in for address, or NULL and an error that says why there is none (error must
 * not be NULL). */
static PbOAuthSignIn *
new_sign_in (PbSetup     *self,
             const char  *address,
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

  g_return_if_fail (PB_IS_SETUP (self) && address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_sign_in_async);
  sign_in = new_sign_in (self, address, &error);
  if (sign_in == NULL)
    {
      g_message ("No sign-in: %s", error->message);
      g_task_return_int (task, PB_PROBLEM_OAUTH_NO_CLIENT);
      return;
    }
  pb_setup_emit_sign_in_started (self, sign_in);
  pb_oauth_sign_in_run_async (sign_in, cancellable, on_signed_in, g_steal_pointer (&task));
}

PbSecret *
pb_setup_sign_in_finish (PbSetup       *self,
                         GAsyncResult  *result,
                         PbProblem     *problem)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (problem != NULL, NULL);

  *problem = g_task_propagate_int (task, NULL);
  if (*problem != PB_PROBLEM_NONE)
    return NULL;
  return g_strdup (g_task_get_task_data (task));
}
