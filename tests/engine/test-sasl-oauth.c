/* test-sasl-oauth.c: XOAUTH2 and OAUTHBEARER messages, and the servers' error documents
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-sasl-oauth.h"
#include "pb-test-util.h"

/* The response, decoded: what goes over the wire inside the base64. */
static char *
decoded (const char *response)
{
  gsize len = 0;
  guchar *data;

  g_assert_nonnull (response);
  data = g_base64_decode (response, &len);
  data = g_realloc (data, len + 1);
  data[len] = '\0';
  return (char *) data;
}

static void
test_xoauth2 (void)
{
  /* Google's XOAUTH2 documentation: the one example it gives. */
  g_autoptr(PbSecret) r = pb_sasl_oauth_response (PB_SASL_OAUTH_XOAUTH2, "someuser@example.com",
                                                  "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg",
                                                  "imap.gmail.com", 993);

  g_assert_cmpstr (r, ==, "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRx"
                          "bVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
}

static void
test_oauthbearer (void)
{
  /* RFC 7628 4.1, with the port and the host as there. */
  g_autoptr(PbSecret) r = pb_sasl_oauth_response (PB_SASL_OAUTH_OAUTHBEARER, "user@example.com",
                                                  "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==",
                                                  "server.example.com", 143);
  g_autofree char *text = decoded (r);
  /* A user name with "," and "=" (RFC 5801 saslname) and no host. */
  g_autoptr(PbSecret) odd = pb_sasl_oauth_response (PB_SASL_OAUTH_OAUTHBEARER, "a,b=c", "T",
                                                    NULL, 0);
  g_autofree char *odd_text = decoded (odd);

  g_assert_cmpstr (text, ==, "n,a=user@example.com,\001host=server.example.com\001port=143\001"
                             "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\001\001");
  g_assert_cmpstr (odd_text, ==, "n,a=a=2Cb=3Dc,\001auth=Bearer T\001\001");
  g_assert_cmpstr (pb_sasl_oauth_abort_response (PB_SASL_OAUTH_OAUTHBEARER), ==, "AQ==");
  g_assert_cmpstr (pb_sasl_oauth_abort_response (PB_SASL_OAUTH_XOAUTH2), ==, "");
}

/* What would end the message early is refused, not sent. */
static void
test_refused (void)
{
  g_assert_null (pb_sasl_oauth_response (PB_SASL_OAUTH_XOAUTH2, "u", "tok\001auth=x", NULL, 0));
  g_assert_null (pb_sasl_oauth_response (PB_SASL_OAUTH_XOAUTH2, "u\r\nA1 LOGOUT", "t", NULL,
                                         0));
  g_assert_null (pb_sasl_oauth_response (PB_SASL_OAUTH_OAUTHBEARER, "u", "", NULL, 0));
  g_assert_null (pb_sasl_oauth_response (PB_SASL_OAUTH_OAUTHBEARER, "u", "t", "h\001", 1));
}

static PbSaslOAuthError *
parse (const char *json)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) json, strlen (json));

  return pb_sasl_oauth_parse_error (b64);
}

static void
test_errors (void)
{
  /* RFC 7628 3.2.2 */
  g_autoptr(PbSaslOAuthError) rfc = parse (
    "{\"status\":\"invalid_token\",\"scope\":\"example_scope\","
    "\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}");
  /* Google's XOAUTH2 answer */
  g_autoptr(PbSaslOAuthError) google = parse (
    "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}");
  g_autoptr(PbSaslOAuthError) scope = parse ("{\"status\":\"insufficient_scope\"}");
  g_autoptr(PbSaslOAuthError) other = parse ("{\"status\":\"teapot\",\"scope\":7}");

  g_assert_cmpint (rfc->status, ==, PB_SASL_OAUTH_INVALID_TOKEN);
  g_assert_cmpstr (rfc->scope, ==, "example_scope");
  g_assert_cmpstr (rfc->openid_configuration, ==,
                   "https://example.com/.well-known/openid-configuration");
  g_assert_cmpint (google->status, ==, PB_SASL_OAUTH_INVALID_TOKEN);
  g_assert_cmpstr (google->status_text, ==, "401");
  g_assert_cmpstr (google->scope, ==, "https://mail.google.com/");
  g_assert_cmpint (scope->status, ==, PB_SASL_OAUTH_INSUFFICIENT_SCOPE);
  g_assert_null (scope->scope);
  g_assert_cmpint (other->status, ==, PB_SASL_OAUTH_REFUSED);
  g_assert_cmpstr (other->status_text, ==, "teapot");
  g_assert_null (other->scope);
}

/* Anything but a base64 JSON object is no error document. */
static void
test_not_errors (void)
{
  g_autofree char *huge = g_strnfill (8000, 'A');

  g_assert_null (pb_sasl_oauth_parse_error (NULL));
  g_assert_null (pb_sasl_oauth_parse_error (""));
  g_assert_null (pb_sasl_oauth_parse_error ("not base64 <>"));
  g_assert_null (pb_sasl_oauth_parse_error (huge));
  g_assert_null (parse ("[\"status\"]"));
  g_assert_null (parse ("{\"status\": "));
  g_assert_null (parse ("Authentication failed"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sasl-oauth/xoauth2", test_xoauth2);
  g_test_add_func ("/sasl-oauth/oauthbearer", test_oauthbearer);
  g_test_add_func ("/sasl-oauth/refused", test_refused);
  g_test_add_func ("/sasl-oauth/errors", test_errors);
  g_test_add_func ("/sasl-oauth/not-errors", test_not_errors);
  return g_test_run ();
}
