/* test-diagnosis-classify-rules.c: single rules of the classification
 * (pb-diagnosis-classify.c), each over inputs of its own: a login that was never tried, a
 * server that offers only OAuth2, the keyring's errors and the bare SMTP code.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>

#include "pb-credentials.h"
#include "pb-diagnosis.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

/* A check without a password that the server refuses for just that is told to log in;
 * with a login tried, the same words are about the sender. */
static void
test_login_missing (void)
{
  const char *reply = "<user@ok.smtp.test>: Sender address rejected: not logged in";
  PbFailure f = { .stage = PB_STAGE_RCPT_TO, SMTP_REPLY (553, "5.7.1", reply),
                  .host = (char *) "mail.lab.test", .port = 587,
                  .security = PB_SECURITY_STARTTLS, .login_skipped = TRUE };

  g_assert_cmpstr (pb_test_classify_id (&f), ==, "auth-required");
  f.stage = PB_STAGE_MAIL_FROM;
  g_assert_cmpstr (pb_test_classify_id (&f), ==, "auth-required");
  f.reply.smtp.code = 530;
  f.reply.text = (char *) "5.7.0 Authentication required";
  g_assert_cmpstr (pb_test_classify_id (&f), ==, "auth-required");
  f.login_skipped = FALSE;
  g_assert_cmpstr (pb_test_classify_id (&f), ==, "relay-denied");
  f.stage = PB_STAGE_RCPT_TO;
  f.reply.smtp.code = 553;
  f.reply.text = (char *) reply;
  g_assert_cmpstr (pb_test_classify_id (&f), !=, "auth-required");
  /* Words of something else, or a stage before sending: the reply decides as usual. */
  f.login_skipped = TRUE;
  f.reply.smtp.code = 550;
  f.reply.smtp.enhanced_code = (char *) "5.1.1";
  f.reply.text = (char *) "<bob@example.org>: Recipient address rejected: User unknown";
  g_assert_cmpstr (pb_test_classify_id (&f), ==, "recipient-rejected");
  f.stage = PB_STAGE_EHLO;
  f.reply.smtp.code = 502;
  f.reply.smtp.enhanced_code = (char *) "5.5.2";
  f.reply.text = (char *) "Error: command not recognized, authentication required";
  g_assert_cmpstr (pb_test_classify_id (&f), ==, "starttls-not-offered");
}

/* What pb-smtp-auth reports when no offered mechanism works with a password. */
static void
test_classify_oauth_only (void)
{
  struct { const char *message; const char *expect; } t[] = {
    { "The server offers no password sign-in, only OAuth2 (XOAUTH2 OAUTHBEARER)",
      "auth-oauth-required" },
    { "No usable authentication mechanism for password-encrypted (offered: PLAIN LOGIN)",
      "auth-mechanism-unsupported" },
    { "No usable authentication mechanism for password-cleartext (offered: NTLM XOAUTH2)",
      "auth-mechanism-unsupported" },
    { "No usable authentication mechanism", "auth-mechanism-unsupported" },
    { "No usable authentication mechanism (offered:  XOAUTH2  OAUTHBEARER )",
      "auth-oauth-required" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_AUTH, .problem_hint = PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED,
                      .host = g_strdup ("auth-xoauth2-only.smtp.test"), .port = 587 };

      f.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, t[i].message);
      g_assert_cmpstr (pb_test_classify_id (&f), ==, t[i].expect);
      pb_failure_clear (&f);
    }
}

static void
test_classify_keyring (void)
{
  struct { const char *expect; GQuark domain; int code; } k[] = {
    { "keyring-unavailable", G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN },
    { "keyring-unavailable", G_IO_ERROR, G_IO_ERROR_DBUS_ERROR },
    { "keyring-locked", SECRET_ERROR, SECRET_ERROR_IS_LOCKED },
    { "keyring-dismissed", G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { "keyring-unavailable", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_UNAVAILABLE },
    { "keyring-locked", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_LOCKED },
    { "keyring-dismissed", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_DISMISSED },
    { "keyring-locked", G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED },
    { "keyring-unavailable", G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY },
  };
  PbFailure bare = { .stage = PB_STAGE_KEYRING };

  for (guint i = 0; i < G_N_ELEMENTS (k); i++)
    {
      PbFailure f = { .stage = PB_STAGE_KEYRING };

      f.error = g_error_new_literal (k[i].domain, k[i].code, "keyring");
      g_assert_cmpstr (pb_test_classify_id (&f), ==, k[i].expect);
      pb_failure_clear (&f);
    }
  /* A failure of the keyring stage without an error says as little as an unknown one. */
  g_assert_cmpstr (pb_test_classify_id (&bare), ==, "keyring-unavailable");
}

/* The common table of SMTP codes (../shared/seeds/): the meaning of the bare code. */
static void
test_classify_code_table (void)
{
  struct { guint code; const char *expect; gboolean retry; } t[] = {
    { 421, "service-unavailable", TRUE },   /* Dienst nicht verfügbar */
    { 451, "temporary-failure", TRUE },     /* Vorübergehendes lokales Problem */
    { 535, "auth-failed", FALSE },          /* Authentifizierung fehlgeschlagen */
    { 550, "sender-not-allowed", FALSE },   /* Absenderadresse nicht erlaubt */
    { 552, "message-too-large", FALSE },    /* Nachricht ist zu groß */
    { 553, "sender-invalid", FALSE },       /* Ungültige Absenderadresse */
    { 554, "relay-denied", FALSE },         /* Weiterleitung verweigert */
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_NONE, SMTP_REPLY (t[i].code, NULL, NULL) };
      g_autoptr(PbExplanation) e = NULL;

      g_assert_cmpstr (pb_test_classify_id (&f), ==, t[i].expect);
      e = pb_test_explain_id (t[i].expect, &f);
      g_assert_cmpint (e->retry_may_help, ==, t[i].retry);
    }
}

int
main (int    argc,
      char **argv)
{
  pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis/classify/keyring", test_classify_keyring);
  g_test_add_func ("/diagnosis/classify/oauth-only", test_classify_oauth_only);
  g_test_add_func ("/diagnosis/classify/login-missing", test_login_missing);
  g_test_add_func ("/diagnosis/classify/code-table", test_classify_code_table);
  return g_test_run ();
}
