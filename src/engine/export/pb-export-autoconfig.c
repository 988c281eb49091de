/* pb-export-autoconfig.c: the account's settings as the domain's autoconfig file
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-autoconfig.h"
#include "pb-export-autoconfig.h"
#include "pb-export-xml.h"

/* config-v1.1's socketType for each PbSecurity. */
static const char * const socket_types[] = { "SSL", "STARTTLS", "plain" };
G_STATIC_ASSERT (G_N_ELEMENTS (socket_types) == PB_SECURITY_NONE + 1);

/* The user name as every user of the domain would have it. */
static char *
username_template (const PbExportAccount *account,
                   const char            *username)
{
  const char *at = strrchr (account->address, '@');

  if (g_strcmp0 (username, account->address) == 0)
    return g_strdup ("%EMAILADDRESS%");
  if (strlen (username) == (gsize) (at - account->address) &&
      strncmp (username, account->address, at - account->address) == 0)
    return g_strdup ("%EMAILLOCALPART%");
  return g_strdup (username);
}

static void
add_server (xmlNode               *provider,
            const PbExportAccount *account,
            const char            *element,
            const PbServerConfig  *server)
{
  xmlNode *node = xmlNewChild (provider, NULL, (const xmlChar *) element, NULL);
  g_autofree char *username = username_template (account, server->username);

  xmlNewProp (node, (const xmlChar *) "type",
              (const xmlChar *) pb_protocol_to_string (server->protocol));
  pb_export_xml_add_text (node, "hostname", server->host);
  pb_export_xml_add_uint (node, "port", server->port);
  pb_export_xml_add_text (node, "socketType", socket_types[server->security]);
  pb_export_xml_add_text (node, "authentication", pb_auth_method_to_string (server->auth));
  pb_export_xml_add_text (node, "username", username);
}

char *
pb_export_autoconfig_write (const PbExportAccount  *account,
                            GError                **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root, *provider;

  if (!pb_export_account_require (account, TRUE, TRUE, error))
    return NULL;

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "clientConfig");
  xmlDocSetRootElement (doc, root);
  xmlNewProp (root, (const xmlChar *) "version", (const xmlChar *) "1.1");
  provider = xmlNewChild (root, NULL, (const xmlChar *) "emailProvider", NULL);
  xmlNewProp (provider, (const xmlChar *) "id", (const xmlChar *) account->domain);
  pb_export_xml_add_text (provider, "domain", account->domain);
  pb_export_xml_add_text (provider, "displayName", account->domain);
  pb_export_xml_add_text (provider, "displayShortName", account->domain);
  add_server (provider, account, "incomingServer", account->incoming);
  add_server (provider, account, "outgoingServer", account->outgoing);
  return pb_export_xml_to_string (doc);
}

GStrv
pb_export_autoconfig_get_publish_urls (const PbExportAccount *account)
{
  GStrv urls = g_new0 (char *, 3);

  urls[0] = pb_autoconfig_publish_url ("https", account->domain, FALSE);
  urls[1] = pb_autoconfig_publish_url ("https", account->domain, TRUE);
  return urls;
}
