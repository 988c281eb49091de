/* test-diagnosis-incoming.c: IMAP and POP3 failures, as their clients record them, map to
 * the right problem ids and texts.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-diagnosis.h"
#include "pb-diagnosis-classify.h"
#include "pb-diagnosis-incoming.h"
#include "pb-imap-response.h"
#include "pb-net-error.h"
#include "pb-pop3-reply.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

static gboolean german;

typedef struct {
  const char   *expect;
  const char   *variant;     /* the text set explain() must pick, or NULL */
  PbStage       stage;
  GQuark      (*domain) (void);
  int           code;
  const char   *status;      /* IMAP's "NO", "BAD", "BYE", "PREAUTH"; "-ERR" for POP3; NULL:
                                no reply */
  const char   *response_code;
  const char   *reply;       /* the server's line, or without a reply the error's message */
  const char   *host;
  guint16       port;
  PbSecurity    security;
  const char   *hint;
  gboolean      tls;         /* a TLS session was up */
} Case;

#define TLS PB_SECURITY_TLS
#define STARTTLS PB_SECURITY_STARTTLS
#define NONE PB_SECURITY_NONE
#define IMAP pb_imap_error_quark
#define POP3 pb_pop3_error_quark
#define IO g_io_error_quark
#define TLSERR g_tls_error_quark
#define NET pb_net_error_quark
#define AUTH PB_STAGE_AUTH
#define GREETING PB_STAGE_GREETING
#define MAILBOX PB_STAGE_MAILBOX

static const Case cases[] = {
  /* ---- IMAP: the login (RFC 5530 codes; Dovecot's words) ---- */
  { "auth-failed", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "AUTHENTICATIONFAILED",
    "NO [AUTHENTICATIONFAILED] Authentication failed.", "imap.lab.test", 993, TLS },
  { "auth-failed", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "AUTHORIZATIONFAILED",
    "NO [AUTHORIZATIONFAILED] Not allowed to log in as this user", "imap.example.com", 993,
    TLS },
  { "auth-failed", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO Login failed.", "imap.example.com", 143, STARTTLS },
  { "password-expired", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "EXPIRED",
    "NO [EXPIRED] Password expired, change it in the web settings", "imap.example.com", 993,
    TLS },
  { "auth-encryption-required", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "PRIVACYREQUIRED", "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure "
    "(SSL/TLS) connections.", "imap.example.com", 143, NONE },
  { "contact-provider", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "CONTACTADMIN",
    "NO [CONTACTADMIN] Account locked, please contact support", "imap.example.com", 993, TLS },
  { "temporary-failure", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "UNAVAILABLE",
    "NO [UNAVAILABLE] Temporary authentication failure.", "imap.example.com", 993, TLS },
  { "mailbox-in-use", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "INUSE",
    "NO [INUSE] Mailbox is in use by another session", "imap.example.com", 993, TLS },
  { "mailbox-in-use", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "LIMIT",
    "NO [LIMIT] Too many open connections for this account", "imap.example.com", 993, TLS },
  { "temporary-failure", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "LIMIT",
    "NO [LIMIT] Account exceeded command or bandwidth limits", "imap.example.com", 993, TLS },
  { "mailbox-in-use", NULL, AUTH, IMAP, PB_IMAP_ERROR_BYE, "BYE", NULL,
    "BYE Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
    "imap.lab.test", 993, TLS },
  { "auth-mechanism-unsupported", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "BAD", NULL,
    "BAD Unsupported authentication mechanism.", "imap.example.com", 993, TLS },

  /* ---- IMAP: the client's own refusals ---- */
  { "auth-encryption-required", NULL, AUTH, IMAP, PB_IMAP_ERROR_LOGIN_DISABLED, NULL, NULL,
    "The server does not allow a login here (LOGINDISABLED)", "127.0.5.1", 143, NONE,
    "auth-encryption-required" },
  { "auth-not-offered", NULL, AUTH, IMAP, PB_IMAP_ERROR_LOGIN_DISABLED, NULL, NULL,
    "The server does not allow a login here (LOGINDISABLED)", "imap.example.com", 993, TLS,
    "auth-encryption-required", TRUE },
  { "auth-encryption-required", NULL, AUTH, IMAP, PB_IMAP_ERROR_POLICY, NULL, NULL,
    "Refusing to send the password without encryption", "imap.example.com", 143, NONE,
    "auth-encryption-required" },
  { "auth-oauth-required", NULL, AUTH, IMAP, PB_IMAP_ERROR_NOT_OFFERED, NULL, NULL,
    "No usable authentication mechanism for password-encrypted among those offered "
    "(XOAUTH2 OAUTHBEARER)", "imap.example.com", 993, TLS, "auth-mechanism-unsupported" },
  { "auth-mechanism-unsupported", NULL, AUTH, IMAP, PB_IMAP_ERROR_NOT_OFFERED, NULL, NULL,
    "No usable authentication mechanism for password-encrypted among those offered "
    "(PLAIN LOGIN)", "imap.example.com", 993, TLS, "auth-mechanism-unsupported" },

  /* ---- IMAP: the mailbox ---- */
  { "mailbox-not-found", NULL, MAILBOX, IMAP, PB_IMAP_ERROR_NO_MAILBOX, "NO", "NONEXISTENT",
    "NO [NONEXISTENT] Mailbox doesn't exist: INBOX", "imap.example.com", 993, TLS },
  { "mailbox-not-found", NULL, MAILBOX, IMAP, PB_IMAP_ERROR_NO_MAILBOX, "NO", NULL,
    "NO Mailbox does not exist", "imap.example.com", 993, TLS },
  { "mailbox-in-use", NULL, MAILBOX, IMAP, PB_IMAP_ERROR_NO_MAILBOX, "NO", "INUSE",
    "NO [INUSE] Mailbox is locked by another session", "imap.example.com", 993, TLS },

  /* ---- IMAP: STARTTLS and the attacks on it ---- */
  { "starttls-not-offered", "preauth", GREETING, IMAP, PB_IMAP_ERROR_PREAUTH, "PREAUTH", NULL,
    "PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] Logged in as alice", "imap.example.com", 143,
    STARTTLS, "starttls-not-offered" },
  { "starttls-not-offered", NULL, PB_STAGE_STARTTLS, IMAP, PB_IMAP_ERROR_NO_STARTTLS, NULL,
    NULL, "The server does not offer STARTTLS", "imap.example.com", 143, STARTTLS,
    "starttls-not-offered" },
  { "starttls-refused", NULL, PB_STAGE_STARTTLS, IMAP, PB_IMAP_ERROR_REFUSED, "NO", NULL,
    "NO STARTTLS is not available right now", "imap.example.com", 143, STARTTLS,
    "starttls-refused" },
  { "starttls-injection", NULL, PB_STAGE_STARTTLS, NET, PB_NET_ERROR_INJECTION, NULL, NULL,
    "The server sent data after agreeing to STARTTLS and before encryption started",
    "imap.example.com", 143, STARTTLS, "starttls-injection" },
  { "protocol-error", "unexpected-reply", AUTH, IMAP, PB_IMAP_ERROR_UNEXPECTED, NULL, NULL,
    "The server answered a command that was not sent (tag X999)", "imap.example.com", 993,
    TLS, "protocol-error" },
  { "protocol-error", NULL, AUTH, IMAP, PB_IMAP_ERROR_TOO_LARGE, NULL, NULL,
    "The server announced a literal of 99999999 bytes", "imap.example.com", 993, TLS,
    "protocol-error" },

  /* ---- IMAP: the server's state ---- */
  { "service-unavailable", NULL, GREETING, IMAP, PB_IMAP_ERROR_BYE, "BYE", NULL,
    "BYE Server shutting down.", "imap.example.com", 993, TLS },
  { "temporary-failure", NULL, GREETING, IMAP, PB_IMAP_ERROR_BYE, "BYE", "UNAVAILABLE",
    "BYE [UNAVAILABLE] Backend not reachable, try again later", "imap.example.com", 993, TLS },

  /* ---- IMAP: providers ---- */
  { "auth-app-password-required", "google", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "ALERT", "NO [ALERT] Application-specific password required: "
    "https://support.google.com/accounts/answer/185833 (Failure)", "imap.gmail.com", 993,
    TLS },
  { "auth-failed", "google", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "AUTHENTICATIONFAILED", "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
    "imap.gmail.com", 993, TLS },
  { "auth-web-login-required", "google", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "WEBALERT", "NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login "
    "required.", "imap.gmail.com", 993, TLS },
  { "mailbox-in-use", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", "ALERT",
    "NO [ALERT] Too many simultaneous connections. (Failure)", "imap.gmail.com", 993, TLS },
  { "auth-basic-disabled", "microsoft", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO AUTHENTICATE failed.", "outlook.office365.com", 993, TLS },
  { "auth-basic-disabled", "microsoft", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO LOGIN failed.", "imap-mail.outlook.com", 993, TLS },
  { "auth-basic-disabled", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO Basic authentication is disabled.", "mail.example.com", 993, TLS },
  { "auth-access-disabled", "gmx-webde", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO authentication failed", "imap.gmx.net", 993, TLS },
  { "auth-access-disabled", "gmx-webde", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "AUTHENTICATIONFAILED", "NO [AUTHENTICATIONFAILED] authentication failed", "imap.web.de",
    143, STARTTLS },
  { "auth-failed", "telekom", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "AUTHENTICATIONFAILED", "NO [AUTHENTICATIONFAILED] Authentication failed.",
    "secureimap.t-online.de", 993, TLS },
  { "auth-app-password-required", "yahoo-aol", AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO",
    "AUTHENTICATIONFAILED", "NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials",
    "imap.mail.yahoo.com", 993, TLS },

  /* ---- POP3 (RFC 2449, 3206; Dovecot's and providers' words) ---- */
  { "auth-failed", NULL, AUTH, POP3, PB_POP3_ERROR_AUTH_FAILED, "-ERR", "AUTH",
    "-ERR [AUTH] Authentication failed.", "mail.lab.test", 995, TLS },
  { "auth-failed", NULL, AUTH, POP3, PB_POP3_ERROR_AUTH_FAILED, "-ERR", NULL,
    "-ERR Authentication failed", "pop.example.com", 110, STARTTLS },
  { "mailbox-in-use", NULL, AUTH, POP3, PB_POP3_ERROR_IN_USE, "-ERR", "IN-USE",
    "-ERR [IN-USE] Couldn't open INBOX: Mailbox is locked", "pop.example.com", 995, TLS },
  { "login-delay", NULL, AUTH, POP3, PB_POP3_ERROR_LOGIN_DELAY, "-ERR", "LOGIN-DELAY",
    "-ERR [LOGIN-DELAY] Minimum time between logins is 15 minutes", "pop.example.com", 995, TLS },
  { "temporary-failure", NULL, AUTH, POP3, PB_POP3_ERROR_TEMPORARY, "-ERR", "SYS/TEMP",
    "-ERR [SYS/TEMP] Temporary system problem, please try again later", "pop.example.com", 995, TLS },
  { "contact-provider", NULL, AUTH, POP3, PB_POP3_ERROR_PERMANENT, "-ERR", "SYS/PERM",
    "-ERR [SYS/PERM] Your mailbox is damaged", "pop.example.com", 995, TLS },
  { "auth-access-disabled", NULL, AUTH, POP3, PB_POP3_ERROR_PERMANENT, "-ERR", "SYS/PERM",
    "-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your "
    "Gmail settings page and enable your account for POP access.", "pop.gmail.com", 995, TLS },
  { "auth-app-password-required", "google", AUTH, POP3, PB_POP3_ERROR_AUTH_FAILED, "-ERR", "AUTH",
    "-ERR [AUTH] Application-specific password required: "
    "https://support.google.com/accounts/answer/185833", "pop.gmail.com", 995, TLS },
  { "auth-access-disabled", "gmx-webde", AUTH, POP3, PB_POP3_ERROR_AUTH_FAILED, "-ERR", NULL,
    "-ERR authentication failed", "pop.gmx.net", 995, TLS },
  { "auth-basic-disabled", "microsoft", AUTH, POP3, PB_POP3_ERROR_AUTH_FAILED, "-ERR", NULL,
    "-ERR Logon failure: unknown user name or bad password.", "outlook.office365.com", 995, TLS },
  { "service-unavailable", NULL, GREETING, POP3, PB_POP3_ERROR_REFUSED, "-ERR", NULL,
    "-ERR Server is shutting down", "pop.example.com", 995, TLS },
  { "mailbox-not-found", NULL, MAILBOX, POP3, PB_POP3_ERROR_REFUSED, "-ERR", NULL,
    "-ERR Unable to open the mailbox", "pop.example.com", 995, TLS },
  { "starttls-refused", NULL, PB_STAGE_STARTTLS, POP3, PB_POP3_ERROR_REFUSED, "-ERR", NULL,
    "-ERR STLS not available", "pop.example.com", 110, STARTTLS, "starttls-refused" },
  { "protocol-error", "out-of-turn", AUTH, POP3, PB_POP3_ERROR_OUT_OF_TURN, NULL, NULL,
    "The server answered before it was asked", "pop.example.com", 995, TLS, "protocol-error" },
  { "auth-oauth-required", NULL, AUTH, POP3, PB_POP3_ERROR_NOT_OFFERED, NULL, NULL,
    "The server offers no password sign-in, only OAuth2 (XOAUTH2)", "pop.example.com", 995, TLS, "auth-mechanism-unsupported" },
  { "auth-not-offered", NULL, AUTH, POP3, PB_POP3_ERROR_NOT_OFFERED, NULL, NULL,
    "The server does not offer a login", "pop.example.com", 995, TLS, "auth-not-offered" },
  { "auth-encryption-required", NULL, AUTH, POP3, PB_POP3_ERROR_POLICY, NULL, NULL,
    "Refusing to send the password without encryption", "pop.example.com", 110, NONE, "auth-encryption-required" },
  /* The round trip's own verdict on a server without TOP (pb-round-trip-pop3.c), as it
   * records it: no reply of the server's, the id as the hint. */
  { "pop3-no-top", NULL, MAILBOX, POP3, PB_POP3_ERROR_REFUSED, NULL, NULL,
    "The server does not offer TOP, which reads a message’s header", "pop.example.com", 995,
    TLS, "pop3-no-top", TRUE },
  /* Its verdict when every look after one that got in was refused for now: the server's
   * last refusal, the id as the hint. */
  { "pop3-busy", NULL, MAILBOX, POP3, PB_POP3_ERROR_LOGIN_DELAY, "-ERR", "LOGIN-DELAY",
    "-ERR [LOGIN-DELAY] Minimum time between logins is 15 minutes", "pop.example.com", 995,
    TLS, "pop3-busy", TRUE },

  /* ---- no reply: the connection, at the incoming ports ---- */
  { "connect-refused", "incoming", PB_STAGE_CONNECT, IO, G_IO_ERROR_CONNECTION_REFUSED, NULL,
    NULL, "Connection refused", "imap.example.com", 993, TLS },
  { "connect-timeout", NULL, PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, NULL, NULL,
    "Connecting timed out", "pop.example.com", 995, TLS },
  { "timeout", NULL, AUTH, IO, G_IO_ERROR_TIMED_OUT, NULL, NULL,
    "No answer within the time limit", "imap.example.com", 143, STARTTLS, "timeout" },
  { "cert-untrusted", NULL, PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE, NULL, NULL,
    "Unacceptable TLS certificate", "imap.example.com", 993, TLS },
  { "tls-handshake-failed", NULL, PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_HANDSHAKE,
    NULL, NULL, "A TLS fatal alert has been received.", "pop.example.com", 110, STARTTLS },
  /* ---- without the client's hint: the words, then the command that was refused ---- */
  { "auth-too-many-attempts", NULL, AUTH, IMAP, PB_IMAP_ERROR_AUTH_FAILED, "NO", NULL,
    "NO Too many failed login attempts, try again later", "imap.example.com", 993, TLS },
  { "starttls-refused", NULL, PB_STAGE_STARTTLS, IMAP, PB_IMAP_ERROR_REFUSED, "NO", NULL,
    "NO Not now", "imap.example.com", 143, STARTTLS },
  { "service-unavailable", NULL, PB_STAGE_STARTTLS, IMAP, PB_IMAP_ERROR_BYE, "BYE", NULL,
    "BYE Server shutting down", "imap.example.com", 143, STARTTLS },
  { "service-unavailable", NULL, PB_STAGE_ID, IMAP, PB_IMAP_ERROR_BYE, "BYE", NULL,
    "BYE Disconnected for inactivity", "imap.example.com", 993, TLS },
  /* No answer the server gave, nothing an IMAP rule knows: the error decides. */
  { "protocol-error", NULL, PB_STAGE_ID, IMAP, PB_IMAP_ERROR_REFUSED, "NO", NULL,
    "NO Unknown command", "imap.example.com", 993, TLS },
  { "protocol-error", NULL, GREETING, IMAP, PB_IMAP_ERROR_PROTOCOL, NULL, NULL,
    "The server's answer is not IMAP", "imap.example.com", 993, TLS },
};


static void
fill_failure (const Case *c,
              PbFailure  *f)
{
  memset (f, 0, sizeof *f);
  f->stage = c->stage;
  f->error = g_error_new_literal (c->domain (), c->code, c->reply);
  if (c->domain == TLSERR && c->code == G_TLS_ERROR_BAD_CERTIFICATE)
    f->cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA;
  if (c->status != NULL && c->domain == POP3)
    pb_failure_set_pop3_reply (f, c->response_code, c->reply);
  else if (c->status != NULL)
    pb_failure_set_imap_reply (f, c->status, c->response_code, c->reply);
  f->host = g_strdup (c->host);
  f->port = c->port;
  f->security = c->security;
  f->problem_hint = pb_problem_from_string (c->hint);
  f->tls_version = c->tls ? "TLS 1.3" : NULL;
}

/* The ports of the protocol, never the sending ones: a text that tells an IMAP user to try
 * 465 sends them the wrong way. */
static void
assert_ports_of (const PbExplanation *e,
                 PbProtocol           protocol)
{
  g_autofree char *all = g_strjoin ("\n", e->title, e->explanation, e->fix, NULL);
  g_autofree char *tls = g_strdup_printf ("%u", pb_security_default_port (protocol, TLS));

  g_assert_null (strstr (all, "465"));
  g_assert_null (strstr (all, "587"));
  g_assert_null (strstr (all, "SMTP AUTH"));
  g_assert_null (strstr (all, "(SMTP)"));
  g_assert_null (strchr (all, '{'));
  if (strstr (e->fix, "SSL/TLS") != NULL && strstr (e->fix, "port") != NULL)
    g_assert_nonnull (strstr (e->fix, tls));
}

/* Classifies and explains one failure; returns its id (static). */
static const char *
check_case (const Case *c,
            guint       i)
{
  PbFailure f;
  g_autoptr(PbExplanation) e = NULL;
  const char *id;

  fill_failure (c, &f);
  id = pb_problem_to_string (pb_diagnosis_classify (&f));
  g_test_message ("case %u: %s:%u %s -> %s", i, c->host, c->port,
                  pb_stage_to_string (c->stage), id);
  if (g_strcmp0 (id, c->expect) != 0)
    g_error ("case %u (%s:%u “%s”): %s, expected %s", i, c->host, c->port, c->reply, id,
             c->expect);
  e = pb_diagnosis_explain (pb_diagnosis_classify (&f), &f);
  if (g_strcmp0 (e->variant, c->variant) != 0)
    g_error ("case %u (%s:%u): variant %s, expected %s", i, c->host, c->port, e->variant,
             c->variant);
  assert_ports_of (e, pb_diagnosis_failure_protocol (&f));
  /* The server's words are shown beneath, never inside ours. */
  if (c->status != NULL)
    {
      g_assert_null (strstr (e->explanation, c->reply));
      g_assert_null (strstr (e->fix, c->reply));
    }
  pb_failure_clear (&f);
  return id;
}

static void
test_cases (void)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_hash_table_add (covered, (gpointer) check_case (&cases[i], i));
  /* The ids that only IMAP and POP3 produce; test-diagnosis-classify covers every other one. */
  for (guint i = 0; pb_test_incoming_ids[i] != NULL; i++)
    if (!g_hash_table_contains (covered, pb_test_incoming_ids[i]))
      g_error ("no case produces %s", pb_test_incoming_ids[i]);
}

/* The failure names no protocol: its reply, its error, its stage and its port do. */
static void
test_protocol (void)
{
  struct { PbReplyKind kind; GQuark (*domain) (void); PbStage stage; guint16 port;
           PbProtocol expect; } t[] = {
    { PB_REPLY_IMAP, NULL, AUTH, 465, PB_PROTOCOL_IMAP },
    { PB_REPLY_POP3, NULL, AUTH, 993, PB_PROTOCOL_POP3 },
    { PB_REPLY_SMTP, NULL, AUTH, 995, PB_PROTOCOL_SMTP },
    { PB_REPLY_NONE, IMAP, AUTH, 2525, PB_PROTOCOL_IMAP },
    { PB_REPLY_NONE, POP3, AUTH, 143, PB_PROTOCOL_POP3 },
    { PB_REPLY_NONE, IO, PB_STAGE_ID, 10143, PB_PROTOCOL_IMAP },
    { PB_REPLY_NONE, IO, PB_STAGE_CONNECT, 143, PB_PROTOCOL_IMAP },
    { PB_REPLY_NONE, IO, PB_STAGE_CONNECT, 995, PB_PROTOCOL_POP3 },
    { PB_REPLY_NONE, IO, PB_STAGE_CONNECT, 587, PB_PROTOCOL_SMTP },
    { PB_REPLY_NONE, IO, PB_STAGE_CONNECT, 2525, PB_PROTOCOL_SMTP },
    { PB_REPLY_NONE, NULL, PB_STAGE_NONE, 0, PB_PROTOCOL_SMTP },
  };

  g_assert_cmpint (pb_diagnosis_failure_protocol (NULL), ==, PB_PROTOCOL_SMTP);
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = t[i].stage, .port = t[i].port };

      f.reply.kind = t[i].kind;
      if (t[i].domain != NULL)
        f.error = g_error_new_literal (t[i].domain (), 0, "x");
      g_assert_cmpint (pb_diagnosis_failure_protocol (&f), ==, t[i].expect);
      g_clear_error (&f.error);
    }
}

/* A check records the protocol of the session that failed: an IMAP server on an unusual
 * port that refuses the connection is explained with IMAP's ports, which its port alone
 * would not tell. */
static void
test_recorded_protocol (void)
{
  PbFailure f = { .stage = PB_STAGE_CONNECT, .port = 2525, .has_protocol = TRUE,
                  .protocol = PB_PROTOCOL_IMAP };
  g_autoptr(PbExplanation) e = NULL;

  f.error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_assert_cmpint (pb_diagnosis_failure_protocol (&f), ==, PB_PROTOCOL_IMAP);
  e = pb_diagnosis_explain (PB_PROBLEM_CONNECT_REFUSED, &f);
  g_assert_cmpstr (e->variant, ==, "incoming");
  g_assert_nonnull (strstr (e->fix, "993"));
  f.has_protocol = FALSE;
  g_assert_cmpint (pb_diagnosis_failure_protocol (&f), ==, PB_PROTOCOL_SMTP);
  g_clear_error (&f.error);
}

/* What the user reads, in the language of the run: the new ids' titles, and GMX's own
 * advice for IMAP, which names the setting in GMX's words. */
static void
test_language (void)
{
  PbFailure f = { .stage = AUTH, .host = g_strdup ("imap.gmx.net"), .port = 993 };
  g_autoptr(PbExplanation) gmx = NULL;
  g_autoptr(PbExplanation) busy = NULL;

  pb_failure_set_imap_reply (&f, "NO", NULL, "NO authentication failed");
  f.error = g_error_new_literal (IMAP (), PB_IMAP_ERROR_AUTH_FAILED, "NO authentication failed");
  gmx = pb_diagnosis_explain (pb_diagnosis_classify (&f), &f);
  g_assert_cmpstr (pb_problem_to_string (gmx->problem), ==, "auth-access-disabled");
  g_assert_nonnull (strstr (gmx->title, "GMX"));
  g_assert_nonnull (strstr (gmx->fix, "POP3/IMAP"));
  g_assert_nonnull (gmx->link);
  g_assert_true (g_str_has_prefix (gmx->link, "https://hilfe.gmx.net/"));
  g_assert_nonnull (strstr (gmx->explanation, german ? "Web-Einstellungen" : "web settings"));

  busy = pb_diagnosis_explain (PB_PROBLEM_MAILBOX_IN_USE, &f);
  g_assert_cmpstr (busy->title, ==, german ? "Postfach wird gerade benutzt" : "Mailbox in use");
  g_assert_true (busy->retry_may_help);
  g_assert_nonnull (strstr (busy->explanation, "imap.gmx.net"));
  pb_failure_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis-incoming/cases", test_cases);
  g_test_add_func ("/diagnosis-incoming/protocol", test_protocol);
  g_test_add_func ("/diagnosis-incoming/recorded-protocol", test_recorded_protocol);
  g_test_add_func ("/diagnosis-incoming/language", test_language);
  return g_test_run ();
}
