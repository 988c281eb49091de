/* pb-setup-run.h: one test of the setup flow
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-setup.h"

G_BEGIN_DECLS

/* Tests server (NULL: pb_setup_get_server()) for address (NULL: the found settings'
 * address) with the caller's options; the flow adds the provider and a trusted
 * certificate. Asks first when the found settings need confirmation; saves the password
 * when the login was accepted. Returns the result (also a failed or cancelled check), or
 * PB_SETUP_ERROR, or G_IO_ERROR_CANCELLED while asking. */
void             pb_setup_test_async  (PbSetup              *self,
                                       PbServerConfig       *server,
                                       const char           *address,
                                       const PbCheckOptions *options,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
PbCheckResult   *pb_setup_test_finish (PbSetup              *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* Tests both halves of the found account at once: the best outgoing server
 * (pb_setup_get_server()) and the best incoming one (pb_setup_get_incoming_server()), for
 * the found settings' address, with the caller's options (the sending ones serve the
 * outgoing half only). Asks once first when the settings need confirmation, for every host
 * of the account; the password goes to both halves; each half saves the password its
 * server accepted as its own keyring item, and, looking up a saved one, the incoming half
 * falls back on the outgoing server's. ::step says which half a step is of. A half that
 * fails on its certificate asks (with use-trust-store) whether to trust it, the other half
 * going on, and when trusted checks its server again (::check-started again, for that half
 * only); the test answers when both halves are done. Returns the results (element type PbCheckResult: the outgoing half's, then the
 * incoming half's when an incoming server was found; failed and cancelled checks too), or
 * PB_SETUP_ERROR (NOT_FOUND: no outgoing server), or G_IO_ERROR_CANCELLED while asking.
 * With options->send_test (send and receive), once the outgoing server took the test message
 * and the incoming half's login was accepted, the test then waits for the message in INBOX
 * over that login (PbRoundTrip; the password it used, typed or from the keyring), within
 * pb_setup_set_round_trip_wait(), with ::round-trip-started and ::round-trip-progress and
 * the same cancellable, and answers only after it: pb_setup_get_round_trip_result() then
 * says whether the message arrived, or why it was not looked for. */
void             pb_setup_test_account_async  (PbSetup              *self,
                                               const PbCheckOptions *options,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* The same with outgoing (an SMTP server; NULL: pb_setup_get_server()) as the outgoing
 * half: the found server as the user edited it. Finishes with
 * pb_setup_test_account_finish(). */
void             pb_setup_test_account_with_async (PbSetup              *self,
                                                   PbServerConfig       *outgoing,
                                                   const PbCheckOptions *options,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray       *pb_setup_test_account_finish (PbSetup              *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
