/* pb-smtp-client-private.h: shared by the pb-smtp-client*.c files only
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-smtp-auth.h"
#include "pb-smtp-client.h"

G_BEGIN_DECLS

struct _PbSmtpClient
{
  GObject               parent_instance;

  char                 *host;
  guint16               port;
  PbSecurity            security;
  guint                 step_timeout_ms;
  guint                 total_timeout_ms;
  char                 *pinned_sha256;       /* 64 lower-case hex digits */
  gboolean              allow_plaintext_auth;

  GSocketClient        *socket_client;
  GSocketConnection    *tcp;
  GTlsConnection       *tls;
  GIOStream            *stream;              /* tcp or tls, not owned */
  GByteArray           *inbuf;
  guint8                readbuf[4096];
  char                 *outbuf;              /* the write in flight, wiped afterwards */
  gsize                 outlen;

  gint64                start_us;
  gint64                deadline_us;
  PbStage               stage;
  const char           *stage_name;          /* NULL when no stage is running */
  gint64                stage_start_us;

  PbSmtpCapabilities   *caps;
  PbSmtpReply          *last_reply;
  GTlsCertificate      *peer_cert;
  GTlsCertificateFlags  cert_errors;
  gboolean              cert_pinned;
  gboolean              auth_sent;
  char                 *mechanism;
  GPtrArray            *secrets;             /* NULL-terminated, wiped on free: every form of
                                                the password sent, redacted from all replies
                                                for the rest of the session */
  GPtrArray            *transcript;
  PbFailure             failure;
};

typedef struct _PbSmtpOp PbSmtpOp;
typedef void (*PbSmtpNext) (PbSmtpOp *op);

/* One public operation in flight: the task, the current stage's timer and its state. */
struct _PbSmtpOp
{
  GTask         *task;          /* owned until the operation returns */
  GCancellable  *outer;         /* the caller's */
  GCancellable  *cancellable;   /* the stage's: cancelled by the caller or the timer */
  gulong         outer_id;
  GSource       *timer;
  gboolean       timed_out;
  PbSmtpNext     next;
  PbSmtpNext     after_reply;
  PbSmtpNext     on_timeout;    /* called once instead of failing when the timer fires */
  gboolean       probing;       /* the greeting timed out; a probe tells why */

  /* connect */
  GList         *addresses;
  GList         *next_address;
  GError        *first_error;
  GCancellable  *attempt;       /* one address's connect, cut short when others remain */
  gulong         attempt_id;
  GSource       *attempt_timer;
  gboolean       attempt_timed_out;
  GError        *probe_error;    /* a failed implicit-TLS handshake, while we look why */
  GSocketConnection *probe_conn;
  guint8         probe_buf[4];
  gboolean       second_ehlo;
  /* authenticate */
  PbSaslMechanism mechanism;
  char          *username;
  char          *password;      /* wiped on free */
  guint          sasl_step;
  /* data */
  GBytes        *payload;
  /* envelope: MAIL FROM, RCPT TO, then RSET or DATA */
  char          *env_lines[3];
  guint          env_index;
  gboolean       pipelined;
  GError        *deferred;       /* the first failure of a pipelined group */
  PbSmtpReply   *deferred_reply;
};

PbSmtpOp *pb_smtp_op_new            (GTask       *task);
void      pb_smtp_op_free           (PbSmtpOp    *op);
void      pb_smtp_op_fail           (PbSmtpOp    *op,
                                     GError      *error,
                                     const char  *hint);
void      pb_smtp_op_succeed        (PbSmtpOp    *op);
void      pb_smtp_op_rearm          (PbSmtpOp    *op,
                                     guint        timeout_ms);
void      pb_smtp_op_send_line      (PbSmtpOp    *op,
                                     const char  *line,
                                     const char  *shown,
                                     PbSmtpNext   next);
void      pb_smtp_op_send_data      (PbSmtpOp    *op,
                                     GBytes      *payload,
                                     const char  *shown,
                                     PbSmtpNext   next);
gboolean  pb_smtp_op_check_quiet    (PbSmtpOp    *op);
void      pb_smtp_op_read_reply     (PbSmtpOp    *op,
                                     PbSmtpNext   next);
void      pb_smtp_op_command        (PbSmtpOp    *op,
                                     const char  *line,
                                     const char  *shown,
                                     PbSmtpNext   next);
gboolean  pb_smtp_op_expect         (PbSmtpOp    *op,
                                     guint        code,
                                     const char  *hint);

void      pb_smtp_client_begin_stage (PbSmtpClient *self,
                                      PbSmtpOp     *op,
                                      PbStage       stage,
                                      const char   *name);
void      pb_smtp_client_end_stage   (PbSmtpClient *self,
                                      gboolean      ok);
void      pb_smtp_client_add_secret  (PbSmtpClient *self,
                                      const char   *secret,
                                      gboolean      base64);
PbSmtpParseResult pb_smtp_client_parse_reply (PbSmtpClient  *self,
                                              PbSmtpReply  **out,
                                              gsize         *consumed,
                                              GError       **error);
void      pb_smtp_client_log         (PbSmtpClient *self,
                                      char          direction,
                                      const char   *text);
void      pb_smtp_client_wipe_output (PbSmtpClient *self);
gboolean  pb_smtp_client_certificate_matches_pin (PbSmtpClient    *self,
                                                  GTlsCertificate *certificate);
/* pb-tls-policy.c: FALSE when the op has failed (an outdated TLS version or a weak key). */
gboolean  pb_smtp_client_enforce_tls_policy (PbSmtpOp *op);
void      pb_smtp_client_set_nodelay (GSocketConnection *connection);
PbSmtpOp *pb_smtp_client_begin_command (PbSmtpClient        *self,
                                        PbStage              stage,
                                        const char          *name,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void      pb_smtp_op_finish_if_positive (PbSmtpOp *op);
gboolean  pb_smtp_address_is_safe    (const char   *address);
char     *pb_smtp_client_mail_from_line (PbSmtpClient     *self,
                                         const char       *sender,
                                         PbSmtpMailFlags   flags,
                                         gsize             size,
                                         GError          **error);
/* For tests and the fuzzer: connect over a connection that already exists. */
void      pb_smtp_client_connect_on_connection_async (PbSmtpClient        *self,
                                                      GSocketConnection   *connection,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);

G_END_DECLS
