/* pb-export-account.c: the settings of one account as they are handed to a mail program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-export-account.h"
#include "pb-text.h"

G_DEFINE_QUARK (pb-export-error-quark, pb_export_error)

/* Text that every format can carry as itself: valid UTF-8 without a control character or
 * an invisible one that would make it read differently. */
static gboolean
is_plain_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (pb_text_is_hidden (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_dns_label_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* A host name in ASCII (IDNA for an international one), lower case, without the final
 * dot, made only of DNS labels; NULL for anything else. */
static char *
dns_host_name (const char *host)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;

  if (host == NULL || !is_plain_text (host))
    return NULL;
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return NULL;
  if (g_str_has_suffix (ascii, "."))
    ascii[strlen (ascii) - 1] = '\0';
  if (*ascii == '\0' || strlen (ascii) > 253)
    return NULL;
  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return NULL;
      for (gsize j = 0; j < len; j++)
        {
          if (!is_dns_label_char (labels[i][j]))
            return NULL;
        }
    }
  return g_ascii_strdown (ascii, -1);
}

static gboolean
invalid (GError    **error,
         const char *what)
{
  /* Translators: %s names the value: "the user name of the outgoing server" */
  g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID,
               _("The settings cannot be exported: %s holds a character that a settings file "
                 "cannot carry (a line break or another control character)."), what);
  return FALSE;
}

static PbServerConfig *
copy_server (const PbServerConfig *server,
             const char           *address,
             const char           *what_host,
             const char           *what_user,
             GError              **error)
{
  g_autofree char *host = dns_host_name (server->host);
  const char *user = server->username != NULL ? server->username : address;

  if (host == NULL)
    {
      /* Translators: %s names the server: "the incoming server" */
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID,
                   _("The settings cannot be exported: the host name of %s is not a valid "
                     "DNS name."), what_host);
      return NULL;
    }
  if (*user == '\0' || !is_plain_text (user))
    {
      invalid (error, what_user);
      return NULL;
    }
  return pb_server_config_new (server->protocol, host, server->port, server->security,
                               server->auth, user);
}

PbExportAccount *
pb_export_account_new (const char            *address,
                       const char            *display_name,
                       const PbServerConfig  *incoming,
                       const PbServerConfig  *outgoing,
                       GError               **error)
{
  g_autoptr(PbExportAccount) account = g_new0 (PbExportAccount, 1);
  const char *at;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (incoming == NULL || incoming->protocol != PB_PROTOCOL_SMTP, NULL);
  g_return_val_if_fail (outgoing == NULL || outgoing->protocol == PB_PROTOCOL_SMTP, NULL);

  at = strrchr (address, '@');
  if (at == NULL || !is_plain_text (address))
    return invalid (error, _("the address")), NULL;
  account->domain = dns_host_name (at + 1);
  if (account->domain == NULL)
    return invalid (error, _("the address")), NULL;
  account->address = g_strdup_printf ("%.*s%s", (int) (at + 1 - address), address,
                                      account->domain);
  if (display_name != NULL && *display_name != '\0')
    {
      if (!is_plain_text (display_name))
        return invalid (error, _("the name")), NULL;
      account->display_name = g_strdup (display_name);
    }
  if (incoming != NULL &&
      !(account->incoming = copy_server (incoming, account->address, _("the incoming server"),
                                         _("the user name of the incoming server"), error)))
    return NULL;
  if (outgoing != NULL &&
      !(account->outgoing = copy_server (outgoing, account->address, _("the outgoing server"),
                                         _("the user name of the outgoing server"), error)))
    return NULL;
  return g_steal_pointer (&account);
}

/* The first server of protocol in servers, or NULL. */
static PbServerConfig *
first_of (GPtrArray  *servers,
          PbProtocol  protocol)
{
  for (guint i = 0; servers != NULL && i < servers->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (servers, i);

      if (server->protocol == protocol)
        return server;
    }
  return NULL;
}

PbExportAccount *
pb_export_account_new_from_discovery (PbDiscoveryResult  *result,
                                      const char         *display_name,
                                      GError            **error)
{
  const PbAddress *address = pb_discovery_result_get_address (result);
  GPtrArray *outgoing = pb_discovery_result_get_outgoing (result);
  PbServerConfig *in = pb_discovery_result_get_best_incoming (result);
  PbServerConfig *out = first_of (outgoing, PB_PROTOCOL_SMTP);

  if (in == NULL && out == NULL)
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER,
                   _("No server settings were found for %s."), address->address);
      return NULL;
    }
  return pb_export_account_new (address->address, display_name, in, out, error);
}

/* result's server with the user name its login used; NULL for no result. */
/* A login with the provider's sign-in is OAuth2, whatever else the preset offers (Gmail's
 * servers list a password first). */
static PbServerConfig *
verified_server (const PbCheckResult *result)
{
  const PbServerConfig *server;
  PbAuthMethod auth;

  if (result == NULL)
    return NULL;
  server = result->server;
  auth = server->auth;
  if (result->authenticated && result->auth_mechanism != NULL &&
      (g_ascii_strcasecmp (result->auth_mechanism, "XOAUTH2") == 0 ||
       g_ascii_strcasecmp (result->auth_mechanism, "OAUTHBEARER") == 0))
    auth = PB_AUTH_OAUTH2;
  return pb_server_config_new (server->protocol, server->host, server->port, server->security,
                               auth,
                               result->username != NULL ? result->username : server->username);
}

gboolean
pb_export_account_signs_in (const PbExportAccount *account)
{
  return (account->incoming != NULL && account->incoming->auth == PB_AUTH_OAUTH2) ||
         (account->outgoing != NULL && account->outgoing->auth == PB_AUTH_OAUTH2);
}

static gboolean
host_in (const char *host,
         const char *domain)
{
  gsize host_len = strlen (host);
  gsize len = strlen (domain);

  return host_len >= len && g_ascii_strcasecmp (host + host_len - len, domain) == 0 &&
         (host_len == len || host[host_len - len - 1] == '.');
}

const char *
pb_export_account_sign_in_provider (const PbExportAccount *account)
{
  static const struct { const char *domain; const char *provider; } hosts[] = {
    { "office365.com", "Microsoft" }, { "outlook.com", "Microsoft" },
    { "gmail.com", "Google" }, { "googlemail.com", "Google" },
  };
  const PbServerConfig *server = account->incoming != NULL ? account->incoming
                                                           : account->outgoing;

  for (guint i = 0; server != NULL && i < G_N_ELEMENTS (hosts); i++)
    if (host_in (server->host, hosts[i].domain))
      return hosts[i].provider;
  return NULL;
}

PbExportAccount *
pb_export_account_new_verified (const char           *address,
                                const char           *display_name,
                                const PbCheckResult  *incoming,
                                const PbCheckResult  *outgoing,
                                GError              **error)
{
  g_autoptr(PbServerConfig) in = NULL;
  g_autoptr(PbServerConfig) out = NULL;
  PbExportAccount *account;

  if ((incoming != NULL && !incoming->ok) || (outgoing != NULL && !outgoing->ok) ||
      (incoming == NULL && outgoing == NULL))
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER,
                   _("No server settings were found for %s."), address);
      return NULL;
    }
  /* A name no format may carry is left out, not the hand-offs. */
  if (display_name != NULL && !is_plain_text (display_name))
    display_name = NULL;
  in = verified_server (incoming);
  out = verified_server (outgoing);
  account = pb_export_account_new (address, display_name, in, out, error);
  if (account != NULL && outgoing != NULL)
    account->outgoing_mechanism = pb_sasl_mechanism_from_string (outgoing->auth_mechanism);
  return account;
}

gboolean
pb_export_account_require (const PbExportAccount *account,
                           gboolean               incoming,
                           gboolean               outgoing,
                           GError               **error)
{
  if (incoming && account->incoming == NULL)
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER,
                   _("This format needs the incoming server (IMAP or POP3), and the settings "
                     "of %s have none."), account->address);
      return FALSE;
    }
  if (outgoing && account->outgoing == NULL)
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER,
                   _("This format needs the outgoing server (SMTP), and the settings of %s "
                     "have none."), account->address);
      return FALSE;
    }
  return TRUE;
}

PbExportAccount *
pb_export_account_copy (const PbExportAccount *account)
{
  PbExportAccount *copy = g_new0 (PbExportAccount, 1);

  copy->address = g_strdup (account->address);
  copy->domain = g_strdup (account->domain);
  copy->display_name = g_strdup (account->display_name);
  copy->incoming = account->incoming != NULL ? pb_server_config_ref (account->incoming) : NULL;
  copy->outgoing = account->outgoing != NULL ? pb_server_config_ref (account->outgoing) : NULL;
  copy->outgoing_mechanism = account->outgoing_mechanism;
  return copy;
}

void
pb_export_account_free (PbExportAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->address);
  g_free (account->domain);
  g_free (account->display_name);
  g_clear_pointer (&account->incoming, pb_server_config_unref);
  g_clear_pointer (&account->outgoing, pb_server_config_unref);
  g_free (account);
}
