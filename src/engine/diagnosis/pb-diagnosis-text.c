/* pb-diagnosis-text.c: markers and enhanced status codes in a server's reply
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-diagnosis-text.h"

gboolean
pb_diagnosis_text_has_any (const char         *text_lower,
                           const char * const *markers)
{
  if (text_lower == NULL)
    return FALSE;
  for (guint i = 0; markers[i] != NULL; i++)
    if (strstr (text_lower, markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The parser leaves a code in the text when the server did not announce
 * ENHANCEDSTATUSCODES, so the text is read for one too. */
const char *
pb_diagnosis_enhanced_code (const PbFailure *f,
                            char             buffer[16])
{
  const char *p = f->reply.text;
  gsize n = 0;
  guint dots = 0;

  if (pb_failure_get_enhanced_code (f) != NULL)
    return pb_failure_get_enhanced_code (f);
  if (p == NULL)
    return NULL;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
      && (p[3] == ' ' || p[3] == '-'))
    p += 4;
  if (p[0] < '2' || p[0] > '5' || p[1] != '.')
    return NULL;
  while (n < 15 && (g_ascii_isdigit (p[n]) || p[n] == '.'))
    dots += p[n++] == '.';
  if (dots != 2 || p[n - 1] == '.' || (p[n] != ' ' && p[n] != '\0' && p[n] != '\n'))
    return NULL;
  memcpy (buffer, p, n);
  buffer[n] = '\0';
  return buffer;
}

gboolean
pb_diagnosis_enhanced_is (const PbFailure *f,
                          const char      *code)
{
  char buffer[16];
  const char *enhanced = pb_diagnosis_enhanced_code (f, buffer);

  return enhanced != NULL && g_str_equal (enhanced, code);
}

gboolean
pb_diagnosis_says_too_many_attempts (const char *text)
{
  return HAS ("too many login", "too many auth", "too many failed", "too many bad",
              "login attempts", "authentication attempts", "auth attempts", "rate limit",
              "temporarily blocked");
}
