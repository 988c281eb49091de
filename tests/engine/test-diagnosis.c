/* test-diagnosis.c: the catalogue is complete in English and German, and real replies and
 * errors map to the right problem ids.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "pb-credentials.h"
#include "pb-diagnosis.h"
#include "pb-diagnosis-classify.h"
#include "pb-diagnosis-providers.h"
#include "pb-diagnosis-text.h"
#include "pb-diagnosis-variants.h"
#include "pb-engine-enums.h"
#include "pb-imap-response.h"
#include "pb-provider-db.h"
#include "pb-smtp-reply.h"

/* A failure's reply part as the SMTP client fills it (text and enhanced code may be NULL). */
#define SMTP_REPLY(code_, enhanced_, text_) \
  .reply = { .kind = PB_REPLY_SMTP, .text = (char *) (text_), \
             .smtp = { .code = (code_), .enhanced_code = (char *) (enhanced_) } }
#include "pb-test-util.h"

static gboolean german;

/* The tests name problems by their ids, as docs/problems.md and the JSON do. */
static const char *
classify_id (const PbFailure *failure)
{
  return pb_problem_to_string (pb_diagnosis_classify (failure));
}

static PbExplanation *
explain_id (const char      *id,
            const PbFailure *failure)
{
  return pb_diagnosis_explain (pb_problem_from_string (id), failure);
}

/* The ids of docs/problems.md: the contract with the CLI's JSON and the GUI. */
static const char * const documented_ids[] = {
  "not-discoverable", "not-found", "confirmation-needed", "detect-failed",
  "dns-not-found", "connect-refused", "connect-timeout", "tls-wrong-port",
  "tls-handshake-failed", "cert-untrusted", "cert-expired", "cert-not-yet-valid",
  "cert-hostname-mismatch", "cert-revoked", "cert-insecure", "starttls-not-offered",
  "starttls-refused", "starttls-injection", "auth-not-offered", "auth-mechanism-unsupported",
  "auth-failed", "auth-app-password-required", "auth-basic-disabled",
  "auth-web-login-required", "auth-access-disabled", "auth-too-many-attempts",
  "auth-encryption-required", "password-expired", "login-delay", "mailbox-in-use",
  "mailbox-not-found", "auth-required", "sender-not-allowed", "sender-invalid", "relay-denied",
  "recipient-rejected", "message-too-large", "service-unavailable", "temporary-failure",
  "contact-provider", "greylisted", "protocol-error", "timeout", "cancelled", "keyring-unavailable",
  "keyring-locked", "keyring-dismissed", NULL
};

/* The ids that only an IMAP or POP3 server's answer yields: never an SMTP failure. */
static const char * const incoming_ids[] = {
  "password-expired", "login-delay", "mailbox-in-use", "mailbox-not-found", "contact-provider",
  "pop3-no-top", NULL
};

/* The ids of detection, which the command line prints (`postbote check --help` lists them). */
static const char * const detection_ids[] = {
  "not-discoverable", "not-found", "confirmation-needed", "detect-failed", NULL
};

static void
test_ids_complete (void)
{
  const char * const *ids = pb_diagnosis_problem_ids ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; documented_ids[i] != NULL; i++)
    {
      g_test_message ("%s", documented_ids[i]);
      g_assert_true (g_strv_contains (ids, documented_ids[i]));
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) ids[i]));
      g_assert_true (pb_diagnosis_is_problem_id (ids[i]));
    }
  g_assert_false (pb_diagnosis_is_problem_id ("no-such-problem"));
  g_assert_false (pb_diagnosis_is_problem_id (NULL));

  for (guint i = 0; i < pb_problem_variants_len; i++)
    g_assert_true (pb_diagnosis_is_problem_id (
      pb_problem_to_string (pb_problem_variants[i].problem)));

  /* Every value of PbProblem but NONE has its generic entry, its id is its GEnum nick, and
   * the catalogue has each id once. */
  {
    GEnumClass *klass = g_type_class_ref (PB_TYPE_PROBLEM);

    for (guint i = 0; i < klass->n_values; i++)
      {
        const GEnumValue *v = &klass->values[i];

        g_assert_nonnull (pb_diagnosis_catalogue_lookup (v->value));
        g_assert_cmpstr (pb_problem_to_string (v->value), ==, v->value_nick);
        g_assert_cmpint (pb_problem_from_string (v->value_nick), ==, v->value);
      }
    g_assert_cmpuint (klass->n_values, ==, pb_problem_catalogue_len);
    g_assert_cmpuint (g_strv_length ((char **) ids), ==, pb_problem_catalogue_len);
    g_type_class_unref (klass);
  }
  g_assert_null (pb_problem_to_string (PB_PROBLEM_NONE));
  g_assert_null (pb_diagnosis_catalogue_lookup (PB_PROBLEM_NONE));
  g_assert_cmpint (pb_problem_from_string ("none"), ==, PB_PROBLEM_NONE);
  g_assert_cmpint (pb_problem_from_string (NULL), ==, PB_PROBLEM_NONE);
}

/* A preset whose provider belongs to the family, or NULL. */
static const char *
provider_of_family (const char *family)
{
  GPtrArray *providers = pb_provider_db_list (pb_provider_db_get_default ());

  for (guint i = 0; i < providers->len; i++)
    {
      const char *id = pb_account_config_get_provider_id (g_ptr_array_index (providers, i));

      if (g_strcmp0 (pb_diagnosis_provider_family (id), family) == 0)
        return id;
    }
  return NULL;
}

/* Fills f with a failure the qualifier applies to: one of the kinds select_entry() knows
 * (the error's own, a provider family, "port-N", "security-S"). Fails on any other. */
static void
failure_for_qualifier (const char *qualifier,
                       PbFailure  *f)
{
  const char *provider = provider_of_family (qualifier);
  guint64 port;

  f->stage = PB_STAGE_EHLO;
  f->host = g_strdup ("smtp.example.com");
  if (g_str_equal (qualifier, "out-of-turn"))
    f->error = g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN, "x");
  else if (g_str_equal (qualifier, "connection-closed"))
    f->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "x");
  else if (g_str_equal (qualifier, "smtputf8-not-offered"))
    {
      f->stage = PB_STAGE_MAIL_FROM;
      f->error = g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED, "x");
    }
  else if (g_str_equal (qualifier, "unexpected-reply"))
    f->error = g_error_new_literal (PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED, "x");
  else if (g_str_equal (qualifier, "preauth"))
    f->error = g_error_new_literal (PB_IMAP_ERROR, PB_IMAP_ERROR_PREAUTH, "x");
  else if (g_str_equal (qualifier, "incoming"))
    f->port = 993;
  else if (g_str_equal (qualifier, "provider-settings"))
    f->provider_id = g_strdup ("example");
  else if (provider != NULL)
    f->provider_id = g_strdup (provider);
  else if (g_str_has_prefix (qualifier, "port-"))
    {
      g_assert_true (g_ascii_string_to_unsigned (qualifier + 5, 10, 1, G_MAXUINT16, &port,
                                                 NULL));
      f->port = port;
    }
  else if (!g_str_has_prefix (qualifier, "security-") ||
           !pb_security_from_string (qualifier + 9, &f->security))
    g_error ("qualifier “%s” is of no kind the diagnosis knows", qualifier);
}

/* Every variant is reachable: a failure its qualifier applies to gets its texts. */
static void
test_variants_reachable (void)
{
  for (guint i = 0; i < pb_problem_variants_len; i++)
    {
      const PbProblemEntry *v = &pb_problem_variants[i];
      PbFailure f = { 0 };
      g_autoptr(PbExplanation) e = NULL;

      g_test_message ("%s %s", pb_problem_to_string (v->problem), v->qualifier);
      g_assert_nonnull (v->qualifier);
      failure_for_qualifier (v->qualifier, &f);
      e = explain_id (pb_problem_to_string (v->problem), &f);
      g_assert_cmpstr (e->variant, ==, v->qualifier);
      pb_failure_clear (&f);
    }
}

/* The German text of a catalogue string, whatever the language of this run. */
static const char *
in_german (const char *msgid)
{
  const char *translated;

  pb_test_set_language ("de");
  translated = _(msgid);
  pb_test_set_language (german ? "de" : "en");
  return translated;
}

/* Every text exists and is really translated to German, in either run. */
static void
check_translated (const char *msgid)
{
  g_assert_nonnull (msgid);
  g_assert_cmpstr (msgid, !=, "");
  if (g_str_equal (in_german (msgid), msgid))
    g_error ("not translated to German: “%s”", msgid);
}

static void
check_entry (const PbProblemEntry *e)
{
  g_test_message ("%s %s", pb_problem_to_string (e->problem), e->qualifier ? e->qualifier : "");
  check_translated (e->title);
  check_translated (e->explanation);
  check_translated (e->fix);
  g_assert_nonnull (e->example);
  /* The placeholders survive translation unchanged. */
  for (const char * const *p = (const char * const[]) { "{host}", "{port}", "{provider}",
                                                        "{tls_version}", "{tls_port}",
                                                        "{starttls_port}", NULL };
       *p != NULL; p++)
    {
      g_assert_cmpint (strstr (e->explanation, *p) != NULL, ==,
                       strstr (in_german (e->explanation), *p) != NULL);
      g_assert_cmpint (strstr (e->fix, *p) != NULL, ==, strstr (in_german (e->fix), *p) != NULL);
    }
}

static void
test_texts_translated (void)
{
  for (guint i = 0; i < pb_problem_catalogue_len; i++)
    check_entry (&pb_problem_catalogue[i]);
  for (guint i = 0; i < pb_problem_variants_len; i++)
    check_entry (&pb_problem_variants[i]);
}

static void
test_explain_every_id (void)
{
  const char * const *ids = pb_diagnosis_problem_ids ();
  PbFailure failure = { .host = (char *) "smtp.example.com", .port = 587,
                        .security = PB_SECURITY_STARTTLS };

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(PbExplanation) e = explain_id (ids[i], &failure);
      g_autoptr(PbExplanation) bare = explain_id (ids[i], NULL);

      g_assert_cmpstr (pb_problem_to_string (e->problem), ==, ids[i]);
      g_assert_cmpuint (strlen (e->title), >, 3);
      g_assert_cmpuint (strlen (e->explanation), >, 20);
      g_assert_cmpuint (strlen (e->fix), >, 20);
      g_assert_null (strchr (e->title, '{'));
      g_assert_null (strchr (e->explanation, '{'));
      g_assert_null (strchr (e->fix, '{'));
      g_assert_cmpstr (pb_problem_to_string (bare->problem), ==, ids[i]);
      g_assert_null (strchr (bare->explanation, '{'));
      /* In the language of the run: the English text, or its German translation. */
      if (strchr (pb_test_catalogue_entry (ids[i])->title, '{') == NULL)
        g_assert_cmpstr (bare->title, ==, german ? in_german (pb_test_catalogue_entry (ids[i])->title)
                                                 : pb_test_catalogue_entry (ids[i])->title);
    }

  /* An unknown id is explained as a protocol error instead of crashing the UI. */
  {
    g_autoptr(PbExplanation) e = explain_id ("no-such-problem", NULL);
    g_assert_cmpstr (pb_problem_to_string (e->problem), ==, "protocol-error");
  }
}

/* ---- classification -------------------------------------------------------------------- */

typedef struct {
  const char          *expect;
  PbStage              stage;
  GQuark             (*domain) (void);
  int                  code;
  GTlsCertificateFlags cert;
  guint                smtp;
  const char          *enhanced;
  const char          *reply;
  const char          *host;
  guint16              port;
  PbSecurity           security;
  const char          *provider;
  const char          *hint;
  const char          *variant;  /* the text set explain() must pick, or NULL */
  gboolean             no_login; /* the check had no password to log in with */
} Case;

#define TLS PB_SECURITY_TLS
#define STARTTLS PB_SECURITY_STARTTLS
#define NONE PB_SECURITY_NONE
#define IO g_io_error_quark
#define RESOLVER g_resolver_error_quark
#define TLSERR g_tls_error_quark
#define SMTPERR pb_smtp_error_quark

static const Case cases[] = {
  /* resolve and connect: the codes GSocketClient reports */
  { "dns-not-found", PB_STAGE_RESOLVE, RESOLVER, G_RESOLVER_ERROR_NOT_FOUND, 0, 0, NULL, NULL,
    "nxdomain.smtp.test", 587, STARTTLS },
  { "dns-not-found", PB_STAGE_CONNECT, RESOLVER, G_RESOLVER_ERROR_TEMPORARY_FAILURE, 0, 0,
    NULL, NULL, "smtp.example.com", 465, TLS },
  { "network-unreachable", PB_STAGE_CONNECT, IO, G_IO_ERROR_NETWORK_UNREACHABLE, 0, 0, NULL,
    NULL, "10.255.255.1", 587, STARTTLS },
  { "connect-refused", PB_STAGE_CONNECT, IO, G_IO_ERROR_CONNECTION_REFUSED, 0, 0, NULL, NULL,
    "refused.smtp.test", 587, STARTTLS },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 25, STARTTLS, NULL, NULL, "port-25" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 465, TLS, NULL, NULL, "port-465" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 587, STARTTLS, NULL, NULL, "port-587" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 2525, STARTTLS },

  /* TLS: a wrong port only where the server spoke plain text (GnuTLS's words for it). */
  { "tls-wrong-port", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_NOT_TLS, 0, 0, NULL,
    "Peer failed to perform TLS handshake: A TLS packet with unexpected length was received.",
    "plain-on-465.smtp.test", 465, TLS, NULL, NULL, "security-tls" },
  { "tls-wrong-port", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "An unexpected TLS packet was received.", "mail.lab.test", 587, TLS, NULL,
    "tls-wrong-port", "security-tls" },
  /* A fatal alert on 465 is no wrong port, whatever the caller guessed. */
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL, NULL,
    "smtp.example.com", 465, TLS, NULL, "tls-wrong-port" },
  /* Nor is a handshake refused with an old version, or cut off, on any port. */
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_NOT_TLS, 0, 0, NULL,
    "Peer failed to perform TLS handshake: A packet with illegal or unsupported version was "
    "received.", "tls-refuse.smtp.test", 465, TLS },
  { "tls-handshake-failed", PB_STAGE_TLS, IO, G_IO_ERROR_CONNECTION_CLOSED, 0, 0, NULL, NULL,
    "mail.lab.test", 25, TLS },
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "A TLS fatal alert has been received.", "tls-refuse.smtp.test", 587, TLS },
  /* After the handshake, a TLS error is the server closing: not the encryption. */
  { "protocol-error", PB_STAGE_EHLO, TLSERR, G_TLS_ERROR_EOF, 0, 0, NULL,
    "TLS connection closed unexpectedly", "tls-close-ehlo.smtp.test", 465, TLS, NULL, NULL,
    "connection-closed" },
  { "protocol-error", PB_STAGE_MAIL_FROM, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "The TLS connection was non-properly terminated.", "mail.lab.test", 587, STARTTLS, NULL,
    NULL, "connection-closed" },
  /* Plain text after the 220 to STARTTLS, arriving after the ClientHello went out. */
  { "starttls-injection", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "An unexpected TLS packet was received.", "starttls-inject-late.smtp.test", 587,
    STARTTLS },
  { "tls-wrong-port", PB_STAGE_GREETING, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "smtp.example.com", 465, STARTTLS, NULL, NULL, "security-starttls" },
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_HANDSHAKE, 0, 0, NULL, NULL,
    "old.example.com", 465, TLS },
  { "tls-handshake-failed", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_EOF, 0, 0, NULL,
    NULL, "old.example.com", 587, STARTTLS },
  { "cert-untrusted", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_UNKNOWN_CA, 0, NULL, NULL, "badcert-selfsigned.smtp.test", 465, TLS },
  { "cert-untrusted", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_BAD_IDENTITY, 0, NULL, NULL,
    "badcert-unknownca.smtp.test", 587, STARTTLS },
  { "cert-expired", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_EXPIRED, 0, NULL, NULL, "badcert-expired.smtp.test", 587, STARTTLS },
  { "cert-not-yet-valid", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_NOT_ACTIVATED, 0, NULL, NULL, "badcert-notyet.smtp.test", 465, TLS },
  { "cert-hostname-mismatch", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_BAD_IDENTITY, 0, NULL, NULL, "badcert-wronghost.smtp.test", 465, TLS },
  { "cert-revoked", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_REVOKED | G_TLS_CERTIFICATE_EXPIRED, 0, NULL, NULL,
    "smtp.example.com", 465, TLS },
  { "cert-insecure", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "badcert-insecure.smtp.test", 465, TLS },
  /* The client's own TLS policy, after a handshake that GnuTLS let through. */
  { "cert-insecure", PB_STAGE_STARTTLS_HANDSHAKE, SMTPERR, PB_SMTP_ERROR_POLICY,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "weakkey.smtp.test", 587, STARTTLS, NULL,
    "cert-insecure" },
  { "tls-outdated", PB_STAGE_TLS, SMTPERR, PB_SMTP_ERROR_POLICY, 0, 0, NULL, NULL,
    "tls10.smtp.test", 465, TLS, NULL, "tls-outdated" },
  { "tls-outdated", PB_STAGE_STARTTLS_HANDSHAKE, SMTPERR, PB_SMTP_ERROR_POLICY,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "tls11.smtp.test", 587, STARTTLS, NULL,
    "tls-outdated" },

  /* STARTTLS */
  { "starttls-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 0, NULL, NULL,
    "nostarttls.smtp.test", 587, STARTTLS, NULL, "starttls-not-offered" },
  { "starttls-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 502, "5.5.2",
    "Error: command not recognized", "ehlo-refused.smtp.test", 587, STARTTLS },
  { "starttls-refused", PB_STAGE_STARTTLS, NULL, 0, 0, 454, "4.7.0",
    "TLS not available due to local problem", "starttls-454.smtp.test", 587, STARTTLS },
  { "starttls-refused", PB_STAGE_STARTTLS, NULL, 0, 0, 502, "5.5.1",
    "Error: command not implemented", "starttls-502.smtp.test", 25, STARTTLS },
  { "starttls-injection", PB_STAGE_STARTTLS, NULL, 0, 0, 220, NULL, "Ready to start TLS",
    "starttls-inject.smtp.test", 587, STARTTLS, NULL, "starttls-injection" },

  /* AUTH, generic */
  { "auth-not-offered", PB_STAGE_AUTH, NULL, 0, 0, 503, "5.5.1",
    "Error: authentication not enabled", "auth-none.smtp.test", 587, STARTTLS },
  { "auth-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 502, "5.5.2",
    "Error: command not recognized", "ehlo-refused.smtp.test", 465, TLS },
  { "auth-mechanism-unsupported", PB_STAGE_AUTH, NULL, 0, 0, 504, "5.5.4",
    "Unrecognized authentication type", "auth-xoauth2-only.smtp.test", 587, STARTTLS },
  { "auth-oauth-required", PB_STAGE_AUTH, NULL, 0, 0, 0, NULL, NULL,
    "auth-xoauth2-only.smtp.test", 587, STARTTLS, NULL, "auth-oauth-required" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed: authentication failure", "mail.lab.test", 465, TLS },
  /* An enhanced code in the text of a server that does not announce ENHANCEDSTATUSCODES. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, NULL,
    "5.7.9 Application-specific password required. https://support.google.com/mail/?p="
    "InvalidSecondFactor - gsmtp", "smtp.gmail.com", 587, STARTTLS, NULL, NULL, "google" },
  { "auth-web-login-required", PB_STAGE_AUTH, NULL, 0, 0, 534, NULL,
    "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in\n"
    "534 5.7.14 then try again. - gsmtp", "smtp.gmail.com", 587, STARTTLS, NULL, NULL,
    "google" },
  /* Google's signature "gsmtp" names the provider behind a custom host name. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required. Learn more at\n"
    "https://support.google.com/mail/?p=InvalidSecondFactor a640c23a62f3a-ab67626ed31sm1234 - "
    "gsmtp", "mail.my-company.example", 587, STARTTLS, NULL, NULL, "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "mail.my-company.example", 465, TLS, NULL, NULL,
    "yahoo-aol" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Username and Password not accepted. For more information, go to\n"
    "https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-ab67626ed31sm12345666b.52"
    " - gsmtp", "gmail-badcreds.smtp.test", 587, STARTTLS, "gmail", NULL, "google" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0", "authentication failed",
    "securesmtp.t-online.de", 465, TLS, NULL, NULL, "telekom" },
  /* A caller's generic hint does not hide what the reply says. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required. Learn more at\n"
    "https://support.google.com/mail/?p=InvalidSecondFactor a640c23a62f3a-ab67626ed31sm12345666b"
    ".52 - gsmtp", "smtp.gmail.com", 465, TLS, NULL, "auth-failed", "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required.", "gmail-apppw.smtp.test", 587, STARTTLS,
    "gmail", NULL, "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "smtp.mail.yahoo.com", 465, TLS, NULL, NULL,
    "yahoo-aol" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "yahoo.smtp.test", 465, TLS, "aol", NULL,
    "yahoo-aol" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed", "smtp.mail.me.com", 587, STARTTLS, NULL, NULL, "apple" },
  { "auth-basic-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, basic authentication is disabled. "
    "[AM0PR10CA0087.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z 08DD2B6A5C3E9F41]",
    "smtp-mail.outlook.com", 587, STARTTLS, NULL, NULL, "microsoft" },
  { "auth-smtp-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
    "https://aka.ms/smtp_auth_disabled for more information. "
    "[AM0PR10CA0087.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z 08DD2B6A5C3E9F41]",
    "ms-smtpauth-disabled.smtp.test", 587, STARTTLS, "microsoft365", NULL, "microsoft" },
  { "auth-web-login-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.14",
    "<https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbsK4\n"
    "o0N6qhk2Xw8yJ3S0Ck9NRm7pZ5cLrFvT2uEaWq1IxDgY> Please log in via your web browser and\n"
    "then try again.\n Learn more at\n https://support.google.com/mail/answer/78754 "
    "a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp", "gmail-weblogin.smtp.test", 587,
    STARTTLS, "gmail", NULL, "google" },
  { "auth-access-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Authentication credentials invalid", "mail.gmx.net", 587, STARTTLS, NULL, NULL,
    "gmx-webde" },
  { "auth-access-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Authentication credentials invalid", "gmx.smtp.test", 587, STARTTLS, "web-de", NULL,
    "gmx-webde" },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Too many login attempts, please try again later.", "too-many.smtp.test", 587, STARTTLS },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Too many login attempts, please try again later. a640c23a62f3a - gsmtp",
    "smtp.gmail.com", 587, STARTTLS, NULL, NULL, "google" },
  /* Without a password, "530 Must issue a STARTTLS" still wants encryption, not a login. */
  { "auth-encryption-required", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "mail.lab.test", 25, NONE, NULL, NULL, NULL,
    TRUE },
  { "auth-required", PB_STAGE_RCPT_TO, NULL, 0, 0, 553, "5.7.1",
    "<user@rcpt-notloggedin.smtp.test>: Sender address rejected: not logged in",
    "rcpt-notloggedin.smtp.test", 587, STARTTLS, NULL, NULL, NULL, TRUE },
  { "auth-encryption-required", PB_STAGE_AUTH, NULL, 0, 0, 538, "5.7.11",
    "Encryption required for requested authentication mechanism",
    "auth-encryption-required.smtp.test", 25, NONE },
  { "auth-encryption-required", PB_STAGE_AUTH, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "ok.smtp.test", 25, NONE },

  /* sending */
  { "sender-not-allowed", PB_STAGE_RCPT_TO, NULL, 0, 0, 553, "5.7.1",
    "<bob@lab.test>: Sender address rejected: not owned by user alice@lab.test",
    "mail.lab.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.1",
    "Sender address not allowed", "code-550.smtp.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.60",
    "SMTP; Client does not have permissions to send as this sender", "smtp.office365.com",
    587, STARTTLS, NULL, NULL, "microsoft" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Requested action not taken: mailbox unavailable\ninvalid DNS MX or A/AAAA resource record",
    "smtp.ionos.de", 587, STARTTLS, NULL, NULL, "ionos-strato" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 553, NULL,
    "sorry, that sender is not allowed", "smtp.strato.de", 465, TLS, NULL, NULL,
    "ionos-strato" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Your FROM address ( bob@example.org ) must match your authenticated email user ( "
    "alice@example.com ). Treating this as a spoofed email.", "mail.example.com", 465, TLS },
  { "sender-invalid", PB_STAGE_MAIL_FROM, NULL, 0, 0, 553, "5.1.7",
    "The sender address <user@code-553.smtp.test> is not a valid RFC-5321 address.",
    "code-553.smtp.test", 587, STARTTLS },
  { "sender-invalid", PB_STAGE_RCPT_TO, NULL, 0, 0, 450, "4.1.8",
    "<a@nowhere.invalid>: Sender address rejected: Domain not found", "mail.lab.test", 587,
    STARTTLS, NULL, NULL, NULL },
  { "sender-invalid", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Verification failed for <a@nowhere.invalid>\nUnrouteable address\nSender verify failed",
    "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 554, "5.7.1",
    "<bob@example.org>: Relay access denied", "code-554.smtp.test", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.7.54",
    "SMTP; Unable to relay recipient in non-accepted domain", "mail.example.com", 25, NONE },
  { "relay-denied", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0", "Authentication required",
    "ok.smtp.test", 587, STARTTLS },
  { "relay-denied", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.57",
    "Client not authenticated to send mail", "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, NULL, "relay not permitted",
    "mail.example.com", 25, NONE },
  { "recipient-rejected", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.1.1",
    "<bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
    "rcpt-550.smtp.test", 587, STARTTLS },
  { "message-too-large", PB_STAGE_DATA, NULL, 0, 0, 552, "5.3.4",
    "Message size exceeds fixed maximum message size", "code-552.smtp.test", 587, STARTTLS },
  { "message-too-large", PB_STAGE_MAIL_FROM, NULL, 0, 0, 552, "5.3.4",
    "Message size exceeds fixed limit", "mail.lab.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_DATA, NULL, 0, 0, 554, "5.2.252",
    "SendAsDenied; user@example.com not allowed to send as boss@example.com; STOREDRV.Submit",
    "smtp.office365.com", 587, STARTTLS, NULL, NULL, "microsoft" },
  { "auth-encryption-required", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "mail.example.com", 25, NONE },
  { "temporary-failure", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Temporary authentication failure, try again later", "mail.example.com", 587, STARTTLS },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, the user credentials were incorrect. [BN6PR11CA0011.namprd11"
    ".prod.outlook.com]", "smtp.office365.com", 587, STARTTLS },
  { "auth-not-offered", PB_STAGE_AUTH, NULL, 0, 0, 503, NULL,
    "AUTH command used when not advertised", "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 454, "4.7.1",
    "<bob@example.org>: Relay access denied", "mail.example.com", 587, STARTTLS },
  { "message-rejected", PB_STAGE_DATA, NULL, 0, 0, 552, "5.7.0",
    "This message was blocked because its content presents a potential\nsecurity issue. "
    "Please visit https://support.google.com/mail/?p=BlockedMessage - gsmtp", "smtp.gmail.com",
    465, TLS },
  { "message-rejected", PB_STAGE_DATA, NULL, 0, 0, 554, "5.7.1",
    "Message rejected as spam by Content Filtering.", "mail.example.com", 587, STARTTLS },

  { "client-blocked", PB_STAGE_GREETING, NULL, 0, 0, 554, "5.7.1",
    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/192.0.2.1", "mx.example.com", 25, STARTTLS },
  { "client-blocked", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.7.1",
    "<unknown[192.0.2.1]>: Client host rejected: cannot find your hostname, [192.0.2.1]",
    "mail.example.com", 25, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 554, "5.7.1",
    "<dsl-192-0-2-1.example.net[192.0.2.1]>: Client host rejected: Access denied",
    "mail.example.com", 587, STARTTLS },
  { "client-blocked", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.606",
    "Access denied, banned sending IP [192.0.2.1]. To request removal from this list please "
    "visit https://sender.office.com/", "smtp.office365.com", 587, STARTTLS },
  /* the server's state; 421 at any stage is the server closing the session */
  { "service-unavailable", PB_STAGE_GREETING, NULL, 0, 0, 421, "4.3.2",
    "Service not available, closing transmission channel", "code-421.smtp.test", 587,
    STARTTLS },
  { "service-unavailable", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Try again later, closing connection. (AUTH) a640c23a62f3a - gsmtp", "smtp.gmail.com",
    587, STARTTLS },
  { "service-unavailable", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Too many concurrent SMTP connections; please try again later.", "mail.lab.test", 465,
    TLS },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Too many login attempts, closing connection", "mail.lab.test", 465, TLS },
  { "service-unavailable", PB_STAGE_RCPT_TO, NULL, 0, 0, 421, "4.4.2",
    "mail.lab.test Error: timeout exceeded", "mail.lab.test", 587, STARTTLS },
  { "service-unavailable", PB_STAGE_EHLO, NULL, 0, 0, 421, "4.7.0",
    "mail.lab.test Too many connections, closing", "mail.lab.test", 587, STARTTLS },
  /* RFC 5321 3.2: only 500, 501, 502 and 550 to EHLO mean "no ESMTP"; 554 answers nothing */
  { "protocol-error", PB_STAGE_EHLO, NULL, 0, 0, 554, "5.5.0", "Go away",
    "ehlo-nonsense.smtp.test", 587, STARTTLS },
  { "protocol-error", PB_STAGE_EHLO, NULL, 0, 0, 220, NULL, "mail.lab.test ESMTP",
    "ehlo-nonsense.smtp.test", 465, TLS },
  { "auth-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 550, "5.7.1", "Access denied",
    "ehlo-refused.smtp.test", 25, NONE },
  { "client-blocked", PB_STAGE_EHLO, NULL, 0, 0, 554, "5.7.1",
    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
    "mail.lab.test", 465, TLS },
  /* ... also where the stage's own hint would say otherwise */
  { "service-unavailable", PB_STAGE_STARTTLS, NULL, 0, 0, 421, "4.7.0",
    "TLS not available, closing connection", "starttls-421.smtp.test", 587, STARTTLS, NULL,
    "starttls-refused" },
  { "temporary-failure", PB_STAGE_MAIL_FROM, NULL, 0, 0, 451, "4.3.0",
    "Temporary local problem - please try later", "code-451.smtp.test", 587, STARTTLS },
  { "greylisted", PB_STAGE_RCPT_TO, NULL, 0, 0, 450, "4.2.0",
    "<bob@example.org>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/example.org.html", "greylist.smtp.test", 587,
    STARTTLS },
  { "protocol-error", PB_STAGE_GREETING, IO, G_IO_ERROR_CONNECTION_CLOSED, 0, 0, NULL, NULL,
    "closemid.smtp.test", 587, STARTTLS, NULL, NULL, "connection-closed" },
  { "protocol-error", PB_STAGE_GREETING, IO, G_IO_ERROR_INVALID_DATA, 0, 0, NULL, NULL,
    "garbage.smtp.test", 25, STARTTLS, NULL, "protocol-error" },
  { "protocol-error", PB_STAGE_NONE, NULL, 0, 0, 0, NULL, NULL, NULL, 0, STARTTLS },
  { "protocol-error", PB_STAGE_AUTH, pb_smtp_error_quark, PB_SMTP_ERROR_OUT_OF_TURN, 0, 0, NULL,
    "The server sent an answer nobody asked for", "extra-reply.smtp.test", 465, TLS, NULL,
    "protocol-error", "out-of-turn" },
  { "timeout", PB_STAGE_GREETING, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "stall.smtp.test", 587, STARTTLS },
  { "timeout", PB_STAGE_EHLO, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "slow-ehlo.smtp.test", 465, TLS },
  { "cancelled", PB_STAGE_AUTH, IO, G_IO_ERROR_CANCELLED, 0, 0, NULL, NULL,
    "ok.smtp.test", 587, STARTTLS },
  { "test-message-not-received", PB_STAGE_MAILBOX, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "mail.lab.test", 993, TLS, NULL, "test-message-not-received" },
};

/* A check without a password that the server refuses for just that is told to log in;
 * with a login tried, the same words are about the sender. */
static void
test_login_missing (void)
{
  const char *reply = "<user@ok.smtp.test>: Sender address rejected: not logged in";
  PbFailure f = { .stage = PB_STAGE_RCPT_TO, SMTP_REPLY (553, "5.7.1", reply),
                  .host = (char *) "mail.lab.test", .port = 587,
                  .security = PB_SECURITY_STARTTLS, .login_skipped = TRUE };

  g_assert_cmpstr (classify_id (&f), ==, "auth-required");
  f.stage = PB_STAGE_MAIL_FROM;
  g_assert_cmpstr (classify_id (&f), ==, "auth-required");
  f.reply.smtp.code = 530;
  f.reply.text = (char *) "5.7.0 Authentication required";
  g_assert_cmpstr (classify_id (&f), ==, "auth-required");
  f.login_skipped = FALSE;
  g_assert_cmpstr (classify_id (&f), ==, "relay-denied");
  f.stage = PB_STAGE_RCPT_TO;
  f.reply.smtp.code = 553;
  f.reply.text = (char *) reply;
  g_assert_cmpstr (classify_id (&f), !=, "auth-required");
}

static void
fill_failure (const Case *c,
              PbFailure  *f)
{
  memset (f, 0, sizeof *f);
  f->stage = c->stage;
  /* Without a reply code, the reply column is the error's own message. */
  if (c->domain != NULL && c->smtp == 0 && c->reply != NULL)
    f->error = g_error_new_literal (c->domain (), c->code, c->reply);
  else if (c->domain != NULL)
    f->error = g_error_new (c->domain (), c->code, "error %d of %s", c->code,
                            g_quark_to_string (c->domain ()));
  f->cert_errors = c->cert;
  pb_failure_set_smtp_reply (f, c->smtp, c->enhanced, c->reply);
  f->host = g_strdup (c->host);
  f->port = c->port;
  f->security = c->security;
  f->provider_id = g_strdup (c->provider);
  f->login_skipped = c->no_login;
  f->problem_hint = c->hint;
}

/* The catalogue's text set for id with this qualifier (NULL: the generic entry). */
static const PbProblemEntry *
entry_of (const char *id,
          const char *qualifier)
{
  if (qualifier == NULL)
    return pb_test_catalogue_entry (id);
  for (guint i = 0; i < pb_problem_variants_len; i++)
    if (g_str_equal (pb_problem_to_string (pb_problem_variants[i].problem), id) &&
        g_str_equal (pb_problem_variants[i].qualifier, qualifier))
      return &pb_problem_variants[i];
  g_error ("no variant “%s” of %s", qualifier, id);
}

static void
test_classify_cases (void)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *ids = pb_diagnosis_problem_ids ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      PbFailure f;
      const char *id;

      fill_failure (c, &f);
      id = classify_id (&f);
      g_test_message ("case %u: %s:%u %s -> %s", i, c->host, c->port,
                      pb_stage_to_string (c->stage), id);
      if (g_strcmp0 (id, c->expect) != 0)
        g_error ("case %u (%s:%u): %s, expected %s", i, c->host, c->port, id, c->expect);
      g_assert_true (pb_diagnosis_is_problem_id (id));

      {
        g_autoptr(PbExplanation) e = explain_id (id, &f);

        if (g_strcmp0 (e->variant, c->variant) != 0)
          g_error ("case %u (%s:%u): variant %s, expected %s", i, c->host, c->port,
                   e->variant, c->variant);
        /* The host is filled into the text that was chosen (variant or generic entry). */
        if (c->host != NULL && strstr (entry_of (id, e->variant)->explanation, "{host}"))
          {
            g_assert_nonnull (strstr (e->explanation, c->host));
            g_assert_null (strstr (e->explanation, "{host}"));
          }
      }
      g_hash_table_add (covered, (gpointer) id);
      pb_failure_clear (&f);
    }

  /* Every id of the catalogue is produced by at least one realistic input, except the
   * keyring and the detection ones, which have their own tests, and those only IMAP and
   * POP3 produce (test-diagnosis-incoming); a failed check is never one of detection's. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strv_contains (detection_ids, ids[i]) || g_strv_contains (incoming_ids, ids[i]))
      g_assert_false (g_hash_table_contains (covered, ids[i]));
    else if (!g_str_has_prefix (ids[i], "keyring-") && !g_hash_table_contains (covered, ids[i]))
      g_error ("no classification case produces %s", ids[i]);
}

/* What `postbote check` and `postbote detect` say when detection gives no server to test:
 * the command line names these itself, and the texts explain them. */
static void
test_detection_ids (void)
{
  PbFailure f = { .host = (char *) "smtp.example.net" };

  for (guint i = 0; detection_ids[i] != NULL; i++)
    {
      g_autoptr(PbExplanation) e = explain_id (detection_ids[i], &f);
      const PbProblemEntry *entry = pb_test_catalogue_entry (detection_ids[i]);

      g_test_message ("%s: %s", detection_ids[i], e->title);
      g_assert_cmpstr (pb_problem_to_string (e->problem), ==, detection_ids[i]);
      g_assert_null (e->variant);
      g_assert_false (e->retry_may_help);
      /* Each says how to go on without detection: naming the server by hand. */
      g_assert_nonnull (strstr (e->fix, "--server"));
      if (strstr (entry->explanation, "{host}") != NULL)
        g_assert_nonnull (strstr (e->explanation, "smtp.example.net"));
    }
  {
    /* The confirmation names the server to confirm, in the text and in the fix. */
    g_autoptr(PbExplanation) e = explain_id ("confirmation-needed", &f);

    g_assert_nonnull (strstr (e->explanation, "smtp.example.net"));
    g_assert_nonnull (strstr (e->fix, "--server smtp.example.net"));
  }
}

static void
test_enhanced_in_text (void)
{
  struct { const char *text; const char *expect; } t[] = {
    { "5.7.9 Application-specific password required.", "5.7.9" },
    { "534-5.7.14 <https://accounts.google.com/...> Please log in", "5.7.14" },
    { "4.7.0 Too many login attempts", "4.7.0" },
    { "2.0.0", "2.0.0" },
    { "Authentication credentials invalid", NULL },
    { "5.7 something", NULL },
    { "5.7.9.1 x", NULL },
    { "5.7.x", NULL },
    { "6.1.1 no such class", NULL },
    { "535 ", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { SMTP_REPLY (0, NULL, t[i].text) };
      char buffer[16];

      g_assert_cmpstr (pb_diagnosis_enhanced_code (&f, buffer), ==, t[i].expect);
    }
  {
    /* The parsed code from the reply parser wins over the text. */
    PbFailure f = { SMTP_REPLY (0, "5.7.8", "5.7.9 x") };
    char buffer[16];

    g_assert_cmpstr (pb_diagnosis_enhanced_code (&f, buffer), ==, "5.7.8");
  }
}

/* What pb-smtp-auth reports when no offered mechanism works with a password. */
static void
test_classify_oauth_only (void)
{
  struct { const char *message; const char *expect; } t[] = {
    { "The server offers no password sign-in, only OAuth2 (XOAUTH2 OAUTHBEARER)",
      "auth-oauth-required" },
    { "No usable authentication mechanism for password-encrypted (offered: PLAIN LOGIN)",
      "auth-mechanism-unsupported" },
    { "No usable authentication mechanism for password-cleartext (offered: NTLM XOAUTH2)",
      "auth-mechanism-unsupported" },
    { "No usable authentication mechanism", "auth-mechanism-unsupported" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_AUTH, .problem_hint = "auth-mechanism-unsupported",
                      .host = g_strdup ("auth-xoauth2-only.smtp.test"), .port = 587 };

      f.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, t[i].message);
      g_assert_cmpstr (classify_id (&f), ==, t[i].expect);
      pb_failure_clear (&f);
    }
}

static void
test_classify_keyring (void)
{
  struct { const char *expect; GQuark domain; int code; } k[] = {
    { "keyring-unavailable", G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN },
    { "keyring-unavailable", G_IO_ERROR, G_IO_ERROR_DBUS_ERROR },
    { "keyring-locked", SECRET_ERROR, SECRET_ERROR_IS_LOCKED },
    { "keyring-dismissed", G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { "keyring-unavailable", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_UNAVAILABLE },
    { "keyring-locked", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_LOCKED },
    { "keyring-dismissed", PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_DISMISSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (k); i++)
    {
      PbFailure f = { .stage = PB_STAGE_KEYRING };

      f.error = g_error_new_literal (k[i].domain, k[i].code, "keyring");
      g_assert_cmpstr (classify_id (&f), ==, k[i].expect);
      pb_failure_clear (&f);
    }
}

/* The common table of SMTP codes (../shared/seeds/): the meaning of the bare code. */
static void
test_classify_code_table (void)
{
  struct { guint code; const char *expect; gboolean retry; } t[] = {
    { 421, "service-unavailable", TRUE },   /* Dienst nicht verfügbar */
    { 451, "temporary-failure", TRUE },     /* Vorübergehendes lokales Problem */
    { 535, "auth-failed", FALSE },          /* Authentifizierung fehlgeschlagen */
    { 550, "sender-not-allowed", FALSE },   /* Absenderadresse nicht erlaubt */
    { 552, "message-too-large", FALSE },    /* Nachricht ist zu groß */
    { 553, "sender-invalid", FALSE },       /* Ungültige Absenderadresse */
    { 554, "relay-denied", FALSE },         /* Weiterleitung verweigert */
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_NONE, SMTP_REPLY (t[i].code, NULL, NULL) };
      g_autoptr(PbExplanation) e = NULL;

      g_assert_cmpstr (classify_id (&f), ==, t[i].expect);
      e = explain_id (t[i].expect, &f);
      g_assert_cmpint (e->retry_may_help, ==, t[i].retry);
    }
}

static void
test_port_advice (void)
{
  struct { guint16 port; const char *names[2]; } t[] = {
    { 25, { "465", "587" } }, { 465, { "587", NULL } }, { 587, { "465", NULL } },
    { 2525, { "465", "587" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_CONNECT, .port = t[i].port,
                      .host = (char *) "smtp.example.com" };
      g_autoptr(PbExplanation) e = explain_id ("connect-timeout", &f);

      for (guint j = 0; j < 2 && t[i].names[j] != NULL; j++)
        g_assert_nonnull (strstr (e->fix, t[i].names[j]));
      g_assert_true (e->retry_may_help || t[i].port == 25);
    }
  {
    /* Port 25: the explanation says it is probably blocked. */
    PbFailure f = { .stage = PB_STAGE_CONNECT, .port = 25, .host = (char *) "smtp.example.com" };
    g_autoptr(PbExplanation) e = explain_id ("connect-timeout", &f);

    g_assert_nonnull (strstr (e->explanation, "25"));
    g_assert_nonnull (strstr (e->explanation, german ? "blockier" : "block"));
  }
}

static void
test_provider_from_host (void)
{
  struct { const char *host; const char *expect; } t[] = {
    { "smtp.gmail.com", "gmail" }, { "SMTP.GoogleMail.com.", "gmail" },
    { "aspmx.l.google.com", "gmail" }, { "smtp-mail.outlook.com", "outlook" },
    { "smtp.office365.com", "microsoft365" }, { "smtp.mail.yahoo.com", "yahoo" },
    { "smtp.aol.com", "aol" }, { "smtp.mail.me.com", "icloud" }, { "mail.gmx.net", "gmx" },
    { "smtp.web.de", "web-de" }, { "securesmtp.t-online.de", "t-online" },
    { "smtp.ionos.de", "ionos" }, { "smtp.1und1.de", "1und1" },
    { "smtp.kundenserver.de", "ionos" }, { "smtp.strato.de", "strato" },
    { "mail.gmx.com", "gmx-com" }, { "smtp.gmx.com", "gmx-com" }, { "mx00.gmx.net", "gmx" },
    { "notgmail.com", NULL }, { "gmail.com.evil.test", NULL }, { "mail.lab.test", NULL },
    { "", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    g_assert_cmpstr (pb_diagnosis_provider_from_host (t[i].host), ==, t[i].expect);
}

/* The link of a provider quirk, as data/providers/<id>.xml has it. */
static const char *
preset_url (const char *provider_id,
            PbQuirk     quirk)
{
  g_autoptr(PbAccountConfig) preset =
    pb_provider_db_lookup_id (pb_provider_db_get_default (), provider_id);

  g_assert_nonnull (preset);
  g_assert_nonnull (pb_account_config_get_quirk_url (preset, quirk));
  return pb_account_config_get_quirk_url (preset, quirk);
}

/* The preset database's quirks turn a plain rejected login into its reason, and give the
 * page to fix it, for providers this file has no words of its own for. */
static void
test_classify_presets (void)
{
  struct {
    const char *host; const char *reply; const char *expect; const char *provider;
    PbQuirk quirk;
  } t[] = {
    { "smtp-mail.outlook.com", "5.7.3 Authentication unsuccessful", "auth-basic-disabled",
      "outlook", PB_N_QUIRKS },
    { "smtp.mail.ru", "5.7.8 Error: authentication failed", "auth-app-password-required",
      "mailru", PB_QUIRK_APP_PASSWORD },
    { "smtp.fastmail.com", "5.7.8 Authentication failed", "auth-app-password-required",
      "fastmail", PB_QUIRK_APP_PASSWORD },
    { "smtp.zoho.com", "5.7.8 Authentication Failed", "auth-access-disabled", "zoho",
      PB_QUIRK_ENABLE_ACCESS },
    /* Telekom's own words stay (a variant here), the page comes from the preset. */
    { "securesmtp.t-online.de", "5.7.0 authentication failed", "auth-failed", "t-online",
      PB_QUIRK_SEPARATE_PASSWORD },
    /* No quirk: the plain explanation. */
    { "posteo.de", "5.7.8 Error: authentication failed", "auth-failed", "posteo",
      PB_N_QUIRKS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_AUTH, SMTP_REPLY (535, NULL, t[i].reply),
                      .host = (char *) t[i].host,
                      .port = 465, .security = PB_SECURITY_TLS };
      g_autoptr(PbExplanation) e = NULL;

      g_test_message ("%s", t[i].host);
      g_assert_cmpstr (pb_diagnosis_provider_from_host (t[i].host), ==, t[i].provider);
      g_assert_cmpstr (classify_id (&f), ==, t[i].expect);
      e = explain_id (t[i].expect, &f);
      g_test_message ("%s: %s / %s", pb_problem_to_string (e->problem), e->title, e->fix);
      if (t[i].quirk != PB_N_QUIRKS)
        g_assert_cmpstr (e->link, ==, preset_url (t[i].provider, t[i].quirk));
      if (e->variant == NULL && t[i].quirk != PB_N_QUIRKS
          && t[i].quirk != PB_QUIRK_SEPARATE_PASSWORD)
        {
          /* The preset's note, in the language of the run, completes the general fix. */
          g_autoptr(PbAccountConfig) preset =
            pb_provider_db_lookup_id (pb_provider_db_get_default (), t[i].provider);
          const char *note = pb_account_config_get_quirk_note (preset, t[i].quirk);

          g_assert_nonnull (note);
          g_assert_true (g_str_has_suffix (e->fix, note));
          g_assert_true (g_str_has_prefix (e->fix,
                                           _(pb_test_catalogue_entry (t[i].expect)->fix)));
          if (german)
            g_assert_null (strstr (note, " the "));
        }
    }
}

/* What the user reads for the lab's Gmail-like server, in the language of the run. */
static void
test_explain_language (void)
{
  PbFailure f = { .stage = PB_STAGE_AUTH,
                  SMTP_REPLY (534, "5.7.9", "Application-specific password required."),
                  .host = (char *) "smtp.gmail.com", .port = 465 };
  g_autoptr(PbExplanation) e = explain_id (classify_id (&f), &f);

  g_assert_cmpstr (pb_problem_to_string (e->problem), ==, "auth-app-password-required");
  g_assert_cmpstr (e->link, ==, "https://myaccount.google.com/apppasswords");
  if (german)
    {
      g_assert_cmpstr (e->title, ==, "Google verlangt ein App-Passwort");
      g_assert_nonnull (strstr (e->fix, "Bestätigung in zwei Schritten"));
    }
  else
    {
      g_assert_cmpstr (e->title, ==, "Google wants an app password");
      g_assert_nonnull (strstr (e->fix, "2-Step Verification"));
    }

  {
    /* {provider} and {host} are filled in; the server's text never is. */
    PbFailure g = { .stage = PB_STAGE_AUTH,
                    SMTP_REPLY (535, NULL, "Authentication credentials invalid <b>x</b>"),
                    .host = (char *) "smtp.web.de", .port = 587 };
    g_autoptr(PbExplanation) w = explain_id (classify_id (&g), &g);

    g_assert_cmpstr (pb_problem_to_string (w->problem), ==, "auth-access-disabled");
    g_assert_nonnull (strstr (w->title, "WEB.DE"));
    g_assert_cmpstr (w->link, ==, preset_url ("web-de", PB_QUIRK_ENABLE_ACCESS));
    g_assert_null (strstr (w->explanation, "credentials invalid"));
    g_assert_null (strstr (w->fix, "<b>"));
  }
}

/* The explanation of an outdated TLS version names the server and the version it offered. */
static void
test_explain_tls_version (void)
{
  PbFailure f = { .stage = PB_STAGE_STARTTLS_HANDSHAKE, .host = (char *) "old.example.com",
                  .port = 587, .security = PB_SECURITY_STARTTLS, .problem_hint = "tls-outdated",
                  .tls_version = "TLS 1.1" };
  g_autoptr(PbExplanation) e = explain_id (classify_id (&f), &f);

  g_assert_cmpstr (pb_problem_to_string (e->problem), ==, "tls-outdated");
  g_assert_nonnull (strstr (e->explanation, "old.example.com"));
  g_assert_nonnull (strstr (e->explanation, "TLS 1.1"));
  g_assert_null (strchr (e->explanation, '{'));
  g_assert_nonnull (strstr (e->explanation, german ? "Passwort" : "password"));
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis/ids-complete", test_ids_complete);
  g_test_add_func ("/diagnosis/variants-reachable", test_variants_reachable);
  g_test_add_func ("/diagnosis/texts-translated", test_texts_translated);
  g_test_add_func ("/diagnosis/explain-every-id", test_explain_every_id);
  g_test_add_func ("/diagnosis/classify/cases", test_classify_cases);
  g_test_add_func ("/diagnosis/detection-ids", test_detection_ids);
  g_test_add_func ("/diagnosis/classify/keyring", test_classify_keyring);
  g_test_add_func ("/diagnosis/classify/oauth-only", test_classify_oauth_only);
  g_test_add_func ("/diagnosis/classify/enhanced-in-text", test_enhanced_in_text);
  g_test_add_func ("/diagnosis/classify/login-missing", test_login_missing);
  g_test_add_func ("/diagnosis/classify/presets", test_classify_presets);
  g_test_add_func ("/diagnosis/classify/code-table", test_classify_code_table);
  g_test_add_func ("/diagnosis/port-advice", test_port_advice);
  g_test_add_func ("/diagnosis/provider-from-host", test_provider_from_host);
  g_test_add_func ("/diagnosis/explain-language", test_explain_language);
  g_test_add_func ("/diagnosis/explain-tls-version", test_explain_tls_version);
  return g_test_run ();
}
