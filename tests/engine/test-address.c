/* test-address.c: address parsing, every error kind, IDN and placeholders
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pb-test-util.h"
#include "pb-address.h"
#include "pb-i18n.h"

static void
test_valid (void)
{
  static const struct {
    const char *input;
    const char *address;
    const char *local;
    const char *domain;
  } cases[] = {
    { "alice@example.com", "alice@example.com", "alice", "example.com" },
    { "  Alice.Smith@Example.COM \n", "Alice.Smith@example.com", "Alice.Smith", "example.com" },
    { "a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk", "a+tag", "sub.example.co.uk" },
    { "o'neil!#$%&*/=?^_`{|}~-@example.org", "o'neil!#$%&*/=?^_`{|}~-@example.org",
      "o'neil!#$%&*/=?^_`{|}~-", "example.org" },
    { "\"john doe\"@example.com", "\"john doe\"@example.com", "\"john doe\"", "example.com" },
    { "\"a@b\"@example.com", "\"a@b\"@example.com", "\"a@b\"", "example.com" },
    { "\"a\\\"b\"@example.com", "\"a\\\"b\"@example.com", "\"a\\\"b\"", "example.com" },
    { "\"..\"@example.com", "\"..\"@example.com", "\"..\"", "example.com" },
    { "jörg@example.de", "jörg@example.de", "jörg", "example.de" },
    { "x@a-b.c1.de", "x@a-b.c1.de", "x", "a-b.c1.de" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAddress) a = pb_address_parse (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_nonnull (a);
      g_assert_cmpstr (a->address, ==, cases[i].address);
      g_assert_cmpstr (a->local_part, ==, cases[i].local);
      g_assert_cmpstr (a->domain, ==, cases[i].domain);
      g_assert_false (a->is_literal);
      g_assert_true (pb_address_check_discoverable (a, NULL));
      g_assert_true (pb_address_is_valid (cases[i].input));
    }
}

static void
test_idn (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) a = pb_address_parse ("max@Müller-Bäckerei.DE", &error);
  g_autoptr(PbAddress) b = NULL;
  g_autoptr(PbAddress) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a->domain, ==, "xn--mller-bckerei-hfb76a.de");
  g_assert_cmpstr (a->domain_unicode, ==, "müller-bäckerei.de");
  g_assert_cmpstr (a->address, ==, "max@xn--mller-bckerei-hfb76a.de");

  /* Already punycode: kept, and shown in Unicode. */
  b = pb_address_parse ("max@xn--mller-kva.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->domain, ==, "xn--mller-kva.de");
  g_assert_cmpstr (b->domain_unicode, ==, "müller.de");

  /* Ideographic full stop as label separator. */
  c = pb_address_parse ("a@例え。テスト", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->domain, ==, "xn--r8jz45g.xn--zckzah");
}

static void
test_literal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) v4 = pb_address_parse ("root@[192.0.2.1]", &error);
  g_autoptr(PbAddress) v6 = NULL;

  g_assert_no_error (error);
  g_assert_true (v4->is_literal);
  g_assert_cmpstr (v4->domain, ==, "[192.0.2.1]");
  g_assert_false (pb_address_check_discoverable (v4, &error));
  g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE);
  g_assert_nonnull (strstr (error->message, "by hand"));
  g_clear_error (&error);

  v6 = pb_address_parse ("root@[IPv6:2001:db8::1]", &error);
  g_assert_no_error (error);
  g_assert_true (v6->is_literal);
}

/* A quoted local part may hold a space, "<" or ">" (RFC 5322); no SMTP command can carry
 * them, so the command line refuses such an address before the network, naming the
 * character. */
static void
test_sendable (void)
{
  static const struct { const char *text; const char *names; } unsendable[] = {
    { "\"a b\"@example.com", "“space”" },
    { "\"a<b\"@example.com", "“<”" },
    { "\"a>b\"@example.com", "“>”" },
    { "\"<x@evil.test>\"@example.com", "“<”" },
  };
  static const char * const sendable[] = {
    "alice@example.com", "\"a.b\"@example.com", "\"a\\\"b\"@example.com", "jörg@example.de",
    "root@[IPv6:2001:db8::1]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unsendable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAddress) a = pb_address_parse (unsendable[i].text, &error);

      g_assert_no_error (error);
      g_assert_false (pb_address_check_sendable (a, &error));
      g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_NOT_SENDABLE);
      g_assert_nonnull (strstr (error->message, unsendable[i].names));
      g_assert_nonnull (pb_address_find_unsendable (a->address));
    }
  for (guint i = 0; i < G_N_ELEMENTS (sendable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAddress) a = pb_address_parse (sendable[i], &error);

      g_assert_no_error (error);
      g_assert_true (pb_address_check_sendable (a, &error));
      g_assert_no_error (error);
    }
  g_assert_null (pb_address_find_unsendable ("a@example.com"));
  g_assert_cmpstr (pb_address_find_unsendable ("a\tb@example.com"), ==, "\tb@example.com");
  g_assert_cmpstr (pb_address_find_unsendable ("ab\x7f"), ==, "\x7f");
}

/* Found by fuzz-address: GLib's IPv6 parser takes a zone ("%eth0"), and with it any byte,
 * control characters included. */
static void
test_literal_zone_refused (void)
{
  const char *inputs[] = {
    "u@[IPv6:fe80::1%eth0]", "u@[IPv6:200:db::1%REAL\x01LOCALPART%]", "u@[IPv6:::1%25]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAddress) a = pb_address_parse (inputs[i], &error);

      g_assert_null (a);
      g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_LITERAL);
    }
}

/* Found by fuzz-address: g_hostname_to_unicode() turned this label into 6-byte sequences
 * (code points past U+10FFFF), and domain_unicode went to the window as invalid UTF-8. */
static void
test_punycode_invalid_unicode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) a = pb_address_parse ("u@xn--abcher-kn--a88888888kva.example", &error);

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (a->domain_unicode, -1, NULL));
  g_assert_cmpstr (a->domain_unicode, ==, "xn--abcher-kn--a88888888kva.example");
}

static const struct {
  const char    *input;
  PbAddressError code;
} error_cases[] = {
  { "", PB_ADDRESS_ERROR_EMPTY },
  { "   \t ", PB_ADDRESS_ERROR_EMPTY },
  { "alice.example.com", PB_ADDRESS_ERROR_NO_AT },
  { "\"alice\"example.com", PB_ADDRESS_ERROR_NO_AT },
  { "alice@bob@example.com", PB_ADDRESS_ERROR_SEVERAL_AT },
  { "\"a\"@b@example.com", PB_ADDRESS_ERROR_SEVERAL_AT },
  { "@example.com", PB_ADDRESS_ERROR_EMPTY_LOCAL_PART },
  { "alice@", PB_ADDRESS_ERROR_EMPTY_DOMAIN },
  { "al ice@example.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "al(ice)@example.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "alice@exa mple.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "alice@ex_ample.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "alice@example!.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "alice@exam→ple.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  /* A letter whose international form holds a space; one whose ASCII form is "(1)". */
  { "alice@a\u037Ab.example", PB_ADDRESS_ERROR_BAD_IDN },
  { "alice@a\u2474b.example", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "\"a\x01\"@example.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { "\xff\xfe@example.com", PB_ADDRESS_ERROR_BAD_CHARACTER },
  { ".alice@example.com", PB_ADDRESS_ERROR_BAD_DOTS },
  { "alice.@example.com", PB_ADDRESS_ERROR_BAD_DOTS },
  { "al..ice@example.com", PB_ADDRESS_ERROR_BAD_DOTS },
  { "\"alice@example.com", PB_ADDRESS_ERROR_BAD_QUOTING },
  { "\"al\"ice@example.com", PB_ADDRESS_ERROR_BAD_QUOTING },
  { "al\"ice\"@example.com", PB_ADDRESS_ERROR_BAD_QUOTING },
  { "alice@.example.com", PB_ADDRESS_ERROR_DOMAIN_DOTS },
  { "alice@example.com.", PB_ADDRESS_ERROR_DOMAIN_DOTS },
  { "alice@example..com", PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL },
  { "alice@-example.com", PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL },
  { "alice@example-.com", PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL },
  { "alice@localhost", PB_ADDRESS_ERROR_DOMAIN_NO_DOT },
  { "alice@192.0.2.1", PB_ADDRESS_ERROR_IP_ADDRESS },
  { "alice@2001:db8::1", PB_ADDRESS_ERROR_IP_ADDRESS },
  { "alice@[example.com]", PB_ADDRESS_ERROR_BAD_LITERAL },
  { "alice@[192.0.2.1", PB_ADDRESS_ERROR_BAD_LITERAL },
  { "alice@[2001:db8::1]", PB_ADDRESS_ERROR_BAD_LITERAL },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAddress) a = pb_address_parse (error_cases[i].input, &error);

      if (error == NULL || error->code != (int) error_cases[i].code)
        g_test_message ("input “%s”: expected code %d, got %s", error_cases[i].input,
                        error_cases[i].code, error != NULL ? error->message : "success");
      g_assert_null (a);
      g_assert_error (error, PB_ADDRESS_ERROR, (int) error_cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_false (pb_address_is_valid (error_cases[i].input));
    }
}

static void
test_lengths (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *local64 = g_strnfill (64, 'a');
  g_autofree char *local65 = g_strnfill (65, 'a');
  g_autofree char *label63 = g_strnfill (63, 'b');
  g_autofree char *label64 = g_strnfill (64, 'b');
  g_autofree char *ok = g_strdup_printf ("%s@%s.de", local64, label63);
  g_autofree char *long_local = g_strdup_printf ("%s@example.com", local65);
  g_autofree char *long_label = g_strdup_printf ("x@%s.de", label64);
  g_autofree char *long_domain = NULL;
  g_autofree char *long_address = NULL;
  PbAddress *a;

  g_assert_true (pb_address_is_valid (ok));

  a = pb_address_parse (long_local, &error);
  g_assert_null (a);
  g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_LOCAL_PART_TOO_LONG);
  g_clear_error (&error);

  a = pb_address_parse (long_label, &error);
  g_assert_null (a);
  g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL);
  g_clear_error (&error);

  /* 4 × 63 + 3 dots + ".de" = 258 octets of domain */
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (s, "%s.", label63);
  g_string_append (s, "de");
  long_domain = g_strdup_printf ("x@%s", s->str);
  a = pb_address_parse (long_domain, &error);
  g_assert_null (a);
  g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_DOMAIN_TOO_LONG);
  g_clear_error (&error);

  /* Each part within its limit, the whole over 254: 64 + 1 + 194 = 259 */
  g_string_truncate (s, 0);
  g_string_append_printf (s, "%s.%s.%.63s.de", label63, label63, label63);
  long_address = g_strdup_printf ("%s@%s", local64, s->str);
  g_assert_cmpuint (strlen (long_address), >, 254);
  a = pb_address_parse (long_address, &error);
  g_assert_null (a);
  g_assert_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_TOO_LONG);
}

static void
test_expand (void)
{
  g_autoptr(PbAddress) a = pb_address_parse ("Jan.Nowak@Beispiel.de", NULL);
  g_autofree char *user = pb_address_expand (a, NULL, "%EMAILADDRESS%");
  g_autofree char *local = pb_address_expand (a, NULL, "%EMAILLOCALPART%");
  g_autofree char *host = pb_address_expand (a, NULL, "mail.%EMAILDOMAIN%");
  g_autofree char *name = pb_address_expand (a, "Jan Nowak", "%REALNAME% <%EMAILADDRESS%>");
  g_autofree char *noname = pb_address_expand (a, NULL, "[%REALNAME%]");
  g_autofree char *other = pb_address_expand (a, NULL, "%MXHOST%:%EMAILDOMAIN%:100%");
  g_autofree char *twice = pb_address_expand (a, "%EMAILADDRESS%", "%REALNAME%");

  g_assert_cmpstr (user, ==, "Jan.Nowak@beispiel.de");
  g_assert_cmpstr (local, ==, "Jan.Nowak");
  g_assert_cmpstr (host, ==, "mail.beispiel.de");
  g_assert_cmpstr (name, ==, "Jan Nowak <Jan.Nowak@beispiel.de>");
  g_assert_cmpstr (noname, ==, "[]");
  g_assert_cmpstr (other, ==, "%MXHOST%:beispiel.de:100%");
  /* A value is not expanded again. */
  g_assert_cmpstr (twice, ==, "%EMAILADDRESS%");
  g_assert_null (pb_address_expand (a, NULL, NULL));

  g_assert_true (pb_has_placeholder ("w%PBPACKAGE%.example.com"));
  g_assert_true (pb_has_placeholder ("%MXHOST%"));
  g_assert_false (pb_has_placeholder ("100% sure %"));
  g_assert_false (pb_has_placeholder ("smtp.example.com"));
  /* A server without a user name has no placeholder in it. */
  g_assert_false (pb_has_placeholder (NULL));
}

/* Placeholders, %MXHOST% included, are expanded in one pass: a local part that reads like
 * a placeholder is part of the address and stays literal; that the template had nothing
 * left unfilled is said about the template, not the result. */
static void
test_expand_once (void)
{
  g_autoptr(PbAddress) mx = pb_address_parse ("%MXHOST%@example.com", NULL);
  g_autoptr(PbAddress) dom = pb_address_parse ("%EMAILDOMAIN%@example.com", NULL);
  g_autoptr(PbAddress) quoted = pb_address_parse ("\"%EMAILADDRESS%\"@example.com", NULL);
  gboolean complete = FALSE;
  char *s;

  g_assert_nonnull (mx);
  g_assert_nonnull (dom);
  g_assert_nonnull (quoted);

  s = pb_address_expand_full (mx, NULL, "mx.example.net", "%EMAILADDRESS% via %MXHOST%",
                              &complete);
  g_assert_cmpstr (s, ==, "%MXHOST%@example.com via mx.example.net");
  g_assert_true (complete);
  g_free (s);

  s = pb_address_expand_full (dom, NULL, NULL, "%EMAILLOCALPART%@%EMAILDOMAIN%", &complete);
  g_assert_cmpstr (s, ==, "%EMAILDOMAIN%@example.com");
  g_assert_true (complete);
  g_free (s);

  s = pb_address_expand_full (quoted, "%REALNAME%", "%EMAILDOMAIN%",
                              "%EMAILADDRESS%|%REALNAME%|%MXHOST%", &complete);
  g_assert_cmpstr (s, ==, "\"%EMAILADDRESS%\"@example.com|%REALNAME%|%EMAILDOMAIN%");
  g_assert_true (complete);
  g_free (s);

  /* What the template leaves unfilled is kept whole and reported. */
  s = pb_address_expand_full (dom, NULL, NULL, "%MXHOST%", &complete);
  g_assert_cmpstr (s, ==, "%MXHOST%");
  g_assert_false (complete);
  g_free (s);
  s = pb_address_expand_full (dom, NULL, "mx.example.net", "w%PBPACKAGE%.%EMAILDOMAIN%",
                              &complete);
  g_assert_cmpstr (s, ==, "w%PBPACKAGE%.example.com");
  g_assert_false (complete);
  g_free (s);
  s = pb_address_expand_full (dom, NULL, NULL, "100% sure %EMAILDOMAIN%%", &complete);
  g_assert_cmpstr (s, ==, "100% sure example.com%");
  g_assert_true (complete);
  g_free (s);
  g_assert_null (pb_address_expand_full (dom, NULL, NULL, NULL, &complete));
}

static void
test_copy (void)
{
  g_autoptr(PbAddress) a = pb_address_parse ("x@Bücher.example", NULL);
  g_autoptr(PbAddress) b = pb_address_copy (a);

  g_assert_true (a->address != b->address);
  g_assert_cmpstr (a->address, ==, b->address);
  g_assert_cmpstr (a->domain_unicode, ==, b->domain_unicode);
  pb_address_free (NULL);
}

/* The messages reach the user: each must exist in German. */
static void
test_german (void)
{
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) literal = pb_address_parse ("a@[192.0.2.1]", NULL);
  guint n_same = 0;

  pb_test_set_language ("en");
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) en = NULL;

      g_assert_null (pb_address_parse (error_cases[i].input, &en));
      g_ptr_array_add (english, g_strdup (en->message));
    }

  pb_test_set_language ("de");
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) de = NULL;

      g_assert_null (pb_address_parse (error_cases[i].input, &de));
      if (g_str_equal (de->message, g_ptr_array_index (english, i)))
        {
          g_test_message ("not translated: %s", de->message);
          n_same++;
        }
    }
  g_assert_null (pb_address_parse ("alice.example.com", &error));
  g_assert_cmpstr (error->message, ==,
                   "Die Adresse enthält kein @. Eine E-Mail-Adresse sieht so aus: name@example.com.");
  g_clear_error (&error);
  g_assert_false (pb_address_check_discoverable (literal, &error));
  g_assert_true (g_str_has_prefix (error->message, "Die Adresse nennt einen Server"));
  pb_test_set_language ("en");

  g_assert_cmpuint (n_same, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/valid", test_valid);
  g_test_add_func ("/address/idn", test_idn);
  g_test_add_func ("/address/literal", test_literal);
  g_test_add_func ("/address/sendable", test_sendable);
  g_test_add_func ("/address/literal-zone-refused", test_literal_zone_refused);
  g_test_add_func ("/address/punycode-invalid-unicode", test_punycode_invalid_unicode);
  g_test_add_func ("/address/errors", test_errors);
  g_test_add_func ("/address/lengths", test_lengths);
  g_test_add_func ("/address/expand", test_expand);
  g_test_add_func ("/address/expand-once", test_expand_once);
  g_test_add_func ("/address/copy", test_copy);
  g_test_add_func ("/address/german", test_german);

  return g_test_run ();
}
