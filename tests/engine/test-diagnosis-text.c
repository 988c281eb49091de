/* test-diagnosis-text.c: what the diagnosis reads in a server's reply
 * (pb-diagnosis-text.c: the enhanced status code in its text) and which texts it picks and
 * fills in (pb-diagnosis-variants.c): every variant is reachable, the advice names the other
 * ports, the outdated TLS version is named.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-diagnosis.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-diagnosis-variants.h"
#include "pb-diagnosis-providers.h"
#include "pb-diagnosis-text.h"
#include "pb-imap-response.h"
#include "pb-provider-db.h"
#include "pb-smtp-reply.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

static gboolean german;

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
      e = pb_test_explain_id (pb_problem_to_string (v->problem), &f);
      g_assert_cmpstr (e->variant, ==, v->qualifier);
      pb_failure_clear (&f);
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
      g_autoptr(PbExplanation) e = pb_test_explain_id ("connect-timeout", &f);

      for (guint j = 0; j < 2 && t[i].names[j] != NULL; j++)
        g_assert_nonnull (strstr (e->fix, t[i].names[j]));
      g_assert_true (e->retry_may_help || t[i].port == 25);
    }
  {
    /* Port 25: the explanation says it is probably blocked. */
    PbFailure f = { .stage = PB_STAGE_CONNECT, .port = 25, .host = (char *) "smtp.example.com" };
    g_autoptr(PbExplanation) e = pb_test_explain_id ("connect-timeout", &f);

    g_assert_nonnull (strstr (e->explanation, "25"));
    g_assert_nonnull (strstr (e->explanation, german ? "blockier" : "block"));
  }
}

/* The explanation of an outdated TLS version names the server and the version it offered. */
static void
test_explain_tls_version (void)
{
  PbFailure f = { .stage = PB_STAGE_STARTTLS_HANDSHAKE, .host = (char *) "old.example.com",
                  .port = 587, .security = PB_SECURITY_STARTTLS, .problem_hint = PB_PROBLEM_TLS_OUTDATED,
                  .tls_version = "TLS 1.1" };
  g_autoptr(PbExplanation) e = pb_test_explain_id (pb_test_classify_id (&f), &f);

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

  g_test_add_func ("/diagnosis/variants-reachable", test_variants_reachable);
  g_test_add_func ("/diagnosis/classify/enhanced-in-text", test_enhanced_in_text);
  g_test_add_func ("/diagnosis/port-advice", test_port_advice);
  g_test_add_func ("/diagnosis/explain-tls-version", test_explain_tls_version);
  return g_test_run ();
}
