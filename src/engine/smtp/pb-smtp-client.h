/* pb-smtp-client.h: the built-in sender, an async SMTP state machine on GIO
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client is one connection. Operations run one at a time, in protocol order:
 * connect (resolve, TCP, TLS or greeting, EHLO, STARTTLS, handshake, EHLO again), then
 * authenticate, mail_from, rcpt_to, rset, data and quit as the caller needs. Every stage has a
 * timeout and the whole session a deadline. Two failures are looked into for at most a few
 * seconds more, to tell a wrong port from a dead server: a missing greeting (does the server
 * answer a line with a TLS alert or a close?) and a failed implicit-TLS handshake (does a
 * second connection get a plain greeting?). When an operation fails, pb_smtp_client_get_failure()
 * holds the stage, the original GError, the server's reply and, where only the client can
 * know it, a problem hint (docs/problems.md).
 *
 * Security (README.md, “Security”): certificates are validated by GIO's default database, and
 * a session older than TLS 1.2 or with a weak certificate key is refused before AUTH
 * (pb-tls-policy.h); the only exception is one certificate the caller pins by its SHA-256
 * fingerprint, and the transcript says what the pin overrode. STARTTLS chosen means STARTTLS required. AUTH is
 * never sent without TLS unless the security is "none" and the caller allowed plain-text
 * authentication. The transcript shows AUTH payloads as <redacted>, and the password is wiped
 * from memory after use.
 */
#pragma once

#include <gio/gio.h>

#include "pb-failure.h"
#include "pb-server-config.h"
#include "pb-smtp-reply.h"

G_BEGIN_DECLS

#define PB_TYPE_SMTP_CLIENT (pb_smtp_client_get_type ())

G_DECLARE_FINAL_TYPE (PbSmtpClient, pb_smtp_client, PB, SMTP_CLIENT, GObject)

typedef struct {
  gint64  ms;          /* since the connect started */
  char    direction;   /* 'C' client, 'S' server, '*' an event (TLS handshake, a close) */
  char   *text;        /* one line; AUTH payloads are "<redacted>" */
} PbSmtpTranscriptLine;

typedef enum {
  PB_SMTP_MAIL_NONE     = 0,
  PB_SMTP_MAIL_8BIT     = 1 << 0,  /* the body has 8-bit bytes: BODY=8BITMIME */
  PB_SMTP_MAIL_SMTPUTF8 = 1 << 1,  /* an address is not ASCII: SMTPUTF8 is required */
} PbSmtpMailFlags;

#define PB_SMTP_DEFAULT_STEP_TIMEOUT_MS  15000
#define PB_SMTP_DEFAULT_TOTAL_TIMEOUT_MS 60000

PbSmtpClient *pb_smtp_client_new                     (const char    *host,
                                                      guint16        port,
                                                      PbSecurity     security);
void          pb_smtp_client_set_timeouts            (PbSmtpClient  *self,
                                                      guint          step_ms,
                                                      guint          total_ms);
/* Trusts exactly this certificate for this client's host:port (hex, colons optional). */
void          pb_smtp_client_set_pinned_certificate  (PbSmtpClient  *self,
                                                      const char    *sha256);
void          pb_smtp_client_set_allow_plaintext_auth (PbSmtpClient *self,
                                                       gboolean      allow);

void          pb_smtp_client_connect_async           (PbSmtpClient        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      pb_smtp_client_connect_finish          (PbSmtpClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The password is copied and the copy wiped when the exchange ends. */
void          pb_smtp_client_authenticate_async      (PbSmtpClient        *self,
                                                      PbAuthMethod         method,
                                                      const char          *username,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void          pb_smtp_client_mail_from_async         (PbSmtpClient        *self,
                                                      const char          *sender,
                                                      PbSmtpMailFlags      flags,
                                                      gsize                size,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void          pb_smtp_client_rcpt_to_async           (PbSmtpClient        *self,
                                                      const char          *recipient,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void          pb_smtp_client_rset_async              (PbSmtpClient        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* The message as text; line ends are normalised to CRLF and lines dot-stuffed here. */
void          pb_smtp_client_data_async              (PbSmtpClient        *self,
                                                      GBytes              *message,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* MAIL FROM and RCPT TO, then RSET (message NULL: the dry run) or DATA and the message.
 * With PIPELINING the three commands leave in one write (RFC 2920); each reply is still its
 * own step, and the first refusal is the failure. */
void          pb_smtp_client_envelope_async          (PbSmtpClient        *self,
                                                      const char          *sender,
                                                      PbSmtpMailFlags      flags,
                                                      const char          *recipient,
                                                      GBytes              *message,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void          pb_smtp_client_quit_async              (PbSmtpClient        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* The finish function of authenticate, mail_from, rcpt_to, rset, data, envelope and quit. */
gboolean      pb_smtp_client_command_finish          (PbSmtpClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

const PbFailure          *pb_smtp_client_get_failure        (PbSmtpClient *self);
const PbSmtpCapabilities *pb_smtp_client_get_capabilities   (PbSmtpClient *self);
const PbSmtpReply        *pb_smtp_client_get_last_reply     (PbSmtpClient *self);
GPtrArray                *pb_smtp_client_get_transcript     (PbSmtpClient *self);
GTlsConnection           *pb_smtp_client_get_tls_connection (PbSmtpClient *self);
GTlsCertificate          *pb_smtp_client_get_peer_certificate (PbSmtpClient *self);
GTlsCertificateFlags      pb_smtp_client_get_certificate_errors (PbSmtpClient *self);
gboolean                  pb_smtp_client_get_certificate_pinned (PbSmtpClient *self);
const char               *pb_smtp_client_get_tls_version    (PbSmtpClient *self);
const char               *pb_smtp_client_get_auth_mechanism (PbSmtpClient *self);
gboolean                  pb_smtp_client_get_auth_sent      (PbSmtpClient *self);

/* Lower-case hex SHA-256 of the DER form, colon separated ("ab:cd:..."). */
char *pb_certificate_sha256 (GTlsCertificate *certificate);

/* CRLF line ends, dot-stuffing and the final ".\r\n" (RFC 5321 4.5.2). */
GBytes *pb_smtp_data_encode (const char *message,
                             gsize       len);

G_END_DECLS
