/* pb-imap-op.h: one IMAP operation on the connection core, and how IMAP fails
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PbConnectionOp with what the IMAP steps keep between responses. Its class tells the
 * core IMAP's part of a failure: the server's response (status, response code, text), what
 * a plain IMAP greeting looks like, and what to forget when TLS starts.
 */
#pragma once

#include "pb-connection-op.h"
#include "pb-imap-client.h"
#include "pb-sasl.h"
#include "pb-sasl-oauth.h"

G_BEGIN_DECLS

typedef struct _PbImapOp PbImapOp;
typedef void (*PbImapNext) (PbImapOp *op);
/* After untagged data in a command (the client has taken it in): TRUE when the op goes on
 * by itself, FALSE to read on. */
typedef gboolean (*PbImapUntagged) (PbImapOp *op);

struct _PbImapOp
{
  PbConnectionOp   base;
  PbImapClient    *client;          /* the task's source object */
  PbImapNext       next;            /* after a write */
  PbImapNext       after_response;  /* after our tagged response (or a continuation) */
  PbImapUntagged   on_untagged;     /* NULL: untagged data is only taken in */
  char            *tag;             /* of the command in flight */
  char            *prior_tag;       /* of a command sent in the same write before it, whose
                                       tagged response is still to come */
  gboolean         answered;        /* our tagged response came before prior_tag's */
  gboolean         continuation_ok; /* a "+" may answer what was sent */
  gboolean         ends_with_bye;   /* LOGOUT: the server's BYE completes the operation */
  GString         *response;        /* the response being read, literals inline */
  gsize            literal_size;
  /* login */
  PbSaslMechanism  mechanism;
  PbSaslOAuthMechanism oauth_mechanism; /* a token login's */
  char            *username;
  char            *password;        /* wiped on free */
  GPtrArray       *parts;           /* LOGIN with synchronizing literals: what goes after
                                       each continuation (PbSecret) */
  GPtrArray       *shown_parts;     /* the same as the transcript shows it */
  guint            part;
  /* mailbox commands */
  guint32          uid;             /* the message a FETCH or a deletion is about */
  gint64           exists;          /* IDLE: the message count when it began */
  gboolean         idling;          /* IDLE: the server said "+", DONE may go */
  guint            idle_ms;
};

/* The operation of a task whose source object is the client. */
PbImapOp     *pb_imap_op_new           (GTask               *task);
/* Starts an operation on a connected client, in the given stage; NULL when it has failed
 * already (not connected). */
PbImapOp     *pb_imap_op_begin_command (GTask               *task,
                                        PbStage              stage,
                                        const char          *name);
/* A core continuation that runs op->next: hand it to the core's steps. */
void          pb_imap_op_resume        (PbConnectionOp      *base);

G_END_DECLS
