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

G_END_DECLS
