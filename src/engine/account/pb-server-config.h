/* pb-server-config.h: one mail server's connection settings
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PB_PROTOCOL_SMTP,
  PB_PROTOCOL_IMAP,
  PB_PROTOCOL_POP3,
} PbProtocol;

typedef enum {
  PB_SECURITY_TLS,
  PB_SECURITY_STARTTLS,
  PB_SECURITY_NONE,
} PbSecurity;

typedef enum {
  PB_AUTH_PASSWORD_CLEARTEXT,
  PB_AUTH_PASSWORD_ENCRYPTED,
  PB_AUTH_OAUTH2,
  PB_AUTH_NTLM,
  PB_AUTH_GSSAPI,
  PB_AUTH_NONE,
  PB_AUTH_CLIENT_IP,
  PB_AUTH_SMTP_AFTER_POP,
} PbAuthMethod;

typedef struct {
  PbProtocol   protocol;
  char        *host;
  guint16      port;
  PbSecurity   security;
  PbAuthMethod auth;
  char        *username;   /* may hold autoconfig placeholders; NULL means the address */
} PbServerConfig;

#define PB_TYPE_SERVER_CONFIG (pb_server_config_get_type ())

GType           pb_server_config_get_type (void) G_GNUC_CONST;
PbServerConfig *pb_server_config_new      (PbProtocol      protocol,
                                           const char     *host,
                                           guint16         port,
                                           PbSecurity      security,
                                           PbAuthMethod    auth,
                                           const char     *username);
PbServerConfig *pb_server_config_copy     (const PbServerConfig *config);
PbServerConfig *pb_server_config_ref      (PbServerConfig *config);
void            pb_server_config_unref    (PbServerConfig *config);
gboolean        pb_server_config_equal    (const PbServerConfig *a,
                                           const PbServerConfig *b);

const char     *pb_protocol_to_string     (PbProtocol      protocol);
gboolean        pb_protocol_from_string   (const char     *str,
                                           PbProtocol     *out);
const char     *pb_security_to_string     (PbSecurity      security);
gboolean        pb_security_from_string   (const char     *str,
                                           PbSecurity     *out);
const char     *pb_auth_method_to_string  (PbAuthMethod    auth);
gboolean        pb_auth_method_from_string (const char    *str,
                                            PbAuthMethod  *out);
guint16         pb_security_default_port  (PbProtocol      protocol,
                                           PbSecurity      security);

/* Translated names for people, as in mail clients' account settings. */
const char     *pb_protocol_get_label     (PbProtocol      protocol);
const char     *pb_security_get_label     (PbSecurity      security);
const char     *pb_auth_method_get_label  (PbAuthMethod    auth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbServerConfig, pb_server_config_unref)

G_END_DECLS
