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
#include "pb-diagnosis-private.h"

gboolean
pb_diagnosis_text_has_any (const char         *text_lower,
                           const char * const *markers)
{
  if (text_lower == NULL)
    return FALSE;
  for (guint i = 0; markers[i] != NULL; i++)
    if (strstr (text_lower, markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The enhanced status code (RFC 3463), also when the server writes one at the start of its
 * text without announcing ENHANCEDSTATUSCODES, so the reply parser left it in the text. */
const char *
pb_diagnosis_enhanced_code (const PbFailure *f,
                            char             buffer[16])
{
  const char *p = f->reply_text;
  gsize n = 0;
  guint dots = 0;

  if (f->enhanced_code != NULL)
    return f->enhanced_code;
  if (p == NULL)
    return NULL;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
      && (p[3] == ' ' || p[3] == '-'))
    p += 4;
  if (p[0] < '2' || p[0] > '5' || p[1] != '.')
    return NULL;
  while (n < 15 && (g_ascii_isdigit (p[n]) || p[n] == '.'))
    dots += p[n++] == '.';
  if (dots != 2 || p[n - 1] == '.' || (p[n] != ' ' && p[n] != '\0' && p[n] != '\n'))
    return NULL;
  memcpy (buffer, p, n);
  buffer[n] = '\0';
  return buffer;
}

static gboolean
enhanced_is (const PbFailure *f,
             const char      *code)
{
  char buffer[16];
  const char *enhanced = pb_diagnosis_enhanced_code (f, buffer);

  return enhanced != NULL && g_str_equal (enhanced, code);
}

/* ---- errors ---------------------------------------------------------------------------- */

/* The most serious flag names the problem: a certificate nobody vouches for says nothing
 * about its name or dates, and a wrong name matters more than a lapsed date. */
static const char *
classify_certificate (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return "cert-revoked";
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return "cert-untrusted";
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return "cert-hostname-mismatch";
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return "cert-expired";
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return "cert-not-yet-valid";
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return "cert-insecure";
  return "cert-untrusted";
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

static const char *
classify_tls_error (const PbFailure *f)
{
  const GError *error = f->error;

  /* After a successful handshake, a TLS error is the session breaking off, typically the
   * server closing it: nothing about agreeing on the encryption. */
  if (!in_tls_handshake (f) && error->code != G_TLS_ERROR_BAD_CERTIFICATE
      && error->code != G_TLS_ERROR_CERTIFICATE_REQUIRED)
    return "protocol-error";

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
        return f->stage == PB_STAGE_TLS ? "tls-wrong-port" : "starttls-injection";
      /* A refused handshake on an implicit-TLS port says nothing about STARTTLS: only a
       * plain greeting does (the client probes for one and says so in the hint). */
      return "tls-handshake-failed";
    case G_TLS_ERROR_UNAVAILABLE:
    case G_TLS_ERROR_CERTIFICATE_REQUIRED:
    case G_TLS_ERROR_INAPPROPRIATE_FALLBACK:
    case G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD:
    default:
      return "tls-handshake-failed";
    }
}

static const char *
classify_io_error (const PbFailure *f)
{
  switch ((GIOErrorEnum) f->error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
      return "connect-refused";
    case G_IO_ERROR_HOST_NOT_FOUND:
      return "dns-not-found";
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_HOST_UNREACHABLE:
      return "network-unreachable";
    case G_IO_ERROR_TIMED_OUT:
      if (f->stage == PB_STAGE_RESOLVE)
        return "dns-not-found";
      if (f->stage == PB_STAGE_CONNECT || f->stage == PB_STAGE_NONE)
        return "connect-timeout";
      if (looks_like_wrong_port (f))
        return "tls-wrong-port";
      return "timeout";
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_NOT_CONNECTED:
      if (looks_like_wrong_port (f))
        return "tls-wrong-port";
      if (in_tls_handshake (f))
        return "tls-handshake-failed";
      return "protocol-error";
    case G_IO_ERROR_INVALID_DATA:
    case G_IO_ERROR_MESSAGE_TOO_LARGE:
    case G_IO_ERROR_INVALID_ARGUMENT:
      return in_tls_handshake (f) ? "tls-handshake-failed" : "protocol-error";
    case G_IO_ERROR_CANCELLED:
      return "cancelled";
    default:
      if (f->stage == PB_STAGE_CONNECT)
        return "connect-refused";
      return in_tls_handshake (f) ? "tls-handshake-failed" : "protocol-error";
    }
}

static const char *
classify_error (const PbFailure *f)
{
  const GError *error = f->error;

  if (error->domain == G_RESOLVER_ERROR)
    return "dns-not-found";
  if (error->domain == G_TLS_ERROR)
    return classify_tls_error (f);
  if (error->domain == G_IO_ERROR)
    return classify_io_error (f);
  if (in_tls_handshake (f))
    return "tls-handshake-failed";
  if (f->stage == PB_STAGE_CONNECT)
    return "connect-refused";
  return "protocol-error";
}

static const char *
classify_keyring (const PbFailure *f)
{
  const GError *error = f->error;
  const char *id;

  if (error == NULL)
    return "keyring-unavailable";
  if ((id = pb_credentials_error_to_problem_id (error)) != NULL)
    return id;
  if (error->domain == SECRET_ERROR && error->code == SECRET_ERROR_IS_LOCKED)
    return "keyring-locked";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return "keyring-locked";
  /* libsecret reports a dismissed unlock or confirmation prompt as cancelled. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "keyring-dismissed";
  return "keyring-unavailable";
}

/* ---- replies --------------------------------------------------------------------------- */

/* Too many logins, in the server's words: "too many" alone may be about connections. */
gboolean
pb_diagnosis_says_too_many_attempts (const char *text)
{
  return HAS ("too many login", "too many auth", "too many failed", "too many bad",
              "login attempts", "authentication attempts", "auth attempts", "rate limit",
              "temporarily blocked");
}

static const char * const login_missing_markers[] = {
  "not logged in", "login required", "authentication required", "authentication is required",
  "auth required", "must authenticate", "not authenticated", "authenticate first", NULL
};

/* A check without a password that the server turns away for just that (Postfix:
 * "553 5.7.1 <a@b>: Sender address rejected: not logged in"): the login is what is
 * missing, not a valid sender or recipient. */
static const char *
classify_login_missing (const PbFailure *f,
                        const char      *text)
{
  if (f->stage != PB_STAGE_MAIL_FROM && f->stage != PB_STAGE_RCPT_TO
      && f->stage != PB_STAGE_DATA)
    return NULL;
  /* "530 Must issue a STARTTLS command first": a password would not help. */
  if (HAS ("starttls", "encryption required", "tls required") || enhanced_is (f, "5.7.11"))
    return NULL;
  if (pb_diagnosis_text_has_any (text, login_missing_markers))
    return "auth-required";
  return NULL;
}

/* 421, at whatever stage (RFC 5321 3.8): the server closes the session. Only its words
 * can make it more than that. */
static const char *
classify_closing (const PbFailure *f,
                  const char      *text)
{
  if (f->stage == PB_STAGE_AUTH && pb_diagnosis_says_too_many_attempts (text))
    return "auth-too-many-attempts";
  return "service-unavailable";
}

static const char *
classify_auth_reply (const PbFailure *f,
                     const char      *text)
{
  guint code = f->smtp_code;

  if (HAS ("smtpclientauthentication is disabled", "smtp_auth_disabled"))
    return "auth-smtp-disabled";
  /* Microsoft also says 5.7.139 for a plain wrong password. */
  if ((enhanced_is (f, "5.7.139") && !HAS ("credentials were incorrect"))
      || HAS ("basic authentication is disabled"))
    return "auth-basic-disabled";
  if (enhanced_is (f, "5.7.9") || HAS ("application-specific password", "app password"))
    return "auth-app-password-required";
  if (enhanced_is (f, "5.7.14") || HAS ("log in via your web browser", "web browser"))
    return "auth-web-login-required";
  if (pb_diagnosis_says_too_many_attempts (text) && (code / 100 == 4 || code == 535 || code == 554))
    return "auth-too-many-attempts";
  if (code == 538 || enhanced_is (f, "5.7.11")
      || HAS ("must issue a starttls", "encryption required", "requires encryption",
              "tls required", "requires tls"))
    return "auth-encryption-required";
  if (code == 504 || enhanced_is (f, "5.5.4") || enhanced_is (f, "5.7.4")
      || HAS ("unrecognized authentication type", "mechanism not supported",
              "unsupported authentication mechanism"))
    return "auth-mechanism-unsupported";
  if ((code == 502 || code == 503 || code == 500)
      && HAS ("not enabled", "not available", "not supported", "not implemented",
              "not recognized", "unrecognized command", "not advertised"))
    return "auth-not-offered";
  if (code / 100 == 4)
    return "temporary-failure";
  return "auth-failed";
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

static const char *
classify_sender_reply (const PbFailure *f,
                       const char      *text)
{
  if (pb_diagnosis_text_has_any (text, sender_invalid_markers)
      || enhanced_is (f, "5.1.7") || enhanced_is (f, "5.1.8") || f->smtp_code == 501)
    return "sender-invalid";
  if (pb_diagnosis_text_has_any (text, sender_policy_markers))
    return "sender-not-allowed";
  if (pb_diagnosis_text_has_any (text, relay_markers) || f->smtp_code == 530)
    return "relay-denied";
  return NULL;
}

static gboolean
is_too_large (const PbFailure *f,
              const char      *text)
{
  return enhanced_is (f, "5.3.4") || enhanced_is (f, "5.2.3")
         || HAS ("too large", "too big", "exceeds", "size limit");
}

static const char *
classify_mail_reply (const PbFailure *f,
                     const char      *text)
{
  guint code = f->smtp_code;
  const char *id;
  char buffer[16];

  if (code / 100 == 4)
    {
      if (pb_diagnosis_text_has_any (text, greylist_markers))
        return "greylisted";
      /* Postfix answers an unknown sender domain with 450 4.1.8: DNS may recover. */
      if (HAS ("sender address rejected")
          && pb_diagnosis_text_has_any (text, sender_invalid_markers))
        return "sender-invalid";
      /* Postfix's defer_unauth_destination: a relay refusal that only looks temporary. */
      if (HAS ("relay access denied", "relaying denied"))
        return "relay-denied";
      return "temporary-failure";
    }
  if (code == 552 && (enhanced_is (f, "5.2.2") || HAS ("mailbox full", "quota")))
    return "recipient-rejected";
  if (HAS ("must issue a starttls", "encryption required") || enhanced_is (f, "5.7.11"))
    return "auth-encryption-required";
  /* Gmail refuses dangerous attachments with 552 5.7.0: a policy, not the size. */
  if (code == 552 && pb_diagnosis_enhanced_code (f, buffer) != NULL
      && g_str_has_prefix (pb_diagnosis_enhanced_code (f, buffer), "5.7."))
    return "message-rejected";
  if (code == 552 || is_too_large (f, text))
    return "message-too-large";

  switch (f->stage)
    {
    case PB_STAGE_MAIL_FROM:
      if ((id = classify_sender_reply (f, text)) != NULL)
        return id;
      /* The meanings in the common tables: 550 sender not allowed, 553 invalid sender,
       * 554 relaying refused. */
      if (code == 553)
        return "sender-invalid";
      if (code == 554)
        return "relay-denied";
      return "sender-not-allowed";

    case PB_STAGE_RCPT_TO:
      /* Postfix checks the sender against the login only when the recipient arrives. */
      if (HAS ("sender") && (id = classify_sender_reply (f, text)) != NULL)
        return id;
      if (pb_diagnosis_text_has_any (text, relay_markers) || code == 554 || code == 530)
        return "relay-denied";
      if (pb_diagnosis_text_has_any (text, sender_policy_markers))
        return "sender-not-allowed";
      return "recipient-rejected";

    case PB_STAGE_DATA:
    default:
      /* Exchange Online checks "Send As" only once it has the message. */
      if (pb_diagnosis_text_has_any (text, sender_policy_markers))
        return "sender-not-allowed";
      return "message-rejected";
    }
}

/* Without a known stage, the code alone, read as the common tables of SMTP codes do. */
static const char *
classify_code_only (const PbFailure *f,
                    const char      *text)
{
  switch (f->smtp_code)
    {
    case 450: case 451: case 452:
      return pb_diagnosis_text_has_any (text, greylist_markers) ? "greylisted"
                                                                 : "temporary-failure";
    case 534: case 535: return classify_auth_reply (f, text);
    case 550: return "sender-not-allowed";
    case 552: return "message-too-large";
    case 553: return "sender-invalid";
    case 554: return "relay-denied";
    default:
      if (f->smtp_code / 100 == 4)
        return "temporary-failure";
      return "protocol-error";
    }
}

static const char * const blocklist_markers[] = {
  "spamhaus", "dnsbl", "blocklist", "blacklist", "block list", "black list", "listed at",
  "listed in", "client host rejected", "banned sending ip", NULL
};

static const char *
classify_reply (const PbFailure *f,
                const char      *text)
{
  guint code = f->smtp_code;

  /* Decided by the address of the user's connection, at whatever stage the server checks. */
  if (code / 100 == 5 && f->stage != PB_STAGE_AUTH && f->stage != PB_STAGE_DATA
      && pb_diagnosis_text_has_any (text, blocklist_markers)
      /* Postfix's "permit_sasl_authenticated, reject": only the login is missing. */
      && !HAS ("client host rejected: access denied"))
    return "client-blocked";

  switch (f->stage)
    {
    case PB_STAGE_GREETING:
      return code / 100 == 2 ? "protocol-error" : "service-unavailable";
    case PB_STAGE_EHLO:
      if (code / 100 == 4)
        return "temporary-failure";
      /* RFC 5321 3.2: 500, 501, 502 and 550 say "no ESMTP here", and no EHLO means no
       * extensions: neither STARTTLS nor AUTH can follow. Anything else answers nothing. */
      if (code != 500 && code != 501 && code != 502 && code != 550)
        return "protocol-error";
      return f->security == PB_SECURITY_STARTTLS ? "starttls-not-offered" : "auth-not-offered";
    case PB_STAGE_STARTTLS:
      return "starttls-refused";
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
is_weak_hint (const char *id)
{
  static const char * const weak[] = {
    "auth-failed", "temporary-failure", "service-unavailable", "sender-not-allowed",
    "sender-invalid", "relay-denied", "recipient-rejected", "message-too-large", NULL
  };
  return g_strv_contains (weak, id);
}

const char *
pb_diagnosis_classify (const PbFailure *f)
{
  const char *hint;
  const char *provider;
  const char *family;
  const char *id;
  g_autofree char *text = NULL;

  g_return_val_if_fail (f != NULL, "protocol-error");

  hint = pb_diagnosis_canonical_id (f->problem_hint);
  if (hint != NULL && g_str_equal (hint, "auth-mechanism-unsupported")
      && only_oauth_offered (f->error))
    return "auth-oauth-required";
  /* GnuTLS reports a plain-text greeting and a fatal alert with the same code
   * (G_TLS_ERROR_MISC); only the message tells a wrong port from a failed handshake. */
  if (hint != NULL && g_str_equal (hint, "tls-wrong-port") && f->error != NULL
      && f->error->domain == G_TLS_ERROR)
    return classify_error (f);
  /* The reply, lower case, as every rule below reads it. */
  text = g_utf8_strdown (f->reply_text != NULL ? f->reply_text : "", -1);
  /* 421 closes the session at any stage (RFC 5321 3.8), whatever the stage expected. */
  if (f->smtp_code == 421)
    return classify_closing (f, text);
  if (hint != NULL && !(f->smtp_code != 0 && is_weak_hint (hint)))
    return hint;

  if (f->stage == PB_STAGE_KEYRING)
    return classify_keyring (f);

  if (f->error != NULL && g_error_matches (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";

  if (f->smtp_code == 0)
    {
      if (f->error != NULL)
        return classify_error (f);
      if (f->cert_errors != 0)
        return classify_certificate (f->cert_errors);
      return hint != NULL ? hint : "protocol-error";
    }

  if (f->login_skipped && (id = classify_login_missing (f, text)) != NULL)
    return id;
  provider = pb_diagnosis_failure_provider (f);
  family = pb_diagnosis_provider_family (provider);
  if (family != NULL && (id = pb_diagnosis_provider_classify (f, family, text)) != NULL)
    return id;

  return pb_diagnosis_preset_refine (classify_reply (f, text), provider);
}
