/* pb-pop3-auth.h: the POP3 login: AUTH PLAIN, AUTH CRAM-MD5 or USER and PASS
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SASL responses are pb-sasl.h's; this file picks the login and drives the dialogue.
 * Finishes with pb_pop3_client_finish().
 */
#pragma once

#include "pb-pop3-client.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* Picks the login for the configured method and what the server offers: AUTH PLAIN where
 * SASL PLAIN is offered, CRAM-MD5 for the encrypted password (and where it is all that is
 * offered), else USER and PASS where USER is offered or the server has no CAPA. APOP is
 * never used. On failure sets error (PB_POP3_ERROR_NOT_OFFERED) and *hint. */
PbPop3Login pb_pop3_login_choose           (const PbPop3Capabilities *caps,
                                            PbAuthMethod              method,
                                            PbProblem                *hint,
                                            GError                  **error);
/* The password is copied and the copy wiped when the exchange ends. Refused before any
 * byte of it is sent unless TLS is up (or the security is "none" and a plain-text login
 * was allowed). */
void        pb_pop3_client_authenticate_async (PbPop3Client        *self,
                                               PbAuthMethod         method,
                                               const char          *username,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

G_END_DECLS
