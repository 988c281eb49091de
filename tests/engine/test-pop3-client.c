/* test-pop3-client.c: the POP3 client's dialogue against a scripted server over a
 * socketpair (pb-test-pop3.h): a refused greeting, STLS not offered, refused or followed by
 * injected bytes, CAPA in several lines or not at all, an overlong line, what is not
 * POP3 at all, and the Message-ID looked for in a header too big to keep
 *
 * The login: test-pop3-auth.c.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-net-error.h"
#include "pb-pop3.h"
#include "pb-test-pop3.h"
#include "pb-test-util.h"

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
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_STARTTLS_NOT_OFFERED);
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
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_STARTTLS_REFUSED);
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
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_STARTTLS_INJECTION);
  g_assert_null (pb_connection_get_tls_connection (pb_pop3_client_get_connection (s.client)));
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
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
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
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
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

#define OUR_ID "<ours@example.test>"

/* TOP 1 0 answered with header (CRLF lines), looking for message_id: whether a header too
 * big to keep named it. */
static gboolean
id_passed_over (const char *header,
                const char *message_id)
{
  g_autofree char *reply = g_strconcat ("+OK\r\n", header, "\r\n.\r\n", NULL);
  Step script[] = {
    GREETING, CAPA_USER, { "USER", "+OK\r\n" }, { "PASS", "+OK\r\n" }, { "TOP 1 0", reply },
  };
  Session s;
  gboolean seen;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  pb_pop3_client_top_async (s.client, 1, message_id, NULL, on_done, &s);
  wait_done (&s);
  g_assert_no_error (s.error);
  g_assert_null (pb_pop3_client_get_header (s.client));
  seen = pb_pop3_client_get_id_passed_over (s.client);
  session_clear (&s);
  return seen;
}

/* A header of more lines than are kept, or with a line too long to keep, is passed over;
 * its Message-ID field is still read: kept before the body ran over or after, folded, in
 * any case. A line dropped for its length is not read, nor is another id taken. */
static void
test_top_id_passed_over (void)
{
  g_autofree char *filler = g_strnfill (PB_POP3_MAX_LINE_LENGTH + 100, 'x');
  g_autofree char *long_line = g_strconcat ("X-Long: ", filler, "\r\n", NULL);
  g_autoptr(GString) many = g_string_new ("Received: by example.test\r\n");
  g_autofree char *after_many = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *before_long = NULL;
  g_autofree char *after_long = NULL;
  g_autofree char *in_long = NULL;

  for (guint i = 0; i < PB_POP3_MAX_HEADER_LINES + 100; i++)
    g_string_append_printf (many, "X-Filler-%u: x\r\n", i);
  after_many = g_strconcat (many->str, "Message-ID: " OUR_ID "\r\n", NULL);
  folded = g_strconcat (many->str, "message-id :\r\n\t" OUR_ID " \r\nSubject: x\r\n", NULL);
  before_long = g_strconcat ("Message-ID: " OUR_ID "\r\n", long_line, NULL);
  after_long = g_strconcat ("Received: by example.test\r\n", long_line,
                            "Message-ID: " OUR_ID "\r\n", NULL);
  in_long = g_strconcat ("Message-ID: " OUR_ID " ", filler, "\r\n", NULL);

  g_assert_true (id_passed_over (after_many, OUR_ID));
  g_assert_true (id_passed_over (folded, OUR_ID));
  g_assert_true (id_passed_over (before_long, OUR_ID));
  g_assert_true (id_passed_over (after_long, OUR_ID));
  g_assert_false (id_passed_over (after_long, "<other@example.test>"));
  g_assert_false (id_passed_over (after_long, NULL));
  g_assert_false (id_passed_over (in_long, OUR_ID));
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
  g_test_add_func ("/pop3-client/capa-multiline", test_capa_multiline);
  g_test_add_func ("/pop3-client/no-capa", test_no_capa);
  g_test_add_func ("/pop3-client/line-too-long", test_line_too_long);
  g_test_add_func ("/pop3-client/protocol-errors", test_protocol_errors);
  g_test_add_func ("/pop3-client/top-id-passed-over", test_top_id_passed_over);

  return g_test_run ();
}
