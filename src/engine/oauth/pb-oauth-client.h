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

#include "pb-provider-db.h"

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

/* The keys of an entry. */
typedef enum {
  PB_OAUTH_CLIENT_FIELD_ID,              /* "client-id" */
  PB_OAUTH_CLIENT_FIELD_SECRET,          /* "client-secret" */
  PB_OAUTH_CLIENT_FIELD_TENANT,          /* "tenant" */
  PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS,  /* "redirect-ports" */
  PB_OAUTH_CLIENT_N_FIELDS
} PbOAuthClientField;

/* What a person registers where: an Entra app (client id and tenant), a Google Cloud
 * client (id and secret), or a client id at another issuer. */
typedef enum {
  PB_OAUTH_ISSUER_KIND_MICROSOFT,
  PB_OAUTH_ISSUER_KIND_GOOGLE,
  PB_OAUTH_ISSUER_KIND_OTHER
} PbOAuthIssuerKind;

PbOAuthIssuerKind pb_oauth_client_issuer_kind (const char        *issuer);
/* Whether the person sets field for an issuer of kind (redirect-ports: never, it is an
 * administrator's). */
gboolean       pb_oauth_client_kind_has_field (PbOAuthIssuerKind  kind,
                                               PbOAuthClientField field);
/* The issuers the presets of db name, each once: Microsoft's, Google's, then the others
 * by name. */
GStrv          pb_oauth_client_list_issuers   (PbProviderDb      *db);
/* The short names of the presets of db that sign in at issuer, sorted. */
GStrv          pb_oauth_client_list_providers (PbProviderDb      *db,
                                               const char        *issuer);
/* Whether the build's default (meson option oauth_clients) has an entry for issuer. */
gboolean       pb_oauth_client_has_default    (const char        *issuer);

/* One field of issuer's entry in the setting (settings: Postbote's); NULL when unset. */
char          *pb_oauth_client_get_field      (GSettings         *settings,
                                               const char        *issuer,
                                               PbOAuthClientField field);
/* Sets n fields of issuer's entry in the setting, keeping the others: an empty or NULL
 * value removes its field, and an entry left empty removes the issuer. An entry the
 * reader would refuse is not saved: FALSE, the reader's sentence in error
 * (G_IO_ERROR_INVALID_DATA) and the first wrong field in wrong (may be NULL). */
gboolean       pb_oauth_client_set_fields     (GSettings                *settings,
                                               const char               *issuer,
                                               const PbOAuthClientField *fields,
                                               const char * const       *values,
                                               guint                     n,
                                               PbOAuthClientField       *wrong,
                                               GError                  **error);

G_END_DECLS
