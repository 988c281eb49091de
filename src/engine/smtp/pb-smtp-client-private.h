/* pb-smtp-client-private.h: the client's state, for the files of the SMTP protocol
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-sasl-oauth.h"
#include "pb-smtp-client.h"

G_BEGIN_DECLS

struct _PbSmtpClient
{
  GObject               parent_instance;

  PbConnection         *connection;
  gboolean              allow_plaintext_auth;
  PbSmtpCapabilities   *caps;
  PbSmtpReply          *last_reply;
  gboolean              auth_sent;
  char                 *mechanism;
  PbSaslOAuthError     *oauth_error;  /* the document of a refused token login, or NULL */
};

G_END_DECLS
