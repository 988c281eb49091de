/* pb-pop3-client.h: the built-in POP3 login check, an async client on the connection core
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One client is one connection (PbConnection). Operations run one at a time, in protocol
 * order: connect (resolve, TCP, TLS or greeting, CAPA, STLS, handshake, CAPA again:
 * pb-pop3-connect.h), then authenticate, stat and quit (pb-pop3-commands.h); pb-pop3.h has
 * them all. Every stage has a timeout and the whole session a deadline. When an operation
 * fails, pb_pop3_client_get_failure() holds the stage, the original GError (PB_POP3_ERROR
 * for what POP3 itself refused), the server's -ERR with its extended response code and,
 * where only the client can know it, a problem hint.
 *
 * Security, as for SMTP: certificates are validated (or pinned by the caller), STLS chosen
 * means STLS required, and no password leaves without TLS unless the security is "none"
 * and the caller allowed a plain-text login. What the server said before TLS is forgotten
 * and CAPA asked again after it. The transcript shows AUTH payloads and the PASS argument
 * as <redacted>, and the password is wiped from memory after use.
 */
#pragma once

#include <gio/gio.h>

#include "pb-connection.h"
#include "pb-failure.h"
#include "pb-pop3-capabilities.h"
#include "pb-pop3-reply.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

#define PB_TYPE_POP3_CLIENT (pb_pop3_client_get_type ())

G_DECLARE_FINAL_TYPE (PbPop3Client, pb_pop3_client, PB, POP3_CLIENT, GObject)

/* How the client logged in. */
typedef enum {
  PB_POP3_LOGIN_NONE,
  PB_POP3_LOGIN_SASL_PLAIN,     /* AUTH PLAIN (RFC 5034) */
  PB_POP3_LOGIN_SASL_CRAM_MD5,  /* AUTH CRAM-MD5 */
  PB_POP3_LOGIN_USER,           /* USER and PASS (RFC 1939), only inside TLS */
} PbPop3Login;

/* Timeouts, a pinned certificate and the transcript are the connection's
 * (pb_pop3_client_get_connection()). */
PbPop3Client *pb_pop3_client_new                      (const char    *host,
                                                       guint16        port,
                                                       PbSecurity     security);
void          pb_pop3_client_set_allow_plaintext_auth (PbPop3Client  *self,
                                                       gboolean       allow);

/* The finish function of every operation (connect, authenticate, stat, quit). */
gboolean      pb_pop3_client_finish                   (PbPop3Client  *self,
                                                       GAsyncResult  *result,
                                                       GError       **error);

/* The connection's ::step (name, stage, ok, microseconds) says when a stage finished; its
 * transcript shows AUTH payloads and the PASS argument as "<redacted>". */
PbConnection             *pb_pop3_client_get_connection     (PbPop3Client *self);
const PbFailure          *pb_pop3_client_get_failure        (PbPop3Client *self);
/* NULL before the connect succeeded. */
const PbPop3Capabilities *pb_pop3_client_get_capabilities   (PbPop3Client *self);
const PbPop3Reply        *pb_pop3_client_get_last_reply     (PbPop3Client *self);
PbPop3Login               pb_pop3_client_get_login          (PbPop3Client *self);
/* "PLAIN", "CRAM-MD5", "USER" or NULL: what the JSON and the report name. */
const char               *pb_pop3_client_get_auth_mechanism (PbPop3Client *self);
/* Did a credential go to the server (the login was tried)? */
gboolean                  pb_pop3_client_get_auth_sent      (PbPop3Client *self);
/* After a successful stat: the number of messages and their size in octets. */
gboolean                  pb_pop3_client_get_mailbox        (PbPop3Client *self,
                                                             guint        *messages,
                                                             guint64      *octets);

G_END_DECLS
