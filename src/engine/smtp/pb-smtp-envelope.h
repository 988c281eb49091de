/* pb-smtp-envelope.h: MAIL FROM, RCPT TO and RSET or DATA, pipelined where offered
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-smtp-client.h"

G_BEGIN_DECLS

/* MAIL FROM and RCPT TO, then RSET (message NULL: the dry run) or DATA and the message.
 * With PIPELINING the three commands leave in one write (RFC 2920); each reply is still its
 * own step, and the first refusal is the failure. Finishes with
 * pb_smtp_client_command_finish(). */
void pb_smtp_client_envelope_async (PbSmtpClient        *self,
                                    const char          *sender,
                                    PbSmtpMailFlags      flags,
                                    const char          *recipient,
                                    GBytes              *message,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

G_END_DECLS
