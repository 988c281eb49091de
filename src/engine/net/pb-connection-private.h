/* pb-connection-private.h: the connection's state, for the files that drive it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-connection.h"

G_BEGIN_DECLS

struct _PbConnection
{
  GObject               parent_instance;

  char                 *host;
  guint16               port;
  PbSecurity            security;
  char                 *pinned_sha256;       /* 64 lower-case hex digits */

  GSocketClient        *socket_client;
  GSocketConnection    *tcp;
  GTlsConnection       *tls;
  GIOStream            *stream;              /* tcp or tls, not owned */
  PbLineReader         *reader;
  guint8                readbuf[4096];
  char                 *outbuf;              /* the write in flight, wiped afterwards */
  gsize                 outlen;

  PbStageClock          clock;
  PbTranscript         *transcript;
  GTlsCertificate      *peer_cert;
  GTlsCertificateFlags  cert_errors;
  gboolean              cert_pinned;
  PbFailure             failure;
};

G_END_DECLS
