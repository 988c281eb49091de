/* pb-server-config.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-name-table.h"
#include "pb-server-config.h"

/* The private part keeps the reference count out of the public struct layout. */
typedef struct {
  PbServerConfig public;
  gatomicrefcount ref_count;
} PbServerConfigReal;

G_DEFINE_BOXED_TYPE (PbServerConfig, pb_server_config, pb_server_config_ref, pb_server_config_unref)

PbServerConfig *
pb_server_config_new (PbProtocol    protocol,
                      const char   *host,
                      guint16       port,
                      PbSecurity    security,
                      PbAuthMethod  auth,
                      const char   *username)
{
  PbServerConfigReal *real = g_new0 (PbServerConfigReal, 1);

  g_atomic_ref_count_init (&real->ref_count);
  real->public.protocol = protocol;
  real->public.host = g_strdup (host);
  real->public.port = port;
  real->public.security = security;
  real->public.auth = auth;
  real->public.username = g_strdup (username);

  return &real->public;
}

PbServerConfig *
pb_server_config_copy (const PbServerConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return pb_server_config_new (config->protocol, config->host, config->port,
                               config->security, config->auth, config->username);
}

PbServerConfig *
pb_server_config_ref (PbServerConfig *config)
{
  PbServerConfigReal *real = (PbServerConfigReal *) config;

  g_return_val_if_fail (config != NULL, NULL);

  g_atomic_ref_count_inc (&real->ref_count);
  return config;
}

void
pb_server_config_unref (PbServerConfig *config)
{
  PbServerConfigReal *real = (PbServerConfigReal *) config;

  g_return_if_fail (config != NULL);

  if (g_atomic_ref_count_dec (&real->ref_count))
    {
      g_free (config->host);
      g_free (config->username);
      g_free (real);
    }
}

gboolean
pb_server_config_equal (const PbServerConfig *a,
                        const PbServerConfig *b)
{
  return a->protocol == b->protocol &&
         a->port == b->port &&
         a->security == b->security &&
         a->auth == b->auth &&
         g_ascii_strcasecmp (a->host, b->host) == 0 &&
         g_strcmp0 (a->username, b->username) == 0;
}

static const char * const protocol_names[] = { "smtp", "imap", "pop3" };
static const char * const security_names[] = { "tls", "starttls", "none" };
/* The names autoconfig's <authentication> element uses. */
static const char * const auth_names[] = {
  "password-cleartext", "password-encrypted", "OAuth2", "NTLM", "GSSAPI", "none",
  "client-IP-address", "smtp-after-pop",
};

/* File formats and the command line write these names in any case. */
PB_DEFINE_NAME_TABLE (PbProtocol, pb_protocol, protocol_names, TRUE)
PB_DEFINE_NAME_TABLE (PbSecurity, pb_security, security_names, TRUE)
PB_DEFINE_NAME_TABLE (PbAuthMethod, pb_auth_method, auth_names, TRUE)

static const char * const protocol_labels[] = { N_("SMTP"), N_("IMAP"), N_("POP3") };
static const char * const security_labels[] = {
  N_("SSL/TLS"), N_("STARTTLS"), N_("No encryption"),
};
/* The wording of Thunderbird's account settings, which many users know. */
static const char * const auth_labels[] = {
  N_("Normal password"), N_("Encrypted password (CRAM-MD5)"), N_("OAuth2"), N_("NTLM"),
  N_("Kerberos (GSSAPI)"), N_("No authentication"), N_("By IP address"), N_("SMTP after POP"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (protocol_labels) == G_N_ELEMENTS (protocol_names));
G_STATIC_ASSERT (G_N_ELEMENTS (security_labels) == G_N_ELEMENTS (security_names));
G_STATIC_ASSERT (G_N_ELEMENTS (auth_labels) == G_N_ELEMENTS (auth_names));

#define DEFINE_GET_LABEL(TYPE, PREFIX, LABELS) \
  const char * \
  PREFIX##_get_label (TYPE value) \
  { \
    return _(pb_name_table_get (LABELS, G_N_ELEMENTS (LABELS), value)); \
  }

DEFINE_GET_LABEL (PbProtocol, pb_protocol, protocol_labels)
DEFINE_GET_LABEL (PbSecurity, pb_security, security_labels)
DEFINE_GET_LABEL (PbAuthMethod, pb_auth_method, auth_labels)

guint16
pb_security_default_port (PbProtocol protocol,
                          PbSecurity security)
{
  switch (protocol)
    {
    case PB_PROTOCOL_SMTP:
      return security == PB_SECURITY_TLS ? 465 : 587;
    case PB_PROTOCOL_IMAP:
      return security == PB_SECURITY_TLS ? 993 : 143;
    case PB_PROTOCOL_POP3:
      return security == PB_SECURITY_TLS ? 995 : 110;
    default:
      g_return_val_if_reached (0);
    }
}
