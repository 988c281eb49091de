/* pb-imap-client.h: the incoming-mail check for IMAP, an async client on the connection core
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client is one connection (PbConnection). Operations run one at a time, in protocol
 * order: connect (resolve, TCP, TLS or greeting, CAPABILITY, STARTTLS, the handshake and
 * CAPABILITY again: pb-imap-connect.h), then id, login, examine and logout
 * (pb-imap-commands.h, pb-imap-auth.h); pb-imap.h has them all. Every stage has a timeout and
 * the whole session a deadline. When an operation fails, pb_imap_client_get_failure() holds
 * the stage, the original GError and the server's response (status, response code, text).
 *
 * Security: certificates are validated by GIO's default database (or one pinned
 * certificate), STARTTLS chosen means STARTTLS required, a PREAUTH greeting on a connection
 * that must still be upgraded ends the session, and what the server said before TLS
 * (capabilities, alerts) is forgotten once the upgrade starts. No password goes out without
 * TLS unless the security is "none" and the caller allowed plain-text login; LOGINDISABLED is
 * honoured. The transcript shows LOGIN's password and AUTHENTICATE's payloads as
 * <redacted>, and the password is wiped from memory after use.
 */
#pragma once

#include <gio/gio.h>

#include "pb-connection.h"
#include "pb-failure.h"
#include "pb-imap-response.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

#define PB_TYPE_IMAP_CLIENT (pb_imap_client_get_type ())

G_DECLARE_FINAL_TYPE (PbImapClient, pb_imap_client, PB, IMAP_CLIENT, GObject)

PbImapClient *pb_imap_client_new                      (const char    *host,
                                                       guint16        port,
                                                       PbSecurity     security);
void          pb_imap_client_set_timeouts             (PbImapClient  *self,
                                                       guint          step_ms,
                                                       guint          total_ms);
/* Trusts exactly this certificate for this client's host:port (hex, colons optional). */
void          pb_imap_client_set_pinned_certificate   (PbImapClient  *self,
                                                       const char    *sha256);
void          pb_imap_client_set_allow_plaintext_auth (PbImapClient  *self,
                                                       gboolean       allow);
/* Sends ID (RFC 2971) in the same write as the next EXAMINE or SELECT, when the server
 * offers ID: some providers refuse the mailbox to a client that has not said who it is, and
 * pipelined it costs no round trip of its own (its answer decides nothing). */
void          pb_imap_client_set_identify             (PbImapClient  *self,
                                                       gboolean       identify);

/* The finish function of every operation but connect. */
gboolean      pb_imap_client_command_finish           (PbImapClient  *self,
                                                       GAsyncResult  *result,
                                                       GError       **error);

/* The connection holds the transcript (the password and AUTHENTICATE payloads are
 * "<redacted>"), the TLS session and the certificate; its ::step (name, stage, ok,
 * microseconds) says when a stage finished. */
PbConnection         *pb_imap_client_get_connection       (PbImapClient *self);
const PbFailure      *pb_imap_client_get_failure          (PbImapClient *self);
/* Upper case, as the server listed them (after TLS: only what it said inside TLS); NULL
 * before they are known. */
const char * const   *pb_imap_client_get_capabilities     (PbImapClient *self);
gboolean              pb_imap_client_has_capability       (PbImapClient *self,
                                                           const char   *capability);
/* The text of every [ALERT] the server sent, in its own words (cleaned of control
 * characters), lines joined by \n; NULL when none came. */
const char           *pb_imap_client_get_alert            (PbImapClient *self);
/* The server's answer to ID: field, value, field, value...; NULL when it sent none. */
const char * const   *pb_imap_client_get_server_id        (PbImapClient *self);
/* The message count EXAMINE reported (EXISTS), or -1. */
gint64                pb_imap_client_get_messages         (PbImapClient *self);
/* The greeting was PREAUTH: the session is logged in without a password. */
gboolean              pb_imap_client_get_preauthenticated (PbImapClient *self);
/* "PLAIN", "CRAM-MD5" or "LOGIN" (the IMAP command); NULL before a login was tried. */
const char           *pb_imap_client_get_auth_mechanism   (PbImapClient *self);
gboolean              pb_imap_client_get_auth_sent        (PbImapClient *self);

G_END_DECLS
