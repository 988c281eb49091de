/* pb-export-srv.c: the account's servers as the domain's SRV records (RFC 6186, RFC 8314)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only names that pb-export-account.c accepted as DNS names reach a record, so no value
 * can start a line of its own in the zone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-srv.h"

#define SRV_TTL 3600
#define PRIORITY_IMPLICIT_TLS 0
#define PRIORITY_STARTTLS 10

/* RFC 6186 and RFC 8314's service names: [protocol][implicit TLS]. */
static const char * const services[][2] = {
  [PB_PROTOCOL_SMTP] = { "submission", "submissions" },
  [PB_PROTOCOL_IMAP] = { "imap", "imaps" },
  [PB_PROTOCOL_POP3] = { "pop3", "pop3s" },
};

static void
append_record (GString              *out,
               const char           *domain,
               const PbServerConfig *server)
{
  gboolean implicit = server->security == PB_SECURITY_TLS;

  /* Weight 1, as in RFC 6186's examples: one server per service, nothing to share. */
  g_string_append_printf (out, "_%s._tcp.%s.\t%u\tIN\tSRV\t%u 1 %u %s.\n",
                          services[server->protocol][implicit], domain, SRV_TTL,
                          implicit ? PRIORITY_IMPLICIT_TLS : PRIORITY_STARTTLS,
                          server->port, server->host);
}

char *
pb_export_srv_write (const PbExportAccount  *account,
                     GError                **error)
{
  GString *out;

  if (account->incoming == NULL &&
      !pb_export_account_require (account, FALSE, TRUE, error))
    return NULL;

  out = g_string_new (NULL);
  g_string_append (out, "; ");
  /* Translators: a comment in a DNS zone file; %s is the domain */
  g_string_append_printf (out, _("SRV records (RFC 6186, RFC 8314) for the zone of %s"),
                          account->domain);
  g_string_append_c (out, '\n');
  if (account->outgoing != NULL)
    append_record (out, account->domain, account->outgoing);
  if (account->incoming != NULL)
    append_record (out, account->domain, account->incoming);
  return g_string_free (out, FALSE);
}
