/* pb-cli-detect.c: `postbote detect`, the discovery run for support staff
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pb-account-config-extensions.h"
#include "pb-cli-args.h"
#include "pb-cli-detect.h"
#include "pb-discovery.h"
#include "pb-discovery-sync.h"
#include "pb-json.h"
#include "pb-problem.h"
#include "pb-report.h"
#include "pb-text.h"

#define MAX_TIMEOUT_S 120

/* Everything in the text output that came from XML or DNS goes through the terminal
 * filter; the pool keeps the cleaned copies until the report is printed. */
static const char *
clean (GPtrArray  *pool,
       const char *text)
{
  if (text == NULL)
    return NULL;
  g_ptr_array_add (pool, pb_report_terminal_safe (text, TRUE));
  return g_ptr_array_index (pool, pool->len - 1);
}

static const struct {
  PbQuirk     quirk;
  const char *id;
  const char *label;
} quirks[] = {
  { PB_QUIRK_APP_PASSWORD, "app-password", N_("App password") },
  { PB_QUIRK_ENABLE_ACCESS, "enable-access", N_("Access must be switched on") },
  { PB_QUIRK_OAUTH2_ONLY, "oauth2-only", N_("Only web login (OAuth2)") },
  { PB_QUIRK_BASIC_AUTH_DISABLED, "basic-auth-disabled", N_("Password login switched off") },
  { PB_QUIRK_SENDER_MUST_MATCH_LOGIN, "sender-must-match-login", N_("Sender must be the login") },
  { PB_QUIRK_SEPARATE_PASSWORD, "separate-password", N_("Separate mail password") },
  { PB_QUIRK_BRIDGE, "bridge", N_("Local bridge program") },
  { PB_QUIRK_ACCOUNT_SPECIFIC, "account-specific", N_("Servers depend on the contract") },
};

static void
json_quirks (JsonBuilder     *json,
             PbAccountConfig *config)
{
  pb_json_member_string (json, "note",
                         config != NULL ? pb_account_config_get_note (config) : NULL);
  json_builder_set_member_name (json, "quirks");
  json_builder_begin_array (json);
  for (guint i = 0; config != NULL && i < G_N_ELEMENTS (quirks); i++)
    {
      if (!pb_account_config_has_quirk (config, quirks[i].quirk))
        continue;
      json_builder_begin_object (json);
      pb_json_member_string (json, "id", quirks[i].id);
      if (quirks[i].quirk == PB_QUIRK_APP_PASSWORD)
        pb_json_member_string (json, "required",
                               pb_account_config_get_app_password (config) ==
                               PB_APP_PASSWORD_IF_2FA ? "if-2fa" : "yes");
      pb_json_member_string (json, "url",
                             pb_account_config_get_quirk_url (config, quirks[i].quirk));
      pb_json_member_string (json, "note",
                             pb_account_config_get_quirk_note (config, quirks[i].quirk));
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
}

static void
print_quirks (GPtrArray       *pool,
              PbAccountConfig *config)
{
  const char *note = pb_account_config_get_note (config);

  if (note != NULL)
    printf ("%s %s\n", _("Note:"), clean (pool, note));
  for (guint i = 0; i < G_N_ELEMENTS (quirks); i++)
    {
      const char *url, *text;

      if (!pb_account_config_has_quirk (config, quirks[i].quirk))
        continue;
      url = pb_account_config_get_quirk_url (config, quirks[i].quirk);
      text = pb_account_config_get_quirk_note (config, quirks[i].quirk);
      printf ("%s:", _(quirks[i].label));
      if (text != NULL)
        printf (" %s", clean (pool, text));
      if (url != NULL)
        printf (" <%s>", clean (pool, url));
      printf ("\n");
    }
}

static void
json_servers (JsonBuilder  *json,
              const char   *name,
              GPtrArray    *servers,
              const char   *address)
{
  json_builder_set_member_name (json, name);
  json_builder_begin_array (json);
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *s = g_ptr_array_index (servers, i);

      json_builder_begin_object (json);
      pb_json_member_string (json, "protocol", pb_protocol_to_string (s->protocol));
      pb_json_member_string (json, "host", s->host);
      pb_json_member_int (json, "port", s->port);
      pb_json_member_string (json, "security", pb_security_to_string (s->security));
      pb_json_member_string (json, "auth", pb_auth_method_to_string (s->auth));
      pb_json_member_string (json, "username",
                             s->auth == PB_AUTH_NONE ? NULL :
                             s->username != NULL ? s->username : address);
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
}

static void
print_json (PbDiscoveryResult *result,
            PbProblem          problem,
            const char        *message)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  PbAccountConfig *config = pb_discovery_result_get_config (result);
  const PbAddress *address = pb_discovery_result_get_address (result);
  const char * const *foreign = pb_discovery_result_get_foreign_hosts (result);
  g_autofree char *text = NULL;

  json_builder_begin_object (json);
  pb_json_member_boolean (json, "ok", config != NULL);
  pb_json_member_string (json, "problem", pb_problem_to_string (problem));
  pb_json_member_string (json, "address", address->address);
  pb_json_member_string (json, "provider",
                         config != NULL ? pb_account_config_get_provider_id (config) : NULL);
  pb_json_member_string (json, "provider_name",
                         config != NULL ? pb_account_config_get_display_name (config) : NULL);
  pb_json_member_string (json, "source", config == NULL ? NULL :
                         pb_discovery_source_to_string (pb_discovery_result_get_source (result)));
  pb_json_member_boolean (json, "trusted", pb_discovery_result_get_trusted (result));
  json_servers (json, "incoming", pb_discovery_result_get_incoming (result), address->address);
  json_servers (json, "outgoing", pb_discovery_result_get_outgoing (result), address->address);
  json_quirks (json, config);
  pb_json_member_boolean (json, "needs_confirmation",
                          config != NULL && pb_discovery_result_get_needs_confirmation (result));
  json_builder_set_member_name (json, "confirm_hosts");
  json_builder_begin_array (json);
  for (guint i = 0; foreign[i] != NULL; i++)
    pb_json_add_string (json, foreign[i]);
  json_builder_end_array (json);
  json_builder_set_member_name (json, "sources");
  json_builder_begin_array (json);
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      json_builder_begin_object (json);
      pb_json_member_string (json, "name", pb_discovery_source_to_string (i));
      pb_json_member_string (json, "outcome",
                             pb_source_state_to_string (pb_discovery_result_get_outcome (result, i)));
      pb_json_member_int (json, "ms", pb_discovery_result_get_ms (result, i));
      pb_json_member_string (json, "detail", pb_discovery_result_get_reason (result, i));
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
  pb_json_member_int (json, "total_ms", pb_discovery_result_get_elapsed_ms (result));
  pb_json_member_string (json, "message", message);
  json_builder_end_object (json);

  text = pb_json_to_string (json);
  fputs (text, stdout);
}

typedef struct {
  int place;     /* "host:port", in characters */
  int security;
} Columns;

static void
measure_servers (GPtrArray *pool,
                 GPtrArray *servers,
                 Columns   *columns)
{
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *s = g_ptr_array_index (servers, i);
      g_autofree char *place = g_strdup_printf ("%s:%u", clean (pool, s->host), s->port);

      columns->place = MAX (columns->place, (int) g_utf8_strlen (place, -1));
      columns->security = MAX (columns->security,
                               (int) g_utf8_strlen (pb_security_get_label (s->security), -1));
    }
}

static void
print_padded (const char *text,
              int         width)
{
  g_autoptr(GString) line = g_string_new (NULL);

  pb_text_append_padded (line, text, width);
  fputs (line->str, stdout);
}

static void
print_servers (GPtrArray     *pool,
               const char    *title,
               GPtrArray     *servers,
               const Columns *columns,
               const char    *address)
{
  if (servers->len == 0)
    return;
  printf ("%s\n", title);
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *s = g_ptr_array_index (servers, i);
      g_autofree char *place = g_strdup_printf ("%s:%u", clean (pool, s->host), s->port);

      printf ("  %-5s ", pb_protocol_get_label (s->protocol));
      print_padded (place, columns->place + 2);
      print_padded (pb_security_get_label (s->security), columns->security + 2);
      if (s->auth == PB_AUTH_NONE)
        printf ("%s\n", _("no login"));
      else
        printf ("%s %s  (%s)\n", _("user"),
                clean (pool, s->username != NULL ? s->username : address),
                pb_auth_method_get_label (s->auth));
    }
}

/* Each source that ran: its outcome, its time and why. */
static void
print_sources (GPtrArray         *pool,
               PbDiscoveryResult *result)
{
  printf ("%s\n", _("Sources:"));
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      PbSourceState state = pb_discovery_result_get_outcome (result, i);
      const char *reason = pb_discovery_result_get_reason (result, i);
      const char *source = pb_discovery_source_get_label (i);
      const char *outcome = pb_source_state_get_label (state);

      if (state == PB_SOURCE_STATE_DISABLED)
        continue;
      printf ("  ");
      print_padded (source, 37);
      print_padded (outcome, 19);
      printf ("%5u ms  %s\n", pb_discovery_result_get_ms (result, i),
              reason != NULL ? clean (pool, reason) : "");
    }
}

static void
print_text (PbDiscoveryResult *result)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  PbAccountConfig *config = pb_discovery_result_get_config (result);
  const PbAddress *address = pb_discovery_result_get_address (result);
  const char * const *foreign = pb_discovery_result_get_foreign_hosts (result);

  if (config != NULL)
    {
      PbDiscoverySource source = pb_discovery_result_get_source (result);
      const char *id = pb_account_config_get_provider_id (config);

      printf (_("Settings for %s"), address->address);
      printf ("\n");
      if (id != NULL)
        printf ("%s %s (%s)\n", _("Provider:"),
                clean (pool, pb_account_config_get_display_name (config)), clean (pool, id));
      printf ("%s %s%s\n", _("Source:"), pb_discovery_source_get_label (source),
              pb_discovery_result_get_trusted (result) ? "" :
              _(" — not trusted: it came over an unencrypted connection"));
      Columns columns = { 0, 0 };

      measure_servers (pool, pb_discovery_result_get_incoming (result), &columns);
      measure_servers (pool, pb_discovery_result_get_outgoing (result), &columns);
      print_servers (pool, _("Incoming:"), pb_discovery_result_get_incoming (result), &columns,
                     address->address);
      print_servers (pool, _("Outgoing:"), pb_discovery_result_get_outgoing (result), &columns,
                     address->address);
      print_quirks (pool, config);
      if (foreign[0] != NULL)
        {
          g_autofree char *hosts = g_strjoinv (", ", (char **) foreign);

          printf (_("Confirm before sending a password: %s is outside %s and the provider’s "
                    "known domains."), clean (pool, hosts), address->domain_unicode);
          printf ("\n");
        }
    }
  else
    {
      printf (_("No settings found for %s."), address->address);
      printf ("\n%s\n  postbote check --server HOST --port 465 --security tls %s\n",
              _("Ask your provider for the server names and enter them by hand in the "
                "assistant, or test them directly:"), address->address);
    }

  print_sources (pool, result);
}

/* On a terminal, each source's end as it happens: support staff see what is slow. */
static void
show_progress (PbDiscovery *discovery,
               guint        source,
               gpointer     user_data)
{
  PbSourceState state = pb_discovery_get_state (discovery, source);

  if (state == PB_SOURCE_STATE_DISABLED || !pb_source_state_is_final (state))
    return;
  fprintf (stderr, "  … %s: %s\n", pb_discovery_source_get_label (source),
           pb_source_state_get_label (state));
}

/* Detection refused or broke before there was a result: the same object, nothing in it. */
static void
print_failure_json (const PbAddress *address,
                    PbProblem        problem,
                    const char      *message)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  static const char * const lists[] = {
    "incoming", "outgoing", "quirks", "confirm_hosts", "sources", NULL
  };
  g_autofree char *text = NULL;

  json_builder_begin_object (json);
  pb_json_member_boolean (json, "ok", FALSE);
  pb_json_member_string (json, "problem", pb_problem_to_string (problem));
  pb_json_member_string (json, "address", address->address);
  pb_json_member_string (json, "provider", NULL);
  pb_json_member_string (json, "source", NULL);
  pb_json_member_boolean (json, "trusted", FALSE);
  for (guint i = 0; lists[i] != NULL; i++)
    {
      json_builder_set_member_name (json, lists[i]);
      json_builder_begin_array (json);
      json_builder_end_array (json);
    }
  pb_json_member_string (json, "message", message);
  json_builder_end_object (json);
  text = pb_json_to_string (json);
  fputs (text, stdout);
}

static const char detect_description[] = N_(
  "Text output is for people; --json keeps the ids (tls, password-cleartext, preset …).\n"
  "\n"
  "Exit status: 0 settings found, 1 nothing found (JSON \"problem\": \"not-found\") or an\n"
  "address that is never looked up (\"not-discoverable\": an IP address, a public suffix),\n"
  "2 usage error, 3 internal error (\"detect-failed\").");

/* Runs the discovery for address (offline: the built-in list only; timeout in seconds, or
 * PB_CLI_UNSET) and prints what it found, or why it could not look. */
static int
detect (const PbAddress *address,
        gboolean         json,
        gboolean         offline,
        int              timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscovery) discovery = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;

  discovery = pb_discovery_new (address);
  if (offline)
    pb_discovery_set_sources (discovery, PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_PRESET)
                                         | PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_ADMIN));
  if (timeout != PB_CLI_UNSET)
    pb_discovery_set_timeout_ms (discovery, timeout * 1000);
  if (!json && isatty (STDERR_FILENO))
    g_signal_connect (discovery, "source-changed", G_CALLBACK (show_progress), NULL);
  result = pb_discovery_run_sync (discovery, NULL, &error);
  if (result == NULL)
    {
      gboolean refused = g_error_matches (error, PB_DISCOVERY_ERROR,
                                          PB_DISCOVERY_ERROR_NOT_DISCOVERABLE);
      /* An address literal is the person's input, not our failure. */
      gboolean literal = g_error_matches (error, PB_ADDRESS_ERROR,
                                          PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE);

      g_printerr ("postbote detect: %s\n", error->message);
      if (json)
        print_failure_json (address,
                            refused ? PB_PROBLEM_NOT_DISCOVERABLE : PB_PROBLEM_DETECT_FAILED,
                            error->message);
      return refused || literal ? PB_EXIT_FAILED : PB_EXIT_INTERNAL;
    }

  if (json)
    print_json (result,
                pb_discovery_result_get_config (result) != NULL ? PB_PROBLEM_NONE
                                                                : PB_PROBLEM_NOT_FOUND,
                pb_discovery_result_get_config (result) != NULL ? NULL :
                _("No settings found. Enter the server settings by hand."));
  else
    print_text (result);
  return pb_discovery_result_get_config (result) != NULL ? PB_EXIT_OK : PB_EXIT_FAILED;
}

int
pb_cli_detect (int    argc,
               char **argv)
{
  gboolean json = FALSE, offline = FALSE;
  g_autofree char *timeout_text = NULL;
  int timeout;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("Use only the built-in provider list, no network"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Give up after S seconds, 1–120 (default: the discovery-timeout setting, 10)"), N_("S") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) address = NULL;

  g_option_context_set_summary (context, _("Find the server settings for a mail address: the "
                                           "built-in provider list, the provider’s configuration "
                                           "server, the Thunderbird database, MX and SRV records, "
                                           "and common server names, all at once."));
  /* GOption translates the summary and the description itself. */
  g_option_context_set_description (context, detect_description);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pb_cli_usage_error (context, "detect", error->message);
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return pb_cli_usage_error (context, "detect", _("Give exactly one mail address"));
  if (!pb_cli_parse_number (timeout_text, 1, MAX_TIMEOUT_S, &timeout))
    return pb_cli_usage_error (context, "detect",
                               _("--timeout must be between 1 and 120 seconds"));
  address = pb_address_parse (rest[0], &error);
  if (address == NULL)
    return pb_cli_usage_error (context, "detect", error->message);

  return detect (address, json, offline, timeout);
}
