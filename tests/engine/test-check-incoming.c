/* test-check-incoming.c: the live check of an incoming server (IMAP, POP3) against the
 * lab's real Dovecot
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run: Dovecot serves IMAP on 993 and 143 (STARTTLS) and POP3 on
 * 995 and 110 (STLS) for the lab's users.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pb-check.h"
#include "pb-transcript.h"
#include "pb-test-util.h"

#define ADDRESS  "alice@lab.test"
#define PASSWORD "Alice-Secret-1"

typedef struct {
  PbProtocol  protocol;
  const char *host;
  guint16     port;
  PbSecurity  security;
  const char *steps;   /* the step names in order, joined by spaces */
} Server;

static const Server servers[] = {
  { PB_PROTOCOL_IMAP, "imap.lab.test", 993, PB_SECURITY_TLS,
    "resolve connect tls greeting auth mailbox quit" },
  { PB_PROTOCOL_IMAP, "imap.lab.test", 143, PB_SECURITY_STARTTLS,
    "resolve connect greeting starttls starttls-handshake capability auth mailbox quit" },
  { PB_PROTOCOL_POP3, "mail.lab.test", 995, PB_SECURITY_TLS,
    "resolve connect tls greeting capability auth mailbox quit" },
  { PB_PROTOCOL_POP3, "mail.lab.test", 110, PB_SECURITY_STARTTLS,
    "resolve connect greeting capability starttls starttls-handshake capability auth mailbox quit" },
};

static PbCheckResult *
check (const Server  *server,
       const char    *password,
       GPtrArray    **steps)
{
  g_autoptr(PbServerConfig) config = pb_server_config_new (server->protocol, server->host,
                                                           server->port, server->security,
                                                           PB_AUTH_PASSWORD_CLEARTEXT, NULL);

  return pb_test_run_check_config (config, ADDRESS, NULL, password, 0, steps);
}

static gboolean
transcript_has (PbCheckResult *result,
                const char    *text)
{
  return pb_test_lines_have (result->transcript, 0, text);
}

static char *
joined (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Every way in works: the steps of each protocol in order, TLS, the login, and the mailbox
 * as it is on disk. */
static void
test_success (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      const Server *s = &servers[i];
      g_autoptr(GPtrArray) steps = NULL;
      g_autoptr(PbCheckResult) r = check (s, PASSWORD, &steps);
      g_autofree char *names = NULL;

      g_test_message ("%s:%u", s->host, s->port);
      g_assert_true (r->ok);
      g_assert_cmpint (r->problem, ==, PB_PROBLEM_NONE);
      g_assert_cmpint (r->protocol, ==, s->protocol);
      names = joined (steps);
      g_assert_cmpstr (names, ==, s->steps);
      g_assert_cmpuint (r->steps->len, ==, steps->len - 1);
      g_assert_cmpstr (r->tls_version, ==, "TLS 1.3");
      g_assert_nonnull (r->cert_sha256);
      g_assert_true (r->auth_sent && r->authenticated && !r->auth_skipped);
      g_assert_cmpstr (r->auth_mechanism, ==, "PLAIN");
      g_assert_true (g_strv_contains ((const char * const *) r->auth_mechanisms, "PLAIN"));
      g_assert_cmpint (r->mailbox_messages, ==, pb_test_maildir_count ("alice"));
      g_assert_cmpstr (r->mailbox_name, ==, s->protocol == PB_PROTOCOL_IMAP ? "INBOX" : NULL);
      g_assert_false (transcript_has (r, PASSWORD));
      g_assert_true (transcript_has (r, "<redacted>"));
      /* IMAP says who it is in the mailbox step's write (no step, no round trip of its
       * own), and Dovecot answers it. */
      if (s->protocol == PB_PROTOCOL_IMAP)
        {
          g_assert_true (transcript_has (r, "ID (\"name\" \"Postbote\""));
          g_assert_true (transcript_has (r, "* ID ("));
        }
    }
}

/* A wrong password: the login step fails with the server's own reply and its code, the
 * mailbox is not opened, and the session still says goodbye. */
static void
test_wrong_password (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (servers); i += 2)
    {
      const Server *s = &servers[i];
      g_autoptr(GPtrArray) steps = NULL;
      g_autoptr(PbCheckResult) r = check (s, "Wrong-Password-9", &steps);
      g_autofree char *names = NULL;

      g_test_message ("%s:%u", s->host, s->port);
      g_assert_false (r->ok);
      g_assert_cmpint (r->failure.stage, ==, PB_STAGE_AUTH);
      g_assert_true (r->auth_sent && !r->authenticated);
      g_assert_cmpint (r->failure.reply.kind, ==,
                       s->protocol == PB_PROTOCOL_IMAP ? PB_REPLY_IMAP : PB_REPLY_POP3);
      g_assert_cmpstr (pb_failure_get_response_code (&r->failure), ==,
                       s->protocol == PB_PROTOCOL_IMAP ? "AUTHENTICATIONFAILED" : "AUTH");
      g_assert_cmpint (r->mailbox_messages, ==, -1);
      names = joined (steps);
      g_assert_true (g_str_has_suffix (names, " auth quit"));
      g_assert_false (transcript_has (r, "Wrong-Password-9"));
    }
}

/* No password: no login is tried and the mailbox stays closed; the result says why. */
static void
test_no_password (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (servers); i += 2)
    {
      g_autoptr(PbCheckResult) r = check (&servers[i], NULL, NULL);

      g_assert_true (r->ok);
      g_assert_true (r->auth_skipped);
      g_assert_false (r->auth_sent);
      g_assert_cmpint (r->mailbox_messages, ==, -1);
      g_assert_nonnull (r->capabilities);
    }
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("PB_LAB_DIR") == NULL)
    {
      printf ("1..0 # SKIP needs the lab: run through tests/lab/lab-run\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check-incoming/success", test_success);
  g_test_add_func ("/check-incoming/wrong-password", test_wrong_password);
  g_test_add_func ("/check-incoming/no-password", test_no_password);
  return g_test_run ();
}
