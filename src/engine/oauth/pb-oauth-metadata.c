/* pb-oauth-metadata.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "pb-json.h"
#include "pb-oauth-error.h"
#include "pb-oauth-metadata.h"

void
pb_oauth_metadata_free (PbOAuthMetadata *metadata)
{
  if (metadata == NULL)
    return;
  g_free (metadata->registration_endpoint);
  g_free (metadata->auth_method);
  g_free (metadata);
}

GStrv
pb_oauth_metadata_urls (const char *identifier)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) rfc8414 = NULL;
  g_autofree char *path = NULL;
  GStrv urls;
  const char *issuer_path;

  if (!pb_oauth_url_is_https (identifier))
    return NULL;
  uri = g_uri_parse (identifier, G_URI_FLAGS_NONE, NULL);
  issuer_path = g_uri_get_path (uri);
  /* "https://a.example/" has no path component of its own (RFC 8414 3.1). */
  if (g_str_equal (issuer_path, "/"))
    issuer_path = "";
  path = g_strconcat ("/.well-known/oauth-authorization-server", issuer_path, NULL);
  rfc8414 = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (uri),
                         g_uri_get_port (uri), path, NULL, NULL);
  urls = g_new0 (char *, 3);
  urls[0] = g_uri_to_string (rfc8414);
  urls[1] = g_strconcat (identifier, g_str_has_suffix (identifier, "/") ? "" : "/",
                         ".well-known/openid-configuration", NULL);
  return urls;
}

/* Whether the member is an array of strings that holds value; absent is FALSE. */
static gboolean
list_has (JsonObject *object,
          const char *name,
          const char *value)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (element), value))
        return TRUE;
    }
  return FALSE;
}

static GError *
invalid (const char *what)
{
  /* Translators: %s says what is wrong, e.g. "the issuer is another one" */
  return g_error_new (PB_OAUTH_ERROR, PB_OAUTH_ERROR_METADATA,
                      _("The sign-in server’s metadata cannot be used (%s)"), what);
}

/* Every endpoint and jwks_uri that is a string must be https (RFC 8414 2). */
static gboolean
endpoints_are_https (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *value = pb_json_object_get_string (object, name);

      if (value != NULL && (g_str_has_suffix (name, "_endpoint") ||
                            g_str_equal (name, "jwks_uri")) &&
          (!pb_oauth_url_is_https (value) || strchr (value, '#') != NULL))
        return FALSE;
    }
  return TRUE;
}

/* What the document says about the preset's issuer: NULL when it agrees. */
static const char *
disagreement (JsonObject          *object,
              const PbOAuthIssuer *issuer)
{
  if (g_strcmp0 (pb_json_object_get_string (object, "issuer"), issuer->identifier) != 0)
    return _("the issuer is another one");
  if (!endpoints_are_https (object))
    return _("an endpoint without https");
  if (g_strcmp0 (pb_json_object_get_string (object, "authorization_endpoint"), issuer->auth_url) != 0 ||
      g_strcmp0 (pb_json_object_get_string (object, "token_endpoint"), issuer->token_url) != 0)
    return _("other sign-in addresses than the provider settings");
  return NULL;
}

/* "none" unless the server lists methods without it (RFC 8414 2 names the default
 * client_secret_basic; many servers that take public clients list nothing). */
static char *
auth_method (JsonObject *object)
{
  const char *name = "token_endpoint_auth_methods_supported";

  if (!json_object_has_member (object, name) || list_has (object, name, "none"))
    return g_strdup ("none");
  if (list_has (object, name, "client_secret_post"))
    return g_strdup ("client_secret_post");
  return NULL;
}

PbOAuthMetadata *
pb_oauth_metadata_parse (const char           *json,
                         gsize                 len,
                         const PbOAuthIssuer  *issuer,
                         GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  PbOAuthMetadata *metadata;
  JsonObject *object;
  const char *wrong;

  g_return_val_if_fail (issuer != NULL && issuer->identifier != NULL, NULL);

  if (json == NULL || len == 0 || len > PB_OAUTH_MAX_METADATA ||
      memchr (json, '\0', len) != NULL || !json_parser_load_from_data (parser, json, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_propagate_error (error, invalid (_("no JSON object")));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if ((wrong = disagreement (object, issuer)) != NULL)
    {
      g_propagate_error (error, invalid (wrong));
      return NULL;
    }
  metadata = g_new0 (PbOAuthMetadata, 1);
  metadata->registration_endpoint = g_strdup (pb_json_object_get_string (object, "registration_endpoint"));
  metadata->device_grant = list_has (object, "grant_types_supported",
                                     PB_OAUTH_DEVICE_GRANT_TYPE);
  metadata->auth_method = auth_method (object);
  return metadata;
}
