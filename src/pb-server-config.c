/* pb-server-config.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
pb_protocol_to_string (PbProtocol protocol)
{
  g_return_val_if_fail (protocol < G_N_ELEMENTS (protocol_names), NULL);
  return protocol_names[protocol];
}

gboolean
pb_protocol_from_string (const char *str,
                         PbProtocol *out)
{
  guint i;

  if (!lookup_name (protocol_names, G_N_ELEMENTS (protocol_names), str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
pb_security_to_string (PbSecurity security)
{
  g_return_val_if_fail (security < G_N_ELEMENTS (security_names), NULL);
  return security_names[security];
}

gboolean
pb_security_from_string (const char *str,
                         PbSecurity *out)
{
  guint i;

  if (!lookup_name (security_names, G_N_ELEMENTS (security_names), str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
pb_auth_method_to_string (PbAuthMethod auth)
{
  g_return_val_if_fail (auth < G_N_ELEMENTS (auth_names), NULL);
  return auth_names[auth];
}

gboolean
pb_auth_method_from_string (const char   *str,
                            PbAuthMethod *out)
{
  guint i;

  if (!lookup_name (auth_names, G_N_ELEMENTS (auth_names), str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

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

const char *
pb_protocol_get_label (PbProtocol protocol)
{
  g_return_val_if_fail (protocol < G_N_ELEMENTS (protocol_labels), NULL);
  return _(protocol_labels[protocol]);
}

const char *
pb_security_get_label (PbSecurity security)
{
  g_return_val_if_fail (security < G_N_ELEMENTS (security_labels), NULL);
  return _(security_labels[security]);
}

const char *
pb_auth_method_get_label (PbAuthMethod auth)
{
  g_return_val_if_fail (auth < G_N_ELEMENTS (auth_labels), NULL);
  return _(auth_labels[auth]);
}

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
