/* pb-pop3-client-private.h: the client's state, for the files of the POP3 protocol
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-pop3-client.h"

G_BEGIN_DECLS

struct _PbPop3Client
{
  GObject               parent_instance;

  PbConnection         *connection;
  gboolean              allow_plaintext_auth;
  gboolean              connected;      /* the connect operation succeeded */
  PbPop3Capabilities   *caps;           /* NULL until connected, and across the upgrade */
  PbPop3Reply          *last_reply;     /* secrets redacted */
  PbPop3Login           login;
  gboolean              auth_sent;
  gboolean              have_stat;
  guint                 messages;
  guint64               octets;
  char                 *uid;            /* the last UIDL n's unique id (RFC 1939 7) */
  GBytes               *header;         /* the last TOP n 0's header, lines ended by LF */
  gboolean              id_passed_over; /* its header, too big to keep, named the id */
};

G_END_DECLS
