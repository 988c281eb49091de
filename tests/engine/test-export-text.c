/* test-export-text.c: the whole account as text, in English and German, without a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-export-text.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

/* Every line of want is a line of text. */
static void
assert_lines (const char         *text,
              const char * const *want)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; want[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) lines, want[i]))
        g_error ("missing line \"%s\" in:\n%s", want[i], text);
    }
}

static void
test_english (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account ("Alice Example", "alice", NULL);
  g_autofree char *text = NULL;
  static const char * const want[] = {
    "Mail account alice@example.com", "Name: Alice Example", "Incoming mail (IMAP)",
    "  Server:         imap.example.com", "  Port:           993",
    "  Security:       SSL/TLS", "  User name:      alice",
    "  Login:          Normal password", "Outgoing mail (SMTP)",
    "  Server:         smtp.example.com", "  Port:           587",
    "  Security:       STARTTLS", "  User name:      alice@example.com",
    "Password: not included (the one of the account)", NULL
  };

  pb_test_set_language ("en");
  text = pb_export_text_write (a);
  assert_lines (text, want);
}

static void
test_german (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, "alice", NULL);
  g_autofree char *text = NULL;
  static const char * const want[] = {
    "E-Mail-Konto alice@example.com", "Posteingang (IMAP)", "  Sicherheit:     SSL/TLS",
    "  Benutzername:   alice", "  Anmeldung:      Normales Passwort", "Postausgang (SMTP)",
    "Passwort: nicht enthalten (das des Kontos)", NULL
  };

  pb_test_set_language ("de");
  text = pb_export_text_write (a);
  pb_test_set_language ("en");
  assert_lines (text, want);
  g_assert_null (strstr (text, "Name:"));
}

/* A half that is not known says so instead of leaving a gap. */
static void
test_missing_half (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("alice@example.com", NULL, NULL, out,
                                                        NULL);
  g_autofree char *text = NULL;
  static const char * const want[] = { "Incoming mail: not known", "  Port:           465", NULL };

  pb_test_set_language ("en");
  text = pb_export_text_write (a);
  assert_lines (text, want);
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-text/english", test_english);
  g_test_add_func ("/export-text/german", test_german);
  g_test_add_func ("/export-text/missing-half", test_missing_half);
  return g_test_run ();
}
