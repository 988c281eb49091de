/* test-imap-client.c: the IMAP client against a scripted peer over a socketpair
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread plays the server (pb-test-imap.h): it sends what the script says and reads the
 * client's lines in between, so every security rule is tested without TLS and without the
 * lab (the lab test, test-imap-lab.c, does TLS against the real Dovecot).
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pb-net-error.h"
#include "pb-test-imap.h"

static gboolean
login (Session      *s,
       PbAuthMethod  method,
       const char   *user,
       const char   *password,
       GError      **error)
{
  pb_imap_client_login_async (s->client, method, user, password, NULL, session_on_done, s);
  return session_finish_command (s, error);
}

/* A whole session in plain text, as allowed: capabilities from the greeting, ID, LOGIN,
 * EXAMINE with its count, LOGOUT. */
static void
test_happy_path (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 ID LITERAL+] ready\r\n",
    "C", "S:* ID (\"name\" \"Dovecot\" \"version\" {3}\r\n2.3)\r\na1 OK ID done\r\n",
    "C", "S:a2 OK [CAPABILITY IMAP4rev1 ID IDLE] Logged in\r\n",
    "C", "S:* FLAGS (\\Seen)\r\n* 3 EXISTS\r\n* 0 RECENT\r\na3 OK [READ-ONLY] Examined\r\n",
    "C", "S:* BYE Logging out\r\na4 OK Logout completed\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  const char * const *id;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  g_assert_true (pb_imap_client_has_capability (s.client, "LITERAL+"));
  pb_imap_client_id_async (s.client, NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  id = pb_imap_client_get_server_id (s.client);
  g_assert_cmpstr (id[1], ==, "Dovecot");
  g_assert_cmpstr (id[3], ==, "2.3");
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  /* The capabilities of the tagged OK replace those of the greeting. */
  g_assert_true (pb_imap_client_has_capability (s.client, "IDLE"));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 3);
  pb_imap_client_logout_async (s.client, NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));

  g_assert_cmpstr (session_received (&s, 0), ==,
                   "a1 ID (\"name\" \"Postbote\" \"version\" \"" PACKAGE_VERSION "\")");
  g_assert_cmpstr (session_received (&s, 1), ==, "a2 LOGIN \"alice\" \"secret\"");
  g_assert_cmpstr (session_received (&s, 2), ==, "a3 EXAMINE \"INBOX\"");
  g_assert_cmpstr (session_received (&s, 3), ==, "a4 LOGOUT");
  g_assert_cmpstr (pb_imap_client_get_auth_mechanism (s.client), ==, "LOGIN");
  g_assert_true (session_transcript_has (&s, 'C', "a2 LOGIN \"alice\" <redacted>"));
  g_assert_false (session_transcript_has (&s, 0, "secret"));
  session_end (&s);
}

/* A session logged in with LOGIN (plain text allowed), ID to go with the next mailbox. */
static void
start_identified (Session            *s,
                  const char * const *script)
{
  g_autoptr(GError) error = NULL;

  session_start (s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (s, &error));
  pb_imap_client_set_allow_plaintext_auth (s->client, TRUE);
  pb_imap_client_set_identify (s->client, TRUE);
  g_assert_true (login (s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
}

/* ID pipelined with EXAMINE: both lines in one write, and the server may answer them in
 * either order or refuse ID; only EXAMINE's answer decides. A server without ID gets none. */
static void
test_identify_pipelined (void)
{
  const char *answers[] = {
    "S:* ID NIL\r\na2 OK ID done\r\n* 4 EXISTS\r\na3 OK [READ-ONLY] Examined\r\n",
    "S:* 4 EXISTS\r\na3 OK [READ-ONLY] Examined\r\n* ID NIL\r\na2 OK ID done\r\n",
    "S:a2 NO No ID here\r\n* 4 EXISTS\r\na3 OK [READ-ONLY] Examined\r\n",
    "S:a2 OK ID done\r\na3 NO [NONEXISTENT] No INBOX\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      const char * const script[] = {
        "S:* OK [CAPABILITY IMAP4rev1 ID] ready\r\n",
        "C", "S:a1 OK Logged in\r\n",
        "C", "C", answers[i],
        "C", "S:* BYE bye\r\na4 OK done\r\n",
        NULL
      };
      g_autoptr(GError) error = NULL;
      gboolean opened;
      Session s;

      start_identified (&s, script);
      pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
      opened = session_finish_command (&s, &error);
      g_assert_cmpstr (session_received (&s, 1), ==,
                       "a2 ID (\"name\" \"Postbote\" \"version\" \"" PACKAGE_VERSION "\")");
      g_assert_cmpstr (session_received (&s, 2), ==, "a3 EXAMINE \"INBOX\"");
      if (i < 3)
        {
          g_assert_no_error (error);
          g_assert_true (opened);
          g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 4);
        }
      else
        {
          g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_NO_MAILBOX);
          g_assert_false (opened);
        }
      g_clear_error (&error);
      /* The session goes on with the next tag: nothing of the pipeline is left over. */
      pb_imap_client_logout_async (s.client, NULL, session_on_done, &s);
      g_assert_true (session_finish_command (&s, &error));
      g_assert_cmpstr (session_received (&s, 3), ==, "a4 LOGOUT");
      session_end (&s);
    }
}

/* Without ID among the capabilities, nothing but EXAMINE goes out. */
static void
test_identify_not_offered (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:a1 OK Logged in\r\n",
    "C", "S:* 0 EXISTS\r\na2 OK [READ-ONLY] Examined\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  start_identified (&s, script);
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  g_assert_cmpstr (session_received (&s, 1), ==, "a2 EXAMINE \"INBOX\"");
  session_end (&s);
}

/* Without a CAPABILITY code in the greeting, the client asks. */
static void
test_capability_asked (void)
{
  const char * const script[] = {
    "S:* OK ready\r\n",
    "C", "S:* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\na1 OK done\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 CAPABILITY");
  g_assert_true (pb_imap_client_has_capability (s.client, "AUTH=PLAIN"));
  session_end (&s);
}

static void
test_greeting_bye (void)
{
  const char * const script[] = { "S:* BYE Too many connections from your IP\r\n", NULL };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_STARTTLS, script);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_BYE);
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_GREETING);
  g_assert_cmpint (f->reply.kind, ==, PB_REPLY_IMAP);
  g_assert_cmpstr (f->reply.imap.status, ==, "BYE");
  g_assert_cmpstr (f->reply.text, ==, "BYE Too many connections from your IP");
  session_end (&s);
}

/* A session logged in before TLS can never be upgraded: it ends before the client says a
 * word. */
static void
test_preauth_before_starttls (void)
{
  const char * const script[] = {
    "S:* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n", "C", NULL
  };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_STARTTLS, script);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PREAUTH);
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpstr (f->reply.imap.status, ==, "PREAUTH");
  g_assert_false (pb_imap_client_get_preauthenticated (s.client));
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* STARTTLS chosen and not offered: a failure, and no login goes out in plain text. */
static void
test_starttls_not_offered (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n", "C", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_STARTTLS, script);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_NO_STARTTLS);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_STARTTLS_NOT_OFFERED);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_STARTTLS);
  g_clear_error (&error);
  /* A login on the failed session goes nowhere. */
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* Bytes after the OK to STARTTLS and before the handshake are refused; the capabilities
 * from before TLS are gone. */
static void
test_starttls_injection (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n",
    "C", "S:a1 OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_STARTTLS, script);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_NET_ERROR, PB_NET_ERROR_INJECTION);
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 STARTTLS");
  g_assert_null (pb_connection_get_tls_connection (pb_imap_client_get_connection (s.client)));
  session_end (&s);
}

static void
test_logindisabled (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED AUTH=PLAIN] ready\r\n", "C", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_LOGIN_DISABLED);
  g_assert_false (pb_imap_client_get_auth_sent (s.client));
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* Without TLS, no password unless the caller allowed it for a connection without
 * encryption. */
static void
test_plaintext_needs_consent (void)
{
  const char * const script[] = { "S:* OK [CAPABILITY IMAP4rev1] ready\r\n", "C", NULL };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* A tag we did not send, and a continuation nobody asked for, are protocol errors. */
static void
test_unexpected_responses (void)
{
  const char * const wrong_tag[] = { "S:* OK ready\r\n", "C", "S:a7 OK done\r\n", NULL };
  const char * const continuation[] = { "S:* OK ready\r\n", "C", "S:+ more\r\n", NULL };
  const char * const early[] = {
    "S:* OK [CAPABILITY IMAP4rev1] ready\r\na1 OK [CAPABILITY IMAP4rev1] Logged in\r\n",
    "C", NULL
  };
  const char * const tagged_greeting[] = { "S:a1 OK hello\r\n", NULL };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, wrong_tag);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_CAPABILITY);
  g_clear_error (&error);
  session_end (&s);

  session_start (&s, PB_SECURITY_NONE, continuation);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED);
  g_clear_error (&error);
  session_end (&s);

  session_start (&s, PB_SECURITY_NONE, tagged_greeting);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED);
  g_clear_error (&error);
  session_end (&s);

  /* A tagged OK waiting before the login is sent would be taken for its answer. */
  session_start (&s, PB_SECURITY_NONE, early);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED);
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* A literal of 2 GB is refused on its announcement, not allocated. */
static void
test_oversized_literal (void)
{
  const char * const script[] = {
    "S:* OK ready\r\n", "C", "S:* CAPABILITY {2147483648}\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_false (session_finish_connect (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_TOO_LARGE);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
  session_end (&s);
}

/* [ALERT] text is the server's, kept as it said it; the failure holds the whole reply. */
static void
test_alert_kept (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:a1 NO [ALERT] Application-specific password required\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
  g_assert_cmpstr (pb_imap_client_get_alert (s.client), ==,
                   "Application-specific password required");
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_AUTH);
  g_assert_cmpstr (f->reply.imap.status, ==, "NO");
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "ALERT");
  g_assert_cmpstr (f->reply.text, ==, "NO [ALERT] Application-specific password required");
  session_end (&s);
}

/* LOGIN escapes " and \ in quoted strings. */
static void
test_login_quoting (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1] ready\r\n", "C", "S:a1 OK Logged in\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "al\"ice", "p\\a\"ss", &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 LOGIN \"al\\\"ice\" \"p\\\\a\\\"ss\"");
  g_assert_true (session_transcript_has (&s, 'C', "a1 LOGIN \"al\\\"ice\" <redacted>"));
  session_end (&s);
}

/* An 8-bit password goes as a literal: after the server's continuation, or at once with
 * LITERAL+. */
static void
test_login_literal (void)
{
  const char * const sync[] = {
    "S:* OK [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:+ go ahead\r\n", "C", "S:a1 OK Logged in\r\n", NULL
  };
  const char * const plus[] = {
    "S:* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n",
    "C", "C", "S:a1 OK Logged in\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, sync);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "pässwort", &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 LOGIN \"alice\" {9}");
  g_assert_cmpstr (session_received (&s, 1), ==, "pässwort");
  g_assert_false (session_transcript_has (&s, 0, "pässwort"));
  g_assert_true (session_transcript_has (&s, 'C', "<redacted>"));
  session_end (&s);

  session_start (&s, PB_SECURITY_NONE, plus);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "jürgen", "pässwort", &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 LOGIN {7+}");
  g_assert_cmpstr (session_received (&s, 1), ==, "jürgen {9+}");
  g_assert_true (session_transcript_has (&s, 'C', "a1 LOGIN {7+} jürgen {9+} <redacted>"));
  g_assert_false (session_transcript_has (&s, 0, "pässwort"));
  session_end (&s);
}

/* AUTHENTICATE PLAIN in one line with SASL-IR, its payload redacted, and the password
 * redacted where the server echoes it. */
static void
test_authenticate_redacted (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n",
    "C", "S:a1 NO [AUTHENTICATIONFAILED] Wrong password hunter2\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = g_base64_encode ((const guchar *) "\0alice\0hunter2", 14);
  g_autofree char *want = g_strconcat ("a1 AUTHENTICATE PLAIN ", payload, NULL);
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_false (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
  g_assert_cmpstr (session_received (&s, 0), ==, want);
  g_assert_true (session_transcript_has (&s, 'C', "a1 AUTHENTICATE PLAIN <redacted>"));
  g_assert_true (session_transcript_has (&s, 'S', "Wrong password <redacted>"));
  g_assert_false (session_transcript_has (&s, 0, "hunter2"));
  g_assert_false (session_transcript_has (&s, 0, payload));
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "AUTHENTICATIONFAILED");
  g_assert_cmpstr (pb_imap_client_get_auth_mechanism (s.client), ==, "PLAIN");
  session_end (&s);
}

/* Without SASL-IR the payload follows the continuation; CRAM-MD5 answers its challenge. */
static void
test_authenticate_continued (void)
{
  const char * const plain[] = {
    "S:* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=CRAM-MD5] ready\r\n",
    "C", "S:+ \r\n", "C", "S:a1 OK Logged in\r\n", NULL
  };
  /* RFC 2195's example */
  const char * const cram[] = {
    "S:* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=CRAM-MD5] ready\r\n",
    "C", "S:+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n",
    "C", "S:a1 OK Logged in\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, plain);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2", &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 AUTHENTICATE PLAIN");
  g_assert_cmpstr (session_received (&s, 1), ==, "AGFsaWNlAGh1bnRlcjI=");
  g_assert_false (session_transcript_has (&s, 0, "AGFsaWNlAGh1bnRlcjI="));
  session_end (&s);

  session_start (&s, PB_SECURITY_NONE, cram);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  g_assert_true (login (&s, PB_AUTH_PASSWORD_ENCRYPTED, "tim", "tanstaaftanstaaf", &error));
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 AUTHENTICATE CRAM-MD5");
  g_assert_cmpstr (session_received (&s, 1), ==, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  g_assert_cmpstr (pb_imap_client_get_auth_mechanism (s.client), ==, "CRAM-MD5");
  session_end (&s);
}

static void
test_examine_refused (void)
{
  const char * const script[] = {
    "S:* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:a1 NO [NONEXISTENT] Mailbox doesn't exist: INBOX\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  g_assert_true (pb_imap_client_get_preauthenticated (s.client));
  /* Logged in by the greeting: nothing to send. */
  g_assert_true (login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", &error));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_NO_MAILBOX);
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "NONEXISTENT");
  g_assert_cmpstr (session_received (&s, 0), ==, "a1 EXAMINE \"INBOX\"");
  session_end (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imap-client/happy-path", test_happy_path);
  g_test_add_func ("/imap-client/identify-pipelined", test_identify_pipelined);
  g_test_add_func ("/imap-client/identify-not-offered", test_identify_not_offered);
  g_test_add_func ("/imap-client/capability-asked", test_capability_asked);
  g_test_add_func ("/imap-client/greeting-bye", test_greeting_bye);
  g_test_add_func ("/imap-client/preauth-before-starttls", test_preauth_before_starttls);
  g_test_add_func ("/imap-client/starttls-not-offered", test_starttls_not_offered);
  g_test_add_func ("/imap-client/starttls-injection", test_starttls_injection);
  g_test_add_func ("/imap-client/logindisabled", test_logindisabled);
  g_test_add_func ("/imap-client/plaintext-needs-consent", test_plaintext_needs_consent);
  g_test_add_func ("/imap-client/unexpected-responses", test_unexpected_responses);
  g_test_add_func ("/imap-client/oversized-literal", test_oversized_literal);
  g_test_add_func ("/imap-client/alert-kept", test_alert_kept);
  g_test_add_func ("/imap-client/login-quoting", test_login_quoting);
  g_test_add_func ("/imap-client/login-literal", test_login_literal);
  g_test_add_func ("/imap-client/authenticate-redacted", test_authenticate_redacted);
  g_test_add_func ("/imap-client/authenticate-continued", test_authenticate_continued);
  g_test_add_func ("/imap-client/examine-refused", test_examine_refused);

  return g_test_run ();
}
