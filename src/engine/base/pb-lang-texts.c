/* pb-lang-texts.c: texts in several languages, picked by the current locale
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-lang-texts.h"

typedef struct {
  char *lang;
  char *text;
} LangText;

struct _PbLangTexts {
  GArray *items;   /* LangText, in file order */
};

static void
lang_text_clear (gpointer data)
{
  LangText *item = data;

  g_free (item->lang);
  g_free (item->text);
}

PbLangTexts *
pb_lang_texts_new (void)
{
  PbLangTexts *texts = g_new0 (PbLangTexts, 1);

  texts->items = g_array_new (FALSE, TRUE, sizeof (LangText));
  g_array_set_clear_func (texts->items, lang_text_clear);
  return texts;
}

void
pb_lang_texts_free (PbLangTexts *texts)
{
  if (texts == NULL)
    return;
  g_array_unref (texts->items);
  g_free (texts);
}

static LangText *
find_lang (const PbLangTexts *texts,
           const char        *lang)
{
  for (guint i = 0; i < texts->items->len; i++)
    {
      LangText *item = &g_array_index (texts->items, LangText, i);

      if (g_ascii_strcasecmp (item->lang, lang) == 0)
        return item;
    }
  return NULL;
}

void
pb_lang_texts_add (PbLangTexts *texts,
                   const char  *lang,
                   const char  *text)
{
  LangText *item;

  g_return_if_fail (texts != NULL);

  if (text == NULL || *text == '\0')
    return;
  if (lang == NULL || *lang == '\0')
    lang = "en";

  item = find_lang (texts, lang);
  if (item != NULL)
    {
      char *joined = g_strconcat (item->text, "\n\n", text, NULL);

      g_free (item->text);
      item->text = joined;
    }
  else
    {
      LangText new_item = { g_ascii_strdown (lang, -1), g_strdup (text) };

      g_array_append_val (texts->items, new_item);
    }
}

const char *
pb_lang_texts_lookup (const PbLangTexts *texts,
                      const char        *lang)
{
  LangText *item;

  if (texts == NULL || lang == NULL)
    return NULL;
  item = find_lang (texts, lang);
  return item != NULL ? item->text : NULL;
}

const char *
pb_lang_texts_get (const PbLangTexts *texts)
{
  const char *text;

  if (texts == NULL || texts->items->len == 0)
    return NULL;

  text = pb_lang_texts_lookup (texts, pb_current_language ());
  if (text == NULL)
    text = pb_lang_texts_lookup (texts, "en");
  if (text == NULL)
    text = g_array_index (texts->items, LangText, 0).text;
  return text;
}

gboolean
pb_lang_texts_is_empty (const PbLangTexts *texts)
{
  return texts == NULL || texts->items->len == 0;
}

const char *
pb_current_language (void)
{
  /* The texts in the files are keyed by bare language codes; interned so the result
   * can be returned without an owner. */
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lang = NULL;

      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") || *names[i] == '\0')
        continue;
      lang = g_ascii_strdown (names[i], strcspn (names[i], "_.@"));
      return g_intern_string (lang);
    }
  return "en";
}
