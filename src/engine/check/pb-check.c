/* pb-check.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-address.h"
#include "pb-certificate.h"
#include "pb-check.h"
#include "pb-diagnosis-classify.h"
#include "pb-smtp-auth.h"
#include "pb-smtp.h"
#include "pb-tls-policy.h"

/* The check */

typedef enum {
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_DRY_RUN,
  PHASE_TEST,
  PHASE_QUIT,
  PHASE_DONE,
} Phase;

struct _PbCheck
{
  GObject          parent_instance;

  PbServerConfig  *config;
  char            *address;
  char            *username;
  char            *from;
  char            *recipient;
  PbCheckOptions   options;     /* string members point at the copies below */
  char            *pinned_sha256;
  char            *provider_id;
  char            *password;    /* wiped after use */
  PbProblem        password_problem;

  PbSmtpClient    *client;
  PbCheckResult   *result;
  GTask           *task;
  Phase            phase;
  GBytes          *message;
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
  g_free (self->pinned_sha256);
  g_free (self->provider_id);
  g_clear_pointer (&self->password, pb_secret_free);
  g_clear_object (&self->client);
  g_clear_object (&self->result);
  g_clear_pointer (&self->message, g_bytes_unref);

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
  self->options = *options;
  /* Taken as it is: placeholders were expanded once, by discovery, and expanding again
   * would rewrite a local part that reads like one. */
  self->username = g_strdup (options->username ? options->username
                             : config->username ? config->username : address);
  self->from = g_strdup (options->from ? options->from : address);
  self->recipient = g_strdup (options->recipient ? options->recipient : address);
  self->pinned_sha256 = g_strdup (options->pinned_sha256);
  self->provider_id = g_strdup (options->provider_id);
  self->options.username = self->username;
  self->options.from = self->from;
  self->options.recipient = self->recipient;
  self->options.pinned_sha256 = self->pinned_sha256;
  self->options.provider_id = self->provider_id;
  return self;
}

void
pb_check_set_password (PbCheck    *self,
                       const char *password)
{
  g_return_if_fail (PB_IS_CHECK (self));
  g_clear_pointer (&self->password, pb_secret_free);
  self->password = g_strdup (password);
}

void
pb_check_set_password_problem (PbCheck   *self,
                               PbProblem  problem)
{
  g_return_if_fail (PB_IS_CHECK (self));
  self->password_problem = problem;
}

static void
on_client_step (PbConnection *connection,
                const char   *name,
                guint         stage,
                gboolean      ok,
                guint64       usec,
                gpointer      user_data)
{
  PbCheck *self = user_data;
  PbCheckStep *step = g_new0 (PbCheckStep, 1);

  step->name = g_strdup (name);
  step->stage = stage;
  step->ok = ok;
  step->usec = usec;
  g_ptr_array_add (self->result->steps, step);
  g_signal_emit (self, signals[SIGNAL_STEP], 0, step);
}

static void
collect_session_facts (PbCheck *self)
{
  PbCheckResult *r = self->result;
  GTlsConnection *tls = pb_smtp_client_get_tls_connection (self->client);
  GTlsCertificate *cert = pb_smtp_client_get_peer_certificate (self->client);
  const PbSmtpCapabilities *caps = pb_smtp_client_get_capabilities (self->client);

  if (tls != NULL && r->tls_version == NULL)
    {
      r->tls_version = g_strdup (pb_smtp_client_get_tls_version (self->client));
      r->tls_cipher = g_tls_connection_get_ciphersuite_name (tls);
      r->tls_outdated =
        pb_tls_policy_version_outdated (g_tls_connection_get_protocol_version (tls));
    }
  if (cert != NULL && r->cert_sha256 == NULL)
    {
      g_object_get (cert,
                    "subject-name", &r->cert_subject,
                    "issuer-name", &r->cert_issuer,
                    "not-valid-before", &r->cert_not_before,
                    "not-valid-after", &r->cert_not_after,
                    NULL);
      r->cert_sha256 = pb_certificate_sha256 (cert);
    }
  r->cert_errors = pb_smtp_client_get_certificate_errors (self->client);
  r->cert_pinned = pb_smtp_client_get_certificate_pinned (self->client);
  if (caps != NULL)
    {
      g_strfreev (r->capabilities);
      g_strfreev (r->auth_mechanisms);
      r->capabilities = g_strdupv (caps->keywords);
      r->auth_mechanisms = g_strdupv (caps->auth_mechanisms);
      r->size_limit = caps->size_limit;
    }
}

static void
record_failure (PbCheck *self)
{
  PbCheckResult *r = self->result;

  r->ok = FALSE;
  pb_failure_copy_into (pb_smtp_client_get_failure (self->client), &r->failure);
  g_free (r->failure.provider_id);
  r->failure.provider_id = g_strdup (self->provider_id);
  r->failure.login_skipped = r->auth_skipped;
  r->problem = pb_diagnosis_classify (&r->failure);
}

static gboolean
is_8bit (const char *text)
{
  return !g_str_is_ascii (text);
}

static char *
describe_settings (PbCheck *self)
{
  const PbServerConfig *c = self->config;
  PbCheckResult *r = self->result;
  const char *security = c->security == PB_SECURITY_TLS ? "SSL/TLS"
                       : c->security == PB_SECURITY_STARTTLS ? "STARTTLS"
                       : _("no encryption");

  return g_strdup_printf ("%s %s:%u\n%s %s%s%s%s\n%s %s (%s)\n",
                          _("Server:"), c->host, c->port,
                          _("Encryption:"), security,
                          r->tls_version ? " (" : "", r->tls_version ? r->tls_version : "",
                          r->tls_version ? ")" : "",
                          _("Login:"), self->username,
                          r->auth_mechanism ? r->auth_mechanism : _("no login"));
}

static void advance (PbCheck *self);

/* Whether to say goodbye after a failure: only where the server answered EHLO and the
 * dialogue is still in step (a refusal, or our own rule that stopped before a command),
 * never after garbage, a timeout or an injection attempt. */
static gboolean
still_in_step (PbCheck      *self,
               const GError *error)
{
  if (pb_smtp_client_get_capabilities (self->client) == NULL || error->domain != PB_SMTP_ERROR)
    return FALSE;
  /* 421 (RFC 5321 3.8): the server closes the session itself. */
  if (pb_failure_get_smtp_code (pb_smtp_client_get_failure (self->client)) == 421)
    return FALSE;
  return error->code == PB_SMTP_ERROR_REPLY || error->code == PB_SMTP_ERROR_NOT_OFFERED ||
         error->code == PB_SMTP_ERROR_POLICY;
}

static void
on_command_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbCheck) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done, out_of_turn;

  if (self->phase == PHASE_CONNECT)
    done = pb_smtp_client_connect_finish (self->client, result, &error);
  else
    done = pb_smtp_client_command_finish (self->client, result, &error);

  if (self->phase <= PHASE_AUTH)
    collect_session_facts (self);
  if (self->phase == PHASE_AUTH)
    {
      g_clear_pointer (&self->password, pb_secret_free);
      self->result->auth_sent = pb_smtp_client_get_auth_sent (self->client);
      self->result->auth_mechanism = g_strdup (pb_smtp_client_get_auth_mechanism (self->client));
      self->result->authenticated = done;
    }
  /* A reply out of turn means earlier replies may have answered other commands: the "235"
   * that seemed to accept the password among them. Nothing of this session counts, not
   * even when it shows only before QUIT. */
  out_of_turn = g_error_matches (error, PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN);
  if (out_of_turn)
    self->result->authenticated = FALSE;

  if (!done && (self->phase != PHASE_QUIT || (out_of_turn && self->result->ok)))
    {
      record_failure (self);
      self->phase = still_in_step (self, error) ? PHASE_QUIT : PHASE_DONE;
    }
  else
    {
      if (self->phase == PHASE_DRY_RUN)
        self->result->dry_run_done = TRUE;
      if (self->phase == PHASE_TEST)
        self->result->test_sent = TRUE;
      self->phase++;
    }
  advance (self);
}

static void
prepare_test_message (PbCheck *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *settings = describe_settings (self);
  const PbSmtpCapabilities *caps = pb_smtp_client_get_capabilities (self->client);
  gboolean eight_bit = (caps->flags & PB_SMTP_CAP_8BITMIME) != 0;
  char *text;

  g_clear_pointer (&self->result->test_message_id, g_free);
  text = pb_check_build_test_message (self->from, self->address, settings, eight_bit, now,
                                      &self->result->test_message_id);
  self->message = g_bytes_new_take (text, strlen (text));
}

static PbSmtpMailFlags
mail_flags (PbCheck *self)
{
  PbSmtpMailFlags flags = PB_SMTP_MAIL_NONE;

  if (is_8bit (self->from) || is_8bit (self->address))
    flags |= PB_SMTP_MAIL_SMTPUTF8;
  if (self->message != NULL && is_8bit (g_bytes_get_data (self->message, NULL)))
    flags |= PB_SMTP_MAIL_8BIT;
  return flags;
}

static gboolean
wants_login (PbCheck *self)
{
  switch (self->config->auth)
    {
    case PB_AUTH_NONE:
    case PB_AUTH_CLIENT_IP:
    case PB_AUTH_SMTP_AFTER_POP:
      return FALSE;
    case PB_AUTH_PASSWORD_CLEARTEXT:
    case PB_AUTH_PASSWORD_ENCRYPTED:
    case PB_AUTH_OAUTH2:
    case PB_AUTH_NTLM:
    case PB_AUTH_GSSAPI:
    default:
      return TRUE;
    }
}

static void
advance (PbCheck *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  /* Skip what was not asked for. */
  if (self->phase == PHASE_AUTH && (!wants_login (self) || self->password == NULL))
    {
      self->result->auth_skipped = wants_login (self);
      if (self->result->auth_skipped)
        self->result->password_problem = self->password_problem;
      self->phase = PHASE_DRY_RUN;
    }
  if (self->phase == PHASE_DRY_RUN && !self->options.dry_run_send)
    self->phase = PHASE_TEST;
  if (self->phase == PHASE_TEST && !self->options.send_test)
    self->phase = PHASE_QUIT;
  if (self->phase == PHASE_TEST && self->message == NULL)
    prepare_test_message (self);

  switch (self->phase)
    {
    case PHASE_CONNECT:
      pb_smtp_client_connect_async (self->client, cancellable, on_command_done,
                                    g_object_ref (self));
      break;
    case PHASE_AUTH:
      pb_smtp_client_authenticate_async (self->client, self->config->auth, self->username,
                                         self->password, cancellable, on_command_done,
                                         g_object_ref (self));
      break;
    case PHASE_DRY_RUN:
    case PHASE_TEST:
      /* The dry run may ask about any recipient; the test message goes to the user. */
      pb_smtp_client_envelope_async (self->client, self->from, mail_flags (self),
                                     self->phase == PHASE_TEST ? self->address : self->recipient,
                                     self->phase == PHASE_TEST ? self->message : NULL,
                                     cancellable, on_command_done, g_object_ref (self));
      break;
    case PHASE_QUIT:
      pb_smtp_client_quit_async (self->client, cancellable, on_command_done, g_object_ref (self));
      break;
    case PHASE_DONE:
    default:
      {
        GTask *task = g_steal_pointer (&self->task);

        self->result->transcript = g_ptr_array_ref (pb_smtp_client_get_transcript (self->client));
        /* The session is over: the client, and the copies of the password it kept for
         * redacting replies, go now, not when the caller drops the check. */
        g_clear_object (&self->client);
        for (guint i = 0; i < self->result->steps->len; i++)
          self->result->total_usec += ((PbCheckStep *) self->result->steps->pdata[i])->usec;
        g_task_return_pointer (task, g_object_ref (self->result), g_object_unref);
        g_object_unref (task);
      }
      break;
    }
}

void
pb_check_run_async (PbCheck             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  const PbServerConfig *c;

  g_return_if_fail (PB_IS_CHECK (self));
  g_return_if_fail (self->task == NULL && self->result == NULL);

  c = self->config;
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, pb_check_run_async);
  /* A cancelled check still has a result: the steps so far and the "cancelled" problem. */
  g_task_set_check_cancellable (self->task, FALSE);

  self->result = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  self->result->ok = TRUE;
  self->result->server = pb_server_config_ref (self->config);
  self->result->address = g_strdup (self->address);
  self->result->username = g_strdup (self->username);
  self->result->from = g_strdup (self->from);

  self->client = pb_smtp_client_new (c->host, c->port, c->security);
  pb_smtp_client_set_timeouts (self->client,
                               self->options.step_timeout_ms ? self->options.step_timeout_ms
                                                             : PB_SMTP_DEFAULT_STEP_TIMEOUT_MS,
                               self->options.timeout_ms ? self->options.timeout_ms
                                                        : PB_SMTP_DEFAULT_TOTAL_TIMEOUT_MS);
  if (self->pinned_sha256 != NULL)
    pb_smtp_client_set_pinned_certificate (self->client, self->pinned_sha256);
  pb_smtp_client_set_allow_plaintext_auth (self->client, self->options.allow_plaintext_auth);
  g_signal_connect (pb_smtp_client_get_connection (self->client), "step",
                    G_CALLBACK (on_client_step), self);

  self->phase = PHASE_CONNECT;
  advance (self);
}

PbCheckResult *
pb_check_run_finish (PbCheck       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
