/* pb-check-message.c: the test message (RFC 5322, MIME, RFC 2047 subject)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-check-message.h"

/* RFC 5322 dates are English whatever the locale, so no strftime %a/%b. */
static char *
rfc5322_date (GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                         "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset_min = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;

  return g_strdup_printf ("%s, %d %s %d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date), g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          offset_min < 0 ? '-' : '+',
                          (int) (ABS (offset_min) / 60), (int) (ABS (offset_min) % 60));
}

/* An encoded-word per 45 bytes keeps each under 75 characters (RFC 2047 2), split only
 * between UTF-8 characters. */
char *
pb_check_encode_header_text (const char *text)
{
  GString *out;
  const char *p = text;

  if (g_str_is_ascii (text))
    return g_strdup (text);
  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end != '\0' && (gsize) (g_utf8_next_char (end) - p) <= 45)
        end = g_utf8_next_char (end);
      b64 = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", p == text ? "" : "\r\n ", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

static void
append_base64_body (GString    *out,
                    const char *body)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) body, strlen (body));
  gsize len = strlen (b64);

  for (gsize i = 0; i < len; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, len - i));
      g_string_append (out, "\r\n");
    }
}

static char *
domain_of (const char *address)
{
  const char *at = strrchr (address, '@');

  return g_strdup (at && at[1] ? at + 1 : "postbote.invalid");
}

/* The From field's value: the name as a quoted string (ASCII) or encoded-words, then the
 * address; a name is typed text, so no control character (no CR or LF) gets through. */
static char *
from_field (const char *from,
            const char *name)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autoptr(GString) quoted = NULL;
  g_autofree char *encoded = NULL;

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_iscntrl (g_utf8_get_char (p)))
      g_string_append_unichar (clean, g_utf8_get_char (p));
  g_strstrip (clean->str);
  clean->len = strlen (clean->str);
  if (clean->len == 0 || !g_utf8_validate (clean->str, -1, NULL))
    return g_strdup_printf ("<%s>", from);
  if (!g_str_is_ascii (clean->str))
    {
      encoded = pb_check_encode_header_text (clean->str);
      return g_strdup_printf ("%s <%s>", encoded, from);
    }
  quoted = g_string_new ("\"");
  for (const char *p = clean->str; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  return g_strdup_printf ("%s\" <%s>", quoted->str, from);
}

char *
pb_check_build_test_message (const char  *from,
                             const char  *from_name,
                             const char  *to,
                             const char  *settings_text,
                             gboolean     eight_bit,
                             GDateTime   *date,
                             char       **message_id)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date_text = rfc5322_date (date);
  g_autofree char *domain = domain_of (from);
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject = pb_check_encode_header_text (_("Postbote test message"));
  g_autofree char *from_field_text = from_field (from, from_name);
  guint32 r1 = g_random_int (), r2 = g_random_int ();

  id = g_strdup_printf ("<%08x%08x.%" G_GINT64_FORMAT ".postbote@%s>", r1, r2,
                        g_date_time_to_unix (date), domain);
  body = g_strdup_printf ("%s\n\n%s\n%s\n%s\n\n%s\n",
                          _("This is a test message from Postbote. Your outgoing server "
                            "accepted it, so sending mail with these settings works."),
                          _("Tested settings:"),
                          settings_text,
                          _("Characters for checking the encoding: äöü ß € ✉"),
                          _("You can delete this message."));

  g_string_append_printf (out, "Date: %s\r\n", date_text);
  g_string_append_printf (out, "Message-ID: %s\r\n", id);
  g_string_append_printf (out, "From: %s\r\n", from_field_text);
  g_string_append_printf (out, "To: <%s>\r\n", to);
  g_string_append_printf (out, "Subject: %s\r\n", subject);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n");
  g_string_append (out, "Auto-Submitted: auto-generated\r\n");
  g_string_append (out, "X-Mailer: Postbote " PACKAGE_VERSION "\r\n");
  if (eight_bit)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);

      g_string_append (out, "Content-Transfer-Encoding: 8bit\r\n\r\n");
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i + 1] == NULL && lines[i][0] == '\0')
            break;
          g_string_append_printf (out, "%s\r\n", lines[i]);
        }
    }
  else
    {
      g_string_append (out, "Content-Transfer-Encoding: base64\r\n\r\n");
      append_base64_body (out, body);
    }

  if (message_id != NULL)
    *message_id = g_steal_pointer (&id);
  return g_string_free (out, FALSE);
}
