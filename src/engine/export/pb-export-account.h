/* pb-export-account.h: the settings of one account as they are handed to a mail program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every writer (pb-export-*.c) takes this model. It is checked once, when it is made: a
 * value that some format could not carry as itself (a control character that would start
 * a new line in msmtp's file or a zone file, or make the XML not well-formed; a host name
 * that is not a DNS name) is refused here, so no writer can be tricked into writing one.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-result.h"
#include "pb-discovery-result.h"
#include "pb-sasl.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

#define PB_EXPORT_ERROR (pb_export_error_quark ())

typedef enum {
  PB_EXPORT_ERROR_INVALID,        /* a value no format may carry (the message says which) */
  PB_EXPORT_ERROR_NO_SERVER,      /* the format needs a server the settings do not have */
  PB_EXPORT_ERROR_NOT_AVAILABLE,  /* the hand-off is not available (yet) */
  PB_EXPORT_ERROR_UNSUPPORTED,    /* the target cannot take these settings (the message says why) */
  PB_EXPORT_ERROR_NO_PASSWORD,    /* the hand-off needs a saved password and there is none */
} PbExportError;

typedef struct {
  char           *address;       /* the address, domain in ASCII */
  char           *domain;        /* the address's domain, ASCII, lower case */
  char           *display_name;  /* the person's name; NULL when not known */
  PbServerConfig *incoming;      /* IMAP or POP3; NULL when not known */
  PbServerConfig *outgoing;      /* SMTP; NULL when not known */
  PbSaslMechanism outgoing_mechanism; /* the verified SMTP login's; PB_SASL_NONE: not known */
} PbExportAccount;

GQuark           pb_export_error_quark                (void);

/* Copies the servers; a server's NULL username becomes the address, host names become
 * lower-case ASCII. NULL with PB_EXPORT_ERROR_INVALID for a value no format may carry, or
 * a server of the wrong protocol for its half. */
PbExportAccount *pb_export_account_new                (const char            *address,
                                                       const char            *display_name,
                                                       const PbServerConfig  *incoming,
                                                       const PbServerConfig  *outgoing,
                                                       GError               **error);
/* The discovery's best servers: the first outgoing one, and the first IMAP server, else the
 * first POP3 server (the incoming server a setup test checks). NO_SERVER when it found none. */
PbExportAccount *pb_export_account_new_from_discovery (PbDiscoveryResult     *result,
                                                       const char            *display_name,
                                                       GError               **error);
/* The settings an account test verified: each result's server with the user name it logged
 * in with, and the outgoing login's mechanism; display_name as for pb_export_account_new(). A result may be NULL (that half not tested);
 * one that is not ok is refused as NO_SERVER. */
PbExportAccount *pb_export_account_new_verified       (const char            *address,
                                                       const char            *display_name,
                                                       const PbCheckResult   *incoming,
                                                       const PbCheckResult   *outgoing,
                                                       GError               **error);
PbExportAccount *pb_export_account_copy               (const PbExportAccount *account);
void             pb_export_account_free               (PbExportAccount       *account);

/* Whether a server of the account signs in at the provider (OAuth2) instead of a password,
 * and the provider whose own sign-in GNOME Online Accounts has for it ("Microsoft",
 * "Google"; NULL for another). */
gboolean         pb_export_account_signs_in           (const PbExportAccount *account);
const char      *pb_export_account_sign_in_provider   (const PbExportAccount *account);

/* Each half the writer needs, or NO_SERVER naming it. */
gboolean         pb_export_account_require            (const PbExportAccount *account,
                                                       gboolean               incoming,
                                                       gboolean               outgoing,
                                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbExportAccount, pb_export_account_free)

G_END_DECLS
