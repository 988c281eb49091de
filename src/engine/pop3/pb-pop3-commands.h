/* pb-pop3-commands.h: STAT and QUIT on a logged-in POP3 client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each finishes with pb_pop3_client_finish().
 */
#pragma once

#include "pb-pop3-client.h"

G_BEGIN_DECLS

/* STAT (stage "mailbox"): the number of messages and their size, then in
 * pb_pop3_client_get_mailbox(). */
void        pb_pop3_client_stat_async      (PbPop3Client        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void        pb_pop3_client_quit_async      (PbPop3Client        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

G_END_DECLS
