/* test-diagnosis-incoming-lab.c: the real IMAP and POP3 check, failing against the lab's
 * Dovecot and the scripted server's provider replies and attacks, explained
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run, once in English and once in German: Dovecot on
 * imap.lab.test / mail.lab.test (and 127.0.5.1:143, which says LOGINDISABLED), the scripted
 * IMAP and POP3 server on <scenario>.incoming.test and the provider look-alikes
 * lab-incoming.gmx.net, ... (tests/lab/scripted-incoming.py).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-check.h"
#include "pb-diagnosis.h"
#include "pb-diagnosis-variants.h"
#include "pb-test-util.h"

#define ADDRESS         "alice@lab.test"
#define SCRIPTED_PASS   "Scripted-Pass-1"
#define GMAIL_ALERT     "Application-specific password required: " \
                        "https://support.google.com/accounts/answer/185833 (Failure)"

static gboolean german;

#define IMAP PB_PROTOCOL_IMAP
#define POP3 PB_PROTOCOL_POP3
#define TLS PB_SECURITY_TLS
#define STARTTLS PB_SECURITY_STARTTLS

typedef struct {
  PbProtocol  protocol;
  const char *host;
  PbSecurity  security;
  const char *password;
  const char *expect;     /* the problem id */
  const char *variant;    /* the text set, or NULL for the generic one */
} Case;

static PbCheckResult *
run_check (PbProtocol            protocol,
           const char           *host,
           guint16               port,
           PbSecurity            security,
           const PbCheckOptions *options,
           const char           *password)
{
  g_autoptr(PbServerConfig) config = NULL;

  if (port == 0)
    port = pb_security_default_port (protocol, security);
  config = pb_server_config_new (protocol, host, port, security, PB_AUTH_PASSWORD_CLEARTEXT,
                                 NULL);
  return pb_test_run_check_config (config, ADDRESS, options, password, 0, NULL);
}

/* The check failed as expected, and the explanation is the one for it, in the language of
 * the run, with the server's name and the protocol's ports in it and none of the server's
 * words. */
static PbExplanation *
assert_explained (PbCheckResult *r,
                  const char    *expect,
                  const char    *variant)
{
  PbExplanation *e = pb_diagnosis_explain (r->problem, &r->failure);
  const PbProblemEntry *entry = variant != NULL
    ? pb_diagnosis_variant_lookup (r->problem, variant) : pb_test_catalogue_entry (expect);
  g_autofree char *all = g_strjoin ("\n", e->title, e->explanation, e->fix, NULL);

  g_test_message ("%s:%u -> %s (%s): %s", r->failure.host, r->failure.port,
                  pb_problem_to_string (r->problem), e->variant, e->title);
  g_assert_false (r->ok);
  g_assert_cmpstr (pb_problem_to_string (r->problem), ==, expect);
  g_assert_cmpstr (e->variant, ==, variant);
  g_assert_nonnull (entry);
  if (strstr (entry->explanation, "{host}") != NULL)
    g_assert_nonnull (strstr (e->explanation, r->failure.host));
  if (german)
    g_assert_cmpstr (e->title, !=, entry->title);
  else if (strchr (entry->title, '{') == NULL)
    g_assert_cmpstr (e->title, ==, entry->title);
  g_assert_null (strchr (all, '{'));
  g_assert_null (strstr (all, "465"));
  g_assert_null (strstr (all, "587"));
  if (r->failure.reply.text != NULL)
    g_assert_null (strstr (all, r->failure.reply.text));
  return e;
}

/* The lab user's text from the scripted server's log of the scenario. */
static char *
scripted_log (const char *scenario)
{
  g_autofree char *path = g_strdup_printf ("%s/scripted-incoming/%s.log",
                                           g_getenv ("PB_LAB_DIR"), scenario);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* ---- refused logins: the real Dovecot, the scripted providers and server states ---- */

static void
test_refusals (void)
{
  const Case cases[] = {
    { IMAP, "imap.lab.test", TLS, "Wrong-Password-9", "auth-failed", NULL },
    { IMAP, "imap.lab.test", STARTTLS, "Wrong-Password-9", "auth-failed", NULL },
    { POP3, "mail.lab.test", TLS, "Wrong-Password-9", "auth-failed", NULL },
    { POP3, "mail.lab.test", STARTTLS, "Wrong-Password-9", "auth-failed", NULL },
    { IMAP, "lab-incoming.gmx.net", TLS, SCRIPTED_PASS, "auth-access-disabled", "gmx-webde" },
    { POP3, "lab-incoming.web.de", TLS, SCRIPTED_PASS, "auth-access-disabled", "gmx-webde" },
    { IMAP, "lab-incoming.gmail.com", TLS, SCRIPTED_PASS, "auth-app-password-required",
      "google" },
    { POP3, "lab-incoming.gmail.com", TLS, SCRIPTED_PASS, "auth-app-password-required",
      "google" },
    { IMAP, "lab-incoming.office365.com", TLS, SCRIPTED_PASS, "auth-basic-disabled",
      "microsoft" },
    { POP3, "lab-incoming.office365.com", TLS, SCRIPTED_PASS, "auth-basic-disabled",
      "microsoft" },
    { IMAP, "inuse.incoming.test", TLS, SCRIPTED_PASS, "mailbox-in-use", NULL },
    { POP3, "inuse.incoming.test", STARTTLS, SCRIPTED_PASS, "mailbox-in-use", NULL },
    { POP3, "login-delay.incoming.test", TLS, SCRIPTED_PASS, "login-delay", NULL },
    { IMAP, "unavailable.incoming.test", STARTTLS, SCRIPTED_PASS, "temporary-failure", NULL },
    { POP3, "unavailable.incoming.test", TLS, SCRIPTED_PASS, "temporary-failure", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(PbCheckResult) r = run_check (c->protocol, c->host, 0, c->security, NULL,
                                              c->password);
      g_autoptr(PbExplanation) e = assert_explained (r, c->expect, c->variant);

      g_assert_cmpint (r->failure.stage, ==, PB_STAGE_AUTH);
      g_assert_true (r->auth_sent && !r->authenticated);
      g_assert_cmpint (r->failure.reply.kind, ==,
                       c->protocol == IMAP ? PB_REPLY_IMAP : PB_REPLY_POP3);
      if (g_str_equal (c->expect, "auth-failed"))
        g_assert_nonnull (strstr (e->fix, german ? "Passwort" : "password"));
    }
}

/* 127.0.5.1:143 says LOGINDISABLED until STARTTLS: a plain connection gets no password from
 * Postbote, with consent to plain text or without, and the advice names IMAP's ports. */
static void
test_dovecot_logindisabled (void)
{
  for (guint consent = 0; consent < 2; consent++)
    {
      PbCheckOptions options = { .allow_plaintext_auth = consent };
      g_autoptr(PbCheckResult) r = run_check (IMAP, "127.0.5.1", 143, PB_SECURITY_NONE,
                                              &options, "Alice-Secret-1");
      g_autoptr(PbExplanation) e = assert_explained (r, "auth-encryption-required", NULL);

      g_assert_false (r->auth_sent);
      g_assert_true (g_strv_contains ((const char * const *) r->capabilities, "LOGINDISABLED"));
      g_assert_nonnull (strstr (e->fix, "993"));
      g_assert_nonnull (strstr (e->fix, "143"));
    }
}

/* ---- the scripted server ---------------------------------------------------------- */

/* The same scripted server lets a right login through: the refusals above are the
 * scenarios', not the server's. */
static void
test_scripted_ok (void)
{
  const PbProtocol protocols[] = { IMAP, POP3 };

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    for (PbSecurity s = TLS; s <= STARTTLS; s++)
      {
        g_autoptr(PbCheckResult) r = run_check (protocols[i], "ok.incoming.test", 0, s, NULL,
                                                SCRIPTED_PASS);

        g_assert_true (r->ok);
        g_assert_true (r->authenticated);
        g_assert_cmpint (r->mailbox_messages, ==, 3);
      }
}

/* Gmail's [ALERT] is the server's words, kept as they came; a hostile one keeps its markup
 * as text and shows its bidi controls visibly; neither reaches Postbote's own texts. */
static void
test_scripted_alert (void)
{
  g_autoptr(PbCheckResult) gmail = run_check (IMAP, "lab-incoming.gmail.com", 0, TLS, NULL,
                                              SCRIPTED_PASS);
  g_autoptr(PbExplanation) e = assert_explained (gmail, "auth-app-password-required", "google");
  g_autoptr(PbCheckResult) hostile = run_check (IMAP, "alert-hostile.incoming.test", 0, TLS,
                                                NULL, SCRIPTED_PASS);
  g_autoptr(PbExplanation) h = assert_explained (hostile, "auth-failed", NULL);

  g_assert_cmpstr (gmail->alert, ==, GMAIL_ALERT);
  g_assert_cmpstr (pb_failure_get_response_code (&gmail->failure), ==, "ALERT");
  g_assert_cmpstr (e->link, ==, "https://myaccount.google.com/apppasswords");

  g_assert_nonnull (hostile->alert);
  g_assert_nonnull (strstr (hostile->alert, "<a href=\"https://evil.example/\">unlock</a>"));
  g_assert_nonnull (strstr (hostile->alert, "\xef\xbf\xbd" "gro.elpmaxe@troppus"));
  g_assert_null (strstr (hostile->alert, "\xe2\x80\xae"));
  g_assert_null (strstr (h->explanation, "555-0100"));
  g_assert_null (strstr (h->fix, "evil.example"));
}

/* ---- the scripted server: attacks through the real check ------------------------------- */

static void
test_scripted_attacks (void)
{
  struct {
    PbProtocol  protocol;
    const char *scenario;
    PbSecurity  security;
    const char *expect;
    const char *variant;
    const char *never;     /* what the client must not have sent */
  } t[] = {
    /* A forged "OK" under a tag never sent: no login counts, no mailbox is opened. */
    { IMAP, "wrong-tag", TLS, "protocol-error", "unexpected-reply", "EXAMINE" },
    /* Logged in before TLS on a connection that must be upgraded: nothing more is said. */
    { IMAP, "preauth", STARTTLS, "starttls-not-offered", "preauth", "STARTTLS" },
    { IMAP, "starttls-inject", STARTTLS, "starttls-injection", NULL, "AUTHENTICATE" },
    { POP3, "starttls-inject", STARTTLS, "starttls-injection", NULL, "AUTH" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_autofree char *host = g_strdup_printf ("%s.incoming.test", t[i].scenario);
      g_autoptr(PbCheckResult) r = run_check (t[i].protocol, host, 0, t[i].security, NULL,
                                              SCRIPTED_PASS);
      g_autoptr(PbExplanation) e = assert_explained (r, t[i].expect, t[i].variant);
      g_autofree char *log = scripted_log (t[i].scenario);

      g_assert_nonnull (e->explanation);
      g_assert_false (r->authenticated);
      g_assert_cmpint (r->mailbox_messages, ==, -1);
      g_assert_null (strstr (log, t[i].never));
      g_assert_null (strstr (log, "PASS "));
      g_assert_null (strstr (log, "LOGIN "));
    }
}

int
main (int    argc,
      char **argv)
{
  if (pb_test_skip_without_lab ())
    return 0;
  german = pb_test_init_language (&argc, &argv);
  g_test_add_func ("/diagnosis-incoming-lab/refusals", test_refusals);
  g_test_add_func ("/diagnosis-incoming-lab/dovecot/logindisabled", test_dovecot_logindisabled);
  g_test_add_func ("/diagnosis-incoming-lab/scripted/ok", test_scripted_ok);
  g_test_add_func ("/diagnosis-incoming-lab/scripted/alert", test_scripted_alert);
  g_test_add_func ("/diagnosis-incoming-lab/scripted/attacks", test_scripted_attacks);
  return g_test_run ();
}
