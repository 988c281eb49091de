/* fuzz-report.c: the text and JSON reports of a check, with hostile server text in them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split at NUL bytes into fields. The first byte picks the outcome (ok or not,
 * the stage, the certificate flags); field 1 is a server reply as bytes, which goes through
 * the real reply parser into the reply text, the capabilities and the transcript as the
 * client would log them; the other fields go in raw, as a hostile certificate (subject,
 * issuer), host name, error message and user name could bring them.
 *
 * The text report goes to a terminal: no control character but the newline may come out
 * (an escape sequence from a server must not reach the support person's terminal). The
 * JSON report must be well-formed JSON in valid UTF-8.
 */
#include "config.h"

#include <string.h>

#include "pb-check.h"
#include "pb-diagnosis-classify.h"
#include "pb-fuzz.h"
#include "pb-report.h"
#include "pb-smtp-reply.h"
#include "pb-transcript.h"

enum { F_REPLY, F_SUBJECT, F_ISSUER, F_HOST, F_ERROR, F_USER, N_FIELDS };

static void
transcript_line_free (gpointer data)
{
  PbTranscriptLine *line = data;

  g_free (line->text);
  g_free (line);
}

static void
log_line (GPtrArray  *transcript,
          char        direction,
          char       *text)
{
  PbTranscriptLine *line = g_new0 (PbTranscriptLine, 1);

  line->ms = transcript->len;
  line->direction = direction;
  line->text = text;
  g_ptr_array_add (transcript, line);
}

/* The bytes of a JSON text are checked as a small grammar: values, strings with escapes,
 * nesting; enough to catch an unescaped quote or control character. */
static PB_FUZZ_NO_COVERAGE const char *json_value (const char *p, guint depth);

static PB_FUZZ_NO_COVERAGE const char *
json_ws (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

static PB_FUZZ_NO_COVERAGE const char *
json_string (const char *p)
{
  PB_FUZZ_ASSERT (*p == '"');
  for (p++; *p != '"'; p++)
    {
      PB_FUZZ_ASSERT ((guchar) *p >= 0x20);
      if (*p == '\\')
        {
          p++;
          PB_FUZZ_ASSERT (strchr ("\"\\/bfnrtu", *p) != NULL && *p != '\0');
          if (*p == 'u')
            for (guint i = 0; i < 4; i++)
              PB_FUZZ_ASSERT (g_ascii_isxdigit (*++p));
        }
    }
  return p + 1;
}

static PB_FUZZ_NO_COVERAGE const char *
json_container (const char *p,
                char        close,
                guint       depth)
{
  p = json_ws (p + 1);
  if (*p == close)
    return p + 1;
  for (;;)
    {
      if (close == '}')
        {
          p = json_ws (json_string (json_ws (p)));
          PB_FUZZ_ASSERT (*p == ':');
          p++;
        }
      p = json_ws (json_value (p, depth + 1));
      if (*p == close)
        return p + 1;
      PB_FUZZ_ASSERT (*p == ',');
      p++;
    }
}

static PB_FUZZ_NO_COVERAGE const char *
json_value (const char *p,
            guint       depth)
{
  PB_FUZZ_ASSERT (depth < 64);
  p = json_ws (p);
  switch (*p)
    {
    case '{':
      return json_container (p, '}', depth);
    case '[':
      return json_container (p, ']', depth);
    case '"':
      return json_string (p);
    default:
      break;
    }
  if (g_str_has_prefix (p, "true"))
    return p + 4;
  if (g_str_has_prefix (p, "false"))
    return p + 5;
  if (g_str_has_prefix (p, "null"))
    return p + 4;
  PB_FUZZ_ASSERT (*p == '-' || g_ascii_isdigit (*p));
  for (p++; g_ascii_isdigit (*p); p++)
    ;
  return p;
}

static PB_FUZZ_NO_COVERAGE void
check_json (const char *json)
{
  PB_FUZZ_ASSERT (g_utf8_validate (json, -1, NULL));
  PB_FUZZ_ASSERT (*json_ws (json_value (json, 0)) == '\0');
}

static void
fill_from_reply (PbCheckResult *r,
                 const char    *data,
                 gsize          len)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(PbSmtpCapabilities) caps = NULL;

  log_line (r->transcript, 'C', g_strdup ("EHLO [127.0.0.1]"));
  if (pb_smtp_reply_parse (data, len, &reply, NULL, NULL) != PB_SMTP_PARSE_COMPLETE)
    {
      log_line (r->transcript, '*', g_strdup ("<unparseable bytes from the server>"));
      return;
    }
  for (guint i = 0; i < reply->n_lines; i++)
    log_line (r->transcript, 'S', g_strdup_printf ("%u%c%s", reply->code,
                                                   i + 1 < reply->n_lines ? '-' : ' ',
                                                   reply->lines[i]));
  pb_failure_set_smtp_reply (&r->failure, reply->code, reply->enhanced_code, reply->text);
  caps = pb_smtp_capabilities_from_reply (reply);
  r->capabilities = g_strdupv (caps->keywords);
  r->auth_mechanisms = g_strdupv (caps->auth_mechanisms);
  r->size_limit = caps->size_limit;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PbCheckResult) r = NULL;
  const char *field[N_FIELDS] = { NULL };
  gsize field_len[N_FIELDS] = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *host = NULL;
  guint8 mode;
  gsize pos = 1;

  if (size < 1)
    return 0;
  mode = data[0];
  for (guint i = 0; i < N_FIELDS && pos <= size; i++)
    {
      const guint8 *nul = memchr (data + pos, '\0', size - pos);

      field[i] = (const char *) data + pos;
      field_len[i] = nul ? (gsize) (nul - (data + pos)) : size - pos;
      pos += field_len[i] + 1;
    }

  r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  r->transcript = g_ptr_array_new_with_free_func (transcript_line_free);
  host = field[F_HOST] ? g_strndup (field[F_HOST], field_len[F_HOST])
                       : g_strdup ("smtp.example.test");
  r->server = pb_server_config_new (PB_PROTOCOL_SMTP, host, 587, mode % 3,
                                    PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  r->address = g_strdup ("user@example.test");
  r->from = g_strdup (r->address);
  r->username = field[F_USER] ? g_strndup (field[F_USER], field_len[F_USER]) : NULL;
  if (field[F_REPLY] != NULL)
    fill_from_reply (r, field[F_REPLY], field_len[F_REPLY]);
  if (field[F_SUBJECT] != NULL)
    {
      r->tls_version = g_strdup ("TLS 1.3");
      r->tls_cipher = g_strdup ("TLS_AES_256_GCM_SHA384");
      r->cert_subject = g_strndup (field[F_SUBJECT], field_len[F_SUBJECT]);
      r->cert_issuer = field[F_ISSUER] ? g_strndup (field[F_ISSUER], field_len[F_ISSUER]) : NULL;
      r->cert_sha256 = g_strdup ("00:11");
      r->cert_errors = (mode >> 2) & G_TLS_CERTIFICATE_VALIDATE_ALL;
      r->cert_pinned = (mode & 0x80) != 0;
    }

  r->ok = (mode & 0x40) != 0 && pb_failure_get_smtp_code (&r->failure) < 400;
  r->authenticated = r->ok && r->username != NULL;
  r->auth_skipped = r->ok && r->username == NULL;
  r->password_problem = r->auth_skipped && (mode & 0x20) != 0 ? PB_PROBLEM_KEYRING_LOCKED
                                                              : PB_PROBLEM_NONE;
  r->auth_mechanism = r->authenticated ? g_strdup ("PLAIN") : NULL;
  if (!r->ok)
    {
      r->failure.stage = 1 + (mode >> 3) % PB_STAGE_KEYRING;
      r->failure.host = g_strdup (r->server->host);
      r->failure.port = r->server->port;
      r->failure.security = r->server->security;
      r->failure.cert_errors = r->cert_errors;
      if (field[F_ERROR] != NULL)
        r->failure.error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%.*s",
                                        (int) field_len[F_ERROR], field[F_ERROR]);
      r->problem = pb_diagnosis_classify (&r->failure);
      PB_FUZZ_ASSERT (r->problem != PB_PROBLEM_NONE);
    }

  text = pb_report_check_text (r, TRUE);
  pb_fuzz_assert_clean_text (text, TRUE);
  json = pb_report_check_json (r, TRUE);
  check_json (json);
  return 0;
}
