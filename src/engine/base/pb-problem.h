/* pb-problem.h: the problem ids, one value per entry of the diagnosis catalogue
 *
 * The ids are the GEnum nicks that glib-mkenums derives from the names below
 * (PB_PROBLEM_AUTH_FAILED is "auth-failed"): the strings of the command line's JSON and
 * text and docs/problems.md. Code, the clients' hints included, compares and switches on
 * the values; only that edge converts, through pb_problem_to_string() and
 * pb_problem_from_string().
 *
 * A new id is a value here and its entry in pb-diagnosis-catalogue.c (texts, example);
 * test-diagnosis-catalogue fails until both exist and de.po translates the texts.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PB_PROBLEM_NONE,                        /*< skip >*/

  /* finding the settings (postbote detect, and check without --server) */
  PB_PROBLEM_NOT_DISCOVERABLE,
  PB_PROBLEM_NOT_FOUND,
  PB_PROBLEM_CONFIRMATION_NEEDED,
  PB_PROBLEM_DETECT_FAILED,

  /* finding and reaching the server */
  PB_PROBLEM_DNS_NOT_FOUND,
  PB_PROBLEM_NETWORK_UNREACHABLE,
  PB_PROBLEM_CONNECT_REFUSED,
  PB_PROBLEM_CONNECT_TIMEOUT,

  /* encryption and certificates */
  PB_PROBLEM_TLS_WRONG_PORT,
  PB_PROBLEM_TLS_HANDSHAKE_FAILED,
  PB_PROBLEM_TLS_OUTDATED,
  PB_PROBLEM_CERT_UNTRUSTED,
  PB_PROBLEM_CERT_EXPIRED,
  PB_PROBLEM_CERT_NOT_YET_VALID,
  PB_PROBLEM_CERT_HOSTNAME_MISMATCH,
  PB_PROBLEM_CERT_REVOKED,
  PB_PROBLEM_CERT_INSECURE,

  /* STARTTLS */
  PB_PROBLEM_STARTTLS_NOT_OFFERED,
  PB_PROBLEM_STARTTLS_REFUSED,
  PB_PROBLEM_STARTTLS_INJECTION,

  /* login */
  PB_PROBLEM_AUTH_NOT_OFFERED,
  PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED,
  PB_PROBLEM_AUTH_OAUTH_REQUIRED,
  PB_PROBLEM_AUTH_TOKEN_REFUSED,
  PB_PROBLEM_AUTH_TOKEN_SCOPE,
  PB_PROBLEM_AUTH_FAILED,
  PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED,
  PB_PROBLEM_AUTH_BASIC_DISABLED,
  PB_PROBLEM_AUTH_SMTP_DISABLED,
  PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED,
  PB_PROBLEM_AUTH_ACCESS_DISABLED,
  PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS,
  PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED,
  PB_PROBLEM_PASSWORD_EXPIRED,
  PB_PROBLEM_LOGIN_DELAY,

  /* the mailbox (IMAP, POP3) */
  PB_PROBLEM_MAILBOX_IN_USE,
  PB_PROBLEM_MAILBOX_NOT_FOUND,

  /* sending */
  PB_PROBLEM_AUTH_REQUIRED,
  PB_PROBLEM_SENDER_NOT_ALLOWED,
  PB_PROBLEM_SENDER_INVALID,
  PB_PROBLEM_RELAY_DENIED,
  PB_PROBLEM_RECIPIENT_REJECTED,
  PB_PROBLEM_MESSAGE_TOO_LARGE,
  PB_PROBLEM_MESSAGE_REJECTED,
  PB_PROBLEM_CLIENT_BLOCKED,

  /* the server's state */
  PB_PROBLEM_SERVICE_UNAVAILABLE,
  PB_PROBLEM_TEMPORARY_FAILURE,
  PB_PROBLEM_CONTACT_PROVIDER,
  PB_PROBLEM_GREYLISTED,
  PB_PROBLEM_PROTOCOL_ERROR,
  PB_PROBLEM_TIMEOUT,
  PB_PROBLEM_CANCELLED,

  /* signing in at the provider (OAuth 2.0) */
  PB_PROBLEM_OAUTH_NO_CLIENT,
  PB_PROBLEM_OAUTH_NO_DEVICE,
  PB_PROBLEM_OAUTH_METADATA_INVALID,
  PB_PROBLEM_OAUTH_REGISTRATION_REFUSED,
  PB_PROBLEM_OAUTH_DENIED,
  PB_PROBLEM_OAUTH_TIMED_OUT,
  PB_PROBLEM_OAUTH_SIGN_IN_EXPIRED,
  PB_PROBLEM_OAUTH_SIGN_IN_FAILED,

  /* the keyring */
  PB_PROBLEM_KEYRING_UNAVAILABLE,
  PB_PROBLEM_KEYRING_LOCKED,
  PB_PROBLEM_KEYRING_DISMISSED,

  /* the round trip of a test message */
  PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED,
  PB_PROBLEM_POP3_NO_TOP,
  PB_PROBLEM_POP3_BUSY,
} PbProblem;

/* The id, a static string; NULL for PB_PROBLEM_NONE (no problem) and for no value at all. */
const char *pb_problem_to_string   (PbProblem   problem);
/* The value whose id is str; PB_PROBLEM_NONE for NULL and for anything else. */
PbProblem   pb_problem_from_string (const char *str);

G_END_DECLS
