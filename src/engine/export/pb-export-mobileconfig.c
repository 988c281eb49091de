/* pb-export-mobileconfig.c: the account as a configuration profile for Apple devices
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-mobileconfig.h"
#include "pb-export-xml.h"

static void
add_key (xmlNode    *dict,
         const char *key)
{
  pb_export_xml_add_text (dict, "key", key);
}

/* <key>key</key> and its value: an element holding text. */
static void
add_value (xmlNode    *dict,
           const char *key,
           const char *element,
           const char *text)
{
  add_key (dict, key);
  pb_export_xml_add_text (dict, element, text);
}

static void
add_string (xmlNode    *dict,
            const char *key,
            const char *value)
{
  add_value (dict, key, "string", value);
}

static void
add_integer (xmlNode    *dict,
             const char *key,
             guint       value)
{
  add_key (dict, key);
  pb_export_xml_add_uint (dict, "integer", value);
}

static void
add_bool (xmlNode    *dict,
          const char *key,
          gboolean    value)
{
  add_key (dict, key);
  xmlNewChild (dict, NULL, (const xmlChar *) (value ? "true" : "false"), NULL);
}

/* A UUID that stays the same for the same address and part, in the upper-case form the
 * devices write: an SHA-1 name-based UUID (RFC 4122, version 5 layout). */
static char *
stable_uuid (const char *address,
             const char *part)
{
  g_autofree char *name = g_strconcat (APPLICATION_ID, "/", part, "/", address, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);
  g_autofree char *uuid = NULL;
  static const char digits[] = "0123456789abcdef";

  hex[12] = '5';
  hex[16] = digits[(g_ascii_xdigit_value (hex[16]) & 0x3) | 0x8];
  uuid = g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                          hex + 20);
  return g_ascii_strup (uuid, -1);
}

/* APPLICATION_ID.mail.<the address, reverse-DNS safe>. */
static char *
payload_identifier (const char *address,
                    const char *part)
{
  g_autofree char *safe = g_strdup (address);

  for (char *p = safe; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
        *p = '-';
    }
  return g_strdup_printf ("%s.%s.%s", APPLICATION_ID, part, safe);
}

/* XML 1.0 has no form for the C0 controls other than tab and line breaks; a password
 * keeps those, so only the others are refused. */
static gboolean
is_xml_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return FALSE;
    }
  return TRUE;
}

static const char *
auth_name (PbAuthMethod auth)
{
  switch (auth)
    {
    case PB_AUTH_NONE:
    case PB_AUTH_CLIENT_IP:
      return "EmailAuthNone";
    case PB_AUTH_PASSWORD_ENCRYPTED:
      return "EmailAuthCRAMMD5";
    case PB_AUTH_NTLM:
      return "EmailAuthNTLM";
    default:
      return "EmailAuthPassword";
    }
}

/* The keys of one server: prefix "Incoming" or "Outgoing". */
static void
add_server (xmlNode              *dict,
            const char           *prefix,
            const PbServerConfig *server,
            const char           *password)
{
  g_autofree char *auth = g_strconcat (prefix, "MailServerAuthentication", NULL);
  g_autofree char *host = g_strconcat (prefix, "MailServerHostName", NULL);
  g_autofree char *port = g_strconcat (prefix, "MailServerPortNumber", NULL);
  g_autofree char *ssl = g_strconcat (prefix, "MailServerUseSSL", NULL);
  g_autofree char *user = g_strconcat (prefix, "MailServerUsername", NULL);
  g_autofree char *pass = g_strconcat (prefix, "Password", NULL);

  add_string (dict, auth, auth_name (server->auth));
  add_string (dict, host, server->host);
  add_integer (dict, port, server->port);
  /* The devices speak STARTTLS as well as implicit TLS under "SSL". */
  add_bool (dict, ssl, server->security != PB_SECURITY_NONE);
  add_string (dict, user, server->username);
  if (password != NULL)
    add_string (dict, pass, password);
}

static void
add_payload_keys (xmlNode    *dict,
                  const char *address,
                  const char *part,
                  const char *type,
                  const char *display_name)
{
  g_autofree char *identifier = payload_identifier (address, part);
  g_autofree char *uuid = stable_uuid (address, part);

  add_string (dict, "PayloadDisplayName", display_name);
  add_string (dict, "PayloadIdentifier", identifier);
  add_string (dict, "PayloadType", type);
  add_string (dict, "PayloadUUID", uuid);
  add_integer (dict, "PayloadVersion", 1);
}

static void
add_mail_payload (xmlNode               *array,
                  const PbExportAccount *account,
                  const char            *password,
                  const char            *title)
{
  xmlNode *dict = xmlNewChild (array, NULL, (const xmlChar *) "dict", NULL);
  gboolean imap = account->incoming->protocol == PB_PROTOCOL_IMAP;

  add_string (dict, "EmailAccountDescription", account->address);
  if (account->display_name != NULL)
    add_string (dict, "EmailAccountName", account->display_name);
  add_string (dict, "EmailAccountType", imap ? "EmailTypeIMAP" : "EmailTypePOP");
  add_string (dict, "EmailAddress", account->address);
  add_server (dict, "Incoming", account->incoming, password);
  add_server (dict, "Outgoing", account->outgoing, password);
  /* One password for both when both log in with the same name: the device asks once. */
  add_bool (dict, "OutgoingPasswordSameAsIncomingPassword",
            g_str_equal (account->incoming->username, account->outgoing->username));
  add_payload_keys (dict, account->address, "mail", "com.apple.mail.managed", title);
}

char *
pb_export_mobileconfig_write (const PbExportAccount  *account,
                              const char             *password,
                              GError                **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *title = NULL;
  xmlNode *root, *dict, *array;

  if (!pb_export_account_require (account, TRUE, TRUE, error))
    return NULL;
  /* A profile knows passwords (EmailAuthPassword, …), not the provider's sign-in. */
  if (pb_export_account_signs_in (account))
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED,
                   _("A configuration profile sets up accounts with a password only, and this "
                     "account signs in at the provider. Add it in the device’s Mail settings "
                     "instead, which sign in at the provider."));
      return NULL;
    }
  if (password != NULL && !is_xml_text (password))
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID,
                   _("The password holds a control character, which a profile cannot carry."));
      return NULL;
    }

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlCreateIntSubset (doc, (const xmlChar *) "plist",
                      (const xmlChar *) "-//Apple//DTD PLIST 1.0//EN",
                      (const xmlChar *) "http://www.apple.com/DTDs/PropertyList-1.0.dtd");
  root = xmlNewNode (NULL, (const xmlChar *) "plist");
  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "version", (const xmlChar *) "1.0");
  dict = xmlNewChild (root, NULL, (const xmlChar *) "dict", NULL);
  title = g_strdup_printf (_("Mail account %s"), account->address);

  add_key (dict, "PayloadContent");
  array = xmlNewChild (dict, NULL, (const xmlChar *) "array", NULL);
  add_mail_payload (array, account, password, title);
  add_string (dict, "PayloadDescription",
              _("The mail account’s server settings, as Postbote verified them."));
  add_bool (dict, "PayloadRemovalDisallowed", FALSE);
  add_payload_keys (dict, account->address, "profile", "Configuration", title);
  return pb_export_xml_to_string (doc);
}
