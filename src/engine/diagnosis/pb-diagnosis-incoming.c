/* pb-diagnosis-incoming.c: IMAP and POP3 failures -> problem id
 *
 * Keyed on what stays stable: the clients' GError codes, the stage, the response codes of
 * RFC 5530 (IMAP) and RFC 2449/3206 (POP3), and short markers that providers have used for
 * years. Where the meaning is SMTP's, the id is SMTP's: a refused login is auth-failed in
 * every protocol.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-diagnosis-incoming.h"
#include "pb-diagnosis-text.h"
#include "pb-imap-response.h"
#include "pb-pop3-reply.h"
#include "pb-smtp-reply.h"

/* ---- which protocol -------------------------------------------------------------------- */

static gboolean
is_default_port (guint16    port,
                 PbProtocol protocol)
{
  return port != 0 && (port == pb_security_default_port (protocol, PB_SECURITY_TLS)
                       || port == pb_security_default_port (protocol, PB_SECURITY_STARTTLS));
}

PbProtocol
pb_diagnosis_failure_protocol (const PbFailure *f)
{
  if (f == NULL)
    return PB_PROTOCOL_SMTP;
  if (f->has_protocol)
    return f->protocol;
  if (f->reply.kind == PB_REPLY_IMAP)
    return PB_PROTOCOL_IMAP;
  if (f->reply.kind == PB_REPLY_POP3)
    return PB_PROTOCOL_POP3;
  if (f->reply.kind == PB_REPLY_SMTP)
    return PB_PROTOCOL_SMTP;
  if (f->error != NULL && f->error->domain == PB_IMAP_ERROR)
    return PB_PROTOCOL_IMAP;
  if (f->error != NULL && f->error->domain == PB_POP3_ERROR)
    return PB_PROTOCOL_POP3;
  if (f->error != NULL && f->error->domain == PB_SMTP_ERROR)
    return PB_PROTOCOL_SMTP;
  if (f->stage == PB_STAGE_ID)
    return PB_PROTOCOL_IMAP;
  if (is_default_port (f->port, PB_PROTOCOL_IMAP))
    return PB_PROTOCOL_IMAP;
  if (is_default_port (f->port, PB_PROTOCOL_POP3))
    return PB_PROTOCOL_POP3;
  return PB_PROTOCOL_SMTP;
}

gboolean
pb_diagnosis_is_incoming (const PbFailure *f)
{
  if (f->reply.kind == PB_REPLY_IMAP || f->reply.kind == PB_REPLY_POP3)
    return TRUE;
  return f->error != NULL
         && (f->error->domain == PB_IMAP_ERROR || f->error->domain == PB_POP3_ERROR);
}

/* ---- the server's words ---------------------------------------------------------------- */

static const char * const app_password_markers[] = {
  "application-specific password", "app-specific password", "app password", NULL
};
static const char * const web_login_markers[] = {
  "webalert", "web login required", "log in via your web browser",
  "sign in via your web browser", NULL
};
static const char * const basic_disabled_markers[] = {
  "basic authentication is disabled", NULL
};
/* Gmail's "Your account is not enabled for POP access", and its IMAP twin. */
static const char * const access_disabled_markers[] = {
  "not enabled for imap", "not enabled for pop", "imap access is disabled",
  "pop access is disabled", "pop3 access is disabled", "imap is disabled", "pop3 is disabled",
  NULL
};
static const char * const encryption_markers[] = {
  "plaintext authentication disallowed", "plaintext authentication not allowed",
  "encryption required", "requires encryption", "tls required", "ssl required", NULL
};
static const char * const expired_markers[] = {
  "password expired", "password has expired", NULL
};
/* Gmail's "[ALERT] Too many simultaneous connections", Dovecot's mail_max_userip_connections. */
static const char * const busy_markers[] = {
  "too many simultaneous connections", "too many connections", "maximum number of connections",
  NULL
};
static const char * const mechanism_markers[] = {
  "unsupported authentication mechanism", "unknown authentication mechanism",
  "mechanism not supported", "unsupported mechanism", NULL
};

/* What each problem is called in each protocol: the IMAP response code (RFC 5530), the
 * POP3 client's error for the extended response code (RFC 2449, 3206), the words providers
 * use for it. The words of every row are read first, in this order, then the codes: the
 * words say more ("NO [ALERT] Application-specific password required"). */
static const struct {
  PbProblem           problem;
  PbImapCode          imap;      /* PB_IMAP_CODE_NONE: no IMAP code means it */
  int                 pop3;      /* a PbPop3Error, or -1 */
  const char * const *markers;   /* or NULL */
} rules[] = {
  { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, PB_IMAP_CODE_NONE, -1, app_password_markers },
  { PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED, PB_IMAP_CODE_NONE, -1, web_login_markers },
  { PB_PROBLEM_AUTH_BASIC_DISABLED, PB_IMAP_CODE_NONE, -1, basic_disabled_markers },
  { PB_PROBLEM_AUTH_ACCESS_DISABLED, PB_IMAP_CODE_NONE, -1, access_disabled_markers },
  { PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED, PB_IMAP_CODE_PRIVACYREQUIRED, -1, encryption_markers },
  { PB_PROBLEM_PASSWORD_EXPIRED, PB_IMAP_CODE_EXPIRED, -1, expired_markers },
  { PB_PROBLEM_MAILBOX_IN_USE, PB_IMAP_CODE_INUSE, PB_POP3_ERROR_IN_USE, busy_markers },
  { PB_PROBLEM_LOGIN_DELAY, PB_IMAP_CODE_NONE, PB_POP3_ERROR_LOGIN_DELAY, NULL },
  { PB_PROBLEM_CONTACT_PROVIDER, PB_IMAP_CODE_CONTACTADMIN, PB_POP3_ERROR_PERMANENT, NULL },
  { PB_PROBLEM_TEMPORARY_FAILURE, PB_IMAP_CODE_UNAVAILABLE, PB_POP3_ERROR_TEMPORARY, NULL },
  { PB_PROBLEM_TEMPORARY_FAILURE, PB_IMAP_CODE_SERVERBUG, -1, NULL },
  { PB_PROBLEM_MAILBOX_NOT_FOUND, PB_IMAP_CODE_NONEXISTENT, -1, NULL },
  { PB_PROBLEM_MAILBOX_NOT_FOUND, PB_IMAP_CODE_NOPERM, -1, NULL },
  { PB_PROBLEM_AUTH_FAILED, PB_IMAP_CODE_AUTHENTICATIONFAILED, PB_POP3_ERROR_AUTH_FAILED, NULL },
  { PB_PROBLEM_AUTH_FAILED, PB_IMAP_CODE_AUTHORIZATIONFAILED, -1, NULL },
};

static PbProblem
classify_words (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].markers != NULL && pb_diagnosis_text_has_any (text, rules[i].markers))
      return rules[i].problem;
  if (pb_diagnosis_says_too_many_attempts (text))
    return PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS;
  return PB_PROBLEM_NONE;
}

/* The IMAP response code, or the POP3 client's reading of the extended one. */
static PbProblem
classify_code (const PbFailure *f,
               PbProtocol       protocol,
               const char      *text)
{
  PbImapCode imap = PB_IMAP_CODE_NONE;
  int pop3 = -1;

  if (protocol == PB_PROTOCOL_IMAP)
    imap = pb_imap_code_from_name (pb_failure_get_response_code (f));
  else if (f->error != NULL && f->error->domain == PB_POP3_ERROR)
    pop3 = f->error->code;
  /* LIMIT is any limit of the server's: only its words make it the connections. */
  if (imap == PB_IMAP_CODE_LIMIT)
    return HAS ("connection", "session") ? PB_PROBLEM_MAILBOX_IN_USE
                                         : PB_PROBLEM_TEMPORARY_FAILURE;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if ((imap != PB_IMAP_CODE_NONE && rules[i].imap == imap)
        || (pop3 >= 0 && rules[i].pop3 == pop3))
      return rules[i].problem;
  return PB_PROBLEM_NONE;
}

/* A refusal that neither words nor code explain, by the command it answered: IMAP's NO,
 * BAD or BYE, POP3's -ERR. */
static PbProblem
classify_refusal (const PbFailure *f,
                  const char      *text)
{
  const char *status = f->reply.kind == PB_REPLY_IMAP ? f->reply.imap.status : NULL;
  gboolean bye = g_strcmp0 (status, "BYE") == 0;

  if (f->reply.kind == PB_REPLY_NONE)
    return PB_PROBLEM_NONE;
  switch (f->stage)
    {
    case PB_STAGE_AUTH:
      /* A mechanism the server does not know is answered with BAD (RFC 9051 6.2.2). */
      if (g_strcmp0 (status, "BAD") == 0 && pb_diagnosis_text_has_any (text, mechanism_markers))
        return PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED;
      return PB_PROBLEM_AUTH_FAILED;
    case PB_STAGE_MAILBOX:
      return bye ? PB_PROBLEM_SERVICE_UNAVAILABLE : PB_PROBLEM_MAILBOX_NOT_FOUND;
    case PB_STAGE_STARTTLS:
      return bye ? PB_PROBLEM_SERVICE_UNAVAILABLE : PB_PROBLEM_STARTTLS_REFUSED;
    case PB_STAGE_GREETING:
      /* The service turning the session away: IMAP's BYE, POP3's -ERR. */
      return PB_PROBLEM_SERVICE_UNAVAILABLE;
    default:
      /* Later, BYE is the server leaving; anything else is no answer Postbote knows. */
      return bye ? PB_PROBLEM_SERVICE_UNAVAILABLE : PB_PROBLEM_NONE;
    }
}

/* ---- providers ------------------------------------------------------------------------- */

/* What a refused incoming login means at providers whose servers say no more than that. */
static PbProblem
refine_refused_login (const char *family)
{
  if (family == NULL)
    return PB_PROBLEM_AUTH_FAILED;
  /* Exchange Online takes no password for IMAP and POP3 at all (Outlook.com's personal
   * accounts neither): "AUTHENTICATE failed." is all it says. */
  if (g_str_equal (family, "microsoft"))
    return PB_PROBLEM_AUTH_BASIC_DISABLED;
  /* GMX and WEB.DE refuse every login while "POP3/IMAP Abruf" is off. */
  if (g_str_equal (family, "gmx-webde"))
    return PB_PROBLEM_AUTH_ACCESS_DISABLED;
  /* As for SMTP: the normal password is refused; only an app password helps. */
  if (g_str_equal (family, "yahoo-aol") || g_str_equal (family, "apple"))
    return PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED;
  return PB_PROBLEM_AUTH_FAILED;
}

PbProblem
pb_diagnosis_classify_incoming (const PbFailure *f,
                                PbProblem        hint,
                                const char      *family,
                                const char      *text)
{
  PbProblem problem;

  /* The client refuses a plain LOGIN where the server says LOGINDISABLED; after TLS that
   * is no missing encryption but a server that takes no login at all. */
  if (g_error_matches (f->error, PB_IMAP_ERROR, PB_IMAP_ERROR_LOGIN_DISABLED)
      && f->tls_version != NULL)
    return PB_PROBLEM_AUTH_NOT_OFFERED;
  if (hint != PB_PROBLEM_NONE)
    return hint;

  if ((problem = classify_words (text)) == PB_PROBLEM_NONE
      && (problem = classify_code (f, pb_diagnosis_failure_protocol (f), text)) == PB_PROBLEM_NONE)
    problem = classify_refusal (f, text);
  return problem == PB_PROBLEM_AUTH_FAILED ? refine_refused_login (family) : problem;
}

const char *
pb_diagnosis_incoming_qualifier (const PbFailure *f)
{
  if (g_error_matches (f->error, PB_IMAP_ERROR, PB_IMAP_ERROR_PREAUTH))
    return "preauth";
  if (g_error_matches (f->error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED))
    return "unexpected-reply";
  if (g_error_matches (f->error, PB_POP3_ERROR, PB_POP3_ERROR_OUT_OF_TURN))
    return "out-of-turn";
  return NULL;
}
