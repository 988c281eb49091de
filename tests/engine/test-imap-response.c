/* test-imap-response.c: the IMAP response parser and the quoting of strings, without I/O
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-imap-response.h"
#include "pb-imap-string.h"
#include "pb-secret.h"

static PbImapResponse *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbImapResponse *r = NULL;
  gsize consumed = 0;

  g_assert_cmpint (pb_imap_response_parse_buffer (text, strlen (text), &r, &consumed, &error),
                   ==, PB_IMAP_PARSE_COMPLETE);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, strlen (text));
  return r;
}

static void
assert_parse_error (const char *text,
                    gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImapResponse) r = NULL;

  g_assert_cmpint (pb_imap_response_parse_buffer (text, strlen (text), &r, NULL, &error), ==,
                   PB_IMAP_PARSE_ERROR);
  g_assert_error (error, PB_IMAP_ERROR, code);
  g_assert_null (r);
}

static void
test_status (void)
{
  g_autoptr(PbImapResponse) tagged = parse_ok ("a1 NO [AUTHENTICATIONFAILED] Authentication "
                                               "failed.\r\n");
  g_autoptr(PbImapResponse) greeting = parse_ok ("* OK [CAPABILITY IMAP4rev1 SASL-IR "
                                                 "auth=plain ID ID] Dovecot ready.\r\n");
  g_autoptr(PbImapResponse) bye = parse_ok ("* bye Shutting down\n");
  g_autoptr(PbImapResponse) bare = parse_ok ("a2 OK\r\n");
  g_autoptr(PbImapResponse) cont = parse_ok ("+ PDE4OTY+\r\n");
  g_autoptr(PbImapResponse) preauth = parse_ok ("* PREAUTH [ALERT] Logged in as you\r\n");

  g_assert_cmpint (tagged->kind, ==, PB_IMAP_TAGGED);
  g_assert_cmpstr (tagged->tag, ==, "a1");
  g_assert_cmpint (tagged->status, ==, PB_IMAP_STATUS_NO);
  g_assert_cmpint (tagged->code, ==, PB_IMAP_CODE_AUTHENTICATIONFAILED);
  g_assert_cmpstr (tagged->code_name, ==, "AUTHENTICATIONFAILED");
  g_assert_cmpstr (tagged->text, ==, "Authentication failed.");
  g_assert_cmpstr (tagged->line, ==, "NO [AUTHENTICATIONFAILED] Authentication failed.");

  g_assert_cmpint (greeting->kind, ==, PB_IMAP_UNTAGGED);
  g_assert_cmpint (greeting->status, ==, PB_IMAP_STATUS_OK);
  g_assert_cmpint (greeting->code, ==, PB_IMAP_CODE_CAPABILITY);
  g_assert_cmpuint (g_strv_length (greeting->capabilities), ==, 4);
  g_assert_true (pb_imap_response_has_capability (greeting, "AUTH=PLAIN"));
  g_assert_true (pb_imap_response_has_capability (greeting, "ID"));
  g_assert_cmpstr (greeting->text, ==, "Dovecot ready.");

  g_assert_cmpint (bye->status, ==, PB_IMAP_STATUS_BYE);
  g_assert_cmpstr (pb_imap_status_to_string (bye->status), ==, "BYE");
  g_assert_cmpint (bare->status, ==, PB_IMAP_STATUS_OK);
  g_assert_cmpstr (bare->text, ==, "");
  g_assert_cmpint (cont->kind, ==, PB_IMAP_CONTINUATION);
  g_assert_cmpstr (cont->text, ==, "PDE4OTY+");
  g_assert_cmpint (preauth->status, ==, PB_IMAP_STATUS_PREAUTH);
  g_assert_cmpint (preauth->code, ==, PB_IMAP_CODE_ALERT);
  g_assert_cmpstr (preauth->text, ==, "Logged in as you");
}

/* RFC 5530's codes, and others read as what they are. */
static void
test_codes (void)
{
  static const struct {
    const char *line;
    PbImapCode  code;
    const char *args;
  } cases[] = {
    { "a1 NO [AUTHORIZATIONFAILED] no\r\n", PB_IMAP_CODE_AUTHORIZATIONFAILED, NULL },
    { "a1 NO [EXPIRED] old\r\n", PB_IMAP_CODE_EXPIRED, NULL },
    { "a1 NO [PRIVACYREQUIRED] tls\r\n", PB_IMAP_CODE_PRIVACYREQUIRED, NULL },
    { "a1 NO [CONTACTADMIN] call\r\n", PB_IMAP_CODE_CONTACTADMIN, NULL },
    { "a1 NO [UNAVAILABLE] later\r\n", PB_IMAP_CODE_UNAVAILABLE, NULL },
    { "a1 NO [INUSE] busy\r\n", PB_IMAP_CODE_INUSE, NULL },
    { "a1 NO [LIMIT] many\r\n", PB_IMAP_CODE_LIMIT, NULL },
    { "a1 OK [READ-ONLY] EXAMINE\r\n", PB_IMAP_CODE_READ_ONLY, NULL },
    { "* OK [UIDVALIDITY 1700000000] ok\r\n", PB_IMAP_CODE_OTHER, "1700000000" },
    { "* OK [PERMANENTFLAGS (\\Seen \\*)] ok\r\n", PB_IMAP_CODE_OTHER, "(\\Seen \\*)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbImapResponse) r = parse_ok (cases[i].line);

      g_assert_cmpint (r->code, ==, cases[i].code);
      g_assert_cmpstr (r->code_args, ==, cases[i].args);
    }
}

static void
test_data (void)
{
  g_autoptr(PbImapResponse) exists = parse_ok ("* 4294967295 EXISTS\r\n");
  g_autoptr(PbImapResponse) caps = parse_ok ("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n");
  g_autoptr(PbImapResponse) id = parse_ok ("* ID (\"name\" \"Dovecot\" \"x\" NIL \"q\" \"a\\\"b\")\r\n");
  g_autoptr(PbImapResponse) nil = parse_ok ("* ID NIL\r\n");
  g_autoptr(PbImapResponse) flags = parse_ok ("* FLAGS (\\Answered \\Seen)\r\n");
  g_autoptr(PbImapResponse) fetch = parse_ok ("* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n");

  g_assert_cmpint (exists->data, ==, PB_IMAP_DATA_EXISTS);
  g_assert_cmpuint (exists->number, ==, G_MAXUINT32);
  g_assert_cmpint (caps->data, ==, PB_IMAP_DATA_CAPABILITY);
  g_assert_true (pb_imap_response_has_capability (caps, "LOGINDISABLED"));
  g_assert_cmpint (id->data, ==, PB_IMAP_DATA_ID);
  g_assert_cmpuint (g_strv_length (id->id), ==, 6);
  g_assert_cmpstr (id->id[3], ==, "");
  g_assert_cmpstr (id->id[5], ==, "a\"b");
  g_assert_null (nil->id);
  g_assert_cmpint (flags->data, ==, PB_IMAP_DATA_OTHER);
  g_assert_cmpint (fetch->data, ==, PB_IMAP_DATA_FETCH);
  g_assert_null (fetch->header);
  g_assert_cmpuint (fetch->number, ==, 1);
}

static void
test_literals (void)
{
  const char *id = "* ID (\"name\" {7}\r\nDove\r\nc \"v\" {0}\r\n)\r\nrest";
  g_autoptr(PbImapResponse) r = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  g_autofree char *huge = g_strdup_printf ("* OK {%u}\r\n", PB_IMAP_MAX_LITERAL + 1);

  g_assert_cmpint (pb_imap_response_parse_buffer (id, strlen (id), &r, &consumed, &error), ==,
                   PB_IMAP_PARSE_COMPLETE);
  g_assert_cmpuint (consumed, ==, strlen (id) - 4);
  /* The line break inside the literal is cleaned, visibly. */
  g_assert_cmpstr (r->id[1], ==, "Dove\xef\xbf\xbd\xef\xbf\xbd" "c");
  g_assert_cmpstr (r->id[3], ==, "");
  g_clear_pointer (&r, pb_imap_response_free);

  /* A literal waits for all its bytes. */
  g_assert_cmpint (pb_imap_response_parse_buffer (id, 20, &r, NULL, &error), ==,
                   PB_IMAP_PARSE_INCOMPLETE);
  g_assert_cmpint (pb_imap_response_parse_buffer (id, 30, &r, NULL, &error), ==,
                   PB_IMAP_PARSE_INCOMPLETE);

  /* Refused on its announcement, before a byte of it arrived; so is a 2 GB one. */
  assert_parse_error (huge, PB_IMAP_ERROR_TOO_LARGE);
  assert_parse_error ("* OK {2147483648}\r\n", PB_IMAP_ERROR_TOO_LARGE);
  assert_parse_error ("* OK {99999999999999999999999999}\r\n", PB_IMAP_ERROR_TOO_LARGE);
  g_assert_cmpint (pb_imap_response_parse_buffer ("* OK {4096+}\r\n", 14, &r, NULL, &error),
                   ==, PB_IMAP_PARSE_INCOMPLETE);
}

static void
test_line_cap (void)
{
  g_autofree char *longest = g_strnfill (PB_IMAP_MAX_LINE_LENGTH - 5, 'x');
  g_autofree char *fits = g_strconcat ("* OK ", longest, "\r\n", NULL);
  g_autofree char *too_long = g_strconcat ("* OK x", longest, "xx", NULL);
  g_autoptr(PbImapResponse) r = parse_ok (fits);

  g_assert_cmpuint (strlen (r->text), ==, PB_IMAP_MAX_LINE_LENGTH - 5);
  assert_parse_error (too_long, PB_IMAP_ERROR_TOO_LARGE);
}

static void
test_invalid (void)
{
  static const char * const bad[] = {
    "\r\n",
    "*\r\n",
    "* \r\n",
    "a1\r\n",
    "a1 MAYBE done\r\n",
    "a+1 OK done\r\n",
    "(a) OK done\r\n",
    "a1 PREAUTH no\r\n",
    "a1 BYE no\r\n",
    "a1 OK [ALERT no end\r\n",
    "* 99999999999 EXISTS\r\n",
    "* 12\r\n",
    "* ID (\"name\")\r\n",
    "* ID (\"name\" \"x\"\r\n",
    "* ID (\"name\r\n",
    "* ID \r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbImapResponse) r = NULL;

      if (pb_imap_response_parse_buffer (bad[i], strlen (bad[i]), &r, NULL, &error) !=
          PB_IMAP_PARSE_ERROR)
        g_error ("accepted: %s", bad[i]);
      g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL);
    }
}

/* Control characters and invalid UTF-8 from the server never reach a report as they are. */
static void
test_clean_text (void)
{
  g_autoptr(PbImapResponse) r = parse_ok ("a1 NO [ALERT] bad\x1b[31m \xff text\r\n");

  g_assert_null (strchr (r->text, '\x1b'));
  g_assert_true (g_utf8_validate (r->text, -1, NULL));
  g_assert_true (g_utf8_validate (r->line, -1, NULL));
}

static void
test_quote (void)
{
  g_autoptr(PbSecret) plain = pb_imap_quote ("alice@lab.test");
  g_autoptr(PbSecret) escaped = pb_imap_quote ("a\"b\\c");
  g_autoptr(PbSecret) empty = pb_imap_quote ("");
  const char * const plus[] = { "IMAP4rev1", "LITERAL+", NULL };
  const char * const minus[] = { "IMAP4rev1", "LITERAL-", NULL };

  g_assert_cmpstr (plain, ==, "\"alice@lab.test\"");
  g_assert_cmpstr (escaped, ==, "\"a\\\"b\\\\c\"");
  g_assert_cmpstr (empty, ==, "\"\"");
  g_assert_null (pb_imap_quote ("line\r\nbreak"));
  g_assert_null (pb_imap_quote ("pässwort"));
  g_assert_true (pb_imap_literal_non_sync (plus, 100000));
  g_assert_true (pb_imap_literal_non_sync (minus, 4096));
  g_assert_false (pb_imap_literal_non_sync (minus, 4097));
  g_assert_false (pb_imap_literal_non_sync (NULL, 1));
}

static void
assert_uids (const char *text,
             guint       n,
             ...)
{
  g_autoptr(PbImapResponse) r = parse_ok (text);
  va_list args;

  g_assert_cmpint (r->data, ==, PB_IMAP_DATA_SEARCH);
  g_assert_nonnull (r->uids);
  g_assert_cmpuint (r->uids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (r->uids, guint32, i), ==, va_arg (args, guint));
  va_end (args);
}

static void
test_search (void)
{
  assert_uids ("* SEARCH 4 17 4294967295\r\n", 3, 4, 17, 4294967295u);
  /* Nothing found is a SEARCH with no numbers (RFC 9051 7.3.4). */
  assert_uids ("* SEARCH\r\n", 0);
  assert_uids ("* search 12\r\n", 1, 12);
  /* RFC 7162 3.1.5: CONDSTORE's MODSEQ after the numbers is no UID. */
  assert_uids ("* SEARCH 2 5 (MODSEQ 917162500)\r\n", 2, 2, 5);
  assert_parse_error ("* SEARCH 0\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* SEARCH 4294967296\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* SEARCH 3x\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* SEARCH (MODSEQ\r\n", PB_IMAP_ERROR_PROTOCOL);
}

static void
assert_fetch (const char *text,
              guint32     uid,
              const char *header)
{
  g_autoptr(PbImapResponse) r = parse_ok (text);

  g_assert_cmpint (r->data, ==, PB_IMAP_DATA_FETCH);
  g_assert_cmpuint (r->uid, ==, uid);
  if (header == NULL)
    g_assert_null (r->header);
  else
    {
      gsize len;
      const char *data = g_bytes_get_data (r->header, &len);

      g_assert_cmpmem (data, len, header, strlen (header));
    }
}

static void
test_fetch (void)
{
  const char *header = "Received: from a\r\n\tby b\r\nMessage-ID: <x@y>\r\n\r\n";
  g_autofree char *literal = g_strdup_printf ("* 3 FETCH (UID 7 BODY[HEADER] {%zu}\r\n%s)\r\n",
                                              strlen (header), header);
  g_autofree char *first = g_strdup_printf ("* 3 FETCH (BODY[HEADER] {%zu}\r\n%s UID 8 "
                                            "FLAGS (\\Seen))\r\n", strlen (header), header);
  g_autoptr(PbImapResponse) r = NULL;

  /* The header's bytes as they came: line ends, folding, the empty line. */
  assert_fetch (literal, 7, header);
  assert_fetch (first, 8, header);
  assert_fetch ("* 1 FETCH (UID 5 BODY[HEADER] \"Subject: \\\"hi\\\"\")\r\n", 5,
                "Subject: \"hi\"");
  assert_fetch ("* 1 FETCH (UID 5 BODY[HEADER] NIL)\r\n", 5, "");
  /* An unsolicited flag change carries no header. */
  assert_fetch ("* 2 FETCH (FLAGS (\\Seen \\Deleted) UID 9)\r\n", 9, NULL);
  assert_fetch ("* 2 FETCH (FLAGS (\\Seen))\r\n", 0, NULL);
  /* Attributes not asked for are read past, whatever they hold. */
  assert_fetch ("* 2 FETCH (UID 4 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" MODSEQ (12) "
                "BODY[HEADER.FIELDS (DATE FROM)] {0}\r\n ENVELOPE (NIL \"a)b\" ((NIL NIL "
                "\"x\" \"y\"))) RFC822.SIZE 44827)\r\n", 4, NULL);
  r = parse_ok ("* 3 FETCH (UID 7)\r\n");
  g_assert_cmpuint (r->number, ==, 3);
  assert_parse_error ("* 3 FETCH UID 7\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 3 FETCH (UID x)\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 3 FETCH (UID 7\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 3 FETCH (UID 7) extra\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 3 FETCH (BODY[HEADER \"x\")\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 3 FETCH (BODY[HEADER] \"x)\r\n", PB_IMAP_ERROR_PROTOCOL);
  /* A literal in a list read past, and a partial that is not the whole header. */
  assert_fetch ("* 1 FETCH (X ({3}\r\na b) UID 2)\r\n", 2, NULL);
  assert_fetch ("* 1 FETCH (UID 5 BODY[HEADER]<0> \"X: y\")\r\n", 5, NULL);
  /* Broken strings and literals, on their own and in a list; a partial without its end. */
  assert_parse_error ("* 1 FETCH (UID 5 BODY[HEADER] {x}\r\n)\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 1 FETCH (X ({x}\r\n) UID 2)\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 1 FETCH (UID 1 X (\"abc))\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* 1 FETCH (UID 5 BODY[HEADER]<0 \"x\")\r\n", PB_IMAP_ERROR_PROTOCOL);
}

/* ID lists that are not what RFC 2971 says: each a protocol error; a literal with "+"
 * is read like any other. */
static void
test_id_broken (void)
{
  g_autoptr(PbImapResponse) plus = parse_ok ("* ID (\"name\" {3+}\r\nabc)\r\n");
  g_autoptr(GString) many = g_string_new ("* ID (");

  g_assert_cmpstr (plus->id[1], ==, "abc");
  assert_parse_error ("* ID (\"name\" {x})\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* ID (\"name\" Dovecot)\r\n", PB_IMAP_ERROR_PROTOCOL);
  assert_parse_error ("* ID (\"name\"\"Dovecot\")\r\n", PB_IMAP_ERROR_PROTOCOL);
  for (guint i = 0; i < 31; i++)
    g_string_append_printf (many, "%s\"f%u\" \"v\"", i > 0 ? " " : "", i);
  g_string_append (many, ")\r\n");
  assert_parse_error (many->str, PB_IMAP_ERROR_PROTOCOL);
}

/* A NUL ends the line, as the connection's line reader does; no response grows past its
 * cap; freeing nothing is allowed. */
static void
test_limits (void)
{
  const char nul[] = "* OK a\0b\r\n";
  g_autoptr(PbImapResponse) r = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean literal = TRUE;
  gsize size = 1;
  gsize consumed = 0;

  g_assert_cmpint (pb_imap_response_parse_buffer (nul, sizeof nul - 1, &r, &consumed, NULL),
                   ==, PB_IMAP_PARSE_COMPLETE);
  g_assert_cmpstr (r->text, ==, "a");
  g_assert_cmpuint (consumed, ==, sizeof nul - 1);

  g_string_set_size (response, PB_IMAP_MAX_RESPONSE_LENGTH - 10);
  g_assert_true (pb_imap_response_add_line (response, "* OK", 4, &literal, &size, &error));
  g_assert_false (literal);
  g_assert_false (pb_imap_response_add_line (response, "* OK more", 9, &literal, &size,
                                             &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_TOO_LARGE);
  pb_imap_response_free (NULL);
}

/* A list nested deeper than any answer to our commands is refused, not recursed into. */
static void
test_fetch_depth (void)
{
  g_autoptr(GString) text = g_string_new ("* 1 FETCH (UID 1 X ");

  for (guint i = 0; i < 40; i++)
    g_string_append_c (text, '(');
  for (guint i = 0; i < 40; i++)
    g_string_append_c (text, ')');
  g_string_append (text, ")\r\n");
  assert_parse_error (text->str, PB_IMAP_ERROR_PROTOCOL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imap-response/status", test_status);
  g_test_add_func ("/imap-response/codes", test_codes);
  g_test_add_func ("/imap-response/data", test_data);
  g_test_add_func ("/imap-response/literals", test_literals);
  g_test_add_func ("/imap-response/line-cap", test_line_cap);
  g_test_add_func ("/imap-response/invalid", test_invalid);
  g_test_add_func ("/imap-response/clean-text", test_clean_text);
  g_test_add_func ("/imap-response/quote", test_quote);

  g_test_add_func ("/imap-response/search", test_search);
  g_test_add_func ("/imap-response/fetch", test_fetch);
  g_test_add_func ("/imap-response/fetch-depth", test_fetch_depth);
  g_test_add_func ("/imap-response/id-broken", test_id_broken);
  g_test_add_func ("/imap-response/limits", test_limits);
  return g_test_run ();
}
