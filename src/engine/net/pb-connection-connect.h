/* pb-connection-connect.h: resolve, connect to every address in turn, and implicit TLS
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-connection-op.h"

G_BEGIN_DECLS

/* Starts the session's clock, resolves the host (stage "resolve"), connects to its
 * addresses in turn (stage "connect") and, for security TLS, runs the handshake (stage
 * "tls"); then next. */
void pb_connection_op_connect (PbConnectionOp    *op,
                               PbOpNext           next);
/* The same over a connection that already exists (a socketpair in tests and the fuzzer):
 * no resolver, no network. */
void pb_connection_op_adopt   (PbConnectionOp    *op,
                               GSocketConnection *connection,
                               PbOpNext           next);

G_END_DECLS
