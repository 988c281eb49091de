/* pb-check.c: the check object; the protocols' drivers do the talking
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-check.h"
#include "pb-check-imap.h"
#include "pb-check-pop3.h"
#include "pb-check-session.h"
#include "pb-check-smtp.h"
#include "pb-secret.h"

/* The check */

struct _PbCheck
{
  GObject          parent_instance;

  PbServerConfig  *config;
  char            *address;
  char            *username;
  char            *from;
  char            *recipient;
  char            *from_name;
  char            *pinned_sha256;
  char            *provider_id;
  PbCheckSession   session;     /* its options' strings point at the copies above */
};

G_DEFINE_FINAL_TYPE (PbCheck, pb_check, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_check_finalize (GObject *object)
{
  PbCheck *self = PB_CHECK (object);

  pb_server_config_unref (self->config);
  g_free (self->address);
  g_free (self->username);
  g_free (self->from);
  g_free (self->recipient);
  g_free (self->from_name);
  g_free (self->pinned_sha256);
  g_free (self->provider_id);
  pb_check_session_forget_password (&self->session);
  g_clear_object (&self->session.result);
  g_clear_object (&self->session.connection);

  G_OBJECT_CLASS (pb_check_parent_class)->finalize (object);
}

static void
pb_check_class_init (PbCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_check_finalize;

  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
pb_check_init (PbCheck *self)
{
}

PbCheck *
pb_check_new (PbServerConfig       *config,
              const char           *address,
              const PbCheckOptions *options)
{
  static const PbCheckOptions defaults = { 0 };
  PbCheck *self;

  g_return_val_if_fail (config != NULL && address != NULL, NULL);

  self = g_object_new (PB_TYPE_CHECK, NULL);
  if (options == NULL)
    options = &defaults;
  self->config = pb_server_config_ref (config);
  self->address = g_strdup (address);
  self->session.owner = G_OBJECT (self);
  self->session.config = self->config;
  self->session.address = self->address;
  self->session.options = *options;
  /* Taken as it is: placeholders were expanded once, by discovery, and expanding again
   * would rewrite a local part that reads like one. */
  self->username = g_strdup (options->username ? options->username
                             : config->username ? config->username : address);
  self->from = g_strdup (options->from ? options->from : address);
  self->recipient = g_strdup (options->recipient ? options->recipient : address);
  self->from_name = g_strdup (options->from_name);
  self->pinned_sha256 = g_strdup (options->pinned_sha256);
  self->provider_id = g_strdup (options->provider_id);
  self->session.options.username = self->username;
  self->session.options.from = self->from;
  self->session.options.recipient = self->recipient;
  self->session.options.from_name = self->from_name;
  self->session.options.pinned_sha256 = self->pinned_sha256;
  self->session.options.provider_id = self->provider_id;
  return self;
}

void
pb_check_set_password (PbCheck    *self,
                       const char *password)
{
  g_return_if_fail (PB_IS_CHECK (self));
  pb_check_session_forget_password (&self->session);
  self->session.password = g_strdup (password);
}

void
pb_check_set_access_token (PbCheck    *self,
                           const char *token)
{
  g_return_if_fail (PB_IS_CHECK (self));
  g_clear_pointer (&self->session.token, pb_secret_free);
  self->session.token = g_strdup (token);
}

void
pb_check_set_password_problem (PbCheck   *self,
                               PbProblem  problem)
{
  g_return_if_fail (PB_IS_CHECK (self));
  self->session.password_problem = problem;
}

/* Every protocol's driver takes the session from here and ends it. */
static const struct {
  PbProtocol protocol;
  void     (*run) (PbCheckSession *session);
} drivers[] = {
  { PB_PROTOCOL_SMTP, pb_check_smtp_run },
  { PB_PROTOCOL_IMAP, pb_check_imap_run },
  { PB_PROTOCOL_POP3, pb_check_pop3_run },
};

void
pb_check_run_async (PbCheck             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PbCheckSession *session;
  PbCheckResult *r;

  g_return_if_fail (PB_IS_CHECK (self));
  g_return_if_fail (self->session.task == NULL && self->session.result == NULL);

  session = &self->session;
  session->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (session->task, pb_check_run_async);
  /* A cancelled check still has a result: the steps so far and the "cancelled" problem. */
  g_task_set_check_cancellable (session->task, FALSE);

  r = session->result = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  r->ok = TRUE;
  r->server = pb_server_config_ref (self->config);
  r->protocol = self->config->protocol;
  r->address = g_strdup (self->address);
  r->username = g_strdup (self->username);
  r->from = g_strdup (self->from);
  r->provider_id = g_strdup (self->provider_id);

  for (guint i = 0; i < G_N_ELEMENTS (drivers); i++)
    {
      if (drivers[i].protocol == self->config->protocol)
        {
          drivers[i].run (session);
          return;
        }
    }
  g_return_if_reached ();
}

PbCheckResult *
pb_check_run_finish (PbCheck       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
