/* pb-sasl.h: SASL mechanisms for a password login, for any mail protocol
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no I/O: the protocol's client drives the dialogue. Every returned string
 * that holds a secret must be released with pb_secret_free(), which zeroes it first.
 */
#pragma once

#include <glib.h>

#include "pb-secret.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

typedef enum {
  PB_SASL_NONE,
  PB_SASL_PLAIN,
  PB_SASL_LOGIN,
  PB_SASL_CRAM_MD5,
} PbSaslMechanism;

const char      *pb_sasl_mechanism_to_string (PbSaslMechanism      mechanism);
/* The mechanism of a name as pb_sasl_mechanism_to_string() gives it (any case); PB_SASL_NONE
 * for NULL or a name that is none of them. */
PbSaslMechanism  pb_sasl_mechanism_from_string (const char        *name);

/* The best of the offered mechanisms for the configured method: PLAIN, LOGIN, CRAM-MD5 for
 * a password that may travel (inside TLS), only CRAM-MD5 for "encrypted password"; none
 * for OAuth2, NTLM or GSSAPI, which need more than a password. */
PbSaslMechanism  pb_sasl_pick                (const char * const  *offered,
                                              PbAuthMethod         method);
/* Why none of the offered mechanisms (and login commands) will do for the method, in the
 * protocol's error domain: only OAuth2 is offered, or nothing usable, with the list in
 * parentheses at the end. */
void             pb_sasl_set_unusable_error  (GError             **error,
                                              GQuark               domain,
                                              gint                 code,
                                              const char * const  *offered,
                                              PbAuthMethod         method);
/* Adds each mechanism of a list the server sent (separated by spaces or tabs) to mechs
 * (strings), upper case, without duplicates; names that are not SASL names are skipped and
 * no more than a bounded number are kept. */
void             pb_sasl_add_mechanisms      (GPtrArray           *mechs,
                                              const char          *list);
/* Does the server offer a token login (XOAUTH2, OAUTHBEARER)? */
gboolean         pb_sasl_offers_oauth        (const char * const  *offered);

/* base64 ("\0user\0password") */
char            *pb_sasl_plain_response      (const char *username,
                                              const char *password);
/* base64 (user " " hex (HMAC-MD5 (password, challenge))); NULL when the challenge is not
 * valid base64 or is unreasonably long. */
char            *pb_sasl_cram_md5_response   (const char *username,
                                              const char *password,
                                              const char *challenge_base64);
char            *pb_sasl_base64              (const char *text);

G_END_DECLS
