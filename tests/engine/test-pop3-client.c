/* test-pop3-client.c: the POP3 client against a scripted server over a socketpair
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's end answers each line the client sends with the next step of a script, in
 * the same main loop: no lab, no TLS. The login without TLS that most cases need is the
 * one the rules allow: security "none" with the person's explicit consent.
 */
#include "config.h"

#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "pb-net-error.h"
#include "pb-pop3.h"
#include "pb-test-util.h"

typedef struct {
  const char *command;   /* the start of what the client must send; NULL: the greeting */
  const char *reply;     /* the server's answer, line ends included */
} Step;

typedef struct {
  PbPop3Client      *client;
  GSocketConnection *local;
  int                peer;       /* the server's end */
  guint              watch;
  GString           *input;
  GPtrArray         *received;   /* the client's lines, as the server got them */
  const Step        *script;
  guint              n_steps;
  guint              step;
  gboolean           done;
  gboolean           ok;
  GError            *error;
} Session;

static void
peer_write (Session    *s,
            const char *text)
{
  gsize len = strlen (text);

  g_assert_cmpint (write (s->peer, text, len), ==, (gssize) len);
}

static void
answer (Session    *s,
        const char *line)
{
  const Step *step = s->step < s->n_steps ? &s->script[s->step] : NULL;

  if (step == NULL || !g_str_has_prefix (line, step->command))
    {
      peer_write (s, "-ERR not in the script\r\n");
      return;
    }
  s->step++;
  peer_write (s, step->reply);
}

static gboolean
on_peer_input (gint         fd,
               GIOCondition condition,
               gpointer     user_data)
{
  Session *s = user_data;
  char buf[4096];
  gssize n = read (fd, buf, sizeof buf);
  const char *nl;

  if (n <= 0)
    {
      s->watch = 0;
      return G_SOURCE_REMOVE;
    }
  g_string_append_len (s->input, buf, n);
  while ((nl = memchr (s->input->str, '\n', s->input->len)) != NULL)
    {
      gsize len = nl - s->input->str;
      char *line = g_strndup (s->input->str, len > 0 && nl[-1] == '\r' ? len - 1 : len);

      g_string_erase (s->input, 0, len + 1);
      g_ptr_array_add (s->received, line);
      answer (s, line);
    }
  return G_SOURCE_CONTINUE;
}

static void
session_init (Session    *s,
              PbSecurity  security,
              const Step *script,
              guint       n_steps)
{
  memset (s, 0, sizeof *s);
  s->local = pb_test_socketpair (&s->peer);
  s->client = pb_pop3_client_new ("pop.example.test", 110, security);
  s->input = g_string_new (NULL);
  s->received = g_ptr_array_new_with_free_func (g_free);
  s->script = script;
  s->n_steps = n_steps;
  s->watch = g_unix_fd_add (s->peer, G_IO_IN, on_peer_input, s);
  g_assert_null (script[0].command);
  s->step = 1;
  peer_write (s, script[0].reply);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *s = user_data;

  g_clear_error (&s->error);
  s->ok = pb_pop3_client_finish (PB_POP3_CLIENT (source), result, &s->error);
  s->done = TRUE;
}

static void
wait_done (Session *s)
{
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
  /* Whatever the client sent last reaches the server's end. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  s->done = FALSE;
}

static gboolean
run_connect (Session *s)
{
  pb_pop3_client_connect_on_connection_async (s->client, s->local, NULL, on_done, s);
  wait_done (s);
  return s->ok;
}

static gboolean
run_login (Session      *s,
           PbAuthMethod  method,
           const char   *user,
           const char   *password)
{
  pb_pop3_client_set_allow_plaintext_auth (s->client, TRUE);
  pb_pop3_client_authenticate_async (s->client, method, user, password, NULL, on_done, s);
  wait_done (s);
  return s->ok;
}

static void
session_clear (Session *s)
{
  if (s->watch != 0)
    g_source_remove (s->watch);
  g_clear_object (&s->client);
  g_io_stream_close (G_IO_STREAM (s->local), NULL, NULL);
  g_clear_object (&s->local);
  close (s->peer);
  g_string_free (s->input, TRUE);
  g_ptr_array_unref (s->received);
  g_clear_error (&s->error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static const PbFailure *
failure (Session *s)
{
  return pb_pop3_client_get_failure (s->client);
}

/* Does any transcript line of this direction contain text? */
static gboolean
transcript_has (Session    *s,
                char        direction,
                const char *text)
{
  PbConnection *connection = pb_pop3_client_get_connection (s->client);
  GPtrArray *lines = pb_transcript_get_lines (pb_connection_get_transcript (connection));

  for (guint i = 0; i < lines->len; i++)
    {
      PbTranscriptLine *line = lines->pdata[i];

      if (line->direction == direction && strstr (line->text, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
received_starts_with (Session    *s,
                      const char *prefix)
{
  for (guint i = 0; i < s->received->len; i++)
    {
      if (g_str_has_prefix (s->received->pdata[i], prefix))
        return TRUE;
    }
  return FALSE;
}

#define GREETING { NULL, "+OK POP3 ready <1896.697170952@example.test>\r\n" }
#define CAPA_PLAIN { "CAPA", "+OK\r\nUSER\r\nSASL PLAIN\r\nRESP-CODES\r\n.\r\n" }
#define CAPA_USER { "CAPA", "+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n" }

/* A -ERR greeting ends the session in its stage, with the server's words in the failure. */
static void
test_greeting_refused (void)
{
  static const Step script[] = {
    { NULL, "-ERR [SYS/TEMP] Server busy, try later\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_TEMPORARY);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_GREETING);
  g_assert_cmpint (failure (&s)->reply.kind, ==, PB_REPLY_POP3);
  g_assert_cmpstr (pb_failure_get_response_code (failure (&s)), ==, "SYS/TEMP");
  g_assert_cmpstr (failure (&s)->reply.text, ==, "-ERR [SYS/TEMP] Server busy, try later");
  g_assert_cmpuint (s.received->len, ==, 0);
  g_assert_null (pb_pop3_client_get_capabilities (s.client));
  session_clear (&s);
}

/* STLS chosen and not offered: the session ends before anything else is sent, and no
 * credential can follow (the client is not connected). */
static void
test_stls_not_offered (void)
{
  static const Step script[] = { GREETING, CAPA_USER };
  Session s;

  session_init (&s, PB_SECURITY_STARTTLS, script, G_N_ELEMENTS (script));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_NO_STLS);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_STARTTLS);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "starttls-not-offered");
  g_assert_cmpint (failure (&s)->reply.kind, ==, PB_REPLY_NONE);

  pb_pop3_client_authenticate_async (s.client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2",
                                     NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (s.received->len, ==, 1);
  g_assert_cmpstr (s.received->pdata[0], ==, "CAPA");
  g_assert_false (received_starts_with (&s, "USER"));
  g_assert_false (received_starts_with (&s, "PASS"));
  session_clear (&s);
}

/* The server says no to STLS: that is a failure too, never a fallback to plain text. */
static void
test_stls_refused (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "+OK\r\nSTLS\r\nUSER\r\n.\r\n" },
    { "STLS", "-ERR TLS not available\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_STARTTLS, script, G_N_ELEMENTS (script));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_REFUSED);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_STARTTLS);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "starttls-refused");
  g_assert_cmpstr (failure (&s)->reply.text, ==, "-ERR TLS not available");
  session_clear (&s);
}

/* Bytes after the +OK to STLS and before the handshake are an injection: the core refuses
 * them before a TLS byte is sent. */
static void
test_stls_injection (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "+OK\r\nSTLS\r\nUSER\r\n.\r\n" },
    { "STLS", "+OK Begin TLS negotiation\r\n+OK injected\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_STARTTLS, script, G_N_ELEMENTS (script));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_INJECTION);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_STARTTLS);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "starttls-injection");
  g_assert_null (pb_connection_get_tls_connection (pb_pop3_client_get_connection (s.client)));
  session_clear (&s);
}

/* Without TLS and without consent the password stays here, whatever the server offers. */
static void
test_plaintext_refused (void)
{
  static const Step script[] = { GREETING, CAPA_USER };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  pb_pop3_client_authenticate_async (s.client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2",
                                     NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_POLICY);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_AUTH);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "auth-encryption-required");
  g_assert_false (pb_pop3_client_get_auth_sent (s.client));
  g_assert_false (received_starts_with (&s, "USER"));
  g_assert_false (received_starts_with (&s, "PASS"));
  session_clear (&s);

  /* Consent counts only where the security is "none": with STARTTLS chosen, a connection
   * that has not been upgraded never carries a password. */
  {
    g_autoptr(PbConnection) plain = pb_connection_new ("pop.example.test", 110,
                                                       PB_SECURITY_NONE);
    g_autoptr(PbConnection) starttls = pb_connection_new ("pop.example.test", 110,
                                                          PB_SECURITY_STARTTLS);

    g_assert_true (pb_connection_may_send_password (plain, TRUE));
    g_assert_false (pb_connection_may_send_password (plain, FALSE));
    g_assert_false (pb_connection_may_send_password (starttls, TRUE));
  }
}

/* USER and PASS with consent over "none": the password goes, but the transcript shows it as
 * <redacted>, also where the server echoes it; STAT reports the mailbox and QUIT ends. */
static void
test_user_pass_stat_quit (void)
{
  static const Step script[] = {
    GREETING,
    CAPA_USER,
    { "USER alice", "+OK\r\n" },
    { "PASS hunter2", "+OK Logged in as alice (password hunter2)\r\n" },
    { "STAT", "+OK 2 4711\r\n" },
    { "QUIT", "+OK Logging out.\r\n" },
  };
  Session s;
  guint messages = 0;
  guint64 octets = 0;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_USER);
  g_assert_cmpstr (pb_pop3_client_get_auth_mechanism (s.client), ==, "USER");
  g_assert_true (transcript_has (&s, 'C', "USER alice"));
  g_assert_true (transcript_has (&s, 'C', "PASS <redacted>"));
  g_assert_false (transcript_has (&s, 'C', "hunter2"));
  g_assert_false (transcript_has (&s, 'S', "hunter2"));
  g_assert_cmpstr (pb_pop3_client_get_last_reply (s.client)->line, ==,
                   "+OK Logged in as alice (password <redacted>)");

  g_assert_false (pb_pop3_client_get_mailbox (s.client, &messages, &octets));
  pb_pop3_client_stat_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_true (s.ok);
  g_assert_true (pb_pop3_client_get_mailbox (s.client, &messages, &octets));
  g_assert_cmpuint (messages, ==, 2);
  g_assert_cmpuint (octets, ==, 4711);

  pb_pop3_client_quit_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_no_error (s.error);
  g_assert_cmpuint (s.step, ==, G_N_ELEMENTS (script));
  session_clear (&s);
}

/* RFC 2449 and 3206 codes at the login stay in the failure, each with its own error. */
static void
test_login_codes (void)
{
  static const struct {
    const char  *reply;
    PbPop3Error  error;
    const char  *code;
  } cases[] = {
    { "-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n", PB_POP3_ERROR_IN_USE,
      "IN-USE" },
    { "-ERR [LOGIN-DELAY] Wait 900 seconds between logins\r\n", PB_POP3_ERROR_LOGIN_DELAY,
      "LOGIN-DELAY" },
    { "-ERR [AUTH] Authentication failed.\r\n", PB_POP3_ERROR_AUTH_FAILED, "AUTH" },
    { "-ERR Invalid login\r\n", PB_POP3_ERROR_AUTH_FAILED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Step script[] = { GREETING, CAPA_USER, { "USER", "+OK\r\n" }, { "PASS", cases[i].reply } };
      g_autofree char *text = g_strndup (cases[i].reply, strlen (cases[i].reply) - 2);
      Session s;

      session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
      g_assert_true (run_connect (&s));
      g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
      g_assert_error (s.error, PB_POP3_ERROR, (gint) cases[i].error);
      g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_AUTH);
      g_assert_cmpint (failure (&s)->reply.kind, ==, PB_REPLY_POP3);
      g_assert_cmpstr (pb_failure_get_response_code (failure (&s)), ==, cases[i].code);
      g_assert_cmpstr (failure (&s)->reply.text, ==, text);
      g_assert_true (pb_pop3_client_get_auth_sent (s.client));
      session_clear (&s);
    }
}

/* AUTH PLAIN with its initial response, redacted in the transcript and in the failure when
 * the server quotes it back. */
static void
test_auth_plain_redacted (void)
{
  static const Step script[] = {
    GREETING,
    CAPA_PLAIN,
    { "AUTH PLAIN AGFsaWNlAGh1bnRlcjIy",
      "-ERR [AUTH] Bad credentials AGFsaWNlAGh1bnRlcjIy for hunter22\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter22"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_AUTH_FAILED);
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_SASL_PLAIN);
  g_assert_true (transcript_has (&s, 'C', "AUTH PLAIN <redacted>"));
  g_assert_false (transcript_has (&s, 'C', "AGFsaWNl"));
  g_assert_false (transcript_has (&s, 'S', "AGFsaWNl"));
  g_assert_false (transcript_has (&s, 'S', "hunter22"));
  g_assert_cmpstr (failure (&s)->reply.text, ==,
                   "-ERR [AUTH] Bad credentials <redacted> for <redacted>");
  g_assert_null (strstr (s.error->message, "hunter22"));
  session_clear (&s);
}

/* RFC 5034 4: a command that would pass 255 octets goes without the initial response,
 * which follows the server's empty challenge. */
static void
test_auth_plain_continuation (void)
{
  g_autofree char *user = g_strnfill (200, 'u');
  g_autofree char *response = NULL;
  Step script[] = {
    GREETING,
    CAPA_PLAIN,
    { "AUTH PLAIN", "+ \r\n" },
    { NULL, "+OK Logged in.\r\n" },
  };
  Session s;

  {
    g_autofree char *raw = g_strdup_printf ("%c%s%c%s", 0, user, 0, "hunter2");
    response = g_base64_encode ((const guchar *) raw, 1 + strlen (user) + 1 + 7);
  }
  script[3].command = response;
  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, user, "hunter2"));
  g_assert_cmpstr (s.received->pdata[1], ==, "AUTH PLAIN");
  g_assert_cmpstr (s.received->pdata[2], ==, response);
  g_assert_true (transcript_has (&s, 'C', "<redacted>"));
  g_assert_false (transcript_has (&s, 'C', response));
  session_clear (&s);
}

/* The encrypted password: CRAM-MD5 (RFC 2195's example), never the password itself. */
static void
test_cram_md5 (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "+OK\r\nSASL CRAM-MD5 PLAIN\r\n.\r\n" },
    { "AUTH CRAM-MD5", "+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n" },
    { "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw", "+OK\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_ENCRYPTED, "tim", "tanstaaftanstaaf"));
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_SASL_CRAM_MD5);
  g_assert_false (transcript_has (&s, 'C', "dGltIGI5"));
  g_assert_cmpuint (s.step, ==, G_N_ELEMENTS (script));
  session_clear (&s);
}

/* A multi-line CAPA: stuffed dots are taken off, the body ends at the lone dot. */
static void
test_capa_multiline (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "+OK Capability list follows\r\nTOP\r\n..X-DOTTED\r\n...\r\nSASL PLAIN\r\n"
              "IMPLEMENTATION Example\r\n.\r\n" },
  };
  Session s;
  const PbPop3Capabilities *caps;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  caps = pb_pop3_client_get_capabilities (s.client);
  g_assert_true (caps->announced);
  g_assert_cmpstrv (caps->lines, ((const char *[]) { "TOP", ".X-DOTTED", "..", "SASL PLAIN",
                                                      "IMPLEMENTATION Example", NULL }));
  g_assert_cmpstr (caps->implementation, ==, "Example");
  g_assert_true (pb_pop3_capabilities_has_mechanism (caps, "PLAIN"));
  session_clear (&s);
}

/* A server without CAPA (RFC 1939) is allowed; USER and PASS are all it has. */
static void
test_no_capa (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "-ERR Unknown command\r\n" },
    { "USER alice", "+OK\r\n" },
    { "PASS", "+OK\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (pb_pop3_client_get_capabilities (s.client)->announced);
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  session_clear (&s);
}

/* A line over the cap is refused as it arrives, in the stage that read it. */
static void
test_line_too_long (void)
{
  g_autofree char *text = g_strnfill (PB_POP3_MAX_LINE_LENGTH + 10, 'x');
  g_autofree char *greeting = g_strconcat ("+OK ", text, "\r\n", NULL);
  Step script[] = { { NULL, greeting } };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_LINE_TOO_LONG);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_GREETING);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "protocol-error");
  session_clear (&s);
}

/* What is not POP3 at all, and answers nobody asked for, are protocol errors. */
static void
test_protocol_errors (void)
{
  static const Step smtp[] = { { NULL, "220 mail.example.test ESMTP\r\n" } };
  static const Step extra[] = {
    GREETING,
    { "CAPA", "+OK\r\nUSER\r\n.\r\n+OK unasked\r\n" },
  };
  static const Step stat[] = {
    GREETING, CAPA_USER, { "USER", "+OK\r\n" }, { "PASS", "+OK\r\n" },
    { "STAT", "+OK many\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, smtp, G_N_ELEMENTS (smtp));
  g_assert_false (run_connect (&s));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
  g_assert_cmpstr (failure (&s)->problem_hint, ==, "protocol-error");
  session_clear (&s);

  session_init (&s, PB_SECURITY_NONE, extra, G_N_ELEMENTS (extra));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_OUT_OF_TURN);
  g_assert_false (received_starts_with (&s, "USER"));
  session_clear (&s);

  session_init (&s, PB_SECURITY_NONE, stat, G_N_ELEMENTS (stat));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  pb_pop3_client_stat_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_MAILBOX);
  session_clear (&s);
}

/* A line break in the user name would smuggle a command of its own behind USER. */
static void
test_line_break_refused (void)
{
  static const Step script[] = { GREETING, CAPA_USER };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice\r\nDELE 1", "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_POLICY);
  g_assert_false (received_starts_with (&s, "USER"));
  session_clear (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pop3-client/greeting-refused", test_greeting_refused);
  g_test_add_func ("/pop3-client/stls-not-offered", test_stls_not_offered);
  g_test_add_func ("/pop3-client/stls-refused", test_stls_refused);
  g_test_add_func ("/pop3-client/stls-injection", test_stls_injection);
  g_test_add_func ("/pop3-client/plaintext-refused", test_plaintext_refused);
  g_test_add_func ("/pop3-client/user-pass-stat-quit", test_user_pass_stat_quit);
  g_test_add_func ("/pop3-client/login-codes", test_login_codes);
  g_test_add_func ("/pop3-client/auth-plain-redacted", test_auth_plain_redacted);
  g_test_add_func ("/pop3-client/auth-plain-continuation", test_auth_plain_continuation);
  g_test_add_func ("/pop3-client/cram-md5", test_cram_md5);
  g_test_add_func ("/pop3-client/capa-multiline", test_capa_multiline);
  g_test_add_func ("/pop3-client/no-capa", test_no_capa);
  g_test_add_func ("/pop3-client/line-too-long", test_line_too_long);
  g_test_add_func ("/pop3-client/protocol-errors", test_protocol_errors);
  g_test_add_func ("/pop3-client/line-break-refused", test_line_break_refused);

  return g_test_run ();
}
