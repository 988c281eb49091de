/* pb-smtp-reply.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-smtp-reply.h"
#include "pb-text.h"

G_DEFINE_QUARK (pb-smtp-error-quark, pb_smtp_error)

#define MAX_MECHANISMS 32
#define MAX_MECHANISM_LENGTH 20  /* RFC 4422 */

void
pb_smtp_reply_free (PbSmtpReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->enhanced_code);
  g_strfreev (reply->lines);
  g_free (reply->text);
  g_free (reply);
}

gboolean
pb_smtp_reply_is_positive (const PbSmtpReply *reply)
{
  return reply != NULL && reply->code >= 200 && reply->code < 400;
}

static char *
redact_string (char       *text,
               const char *secret)
{
  GString *out;
  const char *p = text, *hit;

  if (strstr (text, secret) == NULL)
    return text;
  out = g_string_new (NULL);
  while ((hit = strstr (p, secret)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "<redacted>");
      p = hit + strlen (secret);
    }
  g_string_append (out, p);
  explicit_bzero (text, strlen (text));
  g_free (text);
  return g_string_free (out, FALSE);
}

static gint
by_length_descending (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

void
pb_smtp_reply_redact (PbSmtpReply        *reply,
                      const char * const *secrets,
                      guint               n_secrets)
{
  /* Longest first: a password inside a longer payload must not break that payload's match. */
  g_autofree const char **sorted = g_memdup2 (secrets, n_secrets * sizeof *secrets);

  g_qsort_with_data (sorted, n_secrets, sizeof *sorted, by_length_descending, NULL);
  for (guint s = 0; s < n_secrets; s++)
    {
      if (sorted[s][0] == '\0')
        continue;
      for (guint i = 0; i < reply->n_lines; i++)
        reply->lines[i] = redact_string (reply->lines[i], sorted[s]);
      reply->text = redact_string (reply->text, sorted[s]);
    }
}

static gboolean
protocol_error (GError **error,
                const char *what)
{
  g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL,
               /* Translators: %s says what is wrong, e.g. "line too long" */
               _("Malformed server reply: %s"), what);
  return FALSE;
}

/* Checks as much of "NNN-" / "NNN " as has arrived, so garbage (a TLS record, an HTTP
 * banner) is refused at once instead of waiting for a line end that never comes. */
static gboolean
check_prefix (const char *p,
              gsize       len,
              GError    **error)
{
  static const char lo[] = "200", hi[] = "559";

  for (gsize i = 0; i < MIN (len, 3); i++)
    {
      if (p[i] < lo[i] || p[i] > hi[i])
        return protocol_error (error, _("no reply code"));
    }
  if (len > 3 && p[3] != '-' && p[3] != ' ' && p[3] != '\r' && p[3] != '\n')
    return protocol_error (error, _("no separator after the reply code"));
  return TRUE;
}

static guint
code_of (const char *p)
{
  return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

/* Server text is untrusted and may land on a terminal; a tab may stay. */
static char *
clean_text (const char *p,
            gsize       len)
{
  return pb_text_make_safe (p, len, "\t");
}

gboolean
pb_smtp_enhanced_code_parse (const char *text,
                             gsize       len,
                             guint      *klass,
                             guint      *subject,
                             guint      *detail,
                             gsize      *consumed)
{
  guint parts[3] = { 0, 0, 0 };
  gsize pos = 0;

  for (guint part = 0; part < 3; part++)
    {
      gsize digits = 0;

      while (pos < len && g_ascii_isdigit (text[pos]) && digits < 4)
        {
          parts[part] = parts[part] * 10 + (text[pos] - '0');
          pos++;
          digits++;
        }
      if (digits == 0 || digits > (part == 0 ? 1 : 3))
        return FALSE;
      if (part < 2)
        {
          if (pos >= len || text[pos] != '.')
            return FALSE;
          pos++;
        }
    }
  if (pos < len && text[pos] != ' ' && text[pos] != '\t')
    return FALSE;
  if (parts[0] != 2 && parts[0] != 4 && parts[0] != 5)
    return FALSE;

  if (klass)
    *klass = parts[0];
  if (subject)
    *subject = parts[1];
  if (detail)
    *detail = parts[2];
  if (consumed)
    *consumed = pos;
  return TRUE;
}

typedef struct {
  gsize start;
  gsize len;      /* without CR LF */
} LineSpan;

PbSmtpParseResult
pb_smtp_reply_parse (const char   *data,
                     gsize         len,
                     PbSmtpReply **out,
                     gsize        *consumed,
                     GError      **error)
{
  LineSpan spans[PB_SMTP_MAX_REPLY_LINES];
  guint n_lines = 0;
  gsize pos = 0;
  gboolean done = FALSE;
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GString) text = NULL;
  guint klass;

  g_return_val_if_fail (out != NULL, PB_SMTP_PARSE_ERROR);
  *out = NULL;
  if (consumed)
    *consumed = 0;

  while (!done)
    {
      gsize avail = len - pos;
      gsize scan = MIN (avail, PB_SMTP_MAX_LINE_LENGTH + 2);
      const char *nl;
      gsize line_len;

      if (avail == 0)
        return PB_SMTP_PARSE_INCOMPLETE;
      if (memchr (data + pos, '\0', scan) != NULL)
        return protocol_error (error, _("NUL byte")), PB_SMTP_PARSE_ERROR;
      if (!check_prefix (data + pos, avail, error))
        return PB_SMTP_PARSE_ERROR;

      nl = memchr (data + pos, '\n', scan);
      if (nl == NULL)
        {
          if (avail > PB_SMTP_MAX_LINE_LENGTH + 1)
            return protocol_error (error, _("line too long")), PB_SMTP_PARSE_ERROR;
          return PB_SMTP_PARSE_INCOMPLETE;
        }

      line_len = nl - (data + pos);
      if (line_len > 0 && data[pos + line_len - 1] == '\r')
        line_len--;
      if (line_len > PB_SMTP_MAX_LINE_LENGTH)
        return protocol_error (error, _("line too long")), PB_SMTP_PARSE_ERROR;
      if (line_len < 3)
        return protocol_error (error, _("line too short")), PB_SMTP_PARSE_ERROR;
      if (n_lines > 0 && code_of (data + pos) != code_of (data + spans[0].start))
        return protocol_error (error, _("reply code changes within a reply")), PB_SMTP_PARSE_ERROR;
      if (n_lines == PB_SMTP_MAX_REPLY_LINES)
        return protocol_error (error, _("too many lines")), PB_SMTP_PARSE_ERROR;

      spans[n_lines].start = pos;
      spans[n_lines].len = line_len;
      n_lines++;
      done = line_len == 3 || data[pos + 3] != '-';
      pos = (nl - data) + 1;
    }

  reply = g_new0 (PbSmtpReply, 1);
  reply->code = code_of (data + spans[0].start);
  reply->n_lines = n_lines;
  reply->lines = g_new0 (char *, n_lines + 1);
  text = g_string_sized_new (pos);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = data + spans[i].start;
      g_autofree char *whole = clean_text (line, spans[i].len);
      /* The first four bytes are ASCII (digits, then the separator or a stray CR that
       * became the three bytes of U+FFFD), so the text after them is a suffix of "whole". */
      gsize skip = 3 + (line[3] == '\r' ? 3 : 1);

      reply->lines[i] = g_strdup (spans[i].len > 4 ? whole + skip : "");
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, whole);
    }
  reply->text = g_string_free (g_steal_pointer (&text), FALSE);

  if (pb_smtp_enhanced_code_parse (reply->lines[0], strlen (reply->lines[0]),
                                   &klass, NULL, NULL, NULL) &&
      klass == reply->code / 100)
    {
      const char *end = strpbrk (reply->lines[0], " \t");

      reply->enhanced_code = end ? g_strndup (reply->lines[0], end - reply->lines[0])
                                 : g_strdup (reply->lines[0]);
    }

  if (consumed)
    *consumed = pos;
  *out = g_steal_pointer (&reply);
  return PB_SMTP_PARSE_COMPLETE;
}

/* Capabilities */

static const struct {
  const char     *keyword;
  PbSmtpCapFlags  flag;
} cap_keywords[] = {
  { "STARTTLS", PB_SMTP_CAP_STARTTLS },
  { "AUTH", PB_SMTP_CAP_AUTH },
  { "SIZE", PB_SMTP_CAP_SIZE },
  { "PIPELINING", PB_SMTP_CAP_PIPELINING },
  { "8BITMIME", PB_SMTP_CAP_8BITMIME },
  { "SMTPUTF8", PB_SMTP_CAP_SMTPUTF8 },
  { "CHUNKING", PB_SMTP_CAP_CHUNKING },
  { "ENHANCEDSTATUSCODES", PB_SMTP_CAP_ENHANCEDSTATUSCODES },
  { "DSN", PB_SMTP_CAP_DSN },
};

const char *
pb_smtp_cap_flag_to_string (PbSmtpCapFlags flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (cap_keywords); i++)
    {
      if (cap_keywords[i].flag == flag)
        return cap_keywords[i].keyword;
    }
  return NULL;
}

void
pb_smtp_capabilities_free (PbSmtpCapabilities *caps)
{
  if (caps == NULL)
    return;
  g_strfreev (caps->auth_mechanisms);
  g_strfreev (caps->keywords);
  g_free (caps->greeting_name);
  g_free (caps);
}

gboolean
pb_smtp_capabilities_has_mechanism (const PbSmtpCapabilities *caps,
                                    const char               *mechanism)
{
  return caps != NULL && caps->auth_mechanisms != NULL &&
         g_strv_contains ((const char * const *) caps->auth_mechanisms, mechanism);
}

static gboolean
is_mechanism_name (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_MECHANISM_LENGTH)
    return FALSE;
  for (; *s; s++)
    {
      if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
        return FALSE;
    }
  return TRUE;
}

static void
add_mechanisms (GPtrArray  *mechs,
                const char *list)
{
  g_auto(GStrv) tokens = g_strsplit_set (list, " \t", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *up = g_ascii_strup (tokens[i], -1);
      gboolean dup = FALSE;

      if (!is_mechanism_name (up) || mechs->len >= MAX_MECHANISMS)
        continue;
      for (guint j = 0; j < mechs->len && !dup; j++)
        dup = g_str_equal (mechs->pdata[j], up);
      if (!dup)
        g_ptr_array_add (mechs, g_steal_pointer (&up));
    }
}

static void
parse_keyword_line (PbSmtpCapabilities *caps,
                    GPtrArray          *mechs,
                    const char         *line)
{
  gsize kw_len = strcspn (line, " =");
  g_autofree char *keyword = g_ascii_strup (line, kw_len);
  const char *args = line[kw_len] != '\0' ? line + kw_len + 1 : "";

  for (guint i = 0; i < G_N_ELEMENTS (cap_keywords); i++)
    {
      if (g_str_equal (keyword, cap_keywords[i].keyword))
        caps->flags |= cap_keywords[i].flag;
    }

  if (g_str_equal (keyword, "AUTH"))
    {
      /* "AUTH=LOGIN PLAIN" is the pre-RFC form that old Outlook-era servers still send. */
      add_mechanisms (mechs, args);
    }
  else if (g_str_equal (keyword, "SIZE") && line[kw_len] == ' ')
    {
      g_autofree char *number = g_strstrip (g_strdup (args));
      guint64 limit = 0;

      if (g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT64, &limit, NULL))
        caps->size_limit = limit;
    }
}

PbSmtpCapabilities *
pb_smtp_capabilities_from_reply (const PbSmtpReply *reply)
{
  PbSmtpCapabilities *caps = g_new0 (PbSmtpCapabilities, 1);
  g_autoptr(GPtrArray) mechs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) keywords = g_strv_builder_new ();

  g_return_val_if_fail (reply != NULL, caps);

  caps->greeting_name = g_strdup (reply->n_lines > 0 ? reply->lines[0] : "");
  for (guint i = 1; i < reply->n_lines; i++)
    {
      g_strv_builder_add (keywords, reply->lines[i]);
      parse_keyword_line (caps, mechs, reply->lines[i]);
    }
  g_ptr_array_add (mechs, NULL);
  caps->auth_mechanisms = (char **) g_ptr_array_free (g_steal_pointer (&mechs), FALSE);
  caps->keywords = g_strv_builder_end (keywords);
  return caps;
}

gboolean
pb_smtp_capabilities_parse (const char          *data,
                            gsize                len,
                            PbSmtpCapabilities **out,
                            GError             **error)
{
  g_autoptr(PbSmtpReply) reply = NULL;

  *out = NULL;
  switch (pb_smtp_reply_parse (data, len, &reply, NULL, error))
    {
    case PB_SMTP_PARSE_ERROR:
      return FALSE;
    case PB_SMTP_PARSE_INCOMPLETE:
      return protocol_error (error, _("incomplete EHLO reply"));
    case PB_SMTP_PARSE_COMPLETE:
    default:
      break;
    }
  if (reply->code != 250)
    {
      g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY, _("EHLO refused: %s"), reply->text);
      return FALSE;
    }
  *out = pb_smtp_capabilities_from_reply (reply);
  return TRUE;
}
