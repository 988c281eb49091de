/* fuzz-pop3-reply.c: the POP3 response parser and CAPA on hostile bytes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each line of the input goes through pb_pop3_reply_parse() as the client reads it, and the
 * whole input through pb_pop3_capabilities_parse(). Beyond "no crash": every response the
 * parser accepts keeps its promises (a known status, a response code exactly when its kind
 * says so, clean UTF-8 text within the cap), every refusal is a protocol error, and every
 * capability list stays bounded, with sendable mechanism names and a login choice that is
 * one of the offered ones.
 *
 * Most lines of a fuzzed input are refused, and a refusal's GError (a translated, formatted
 * message) costs more than the parse: lines are parsed without one, and the first refused
 * line of each input again with one to check it. Likewise the GError a -ERR means is made
 * once per response code in an input (the code alone decides it), and the copy for the
 * multi-line check reuses one buffer. So the target allocates little per line beyond what
 * the parser keeps.
 */
#include "config.h"

#include <string.h>

#include "pb-fuzz.h"
#include "pb-pop3-auth.h"
#include "pb-pop3-capabilities.h"
#include "pb-pop3-reply.h"

/* codes_checked: the response codes (bits of PbPop3Code) whose -ERR meaning this input
 * checked already; what a -ERR means depends on its code alone. */
static PB_FUZZ_NO_COVERAGE void
check_reply (const PbPop3Reply *reply,
             guint             *codes_checked)
{
  g_autoptr(GError) error = NULL;

  PB_FUZZ_ASSERT (reply->status <= PB_POP3_STATUS_CONTINUE);
  PB_FUZZ_ASSERT ((reply->response_code == NULL) == (reply->code == PB_POP3_CODE_NONE));
  if (reply->response_code != NULL)
    {
      PB_FUZZ_ASSERT (strlen (reply->response_code) <= PB_POP3_MAX_CODE_LENGTH);
      for (const char *c = reply->response_code; *c != '\0'; c++)
        PB_FUZZ_ASSERT (*c > 0x20 && *c < 0x7f && *c != '[' && *c != ']' &&
                        !g_ascii_islower (*c));
    }
  pb_fuzz_assert_clean_text (reply->line, FALSE);
  pb_fuzz_assert_clean_text (reply->text, FALSE);
  PB_FUZZ_ASSERT (strlen (reply->text) <= strlen (reply->line));
  if (reply->status != PB_POP3_STATUS_ERR || (*codes_checked & (1u << reply->code)))
    return;
  *codes_checked |= 1u << reply->code;
  error = pb_pop3_reply_to_error (reply, PB_POP3_ERROR_REFUSED);
  PB_FUZZ_ASSERT (error != NULL && error->domain == PB_POP3_ERROR);
}

static PB_FUZZ_NO_COVERAGE void
check_capabilities (const PbPop3Capabilities *caps)
{
  static const PbAuthMethod methods[] = { PB_AUTH_PASSWORD_CLEARTEXT,
                                          PB_AUTH_PASSWORD_ENCRYPTED, PB_AUTH_OAUTH2 };
  guint n = g_strv_length (caps->sasl_mechanisms);

  PB_FUZZ_ASSERT (g_strv_length (caps->lines) <= PB_POP3_MAX_MULTILINE_LINES);
  PB_FUZZ_ASSERT (n <= 32);
  for (guint i = 0; i < n; i++)
    {
      const char *m = caps->sasl_mechanisms[i];

      PB_FUZZ_ASSERT (m[0] != '\0' && strlen (m) <= 20);
      for (const char *c = m; *c != '\0'; c++)
        PB_FUZZ_ASSERT (g_ascii_isupper (*c) || g_ascii_isdigit (*c) || *c == '-' || *c == '_');
      for (guint j = 0; j < i; j++)
        PB_FUZZ_ASSERT (strcmp (caps->sasl_mechanisms[j], m) != 0);
    }
  for (guint i = 0; caps->lines[i] != NULL; i++)
    pb_fuzz_assert_clean_text (caps->lines[i], FALSE);
  pb_fuzz_assert_clean_text (caps->implementation, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GError) error = NULL;
      PbProblem hint = PB_PROBLEM_NONE;
      PbPop3Login login = pb_pop3_login_choose (caps, methods[i], &hint, &error);

      PB_FUZZ_ASSERT ((login == PB_POP3_LOGIN_NONE) == (error != NULL));
      PB_FUZZ_ASSERT (login != PB_POP3_LOGIN_SASL_PLAIN ||
                      pb_pop3_capabilities_has_mechanism (caps, "PLAIN"));
      PB_FUZZ_ASSERT (login != PB_POP3_LOGIN_SASL_CRAM_MD5 ||
                      pb_pop3_capabilities_has_mechanism (caps, "CRAM-MD5"));
      PB_FUZZ_ASSERT (login != PB_POP3_LOGIN_USER || !caps->announced ||
                      (caps->flags & PB_POP3_CAP_USER));
    }
}

/* A refused line is a protocol error; checked for the first one of an input alone. */
static void
check_refused (const char *line,
               gsize       len,
               gboolean   *checked)
{
  g_autoptr(PbPop3Reply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (*checked)
    return;
  *checked = TRUE;
  PB_FUZZ_ASSERT (!pb_pop3_reply_parse (line, len, &reply, &error));
  PB_FUZZ_ASSERT (reply == NULL && g_error_matches (error, PB_POP3_ERROR,
                                                    PB_POP3_ERROR_PROTOCOL));
}

/* A line of a multi-line body, NUL-terminated in copy as the client has it. */
static void
check_unstuff (const char *line,
               gsize       len,
               GString    *copy)
{
  const char *content = NULL;

  g_string_truncate (copy, 0);
  g_string_append_len (copy, line, len);
  if (pb_pop3_multiline_unstuff (copy->str, &content))
    PB_FUZZ_ASSERT (content == copy->str || content == copy->str + 1);
}

/* Line by line, as the connection core hands them over (CRLF or a bare LF). */
static void
fuzz_lines (const char *p,
            gsize       size)
{
  static GString *copy;
  gboolean refusal_checked = FALSE;
  guint codes_checked = 0;

  if (copy == NULL)
    copy = g_string_sized_new (PB_POP3_MAX_LINE_LENGTH + 1);
  for (gsize pos = 0; pos < size;)
    {
      const char *nl = memchr (p + pos, '\n', size - pos);
      gsize end = nl ? (gsize) (nl - p) : size;
      gsize len = end - pos;
      g_autoptr(PbPop3Reply) reply = NULL;

      if (len > 0 && p[end - 1] == '\r')
        len--;
      if (pb_pop3_reply_parse (p + pos, len, &reply, NULL))
        check_reply (reply, &codes_checked);
      else
        {
          PB_FUZZ_ASSERT (reply == NULL);
          check_refused (p + pos, len, &refusal_checked);
        }
      if (len > 0 && memchr (p + pos, '\0', len) == NULL)
        check_unstuff (p + pos, len, copy);
      pos = end + 1;
    }
}

/* The whole input as one CAPA response. */
static void
fuzz_capabilities (const char *p,
                   gsize       size)
{
  g_autoptr(PbPop3Capabilities) caps = NULL;
  g_autoptr(GError) error = NULL;

  if (pb_pop3_capabilities_parse (p, size, &caps, &error))
    check_capabilities (caps);
  else
    PB_FUZZ_ASSERT (caps == NULL && g_error_matches (error, PB_POP3_ERROR,
                                                     PB_POP3_ERROR_PROTOCOL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  fuzz_lines ((const char *) data, size);
  fuzz_capabilities ((const char *) data, size);
  return 0;
}
