/* test-export-instructions.c: the steps in each mail program, in English and German, with
 * every verified value in a field of its own and never a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-engine-enums.h"
#include "pb-enum.h"
#include "pb-export.h"
#include "pb-export-instructions.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

typedef struct {
  PbExportProgram program;
  const char     *language;
  const char     *marker;   /* a name the program shows, in that language */
} Case;

static const Case cases[] = {
  { PB_EXPORT_PROGRAM_THUNDERBIRD, "en", "“Manual configuration”" },
  { PB_EXPORT_PROGRAM_THUNDERBIRD, "de", "„Manuelle Einrichtung“" },
  { PB_EXPORT_PROGRAM_OUTLOOK, "en", "“Let me set up my account manually”" },
  { PB_EXPORT_PROGRAM_OUTLOOK, "de", "„Ich möchte mein Konto manuell einrichten“" },
  { PB_EXPORT_PROGRAM_APPLE_MAIL, "en", "“Other Mail Account”" },
  { PB_EXPORT_PROGRAM_APPLE_MAIL, "de", "„Anderer Mail-Account“" },
  { PB_EXPORT_PROGRAM_IOS, "en", "“Add Mail Account”" },
  { PB_EXPORT_PROGRAM_IOS, "de", "„Mail-Account hinzufügen“" },
  { PB_EXPORT_PROGRAM_ANDROID, "en", "“Add account”" },
  { PB_EXPORT_PROGRAM_ANDROID, "de", "„Konto hinzufügen“" },
};

/* Every value of every field, and all the step texts joined. */
static GPtrArray *
collect (const PbExportSteps *steps,
         GString             *texts)
{
  GPtrArray *values = g_ptr_array_new ();

  g_assert_cmpuint (steps->steps->len, >=, 3);
  for (guint i = 0; i < steps->steps->len; i++)
    {
      const PbExportStep *step = g_ptr_array_index (steps->steps, i);

      g_assert_cmpstr (step->text, !=, "");
      g_string_append_printf (texts, "%s\n", step->text);
      for (guint j = 0; j < step->fields->len; j++)
        {
          const PbExportField *field = g_ptr_array_index (step->fields, j);

          g_assert_cmpstr (field->label, !=, "");
          g_assert_cmpstr (field->value, !=, "");
          /* No field asks for the password: the person types it, Postbote shows none. */
          g_assert_null (strstr (field->label, "assword"));
          g_assert_null (strstr (field->label, "asswort"));
          g_ptr_array_add (values, field->value);
        }
    }
  return values;
}

static void
assert_value (GPtrArray  *values,
              const char *want,
              const char *where)
{
  if (!g_ptr_array_find_with_equal_func (values, want, g_str_equal, NULL))
    g_error ("%s: no field with the value \"%s\"", where, want);
}

static void
test_program (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(PbExportAccount) a = pb_test_export_account ("Alice Example", "alice", NULL);
  g_autoptr(PbExportSteps) steps = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GPtrArray) values = NULL;
  const char *where = pb_enum_to_nick (PB_TYPE_EXPORT_PROGRAM, c->program);
  static const char * const want[] = {
    "alice@example.com", "imap.example.com", "smtp.example.com", "993", "587", "alice", NULL
  };

  pb_test_set_language (c->language);
  steps = pb_export_instructions_new (c->program, a, NULL);
  g_assert_nonnull (steps);
  values = collect (steps, texts);
  pb_test_set_language ("en");
  for (guint i = 0; want[i] != NULL; i++)
    assert_value (values, want[i], where);
  if (c->program != PB_EXPORT_PROGRAM_IOS && c->program != PB_EXPORT_PROGRAM_APPLE_MAIL)
    {
      assert_value (values, "SSL/TLS", where);
      assert_value (values, "STARTTLS", where);
    }
  if (strstr (texts->str, c->marker) == NULL)
    g_error ("%s/%s: no %s in:\n%s", where, c->language, c->marker, texts->str);
  g_assert_true (g_str_has_suffix (steps->title, ": alice@example.com"));
}

/* The German steps are German throughout: no English sentence or field name is left. */
static void
test_german_complete (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, "alice", NULL);

  for (int p = 0; p < PB_EXPORT_N_PROGRAMS; p++)
    {
      g_autoptr(PbExportSteps) en = NULL;
      g_autoptr(PbExportSteps) de = NULL;

      pb_test_set_language ("en");
      en = pb_export_instructions_new (p, a, NULL);
      pb_test_set_language ("de");
      de = pb_export_instructions_new (p, a, NULL);
      pb_test_set_language ("en");
      g_assert_cmpuint (en->steps->len, ==, de->steps->len);
      for (guint i = 0; i < en->steps->len; i++)
        {
          const PbExportStep *e = g_ptr_array_index (en->steps, i);
          const PbExportStep *d = g_ptr_array_index (de->steps, i);

          g_assert_cmpstr (e->text, !=, d->text);
          g_assert_cmpuint (e->fields->len, ==, d->fields->len);
        }
    }
}

/* The values are the account's own: a POP3 server, another port, no name. */
static void
test_pop3 (void)
{
  g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_POP3, "pop.example.org",
                                                        995, PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "mail.example.org",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_PASSWORD_ENCRYPTED);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("bob@example.org", NULL, in, out, NULL);
  g_autoptr(PbExportSteps) steps = pb_export_instructions_new (PB_EXPORT_PROGRAM_OUTLOOK, a,
                                                                NULL);
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GPtrArray) values = collect (steps, texts);
  g_autoptr(PbExportSteps) tb = pb_export_instructions_new (PB_EXPORT_PROGRAM_THUNDERBIRD, a,
                                                             NULL);
  g_autoptr(GPtrArray) tb_values = collect (tb, texts);

  assert_value (values, "pop.example.org", "outlook");
  assert_value (values, "995", "outlook");
  assert_value (values, "465", "outlook");
  g_assert_nonnull (strstr (texts->str, "choose “POP”"));
  assert_value (tb_values, "POP3", "thunderbird");
  assert_value (tb_values, "Encrypted password", "thunderbird");
  assert_value (tb_values, "Normal password", "thunderbird");
}

/* Both halves are needed; a missing one is named. */
static void
test_missing_half (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         587, PB_SECURITY_STARTTLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("alice@example.com", NULL, NULL, out,
                                                        NULL);
  g_autoptr(GError) error = NULL;

  for (int p = 0; p < PB_EXPORT_N_PROGRAMS; p++)
    {
      g_assert_null (pb_export_instructions_new (p, a, &error));
      g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
      g_clear_error (&error);
    }
}

/* The text: numbered steps, each field below its step. */
static void
test_text (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account ("Alice Example", "alice", NULL);
  g_autoptr(PbExportSteps) steps = pb_export_instructions_new (PB_EXPORT_PROGRAM_THUNDERBIRD,
                                                                a, NULL);
  g_autofree char *text = pb_export_steps_to_text (steps);

  g_assert_true (g_str_has_prefix (text, "Thunderbird: alice@example.com\n\n1. Open "));
  g_assert_nonnull (strstr (text, "\n3. On the page “Incoming server settings”, set the following, then "
                                  "click “Continue”:\n"
                                  "     Protocol: IMAP\n"
                                  "     Hostname: imap.example.com\n"
                                  "     Port: 993\n"
                                  "     Connection security: SSL/TLS\n"
                                  "     Authentication method: Normal password\n"
                                  "     Username: alice\n4. "));
  g_assert_nonnull (strstr (text, "     Full name: Alice Example\n"));
}

/* Each login method and "no encryption" under the name the program shows for it. */
static void
test_auth_names (void)
{
  const struct {
    PbAuthMethod auth;
    const char  *thunderbird;
    const char  *android;
  } auths[] = {
    { PB_AUTH_NONE, "No Authentication", "No authentication" },
    { PB_AUTH_CLIENT_IP, "No Authentication", "No authentication" },
    { PB_AUTH_NTLM, "NTLM", "Normal password" },
    { PB_AUTH_GSSAPI, "Kerberos / GSSAPI", "Normal password" },
    { PB_AUTH_PASSWORD_ENCRYPTED, "Encrypted password", "Encrypted password" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (auths); i++)
    {
      g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_IMAP, "imap.example.org",
                                                            143, PB_SECURITY_NONE,
                                                            auths[i].auth);
      g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP,
                                                             "smtp.example.org", 25,
                                                             PB_SECURITY_NONE, auths[i].auth);
      g_autoptr(PbExportAccount) a = pb_export_account_new ("bob@example.org", NULL, in, out,
                                                            NULL);
      g_autoptr(PbExportSteps) tb = pb_export_instructions_new (PB_EXPORT_PROGRAM_THUNDERBIRD,
                                                                 a, NULL);
      g_autoptr(PbExportSteps) android = pb_export_instructions_new (PB_EXPORT_PROGRAM_ANDROID,
                                                                      a, NULL);
      g_autoptr(GString) texts = g_string_new (NULL);
      g_autoptr(GPtrArray) tb_values = collect (tb, texts);
      g_autoptr(GPtrArray) android_values = collect (android, texts);

      assert_value (tb_values, auths[i].thunderbird, "thunderbird");
      assert_value (tb_values, "None", "thunderbird");
      g_assert_false (g_ptr_array_find_with_equal_func (tb_values, "SSL/TLS", g_str_equal, NULL));
      assert_value (android_values, auths[i].android, "android");
      assert_value (android_values, "None", "android");
    }
}

/* The instructions are no file: pb_export_write() asks for a program. */
static void
test_no_file (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_export_write (PB_EXPORT_FORMAT_INSTRUCTIONS, a, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE);
  g_assert_cmpstr (error->message, ==, "The instructions are for one mail program: name it.");
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export-instructions/%s/%s",
                                               pb_enum_to_nick (PB_TYPE_EXPORT_PROGRAM,
                                                                cases[i].program),
                                               cases[i].language);

      g_test_add_data_func (path, &cases[i], test_program);
    }
  g_test_add_func ("/export-instructions/german-complete", test_german_complete);
  g_test_add_func ("/export-instructions/pop3", test_pop3);
  g_test_add_func ("/export-instructions/missing-half", test_missing_half);
  g_test_add_func ("/export-instructions/text", test_text);
  g_test_add_func ("/export-instructions/auth-names", test_auth_names);
  g_test_add_func ("/export-instructions/no-file", test_no_file);
  return g_test_run ();
}
