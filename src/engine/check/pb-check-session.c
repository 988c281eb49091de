/* pb-check-session.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-certificate.h"
#include "pb-check-session.h"
#include "pb-diagnosis-classify.h"
#include "pb-oauth-error.h"
#include "pb-secret.h"
#include "pb-tls-policy.h"

static void
on_step (PbConnection *connection,
         const char   *name,
         guint         stage,
         gboolean      ok,
         guint64       usec,
         gpointer      user_data)
{
  PbCheckSession *session = user_data;
  PbCheckStep *step = g_new0 (PbCheckStep, 1);

  step->name = g_strdup (name);
  step->stage = stage;
  step->ok = ok;
  step->usec = usec;
  g_ptr_array_add (session->result->steps, step);
  g_signal_emit_by_name (session->owner, "step", step);
}

void
pb_check_session_attach (PbCheckSession *session,
                         PbConnection   *connection)
{
  const PbCheckOptions *o = &session->options;

  /* A round trip over POP3 attaches a fresh connection for each look into the maildrop. */
  if (session->connection != NULL)
    g_clear_signal_handler (&session->step_id, session->connection);
  g_set_object (&session->connection, connection);
  pb_connection_set_timeouts (connection,
                              o->step_timeout_ms ? o->step_timeout_ms
                                                 : PB_CONNECTION_DEFAULT_STEP_TIMEOUT_MS,
                              o->timeout_ms ? o->timeout_ms : PB_CONNECTION_DEFAULT_TOTAL_TIMEOUT_MS);
  if (o->pinned_sha256 != NULL)
    pb_connection_set_pinned_certificate (connection, o->pinned_sha256);
  session->step_id = g_signal_connect (connection, "step", G_CALLBACK (on_step), session);
}

void
pb_check_session_collect_tls (PbCheckSession *session)
{
  PbCheckResult *r = session->result;
  GTlsConnection *tls = pb_connection_get_tls_connection (session->connection);
  GTlsCertificate *cert = pb_connection_get_peer_certificate (session->connection);

  if (tls != NULL && r->tls_version == NULL)
    {
      r->tls_version = g_strdup (pb_connection_get_tls_version (session->connection));
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
  r->cert_errors = pb_connection_get_certificate_errors (session->connection);
  r->cert_pinned = pb_connection_get_certificate_pinned (session->connection);
}

void
pb_check_session_record_failure (PbCheckSession  *session,
                                 const PbFailure *failure)
{
  PbCheckResult *r = session->result;

  r->ok = FALSE;
  pb_failure_clear (&r->failure);
  pb_failure_copy_into (failure, &r->failure);
  g_free (r->failure.provider_id);
  r->failure.provider_id = g_strdup (session->options.provider_id);
  r->failure.login_skipped = r->auth_skipped;
  r->failure.has_protocol = TRUE;
  r->failure.protocol = session->config->protocol;
  /* The login with a token failed: what the server's error document said. */
  if (session->token_login && r->failure.stage == PB_STAGE_AUTH)
    r->failure.problem_hint = session->oauth_error != NULL &&
                              session->oauth_error->status == PB_SASL_OAUTH_INSUFFICIENT_SCOPE
                              ? PB_PROBLEM_AUTH_TOKEN_SCOPE : PB_PROBLEM_AUTH_TOKEN_REFUSED;
  r->problem = pb_diagnosis_classify (&r->failure);
}

gboolean
pb_check_session_wants_login (PbCheckSession *session)
{
  switch (session->config->auth)
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

gboolean
pb_check_session_will_login (PbCheckSession *session)
{
  PbCheckResult *r = session->result;

  if (pb_check_session_wants_login (session) &&
      (session->password != NULL || session->token != NULL))
    {
      session->token_login = session->token != NULL;
      return TRUE;
    }
  r->auth_skipped = pb_check_session_wants_login (session);
  if (r->auth_skipped)
    r->password_problem = session->password_problem;
  /* The person asked for the provider's sign-in, and it failed: that is the check's
   * failure, even though the server itself answered well. */
  if (r->auth_skipped && r->ok && pb_oauth_problem_is_sign_in (session->password_problem))
    {
      r->ok = FALSE;
      r->failure.stage = PB_STAGE_SIGN_IN;
      r->failure.login_skipped = TRUE;
      r->failure.has_protocol = TRUE;
      r->failure.protocol = session->config->protocol;
      r->problem = session->password_problem;
    }
  return FALSE;
}

void
pb_check_session_forget_password (PbCheckSession *session)
{
  g_clear_pointer (&session->password, pb_secret_free);
  g_clear_pointer (&session->token, pb_secret_free);
}

void
pb_check_session_finish (PbCheckSession *session)
{
  GTask *task = g_steal_pointer (&session->task);
  PbCheckResult *r = session->result;

  r->transcript = g_ptr_array_ref (pb_transcript_get_lines (
                    pb_connection_get_transcript (session->connection)));
  g_clear_signal_handler (&session->step_id, session->connection);
  /* The session is over: the connection, and the copies of the password it kept for
   * redacting replies, go now, not when the caller drops the check. */
  g_clear_object (&session->connection);
  pb_check_session_forget_password (session);
  for (guint i = 0; i < r->steps->len; i++)
    r->total_usec += ((PbCheckStep *) r->steps->pdata[i])->usec;
  g_task_return_pointer (task, g_object_ref (r), g_object_unref);
  g_object_unref (task);
}
