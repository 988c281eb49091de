/* pb-connection-op.h: one operation on a connection, step by step
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An operation is a GTask, the timer of its current stage and a continuation: each step
 * (a write, a read, a handshake) calls next when it is done, or fails the operation. A
 * protocol's operation is a struct that begins with PbConnectionOp; its class says how big
 * it is and how the protocol takes part in a failure.
 *
 * Every failure goes through pb_connection_op_fail(): a stage's timeout becomes
 * G_IO_ERROR_TIMED_OUT, the failure is recorded on the connection with its original error
 * (the protocol adds the server's reply), the transcript notes it and the task returns it.
 */
#pragma once

#include <gio/gio.h>

#include "pb-connection.h"

G_BEGIN_DECLS

typedef struct _PbConnectionOp PbConnectionOp;
typedef void (*PbOpNext) (PbConnectionOp *op);

typedef struct {
  gsize      size;          /* of the protocol's struct, which begins with PbConnectionOp */
  /* Frees the protocol's members. */
  void     (*finalize)          (PbConnectionOp  *op);
  /* Before anything is recorded: the protocol may take the error and return another (its
   * own domain for the core's refusals, a probe's verdict) or change the hint. */
  GError  *(*filter_error)      (PbConnectionOp  *op,
                                 GError          *error,
                                 PbProblem       *hint);
  /* Adds the protocol's part to the failure: the server's reply. */
  void     (*describe_failure)  (PbConnectionOp  *op,
                                 PbFailure       *failure);
  /* After a failed implicit-TLS handshake: do these first bytes of a second, plain
   * connection greet in this protocol? Then the port expects STARTTLS. NULL: no probe. */
  gboolean (*is_plain_greeting) (const guint8    *data,
                                 gsize            len);
  /* RFC 3207, 2595: what the server said before TLS is forgotten once the upgrade starts. */
  void     (*forget_session)    (PbConnectionOp  *op);
} PbConnectionOpClass;

struct _PbConnectionOp
{
  const PbConnectionOpClass *klass;
  PbConnection  *connection;
  GTask         *task;          /* owned until the operation returns */
  GCancellable  *outer;         /* the caller's */
  GCancellable  *cancellable;   /* the stage's: cancelled by the caller or the timer */
  gulong         outer_id;
  GSource       *timer;
  gboolean       timed_out;
  PbOpNext       next;          /* the step in flight continues here */
  PbOpNext       then;          /* a connect or handshake continues here */
  PbOpNext       on_timeout;    /* called once instead of failing when the timer fires */
  char          *line;          /* the line pb_connection_op_read_line() read */
  gsize          line_max;
  gboolean       skip_long;     /* a line over line_max is dropped: op->line is NULL */
  gboolean       unlogged;      /* lines read are not put in the transcript */

  /* connect */
  GList         *addresses;
  GList         *next_address;
  GError        *first_error;
  GCancellable  *attempt;       /* one address's connect, cut short when others remain */
  gulong         attempt_id;
  GSource       *attempt_timer;
  gboolean       attempt_timed_out;
  GError        *probe_error;   /* a failed implicit-TLS handshake, while we look why */
  GSocketConnection *probe_conn;
  guint8         probe_buf[4];
};

/* The task's data becomes the new operation (klass->size bytes, zeroed). */
PbConnectionOp *pb_connection_op_new         (const PbConnectionOpClass *klass,
                                              PbConnection              *connection,
                                              GTask                     *task);
/* A new operation in a new GTask of source_object (the protocol's client) with this source
 * tag: what a protocol's operations begin with. */
PbConnectionOp *pb_connection_op_start       (const PbConnectionOpClass *klass,
                                              PbConnection              *connection,
                                              gpointer                   source_object,
                                              gpointer                   source_tag,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data);
/* The finish function of any operation: TRUE, or the failure's error. */
gboolean        pb_connection_op_finish      (gpointer                   source_object,
                                              GAsyncResult              *result,
                                              GError                   **error);
/* TRUE when a command can go: the stream is up and the protocol says its session is
 * (ready); else the operation fails with G_IO_ERROR_NOT_CONNECTED. */
gboolean        pb_connection_op_check_connected (PbConnectionOp *op,
                                                  gboolean        ready);
/* Begins a stage and arms its timer: the step timeout, within the session's deadline. */
void            pb_connection_op_begin_stage (PbConnectionOp *op,
                                              PbStage         stage,
                                              const char     *name);
/* Begins the stage of a command on a session that must be up: unless the stream is there
 * and the protocol says its session is ready, fails the operation with
 * G_IO_ERROR_NOT_CONNECTED and returns FALSE. */
gboolean        pb_connection_op_begin_command (PbConnectionOp *op,
                                                PbStage         stage,
                                                const char     *name,
                                                gboolean        ready);
/* A fresh timer and cancellable for the same stage. */
void            pb_connection_op_rearm       (PbConnectionOp *op,
                                              guint           timeout_ms);
void            pb_connection_op_fail        (PbConnectionOp *op,
                                              GError         *error,
                                              PbProblem       hint);
/* Ends the stage and returns TRUE from the task. */
void            pb_connection_op_succeed     (PbConnectionOp *op);

/* Closes the stream after the protocol's goodbye, then succeeds: a server that does not
 * close its TLS session cleanly after the goodbye harms nobody. */
void            pb_connection_op_close       (PbConnectionOp *op);

/* Writes data (taken over, wiped after the write). shown goes to the transcript as a client
 * line (NULL: nothing). */
void            pb_connection_op_write       (PbConnectionOp *op,
                                              char           *data,
                                              gsize           len,
                                              const char     *shown,
                                              PbOpNext        next);
/* Reads what arrives into the connection's reader, then calls next. The end of the stream
 * fails the operation. */
void            pb_connection_op_read        (PbConnectionOp *op,
                                              PbOpNext        next);
/* One line into op->line (owned by the op until the next read), at most max_len bytes;
 * longer is PB_NET_ERROR_LINE_TOO_LONG, or with op->skip_long set, read to its end and
 * dropped (op->line NULL). The line is logged as a server line. */
void            pb_connection_op_read_line   (PbConnectionOp *op,
                                              gsize           max_len,
                                              PbOpNext        next);

G_END_DECLS
