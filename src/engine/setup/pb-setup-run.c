/* pb-setup-run.c: a test of the setup flow: one server, or both halves of an account at once
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test is one GTask with a TestRun: ask once (when the found settings need it), then run
 * its halves (pb-setup-half.c) at the same time, each with a copy of the password, and
 * answer when the last one ended; an account test that sent a test message then waits for it
 * in INBOX (the round trip) before it answers. The run reads and changes the flow only through
 * pb-setup-private.h; the flow never calls back into the run.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-setup-half.h"
#include "pb-setup-private.h"
#include "pb-setup-run.h"
#include "pb-setup-sign-in.h"
#include "pb-trust.h"

typedef struct {
  PbServerConfig  *servers[PB_SETUP_N_HALVES];   /* [INCOMING] NULL for one server */
  PbCheckResult   *results[PB_SETUP_N_HALVES];
  guint            n_halves;
  guint            pending;
  char            *address;
  PbCheckOptions   options;
  char            *provider_id;
  char            *username;     /* the options' own copy: the round trip comes later */
  PbSecret        *password;
  PbSecret        *incoming_password;  /* the incoming half's, kept for the round trip */
  PbSecret        *token;        /* the provider's sign-in's access token (oauth) */
  PbProblem        sign_in_problem; /* why the sign-in gave none */
  gboolean         signed_in;    /* the sign-in was tried */
  gboolean         token_kept;   /* token is the one the flow kept from an earlier test */
  gboolean         token_renewed; /* a refused kept token has been replaced once */
  gboolean         round_trip_done;
  PbSetupQuestion *question;     /* the account's own question, or NULL: the flow's */
  GError          *error;        /* the first half's that ended in one */
} TestRun;

static void
test_run_free (TestRun *run)
{
  for (guint i = 0; i < PB_SETUP_N_HALVES; i++)
    {
      g_clear_pointer (&run->servers[i], pb_server_config_unref);
      g_clear_object (&run->results[i]);
    }
  g_free (run->address);
  g_free (run->provider_id);
  g_free (run->username);
  pb_secret_free (run->password);
  pb_secret_free (run->incoming_password);
  pb_secret_free (run->token);
  pb_setup_question_free (run->question);
  g_clear_error (&run->error);
  g_free (run);
}

static GError *
refused_error (void)
{
  return g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED,
                              _("The server was not confirmed: no password was sent."));
}

static void start_round_trip (GTask *task);

/* The test's answer (task: transfer full): one server's result, or the account's, after
 * its round trip when it sent a test message. */
static void
end_test (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  gboolean cancelled = FALSE;
  GPtrArray *results;

  if (run->error != NULL)
    {
      pb_setup_end_with_error (task, g_steal_pointer (&run->error));
      return;
    }
  if (g_task_get_source_tag (task) == pb_setup_test_account_async && run->options.send_test &&
      !run->round_trip_done)
    {
      start_round_trip (task);
      return;
    }
  results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < PB_SETUP_N_HALVES; i++)
    {
      if (run->results[i] == NULL)
        continue;
      cancelled = cancelled || run->results[i]->problem == PB_PROBLEM_CANCELLED;
      g_ptr_array_add (results, g_object_ref (run->results[i]));
    }
  if (g_task_get_source_tag (task) == pb_setup_test_async)
    {
      /* One server: its half moved the flow's state itself. */
      g_task_return_pointer (task, g_object_ref (results->pdata[0]), g_object_unref);
      g_ptr_array_unref (results);
      g_object_unref (task);
      return;
    }
  if (pb_setup_is_current (self, task))
    pb_setup_set_state (self, cancelled ? PB_SETUP_STATE_STOPPED : PB_SETUP_STATE_DONE);
  g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* ---- the round trip ------------------------------------------------------------------ */

/* The round trip takes the incoming half's verified login only (IMAP or POP3): a failed or
 * untested one would fail again, or look as if the message had not come. */
static PbRoundTripSkip
round_trip_skip (TestRun *run)
{
  PbCheckResult *sent = run->results[PB_SETUP_HALF_OUTGOING];
  PbCheckResult *incoming = run->results[PB_SETUP_HALF_INCOMING];

  if (sent == NULL || !sent->test_sent || sent->test_message_id == NULL)
    return PB_ROUND_TRIP_SKIP_NOT_SENT;
  if (run->servers[PB_SETUP_HALF_INCOMING] == NULL || incoming == NULL)
    return PB_ROUND_TRIP_SKIP_NO_INCOMING;
  if (!incoming->ok)
    return PB_ROUND_TRIP_SKIP_INCOMING_FAILED;
  if (!incoming->authenticated || (run->incoming_password == NULL && run->token == NULL))
    return PB_ROUND_TRIP_SKIP_LOGIN_NOT_TESTED;
  return PB_ROUND_TRIP_SKIP_NONE;
}

/* The round trip's result is the flow's while the test is its newest; then the answer. */
static void
round_trip_ended (GTask             *task,
                  PbRoundTripResult *result)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);

  run->round_trip_done = TRUE;
  if (pb_setup_is_current (self, task))
    pb_setup_publish_round_trip (self, result);
  g_object_unref (result);
  end_test (task);
}

/* The round trip always has a result (NULL only on a programming error, with nothing
 * known of the message). */
static void
on_round_trip_done (GObject      *source,
                    GAsyncResult *res,
                    gpointer      task)
{
  PbRoundTripResult *result = pb_round_trip_run_finish (PB_ROUND_TRIP (source), res, NULL);

  round_trip_ended (task, result != NULL ? result
                          : pb_round_trip_result_new_skipped (PB_ROUND_TRIP_SKIP_NOT_SENT,
                                                              NULL, 0));
}

static void
on_round_trip_progress (PbRoundTrip *trip,
                        guint        waited_ms,
                        guint        wait_ms,
                        GTask       *task)
{
  PbSetup *self = g_task_get_source_object (task);

  if (pb_setup_is_current (self, task))
    pb_setup_emit_round_trip_progress (self, waited_ms, wait_ms);
}

/* The incoming half's server, login, pin and password; the bound the flow was given. The
 * test answers once the round trip ended (at once when it cannot start). */
static void
start_round_trip (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  PbServerConfig *incoming = run->servers[PB_SETUP_HALF_INCOMING];
  PbCheckResult *sent = run->results[PB_SETUP_HALF_OUTGOING];
  PbRoundTripSkip skip = round_trip_skip (run);
  guint wait_ms = self->round_trip_wait_ms ? self->round_trip_wait_ms
                                           : PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  g_autofree char *pinned = NULL;
  g_autoptr(PbRoundTrip) trip = NULL;
  PbCheckOptions options = run->options;

  if (skip != PB_ROUND_TRIP_SKIP_NONE)
    {
      round_trip_ended (task, pb_round_trip_result_new_skipped (
                          skip, sent != NULL ? sent->test_message_id : NULL, wait_ms));
      return;
    }
  pinned = self->use_trust_store ? pb_trust_lookup (incoming->host, incoming->port) : NULL;
  options.pinned_sha256 = pinned;
  trip = pb_round_trip_new (incoming, run->address, &options);
  pb_round_trip_set_password (trip, run->incoming_password);
  pb_round_trip_set_access_token (trip, run->token);
  g_clear_pointer (&run->incoming_password, pb_secret_free);
  g_clear_pointer (&run->token, pb_secret_free);
  pb_round_trip_set_wait (trip, wait_ms, 0);
  g_signal_connect_object (trip, "progress", G_CALLBACK (on_round_trip_progress), task, 0);
  if (pb_setup_is_current (self, task))
    pb_setup_emit_round_trip_started (self, trip);
  pb_round_trip_run_async (trip, sent, g_task_get_cancellable (task), on_round_trip_done, task);
}

static void start_halves (GTask *task);

/* A kept access token the servers refused (revoked, or expired before its time) is
 * refreshed once, and the halves that refused it run again: TRUE when they do, with the
 * last half's reference to task. */
static gboolean
renew_refused_token (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  gboolean refused = FALSE;

  if (!run->token_kept || run->token_renewed || run->error != NULL)
    return FALSE;
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (run->results[half] != NULL &&
        run->results[half]->problem == PB_PROBLEM_AUTH_TOKEN_REFUSED)
      {
        g_clear_object (&run->results[half]);
        refused = TRUE;
      }
  if (!refused)
    return FALSE;
  g_message ("The kept sign-in was refused: signing in again");
  run->token_renewed = TRUE;
  run->signed_in = FALSE;
  g_clear_pointer (&run->token, pb_secret_free);
  pb_setup_drop_access_token (self);
  start_halves (task);   /* takes the reference end_test() would have taken */
  return TRUE;
}

static void
on_half_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  TestRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  PbSecret *password = NULL;
  g_autoptr(PbCheckResult) result = pb_setup_half_run_finish (PB_SETUP (source), res,
                                                              &password, &error);

  /* Only the incoming half keeps one (keep_password), for the round trip. */
  if (password != NULL)
    {
      pb_secret_free (run->incoming_password);
      run->incoming_password = password;
    }

  if (result == NULL && run->error == NULL)
    run->error = error;
  else if (result == NULL)
    g_error_free (error);
  else
    {
      /* The index first: C leaves the order of the assignment's two sides open, and the
       * steal empties result. */
      PbSetupHalf half = pb_setup_half_of (result->protocol);

      run->results[half] = g_steal_pointer (&result);
    }
  if (--run->pending == 0 && !renew_refused_token (task))
    end_test (task);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  TestRun *run = g_task_get_task_data (task);

  run->token = pb_setup_sign_in_finish (PB_SETUP (source), res, &run->sign_in_problem,
                                        &run->token_kept);
  start_halves (task);
}

/* Confirmed, or nothing to confirm: from here on a password may go to the servers, and
 * the person may sign in at the provider (oauth). An incoming half without a saved
 * password of its own falls back on the outgoing server's: in an account test the one
 * tested beside it, else the one found. */
static void
start_halves (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  PbServerConfig *outgoing = run->servers[PB_SETUP_HALF_OUTGOING];
  guint left = 0;

  if (self->oauth && !run->signed_in)
    {
      run->signed_in = TRUE;
      pb_setup_sign_in_async (self, run->address, g_task_get_cancellable (task), on_signed_in,
                              task);
      return;
    }

  /* One half alone follows its own states; two at once are checking from here on. */
  if (run->n_halves > 1)
    pb_setup_set_state (self, PB_SETUP_STATE_CHECKING);
  /* The halves without a result: all, or those that run again with a renewed token. */
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    left += run->servers[half] != NULL && run->results[half] == NULL;
  run->pending = left;
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    {
      PbSetupHalfRequest request = {
        .server = run->servers[half],
        .fallback = outgoing != NULL ? outgoing : self->server,
        .address = run->address,
        .options = &run->options,
        .alone = run->n_halves == 1,
        .keep_password = half == PB_SETUP_HALF_INCOMING && run->options.send_test,
        .token = run->token,
        .sign_in_problem = run->sign_in_problem,
      };
      PbSecret *password;

      if (request.server == NULL || run->results[half] != NULL)
        continue;
      /* The last half takes the test's copy; each other one gets its own. */
      password = --left == 0 ? g_steal_pointer (&run->password) : g_strdup (run->password);
      pb_setup_half_run_async (self, task, &request, password, g_task_get_cancellable (task),
                               on_half_done, g_object_ref (task));
    }
  g_object_unref (task);
}

static void
on_confirmation_answered (GObject      *source,
                          GAsyncResult *res,
                          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gboolean yes = pb_setup_asker_ask_finish (PB_SETUP_ASKER (source), res, &error);

  if (error != NULL ||
      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    pb_setup_end_with_error (task, error);
  else if (yes)
    start_halves (task);
  else
    pb_setup_end_with_error (task, refused_error ());
}

/* Ask once, before anything connects, for every server of the test; then the halves. */
static void
confirm_and_start (GTask *task)
{
  PbSetup *self = g_task_get_source_object (task);
  TestRun *run = g_task_get_task_data (task);
  const PbSetupQuestion *question = run->question ? run->question : self->confirmation;

  if (question == NULL)
    {
      start_halves (task);
      return;
    }
  pb_setup_set_state (self, PB_SETUP_STATE_ASKING);
  if (self->asker == NULL)
    {
      pb_setup_end_with_error (task, refused_error ());
      return;
    }
  pb_setup_asker_ask_async (self->asker, question, g_task_get_cancellable (task),
                            on_confirmation_answered, task);
}

static TestRun *
test_run_new (PbSetup              *self,
              const char           *address,
              const PbCheckOptions *options)
{
  static const PbCheckOptions no_options = { 0 };
  TestRun *run = g_new0 (TestRun, 1);
  PbAccountConfig *config = self->discovery_result != NULL ?
                            pb_discovery_result_get_config (self->discovery_result) : NULL;

  run->address = g_strdup (address != NULL ? address :
                           pb_discovery_result_get_address (self->discovery_result)->address);
  /* The halves copy the caller's strings before this call returns. */
  run->options = options != NULL ? *options : no_options;
  run->options.username = run->username = g_strdup (run->options.username);
  run->options.provider_id = run->provider_id =
    g_strdup (config != NULL ? pb_account_config_get_provider_id (config) : NULL);
  /* The password serves this test only: the flow keeps no copy beyond it. */
  run->password = g_steal_pointer (&self->password);
  return run;
}

/* Begins a test (the flow's newest work); NULL after ending it when there is nothing to
 * test. */
static GTask *
begin_test (PbSetup             *self,
            gpointer             tag,
            PbServerConfig      *server,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  /* A check cancelled on its way still has a result to report (the command line prints it). */
  g_task_set_check_cancellable (task, FALSE);
  pb_setup_begin (self, task);
  if (server != NULL)
    return task;
  /* The password served this test only, which ends here. */
  g_clear_pointer (&self->password, pb_secret_free);
  pb_setup_end_with_error (task, g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_NOT_FOUND,
                                                      _("No outgoing server found for this "
                                                        "address.")));
  return NULL;
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
  GTask *task;
  TestRun *run;

  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (address != NULL || self->discovery_result != NULL);

  task = begin_test (self, pb_setup_test_async, server ? server : self->server, cancellable,
                     callback, user_data);
  if (task == NULL)
    return;
  run = test_run_new (self, address, options);
  run->servers[pb_setup_half_of ((server ? server : self->server)->protocol)] =
    pb_server_config_ref (server ? server : self->server);
  run->n_halves = 1;
  g_task_set_task_data (task, run, (GDestroyNotify) test_run_free);
  confirm_and_start (task);
}

PbCheckResult *
pb_setup_test_finish (PbSetup       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_setup_test_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Settings that came over plain HTTP name both servers of an account: the question names
 * both. A foreign-host question names every foreign host of the settings already. */
static PbSetupQuestion *
account_question (PbSetup *self)
{
  PbSetupQuestion *question;

  if (self->confirmation == NULL || self->confirmation->kind != PB_SETUP_QUESTION_PLAIN_HTTP ||
      self->incoming_server == NULL ||
      g_ascii_strcasecmp (self->incoming_server->host, self->confirmation->hosts[0]) == 0)
    return NULL;
  question = g_new0 (PbSetupQuestion, 1);
  question->kind = PB_SETUP_QUESTION_PLAIN_HTTP;
  question->hosts = g_strdupv ((char *[]) { self->confirmation->hosts[0],
                                            self->incoming_server->host, NULL });
  return question;
}

void
pb_setup_test_account_async (PbSetup              *self,
                             const PbCheckOptions *options,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  pb_setup_test_account_with_async (self, NULL, options, cancellable, callback, user_data);
}

void
pb_setup_test_account_with_async (PbSetup              *self,
                                  PbServerConfig       *outgoing,
                                  const PbCheckOptions *options,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  GTask *task;
  TestRun *run;

  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (self->discovery_result != NULL);
  g_return_if_fail (outgoing == NULL || outgoing->protocol == PB_PROTOCOL_SMTP);

  if (outgoing == NULL)
    outgoing = self->server;
  task = begin_test (self, pb_setup_test_account_async, outgoing, cancellable, callback,
                     user_data);
  if (task == NULL)
    return;
  run = test_run_new (self, NULL, options);
  run->servers[PB_SETUP_HALF_OUTGOING] = pb_server_config_ref (outgoing);
  run->n_halves = 1;
  if (self->incoming_server != NULL)
    {
      run->servers[PB_SETUP_HALF_INCOMING] = pb_server_config_ref (self->incoming_server);
      run->n_halves = 2;
    }
  run->question = account_question (self);
  /* The flow's round trip is the newest account test's, or none. */
  pb_setup_publish_round_trip (self, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) test_run_free);
  confirm_and_start (task);
}

GPtrArray *
pb_setup_test_account_finish (PbSetup       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_setup_test_account_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
