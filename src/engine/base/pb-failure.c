/* pb-failure.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-failure.h"

static const char * const stage_names[] = {
  [PB_STAGE_NONE] = "none",
  [PB_STAGE_RESOLVE] = "resolve",
  [PB_STAGE_CONNECT] = "connect",
  [PB_STAGE_TLS] = "tls",
  [PB_STAGE_GREETING] = "greeting",
  [PB_STAGE_STARTTLS] = "starttls",
  [PB_STAGE_STARTTLS_HANDSHAKE] = "starttls-handshake",
  [PB_STAGE_AUTH] = "auth",
  [PB_STAGE_QUIT] = "quit",
  [PB_STAGE_CAPABILITY] = "capability",
  [PB_STAGE_ID] = "id",
  [PB_STAGE_MAILBOX] = "mailbox",
  [PB_STAGE_EHLO] = "ehlo",
  [PB_STAGE_MAIL_FROM] = "mail-from",
  [PB_STAGE_RCPT_TO] = "rcpt-to",
  [PB_STAGE_DATA] = "data",
  [PB_STAGE_KEYRING] = "keyring",
  [PB_STAGE_SIGN_IN] = "sign-in",
};

const char *
pb_stage_to_string (PbStage stage)
{
  g_return_val_if_fail (stage < G_N_ELEMENTS (stage_names), NULL);
  return stage_names[stage];
}

static void
reply_clear (PbFailureReply *reply)
{
  switch (reply->kind)
    {
    case PB_REPLY_SMTP:
      g_free (reply->smtp.enhanced_code);
      break;
    case PB_REPLY_IMAP:
      g_free (reply->imap.status);
      g_free (reply->imap.response_code);
      break;
    case PB_REPLY_POP3:
      g_free (reply->pop3.response_code);
      break;
    case PB_REPLY_NONE:
    default:
      break;
    }
  g_free (reply->text);
  memset (reply, 0, sizeof *reply);
}

static void
reply_copy (const PbFailureReply *src,
            PbFailureReply       *dest)
{
  *dest = *src;
  dest->text = g_strdup (src->text);
  switch (src->kind)
    {
    case PB_REPLY_SMTP:
      dest->smtp.enhanced_code = g_strdup (src->smtp.enhanced_code);
      break;
    case PB_REPLY_IMAP:
      dest->imap.status = g_strdup (src->imap.status);
      dest->imap.response_code = g_strdup (src->imap.response_code);
      break;
    case PB_REPLY_POP3:
      dest->pop3.response_code = g_strdup (src->pop3.response_code);
      break;
    case PB_REPLY_NONE:
    default:
      break;
    }
}

void
pb_failure_clear (PbFailure *failure)
{
  g_clear_error (&failure->error);
  reply_clear (&failure->reply);
  g_clear_pointer (&failure->host, g_free);
  g_clear_pointer (&failure->provider_id, g_free);
  memset (failure, 0, sizeof *failure);
}

void
pb_failure_copy_into (const PbFailure *src,
                      PbFailure       *dest)
{
  *dest = *src;
  dest->error = src->error ? g_error_copy (src->error) : NULL;
  reply_copy (&src->reply, &dest->reply);
  dest->host = g_strdup (src->host);
  dest->provider_id = g_strdup (src->provider_id);
}

void
pb_failure_set_smtp_reply (PbFailure  *failure,
                           guint       code,
                           const char *enhanced_code,
                           const char *text)
{
  reply_clear (&failure->reply);
  failure->reply.kind = PB_REPLY_SMTP;
  failure->reply.smtp.code = code;
  failure->reply.smtp.enhanced_code = g_strdup (enhanced_code);
  failure->reply.text = g_strdup (text);
}

void
pb_failure_set_imap_reply (PbFailure  *failure,
                           const char *status,
                           const char *response_code,
                           const char *text)
{
  reply_clear (&failure->reply);
  failure->reply.kind = PB_REPLY_IMAP;
  failure->reply.imap.status = g_strdup (status);
  failure->reply.imap.response_code = g_strdup (response_code);
  failure->reply.text = g_strdup (text);
}

void
pb_failure_set_pop3_reply (PbFailure  *failure,
                           const char *response_code,
                           const char *text)
{
  reply_clear (&failure->reply);
  failure->reply.kind = PB_REPLY_POP3;
  failure->reply.pop3.response_code = g_strdup (response_code);
  failure->reply.text = g_strdup (text);
}

const char *
pb_failure_get_response_code (const PbFailure *failure)
{
  switch (failure->reply.kind)
    {
    case PB_REPLY_IMAP:
      return failure->reply.imap.response_code;
    case PB_REPLY_POP3:
      return failure->reply.pop3.response_code;
    case PB_REPLY_SMTP:
    case PB_REPLY_NONE:
    default:
      return NULL;
    }
}

guint
pb_failure_get_smtp_code (const PbFailure *failure)
{
  return failure->reply.kind == PB_REPLY_SMTP ? failure->reply.smtp.code : 0;
}

const char *
pb_failure_get_enhanced_code (const PbFailure *failure)
{
  return failure->reply.kind == PB_REPLY_SMTP ? failure->reply.smtp.enhanced_code : NULL;
}
