/* pb-failure.h: everything known about one failure, in its original form
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-server-config.h"

G_BEGIN_DECLS

typedef enum {
  PB_STAGE_NONE,
  PB_STAGE_RESOLVE,
  PB_STAGE_CONNECT,
  PB_STAGE_TLS,
  PB_STAGE_GREETING,
  PB_STAGE_EHLO,
  PB_STAGE_STARTTLS,
  PB_STAGE_STARTTLS_HANDSHAKE,
  PB_STAGE_AUTH,
  PB_STAGE_MAIL_FROM,
  PB_STAGE_RCPT_TO,
  PB_STAGE_DATA,
  PB_STAGE_QUIT,
  PB_STAGE_KEYRING,
} PbStage;

typedef struct {
  PbStage               stage;
  GError               *error;          /* original GError or NULL */
  GTlsCertificateFlags  cert_errors;    /* when a certificate failed validation */
  guint                 smtp_code;      /* 0 if none */
  char                 *enhanced_code;  /* "5.7.9" or NULL */
  char                 *reply_text;     /* the server's whole reply, lines joined by \n */
  char                 *host;
  guint16               port;
  PbSecurity            security;
  char                 *provider_id;    /* preset id or NULL: guessed from the host */
  const char           *problem_hint;   /* a problem id the caller already knows, or NULL */
  gboolean              login_skipped;  /* the server wants a login and none was tried (no
                                           password): its refusals may mean just that */
  const char           *tls_version;    /* static: "TLS 1.0" when a TLS session was up, or NULL */
} PbFailure;

const char *pb_stage_to_string   (PbStage          stage);
void        pb_failure_clear     (PbFailure       *failure);
void        pb_failure_copy_into (const PbFailure *src,
                                  PbFailure       *dest);

G_END_DECLS
