/* pb-pop3-reply.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-reply.h"
#include "pb-text.h"

G_DEFINE_QUARK (pb-pop3-error-quark, pb_pop3_error)

static const struct {
  const char *name;
  PbPop3Code  code;
} known_codes[] = {
  { "AUTH", PB_POP3_CODE_AUTH },
  { "SYS/TEMP", PB_POP3_CODE_SYS_TEMP },
  { "SYS/PERM", PB_POP3_CODE_SYS_PERM },
  { "IN-USE", PB_POP3_CODE_IN_USE },
  { "LOGIN-DELAY", PB_POP3_CODE_LOGIN_DELAY },
};

void
pb_pop3_reply_free (PbPop3Reply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->response_code);
  g_free (reply->text);
  g_free (reply->line);
  g_free (reply);
}

gboolean
pb_pop3_set_protocol_error (GError    **error,
                            const char *what)
{
  g_set_error (error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
               /* Translators: %s says what is wrong, e.g. "line too long" */
               _("Malformed POP3 response: %s"), what);
  return FALSE;
}

/* RFC 2449 8: codes are hierarchical and a client that knows a level knows what a deeper
 * one it does not know belongs to ("SYS/TEMP/QUOTA" is still SYS/TEMP). */
static PbPop3Code
classify_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_codes); i++)
    {
      const char *name = known_codes[i].name;
      gsize n = strlen (name);

      if (strncmp (code, name, n) == 0 && (code[n] == '\0' || code[n] == '/'))
        return known_codes[i].code;
    }
  return PB_POP3_CODE_OTHER;
}

/* resp-code = "[" resp-level *("/" resp-level) "]", a level being printable ASCII but
 * space, "[", "]" and "/". Returns the length up to and with "]", or 0: then the bracket
 * is the server's text, not a code. */
static gsize
code_length (const char *p,
             gsize       len)
{
  gboolean level_empty = TRUE;

  if (len == 0 || p[0] != '[')
    return 0;
  for (gsize i = 1; i < len && i <= PB_POP3_MAX_CODE_LENGTH + 1; i++)
    {
      guchar c = p[i];

      if (c == ']')
        return level_empty ? 0 : i + 1;
      if (c == '/')
        {
          if (level_empty)
            return 0;
          level_empty = TRUE;
          continue;
        }
      if (c <= 0x20 || c >= 0x7f || c == '[')
        return 0;
      level_empty = FALSE;
    }
  return 0;
}

/* The status and where the rest of the line starts; FALSE when the line has none. */
static gboolean
parse_status (const char   *line,
              gsize         len,
              PbPop3Status *status,
              gsize        *rest)
{
  if (len >= 3 && g_ascii_strncasecmp (line, "+OK", 3) == 0 && (len == 3 || line[3] == ' '))
    *status = PB_POP3_STATUS_OK, *rest = 3;
  else if (len >= 4 && g_ascii_strncasecmp (line, "-ERR", 4) == 0 &&
           (len == 4 || line[4] == ' '))
    *status = PB_POP3_STATUS_ERR, *rest = 4;
  else if (len >= 1 && line[0] == '+' && (len == 1 || line[1] == ' '))
    *status = PB_POP3_STATUS_CONTINUE, *rest = 1;
  else
    return FALSE;
  if (*rest < len)
    (*rest)++;
  return TRUE;
}

/* A line refused: what (N_()) is translated only when there is an error to set, as a
 * client reading many lines may not want one. */
static gboolean
refuse (GError     **error,
        const char  *what)
{
  return error != NULL ? pb_pop3_set_protocol_error (error, _(what)) : FALSE;
}

gboolean
pb_pop3_reply_parse (const char   *line,
                     gsize         len,
                     PbPop3Reply **out,
                     GError      **error)
{
  g_autoptr(PbPop3Reply) reply = NULL;
  PbPop3Status status;
  gsize rest = 0, code_len;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = NULL;
  if (len > PB_POP3_MAX_LINE_LENGTH)
    return refuse (error, N_("line too long"));
  if (memchr (line, '\0', len) != NULL)
    return refuse (error, N_("NUL byte"));
  if (!parse_status (line, len, &status, &rest))
    return refuse (error, N_("no +OK or -ERR"));

  reply = g_new0 (PbPop3Reply, 1);
  reply->status = status;
  reply->line = pb_text_make_safe (line, len, "\t");
  /* A continuation carries base64, never a code. */
  code_len = status != PB_POP3_STATUS_CONTINUE ? code_length (line + rest, len - rest) : 0;
  if (code_len > 0)
    {
      reply->response_code = g_ascii_strup (line + rest + 1, code_len - 2);
      reply->code = classify_code (reply->response_code);
      rest += code_len;
      if (rest < len && line[rest] == ' ')
        rest++;
    }
  /* What comes before the text (status, code, blanks) is printable ASCII, which cleaning
   * keeps as it is and which ends any UTF-8 sequence: the text cleaned is the clean line's
   * end. */
  reply->text = g_strdup (reply->line + rest);
  *out = g_steal_pointer (&reply);
  return TRUE;
}

/* What each meaning of a -ERR is called, before the server's own words. */
static const struct {
  PbPop3Error  error;
  const char  *what;
} error_texts[] = {
  { PB_POP3_ERROR_AUTH_FAILED, N_("The server refused the login") },
  { PB_POP3_ERROR_IN_USE, N_("The mailbox is in use by another session") },
  { PB_POP3_ERROR_LOGIN_DELAY, N_("The server allows no new login yet") },
  { PB_POP3_ERROR_TEMPORARY, N_("The server has a temporary problem") },
  { PB_POP3_ERROR_PERMANENT, N_("The server has a lasting problem") },
};

static PbPop3Error
error_of_code (PbPop3Code  code,
               PbPop3Error fallback)
{
  switch (code)
    {
    case PB_POP3_CODE_AUTH:
      return PB_POP3_ERROR_AUTH_FAILED;
    case PB_POP3_CODE_SYS_TEMP:
      return PB_POP3_ERROR_TEMPORARY;
    case PB_POP3_CODE_SYS_PERM:
      return PB_POP3_ERROR_PERMANENT;
    case PB_POP3_CODE_IN_USE:
      return PB_POP3_ERROR_IN_USE;
    case PB_POP3_CODE_LOGIN_DELAY:
      return PB_POP3_ERROR_LOGIN_DELAY;
    case PB_POP3_CODE_NONE:
    case PB_POP3_CODE_OTHER:
    default:
      return fallback;
    }
}

GError *
pb_pop3_reply_to_error (const PbPop3Reply *reply,
                        PbPop3Error        fallback)
{
  PbPop3Error code = error_of_code (reply->code, fallback);
  const char *what = N_("The server refused");

  for (guint i = 0; i < G_N_ELEMENTS (error_texts); i++)
    {
      if (error_texts[i].error == code)
        what = error_texts[i].what;
    }
  /* The server's whole answer follows ours, e.g. "-ERR [AUTH] Authentication failed." */
  return g_error_new (PB_POP3_ERROR, code, "%s: %s", _(what), reply->line);
}

gboolean
pb_pop3_multiline_unstuff (const char  *line,
                           const char **content)
{
  if (line[0] == '.' && line[1] == '\0')
    return FALSE;
  *content = line[0] == '.' ? line + 1 : line;
  return TRUE;
}
