/* pb-pop3-op.h: one POP3 operation on the connection core, and how POP3 fails
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PbConnectionOp with what the POP3 steps keep between responses. Its class tells the core
 * POP3's part of a failure: the server's -ERR with its response code, a plain greeting on a
 * port tried with TLS, and the capabilities to forget when the upgrade starts.
 */
#pragma once

#include "pb-connection-op.h"
#include "pb-pop3-client.h"
#include "pb-problem.h"
#include "pb-secret.h"

G_BEGIN_DECLS

typedef struct _PbPop3Op PbPop3Op;
typedef void (*PbPop3Next) (PbPop3Op *op);
/* A line of a drained body, passed over: NULL for one too long to read. */
typedef void (*PbPop3Passed) (PbPop3Op *op, const char *line);

struct _PbPop3Op
{
  PbConnectionOp  base;
  PbPop3Client   *client;         /* the task's source object */
  PbPop3Next      after_reply;    /* after a status line, in the client's last reply */
  PbPop3Next      after_lines;    /* after a multi-line body, in lines */
  GPtrArray      *lines;          /* a multi-line body, dot-unstuffed */
  guint           max_lines;      /* of a body; 0: PB_POP3_MAX_MULTILINE_LINES */
  gboolean        drain;          /* a body over max_lines, or with a line over the limit,
                                   * is read to its end and dropped, not a failure */
  gboolean        oversized;      /* so it was: lines is empty */
  guint           drained;        /* lines read past what was kept */
  PbPop3Passed    passed;         /* with drain: each line passed over, in order, those
                                   * kept before the body ran over too; or NULL */
  gboolean        reply_failed;   /* the failure is the server's -ERR */
  guint           message;        /* UIDL n: the message's number */
  /* TOP n 0: the Message-ID looked for in a header passed over, its field being read */
  char           *message_id;
  GString        *id_field;
  /* authenticate */
  PbPop3Login     login;
  char           *username;
  char           *password;       /* wiped on free */
};

/* A new operation whose task has this source tag. With a stage (the name is the stage's),
 * it begins there and needs a connected client: NULL when it has failed already. */
PbPop3Op     *pb_pop3_op_begin         (PbPop3Client        *client,
                                        PbStage              stage,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* As pb_pop3_op_begin() with a stage, for a step named otherwise than its stage ("top" in
 * the stage "mailbox"). */
PbPop3Op     *pb_pop3_op_begin_named   (PbPop3Client        *client,
                                        PbStage              stage,
                                        const char          *name,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* Begins a stage named as the stage is (pb_stage_to_string()). */
void          pb_pop3_op_begin_stage   (PbPop3Op            *op,
                                        PbStage              stage);
void          pb_pop3_op_fail          (PbPop3Op            *op,
                                        GError              *error,
                                        PbProblem            hint);
/* Fails with the client's last reply, a -ERR, as the server's part of the failure; the
 * error is what its response code means, else fallback. */
void          pb_pop3_op_fail_reply    (PbPop3Op            *op,
                                        PbPop3Error          fallback,
                                        PbProblem            hint);

G_END_DECLS
