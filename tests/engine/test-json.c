/* test-json.c: the JSON the command line prints must parse, whatever a server sent
 * (pb-json.c: json-glib, with the escapes it does not write itself)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-json.h"

/* text as the one element of an array (json-glib builds no bare string document), and
 * only the string taken back out. */
static char *
quote (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *document = NULL;
  gsize len;

  json_builder_begin_array (builder);
  pb_json_add_string (builder, text);
  json_builder_end_array (builder);
  document = pb_json_to_string (builder);
  len = strlen (document);
  g_assert_true (g_str_has_prefix (document, "[\n  "));
  g_assert_true (g_str_has_suffix (document, "\n]\n"));
  return g_strndup (document + 4, len - 7);
}

static void
test_escaping (void)
{
  struct { const char *in, *out; } cases[] = {
    { "plain", "\"plain\"" },
    { "quote \" and \\ backslash", "\"quote \\\" and \\\\ backslash\"" },
    { "lines\r\n\tand\b\f", "\"lines\\r\\n\\tand\\b\\f\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
    { "Grüße €", "\"Grüße €\"" },
    /* U+2028/U+2029 end a JavaScript string literal. */
    { "a\xe2\x80\xa8" "b", "\"a\\u2028b\"" },
    /* Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong NUL. */
    { "x\x80y", "\"x\\ufffdy\"" },
    { "\xc3", "\"\\ufffd\"" },
    { "\xc0\x80", "\"\\ufffd\\ufffd\"" },
    { "", "\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = quote (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
      g_assert_true (g_utf8_validate (got, -1, NULL));
    }
}

/* JSON printed on a terminal must not obey what a server sent: C1 controls (U+009B is CSI
 * on some terminals) and the invisible characters that reorder or hide text are escaped. */
static void
test_hidden_characters_escaped (void)
{
  struct { const char *in, *out; } cases[] = {
    { "a\xc2\x80" "b\xc2\x85" "c\xc2\x9b" "2J\xc2\x9f", "\"a\\u0080b\\u0085c\\u009b2J\\u009f\"" },
    /* Bidi embeddings and overrides, U+202A–202E. */
    { "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae",
      "\"\\u202a\\u202b\\u202c\\u202d\\u202e\"" },
    /* Bidi isolates, U+2066–2069. */
    { "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
      "\"\\u2066\\u2067\\u2068\\u2069\"" },
    /* Zero-width space, joiners and the directional marks, U+200B–200F. */
    { "\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x80\x8e\xe2\x80\x8f",
      "\"\\u200b\\u200c\\u200d\\u200e\\u200f\"" },
    /* Paragraph separator, BOM, Arabic letter mark, Mongolian vowel separator. */
    { "\xe2\x80\xa9\xef\xbb\xbf\xd8\x9c\xe1\xa0\x8e", "\"\\u2029\\ufeff\\u061c\\u180e\"" },
    /* A tag character (U+E0041) hides ASCII text: a UTF-16 surrogate pair, as JSON has it. */
    { "x\xf3\xa0\x81\x81y", "\"x\\udb40\\udc41y\"" },
    /* Visible non-ASCII stays as it is, right-to-left script included. */
    { "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xc2\xa0\xc2\xa9",
      "\"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xc2\xa0\xc2\xa9\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = quote (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* The marks are the only escapes pb_json_unmark() touches: an escaped backslash before
 * "u0001" is text, and a U+0001 in the text comes out as its own escape. */
static void
test_marks_only (void)
{
  struct { const char *in, *out; } cases[] = {
    { "\\u00010041", "\"\\\\u00010041\"" },
    { "\\\x01" "x", "\"\\\\\\u0001x\"" },
    { "\x01" "0041", "\"\\u00010041\"" },
    { "\\\\\xc2\x85", "\"\\\\\\\\\\u0085\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = quote (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    g_autofree char *plain = pb_json_unmark ("{\"a\" : \"\\\\u0001ffff\\u0001fffd\"}");

    g_assert_cmpstr (plain, ==, "{\"a\" : \"\\\\u0001ffff\\ufffd\"}");
  }
}

/* What json-glib makes of the builder's tree, pinned: the layout of `--json` output. */
static void
test_structure (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *p = NULL;

  json_builder_begin_object (b);
  pb_json_member_string (b, "s", "v");
  pb_json_member_string (b, "null", NULL);
  pb_json_member_int (b, "n", -42);
  pb_json_member_boolean (b, "b", TRUE);
  pb_json_member_null (b, "z");
  json_builder_set_member_name (b, "empty");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  pb_json_member_string (b, "in", "x");
  json_builder_end_object (b);
  json_builder_add_int_value (b, 1);
  json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  p = pb_json_to_string (b);
  g_assert_cmpstr (p, ==, "{\n  \"s\" : \"v\",\n  \"null\" : null,\n  \"n\" : -42,\n"
                          "  \"b\" : true,\n  \"z\" : null,\n  \"empty\" : [],\n"
                          "  \"list\" : [\n    {\n      \"in\" : \"x\"\n    },\n"
                          "    1,\n    null\n  ]\n}\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/escaping", test_escaping);
  g_test_add_func ("/json/hidden-characters-escaped", test_hidden_characters_escaped);
  g_test_add_func ("/json/marks-only", test_marks_only);
  g_test_add_func ("/json/structure", test_structure);
  return g_test_run ();
}
