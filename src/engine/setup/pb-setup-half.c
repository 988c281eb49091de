/* pb-setup-half.c: one half of a test of the setup flow, from the password to a saved one
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A half is one GTask with a HalfRun: look up a saved password (when asked to, and for an
 * incoming server the outgoing one's when it has none of its own), check, save the
 * accepted password, and, when the certificate failed and the face keeps trusted
 * certificates, ask whether to trust it and check again (alone or beside the other half).
 * The half reads and changes the flow only through pb-setup-private.h.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-export-store.h"
#include "pb-setup-half.h"
#include "pb-setup-private.h"
#include "pb-trust.h"

typedef struct {
  GTask           *owner;
  PbServerConfig  *server;
  PbServerConfig  *fallback;
  gboolean         alone;
  gboolean         keep_password;
  gboolean         fallen_back;  /* the fallback's saved password was asked for */
  char            *address;
  PbCheckOptions   options;
  char            *username;
  char            *from;
  char            *recipient;
  char            *from_name;
  char            *provider_id;
  char            *pinned;
  PbSecret        *password;
  PbSecret        *token;
  PbProblem        password_problem;
  PbSetupQuestion *question;
  PbCheckResult   *result;
} HalfRun;

static void
half_run_free (HalfRun *run)
{
  g_object_unref (run->owner);
  pb_server_config_unref (run->server);
  g_clear_pointer (&run->fallback, pb_server_config_unref);
  g_free (run->address);
  g_free (run->username);
  g_free (run->from);
  g_free (run->recipient);
  g_free (run->from_name);
  g_free (run->provider_id);
  g_free (run->pinned);
  pb_secret_free (run->password);
  pb_secret_free (run->token);
  pb_setup_question_free (run->question);
  g_clear_object (&run->result);
  g_free (run);
}

static gboolean
is_current (GTask *task)
{
  HalfRun *run = g_task_get_task_data (task);

  return pb_setup_is_current (g_task_get_source_object (task), run->owner);
}

/* The flow follows only its newest test, and two halves at once leave it to the test. */
static void
enter_state (GTask        *task,
             PbSetupState  state)
{
  HalfRun *run = g_task_get_task_data (task);

  if (run->alone && is_current (task))
    pb_setup_set_state (g_task_get_source_object (task), state);
}

/* Ends task (transfer full) with error. */
static void
end_with_error (GTask  *task,
                GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Ends task (transfer full) with the check's result. */
static void
end_with_result (GTask *task)
{
  HalfRun *run = g_task_get_task_data (task);

  g_task_return_pointer (task, g_object_ref (run->result), g_object_unref);
  g_object_unref (task);
}

static void run_check (GTask *task);

static void
on_trust_answered (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  HalfRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean yes = pb_setup_asker_ask_finish (PB_SETUP_ASKER (source), res, &error);

  if (error != NULL ||
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    end_with_error (task, error);
  else if (!yes)
    end_with_result (task);
  else if (!pb_trust_add (run->server->host, run->server->port, run->result->cert_sha256))
    end_with_error (task, g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_TRUST_NOT_SAVED,
                                               _("The trust could not be saved.")));
  else
    run_check (task);
}

/* The end of a check that ran (task: transfer full): after a certificate failure the user
 * may trust it (and the check runs again), else the result is the answer. */
static void
finish_half (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  PbCheckResult *result = run->result;
  gboolean cancelled = result->problem == PB_PROBLEM_CANCELLED;

  enter_state (task, cancelled ? PB_SETUP_STATE_STOPPED : PB_SETUP_STATE_DONE);
  /* Beside another half too: the question names this half's server, and only this half
   * waits for the answer and checks again. */
  if (result->ok || cancelled || !self->use_trust_store ||
      self->asker == NULL || !is_current (task) ||
      !pb_check_result_certificate_trustable (result))
    {
      end_with_result (task);
      return;
    }
  pb_setup_question_free (run->question);
  run->question = g_new0 (PbSetupQuestion, 1);
  run->question->kind = PB_SETUP_QUESTION_TRUST_CERTIFICATE;
  run->question->result = g_object_ref (result);
  enter_state (task, PB_SETUP_STATE_ASKING);
  pb_setup_asker_ask_async (self->asker, run->question, g_task_get_cancellable (task),
                            on_trust_answered, task);
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  GTask *task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (pb_credentials_store_finish (res, &error))
    pb_setup_emit_password (self, run->server->protocol, PB_SETUP_PASSWORD_SAVED, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Nothing else is lost: the result stays. */
    pb_setup_emit_password (self, run->server->protocol, PB_SETUP_PASSWORD_SAVE_FAILED,
                            error);
  finish_half (task);
}

/* Verified settings are kept for a later hand-off (postbote export) when the user keeps
 * the account on this machine: remembers its password, or has one remembered. */
static void
remember_settings (PbSetup *self,
                   HalfRun *run)
{
  PbCheckResult *result = run->result;
  g_autoptr(GError) error = NULL;

  if (!result->ok || !result->authenticated ||
      !(self->remember_password || self->lookup_saved_password))
    return;
  if (!pb_export_store_save (run->address, run->server, result->username,
                             result->auth_mechanism, &error))
    g_message ("The verified settings were not kept: %s", error->message);
}

/* Only a password the server accepted is saved, as this server's own item: a wrong one
 * would come back next time as if it were right. */
static void
save_password (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  PbCheckResult *result = run->result;
  PbProtocol protocol = run->server->protocol;

  remember_settings (self, run);
  /* A sign-in keeps its refresh token itself (pb-oauth-sign-in.h): no password to save. */
  if (self->oauth)
    {
      finish_half (task);
      return;
    }
  if (!result->ok || !result->authenticated || !self->has_password)
    pb_setup_emit_password (self, protocol, PB_SETUP_PASSWORD_NOT_ACCEPTED, NULL);
  else if (!self->remember_password || run->password == NULL)
    pb_setup_emit_password (self, protocol, PB_SETUP_PASSWORD_NOT_REMEMBERED, NULL);
  else
    {
      enter_state (task, PB_SETUP_STATE_SAVING);
      pb_credentials_store (protocol, run->server->host, run->server->port,
                            result->username, run->password, pb_credentials_default_flags (),
                            self->store_cancellable, on_password_stored, task);
      return;
    }
  finish_half (task);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  GTask *task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_object (&run->result);
  run->result = pb_check_run_finish (PB_CHECK (source), res, &error);
  if (run->result == NULL)
    {
      end_with_error (task, error);
      return;
    }
  if (is_current (task) && run->result->problem != PB_PROBLEM_CANCELLED)
    pb_setup_publish_result (self, run->result);
  save_password (task);
}

/* The check's steps, told by the flow with the half they belong to. The half's task holds
 * the flow until the check has ended. */
static void
on_step (PbCheck     *check,
         PbCheckStep *step,
         gpointer     user_data)
{
  GTask *task = user_data;
  HalfRun *run = g_task_get_task_data (task);

  pb_setup_emit_step (g_task_get_source_object (task), pb_setup_half_of (run->server->protocol),
                      step);
}

/* A certificate the user trusted for this server and port is pinned. */
static void
run_check (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  g_autoptr(PbCheck) check = NULL;

  g_free (run->pinned);
  run->pinned = self->use_trust_store ? pb_trust_lookup (run->server->host, run->server->port)
                                      : NULL;
  run->options.pinned_sha256 = run->pinned;
  check = pb_check_new (run->server, run->address, &run->options);
  pb_check_set_password (check, run->password);
  pb_check_set_access_token (check, run->token);
  pb_check_set_password_problem (check, run->password_problem);
  self->has_password = run->password != NULL || run->token != NULL;
  /* The check has its own copy, wiped after the login; ours only serves a later save or a
   * second check after trusting a certificate. */
  if (!self->remember_password && !self->use_trust_store && !run->keep_password)
    g_clear_pointer (&run->password, pb_secret_free);

  enter_state (task, PB_SETUP_STATE_CHECKING);
  g_signal_connect (check, "step", G_CALLBACK (on_step), task);
  pb_setup_emit_check_started (self, check, run->server);
  pb_check_run_async (check, g_task_get_cancellable (task), on_check_done, task);
}

/* The login the check uses (pb_check_new): the given one, the server's, or the address. */
static const char *
login_on (HalfRun        *run,
          PbServerConfig *server)
{
  return run->username != NULL ? run->username :
         server->username != NULL ? server->username : run->address;
}

static void on_saved_password (GObject *source, GAsyncResult *res, gpointer user_data);

static void
look_up (GTask          *task,
         PbServerConfig *server)
{
  pb_credentials_lookup (server->protocol, server->host, server->port,
                         login_on (g_task_get_task_data (task), server),
                         pb_credentials_default_flags (), g_task_get_cancellable (task),
                         on_saved_password, task);
}

/* A keyring that cannot answer is reported; the check goes on without a login. Nothing
 * saved for an incoming server: the outgoing server's password, if one is saved. */
static void
on_saved_password (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  HalfRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) saved = pb_credentials_lookup_finish (res, &error);

  if (error != NULL)
    {
      PbProblem problem = pb_credentials_error_to_problem (error);

      run->password_problem = problem != PB_PROBLEM_NONE ? problem
                                                         : PB_PROBLEM_KEYRING_UNAVAILABLE;
      pb_setup_emit_password (self, run->server->protocol, PB_SETUP_PASSWORD_LOOKUP_FAILED,
                              error);
    }
  else if (saved == NULL && run->fallback != NULL && !run->fallen_back)
    {
      run->fallen_back = TRUE;
      look_up (task, run->fallback);
      return;
    }
  /* The check wants a PbSecret; the keyring's own buffer is wiped on return. */
  run->password = saved != NULL ? g_strdup (saved) : NULL;
  run_check (task);
}

static HalfRun *
half_run_new (GTask                    *owner,
              const PbSetupHalfRequest *request,
              PbSecret                 *password)
{
  HalfRun *run = g_new0 (HalfRun, 1);
  const PbCheckOptions *options = request->options;

  run->owner = g_object_ref (owner);
  run->server = pb_server_config_ref (request->server);
  run->fallback = request->fallback != NULL && request->server->protocol != PB_PROTOCOL_SMTP
                  ? pb_server_config_ref (request->fallback) : NULL;
  run->alone = request->alone;
  run->keep_password = request->keep_password;
  run->address = g_strdup (request->address);
  run->options = *options;
  run->options.username = run->username = g_strdup (options->username);
  run->options.from = run->from = g_strdup (options->from);
  run->options.recipient = run->recipient = g_strdup (options->recipient);
  run->options.from_name = run->from_name = g_strdup (options->from_name);
  run->options.provider_id = run->provider_id = g_strdup (options->provider_id);
  run->password = password;
  run->token = g_strdup (request->token);
  run->password_problem = request->sign_in_problem;
  return run;
}

void
pb_setup_half_run_async (PbSetup                  *self,
                         GTask                    *owner,
                         const PbSetupHalfRequest *request,
                         PbSecret                 *password,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  GTask *task;
  HalfRun *run;

  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (request != NULL && request->server != NULL && request->address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_half_run_async);
  /* A check cancelled on its way still has a result to report. */
  g_task_set_check_cancellable (task, FALSE);
  run = half_run_new (owner, request, password);
  g_task_set_task_data (task, run, (GDestroyNotify) half_run_free);

  enter_state (task, PB_SETUP_STATE_CHECKING);
  if (run->password != NULL || !self->lookup_saved_password || self->oauth)
    run_check (task);
  else
    look_up (task, run->server);
}

PbCheckResult *
pb_setup_half_run_finish (PbSetup       *self,
                          GAsyncResult  *result,
                          PbSecret     **password,
                          GError       **error)
{
  HalfRun *run;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  run = g_task_get_task_data (G_TASK (result));
  if (password != NULL)
    *password = run->keep_password ? g_steal_pointer (&run->password) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
