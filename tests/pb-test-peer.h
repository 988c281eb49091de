/* pb-test-peer.h: a scripted server on the other end of a socketpair, for client tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PbTestPeer PbTestPeer;

/* Starts a thread that plays the server: each step of script (NULL-terminated) either
 * sends ("S:text", sent as it is) or reads one line of the client's ("C", kept without its
 * line end). *local: the client's end. The script stops at the first read that finds the
 * connection closed. */
PbTestPeer  *pb_test_peer_start    (const char * const  *script,
                                    GSocketConnection  **local);
/* The client's lines the peer has read so far (for use after pb_test_peer_stop() only,
 * or by a test that knows the thread is done with them). */
const char  *pb_test_peer_received (PbTestPeer          *peer,
                                    guint                i);
/* Closes the server's end and waits for the thread: the number of lines it read. The
 * lines stay readable until pb_test_peer_free(). */
guint        pb_test_peer_stop     (PbTestPeer          *peer);
void         pb_test_peer_free     (PbTestPeer          *peer);

G_END_DECLS
