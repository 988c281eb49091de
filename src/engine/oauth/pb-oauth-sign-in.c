/* pb-oauth-sign-in.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-device.h"
#include "pb-oauth-loopback.h"
#include "pb-oauth-pkce.h"
#include "pb-oauth-sign-in.h"
#include "pb-oauth-store.h"
#include "pb-secret.h"

struct _PbOAuthSignIn
{
  GObject             parent_instance;

  PbOAuthIssuer      *issuer;
  PbOAuthClient      *client;
  char               *user;
  gboolean            use_saved;
  gboolean            remember;
  gboolean            interactive;
  gboolean            device;
  guint               timeout_ms;
  PbCredentialsFlags  flags;
  char               *held_refresh;  /* the caller's refresh token, tried first; wiped */

  PbOAuthSignInStage  stage;
  gboolean            used_saved;
  GError             *save_error;
};

/* One run: what it holds until the tokens are there. */
typedef struct {
  SoupSession     *session;
  PbOAuthLoopback *loopback;
  char            *verifier;    /* wiped */
  char            *state;
  PbOAuthTokens   *tokens;
  gboolean         refreshing_held;  /* the refresh is the held token's */
} Run;

G_DEFINE_FINAL_TYPE (PbOAuthSignIn, pb_oauth_sign_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

enum {
  SIGNAL_OPEN_URI,
  SIGNAL_SHOW_CODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
run_free (Run *run)
{
  g_clear_object (&run->loopback);
  g_clear_object (&run->session);
  g_clear_pointer (&run->verifier, pb_secret_free);
  g_free (run->state);
  g_clear_pointer (&run->tokens, pb_oauth_tokens_free);
  g_free (run);
}

static void
pb_oauth_sign_in_finalize (GObject *object)
{
  PbOAuthSignIn *self = PB_OAUTH_SIGN_IN (object);

  pb_oauth_issuer_free (self->issuer);
  pb_oauth_client_free (self->client);
  g_free (self->user);
  pb_secret_free (self->held_refresh);
  g_clear_error (&self->save_error);

  G_OBJECT_CLASS (pb_oauth_sign_in_parent_class)->finalize (object);
}

static void
pb_oauth_sign_in_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbOAuthSignIn *self = PB_OAUTH_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_oauth_sign_in_class_init (PbOAuthSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_oauth_sign_in_finalize;
  object_class->get_property = pb_oauth_sign_in_get_property;

  properties[PROP_STAGE] = g_param_spec_int ("stage", NULL, NULL, PB_OAUTH_SIGN_IN_STAGE_IDLE,
                                             PB_OAUTH_SIGN_IN_STAGE_DONE,
                                             PB_OAUTH_SIGN_IN_STAGE_IDLE,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_URI] = g_signal_new ("open-uri", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SHOW_CODE] = g_signal_new ("show-code", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING);
}

static void
pb_oauth_sign_in_init (PbOAuthSignIn *self)
{
  self->use_saved = TRUE;
  self->interactive = TRUE;
  self->flags = pb_credentials_default_flags ();
}

char *
pb_oauth_sign_in_title (const char *provider)
{
  g_return_val_if_fail (provider != NULL, NULL);
  /* Translators: a switch; %s is the provider's short name, e.g. "Outlook.com" */
  return g_strdup_printf (_("Sign in with %s"), provider);
}

PbOAuthSignIn *
pb_oauth_sign_in_new (const PbOAuthIssuer *issuer,
                      const PbOAuthClient *client,
                      const char          *user)
{
  PbOAuthSignIn *self;

  g_return_val_if_fail (issuer != NULL && client != NULL && user != NULL, NULL);

  self = g_object_new (PB_TYPE_OAUTH_SIGN_IN, NULL);
  self->issuer = pb_oauth_issuer_copy (issuer);
  self->client = g_new0 (PbOAuthClient, 1);
  self->client->issuer = g_strdup (client->issuer);
  self->client->client_id = g_strdup (client->client_id);
  self->client->client_secret = g_strdup (client->client_secret);
  self->client->tenant = g_strdup (client->tenant);
  self->client->ports = g_memdup2 (client->ports, client->n_ports * sizeof (guint16));
  self->client->n_ports = client->n_ports;
  self->user = g_strdup (user);
  return self;
}

void
pb_oauth_sign_in_set_use_saved (PbOAuthSignIn *self,
                                gboolean       use_saved)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  self->use_saved = use_saved;
}

void
pb_oauth_sign_in_set_refresh_token (PbOAuthSignIn *self,
                                    const char    *refresh_token)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  pb_secret_free (self->held_refresh);
  self->held_refresh = g_strdup (refresh_token);
}

void
pb_oauth_sign_in_set_remember (PbOAuthSignIn *self,
                               gboolean       remember)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  self->remember = remember;
}

void
pb_oauth_sign_in_set_interactive (PbOAuthSignIn *self,
                                  gboolean       interactive)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  self->interactive = interactive;
}

void
pb_oauth_sign_in_set_device (PbOAuthSignIn *self,
                             gboolean       device)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  self->device = device;
}

void
pb_oauth_sign_in_set_timeout (PbOAuthSignIn *self,
                              guint          timeout_ms)
{
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));
  self->timeout_ms = timeout_ms;
}

PbOAuthSignInStage
pb_oauth_sign_in_get_stage (PbOAuthSignIn *self)
{
  g_return_val_if_fail (PB_IS_OAUTH_SIGN_IN (self), PB_OAUTH_SIGN_IN_STAGE_IDLE);
  return self->stage;
}

const PbOAuthIssuer *
pb_oauth_sign_in_get_issuer (PbOAuthSignIn *self)
{
  g_return_val_if_fail (PB_IS_OAUTH_SIGN_IN (self), NULL);
  return self->issuer;
}

gboolean
pb_oauth_sign_in_used_saved (PbOAuthSignIn *self)
{
  g_return_val_if_fail (PB_IS_OAUTH_SIGN_IN (self), FALSE);
  return self->used_saved;
}

const GError *
pb_oauth_sign_in_get_save_error (PbOAuthSignIn *self)
{
  g_return_val_if_fail (PB_IS_OAUTH_SIGN_IN (self), NULL);
  return self->save_error;
}

static void
set_stage (PbOAuthSignIn      *self,
                            PbOAuthSignInStage  stage)
{
  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

/* The run */

static void
finish_with_tokens (GTask *task)
{
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_DONE);
  g_task_return_pointer (task, g_steal_pointer (&run->tokens),
                         (GDestroyNotify) pb_oauth_tokens_free);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbOAuthSignIn *self = g_task_get_source_object (task);

  /* Tokens the person got are not lost because the keyring would not take them: the
   * caller tells the save error apart. */
  if (!pb_credentials_store_finish (result, &self->save_error))
    g_debug ("The refresh token was not saved: %s", self->save_error->message);
  finish_with_tokens (task);
}

/* The tokens are in run->tokens: save the refresh token when asked to, then answer. Takes
 * task. */
static void
tokens_received (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (!self->remember || run->tokens->refresh_token == NULL)
    {
      finish_with_tokens (task);
      return;
    }
  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_SAVING);
  pb_oauth_store_save (self->issuer->issuer, self->client->client_id, self->user,
                       run->tokens->refresh_token, self->flags, g_task_get_cancellable (task),
                       on_saved, g_object_ref (task));
}

static char *
endpoint (PbOAuthSignIn *self,
                           const char    *url)
{
  return pb_oauth_client_endpoint (self->client, url);
}

static void
on_exchanged (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->tokens = pb_oauth_token_finish (result, &error);
  if (run->tokens == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  tokens_received (g_steal_pointer (&task));
}

static void
on_redirect (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = pb_oauth_loopback_wait_finish (run->loopback, result, &error);
  g_autofree char *token_url = NULL;
  GCancellable *cancellable;

  if (code == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_EXCHANGING);
  token_url = endpoint (self, self->issuer->token_url);
  cancellable = g_task_get_cancellable (task);
  pb_oauth_token_exchange_async (run->session, token_url, self->client, code,
                                 pb_oauth_loopback_get_redirect_uri (run->loopback),
                                 run->verifier, cancellable, on_exchanged,
                                 g_steal_pointer (&task));
  pb_secret_free (g_steal_pointer (&code));
}

/* The loopback listens, the wait is armed with its timeout: the URL can be opened. */
static gboolean
start_browser_wait (GTask   *task,
                    GError **error)
{
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  run->loopback = pb_oauth_loopback_new_on_ports (self->client->ports, self->client->n_ports,
                                                  error);
  if (run->loopback == NULL)
    return FALSE;
  run->verifier = pb_oauth_random_token (error);
  run->state = run->verifier != NULL ? pb_oauth_random_token (error) : NULL;
  if (run->state == NULL)
    return FALSE;
  pb_oauth_loopback_set_timeout (run->loopback, self->timeout_ms ? self->timeout_ms
                                 : PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS);
  pb_oauth_loopback_wait_async (run->loopback, run->state, g_task_get_cancellable (task),
                                on_redirect, g_object_ref (task));
  return TRUE;
}

static void
on_device_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->tokens = pb_oauth_token_finish (result, &error);
  if (run->tokens == NULL)
    g_task_return_error (task, error);
  else
    tokens_received (g_steal_pointer (&task));
}

static void
show_code (const PbOAuthDeviceGrant *grant,
           gpointer                  user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_SHOW_CODE], 0, grant->user_code,
                 grant->verification_uri, grant->verification_uri_complete);
}

/* The code on another device (RFC 8628). Takes task. */
static void
sign_in_with_device (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *token_url = endpoint (self, self->issuer->token_url);
  g_autofree char *device_url = NULL;

  if (self->issuer->device_url == NULL)
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_DEVICE,
                               _("This provider offers no sign-in with a code"));
      return;
    }
  device_url = endpoint (self, self->issuer->device_url);
  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_BROWSER);
  pb_oauth_device_sign_in_async (run->session, device_url, token_url, self->client,
                                 self->issuer->scope, self->timeout_ms ? self->timeout_ms
                                 : PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS, show_code, self,
                                 cancellable, on_device_done, g_steal_pointer (&task));
}

/* Takes task. */
static void
sign_in_with_browser (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *url = NULL;

  if (!start_browser_wait (task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  challenge = pb_oauth_pkce_challenge (run->verifier);
  auth_url = endpoint (self, self->issuer->auth_url);
  url = pb_oauth_authorization_url (auth_url, self->client->client_id,
                                    pb_oauth_loopback_get_redirect_uri (run->loopback),
                                    self->issuer->scope, run->state, challenge, self->user);
  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_BROWSER);
  g_signal_emit (self, signals[SIGNAL_OPEN_URI], 0, url);
}

/* The browser here, or a code on another device. Takes task. */
static void
sign_in_interactively (GTask *task)
{
  PbOAuthSignIn *self = g_task_get_source_object (task);

  if (self->device)
    sign_in_with_device (task);
  else
    sign_in_with_browser (task);
}

static void refresh (GTask *task, const char *refresh_token);
static void on_looked_up (GObject *source, GAsyncResult *result, gpointer user_data);

/* Without a held refresh token, or after the server refused it: the saved one, else the
 * person. Takes task. */
static void
start_without_held (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  PbOAuthSignIn *self = g_task_get_source_object (task);

  if (self->use_saved)
    {
      /* Read before the steal: C leaves the order of the arguments open. */
      GCancellable *cancellable = g_task_get_cancellable (task);

      set_stage (self, PB_OAUTH_SIGN_IN_STAGE_LOOKING_UP);
      pb_oauth_store_lookup (self->issuer->issuer, self->client->client_id, self->user,
                             self->flags, cancellable, on_looked_up, g_steal_pointer (&task));
    }
  else if (self->interactive)
    sign_in_interactively (g_steal_pointer (&task));
  else
    g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT,
                             _("No sign-in is saved for this account"));
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean refused;

  run->tokens = pb_oauth_token_finish (result, &error);
  if (run->tokens != NULL)
    {
      self->used_saved = TRUE;
      tokens_received (g_steal_pointer (&task));
      return;
    }
  /* Revoked, expired or from another client: the saved one after a held one, else the
   * person signs in again. */
  refused = g_error_matches (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT);
  if (refused && run->refreshing_held)
    {
      run->refreshing_held = FALSE;
      start_without_held (g_steal_pointer (&task));
    }
  else if (refused && self->interactive)
    sign_in_interactively (g_steal_pointer (&task));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbOAuthSignIn *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  PbPassword *saved = pb_credentials_lookup_finish (result, &error);

  if (saved == NULL)
    {
      /* None saved, or a keyring that cannot be read: the browser, when it may be asked. */
      if (error != NULL && (!self->interactive || g_error_matches (error, G_IO_ERROR,
                                                                   G_IO_ERROR_CANCELLED)))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (!self->interactive)
        g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT,
                                 _("No sign-in is saved for this account"));
      else
        sign_in_interactively (g_steal_pointer (&task));
      return;
    }
  refresh (g_steal_pointer (&task), saved);
  pb_credentials_password_free (saved);
}

/* New tokens for refresh_token (the held or the saved one). Takes task. */
static void
refresh (GTask      *task,
         const char *refresh_token)
{
  PbOAuthSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *token_url = endpoint (self, self->issuer->token_url);

  set_stage (self, PB_OAUTH_SIGN_IN_STAGE_REFRESHING);
  pb_oauth_token_refresh_async (run->session, token_url, self->client, refresh_token,
                                g_task_get_cancellable (task), on_refreshed, task);
}

void
pb_oauth_sign_in_run_async (PbOAuthSignIn       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_oauth_sign_in_run_async);
  run = g_new0 (Run, 1);
  run->session = soup_session_new ();
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->used_saved = FALSE;
  g_clear_error (&self->save_error);
  run->refreshing_held = self->held_refresh != NULL;
  if (run->refreshing_held)
    refresh (g_steal_pointer (&task), self->held_refresh);
  else
    start_without_held (g_steal_pointer (&task));
}

PbOAuthTokens *
pb_oauth_sign_in_run_finish (PbOAuthSignIn  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
