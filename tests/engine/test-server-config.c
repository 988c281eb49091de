/* test-server-config.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-util.h"
#include "pb-i18n.h"
#include "pb-server-config.h"

static void
test_strings_round_trip (void)
{
  for (PbSecurity s = PB_SECURITY_TLS; s <= PB_SECURITY_NONE; s++)
    {
      PbSecurity back;

      g_assert_true (pb_security_from_string (pb_security_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  for (PbAuthMethod a = PB_AUTH_PASSWORD_CLEARTEXT; a <= PB_AUTH_SMTP_AFTER_POP; a++)
    {
      PbAuthMethod back;

      g_assert_true (pb_auth_method_from_string (pb_auth_method_to_string (a), &back));
      g_assert_cmpint (back, ==, a);
    }
}

static void
test_parse_rejects_unknown (void)
{
  PbSecurity security = PB_SECURITY_NONE;
  PbProtocol protocol = PB_PROTOCOL_POP3;

  g_assert_false (pb_security_from_string ("ssl3", &security));
  g_assert_false (pb_security_from_string (NULL, &security));
  g_assert_cmpint (security, ==, PB_SECURITY_NONE);
  g_assert_true (pb_protocol_from_string ("SMTP", &protocol));
  g_assert_cmpint (protocol, ==, PB_PROTOCOL_SMTP);
}

static void
test_ref_copy_equal (void)
{
  g_autoptr(PbServerConfig) a = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.test", 465,
                                                      PB_SECURITY_TLS,
                                                      PB_AUTH_PASSWORD_CLEARTEXT,
                                                      "%EMAILADDRESS%");
  g_autoptr(PbServerConfig) b = pb_server_config_copy (a);
  g_autoptr(PbServerConfig) c = pb_server_config_ref (a);

  g_assert_true (a == c);
  g_assert_false (a == b);
  g_assert_true (pb_server_config_equal (a, b));
  g_assert_cmpstr (b->host, ==, "smtp.example.test");

  b->port = 587;
  g_assert_false (pb_server_config_equal (a, b));
  g_assert_cmpuint (pb_security_default_port (PB_PROTOCOL_SMTP, PB_SECURITY_STARTTLS), ==, 587);
  g_assert_cmpuint (pb_security_default_port (PB_PROTOCOL_IMAP, PB_SECURITY_TLS), ==, 993);
}

static void
test_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  pb_test_set_language ("en");
  for (PbProtocol p = PB_PROTOCOL_SMTP; p <= PB_PROTOCOL_POP3; p++)
    g_assert_true (g_hash_table_add (seen, (gpointer) pb_protocol_get_label (p)));
  for (PbSecurity s = PB_SECURITY_TLS; s <= PB_SECURITY_NONE; s++)
    g_assert_true (g_hash_table_add (seen, (gpointer) pb_security_get_label (s)));
  for (PbAuthMethod a = PB_AUTH_PASSWORD_CLEARTEXT; a <= PB_AUTH_SMTP_AFTER_POP; a++)
    g_assert_true (g_hash_table_add (seen, (gpointer) pb_auth_method_get_label (a)));
  /* every label is there and tells its value apart from the others */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3 + 3 + 8);
  g_assert_false (g_hash_table_contains (seen, ""));
  g_assert_cmpstr (pb_security_get_label (PB_SECURITY_NONE), ==, "No encryption");
  g_assert_cmpstr (pb_auth_method_get_label (PB_AUTH_PASSWORD_ENCRYPTED), ==,
                   "Encrypted password (CRAM-MD5)");

  pb_test_set_language ("de");
  g_assert_cmpstr (pb_security_get_label (PB_SECURITY_NONE), ==, "Keine Verschlüsselung");
  g_assert_cmpstr (pb_auth_method_get_label (PB_AUTH_PASSWORD_CLEARTEXT), ==,
                   "Normales Passwort");
  g_assert_cmpstr (pb_auth_method_get_label (PB_AUTH_CLIENT_IP), ==, "Anhand der IP-Adresse");
  /* technical names stay as they are */
  g_assert_cmpstr (pb_security_get_label (PB_SECURITY_STARTTLS), ==, "STARTTLS");
  g_assert_cmpstr (pb_protocol_get_label (PB_PROTOCOL_IMAP), ==, "IMAP");
  pb_test_set_language ("en");
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-config/strings-round-trip", test_strings_round_trip);
  g_test_add_func ("/server-config/parse-rejects-unknown", test_parse_rejects_unknown);
  g_test_add_func ("/server-config/ref-copy-equal", test_ref_copy_equal);
  g_test_add_func ("/server-config/labels", test_labels);

  return g_test_run ();
}
