/* pb-check-options.h: what the caller asks of a live check
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *username;              /* NULL: the config's or the address; used as it is */
  const char *from;                  /* sender of the dry run and test message; NULL: the address */
  const char *from_name;             /* the sender's name in the test message's From, or NULL */
  const char *recipient;             /* recipient of the dry run; NULL: the address */
  gboolean    dry_run_send;          /* MAIL FROM + RCPT TO to the own address, then RSET */
  gboolean    send_test;             /* a real test message to the own address */
  gboolean    allow_plaintext_auth;  /* only honoured with security "none" */
  const char *pinned_sha256;         /* trust exactly this certificate for host:port */
  const char *provider_id;           /* preset id for the diagnosis, or NULL */
  guint       timeout_ms;            /* the whole check; 0: the default */
  guint       step_timeout_ms;       /* each step; 0: the default */
} PbCheckOptions;

G_END_DECLS
