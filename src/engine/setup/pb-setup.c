/* pb-setup.c: the setup flow, from an address to a tested server and a saved password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test is one GTask with a TestRun: ask (when the found settings need it), look up a
 * saved password (when asked to), check, save the accepted password, and, when the
 * certificate failed and the face keeps trusted certificates, ask whether to trust it and
 * check again. A newer test or discovery makes an older one stale: its answers no longer
 * change what the flow shows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-setup.h"
#include "pb-smtp-auth.h"
#include "pb-trust.h"

struct _PbSetup
{
  GObject             parent_instance;

  PbSetupAsker       *asker;
  PbSecret           *password;
  gboolean            remember_password;
  gboolean            lookup_saved_password;
  gboolean            use_trust_store;
  guint               discovery_timeout_ms;

  PbSetupState        state;
  PbDiscovery        *discovery;
  PbDiscoveryResult  *discovery_result;
  PbServerConfig     *server;
  PbSetupQuestion    *confirmation;
  PbCheckResult      *result;
  PbExplanation      *explanation;
  gboolean            has_password;

  GTask              *current;           /* the newest discovery or test; older ones are stale */
  GCancellable       *store_cancellable; /* only the flow's end stops a keyring store */
};

G_DEFINE_FINAL_TYPE (PbSetup, pb_setup, G_TYPE_OBJECT)
G_DEFINE_QUARK (pb-setup-error-quark, pb_setup_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DISCOVERY,
  PROP_DISCOVERY_RESULT,
  PROP_SERVER,
  PROP_RESULT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  CHECK_STARTED,
  PASSWORD,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

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
  pb_smtp_secret_free (run->password);
  pb_setup_question_free (run->question);
  g_clear_object (&run->result);
  g_free (run);
}

PbSetup *
pb_setup_new (void)
{
  return g_object_new (PB_TYPE_SETUP, NULL);
}

static void
set_state (PbSetup      *self,
           PbSetupState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Makes task the newest piece of work: what an older one still reports is ignored. */
static void
begin (PbSetup *self,
       GTask   *task)
{
  g_set_object (&self->current, task);
}

static gboolean
is_current (PbSetup *self,
            GTask   *task)
{
  return self->current == task;
}

/* Ends task (transfer full) with error; the state follows only when it is the newest
 * work. */
static void
end_with_error (GTask  *task,
                GError *error)
{
  PbSetup *self = g_task_get_source_object (task);

  if (is_current (self, task))
    set_state (self, PB_SETUP_STATE_STOPPED);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Ends task (transfer full) when its work was cancelled. */
static gboolean
end_if_cancelled (GTask *task)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    return FALSE;
  end_with_error (task, error);
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

/* ---- Settings ---------------------------------------------------------------------------- */

void
pb_setup_set_asker (PbSetup      *self,
                    PbSetupAsker *asker)
{
  g_return_if_fail (PB_IS_SETUP (self));
  /* The window is its own asker and owns the flow: a reference would be a cycle. */
  self->asker = asker;
}

void
pb_setup_set_password (PbSetup    *self,
                       const char *password)
{
  g_return_if_fail (PB_IS_SETUP (self));
  pb_smtp_secret_free (self->password);
  self->password = password != NULL && *password != '\0' ? g_strdup (password) : NULL;
}

void
pb_setup_set_remember_password (PbSetup  *self,
                                gboolean  remember)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->remember_password = !!remember;
}

void
pb_setup_set_lookup_saved_password (PbSetup  *self,
                                    gboolean  lookup)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->lookup_saved_password = !!lookup;
}

void
pb_setup_set_use_trust_store (PbSetup  *self,
                              gboolean  use)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->use_trust_store = !!use;
}

void
pb_setup_set_discovery_timeout_ms (PbSetup *self,
                                   guint    timeout_ms)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->discovery_timeout_ms = timeout_ms;
}

PbSetupState
pb_setup_get_state (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), PB_SETUP_STATE_IDLE);
  return self->state;
}

PbDiscovery *
pb_setup_get_discovery (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->discovery;
}

PbDiscoveryResult *
pb_setup_get_discovery_result (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->discovery_result;
}

PbServerConfig *
pb_setup_get_server (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->server;
}

const PbSetupQuestion *
pb_setup_get_confirmation (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->confirmation;
}

PbCheckResult *
pb_setup_get_result (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->result;
}

PbExplanation *
pb_setup_get_explanation (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->explanation;
}

gboolean
pb_setup_has_password (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), FALSE);
  return self->has_password;
}

/* ---- Discovery --------------------------------------------------------------------------- */

/* Found settings need confirmation when a host is foreign or they came over plain HTTP;
 * nothing found needs none (there is nothing to send a password to). */
static PbSetupQuestion *
confirmation_for (PbDiscoveryResult *result)
{
  const char * const *foreign = pb_discovery_result_get_foreign_hosts (result);
  GPtrArray *outgoing = pb_discovery_result_get_outgoing (result);
  PbSetupQuestion *question;

  if (pb_discovery_result_get_config (result) == NULL ||
      !pb_discovery_result_get_needs_confirmation (result))
    return NULL;

  question = g_new0 (PbSetupQuestion, 1);
  if (foreign != NULL && foreign[0] != NULL)
    {
      question->kind = PB_SETUP_QUESTION_FOREIGN_HOST;
      question->hosts = g_strdupv ((char **) foreign);
    }
  else
    {
      const char *host = outgoing->len > 0 ? ((PbServerConfig *) outgoing->pdata[0])->host
                                           : pb_discovery_result_get_address (result)->domain;

      question->kind = PB_SETUP_QUESTION_PLAIN_HTTP;
      question->hosts = g_strdupv ((char *[]) { (char *) host, NULL });
    }
  return question;
}

static void
set_found (PbSetup           *self,
           PbDiscoveryResult *result)
{
  GPtrArray *outgoing = result != NULL ? pb_discovery_result_get_outgoing (result) : NULL;
  PbServerConfig *best = outgoing != NULL && outgoing->len > 0 ? outgoing->pdata[0] : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->discovery_result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERY_RESULT]);
  g_clear_pointer (&self->confirmation, pb_setup_question_free);
  if (result != NULL)
    self->confirmation = confirmation_for (result);
  g_clear_pointer (&self->server, pb_server_config_unref);
  self->server = best != NULL ? pb_server_config_ref (best) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  set_state (self, result != NULL ? PB_SETUP_STATE_DISCOVERED : PB_SETUP_STATE_IDLE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
pb_setup_use_result (PbSetup           *self,
                     PbDiscoveryResult *result)
{
  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (PB_IS_DISCOVERY_RESULT (result));

  g_clear_object (&self->current);
  set_found (self, result);
}

void
pb_setup_clear (PbSetup *self)
{
  g_return_if_fail (PB_IS_SETUP (self));

  g_clear_object (&self->current);
  set_found (self, NULL);
}

static void
on_discovered (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSetup *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) found = NULL;

  found = pb_discovery_run_finish (PB_DISCOVERY (source), res, &error);
  if (found == NULL)
    {
      end_with_error (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  if (!is_current (self, task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Cancelled"));
      return;
    }
  set_found (self, found);
  g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
}

void
pb_setup_discover_async (PbSetup             *self,
                         const PbAddress     *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PbDiscovery) discovery = NULL;

  g_return_if_fail (PB_IS_SETUP (self));
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_setup_discover_async);
  begin (self, task);
  set_found (self, NULL);

  discovery = pb_discovery_new (address);
  if (self->discovery_timeout_ms > 0)
    pb_discovery_set_timeout_ms (discovery, self->discovery_timeout_ms);
  g_set_object (&self->discovery, discovery);
  /* Before the run: the faces show every source from its first state on. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERY]);
  set_state (self, PB_SETUP_STATE_DISCOVERING);
  pb_discovery_run_async (discovery, cancellable, on_discovered, g_steal_pointer (&task));
}

PbDiscoveryResult *
pb_setup_discover_finish (PbSetup       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Test -------------------------------------------------------------------------------- */

static void run_check (GTask *task);

static void
on_trust_answered (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  TestRun *run = g_task_get_task_data (task);
  PbServerConfig *server = run->server;
  GError *error = NULL;
  gboolean yes = pb_setup_asker_ask_finish (PB_SETUP_ASKER (source), res, &error);

  if (error != NULL)
    end_with_error (task, error);
  else if (end_if_cancelled (task))
    return;
  else if (!yes)
    end_with_result (task);
  else if (!pb_trust_add (server->host, server->port, run->result->cert_sha256))
    end_with_error (task, g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_TRUST_NOT_SAVED,
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

  if (is_current (self, task))
    set_state (self, cancelled ? PB_SETUP_STATE_STOPPED : PB_SETUP_STATE_DONE);
  if (result->ok || cancelled || !self->use_trust_store || self->asker == NULL || !is_current (self, task) ||
      !pb_check_result_certificate_trustable (result))
    {
      end_with_result (task);
      return;
    }
  pb_setup_question_free (run->question);
  run->question = g_new0 (PbSetupQuestion, 1);
  run->question->kind = PB_SETUP_QUESTION_TRUST_CERTIFICATE;
  run->question->result = g_object_ref (result);
  set_state (self, PB_SETUP_STATE_ASKING);
  pb_setup_asker_ask_async (self->asker, run->question, g_task_get_cancellable (task),
                            on_trust_answered, task);
}

static void
emit_password (PbSetup         *self,
               PbSetupPassword  what,
               const GError    *error)
{
  g_signal_emit (self, signals[PASSWORD], 0, what, error);
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
    emit_password (self, PB_SETUP_PASSWORD_SAVED, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Nothing else is lost: the result stays. */
    emit_password (self, PB_SETUP_PASSWORD_SAVE_FAILED, error);
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
    emit_password (self, PB_SETUP_PASSWORD_NOT_ACCEPTED, NULL);
  else if (!self->remember_password || run->password == NULL)
    emit_password (self, PB_SETUP_PASSWORD_NOT_REMEMBERED, NULL);
  else
    {
      if (is_current (self, task))
        set_state (self, PB_SETUP_STATE_SAVING);
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
      end_with_error (task, error);
      return;
    }
  if (is_current (self, task) && run->result->problem != PB_PROBLEM_CANCELLED)
    {
      g_clear_pointer (&self->explanation, pb_explanation_free);
      if (!run->result->ok)
        self->explanation = pb_diagnosis_explain (run->result->problem,
                                                  &run->result->failure);
      g_set_object (&self->result, run->result);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
    }
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
    g_clear_pointer (&run->password, pb_smtp_secret_free);

  if (is_current (self, task))
    set_state (self, PB_SETUP_STATE_CHECKING);
  g_signal_emit (self, signals[CHECK_STARTED], 0, check, run->server);
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
      emit_password (self, PB_SETUP_PASSWORD_LOOKUP_FAILED, error);
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

  if (is_current (self, task))
    set_state (self, PB_SETUP_STATE_CHECKING);
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
  GError *error = NULL;
  gboolean yes = pb_setup_asker_ask_finish (PB_SETUP_ASKER (source), res, &error);

  if (error != NULL)
    end_with_error (task, error);
  else if (end_if_cancelled (task))
    return;
  else if (!yes)
    end_with_error (task, refused_error ());
  else
    start_check (task);
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
  begin (self, task);
  if (server == NULL)
    server = self->server;
  if (server == NULL)
    {
      /* The password served this test only, which ends here. */
      g_clear_pointer (&self->password, pb_smtp_secret_free);
      end_with_error (g_steal_pointer (&task),
                      g_error_new_literal (PB_SETUP_ERROR, PB_SETUP_ERROR_NOT_FOUND,
                                           _("No outgoing server found for this address.")));
      return;
    }
  g_task_set_task_data (task, test_run_new (self, server, address, options ? options : &no_options),
                        (GDestroyNotify) test_run_free);
  if (self->confirmation == NULL)
    {
      start_check (g_steal_pointer (&task));
      return;
    }
  set_state (self, PB_SETUP_STATE_ASKING);
  if (self->asker == NULL)
    {
      end_with_error (g_steal_pointer (&task), refused_error ());
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

/* ---- GObject ----------------------------------------------------------------------------- */

static void
pb_setup_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbSetup *self = PB_SETUP (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_DISCOVERY:
      g_value_set_object (value, self->discovery);
      break;
    case PROP_DISCOVERY_RESULT:
      g_value_set_object (value, self->discovery_result);
      break;
    case PROP_SERVER:
      g_value_set_boxed (value, self->server);
      break;
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_setup_dispose (GObject *object)
{
  PbSetup *self = PB_SETUP (object);

  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->current);
  g_clear_object (&self->discovery);
  g_clear_object (&self->discovery_result);
  g_clear_object (&self->result);
  g_clear_pointer (&self->server, pb_server_config_unref);
  g_clear_pointer (&self->confirmation, pb_setup_question_free);
  g_clear_pointer (&self->explanation, pb_explanation_free);
  g_clear_pointer (&self->password, pb_smtp_secret_free);
  self->asker = NULL;

  G_OBJECT_CLASS (pb_setup_parent_class)->dispose (object);
}

static void
pb_setup_class_init (PbSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pb_setup_get_property;
  object_class->dispose = pb_setup_dispose;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, PB_SETUP_STATE_IDLE,
                                             PB_SETUP_STATE_STOPPED, PB_SETUP_STATE_IDLE, flags);
  properties[PROP_DISCOVERY] = g_param_spec_object ("discovery", NULL, NULL,
                                                    PB_TYPE_DISCOVERY, flags);
  properties[PROP_DISCOVERY_RESULT] = g_param_spec_object ("discovery-result", NULL, NULL,
                                                           PB_TYPE_DISCOVERY_RESULT, flags);
  properties[PROP_SERVER] = g_param_spec_boxed ("server", NULL, NULL,
                                                PB_TYPE_SERVER_CONFIG, flags);
  properties[PROP_RESULT] = g_param_spec_object ("result", NULL, NULL,
                                                 PB_TYPE_CHECK_RESULT, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHECK_STARTED] = g_signal_new ("check-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, PB_TYPE_CHECK,
                                         PB_TYPE_SERVER_CONFIG);
  signals[PASSWORD] = g_signal_new ("password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT,
                                    G_TYPE_ERROR);
}

static void
pb_setup_init (PbSetup *self)
{
  self->store_cancellable = g_cancellable_new ();
}
