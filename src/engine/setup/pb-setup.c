/* pb-setup.c: the setup flow, from an address to a tested server and a saved password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow's state, its settings and the discovery; a test runs in pb-setup-run.c on top
 * of what pb-setup-private.h opens to it. A newer test or discovery makes an older one
 * stale: its answers no longer change what the flow shows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-setup-private.h"

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
  SIGN_IN_STARTED,
  CHECK_STARTED,
  STEP,
  PASSWORD,
  ROUND_TRIP_STARTED,
  ROUND_TRIP_PROGRESS,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

PbSetup *
pb_setup_new (void)
{
  return g_object_new (PB_TYPE_SETUP, NULL);
}

void
pb_setup_set_state (PbSetup      *self,
                    PbSetupState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
pb_setup_begin (PbSetup *self,
                GTask   *task)
{
  g_set_object (&self->current, task);
}

gboolean
pb_setup_is_current (PbSetup *self,
                     GTask   *task)
{
  return self->current == task;
}

void
pb_setup_end_with_error (GTask  *task,
                         GError *error)
{
  PbSetup *self = g_task_get_source_object (task);

  if (pb_setup_is_current (self, task))
    pb_setup_set_state (self, PB_SETUP_STATE_STOPPED);
  g_task_return_error (task, error);
  g_object_unref (task);
}

void
pb_setup_emit_sign_in_started (PbSetup       *self,
                               PbOAuthSignIn *sign_in)
{
  g_signal_emit (self, signals[SIGN_IN_STARTED], 0, sign_in);
}

void
pb_setup_emit_check_started (PbSetup        *self,
                             PbCheck        *check,
                             PbServerConfig *server)
{
  g_signal_emit (self, signals[CHECK_STARTED], 0, check, server);
}

void
pb_setup_emit_step (PbSetup     *self,
                    PbSetupHalf  half,
                    PbCheckStep *step)
{
  g_signal_emit (self, signals[STEP], 0, half, step);
}

void
pb_setup_emit_password (PbSetup         *self,
                        PbProtocol       protocol,
                        PbSetupPassword  what,
                        const GError    *error)
{
  g_signal_emit (self, signals[PASSWORD],
                 g_quark_from_static_string (pb_protocol_to_string (protocol)), what, error);
}

PbSetupHalf
pb_setup_half_of (PbProtocol protocol)
{
  return protocol == PB_PROTOCOL_SMTP ? PB_SETUP_HALF_OUTGOING : PB_SETUP_HALF_INCOMING;
}

/* The newest test's result and what the diagnosis says about it become the flow's, and
 * its half's. */
void
pb_setup_publish_result (PbSetup       *self,
                         PbCheckResult *result)
{
  PbSetupHalf half = pb_setup_half_of (result->protocol);

  g_clear_pointer (&self->explanation, pb_explanation_free);
  g_clear_pointer (&self->half_explanations[half], pb_explanation_free);
  if (!result->ok)
    {
      self->explanation = pb_diagnosis_explain (result->problem, &result->failure);
      self->half_explanations[half] = pb_diagnosis_explain (result->problem, &result->failure);
    }
  g_set_object (&self->half_results[half], result);
  g_set_object (&self->result, result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

void
pb_setup_publish_round_trip (PbSetup           *self,
                             PbRoundTripResult *result)
{
  g_set_object (&self->round_trip_result, result);
  g_clear_pointer (&self->round_trip_explanation, pb_explanation_free);
  /* A round trip that was not started has nothing to diagnose: its reason says it all. */
  if (result != NULL && !result->ok && result->problem != PB_PROBLEM_NONE)
    self->round_trip_explanation =
      pb_diagnosis_explain (result->problem,
                            result->session != NULL ? &result->session->failure : NULL);
}

void
pb_setup_emit_round_trip_started (PbSetup     *self,
                                  PbRoundTrip *trip)
{
  g_signal_emit (self, signals[ROUND_TRIP_STARTED], 0, trip);
}

void
pb_setup_emit_round_trip_progress (PbSetup *self,
                                   guint    waited_ms,
                                   guint    wait_ms)
{
  g_signal_emit (self, signals[ROUND_TRIP_PROGRESS], 0, waited_ms, wait_ms);
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
  pb_secret_free (self->password);
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
pb_setup_set_round_trip_wait (PbSetup *self,
                              guint    wait_ms)
{
  g_return_if_fail (PB_IS_SETUP (self));
  self->round_trip_wait_ms = wait_ms;
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

PbServerConfig *
pb_setup_get_incoming_server (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->incoming_server;
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

PbCheckResult *
pb_setup_get_half_result (PbSetup     *self,
                          PbSetupHalf  half)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  g_return_val_if_fail (half < PB_SETUP_N_HALVES, NULL);
  return self->half_results[half];
}

PbExplanation *
pb_setup_get_half_explanation (PbSetup     *self,
                               PbSetupHalf  half)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  g_return_val_if_fail (half < PB_SETUP_N_HALVES, NULL);
  return self->half_explanations[half];
}

PbRoundTripResult *
pb_setup_get_round_trip_result (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->round_trip_result;
}

PbExplanation *
pb_setup_get_round_trip_explanation (PbSetup *self)
{
  g_return_val_if_fail (PB_IS_SETUP (self), NULL);
  return self->round_trip_explanation;
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
  PbServerConfig *incoming = result != NULL ? pb_discovery_result_get_best_incoming (result)
                                            : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->discovery_result, result))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERY_RESULT]);
  g_clear_pointer (&self->confirmation, pb_setup_question_free);
  if (result != NULL)
    self->confirmation = confirmation_for (result);
  g_clear_pointer (&self->server, pb_server_config_unref);
  self->server = best != NULL ? pb_server_config_ref (best) : NULL;
  g_clear_pointer (&self->incoming_server, pb_server_config_unref);
  self->incoming_server = incoming != NULL ? pb_server_config_ref (incoming) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  pb_setup_set_state (self, result != NULL ? PB_SETUP_STATE_DISCOVERED : PB_SETUP_STATE_IDLE);
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
  g_clear_pointer (&self->kept_tokens, pb_oauth_tokens_free);
  g_clear_pointer (&self->kept_for, g_free);
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
      pb_setup_end_with_error (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  if (!pb_setup_is_current (self, task))
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
  pb_setup_begin (self, task);
  set_found (self, NULL);

  discovery = pb_discovery_new (address);
  if (self->discovery_timeout_ms > 0)
    pb_discovery_set_timeout_ms (discovery, self->discovery_timeout_ms);
  g_set_object (&self->discovery, discovery);
  /* Before the run: the faces show every source from its first state on. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERY]);
  pb_setup_set_state (self, PB_SETUP_STATE_DISCOVERING);
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
  g_clear_pointer (&self->incoming_server, pb_server_config_unref);
  g_clear_pointer (&self->confirmation, pb_setup_question_free);
  g_clear_pointer (&self->explanation, pb_explanation_free);
  for (guint i = 0; i < PB_SETUP_N_HALVES; i++)
    {
      g_clear_object (&self->half_results[i]);
      g_clear_pointer (&self->half_explanations[i], pb_explanation_free);
    }
  g_clear_object (&self->round_trip_result);
  g_clear_pointer (&self->round_trip_explanation, pb_explanation_free);
  g_clear_pointer (&self->password, pb_secret_free);
  g_clear_pointer (&self->kept_tokens, pb_oauth_tokens_free);
  g_clear_pointer (&self->kept_for, g_free);
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

  signals[SIGN_IN_STARTED] = g_signal_new ("sign-in-started", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, PB_TYPE_OAUTH_SIGN_IN);
  signals[CHECK_STARTED] = g_signal_new ("check-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, PB_TYPE_CHECK,
                                         PB_TYPE_SERVER_CONFIG);
  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_POINTER);
  signals[PASSWORD] = g_signal_new ("password", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_ERROR);
  signals[ROUND_TRIP_STARTED] = g_signal_new ("round-trip-started", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, PB_TYPE_ROUND_TRIP);
  signals[ROUND_TRIP_PROGRESS] = g_signal_new ("round-trip-progress",
                                               G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                               G_TYPE_UINT, G_TYPE_UINT);
}

static void
pb_setup_init (PbSetup *self)
{
  self->store_cancellable = g_cancellable_new ();
}
