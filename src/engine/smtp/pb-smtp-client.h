/* pb-smtp-client.h: the built-in sender, an async SMTP state machine on the connection core
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client is one connection (PbConnection). Operations run one at a time, in protocol
 * order: connect (resolve, TCP, TLS or greeting, EHLO, STARTTLS, handshake, EHLO again:
 * pb-smtp-connect.h), then authenticate, mail_from, rcpt_to, rset, data and quit
 * (pb-smtp-commands.h) or the envelope (pb-smtp-envelope.h) as the caller needs; pb-smtp.h
 * has them all. Every stage has a timeout and the whole session a deadline. Two failures are
 * looked into for at most a few seconds more, to tell a wrong port from a dead server: a
 * missing greeting (does the server answer a line with a TLS alert or a close?) and a failed
 * implicit-TLS handshake (does a second connection get a plain greeting?). When an operation
 * fails, pb_smtp_client_get_failure() holds the stage, the original GError, the server's
 * reply and, where only the client can know it, a problem hint (docs/problems.md).
 *
 * Security (README.md, “Security”): certificates are validated by GIO's default database, and
 * a session older than TLS 1.2 or with a weak certificate key is refused before AUTH
 * (pb-tls-policy.h); the only exception is one certificate the caller pins by its SHA-256
 * fingerprint, and the transcript says what the pin overrode. STARTTLS chosen means STARTTLS
 * required. AUTH is never sent without TLS unless the security is "none" and the caller
 * allowed plain-text authentication. The transcript shows AUTH payloads as <redacted>, and
 * the password is wiped from memory after use.
 */
#pragma once

#include <gio/gio.h>

#include "pb-connection.h"
#include "pb-failure.h"
#include "pb-server-config.h"
#include "pb-smtp-reply.h"

G_BEGIN_DECLS

#define PB_TYPE_SMTP_CLIENT (pb_smtp_client_get_type ())

G_DECLARE_FINAL_TYPE (PbSmtpClient, pb_smtp_client, PB, SMTP_CLIENT, GObject)

typedef enum {
  PB_SMTP_MAIL_NONE     = 0,
  PB_SMTP_MAIL_8BIT     = 1 << 0,  /* the body has 8-bit bytes: BODY=8BITMIME */
  PB_SMTP_MAIL_SMTPUTF8 = 1 << 1,  /* an address is not ASCII: SMTPUTF8 is required */
} PbSmtpMailFlags;

#define PB_SMTP_DEFAULT_STEP_TIMEOUT_MS  PB_CONNECTION_DEFAULT_STEP_TIMEOUT_MS
#define PB_SMTP_DEFAULT_TOTAL_TIMEOUT_MS PB_CONNECTION_DEFAULT_TOTAL_TIMEOUT_MS

PbSmtpClient *pb_smtp_client_new                     (const char    *host,
                                                      guint16        port,
                                                      PbSecurity     security);
void          pb_smtp_client_set_timeouts            (PbSmtpClient  *self,
                                                      guint          step_ms,
                                                      guint          total_ms);
void          pb_smtp_client_set_allow_plaintext_auth (PbSmtpClient *self,
                                                       gboolean      allow);

/* The finish function of authenticate, mail_from, rcpt_to, rset, data, envelope and quit. */
gboolean      pb_smtp_client_command_finish          (PbSmtpClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The connection's ::step (name, stage, ok, microseconds) says when a stage finished. */
PbConnection             *pb_smtp_client_get_connection     (PbSmtpClient *self);
const PbFailure          *pb_smtp_client_get_failure        (PbSmtpClient *self);
const PbSmtpCapabilities *pb_smtp_client_get_capabilities   (PbSmtpClient *self);
const PbSmtpReply        *pb_smtp_client_get_last_reply     (PbSmtpClient *self);
/* PbTranscriptLine; AUTH payloads are "<redacted>". */
GPtrArray                *pb_smtp_client_get_transcript     (PbSmtpClient *self);
const char               *pb_smtp_client_get_auth_mechanism (PbSmtpClient *self);
gboolean                  pb_smtp_client_get_auth_sent      (PbSmtpClient *self);

G_END_DECLS
