/* pb-failure.h: everything known about one failure, in its original form
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-server-config.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* Where a session stopped. The first group belongs to every mail protocol (the connection
 * core starts resolve, connect, tls and starttls-handshake itself; the protocol names the
 * rest); then the stages only SMTP has; then the setup's own. The names
 * (pb_stage_to_string) are what the JSON and the step list show. */
typedef enum {
  PB_STAGE_NONE,
  PB_STAGE_RESOLVE,
  PB_STAGE_CONNECT,
  PB_STAGE_TLS,
  PB_STAGE_GREETING,
  PB_STAGE_STARTTLS,
  PB_STAGE_STARTTLS_HANDSHAKE,
  PB_STAGE_AUTH,
  PB_STAGE_QUIT,
  /* IMAP and POP3 */
  PB_STAGE_CAPABILITY,   /* IMAP CAPABILITY, POP3 CAPA */
  PB_STAGE_ID,           /* IMAP ID (RFC 2971) */
  PB_STAGE_MAILBOX,      /* IMAP EXAMINE INBOX, POP3 STAT */
  /* SMTP */
  PB_STAGE_EHLO,
  PB_STAGE_MAIL_FROM,
  PB_STAGE_RCPT_TO,
  PB_STAGE_DATA,
  /* the setup */
  PB_STAGE_KEYRING,
  PB_STAGE_SIGN_IN,      /* the provider's sign-in (OAuth 2.0) before the login */
} PbStage;

/* Which protocol's reply a failure holds (PbProtocol has no "none"). */
typedef enum {
  PB_REPLY_NONE,
  PB_REPLY_SMTP,
  PB_REPLY_IMAP,
  PB_REPLY_POP3,
} PbReplyKind;

/* The server's answer that ended the session, in its protocol's terms. */
typedef struct {
  PbReplyKind kind;             /* PB_REPLY_NONE: no reply is part of the failure */
  char       *text;             /* the server's whole reply, lines joined by \n */
  union {
    struct {
      guint  code;              /* 535 */
      char  *enhanced_code;     /* "5.7.8" or NULL */
    } smtp;
    struct {
      char  *status;            /* the tagged status: "NO" or "BAD" */
      char  *response_code;     /* "AUTHENTICATIONFAILED" or NULL */
    } imap;
    struct {
      char  *response_code;     /* "-ERR [AUTH] ...": "AUTH", or NULL */
    } pop3;
  };
} PbFailureReply;

typedef struct {
  PbStage               stage;
  GError               *error;          /* original GError or NULL */
  GTlsCertificateFlags  cert_errors;    /* when a certificate failed validation */
  PbFailureReply        reply;
  char                 *host;
  guint16               port;
  PbSecurity            security;
  char                 *provider_id;    /* preset id or NULL: guessed from the host */
  PbProblem             problem_hint;   /* a problem the caller already knows, or NONE */
  gboolean              login_skipped;  /* the server wants a login and none was tried (no
                                           password): its refusals may mean just that */
  const char           *tls_version;    /* static: "TLS 1.0" when a TLS session was up, or NULL */
  /* The protocol of the session that failed, recorded by the check that ran it: an incoming
   * server on a non-default port fails with the incoming explanations too. Without it (a
   * failure built by hand) the diagnosis reads it from the reply, error and port. */
  gboolean              has_protocol;
  PbProtocol            protocol;
} PbFailure;

const char *pb_stage_to_string   (PbStage          stage);
void        pb_failure_clear     (PbFailure       *failure);
void        pb_failure_copy_into (const PbFailure *src,
                                  PbFailure       *dest);
/* Sets the reply part to an SMTP reply (enhanced code may be NULL). */
void        pb_failure_set_smtp_reply (PbFailure  *failure,
                                       guint       code,
                                       const char *enhanced_code,
                                       const char *text);
/* Sets the reply part to an IMAP tagged or untagged status ("NO", "BAD", "BYE") with its
 * response code (RFC 5530: "AUTHENTICATIONFAILED"), which may be NULL. */
void        pb_failure_set_imap_reply (PbFailure  *failure,
                                       const char *status,
                                       const char *response_code,
                                       const char *text);
/* Sets the reply part to a POP3 -ERR with its extended response code (RFC 2449/3206:
 * "AUTH", "SYS/TEMP", "IN-USE", "LOGIN-DELAY"), which may be NULL. */
void        pb_failure_set_pop3_reply (PbFailure  *failure,
                                       const char *response_code,
                                       const char *text);
/* The IMAP or POP3 response code the reply part holds, or NULL. */
const char *pb_failure_get_response_code (const PbFailure *failure);
/* The SMTP reply code, 0 when the failure holds no SMTP reply. */
guint       pb_failure_get_smtp_code     (const PbFailure *failure);
/* The enhanced status code as the reply part holds it, or NULL. */
const char *pb_failure_get_enhanced_code (const PbFailure *failure);

G_END_DECLS
