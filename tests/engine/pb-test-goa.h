/* pb-test-goa.h: a stand-in for goa-daemon on a test's bus, for the answers the real one
 * gives only when something has gone wrong (the real daemon: tests/cli/test-export-goa-lab.sh)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The path of the one account the stand-in adds. */
#define PB_TEST_GOA_ACCOUNT_PATH "/org/gnome/OnlineAccounts/Accounts/account_1"

typedef struct _PbTestGoa PbTestGoa;

/* Owns org.gnome.OnlineAccounts on the bus at address, served from a thread of its own (so
 * that blocking calls from the test's thread are answered): Manager.AddAccount adds the
 * account at PB_TEST_GOA_ACCOUNT_PATH, whose Account.Remove removes it again; other paths
 * have no object. */
PbTestGoa *pb_test_goa_new          (const char *address);
/* From now on AddAccount and Remove answer with org.gnome.OnlineAccounts.Error.Failed and
 * message (NULL: they succeed again). */
void       pb_test_goa_set_refusal  (PbTestGoa  *goa,
                                     const char *message);
/* The credentials of the last AddAccount (a{sv}), NULL before the first. */
GVariant  *pb_test_goa_dup_credentials (PbTestGoa *goa);
/* How many accounts were added and not removed. */
guint      pb_test_goa_get_accounts (PbTestGoa  *goa);
void       pb_test_goa_free         (PbTestGoa  *goa);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestGoa, pb_test_goa_free)

G_END_DECLS
