/* test-lang-texts.c: a text in several languages, and the one the person reads
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-lang-texts.h"
#include "pb-test-util.h"

/* Sets the language the way a session does, for g_get_language_names(). */
static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", language, TRUE);
}

/* A text without a language is English; a second text of a language follows the first;
 * empty texts are not kept; languages are matched without regard to case. */
static void
test_add (void)
{
  g_autoptr(PbLangTexts) texts = pb_lang_texts_new ();

  g_assert_true (pb_lang_texts_is_empty (texts));
  g_assert_true (pb_lang_texts_is_empty (NULL));
  pb_lang_texts_add (texts, "de", "");
  pb_lang_texts_add (texts, "de", NULL);
  g_assert_true (pb_lang_texts_is_empty (texts));

  pb_lang_texts_add (texts, NULL, "Hello.");
  pb_lang_texts_add (texts, "", "More.");
  pb_lang_texts_add (texts, "DE", "Hallo.");
  g_assert_false (pb_lang_texts_is_empty (texts));
  g_assert_cmpstr (pb_lang_texts_lookup (texts, "en"), ==, "Hello.\n\nMore.");
  g_assert_cmpstr (pb_lang_texts_lookup (texts, "de"), ==, "Hallo.");
  g_assert_null (pb_lang_texts_lookup (texts, "fr"));
  g_assert_null (pb_lang_texts_lookup (texts, NULL));
  g_assert_null (pb_lang_texts_lookup (NULL, "en"));
}

/* The person's language, else English, else the first there is. */
static void
test_get (void)
{
  g_autoptr(PbLangTexts) texts = pb_lang_texts_new ();
  g_autoptr(PbLangTexts) only_german = pb_lang_texts_new ();

  pb_lang_texts_add (texts, "en", "Hello.");
  pb_lang_texts_add (texts, "de", "Hallo.");
  pb_lang_texts_add (only_german, "de", "Hallo.");
  g_assert_null (pb_lang_texts_get (NULL));

  set_language ("de_AT.UTF-8");
  g_assert_cmpstr (pb_current_language (), ==, "de");
  g_assert_cmpstr (pb_lang_texts_get (texts), ==, "Hallo.");

  set_language ("fr_FR.UTF-8");
  g_assert_cmpstr (pb_current_language (), ==, "fr");
  g_assert_cmpstr (pb_lang_texts_get (texts), ==, "Hello.");
  g_assert_cmpstr (pb_lang_texts_get (only_german), ==, "Hallo.");
}

/* No language of a country (C, POSIX): English. */
static void
test_c_locale (void)
{
  g_autoptr(PbLangTexts) texts = pb_lang_texts_new ();

  pb_lang_texts_add (texts, "de", "Hallo.");
  pb_lang_texts_add (texts, "en", "Hello.");
  set_language ("C");
  g_assert_cmpstr (pb_current_language (), ==, "en");
  g_assert_cmpstr (pb_lang_texts_get (texts), ==, "Hello.");
  set_language ("POSIX");
  g_assert_cmpstr (pb_current_language (), ==, "en");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lang-texts/add", test_add);
  g_test_add_func ("/lang-texts/get", test_get);
  g_test_add_func ("/lang-texts/c-locale", test_c_locale);
  return g_test_run ();
}
