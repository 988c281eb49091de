/* pb-oauth-client.h: how Postbote is registered at an authorization server
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Postbote ships no client ids: another program's id is that program's. A client comes from
 * the "oauth-clients" setting, one entry per issuer (what the person or their administrator
 * registered, as GNOME Online Accounts asks for a client and tenant id), or else from the
 * build's default (the meson option oauth_clients, for a distributor that registered
 * Postbote). An entry is a dictionary:
 *   client-id        required
 *   client-secret    what Google calls the secret of an installed app (not a secret)
 *   tenant           a Microsoft Entra tenant: replaces "common" in the endpoints' path
 *   redirect-ports   "47100-47109" or "8080,8081": for a server that matches redirect URIs
 *                    exactly; without it the system picks the port (RFC 8252 7.3)
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many ports redirect-ports may name. */
#define PB_OAUTH_CLIENT_MAX_PORTS 64

typedef struct {
  char    *issuer;
  char    *client_id;
  char    *client_secret;  /* NULL: none */
  char    *tenant;         /* NULL: none */
  guint16 *ports;          /* NULL with n_ports 0: the system picks */
  guint    n_ports;
} PbOAuthClient;

/* One entry of the setting (type a{ss}); NULL with G_IO_ERROR_INVALID_DATA for an entry
 * without a client id, or with a tenant or ports that are not one. */
PbOAuthClient *pb_oauth_client_new_from_entry (const char    *issuer,
                                               GVariant      *entry,
                                               GError       **error);
/* The client for issuer: the setting's entry, else the build's; NULL without an error when
 * neither has one. clients: the setting's value (type a{sa{ss}}), or NULL to read it. */
PbOAuthClient *pb_oauth_client_lookup         (const char    *issuer,
                                               GVariant      *clients,
                                               GError       **error);
/* url with the tenant in place of the first path segment "common" or "organizations";
 * url itself without a tenant. */
char          *pb_oauth_client_endpoint       (const PbOAuthClient *self,
                                               const char          *url);
void           pb_oauth_client_free           (PbOAuthClient *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOAuthClient, pb_oauth_client_free)

G_END_DECLS
