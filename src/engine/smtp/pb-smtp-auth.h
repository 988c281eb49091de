/* pb-smtp-auth.h: SASL mechanism choice and the responses of PLAIN, LOGIN and CRAM-MD5
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no I/O: the client drives the dialogue. Every returned string that holds
 * a secret must be released with pb_smtp_secret_free(), which zeroes it first.
 */
#pragma once

#include <glib.h>

#include "pb-server-config.h"
#include "pb-smtp-reply.h"

G_BEGIN_DECLS

typedef enum {
  PB_SASL_NONE,
  PB_SASL_PLAIN,
  PB_SASL_LOGIN,
  PB_SASL_CRAM_MD5,
} PbSaslMechanism;

const char      *pb_sasl_mechanism_to_string (PbSaslMechanism mechanism);

/* Picks what to use for the configured method; on failure sets error and *problem_hint
 * ("auth-not-offered" or "auth-mechanism-unsupported"). */
PbSaslMechanism  pb_sasl_choose              (const PbSmtpCapabilities *caps,
                                              PbAuthMethod              method,
                                              const char              **problem_hint,
                                              GError                  **error);

/* base64 ("\0user\0password") */
char            *pb_sasl_plain_response      (const char *username,
                                              const char *password);
/* base64 (user " " hex (HMAC-MD5 (password, challenge))); NULL when the challenge is not
 * valid base64 or is unreasonably long. */
char            *pb_sasl_cram_md5_response   (const char *username,
                                              const char *password,
                                              const char *challenge_base64);
char            *pb_sasl_base64              (const char *text);

void             pb_smtp_secret_wipe         (char       *secret);
void             pb_smtp_secret_free         (char       *secret);

typedef char PbSecret;   /* g_autoptr(PbSecret) wipes on scope exit */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSecret, pb_smtp_secret_free)

G_END_DECLS
