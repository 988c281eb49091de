/* test-export-mobileconfig.c: the configuration profile as a property list
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key and type is asserted by tests/cli/test-export-cli.sh with Python's plistlib;
 * here: well-formed XML whatever the name holds, identifiers that stay, and no password
 * unless one is given.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "pb-export-mobileconfig.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

/* The <string> after <key>key</key> in the document, or NULL; every one of them. */
static GPtrArray *
strings_of (const char *xml,
            const char *key)
{
  xmlDoc *doc = xmlReadMemory (xml, strlen (xml), NULL, "UTF-8", XML_PARSE_NONET);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  xmlXPathContext *ctx;
  xmlXPathObject *obj;
  g_autofree char *expr = g_strdup_printf ("//key[text()='%s']/following-sibling::*[1]", key);

  g_assert_nonnull (doc);
  ctx = xmlXPathNewContext (doc);
  obj = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  for (int i = 0; obj->nodesetval != NULL && i < obj->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (obj->nodesetval->nodeTab[i]);

      g_ptr_array_add (found, g_strdup ((const char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return found;
}

static void
test_hostile_name (void)
{
  const char *name = "Alice <b>&amp; ]]> \"Q\" '";
  g_autoptr(PbExportAccount) a = pb_test_export_account (name, NULL, NULL);
  g_autofree char *xml = pb_export_mobileconfig_write (a, NULL, NULL);
  g_autoptr(GPtrArray) got = strings_of (xml, "EmailAccountName");

  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (got->pdata[0], ==, name);
}

static void
test_identifiers (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autofree char *first = pb_export_mobileconfig_write (a, NULL, NULL);
  g_autofree char *again = pb_export_mobileconfig_write (a, NULL, NULL);
  g_autoptr(GPtrArray) uuids = strings_of (first, "PayloadUUID");
  g_autoptr(GPtrArray) ids = strings_of (first, "PayloadIdentifier");
  g_autoptr(PbExportAccount) b = pb_export_account_new ("bob@example.com", NULL, a->incoming,
                                                        a->outgoing, NULL);
  g_autofree char *other = pb_export_mobileconfig_write (b, NULL, NULL);
  g_autoptr(GPtrArray) other_uuids = strings_of (other, "PayloadUUID");

  /* The same account, the same profile: a device replaces the older one. */
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpuint (uuids->len, ==, 2);
  g_assert_cmpstr (uuids->pdata[0], !=, uuids->pdata[1]);
  g_assert_true (g_regex_match_simple ("^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$",
                                       uuids->pdata[0], 0, 0));
  g_assert_cmpstr (ids->pdata[0], ==, "io.github.postbote.Postbote.mail.alice-example.com");
  g_assert_cmpstr (ids->pdata[1], ==, "io.github.postbote.Postbote.profile.alice-example.com");
  g_assert_cmpstr (other_uuids->pdata[0], !=, uuids->pdata[0]);
}

static void
test_password_only_when_given (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autofree char *without = pb_export_mobileconfig_write (a, NULL, NULL);
  g_autofree char *with = pb_export_mobileconfig_write (a, "S3cret&<", NULL);
  g_autoptr(GPtrArray) in = strings_of (with, "IncomingPassword");
  g_autoptr(GPtrArray) out = strings_of (with, "OutgoingPassword");
  g_autoptr(GPtrArray) none_in = strings_of (without, "IncomingPassword");
  g_autoptr(GPtrArray) none_out = strings_of (without, "OutgoingPassword");

  g_assert_cmpuint (none_in->len, ==, 0);
  g_assert_cmpuint (none_out->len, ==, 0);
  g_assert_cmpuint (in->len, ==, 1);
  g_assert_cmpstr (in->pdata[0], ==, "S3cret&<");
  g_assert_cmpstr (out->pdata[0], ==, "S3cret&<");
}

/* A control character would make the document not well-formed: refused, nothing written. */
static void
test_password_control_character (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = pb_export_mobileconfig_write (a, "a\x01b", &error);

  g_assert_null (xml);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  /* Nor is a password that is no UTF-8 written as if it were. */
  g_assert_null (pb_export_mobileconfig_write (a, "caf\xe9", &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
}

/* Each login method under the name Apple's profile gives it. */
static void
test_auth_names (void)
{
  const struct {
    PbAuthMethod auth;
    const char  *name;
  } cases[] = {
    { PB_AUTH_NONE, "EmailAuthNone" },
    { PB_AUTH_CLIENT_IP, "EmailAuthNone" },
    { PB_AUTH_PASSWORD_ENCRYPTED, "EmailAuthCRAMMD5" },
    { PB_AUTH_NTLM, "EmailAuthNTLM" },
    { PB_AUTH_PASSWORD_CLEARTEXT, "EmailAuthPassword" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_IMAP, "imap.example.com",
                                                            993, PB_SECURITY_TLS,
                                                            cases[i].auth);
      g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP,
                                                             "smtp.example.com", 587,
                                                             PB_SECURITY_STARTTLS,
                                                             cases[i].auth);
      g_autoptr(PbExportAccount) a = pb_export_account_new ("alice@example.com", NULL, in, out,
                                                            NULL);
      g_autofree char *xml = pb_export_mobileconfig_write (a, NULL, NULL);
      g_autoptr(GPtrArray) incoming = strings_of (xml, "IncomingMailServerAuthentication");
      g_autoptr(GPtrArray) outgoing = strings_of (xml, "OutgoingMailServerAuthentication");

      g_assert_cmpuint (incoming->len, ==, 1);
      g_assert_cmpstr (incoming->pdata[0], ==, cases[i].name);
      g_assert_cmpuint (outgoing->len, ==, 1);
      g_assert_cmpstr (outgoing->pdata[0], ==, cases[i].name);
    }
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-mobileconfig/hostile-name", test_hostile_name);
  g_test_add_func ("/export-mobileconfig/identifiers", test_identifiers);
  g_test_add_func ("/export-mobileconfig/password-only-when-given", test_password_only_when_given);
  g_test_add_func ("/export-mobileconfig/password-control-character",
                   test_password_control_character);
  g_test_add_func ("/export-mobileconfig/auth-names", test_auth_names);
  return g_test_run ();
}
