/* pb-cli-domain.c: postbote domain: SPF, DKIM and DMARC of an address's own domain
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pb-cli-args.h"
#include "pb-cli-domain.h"
#include "pb-domain-check.h"

static int
run (const PbAddress       *address,
     const PbDomainOptions *options,
     gboolean               json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDomainReport) report = pb_domain_check_run_sync (address, options, NULL, &error);
  g_autofree char *out = NULL;

  if (report == NULL)
    return pb_cli_fail ("domain", PB_EXIT_FAILED, error->message);
  out = json ? pb_domain_report_to_json (report) : pb_domain_report_to_text (report);
  fputs (out, stdout);
  if (!json && !report->mailbox_provider && report->dkim->status == PB_DKIM_STATUS_UNKNOWN)
    printf (_("To check the DKIM key: postbote domain --selector S %s\n"), address->address);
  return pb_domain_report_is_ok (report) ? PB_EXIT_OK : PB_EXIT_FAILED;
}

int
pb_cli_domain (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  g_autofree char *selector = NULL;
  g_autofree char *signing_domain = NULL;
  g_autofree char *server = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "selector", 0, 0, G_OPTION_ARG_STRING, &selector,
      N_("DKIM selector of your mail (s= in its DKIM-Signature)"), N_("S") },
    { "signing-domain", 0, 0, G_OPTION_ARG_STRING, &signing_domain,
      N_("DKIM signing domain (d=), when it is not the address's domain"), N_("DOMAIN") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("Outgoing server whose addresses SPF must allow"), N_("HOST") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) address = NULL;
  PbDomainOptions options = { 0 };

  g_option_context_set_summary (context,
                                _("Check whether mail from your own domain can reach the "
                                  "inbox: its SPF, DKIM and DMARC records, and what to "
                                  "add where one is missing.\n\nExit status: 0 when all "
                                  "three are ok (or the address is at a mailbox provider), "
                                  "1 otherwise, 2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pb_cli_usage_error (context, "domain", error->message);
  address = pb_cli_parse_address_arg (context, "domain", argc - 1, argv + 1);
  if (address == NULL)
    return PB_EXIT_USAGE;
  if (selector != NULL && !pb_dkim_name_is_valid (selector))
    return pb_cli_usage_error (context, "domain",
                               _("--selector must be a DNS name such as “s1” or “2024.mail”"));
  if (signing_domain != NULL && (!pb_dkim_name_is_valid (signing_domain) || !strchr (signing_domain, '.')))
    return pb_cli_usage_error (context, "domain", _("--signing-domain must be a domain name"));
  if (server != NULL && *server == '\0')
    return pb_cli_usage_error (context, "domain", _("--server needs a host name"));
  if (address->is_literal)
    return pb_cli_usage_error (context, "domain",
                               _("an address at an IP address has no domain to check"));
  options.selector = selector;
  options.signing_domain = signing_domain;
  options.server_host = server;
  return run (address, &options, json);
}
