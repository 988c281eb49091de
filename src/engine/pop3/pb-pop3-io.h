/* pb-pop3-io.h: POP3 commands out, status lines and multi-line bodies in
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-pop3-op.h"

G_BEGIN_DECLS

/* Reads one status line (the greeting) into the client's last reply; then next. */
void     pb_pop3_op_read_reply (PbPop3Op    *op,
                                PbPop3Next   next);
/* Sends a command line, only while the server has sent nothing out of turn, and reads its
 * status line into the client's last reply (redacted); then next. shown is what the
 * transcript records instead of the line (NULL: the line itself). */
void     pb_pop3_op_command    (PbPop3Op    *op,
                                const char  *line,
                                const char  *shown,
                                PbPop3Next   next);
/* Reads the lines of a multi-line response up to "." into op->lines; then next. With
 * op->drain, a body too big to keep is read on (see PbPop3Op) and op->lines left empty. */
void     pb_pop3_op_read_lines (PbPop3Op    *op,
                                PbPop3Next   next);
/* TRUE on +OK; a -ERR fails the operation with it (see pb_pop3_op_fail_reply()), and a
 * continuation where none may come is a protocol error. */
gboolean pb_pop3_op_expect_ok  (PbPop3Op    *op,
                                PbPop3Error  fallback,
                                PbProblem    hint);

G_END_DECLS
