/* test-regressions.c: bugs the fuzz targets found, each a test named after it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (Bugs in a parser with its own test file have their test there: /smtp-reply/c1-controls-
 * cleaned, /address/literal-zone-refused.)
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pb-check.h"
#include "pb-diagnosis-classify.h"
#include "pb-report.h"

/* Found by fuzz-report: a certificate subject, an error message or a host name with an
 * escape sequence reached the terminal through `postbote check` (the text report printed
 * them as they were), and a newline in a subject could fake report lines. */
static void
test_report_terminal_escapes (void)
{
  g_autoptr(PbCheckResult) r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  r->server = pb_server_config_new (PB_PROTOCOL_SMTP, "mx\x1b[2J.example.test", 465,
                                    PB_SECURITY_TLS, PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  r->address = g_strdup ("user@example.test");
  r->tls_version = g_strdup ("TLS 1.3");
  r->cert_subject = g_strdup ("CN=evil\x1b]0;owned\x07\nResult: everything works.");
  r->cert_issuer = g_strdup ("CN=\xc2\x9b" "31mCA\xff");
  r->cert_sha256 = g_strdup ("00:11");
  r->cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA;
  r->failure.stage = PB_STAGE_TLS;
  r->failure.cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA;
  r->failure.host = g_strdup (r->server->host);
  r->failure.error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                          "bad \x1b[5m certificate");
  r->problem = pb_diagnosis_classify (&r->failure);

  text = pb_report_check_text (r, FALSE);
  g_test_message ("%s", text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strchr (text, '\x07'));
  g_assert_null (strstr (text, "\xc2\x9b"));
  /* The subject stays on its line: no line of the report starts with the faked result. */
  g_assert_null (strstr (text, "\nResult: everything works."));
  g_assert_nonnull (strstr (text, "CN=evil\xef\xbf\xbd]0;owned"));

  /* JSON keeps the text as it came, escaped. */
  json = pb_report_check_json (r, FALSE);
  g_assert_null (strchr (json, '\x1b'));
  g_assert_nonnull (strstr (json, "\\u001b]0;owned"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regressions/report-terminal-escapes", test_report_terminal_escapes);

  return g_test_run ();
}
