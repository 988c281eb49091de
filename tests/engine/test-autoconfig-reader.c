/* test-autoconfig-reader.c: the autoconfig reader (pb-autoconfig-reader.c), hostile bytes
 * into a small tree of elements, safely: empty and broken files, text handed over in pieces,
 * entity bombs and external entities, XInclude, the size cap, encodings, deep nesting and
 * mutations of a valid file
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-test-util.h"
#include "pb-autoconfig.h"
#include "pb-autoconfig-reader.h"
#include "pb-i18n.h"
#include "pb-test-autoconfig.h"

static void
test_empty_and_broken (void)
{
  static const char truncated[] =
    "<clientConfig><emailProvider id='x'><outgoingServer type='smtp'><hostname>smtp.x";
  static const char prose[] = "This is not XML at all.";
  static const char two_roots[] = "<clientConfig/><clientConfig/>";
  static const char undefined_entity[] = "<clientConfig>&foo;</clientConfig>";
  static const char binary[] = "\x00\x01\x02\x03<clientConfig/>";

  assert_fails ("", 0, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (NULL, 0, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (" \n\t ", 4, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (truncated, strlen (truncated), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (prose, strlen (prose), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (two_roots, strlen (two_roots), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (undefined_entity, strlen (undefined_entity), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (binary, sizeof binary - 1, PB_AUTOCONFIG_ERROR_NOT_XML);
}

/* What libxml2 hands over in pieces (references, CDATA, text around comments and nested
 * elements) arrives as the tree builder would have joined it. */
static void
test_escapes_and_pieces (void)
{
  static const char xml[] =
    "<clientConfig><emailProvider id=\"a&amp;b&#38;c&lt;d&#x41;&amp;#38;\">"
    "<displayName><![CDATA[A & <B>]]> &#x4D;&amp;&gt; <i>in</i>ner</displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.<!-- c -->ex<?pi x?>ample.com</hostname>"
    "<port>\n 5<b/>87\t</port></outgoingServer>"
    "<documentation url='https://example.com/help?a=1&amp;b=2&#9;'>"
    "<descr lang='en'>Tab\tand\nnewline</descr></documentation>"
    "</emailProvider></clientConfig>";
  g_autoptr(PbAccountConfig) config = parse_ok (xml);
  PbServerConfig *smtp = g_ptr_array_index (pb_account_config_get_outgoing (config), 0);

  g_assert_cmpstr (pb_account_config_get_provider_id (config), ==, "a&b&c<dA&#38;");
  g_assert_cmpstr (pb_account_config_get_display_name (config), ==, "A & <B> M&> inner");
  g_assert_cmpstr (smtp->host, ==, "smtp.example.com");
  g_assert_cmpuint (smtp->port, ==, 587);
  /* An attribute's tab is a space (XML attribute normalization), then stripped. */
  g_assert_cmpstr (pb_account_config_get_documentation_url (config, 0), ==,
                   "https://example.com/help?a=1&b=2");
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 0), ==,
                   "Tab and newline");
}

static void
test_billion_laughs (void)
{
  static const char xml[] =
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE clientConfig [\n"
    " <!ENTITY a '0123456789'>\n"
    " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
    " <!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
    " <!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n"
    " <!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n"
    " <!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n"
    " <!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n"
    " <!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>\n"
    " <!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>\n"
    "]>\n"
    "<clientConfig><emailProvider id='x'><displayName>&i;</displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  gint64 start = g_get_monotonic_time ();

  /* Expanding the entities (a gigabyte of text) would take minutes; refusing them takes
   * microseconds: a second, scaled for Valgrind, tells the two apart. */
  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (1000));
}

/* Found by fuzz-autoconfig (crashes/autoconfig/leak-91b3441f...): in SAX mode libxml2 still
 * makes a document of its own to hold an entity declaration, after the callback that stops
 * the parse; it leaked. The sanitizer and Valgrind runs of this test report the leak. */
static void
test_entity_stray_document (void)
{
  static const char xml[] = "<!DOCTYPE c[<!ENTITY e \"e\">\xe6";
  static const char complete[] = "<!DOCTYPE c [<!ENTITY e 'e'>]><clientConfig>&e;</clientConfig>";

  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (complete, strlen (complete), PB_AUTOCONFIG_ERROR_FORBIDDEN);
}

static void
test_external_entity (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-autoconfig-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *system_entity = NULL;
  g_autofree char *external_dtd = NULL;
  static const char parameter_entity[] =
    "<!DOCTYPE clientConfig [<!ENTITY % p SYSTEM 'http://127.0.0.1:9/evil.dtd'> %p;]>"
    "<clientConfig/>";
  static const char public_dtd[] =
    "<!DOCTYPE clientConfig PUBLIC '-//X//Y' 'http://127.0.0.1:9/x.dtd'><clientConfig/>";
  /* An unparsed (NDATA) entity: libxml2 reports it through a callback of its own. */
  static const char unparsed_entity[] =
    "<!DOCTYPE clientConfig [<!NOTATION n SYSTEM 'x'><!ENTITY u SYSTEM 'u.bin' NDATA n>]>"
    "<clientConfig/>";
  static const char bare_doctype[] =
    "<!DOCTYPE clientConfig><clientConfig><emailProvider id='x'>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  g_autoptr(PbAccountConfig) bare = NULL;

  g_assert_true (g_file_set_contents (secret, "TOPSECRET", -1, NULL));
  system_entity = g_strdup_printf ("<!DOCTYPE clientConfig [<!ENTITY s SYSTEM 'file://%s'>]>"
                                   "<clientConfig><emailProvider id='x'>"
                                   "<displayName>&s;</displayName>"
                                   "<outgoingServer type='smtp'><hostname>h.example</hostname>"
                                   "</outgoingServer></emailProvider></clientConfig>", secret);
  external_dtd = g_strdup_printf ("<!DOCTYPE clientConfig SYSTEM 'file://%s'><clientConfig/>",
                                  secret);

  assert_fails (system_entity, strlen (system_entity), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (external_dtd, strlen (external_dtd), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (parameter_entity, strlen (parameter_entity), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (public_dtd, strlen (public_dtd), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (unparsed_entity, strlen (unparsed_entity), PB_AUTOCONFIG_ERROR_FORBIDDEN);

  /* A DOCTYPE without entities or external ids is harmless. */
  bare = parse_ok (bare_doctype);
  g_assert_cmpuint (pb_account_config_get_outgoing (bare)->len, ==, 1);

  g_unlink (secret);
  g_rmdir (dir);
}

static void
test_xinclude (void)
{
  static const char xml[] =
    "<clientConfig xmlns:xi='http://www.w3.org/2001/XInclude'><emailProvider id='x'>"
    "<displayName><xi:include href='file:///etc/passwd' parse='text'/></displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";

  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
}

/* An attribute in another namespace is not the provider's attribute of that name. */
static void
test_foreign_attribute (void)
{
  static const char xml[] =
    "<clientConfig xmlns:x='urn:example:x'><emailProvider x:id='evil' id='good'/></clientConfig>";
  g_autoptr(GError) error = NULL;
  PbAcDoc *doc = pb_ac_doc_read (xml, strlen (xml), &error);
  const PbAcNode *provider;

  g_assert_no_error (error);
  provider = pb_ac_doc_get_root (doc)->children;
  g_assert_cmpuint (provider->n_attrs, ==, 1);
  g_assert_cmpstr (pb_ac_node_get_attr (provider, "id"), ==, "good");
  pb_ac_doc_free (doc);
  pb_ac_doc_free (NULL);
}

static void
test_oversize (void)
{
  const char *head = "<clientConfig><emailProvider id='x'><displayName>";
  const char *tail = "</displayName><outgoingServer type='smtp'><hostname>h.example</hostname>"
                     "</outgoingServer></emailProvider></clientConfig>";
  gsize filler = PB_AUTOCONFIG_MAX_SIZE - strlen (head) - strlen (tail);
  g_autoptr(GString) xml = g_string_new (head);
  g_autoptr(PbAccountConfig) exact = NULL;

  /* Exactly at the cap: fine. One byte more: refused before parsing. */
  for (gsize i = 0; i < filler; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, tail);
  g_assert_cmpuint (xml->len, ==, PB_AUTOCONFIG_MAX_SIZE);
  exact = parse_ok (xml->str);
  g_assert_nonnull (exact);

  g_string_insert_c (xml, strlen (head), 'y');
  assert_fails (xml->str, xml->len, PB_AUTOCONFIG_ERROR_TOO_LARGE);
}

static void
test_encodings (void)
{
  static const char latin1_undeclared[] =
    "<clientConfig><emailProvider id='x'><displayName>M\xfcller</displayName>"
    "<outgoingServer type='smtp'><hostname>h.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  static const char latin1_declared[] =
    "<?xml version='1.0' encoding='ISO-8859-1'?>"
    "<clientConfig><emailProvider id='x'><displayName>M\xfcller</displayName>"
    "<outgoingServer type='smtp'><hostname>h.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  static const char unknown_encoding[] =
    "<?xml version='1.0' encoding='x-no-such-charset'?><clientConfig/>";
  static const char utf16_declared_ascii[] =
    "<?xml version='1.0' encoding='UTF-16'?><clientConfig/>";
  g_autoptr(PbAccountConfig) latin1 = NULL;

  assert_fails (latin1_undeclared, strlen (latin1_undeclared), PB_AUTOCONFIG_ERROR_ENCODING);
  assert_fails (unknown_encoding, strlen (unknown_encoding), PB_AUTOCONFIG_ERROR_ENCODING);
  assert_fails (utf16_declared_ascii, strlen (utf16_declared_ascii),
                PB_AUTOCONFIG_ERROR_ENCODING);

  /* A correctly declared legacy encoding is read and converted. */
  latin1 = parse_ok (latin1_declared);
  g_assert_cmpstr (pb_account_config_get_display_name (latin1), ==, "Müller");
}

/* Nesting deep enough to exhaust a recursive reader's stack is refused by the parser. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<clientConfig><emailProvider id='x'>");

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  assert_fails (xml->str, xml->len, PB_AUTOCONFIG_ERROR_NOT_XML);
}

/* Mutations of a valid file must never crash: every prefix of the full sample, and the
 * sample with each byte replaced by markup characters. */
static void
test_mutations (void)
{
  gsize len = strlen (full_sample);
  g_autofree char *copy = g_memdup2 (full_sample, len);
  guint n_ok = 0;

  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAccountConfig) c = pb_autoconfig_parse (full_sample, i, NULL, &error);

      g_assert_true ((c == NULL) != (error == NULL));
    }
  for (gsize i = 0; i < len; i += 3)
    {
      char saved = copy[i];

      copy[i] = "<&>\"'\0%"[i % 7];
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PbAccountConfig) c = pb_autoconfig_parse (copy, len, NULL, &error);

        g_assert_true ((c == NULL) != (error == NULL));
        n_ok += c != NULL;
      }
      copy[i] = saved;
    }
  /* Many single-byte changes hit text or attributes and still parse. */
  g_assert_cmpuint (n_ok, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autoconfig/empty-and-broken", test_empty_and_broken);
  g_test_add_func ("/autoconfig/escapes-and-pieces", test_escapes_and_pieces);
  g_test_add_func ("/autoconfig/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/autoconfig/hostile/entity-stray-document", test_entity_stray_document);
  g_test_add_func ("/autoconfig/hostile/external-entity", test_external_entity);
  g_test_add_func ("/autoconfig/hostile/xinclude", test_xinclude);
  g_test_add_func ("/autoconfig/hostile/foreign-attribute", test_foreign_attribute);
  g_test_add_func ("/autoconfig/hostile/oversize", test_oversize);
  g_test_add_func ("/autoconfig/hostile/encodings", test_encodings);
  g_test_add_func ("/autoconfig/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/autoconfig/hostile/mutations", test_mutations);

  return g_test_run ();
}
