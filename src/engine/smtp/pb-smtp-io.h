/* pb-smtp-io.h: SMTP commands out, replies in, over the connection core
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-smtp-op.h"

G_BEGIN_DECLS

/* A line sent whatever the server has sent before (the probe of a silent server). shown is
 * what the transcript records instead of the line (NULL: the line itself). */
void     pb_smtp_op_send_line         (PbSmtpOp    *op,
                                       const char  *line,
                                       const char  *shown,
                                       PbSmtpNext   next);
/* Bytes sent as one write, only while the server has nothing waiting for us. */
void     pb_smtp_op_send_data         (PbSmtpOp    *op,
                                       GBytes      *payload,
                                       const char  *shown,
                                       PbSmtpNext   next);
/* TRUE when the server has sent nothing out of turn; else the op has failed. */
gboolean pb_smtp_op_check_quiet       (PbSmtpOp    *op);
/* Reads one reply into the client's last reply, then calls next. Bytes already buffered (a
 * pipelined reply) are used first. */
void     pb_smtp_op_read_reply        (PbSmtpOp    *op,
                                       PbSmtpNext   next);
/* Sends a command (when the server is quiet) and reads its reply. */
void     pb_smtp_op_command           (PbSmtpOp    *op,
                                       const char  *line,
                                       const char  *shown,
                                       PbSmtpNext   next);
/* Fails the operation unless the last reply has the expected code (or class when the code
 * is a single digit). */
gboolean pb_smtp_op_expect            (PbSmtpOp    *op,
                                       guint        code,
                                       PbProblem   hint);
/* Succeeds on a positive reply. */
void     pb_smtp_op_finish_if_positive (PbSmtpOp   *op);

G_END_DECLS
