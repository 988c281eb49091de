/* pb-pop3-capabilities.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-capabilities.h"
#include "pb-pop3-reply.h"
#include "pb-sasl.h"
#include "pb-text.h"

static const struct {
  const char     *keyword;
  PbPop3CapFlags  flag;
} cap_keywords[] = {
  { "STLS", PB_POP3_CAP_STLS },
  { "SASL", PB_POP3_CAP_SASL },
  { "USER", PB_POP3_CAP_USER },
  { "PIPELINING", PB_POP3_CAP_PIPELINING },
  { "RESP-CODES", PB_POP3_CAP_RESP_CODES },
  { "AUTH-RESP-CODE", PB_POP3_CAP_AUTH_RESP_CODE },
  { "IMPLEMENTATION", PB_POP3_CAP_IMPLEMENTATION },
  { "LOGIN-DELAY", PB_POP3_CAP_LOGIN_DELAY },
  { "EXPIRE", PB_POP3_CAP_EXPIRE },
  { "TOP", PB_POP3_CAP_TOP },
  { "UIDL", PB_POP3_CAP_UIDL },
  { "UTF8", PB_POP3_CAP_UTF8 },
};

void
pb_pop3_capabilities_free (PbPop3Capabilities *caps)
{
  if (caps == NULL)
    return;
  g_strfreev (caps->sasl_mechanisms);
  g_strfreev (caps->lines);
  g_free (caps->implementation);
  g_free (caps);
}

PbPop3Capabilities *
pb_pop3_capabilities_new_none (void)
{
  PbPop3Capabilities *caps = g_new0 (PbPop3Capabilities, 1);

  caps->sasl_mechanisms = g_new0 (char *, 1);
  caps->lines = g_new0 (char *, 1);
  return caps;
}

gboolean
pb_pop3_capabilities_has_mechanism (const PbPop3Capabilities *caps,
                                    const char               *mechanism)
{
  return caps != NULL && caps->sasl_mechanisms != NULL &&
         g_strv_contains ((const char * const *) caps->sasl_mechanisms, mechanism);
}

/* The first word of args as a number of seconds or days; "NEVER" for EXPIRE. */
static gboolean
parse_count (const char *args,
             guint64    *value)
{
  g_autofree char *word = g_strndup (args, strcspn (args, " \t"));

  return g_ascii_string_to_unsigned (word, 10, 0, G_MAXINT, value, NULL);
}

static void
parse_arguments (PbPop3Capabilities *caps,
                 GPtrArray          *mechs,
                 PbPop3CapFlags      flag,
                 const char         *args)
{
  guint64 value = 0;

  switch (flag)
    {
    case PB_POP3_CAP_SASL:
      pb_sasl_add_mechanisms (mechs, args);
      break;
    case PB_POP3_CAP_IMPLEMENTATION:
      g_free (caps->implementation);
      caps->implementation = pb_text_make_safe (args, -1, "\t");
      break;
    case PB_POP3_CAP_LOGIN_DELAY:
      if (parse_count (args, &value))
        caps->login_delay = value;
      break;
    case PB_POP3_CAP_EXPIRE:
      if (g_ascii_strncasecmp (args, "NEVER", 5) == 0)
        caps->expire_days = PB_POP3_EXPIRE_NEVER;
      else if (parse_count (args, &value))
        caps->expire_days = value;
      break;
    default:
      break;
    }
}

static void
parse_line (PbPop3Capabilities *caps,
            GPtrArray          *mechs,
            const char         *line)
{
  gsize kw_len = strcspn (line, " \t");
  const char *args = line + kw_len;

  while (*args == ' ' || *args == '\t')
    args++;
  /* The keyword in any case (RFC 2449 6), compared in place. */
  for (guint i = 0; i < G_N_ELEMENTS (cap_keywords); i++)
    {
      const char *keyword = cap_keywords[i].keyword;

      if (strlen (keyword) != kw_len || g_ascii_strncasecmp (line, keyword, kw_len) != 0)
        continue;
      caps->flags |= cap_keywords[i].flag;
      parse_arguments (caps, mechs, cap_keywords[i].flag, args);
    }
}

PbPop3Capabilities *
pb_pop3_capabilities_new_from_lines (const char * const *lines,
                                     guint               n_lines)
{
  PbPop3Capabilities *caps = g_new0 (PbPop3Capabilities, 1);
  guint n = MIN (n_lines, PB_POP3_MAX_MULTILINE_LINES);
  g_autoptr(GPtrArray) mechs = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *shown = g_ptr_array_sized_new (n + 1);

  caps->announced = TRUE;
  for (guint i = 0; i < n; i++)
    {
      char *clean = pb_text_make_safe (lines[i], -1, "\t");

      parse_line (caps, mechs, clean);
      g_ptr_array_add (shown, clean);
    }
  g_ptr_array_add (mechs, NULL);
  g_ptr_array_add (shown, NULL);
  caps->sasl_mechanisms = (char **) g_ptr_array_free (g_steal_pointer (&mechs), FALSE);
  caps->lines = (char **) g_ptr_array_free (shown, FALSE);
  return caps;
}

/* The next line of data from *pos, without its line end; NULL when no line end comes within
 * the limit. */
static char *
next_line (const char *data,
           gsize       len,
           gsize      *pos,
           gsize      *line_len)
{
  gsize avail = len - *pos;
  const char *start = data + *pos;
  const char *nl = memchr (start, '\n', MIN (avail, PB_POP3_MAX_LINE_LENGTH + 2));
  gsize n;

  if (nl == NULL)
    return NULL;
  n = nl - start;
  *pos += n + 1;
  if (n > 0 && start[n - 1] == '\r')
    n--;
  *line_len = n;
  return g_strndup (start, n);
}

/* The lines after the status line up to ".", unstuffed. */
static gboolean
parse_body (const char *data,
            gsize       len,
            gsize       pos,
            GPtrArray  *lines,
            GError    **error)
{
  for (;;)
    {
      gsize line_len = 0;
      g_autofree char *line = next_line (data, len, &pos, &line_len);
      const char *content;

      if (line == NULL)
        return pb_pop3_set_protocol_error (error, _("incomplete response"));
      if (line_len > PB_POP3_MAX_LINE_LENGTH)
        return pb_pop3_set_protocol_error (error, _("line too long"));
      if (strlen (line) != line_len)
        return pb_pop3_set_protocol_error (error, _("NUL byte"));
      if (!pb_pop3_multiline_unstuff (line, &content))
        return TRUE;
      if (lines->len == PB_POP3_MAX_MULTILINE_LINES)
        return pb_pop3_set_protocol_error (error, _("too many lines"));
      /* The line itself, unless a stuffed dot came off. */
      g_ptr_array_add (lines, content == line ? g_steal_pointer (&line) : g_strdup (content));
    }
}

gboolean
pb_pop3_capabilities_parse (const char          *data,
                            gsize                len,
                            PbPop3Capabilities **out,
                            GError             **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbPop3Reply) status = NULL;
  g_autofree char *first = NULL;
  gsize pos = 0, first_len = 0;

  *out = NULL;
  first = next_line (data, len, &pos, &first_len);
  if (first == NULL)
    return pb_pop3_set_protocol_error (error, _("incomplete response"));
  if (!pb_pop3_reply_parse (first, first_len, &status, error))
    return FALSE;
  if (status->status == PB_POP3_STATUS_ERR)
    {
      *out = pb_pop3_capabilities_new_none ();
      return TRUE;
    }
  if (status->status != PB_POP3_STATUS_OK)
    return pb_pop3_set_protocol_error (error, _("no +OK or -ERR"));
  if (!parse_body (data, len, pos, lines, error))
    return FALSE;
  *out = pb_pop3_capabilities_new_from_lines ((const char * const *) lines->pdata, lines->len);
  return TRUE;
}
