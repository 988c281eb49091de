/* pb-connection.h: one connection to a mail server, for any protocol
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection core knows no mail protocol. It resolves the name and tries every address
 * with a fallback between them (pb-connection-connect.h), does implicit TLS or the upgrade
 * handshake after the protocol's STARTTLS/STLS (pb-connection-tls.h), validates the
 * certificate, honours a pin and applies the TLS policy, refuses bytes buffered across the
 * upgrade, reads lines with limits and times every stage within a step timeout and the
 * session's deadline (pb-connection-op.h). It keeps the transcript, with every secret the
 * protocol registers redacted, and the failure with its original GError; the protocol adds
 * the server's reply to it.
 *
 * This object holds the state; the operations that drive it are PbConnectionOp. A protocol
 * (PbSmtpClient) owns one connection and runs one operation at a time on it.
 */
#pragma once

#include <gio/gio.h>

#include "pb-failure.h"
#include "pb-line-reader.h"
#include "pb-server-config.h"
#include "pb-stage-clock.h"
#include "pb-transcript.h"

G_BEGIN_DECLS

#define PB_CONNECTION_DEFAULT_STEP_TIMEOUT_MS  15000
#define PB_CONNECTION_DEFAULT_TOTAL_TIMEOUT_MS 60000

#define PB_TYPE_CONNECTION (pb_connection_get_type ())

G_DECLARE_FINAL_TYPE (PbConnection, pb_connection, PB, CONNECTION, GObject)

/* security TLS: the connect operation does the handshake itself; STARTTLS: the protocol
 * asks for the upgrade (pb_connection_op_upgrade()) after its command. */
PbConnection       *pb_connection_new                  (const char     *host,
                                                        guint16         port,
                                                        PbSecurity      security);
void                pb_connection_set_timeouts         (PbConnection   *self,
                                                        guint           step_ms,
                                                        guint           total_ms);
/* Trusts exactly this certificate for this host:port (hex, colons optional). */
void                pb_connection_set_pinned_certificate (PbConnection *self,
                                                          const char   *sha256);

const char         *pb_connection_get_host             (PbConnection   *self);
guint16             pb_connection_get_port             (PbConnection   *self);
PbSecurity          pb_connection_get_security         (PbConnection   *self);
guint               pb_connection_get_step_timeout     (PbConnection   *self);
GSocketConnection  *pb_connection_get_socket_connection (PbConnection  *self);
GTlsConnection     *pb_connection_get_tls_connection   (PbConnection   *self);
GTlsCertificate    *pb_connection_get_peer_certificate (PbConnection   *self);
GTlsCertificateFlags pb_connection_get_certificate_errors (PbConnection *self);
gboolean            pb_connection_get_certificate_pinned (PbConnection *self);
/* "TLS 1.3" while a TLS session is up, else NULL. */
const char         *pb_connection_get_tls_version      (PbConnection   *self);
/* May a password (or anything a server could replay as one) go over this connection now?
 * Inside TLS, yes; without it only where the security is "none" and the person allowed a
 * plain-text login. STARTTLS chosen and not yet done is a no. */
gboolean            pb_connection_may_send_password    (PbConnection   *self,
                                                        gboolean        plaintext_allowed);
const PbFailure    *pb_connection_get_failure          (PbConnection   *self);

/* What the server sent that no one has read yet. */
PbLineReader       *pb_connection_get_reader           (PbConnection   *self);
/* Reads, without waiting, what is already here (or arrives in the same TLS record), until
 * more than max_len bytes are buffered. */
void                pb_connection_read_waiting         (PbConnection   *self,
                                                        gsize           max_len);
/* Bytes buffered here or waiting in the socket. */
gboolean            pb_connection_has_pending_input    (PbConnection   *self);

PbTranscript       *pb_connection_get_transcript       (PbConnection   *self);
void                pb_connection_log                  (PbConnection   *self,
                                                        char            direction,
                                                        const char     *text);
/* See pb_transcript_add_secret(). */
void                pb_connection_add_secret           (PbConnection   *self,
                                                        const char     *secret,
                                                        gboolean        base64);
/* The password as it is and in base64 alone (what SASL LOGIN and some servers' echoes
 * carry): neither reaches the transcript. */
void                pb_connection_add_password         (PbConnection   *self,
                                                        const char     *password);

/* The stage's timeout in milliseconds. ::step (name, stage, ok, microseconds) is emitted
 * when it ends. */
guint               pb_connection_begin_stage          (PbConnection   *self,
                                                        PbStage         stage,
                                                        const char     *name);
void                pb_connection_end_stage            (PbConnection   *self,
                                                        gboolean        ok);
/* A timeout of at most want_ms, within the session's deadline. */
guint               pb_connection_limit_timeout        (PbConnection   *self,
                                                        guint           want_ms);

G_END_DECLS
