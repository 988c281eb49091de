/* pb-check-incoming.h: the check of an incoming server, one dialogue for IMAP and POP3
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connect (TLS or the upgrade, capabilities), the login when there is a password, the
 * mailbox (IMAP EXAMINE INBOX with ID in the same write, POP3 STAT), goodbye. A protocol describes its
 * client in a PbCheckIncomingClass (pb-check-imap.c, pb-check-pop3.c); this file runs the
 * steps in order, on the session, and ends it.
 */
#pragma once

#include "pb-check-session.h"

G_BEGIN_DECLS

typedef void (*PbCheckIncomingStep) (gpointer             client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);

typedef struct {
  gpointer          (*new_client)     (const PbServerConfig *config,
                                       gboolean              allow_plaintext_auth);
  PbConnection     *(*get_connection) (gpointer              client);
  const PbFailure  *(*get_failure)    (gpointer              client);
  /* The finish of every step. */
  gboolean          (*finish)         (gpointer              client,
                                       GAsyncResult         *result,
                                       GError              **error);
  PbCheckIncomingStep connect;
  void              (*login)          (gpointer              client,
                                       PbAuthMethod          method,
                                       const char           *username,
                                       const char           *password,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  /* The login with an OAuth 2.0 access token, and the server's word on a refused one;
   * NULL where the protocol's client has none (POP3): a token is then not tried. */
  void              (*login_token)    (gpointer              client,
                                       const char           *username,
                                       const char           *token,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  const PbSaslOAuthError *(*get_oauth_error) (gpointer        client);
  PbCheckIncomingStep mailbox;
  PbCheckIncomingStep quit;
  /* Capabilities, login facts, the mailbox: what the client knows now, into the result. */
  void              (*collect)        (gpointer              client,
                                       PbCheckResult        *result);
  /* After a failure: is the dialogue still in step, so that a goodbye is polite and safe
   * (a refusal), not after garbage, a timeout, a closed session or an injection? */
  gboolean          (*in_step)        (gpointer              client,
                                       const GError         *error);
} PbCheckIncomingClass;

void pb_check_incoming_run (PbCheckSession             *session,
                            const PbCheckIncomingClass *klass);

G_END_DECLS
