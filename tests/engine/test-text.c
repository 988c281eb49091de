/* test-text.c: text from outside made safe to show (pb-text.c)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-text.h"

#define FFFD "\xef\xbf\xbd"

static void
assert_safe (const char *in,
             const char *keep,
             const char *want)
{
  g_autofree char *got = pb_text_make_safe (in, -1, keep);

  g_assert_cmpstr (got, ==, want);
}

/* Today's rule, kept: C0, DEL and C1 controls become U+FFFD unless kept; ASCII is untouched. */
static void
test_controls (void)
{
  assert_safe ("plain ASCII, 100%", "", "plain ASCII, 100%");
  assert_safe ("a\x1b[31mb\x7f", "", "a" FFFD "[31mb" FFFD);
  assert_safe ("tab\there\nnext", "\t", "tab\there" FFFD "next");
  assert_safe ("tab\there\nnext", "\n", "tab" FFFD "here\nnext");
  assert_safe ("csi \xc2\x9b" "2J nel\xc2\x85", "", "csi " FFFD "2J nel" FFFD);
  assert_safe ("broken \xff", "", "broken " FFFD);
}

/* Invisible characters that make a name read differently are shown as U+FFFD too: bidi
 * embeddings, overrides and isolates, line and paragraph separators, zero-width characters,
 * the directional marks, BOM, U+061C and U+180E, and tag characters. */
static void
test_hidden_characters (void)
{
  static const gunichar hidden[] = {
    0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    0x2028, 0x2029, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0xfeff, 0x061c, 0x180e,
    0xe0001, 0xe0041, 0x00ad,
  };

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      char in[16] = "a";
      gint n = g_unichar_to_utf8 (hidden[i], in + 1);

      in[n + 1] = 'b';
      g_test_message ("U+%04X", hidden[i]);
      g_assert_true (pb_text_is_hidden (hidden[i]));
      assert_safe (in, "", "a" FFFD "b");
    }
  /* "admin@example.org" written backwards behind an override reads forwards; not any more. */
  assert_safe ("user \xe2\x80\xaegro.elpmaxe@nimda\xe2\x80\xac ok", "",
               "user " FFFD "gro.elpmaxe@nimda" FFFD " ok");
}

/* Visible text of any script stays as it is, right-to-left letters included. */
static void
test_visible_kept (void)
{
  static const char * const visible[] = {
    "Grüße, Müller", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
    "\xe4\xbd\xa0\xe5\xa5\xbd", "no-break\xc2\xa0space \xe2\x82\xac", "\xf0\x9f\x93\xa7",
  };

  for (guint i = 0; i < G_N_ELEMENTS (visible); i++)
    assert_safe (visible[i], "", visible[i]);
  g_assert_false (pb_text_is_hidden ('a'));
  g_assert_false (pb_text_is_hidden (0x05d0));
  g_assert_false (pb_text_is_hidden (0x00a0));
}

/* A name from DNS becomes a host; the root, which a null MX names, becomes none. */
static void
test_dns_host (void)
{
  const struct { const char *name, *host; } cases[] = {
    { "mx1.Example.COM.", "mx1.example.com" },
    { "mx1.example.com", "mx1.example.com" },
    { "a.b..", "a.b" },
    { ".", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = pb_text_dns_host (cases[i].name);

      g_assert_cmpstr (host, ==, cases[i].host);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/make-safe/controls", test_controls);
  g_test_add_func ("/text/make-safe/hidden-characters", test_hidden_characters);
  g_test_add_func ("/text/make-safe/visible-kept", test_visible_kept);
  g_test_add_func ("/text/dns-host", test_dns_host);
  return g_test_run ();
}
