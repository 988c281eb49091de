/* pb-test-imap.h: an IMAP client talking to a scripted peer, for the IMAP client's tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The peer (pb-test-peer.h) plays the server over a socketpair, so every rule is tested
 * without TLS and without the lab. Each operation runs in the main loop until it is done.
 */
#pragma once

#include "pb-imap.h"
#include "pb-test-peer.h"

G_BEGIN_DECLS

typedef struct {
  PbImapClient  *client;
  PbTestPeer    *peer;
  gboolean       done;
  GAsyncResult  *result;
  guint          n_received;   /* the client's lines the peer read, once it has ended */
} Session;

/* The peer runs script; the client connects over the socketpair (timeouts 2 s and 10 s)
 * and the connect's result waits for session_finish_connect(). */
void        session_start          (Session             *s,
                                    PbSecurity           security,
                                    const char * const  *script);
/* The callback of every operation: user_data is the session. */
void        session_on_done        (GObject             *source,
                                    GAsyncResult        *result,
                                    gpointer             user_data);
gboolean    session_finish_connect (Session             *s,
                                    GError             **error);
/* Waits for the operation started with session_on_done, and finishes it. */
gboolean    session_finish_command (Session             *s,
                                    GError             **error);
/* Drops the client, closes the peer's end; n_received is then final. */
void        session_end            (Session             *s);
/* The i-th line the client sent, or NULL. */
const char *session_received       (Session             *s,
                                    guint                i);
/* Whether a transcript line of that direction ('C', 'S'; 0: any) holds needle. */
gboolean    session_transcript_has (Session             *s,
                                    char                 direction,
                                    const char          *needle);

G_END_DECLS
