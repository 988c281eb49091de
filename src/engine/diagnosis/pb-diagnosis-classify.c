/* pb-diagnosis-classify.c: failure -> problem id
 *
 * The classification keeps to stable facts: GError domains and codes, SMTP codes, enhanced
 * status codes (RFC 3463) and short markers that providers have used for years. Whole
 * sentences change too often to match on.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "pb-credentials.h"
#include "pb-diagnosis-classify.h"
#include "pb-diagnosis-incoming.h"
#include "pb-diagnosis-providers.h"
#include "pb-diagnosis-text.h"

/* ---- errors ---------------------------------------------------------------------------- */

/* The most serious flag names the problem: a certificate nobody vouches for says nothing
 * about its name or dates, and a wrong name matters more than a lapsed date. */
static PbProblem
classify_certificate (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return PB_PROBLEM_CERT_REVOKED;
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return PB_PROBLEM_CERT_UNTRUSTED;
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return PB_PROBLEM_CERT_HOSTNAME_MISMATCH;
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return PB_PROBLEM_CERT_EXPIRED;
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return PB_PROBLEM_CERT_NOT_YET_VALID;
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return PB_PROBLEM_CERT_INSECURE;
  return PB_PROBLEM_CERT_UNTRUSTED;
}

static gboolean
in_tls_handshake (const PbFailure *f)
{
  return f->stage == PB_STAGE_TLS || f->stage == PB_STAGE_STARTTLS_HANDSHAKE;
}

/* A plain-text client that gets no greeting on 465, or is cut off there, met a server that
 * waits for a TLS handshake. The other way round only the server's plain text tells (see
 * tls_peer_spoke_plain_text): a refused or broken handshake is no wrong port. */
static gboolean
looks_like_wrong_port (const PbFailure *f)
{
  if (f->security == PB_SECURITY_TLS)
    return FALSE;
  return f->port == 465
         && (f->stage == PB_STAGE_GREETING || f->stage == PB_STAGE_EHLO
             || f->stage == PB_STAGE_STARTTLS);
}

/* Whether a failed handshake read plain text where a TLS record belonged: a plain SMTP
 * greeting. GnuTLS says so only in its (translated) message, so the message is compared with
 * GnuTLS's own catalogue in the current language as well as in English. */
static gboolean
tls_peer_spoke_plain_text (const GError *error)
{
  static const char * const gnutls_messages[] = {
    "An unexpected TLS packet was received.",
    "A TLS packet with unexpected length was received.",
    NULL
  };
  g_autofree char *lower = g_utf8_strdown (error->message, -1);
  const char *text = lower;

  if (HAS ("unexpected tls packet", "unexpected length", "wrong version number",
           "packet length too long", "unknown protocol"))
    return TRUE;
  for (guint i = 0; gnutls_messages[i] != NULL; i++)
    if (strstr (error->message, g_dgettext ("gnutls30", gnutls_messages[i])) != NULL)
      return TRUE;
  return FALSE;
}

static PbProblem
classify_tls_error (const PbFailure *f)
{
  const GError *error = f->error;

  /* After a successful handshake, a TLS error is the session breaking off, typically the
   * server closing it: nothing about agreeing on the encryption. */
  if (!in_tls_handshake (f) && error->code != G_TLS_ERROR_BAD_CERTIFICATE
      && error->code != G_TLS_ERROR_CERTIFICATE_REQUIRED)
    return PB_PROBLEM_PROTOCOL_ERROR;

  switch ((GTlsError) error->code)
    {
    case G_TLS_ERROR_BAD_CERTIFICATE:
      return classify_certificate (f->cert_errors);
    case G_TLS_ERROR_NOT_TLS:
    case G_TLS_ERROR_HANDSHAKE:
    case G_TLS_ERROR_EOF:
    case G_TLS_ERROR_MISC:
      /* Plain text where the server's half of the handshake belonged. After STARTTLS it
       * was sent after the 220, in a later segment than the injection check could see. */
      if (tls_peer_spoke_plain_text (error))
        return f->stage == PB_STAGE_TLS ? PB_PROBLEM_TLS_WRONG_PORT : PB_PROBLEM_STARTTLS_INJECTION;
      /* A refused handshake on an implicit-TLS port says nothing about STARTTLS: only a
       * plain greeting does (the client probes for one and says so in the hint). */
      return PB_PROBLEM_TLS_HANDSHAKE_FAILED;
    case G_TLS_ERROR_UNAVAILABLE:
    case G_TLS_ERROR_CERTIFICATE_REQUIRED:
    case G_TLS_ERROR_INAPPROPRIATE_FALLBACK:
    case G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD:
    default:
      return PB_PROBLEM_TLS_HANDSHAKE_FAILED;
    }
}

static PbProblem
classify_io_error (const PbFailure *f)
{
  switch ((GIOErrorEnum) f->error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
      return PB_PROBLEM_CONNECT_REFUSED;
    case G_IO_ERROR_HOST_NOT_FOUND:
      return PB_PROBLEM_DNS_NOT_FOUND;
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_HOST_UNREACHABLE:
      return PB_PROBLEM_NETWORK_UNREACHABLE;
    case G_IO_ERROR_TIMED_OUT:
      if (f->stage == PB_STAGE_RESOLVE)
        return PB_PROBLEM_DNS_NOT_FOUND;
      if (f->stage == PB_STAGE_CONNECT || f->stage == PB_STAGE_NONE)
        return PB_PROBLEM_CONNECT_TIMEOUT;
      if (looks_like_wrong_port (f))
        return PB_PROBLEM_TLS_WRONG_PORT;
      return PB_PROBLEM_TIMEOUT;
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_NOT_CONNECTED:
      if (looks_like_wrong_port (f))
        return PB_PROBLEM_TLS_WRONG_PORT;
      if (in_tls_handshake (f))
        return PB_PROBLEM_TLS_HANDSHAKE_FAILED;
      return PB_PROBLEM_PROTOCOL_ERROR;
    case G_IO_ERROR_INVALID_DATA:
    case G_IO_ERROR_MESSAGE_TOO_LARGE:
    case G_IO_ERROR_INVALID_ARGUMENT:
      return in_tls_handshake (f) ? PB_PROBLEM_TLS_HANDSHAKE_FAILED : PB_PROBLEM_PROTOCOL_ERROR;
    default:
      if (f->stage == PB_STAGE_CONNECT)
        return PB_PROBLEM_CONNECT_REFUSED;
      return in_tls_handshake (f) ? PB_PROBLEM_TLS_HANDSHAKE_FAILED : PB_PROBLEM_PROTOCOL_ERROR;
    }
}

static PbProblem
classify_error (const PbFailure *f)
{
  const GError *error = f->error;

  if (error->domain == G_RESOLVER_ERROR)
    return PB_PROBLEM_DNS_NOT_FOUND;
  if (error->domain == G_TLS_ERROR)
    return classify_tls_error (f);
  if (error->domain == G_IO_ERROR)
    return classify_io_error (f);
  if (in_tls_handshake (f))
    return PB_PROBLEM_TLS_HANDSHAKE_FAILED;
  if (f->stage == PB_STAGE_CONNECT)
    return PB_PROBLEM_CONNECT_REFUSED;
  return PB_PROBLEM_PROTOCOL_ERROR;
}

static PbProblem
classify_keyring (const PbFailure *f)
{
  const GError *error = f->error;
  PbProblem problem;

  if (error == NULL)
    return PB_PROBLEM_KEYRING_UNAVAILABLE;
  if ((problem = pb_credentials_error_to_problem (error)) != PB_PROBLEM_NONE)
    return problem;
  if (error->domain == SECRET_ERROR && error->code == SECRET_ERROR_IS_LOCKED)
    return PB_PROBLEM_KEYRING_LOCKED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return PB_PROBLEM_KEYRING_LOCKED;
  /* libsecret reports a dismissed unlock or confirmation prompt as cancelled. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return PB_PROBLEM_KEYRING_DISMISSED;
  return PB_PROBLEM_KEYRING_UNAVAILABLE;
}

/* ---- replies --------------------------------------------------------------------------- */

static const char * const login_missing_markers[] = {
  "not logged in", "login required", "authentication required", "authentication is required",
  "auth required", "must authenticate", "not authenticated", "authenticate first", NULL
};

/* A check without a password that the server turns away for just that (Postfix:
 * "553 5.7.1 <a@b>: Sender address rejected: not logged in"): the login is what is
 * missing, not a valid sender or recipient. */
static PbProblem
classify_login_missing (const PbFailure *f,
                        const char      *text)
{
  if (f->stage != PB_STAGE_MAIL_FROM && f->stage != PB_STAGE_RCPT_TO
      && f->stage != PB_STAGE_DATA)
    return PB_PROBLEM_NONE;
  /* "530 Must issue a STARTTLS command first": a password would not help. */
  if (HAS ("starttls", "encryption required", "tls required")
      || pb_diagnosis_enhanced_is (f, "5.7.11"))
    return PB_PROBLEM_NONE;
  if (pb_diagnosis_text_has_any (text, login_missing_markers))
    return PB_PROBLEM_AUTH_REQUIRED;
  return PB_PROBLEM_NONE;
}

/* 421, at whatever stage (RFC 5321 3.8): the server closes the session. Only its words
 * can make it more than that. */
static PbProblem
classify_closing (const PbFailure *f,
                  const char      *text)
{
  if (f->stage == PB_STAGE_AUTH && pb_diagnosis_says_too_many_attempts (text))
    return PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS;
  return PB_PROBLEM_SERVICE_UNAVAILABLE;
}

static PbProblem
classify_auth_reply (const PbFailure *f,
                     const char      *text)
{
  guint code = pb_failure_get_smtp_code (f);

  if (HAS ("smtpclientauthentication is disabled", "smtp_auth_disabled"))
    return PB_PROBLEM_AUTH_SMTP_DISABLED;
  /* Microsoft also says 5.7.139 for a plain wrong password. */
  if ((pb_diagnosis_enhanced_is (f, "5.7.139") && !HAS ("credentials were incorrect"))
      || HAS ("basic authentication is disabled"))
    return PB_PROBLEM_AUTH_BASIC_DISABLED;
  if (pb_diagnosis_enhanced_is (f, "5.7.9") || HAS ("application-specific password", "app password"))
    return PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED;
  if (pb_diagnosis_enhanced_is (f, "5.7.14") || HAS ("log in via your web browser", "web browser"))
    return PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED;
  if (pb_diagnosis_says_too_many_attempts (text) && (code / 100 == 4 || code == 535 || code == 554))
    return PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS;
  if (code == 538 || pb_diagnosis_enhanced_is (f, "5.7.11")
      || HAS ("must issue a starttls", "encryption required", "requires encryption",
              "tls required", "requires tls"))
    return PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED;
  if (code == 504 || pb_diagnosis_enhanced_is (f, "5.5.4") || pb_diagnosis_enhanced_is (f, "5.7.4")
      || HAS ("unrecognized authentication type", "mechanism not supported",
              "unsupported authentication mechanism"))
    return PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED;
  if ((code == 502 || code == 503 || code == 500)
      && HAS ("not enabled", "not available", "not supported", "not implemented",
              "not recognized", "unrecognized command", "not advertised"))
    return PB_PROBLEM_AUTH_NOT_OFFERED;
  if (code / 100 == 4)
    return PB_PROBLEM_TEMPORARY_FAILURE;
  return PB_PROBLEM_AUTH_FAILED;
}

static const char * const relay_markers[] = {
  "relay", "rcpthosts", "authentication required", "authentication is required",
  "not authenticated", "must authenticate", "auth required", "5.7.57", NULL
};

static const char * const sender_invalid_markers[] = {
  "domain not found", "not a valid", "invalid", "syntax", "fully-qualified",
  "unrouteable", "unroutable", "sender verify failed", "malformed", NULL
};

static const char * const sender_policy_markers[] = {
  "not owned", "does not belong", "must match", "not allowed", "not authorized",
  "not authorised", "not permitted to send", "sendasdenied", "send as", "5.7.60", "spoof",
  NULL
};

static const char * const greylist_markers[] = {
  "greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list", "postgrey",
  NULL
};

static PbProblem
classify_sender_reply (const PbFailure *f,
                       const char      *text)
{
  if (pb_diagnosis_text_has_any (text, sender_invalid_markers)
      || pb_diagnosis_enhanced_is (f, "5.1.7") || pb_diagnosis_enhanced_is (f, "5.1.8")
      || pb_failure_get_smtp_code (f) == 501)
    return PB_PROBLEM_SENDER_INVALID;
  if (pb_diagnosis_text_has_any (text, sender_policy_markers))
    return PB_PROBLEM_SENDER_NOT_ALLOWED;
  if (pb_diagnosis_text_has_any (text, relay_markers) || pb_failure_get_smtp_code (f) == 530)
    return PB_PROBLEM_RELAY_DENIED;
  return PB_PROBLEM_NONE;
}

static gboolean
is_too_large (const PbFailure *f,
              const char      *text)
{
  return pb_diagnosis_enhanced_is (f, "5.3.4") || pb_diagnosis_enhanced_is (f, "5.2.3")
         || HAS ("too large", "too big", "exceeds", "size limit");
}

static PbProblem
classify_mail_reply (const PbFailure *f,
                     const char      *text)
{
  guint code = pb_failure_get_smtp_code (f);
  PbProblem problem;
  char buffer[16];

  if (code / 100 == 4)
    {
      if (pb_diagnosis_text_has_any (text, greylist_markers))
        return PB_PROBLEM_GREYLISTED;
      /* Postfix answers an unknown sender domain with 450 4.1.8: DNS may recover. */
      if (HAS ("sender address rejected")
          && pb_diagnosis_text_has_any (text, sender_invalid_markers))
        return PB_PROBLEM_SENDER_INVALID;
      /* Postfix's defer_unauth_destination: a relay refusal that only looks temporary. */
      if (HAS ("relay access denied", "relaying denied"))
        return PB_PROBLEM_RELAY_DENIED;
      return PB_PROBLEM_TEMPORARY_FAILURE;
    }
  if (code == 552 && (pb_diagnosis_enhanced_is (f, "5.2.2") || HAS ("mailbox full", "quota")))
    return PB_PROBLEM_RECIPIENT_REJECTED;
  if (HAS ("must issue a starttls", "encryption required") || pb_diagnosis_enhanced_is (f, "5.7.11"))
    return PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED;
  /* Gmail refuses dangerous attachments with 552 5.7.0: a policy, not the size. */
  if (code == 552 && pb_diagnosis_enhanced_code (f, buffer) != NULL
      && g_str_has_prefix (pb_diagnosis_enhanced_code (f, buffer), "5.7."))
    return PB_PROBLEM_MESSAGE_REJECTED;
  if (code == 552 || is_too_large (f, text))
    return PB_PROBLEM_MESSAGE_TOO_LARGE;

  switch (f->stage)
    {
    case PB_STAGE_MAIL_FROM:
      if ((problem = classify_sender_reply (f, text)) != PB_PROBLEM_NONE)
        return problem;
      /* The meanings in the common tables: 550 sender not allowed, 553 invalid sender,
       * 554 relaying refused. */
      if (code == 553)
        return PB_PROBLEM_SENDER_INVALID;
      if (code == 554)
        return PB_PROBLEM_RELAY_DENIED;
      return PB_PROBLEM_SENDER_NOT_ALLOWED;

    case PB_STAGE_RCPT_TO:
      /* Postfix checks the sender against the login only when the recipient arrives. */
      if (HAS ("sender") && (problem = classify_sender_reply (f, text)) != PB_PROBLEM_NONE)
        return problem;
      if (pb_diagnosis_text_has_any (text, relay_markers) || code == 554 || code == 530)
        return PB_PROBLEM_RELAY_DENIED;
      if (pb_diagnosis_text_has_any (text, sender_policy_markers))
        return PB_PROBLEM_SENDER_NOT_ALLOWED;
      return PB_PROBLEM_RECIPIENT_REJECTED;

    case PB_STAGE_DATA:
    default:
      /* Exchange Online checks "Send As" only once it has the message. */
      if (pb_diagnosis_text_has_any (text, sender_policy_markers))
        return PB_PROBLEM_SENDER_NOT_ALLOWED;
      return PB_PROBLEM_MESSAGE_REJECTED;
    }
}

/* Without a known stage, the code alone, read as the common tables of SMTP codes do. */
static PbProblem
classify_code_only (const PbFailure *f,
                    const char      *text)
{
  switch (pb_failure_get_smtp_code (f))
    {
    case 450: case 451: case 452:
      return pb_diagnosis_text_has_any (text, greylist_markers) ? PB_PROBLEM_GREYLISTED
                                                                 : PB_PROBLEM_TEMPORARY_FAILURE;
    case 534: case 535: return classify_auth_reply (f, text);
    case 550: return PB_PROBLEM_SENDER_NOT_ALLOWED;
    case 552: return PB_PROBLEM_MESSAGE_TOO_LARGE;
    case 553: return PB_PROBLEM_SENDER_INVALID;
    case 554: return PB_PROBLEM_RELAY_DENIED;
    default:
      if (pb_failure_get_smtp_code (f) / 100 == 4)
        return PB_PROBLEM_TEMPORARY_FAILURE;
      return PB_PROBLEM_PROTOCOL_ERROR;
    }
}

static const char * const blocklist_markers[] = {
  "spamhaus", "dnsbl", "blocklist", "blacklist", "block list", "black list", "listed at",
  "listed in", "client host rejected", "banned sending ip", NULL
};

static PbProblem
classify_reply (const PbFailure *f,
                const char      *text)
{
  guint code = pb_failure_get_smtp_code (f);

  /* Decided by the address of the user's connection, at whatever stage the server checks. */
  if (code / 100 == 5 && f->stage != PB_STAGE_AUTH && f->stage != PB_STAGE_DATA
      && pb_diagnosis_text_has_any (text, blocklist_markers)
      /* Postfix's "permit_sasl_authenticated, reject": only the login is missing. */
      && !HAS ("client host rejected: access denied"))
    return PB_PROBLEM_CLIENT_BLOCKED;

  switch (f->stage)
    {
    case PB_STAGE_GREETING:
      return code / 100 == 2 ? PB_PROBLEM_PROTOCOL_ERROR : PB_PROBLEM_SERVICE_UNAVAILABLE;
    case PB_STAGE_EHLO:
      if (code / 100 == 4)
        return PB_PROBLEM_TEMPORARY_FAILURE;
      /* RFC 5321 3.2: 500, 501, 502 and 550 say "no ESMTP here", and no EHLO means no
       * extensions: neither STARTTLS nor AUTH can follow. Anything else answers nothing. */
      if (code != 500 && code != 501 && code != 502 && code != 550)
        return PB_PROBLEM_PROTOCOL_ERROR;
      return f->security == PB_SECURITY_STARTTLS ? PB_PROBLEM_STARTTLS_NOT_OFFERED : PB_PROBLEM_AUTH_NOT_OFFERED;
    case PB_STAGE_STARTTLS:
      return PB_PROBLEM_STARTTLS_REFUSED;
    case PB_STAGE_AUTH:
      return classify_auth_reply (f, text);
    case PB_STAGE_MAIL_FROM:
    case PB_STAGE_RCPT_TO:
    case PB_STAGE_DATA:
      return classify_mail_reply (f, text);
    case PB_STAGE_NONE:
    case PB_STAGE_RESOLVE:
    case PB_STAGE_CONNECT:
    case PB_STAGE_TLS:
    case PB_STAGE_STARTTLS_HANDSHAKE:
    case PB_STAGE_QUIT:
    case PB_STAGE_KEYRING:
    default:
      return classify_code_only (f, text);
    }
}

/* ---- classify -------------------------------------------------------------------------- */

/* pb-smtp-auth lists the offered mechanisms in parentheses at the end of its error when
 * none of them works with a password. Offering only OAuth ones means no password will ever
 * do, which deserves its own fix. */
static gboolean
only_oauth_offered (const GError *error)
{
  static const char * const oauth[] = { "XOAUTH2", "OAUTHBEARER", "XOAUTH", NULL };
  const char *open;
  g_autofree char *list = NULL;
  g_auto(GStrv) mechanisms = NULL;
  guint n = 0;

  if (error == NULL || (open = strrchr (error->message, '(')) == NULL
      || !g_str_has_suffix (open, ")"))
    return FALSE;
  list = g_strndup (open + 1, strlen (open) - 2);
  mechanisms = g_strsplit (g_str_has_prefix (list, "offered: ") ? list + 9 : list, " ", -1);
  for (guint i = 0; mechanisms[i] != NULL; i++)
    {
      if (*mechanisms[i] == '\0')
        continue;
      if (!g_strv_contains (oauth, mechanisms[i]))
        return FALSE;
      n++;
    }
  return n > 0;
}

/* Hints that the reply itself can also tell: the reply, with the provider's knowledge,
 * is more precise when there is one. */
static gboolean
is_weak_hint (PbProblem hint)
{
  switch (hint)
    {
    case PB_PROBLEM_AUTH_FAILED:
    case PB_PROBLEM_TEMPORARY_FAILURE:
    case PB_PROBLEM_SERVICE_UNAVAILABLE:
    case PB_PROBLEM_SENDER_NOT_ALLOWED:
    case PB_PROBLEM_SENDER_INVALID:
    case PB_PROBLEM_RELAY_DENIED:
    case PB_PROBLEM_RECIPIENT_REJECTED:
    case PB_PROBLEM_MESSAGE_TOO_LARGE:
    case PB_PROBLEM_AUTH_TOKEN_REFUSED:
    case PB_PROBLEM_AUTH_TOKEN_SCOPE:
      return TRUE;
    default:
      return FALSE;
    }
}

static PbProblem
classify_failure (const PbFailure *f)
{
  PbProblem hint;
  const char *provider;
  const char *family;
  PbProblem problem;
  g_autofree char *text = NULL;

  g_return_val_if_fail (f != NULL, PB_PROBLEM_PROTOCOL_ERROR);

  hint = f->problem_hint;
  if (hint == PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED && only_oauth_offered (f->error))
    return PB_PROBLEM_AUTH_OAUTH_REQUIRED;
  /* GnuTLS reports a plain-text greeting and a fatal alert with the same code
   * (G_TLS_ERROR_MISC); only the message tells a wrong port from a failed handshake. */
  if (hint == PB_PROBLEM_TLS_WRONG_PORT && f->error != NULL && f->error->domain == G_TLS_ERROR)
    return classify_error (f);
  /* The reply, lower case, as every rule below reads it. */
  text = g_utf8_strdown (f->reply.text != NULL ? f->reply.text : "", -1);
  /* 421 closes the session at any stage (RFC 5321 3.8), whatever the stage expected. */
  if (pb_failure_get_smtp_code (f) == 421)
    return classify_closing (f, text);
  provider = pb_diagnosis_failure_provider (f);
  family = pb_diagnosis_provider_family (provider);
  if (pb_diagnosis_is_incoming (f)
      && (problem = pb_diagnosis_classify_incoming (f, hint, family, text)) != PB_PROBLEM_NONE)
    return pb_diagnosis_preset_refine (problem, provider);
  if (hint != PB_PROBLEM_NONE && !(pb_failure_get_smtp_code (f) != 0 && is_weak_hint (hint)))
    return hint;

  if (f->stage == PB_STAGE_KEYRING)
    return classify_keyring (f);

  if (f->error != NULL && g_error_matches (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return PB_PROBLEM_CANCELLED;

  if (pb_failure_get_smtp_code (f) == 0)
    {
      if (f->error != NULL)
        return classify_error (f);
      if (f->cert_errors != 0)
        return classify_certificate (f->cert_errors);
      return hint != PB_PROBLEM_NONE ? hint : PB_PROBLEM_PROTOCOL_ERROR;
    }

  if (f->login_skipped && (problem = classify_login_missing (f, text)) != PB_PROBLEM_NONE)
    return problem;
  if (family != NULL
      && (problem = pb_diagnosis_provider_classify (f, family, text)) != PB_PROBLEM_NONE)
    return problem;

  return pb_diagnosis_preset_refine (classify_reply (f, text), provider);
}

PbProblem
pb_diagnosis_classify (const PbFailure *f)
{
  PbProblem problem;
  PbProblem hint;

  g_return_val_if_fail (f != NULL, PB_PROBLEM_PROTOCOL_ERROR);

  problem = classify_failure (f);
  hint = f->problem_hint;
  /* A refused token is no wrong password: the sign-in worked, the server wants more. A
   * provider's own words (auth-smtp-disabled, ...) still say it better. */
  if (problem == PB_PROBLEM_AUTH_FAILED &&
      (hint == PB_PROBLEM_AUTH_TOKEN_REFUSED || hint == PB_PROBLEM_AUTH_TOKEN_SCOPE))
    return hint;
  return problem;
}
