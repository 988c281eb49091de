/* pb-setup-run.c: one test of the setup flow, from the confirmation to a saved password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test is one GTask with a TestRun: ask (when the found settings need it), look up a
 * saved password (when asked to), check, save the accepted password, and, when the
 * certificate failed and the face keeps trusted certificates, ask whether to trust it and
 * check again. The run reads and changes the flow only through pb-setup-private.h; the flow
 * never calls back into the run.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-setup-private.h"
#include "pb-setup-run.h"
#include "pb-trust.h"

typedef struct {
  PbServerConfig *server;
  char           *address;
  PbCheckOptions  options;
  char           *username;
  char           *from;
  char           *recipient;
  char           *provider_id;
  char           *pinned;
  PbSecret       *password;
  PbProblem       password_problem;
  PbSetupQuestion *question;
  PbCheckResult  *result;
} TestRun;

static void
test_run_free (TestRun *run)
{
  pb_server_config_unref (run->server);
  g_free (run->address);
  g_free (run->username);
  g_free (run->from);
  g_free (run->recipient);
  g_free (run->provider_id);
  g_free (run->pinned);
  pb_secret_free (run->password);
  pb_setup_question_free (run->question);
  g_clear_object (&run->result);
  g_free (run);
}

/* Ends task (transfer full) when its work was cancelled. */
static gboolean
end_if_cancelled (GTask *task)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    return FALSE;
  pb_setup_end_with_error (task, error);
  return TRUE;
}

/* Ends task (transfer full) with the check's result. */
static void
end_with_result (GTask *task)
{
  TestRun *run = g_task_get_task_data (task);

  g_task_return_pointer (task, g_object_ref (run->result), g_object_unref);
  g_object_unref (task);
}

static GError *
refused_error (void)
{
  return g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED,
                              _("The server was not confirmed: no password was sent."));
}

static void run_check (GTask *task);

/* The flow follows only its newest test: an older one's steps leave its state alone. */
static void
enter_state (GTask        *task,
             PbSetupState  state)
{
  PbSetup *self = g_task_get_source_object (task);

  if (pb_setup_is_current (self, task))
    pb_setup_set_state (self, state);
}

/* Takes the asker's answer into *yes; FALSE when the asker failed or the test was
 * cancelled meanwhile, and task (transfer full) has ended. */
static gboolean
take_answer (GObject      *source,
             GAsyncResult *res,
             GTask        *task,
             gboolean     *yes)
{
  GError *error = NULL;

  *yes = pb_setup_asker_ask_finish (PB_SETUP_ASKER (source), res, &error);
  if (error != NULL)
    {
      pb_setup_end_with_error (task, error);
      return FALSE;
    }
  return !end_if_cancelled (task);
}

static void
on_trust_answered (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  TestRun *run = g_task_get_task_data (task);
  gboolean yes;

  if (!take_answer (source, res, task, &yes))
    return;
  if (!yes)
    end_with_result (task);
  else if (!pb_trust_add (run->server->host, run->server->port, run->result->cert_sha256))
    pb_setup_end_with_error (task, g_error_new_literal (PB_SETUP_ERROR,
                                                        PB_SETUP_ERROR_TRUST_NOT_SAVED,
                                                        _("The trust could not be saved.")));
  else
    run_check (task);
}

/* The end of a check that ran (task: transfer full): after a certificate failure the user
 * may trust it (and the check runs again), else the result is the answer. */
static void
finish_test (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  PbCheckResult *result = run->result;

  gboolean cancelled = result->problem == PB_PROBLEM_CANCELLED;

  enter_state (task, cancelled ? PB_SETUP_STATE_STOPPED : PB_SETUP_STATE_DONE);
  if (result->ok || cancelled || !self->use_trust_store || self->asker == NULL ||
      !pb_setup_is_current (self, task) || !pb_check_result_certificate_trustable (result))
    {
      end_with_result (task);
      return;
    }
  pb_setup_question_free (run->question);
  run->question = g_new0 (PbSetupQuestion, 1);
  run->question->kind = PB_SETUP_QUESTION_TRUST_CERTIFICATE;
  run->question->result = g_object_ref (result);
  pb_setup_set_state (self, PB_SETUP_STATE_ASKING);
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
  g_autoptr(GError) error = NULL;

  if (pb_credentials_store_finish (res, &error))
    pb_setup_emit_password (self, PB_SETUP_PASSWORD_SAVED, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Nothing else is lost: the result stays. */
    pb_setup_emit_password (self, PB_SETUP_PASSWORD_SAVE_FAILED, error);
  finish_test (task);
}

/* Only a password the server accepted is saved: a wrong one would come back next time as
 * if it were right. */
static void
save_password (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  PbCheckResult *result = run->result;

  if (!result->ok || !result->authenticated || !self->has_password)
    pb_setup_emit_password (self, PB_SETUP_PASSWORD_NOT_ACCEPTED, NULL);
  else if (!self->remember_password || run->password == NULL)
    pb_setup_emit_password (self, PB_SETUP_PASSWORD_NOT_REMEMBERED, NULL);
  else
    {
      enter_state (task, PB_SETUP_STATE_SAVING);
      pb_credentials_store (run->server->protocol, run->server->host, run->server->port,
                            result->username, run->password, pb_credentials_default_flags (),
                            self->store_cancellable, on_password_stored, task);
      return;
    }
  finish_test (task);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  GTask *task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_object (&run->result);
  run->result = pb_check_run_finish (PB_CHECK (source), res, &error);
  if (run->result == NULL)
    {
      pb_setup_end_with_error (task, error);
      return;
    }
  if (pb_setup_is_current (self, task) && run->result->problem != PB_PROBLEM_CANCELLED)
    pb_setup_publish_result (self, run->result);
  save_password (task);
}

/* The provider of the found settings goes to the check, and so to the diagnosis; a
 * certificate the user trusted for this server and port is pinned. */
static void
run_check (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  g_autoptr(PbCheck) check = NULL;

  g_free (run->pinned);
  run->pinned = self->use_trust_store ? pb_trust_lookup (run->server->host, run->server->port)
                                      : NULL;
  run->options.pinned_sha256 = run->pinned;
  check = pb_check_new (run->server, run->address, &run->options);
  pb_check_set_password (check, run->password);
  pb_check_set_password_problem (check, run->password_problem);
  self->has_password = run->password != NULL;
  /* The check has its own copy, wiped after the login; ours only serves a later save or a
   * second check after trusting a certificate. */
  if (!self->remember_password && !self->use_trust_store)
    g_clear_pointer (&run->password, pb_secret_free);

  enter_state (task, PB_SETUP_STATE_CHECKING);
  pb_setup_emit_check_started (self, check, run->server);
  pb_check_run_async (check, g_task_get_cancellable (task), on_check_done, task);
}

/* A keyring that cannot answer is reported; the check goes on without a login. */
static void
on_saved_password (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) saved = pb_credentials_lookup_finish (res, &error);

  if (error != NULL)
    {
      PbProblem problem = pb_credentials_error_to_problem (error);

      run->password_problem = problem != PB_PROBLEM_NONE ? problem
                                                         : PB_PROBLEM_KEYRING_UNAVAILABLE;
      pb_setup_emit_password (self, PB_SETUP_PASSWORD_LOOKUP_FAILED, error);
    }
  /* The check wants a PbSecret; the keyring's own buffer is wiped on return. */
  run->password = saved != NULL ? g_strdup (saved) : NULL;
  run_check (task);
}

/* Confirmed, or nothing to confirm: from here on a password may go to the server. */
static void
start_check (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  /* The login the check uses (pb_check_new): the given one or the address, as it is. */
  const char *user = run->username != NULL ? run->username :
                     run->server->username != NULL ? run->server->username : run->address;

  enter_state (task, PB_SETUP_STATE_CHECKING);
  if (run->password != NULL || !self->lookup_saved_password)
    {
      run_check (task);
      return;
    }
  pb_credentials_lookup (run->server->protocol, run->server->host, run->server->port, user,
                         pb_credentials_default_flags (), g_task_get_cancellable (task),
                         on_saved_password, task);
}

static void
on_confirmation_answered (GObject      *source,
                          GAsyncResult *res,
                          gpointer      user_data)
{
  GTask *task = user_data;
  gboolean yes;

  if (!take_answer (source, res, task, &yes))
    return;
  if (yes)
    start_check (task);
  else
    pb_setup_end_with_error (task, refused_error ());
}

static TestRun *
test_run_new (PbSetup              *self,
              PbServerConfig       *server,
              const char           *address,
              const PbCheckOptions *options)
{
  TestRun *run = g_new0 (TestRun, 1);
  PbAccountConfig *config = self->discovery_result != NULL ?
                            pb_discovery_result_get_config (self->discovery_result) : NULL;

  run->server = pb_server_config_ref (server);
  run->address = g_strdup (address != NULL ? address :
                           pb_discovery_result_get_address (self->discovery_result)->address);
  run->options = *options;
  run->options.username = run->username = g_strdup (options->username);
  run->options.from = run->from = g_strdup (options->from);
  run->options.recipient = run->recipient = g_strdup (options->recipient);
  run->options.provider_id = run->provider_id =
    g_strdup (config != NULL ? pb_account_config_get_provider_id (config) : NULL);
  /* The password serves this test only: the flow keeps no copy beyond it. */
  run->password = g_steal_pointer (&self->password);
  return run;
}

void
pb_setup_test_async (PbSetup              *self,
                     PbServerConfig       *server,
                     const char           *address,
                     const PbCheckOptions *options,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  static const PbCheckOptions no_options = { 0 };

  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (address != NULL || self->discovery_result != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_test_async);
  /* A check cancelled on its way still has a result to report (the command line prints it). */
  g_task_set_check_cancellable (task, FALSE);
  pb_setup_begin (self, task);
  if (server == NULL)
    server = self->server;
  if (server == NULL)
    {
      /* The password served this test only, which ends here. */
      g_clear_pointer (&self->password, pb_secret_free);
      pb_setup_end_with_error (g_steal_pointer (&task),
                               g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_NOT_FOUND,
                                                    _("No outgoing server found for this "
                                                      "address.")));
      return;
    }
  g_task_set_task_data (task, test_run_new (self, server, address, options ? options : &no_options),
                        (GDestroyNotify) test_run_free);
  if (self->confirmation == NULL)
    {
      start_check (g_steal_pointer (&task));
      return;
    }
  pb_setup_set_state (self, PB_SETUP_STATE_ASKING);
  if (self->asker == NULL)
    {
      pb_setup_end_with_error (g_steal_pointer (&task), refused_error ());
      return;
    }
  pb_setup_asker_ask_async (self->asker, self->confirmation, cancellable,
                            on_confirmation_answered, g_steal_pointer (&task));
}

PbCheckResult *
pb_setup_test_finish (PbSetup       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
