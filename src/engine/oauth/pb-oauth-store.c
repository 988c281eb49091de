/* pb-oauth-store.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-store.h"
#include "pb-secret.h"

static const SecretSchema oauth_schema = {
  APPLICATION_ID ".OAuth", SECRET_SCHEMA_NONE,
  {
    { "issuer", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static const SecretSchema client_schema = {
  APPLICATION_ID ".OAuthClient", SECRET_SCHEMA_NONE,
  {
    { "issuer", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

const SecretSchema *
pb_oauth_store_get_schema (void)
{
  return &oauth_schema;
}

static GHashTable *
attributes_of (const char *issuer,
               const char *client_id,
               const char *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "issuer", g_ascii_strdown (issuer, -1));
  g_hash_table_insert (attributes, "client", g_strdup (client_id));
  g_hash_table_insert (attributes, "user", g_strdup (user));
  return attributes;
}

GHashTable *
pb_oauth_store_user_attributes (const char *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (user != NULL, NULL);
  g_hash_table_insert (attributes, "user", g_strdup (user));
  return attributes;
}

void
pb_oauth_store_save (const char          *issuer,
                     const char          *client_id,
                     const char          *user,
                     const char          *refresh_token,
                     PbCredentialsFlags   flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (issuer != NULL && client_id != NULL && user != NULL);
  g_return_if_fail (refresh_token != NULL);

  attributes = attributes_of (issuer, client_id, user);
  /* Translators: the keyring item's name; %s are the address and the sign-in server */
  label = g_strdup_printf (_("Postbote sign-in of %s at %s"), user, issuer);
  pb_credentials_store_foreign (&oauth_schema, attributes, label, refresh_token, flags,
                                cancellable, callback, user_data);
}

void
pb_oauth_store_lookup (const char          *issuer,
                       const char          *client_id,
                       const char          *user,
                       PbCredentialsFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (issuer != NULL && client_id != NULL && user != NULL);

  attributes = attributes_of (issuer, client_id, user);
  pb_credentials_lookup_foreign (&oauth_schema, attributes, flags, cancellable, callback,
                                 user_data);
}

static GHashTable *
client_attributes (const char *issuer)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "issuer", g_strdup (issuer));
  return attributes;
}

void
pb_oauth_store_save_client (const char          *issuer,
                            GVariant            *entry,
                            PbCredentialsFlags   flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  char *text;

  g_return_if_fail (issuer != NULL);
  g_return_if_fail (entry != NULL && g_variant_is_of_type (entry, G_VARIANT_TYPE ("a{ss}")));

  attributes = client_attributes (issuer);
  /* Translators: the keyring item's name; %s is the sign-in server */
  label = g_strdup_printf (_("Postbote’s registration at %s"), issuer);
  text = g_variant_print (entry, FALSE);
  pb_credentials_store_foreign (&client_schema, attributes, label, text, flags, cancellable,
                                callback, user_data);
  pb_secret_free (text);
}

void
pb_oauth_store_lookup_client (const char          *issuer,
                              PbCredentialsFlags   flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (issuer != NULL);

  attributes = client_attributes (issuer);
  pb_credentials_lookup_foreign (&client_schema, attributes, flags, cancellable, callback,
                                 user_data);
}

GVariant *
pb_oauth_store_lookup_client_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(PbPassword) text = pb_credentials_lookup_finish (result, error);
  GVariant *entry;

  if (text == NULL)
    return NULL;
  entry = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text, NULL, NULL, NULL);
  if (entry == NULL)
    g_debug ("The saved registration is no entry; registering again");
  return entry;
}

void
pb_oauth_store_forget_client (const char          *issuer,
                              PbCredentialsFlags   flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (issuer != NULL);

  attributes = client_attributes (issuer);
  pb_credentials_clear_foreign (&client_schema, attributes, flags, cancellable, callback,
                                user_data);
}
