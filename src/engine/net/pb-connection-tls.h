/* pb-connection-tls.h: the TLS handshake, implicit or as an upgrade, and what it must show
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Certificates are validated by GIO's default database; the only way past a failed
 * validation or the TLS policy (pb-tls-policy.h) is the certificate the caller pinned by
 * its SHA-256 fingerprint, and the transcript says what the pin overrode.
 */
#pragma once

#include "pb-connection-op.h"

G_BEGIN_DECLS

/* Begins the stage and runs the handshake over the TCP connection; then next. */
void pb_connection_op_handshake (PbConnectionOp *op,
                                 PbStage         stage,
                                 const char     *name,
                                 PbOpNext        next);
/* After the server agreed to STARTTLS (or STLS): refuses the bytes that came after its
 * reply and before our ClientHello (PB_NET_ERROR_INJECTION, in the running stage), ends that
 * stage, lets the protocol forget the session so far and runs the handshake in the given
 * stage. */
void pb_connection_op_upgrade   (PbConnectionOp *op,
                                 PbStage         stage,
                                 const char     *name,
                                 PbOpNext        next);

G_END_DECLS
