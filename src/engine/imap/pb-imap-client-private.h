/* pb-imap-client-private.h: the client's state, for the files of the IMAP protocol
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-imap-client.h"
#include "pb-sasl-oauth.h"

G_BEGIN_DECLS

struct _PbImapClient
{
  GObject          parent_instance;

  PbConnection    *connection;
  gboolean         allow_plaintext_auth;
  gboolean         identify;    /* ID goes out with the next EXAMINE or SELECT */
  char           **capabilities;
  char            *alert;
  char           **server_id;
  gint64           messages;
  gboolean         preauthenticated;
  PbImapResponse  *last;        /* the last tagged response, the greeting or a BYE */
  guint            tag_count;
  gboolean         auth_sent;
  char            *mechanism;
  PbSaslOAuthError *oauth_error; /* the document of a refused token login, or NULL */
  gboolean         read_write;  /* the mailbox was selected with [READ-WRITE] */
  GArray          *found;       /* the UIDs of the last UID SEARCH (guint32), or NULL */
  guint32          fetched_uid; /* the message whose header came last */
  GBytes          *fetched_header;
};

/* The task of one operation, with its source tag. */
GTask *pb_imap_client_new_task (PbImapClient        *self,
                                gpointer             source_tag,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);

G_END_DECLS
