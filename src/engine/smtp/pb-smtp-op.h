/* pb-smtp-op.h: one SMTP operation on the connection core, and how SMTP fails
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PbConnectionOp with what the SMTP steps keep between replies. Its class tells the core
 * SMTP's part of a failure: the core's own refusals in PB_SMTP_ERROR (the JSON has always
 * named that domain), a missing greeting that a probe explained, and the server's reply.
 */
#pragma once

#include "pb-connection-op.h"
#include "pb-sasl-oauth.h"
#include "pb-smtp-auth.h"
#include "pb-smtp-client.h"

G_BEGIN_DECLS

typedef struct _PbSmtpOp PbSmtpOp;
typedef void (*PbSmtpNext) (PbSmtpOp *op);

struct _PbSmtpOp
{
  PbConnectionOp  base;
  PbSmtpClient   *client;       /* the task's source object */
  PbSmtpNext      next;
  PbSmtpNext      after_reply;
  gboolean        probing;      /* the greeting timed out; a probe tells why */
  gboolean        second_ehlo;
  /* authenticate */
  PbSaslMechanism mechanism;
  PbSaslOAuthMechanism oauth_mechanism; /* a token login's */
  char           *username;
  char           *password;     /* wiped on free */
  /* data */
  GBytes         *payload;
  /* envelope: MAIL FROM, RCPT TO, then RSET or DATA */
  char           *env_lines[3];
  guint           env_index;
  gboolean        pipelined;
  GError         *deferred;     /* the first failure of a pipelined group */
  PbSmtpReply    *deferred_reply;
};

/* A new operation whose task has this source tag. */
PbSmtpOp *pb_smtp_op_new           (PbSmtpClient        *client,
                                    gpointer             source_tag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* Starts an operation on a connected client, in the given stage; NULL when it has failed
 * already (not connected). */
PbSmtpOp *pb_smtp_op_begin_command (PbSmtpClient        *client,
                                    PbStage              stage,
                                    const char          *name,
                                    gpointer             source_tag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
void      pb_smtp_op_begin_stage   (PbSmtpOp            *op,
                                    PbStage              stage,
                                    const char          *name);
void      pb_smtp_op_rearm         (PbSmtpOp            *op,
                                    guint                timeout_ms);
void      pb_smtp_op_fail          (PbSmtpOp            *op,
                                    GError              *error,
                                    PbProblem           hint);
void      pb_smtp_op_succeed       (PbSmtpOp            *op);
/* A core continuation that runs op->next: hand it to the core's steps. */
void      pb_smtp_op_resume        (PbConnectionOp      *base);
PbConnection *pb_smtp_op_connection (PbSmtpOp           *op);

G_END_DECLS
