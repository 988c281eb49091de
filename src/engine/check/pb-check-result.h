/* pb-check-result.h: what one live check found out, step by step
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-failure.h"
#include "pb-problem.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;     /* "resolve", "connect", "tls", "greeting", "ehlo", "starttls", ... */
  PbStage  stage;
  gboolean ok;
  guint64  usec;
} PbCheckStep;

#define PB_TYPE_CHECK_RESULT (pb_check_result_get_type ())
G_DECLARE_FINAL_TYPE (PbCheckResult, pb_check_result, PB, CHECK_RESULT, GObject)

/* The fields are read-only for everyone but pb-check.c. */
struct _PbCheckResult
{
  GObject               parent_instance;

  gboolean              ok;
  PbProblem             problem;          /* PB_PROBLEM_NONE when ok */
  PbFailure             failure;          /* stage PB_STAGE_NONE when ok */
  PbServerConfig       *server;
  char                 *address;
  char                 *username;
  char                 *from;
  char                 *provider_id;      /* the preset the check was told of, or NULL */

  GPtrArray            *steps;            /* PbCheckStep */
  guint64               total_usec;

  char                 *tls_version;      /* "TLS 1.3" or NULL without TLS */
  char                 *tls_cipher;
  gboolean              tls_outdated;     /* older than TLS 1.2: refused, or let through by a pin */
  char                 *cert_subject;
  char                 *cert_issuer;
  GDateTime            *cert_not_before;
  GDateTime            *cert_not_after;
  char                 *cert_sha256;      /* "ab:cd:..." */
  GTlsCertificateFlags  cert_errors;
  gboolean              cert_pinned;      /* accepted only because the caller pinned it */

  PbProtocol            protocol;         /* the server's: which dialogue the steps are of */
  char                **capabilities;     /* EHLO keywords, IMAP CAPABILITY or POP3 CAPA */
  char                **auth_mechanisms;
  guint64               size_limit;
  char                 *auth_mechanism;   /* the one used, or NULL */
  gboolean              auth_sent;
  gboolean              authenticated;
  gboolean              auth_skipped;     /* no password given: login not tested */
  PbProblem             password_problem; /* why there was none (e.g. keyring locked), or
                                             PB_PROBLEM_NONE */
  gboolean              dry_run_done;
  gboolean              test_sent;
  char                 *test_message_id;
  gint64                test_accepted_at; /* g_get_monotonic_time() when the server took the
                                             test message, or 0 */
  char                 *mailbox_name;     /* IMAP: the mailbox examined ("INBOX"), else NULL */
  gint64                mailbox_messages; /* IMAP EXISTS, POP3 STAT; -1 when not known */
  char                 *alert;            /* IMAP [ALERT]: the server's words, or NULL */

  GPtrArray            *transcript;       /* PbTranscriptLine, AUTH payloads redacted */
};

/* Whether the user may trust the server's certificate explicitly to get past the failure:
 * a certificate that failed validation or a server with an outdated TLS version, never a
 * revoked certificate. */
gboolean pb_check_result_certificate_trustable (PbCheckResult *result);
/* What a person should know although the check worked (a login the provider is switching
 * off); localized, or NULL; transfer full. */
char    *pb_check_result_get_notice (PbCheckResult *result);

G_END_DECLS
