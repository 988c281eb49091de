/* pb-lang-texts.h: texts in several languages, picked by the current locale
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Texts in several languages ("lang" attributes). */
typedef struct _PbLangTexts PbLangTexts;

PbLangTexts *pb_lang_texts_new    (void);
void         pb_lang_texts_free   (PbLangTexts       *texts);
/* A second text in the same language is appended after a blank line. lang NULL = "en". */
void         pb_lang_texts_add    (PbLangTexts       *texts,
                                   const char        *lang,
                                   const char        *text);
/* The text in the current locale's language, else English, else the first; NULL if empty. */
const char  *pb_lang_texts_get    (const PbLangTexts *texts);
/* The text in exactly this language, or NULL. */
const char  *pb_lang_texts_lookup (const PbLangTexts *texts,
                                   const char        *lang);
gboolean     pb_lang_texts_is_empty (const PbLangTexts *texts);

/* The two-letter language of the current message locale ("de", "en", ...), never NULL. */
const char  *pb_current_language  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbLangTexts, pb_lang_texts_free)

G_END_DECLS
