/* pb-check-smtp.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-check-message.h"
#include "pb-check-smtp.h"
#include "pb-smtp.h"
#include "pb-smtp-auth-oauth.h"

typedef enum {
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_DRY_RUN,
  PHASE_TEST,
  PHASE_QUIT,
  PHASE_DONE,
} Phase;

typedef struct {
  PbCheckSession *s;
  PbSmtpClient   *client;
  Phase           phase;
  GBytes         *message;
} SmtpRun;

static void
smtp_run_free (SmtpRun *run)
{
  g_clear_object (&run->client);
  g_clear_pointer (&run->message, g_bytes_unref);
  g_free (run);
}

/* The session's TLS facts and SMTP's capabilities (EHLO keywords, AUTH, SIZE). */
static void
collect_facts (SmtpRun *run)
{
  PbCheckResult *r = run->s->result;
  const PbSmtpCapabilities *caps = pb_smtp_client_get_capabilities (run->client);

  pb_check_session_collect_tls (run->s);
  if (caps != NULL)
    {
      g_strfreev (r->capabilities);
      g_strfreev (r->auth_mechanisms);
      r->capabilities = g_strdupv (caps->keywords);
      r->auth_mechanisms = g_strdupv (caps->auth_mechanisms);
      r->size_limit = caps->size_limit;
    }
}

static void advance (SmtpRun *run);

static gboolean
is_8bit (const char *text)
{
  return !g_str_is_ascii (text);
}

static char *
describe_settings (SmtpRun *run)
{
  const PbServerConfig *c = run->s->config;
  PbCheckResult *r = run->s->result;
  const char *security = c->security == PB_SECURITY_TLS ? "SSL/TLS"
                       : c->security == PB_SECURITY_STARTTLS ? "STARTTLS"
                       : _("no encryption");

  return g_strdup_printf ("%s %s:%u\n%s %s%s%s%s\n%s %s (%s)\n",
                          _("Server:"), c->host, c->port,
                          _("Encryption:"), security,
                          r->tls_version ? " (" : "", r->tls_version ? r->tls_version : "",
                          r->tls_version ? ")" : "",
                          _("Login:"), run->s->options.username,
                          r->auth_mechanism ? r->auth_mechanism : _("no login"));
}


/* Whether to say goodbye after a failure: only where the server answered EHLO and the
 * dialogue is still in step (a refusal, or our own rule that stopped before a command),
 * never after garbage, a timeout or an injection attempt. */
static gboolean
still_in_step (SmtpRun      *run,
               const GError *error)
{
  if (pb_smtp_client_get_capabilities (run->client) == NULL || error->domain != PB_SMTP_ERROR)
    return FALSE;
  /* 421 (RFC 5321 3.8): the server closes the session itself. */
  if (pb_failure_get_smtp_code (pb_smtp_client_get_failure (run->client)) == 421)
    return FALSE;
  return error->code == PB_SMTP_ERROR_REPLY || error->code == PB_SMTP_ERROR_NOT_OFFERED ||
         error->code == PB_SMTP_ERROR_POLICY;
}


static void
on_command_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SmtpRun *run = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done, out_of_turn;

  if (run->phase == PHASE_CONNECT)
    done = pb_smtp_client_connect_finish (run->client, result, &error);
  else
    done = pb_smtp_client_command_finish (run->client, result, &error);

  if (run->phase <= PHASE_AUTH)
    collect_facts (run);
  if (run->phase == PHASE_AUTH)
    {
      pb_check_session_forget_password (run->s);
      run->s->result->auth_sent = pb_smtp_client_get_auth_sent (run->client);
      run->s->result->auth_mechanism =
        g_strdup (pb_smtp_client_get_auth_mechanism (run->client));
      run->s->result->authenticated = done;
    }
  /* A reply out of turn means earlier replies may have answered other commands: the "235"
   * that seemed to accept the password among them. Nothing of this session counts, not
   * even when it shows only before QUIT. */
  out_of_turn = g_error_matches (error, PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN);
  if (out_of_turn)
    run->s->result->authenticated = FALSE;

  if (!done && (run->phase != PHASE_QUIT || (out_of_turn && run->s->result->ok)))
    {
      run->s->oauth_error = pb_smtp_client_get_oauth_error (run->client);
      pb_check_session_record_failure (run->s, pb_smtp_client_get_failure (run->client));
      run->phase = still_in_step (run, error) ? PHASE_QUIT : PHASE_DONE;
    }
  else
    {
      if (run->phase == PHASE_DRY_RUN)
        run->s->result->dry_run_done = TRUE;
      if (run->phase == PHASE_TEST)
        {
          run->s->result->test_sent = TRUE;
          run->s->result->test_accepted_at = g_get_monotonic_time ();
        }
      run->phase++;
    }
  advance (run);
}


static void
prepare_test_message (SmtpRun *run)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *settings = describe_settings (run);
  const PbSmtpCapabilities *caps = pb_smtp_client_get_capabilities (run->client);
  gboolean eight_bit = (caps->flags & PB_SMTP_CAP_8BITMIME) != 0;
  char *text;

  g_clear_pointer (&run->s->result->test_message_id, g_free);
  text = pb_check_build_test_message (run->s->options.from, run->s->options.from_name,
                                      run->s->address, settings, eight_bit, now,
                                      &run->s->result->test_message_id);
  run->message = g_bytes_new_take (text, strlen (text));
}

static PbSmtpMailFlags
mail_flags (SmtpRun *run)
{
  PbSmtpMailFlags flags = PB_SMTP_MAIL_NONE;

  if (is_8bit (run->s->options.from) || is_8bit (run->s->address))
    flags |= PB_SMTP_MAIL_SMTPUTF8;
  if (run->message != NULL && is_8bit (g_bytes_get_data (run->message, NULL)))
    flags |= PB_SMTP_MAIL_8BIT;
  return flags;
}


static void
advance (SmtpRun *run)
{
  GCancellable *cancellable = g_task_get_cancellable (run->s->task);

  /* Skip what was not asked for. A login that cannot be tried because the sign-in at the
   * provider failed is the check's failure: no envelope after it, whose refusal ("not
   * logged in") would take the sign-in's place. */
  if (run->phase == PHASE_AUTH && !pb_check_session_will_login (run->s))
    run->phase = run->s->result->ok ? PHASE_DRY_RUN : PHASE_QUIT;
  if (run->phase == PHASE_DRY_RUN && !run->s->options.dry_run_send)
    run->phase = PHASE_TEST;
  if (run->phase == PHASE_TEST && !run->s->options.send_test)
    run->phase = PHASE_QUIT;
  if (run->phase == PHASE_TEST && run->message == NULL)
    prepare_test_message (run);

  switch (run->phase)
    {
    case PHASE_CONNECT:
      pb_smtp_client_connect_async (run->client, cancellable, on_command_done, run);
      break;
    case PHASE_AUTH:
      if (run->s->token != NULL)
        pb_smtp_client_authenticate_token_async (run->client, run->s->options.username,
                                                 run->s->token, cancellable, on_command_done,
                                                 run);
      else
        pb_smtp_client_authenticate_async (run->client, run->s->config->auth,
                                           run->s->options.username, run->s->password,
                                           cancellable, on_command_done, run);
      break;
    case PHASE_DRY_RUN:
    case PHASE_TEST:
      /* The dry run may ask about any recipient; the test message goes to the user. */
      pb_smtp_client_envelope_async (run->client, run->s->options.from, mail_flags (run),
                                     run->phase == PHASE_TEST ? run->s->address
                                                              : run->s->options.recipient,
                                     run->phase == PHASE_TEST ? run->message : NULL,
                                     cancellable, on_command_done, run);
      break;
    case PHASE_QUIT:
      pb_smtp_client_quit_async (run->client, cancellable, on_command_done, run);
      break;
    case PHASE_DONE:
    default:
      {
        PbCheckSession *session = run->s;

        /* The session is over: the client, and the copies of the password it kept for
         * redacting replies, go now, not when the caller drops the check. */
        smtp_run_free (run);
        pb_check_session_finish (session);
      }
      break;
    }
}

void
pb_check_smtp_run (PbCheckSession *session)
{
  const PbServerConfig *c = session->config;
  SmtpRun *run = g_new0 (SmtpRun, 1);

  run->s = session;
  run->client = pb_smtp_client_new (c->host, c->port, c->security);
  pb_smtp_client_set_allow_plaintext_auth (run->client, session->options.allow_plaintext_auth);
  pb_check_session_attach (session, pb_smtp_client_get_connection (run->client));
  run->phase = PHASE_CONNECT;
  advance (run);
}
