/* test-imap-auth.c: the IMAP client's login (pb-imap-auth.c) when the server does not play
 * along: a refusal where a continuation was due, a broken CRAM-MD5 challenge, no mechanism
 * that fits the method, and a client that is not connected
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is the scripted peer of pb-test-imap.h, over a socketpair.
 */
#include "config.h"

#include <string.h>

#include "pb-test-imap.h"

static gboolean
login (Session      *s,
       PbAuthMethod  method,
       const char   *password,
       GError      **error)
{
  pb_imap_client_set_allow_plaintext_auth (s->client, TRUE);
  pb_imap_client_login_async (s->client, method, "alice", password, NULL, session_on_done, s);
  return session_finish_command (s, error);
}

/* A session past its greeting (capabilities as given), logged in with method: the error. */
static GError *
login_refused (const char  *capabilities,
               const char  *answer,
               PbAuthMethod method,
               const char  *password,
               Session     *s)
{
  g_autofree char *greeting = g_strdup_printf ("S:* OK [CAPABILITY %s] ready\r\n",
                                               capabilities);
  const char * const script[] = { greeting, "C", answer, "C", NULL };
  GError *error = NULL;

  session_start (s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (s, &error));
  g_assert_false (login (s, method, password, &error));
  g_assert_nonnull (error);
  return error;
}

/* A NO where the server's "+" was due ends the login as refused, with the server's words;
 * nothing of the password follows. */
static void
test_refused_before_continuation (void)
{
  static const struct {
    const char   *capabilities;
    PbAuthMethod  method;
    const char   *password;
    const char   *sent;
  } cases[] = {
    { "IMAP4rev1 AUTH=PLAIN", PB_AUTH_PASSWORD_CLEARTEXT, "hunter2", "a1 AUTHENTICATE PLAIN" },
    { "IMAP4rev1 AUTH=CRAM-MD5", PB_AUTH_PASSWORD_ENCRYPTED, "hunter2",
      "a1 AUTHENTICATE CRAM-MD5" },
    /* LOGIN whose 8-bit password waits for the server's "+" as a literal */
    { "IMAP4rev1", PB_AUTH_PASSWORD_CLEARTEXT, "pässwort", "a1 LOGIN \"alice\" {9}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const PbFailure *f;
      Session s;

      error = login_refused (cases[i].capabilities,
                             "S:a1 NO [AUTHENTICATIONFAILED] Not today\r\n",
                             cases[i].method, cases[i].password, &s);
      g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
      g_assert_cmpstr (error->message, ==, "NO [AUTHENTICATIONFAILED] Not today");
      f = pb_imap_client_get_failure (s.client);
      g_assert_cmpint (f->stage, ==, PB_STAGE_AUTH);
      g_assert_cmpstr (pb_failure_get_response_code (f), ==, "AUTHENTICATIONFAILED");
      g_assert_true (pb_imap_client_get_auth_sent (s.client));
      g_assert_cmpstr (session_received (&s, 0), ==, cases[i].sent);
      session_end (&s);
      g_assert_cmpuint (s.n_received, ==, 1);
    }
}

/* A CRAM-MD5 challenge that is not base64 gets no answer: a protocol error. */
static void
test_cram_md5_bad_challenge (void)
{
  g_autoptr(GError) error = NULL;
  Session s;

  error = login_refused ("IMAP4rev1 AUTH=CRAM-MD5", "S:+ not*base64!\r\n",
                         PB_AUTH_PASSWORD_ENCRYPTED, "hunter2", &s);
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_PROTOCOL_ERROR);
  session_end (&s);
  /* Only AUTHENTICATE went out, no response to the challenge. */
  g_assert_cmpuint (s.n_received, ==, 1);
}

/* The encrypted password where the server offers only plain-text logins: nothing is sent,
 * and the error names what was offered. */
static void
test_mechanism_not_offered (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] ready\r\n", "C", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  g_assert_false (login (&s, PB_AUTH_PASSWORD_ENCRYPTED, "hunter2", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_NOT_OFFERED);
  g_assert_nonnull (strstr (error->message, "(PLAIN LOGIN)"));
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_false (pb_imap_client_get_auth_sent (s.client));
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);
}

/* Every command of a client that never connected fails at once, saying so. */
static void
test_not_connected (void)
{
  g_autoptr(PbImapClient) client = pb_imap_client_new ("imap.example.test", 143,
                                                       PB_SECURITY_NONE);
  Session s = { .client = client };
  g_autoptr(GError) error = NULL;

  pb_imap_client_set_allow_plaintext_auth (client, TRUE);
  pb_imap_client_login_async (client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2", NULL,
                              session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpint (pb_imap_client_get_failure (client)->stage, ==, PB_STAGE_AUTH);
  g_assert_false (pb_imap_client_get_auth_sent (client));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imap-auth/refused-before-continuation", test_refused_before_continuation);
  g_test_add_func ("/imap-auth/cram-md5-bad-challenge", test_cram_md5_bad_challenge);
  g_test_add_func ("/imap-auth/mechanism-not-offered", test_mechanism_not_offered);
  g_test_add_func ("/imap-auth/not-connected", test_not_connected);

  return g_test_run ();
}
