/* test-json-writer.c: the JSON the command line prints must parse, whatever a server sent
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-json-writer.h"

static char *
quote (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  pb_json_append_string (out, text);
  return g_string_free (g_steal_pointer (&out), FALSE);
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

static void
test_structure (void)
{
  g_autoptr(PbJsonWriter) compact = pb_json_writer_new (FALSE);
  g_autoptr(PbJsonWriter) pretty = pb_json_writer_new (TRUE);
  PbJsonWriter *writers[] = { compact, pretty };
  g_autofree char *c = NULL, *p = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      PbJsonWriter *w = writers[i];

      pb_json_writer_begin_object (w);
      pb_json_writer_member_string (w, "s", "v");
      pb_json_writer_member_string (w, "null", NULL);
      pb_json_writer_member_int (w, "n", -42);
      pb_json_writer_member_boolean (w, "b", TRUE);
      pb_json_writer_member (w, "empty");
      pb_json_writer_begin_array (w);
      pb_json_writer_end_array (w);
      pb_json_writer_member (w, "list");
      pb_json_writer_begin_array (w);
      pb_json_writer_begin_object (w);
      pb_json_writer_end_object (w);
      pb_json_writer_int (w, 1);
      pb_json_writer_null (w);
      pb_json_writer_end_array (w);
      pb_json_writer_end_object (w);
    }
  c = pb_json_writer_free_to_string (g_steal_pointer (&compact));
  p = pb_json_writer_free_to_string (g_steal_pointer (&pretty));
  g_assert_cmpstr (c, ==, "{\"s\":\"v\",\"null\":null,\"n\":-42,\"b\":true,\"empty\":[],"
                          "\"list\":[{},1,null]}");
  g_assert_cmpstr (p, ==, "{\n  \"s\": \"v\",\n  \"null\": null,\n  \"n\": -42,\n"
                          "  \"b\": true,\n  \"empty\": [],\n  \"list\": [\n    {},\n"
                          "    1,\n    null\n  ]\n}\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-writer/escaping", test_escaping);
  g_test_add_func ("/json-writer/structure", test_structure);
  return g_test_run ();
}
