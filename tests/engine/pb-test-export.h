/* pb-test-export.h: the account the export writers' tests hand to each writer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* The GLib test framework with the program's translations, in English unless a test says
 * otherwise. */
void             pb_test_export_init    (int        *argc,
                                         char     ***argv);

/* A server with the address as its login. */
PbServerConfig  *pb_test_export_server  (PbProtocol  protocol,
                                         const char *host,
                                         guint16     port,
                                         PbSecurity  security,
                                         PbAuthMethod auth);
/* alice@example.com: IMAP imap.example.com:993 TLS with in_user, SMTP smtp.example.com:587
 * STARTTLS with out_user (NULL: the address), name as given (may be NULL). Asserts that
 * the model takes them. */
PbExportAccount *pb_test_export_account (const char *name,
                                         const char *in_user,
                                         const char *out_user);

G_END_DECLS
