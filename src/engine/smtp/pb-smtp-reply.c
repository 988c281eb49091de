/* pb-smtp-reply.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-sasl.h"
#include "pb-smtp-reply.h"
#include "pb-text.h"

G_DEFINE_QUARK (pb-smtp-error-quark, pb_smtp_error)

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

/* Redaction. Servers echo what they got (an AUTH payload in a 535, the password in a 550
 * to MAIL FROM), and replies go into transcripts and tickets. Each secret is looked for in
 * the raw bytes, before cleaning changes a control character in it, and in the text of all
 * lines taken as one, so that a secret split over two lines is found as well. */

#define REDACTED "<redacted>"

typedef struct {
  gsize start;    /* offsets into the lines' text, joined without separators */
  gsize end;
} SecretRange;

/* Where the text of a line starts that a secret can be part of: after "NNN-" and after an
 * enhanced status code, which servers repeat on each line of a wrapped reply. */
static gsize
text_start (const char     *data,
            const LineSpan *span)
{
  gsize consumed = 0;

  if (span->len <= 4)
    return span->len;
  if (pb_smtp_enhanced_code_parse (data + span->start + 4, span->len - 4, NULL, NULL, NULL,
                                   &consumed) && 4 + consumed < span->len)
    return 4 + consumed + 1;
  return 4;
}

static gint
by_start (gconstpointer a,
          gconstpointer b)
{
  const SecretRange *ra = a, *rb = b;

  return ra->start < rb->start ? -1 : ra->start > rb->start ? 1 : 0;
}

/* Sorts the ranges and merges those that overlap. */
static void
merge_ranges (GArray *ranges)
{
  guint kept = 0;

  g_array_sort (ranges, by_start);
  for (guint i = 0; i < ranges->len; i++)
    {
      SecretRange r = g_array_index (ranges, SecretRange, i);
      SecretRange *last = kept > 0 ? &g_array_index (ranges, SecretRange, kept - 1) : NULL;

      if (last != NULL && r.start < last->end)
        last->end = MAX (last->end, r.end);
      else
        g_array_index (ranges, SecretRange, kept++) = r;
    }
  g_array_set_size (ranges, kept);
}

/* Every occurrence of every secret in the lines' text, merged; NULL when there is none. */
static GArray *
find_secrets (const char         *data,
              const LineSpan     *spans,
              guint               n_lines,
              const char * const *secrets)
{
  g_autoptr(GString) joined = NULL;
  GArray *ranges;

  if (secrets == NULL || secrets[0] == NULL)
    return NULL;
  joined = g_string_new (NULL);
  for (guint i = 0; i < n_lines; i++)
    {
      gsize start = text_start (data, &spans[i]);

      g_string_append_len (joined, data + spans[i].start + start, spans[i].len - start);
    }

  ranges = g_array_new (FALSE, FALSE, sizeof (SecretRange));
  for (guint s = 0; secrets[s] != NULL; s++)
    {
      gsize slen = strlen (secrets[s]);
      const char *hit;

      for (const char *p = joined->str; slen > 0 && (hit = strstr (p, secrets[s])); p = hit + 1)
        {
          SecretRange r = { hit - joined->str, hit - joined->str + slen };

          /* Base64 secrets are kept without padding; the padding goes with them. */
          for (guint pad = 0; pad < 2 && joined->str[r.end] == '='; pad++)
            r.end++;
          g_array_append_val (ranges, r);
        }
    }
  explicit_bzero (joined->str, joined->len);
  if (ranges->len == 0)
    return g_array_unref (ranges), NULL;
  merge_ranges (ranges);
  return ranges;
}

/* Line i as received (code and separator included), each secret's part in it replaced. */
static char *
redact_line (const char     *data,
             const LineSpan *spans,
             guint           i,
             const GArray   *ranges)
{
  gsize start = text_start (data, &spans[i]);
  const char *text = data + spans[i].start + start;
  gsize offset = 0, text_len = spans[i].len - start, pos = 0;
  GString *out = g_string_sized_new (spans[i].len + 16);

  for (guint j = 0; j < i; j++)
    offset += spans[j].len - text_start (data, &spans[j]);
  g_string_append_len (out, data + spans[i].start, start);
  for (guint r = 0; r < ranges->len; r++)
    {
      const SecretRange *range = &g_array_index (ranges, SecretRange, r);

      if (range->end <= offset || range->start >= offset + text_len)
        continue;
      g_string_append_len (out, text + pos, MAX (range->start, offset) - offset - pos);
      g_string_append (out, REDACTED);
      pos = MIN (range->end, offset + text_len) - offset;
    }
  g_string_append_len (out, text + pos, text_len - pos);
  return g_string_free (out, FALSE);
}

PbSmtpParseResult
pb_smtp_reply_parse (const char   *data,
                     gsize         len,
                     PbSmtpReply **out,
                     gsize        *consumed,
                     GError      **error)
{
  return pb_smtp_reply_parse_redacted (data, len, NULL, out, consumed, error);
}

PbSmtpParseResult
pb_smtp_reply_parse_redacted (const char          *data,
                              gsize                len,
                              const char * const  *secrets,
                              PbSmtpReply        **out,
                              gsize               *consumed,
                              GError             **error)
{
  LineSpan spans[PB_SMTP_MAX_REPLY_LINES];
  g_autoptr(GArray) secret_ranges = NULL;
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
      /* check_prefix() wants three digits before the line end: no line is shorter. */
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
  secret_ranges = find_secrets (data, spans, n_lines, secrets);
  text = g_string_sized_new (pos);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = data + spans[i].start;
      g_autofree char *raw = secret_ranges ? redact_line (data, spans, i, secret_ranges) : NULL;
      g_autofree char *whole = raw ? clean_text (raw, strlen (raw))
                                   : clean_text (line, spans[i].len);
      /* The first four bytes are ASCII (digits, then the separator or a stray CR that
       * became the three bytes of U+FFFD), so the text after them is a suffix of "whole". */
      gsize skip = 3 + (line[3] == '\r' ? 3 : 1);

      reply->lines[i] = g_strdup (spans[i].len > 4 ? whole + skip : "");
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, whole);
      if (raw != NULL)
        explicit_bzero (raw, strlen (raw));
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
      pb_sasl_add_mechanisms (mechs, args);
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
