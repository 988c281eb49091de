/* pb-imap-io.h: IMAP commands out, responses in, over the connection core
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Responses are read line by line through the connection (its line cap, its transcript),
 * literals byte by byte up to their cap. Untagged data is taken in as it comes (capabilities,
 * alerts, EXISTS, ID, SEARCH and FETCH data); a tag we did not send, or a continuation where none was asked for,
 * ends the operation as PB_IMAP_ERROR_UNEXPECTED, and an untagged BYE as PB_IMAP_ERROR_BYE.
 */
#pragma once

#include "pb-imap-op.h"

G_BEGIN_DECLS

/* Reads the greeting (the first response, whatever it is) into the client's last response. */
void     pb_imap_op_read_greeting (PbImapOp    *op,
                                   PbImapNext   next);
/* Reads on in the command in flight (after a continuation): the next tagged response or
 * continuation is the client's last response, then next. */
void     pb_imap_op_read_next     (PbImapOp    *op,
                                   PbImapNext   next);
/* Sends "TAG command" under a new tag (shown: what the transcript records after the tag;
 * NULL: the command) once nothing tagged is waiting, then reads until our tagged response,
 * or a continuation where continuation_ok, is the client's last response: next. */
void     pb_imap_op_command       (PbImapOp    *op,
                                   const char  *command,
                                   const char  *shown,
                                   gboolean     continuation_ok,
                                   PbImapNext   next);
/* Sends "TAG1 first" and "TAG2 command" in one write (RFC 9051 5.5: commands that do not
 * depend on each other may be pipelined), saving a round trip. first's tagged response,
 * whenever it comes, is taken in (its untagged data too) but decides nothing; the op goes on
 * as after pb_imap_op_command() once command's tagged response and first's have both come. */
void     pb_imap_op_command_after (PbImapOp    *op,
                                   const char  *first,
                                   const char  *command,
                                   PbImapNext   next);
/* More of the command in flight after a continuation: data (taken over, wiped after the
 * write) and CRLF, then as pb_imap_op_command(). */
void     pb_imap_op_continue      (PbImapOp    *op,
                                   char        *data,
                                   const char  *shown,
                                   gboolean     continuation_ok,
                                   PbImapNext   next);
/* TRUE when the last response is our tagged OK; else the op fails with code (the server's
 * text as the message) and hint. */
gboolean pb_imap_op_expect_ok     (PbImapOp    *op,
                                   PbImapError  code,
                                   PbProblem   hint);

G_END_DECLS
