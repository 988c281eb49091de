/* pb-oauth-registration.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "pb-json.h"
#include "pb-oauth-client.h"
#include "pb-oauth-error.h"
#include "pb-oauth-http.h"
#include "pb-oauth-registration.h"

/* The redirect URIs of PB_OAUTH_REGISTRATION_PORTS, as the loopback names them. */
static void
add_redirect_uris (JsonBuilder *builder)
{
  g_autoptr(GVariant) entry = g_variant_ref_sink (g_variant_new_parsed (
    "{'client-id': 'x', 'redirect-ports': %s}", PB_OAUTH_REGISTRATION_PORTS));
  g_autoptr(PbOAuthClient) ports = pb_oauth_client_new_from_entry ("", entry, NULL);

  json_builder_set_member_name (builder, "redirect_uris");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ports->n_ports; i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/", ports->ports[i]);

      json_builder_add_string_value (builder, uri);
    }
  json_builder_end_array (builder);
}

static void
add_list (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

char *
pb_oauth_registration_request (const PbOAuthIssuer   *issuer,
                               const PbOAuthMetadata *metadata,
                               gboolean               device_grant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *grants[] = { "authorization_code", "refresh_token",
                           device_grant ? PB_OAUTH_DEVICE_GRANT_TYPE : NULL, NULL };
  const char *responses[] = { "code", NULL };

  g_return_val_if_fail (issuer != NULL && metadata != NULL && metadata->auth_method != NULL,
                        NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_name");
  json_builder_add_string_value (builder, "Postbote");
  json_builder_set_member_name (builder, "application_type");
  json_builder_add_string_value (builder, "native");
  add_redirect_uris (builder);
  add_list (builder, "grant_types", grants);
  add_list (builder, "response_types", responses);
  json_builder_set_member_name (builder, "token_endpoint_auth_method");
  json_builder_add_string_value (builder, metadata->auth_method);
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, issuer->scope);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* RFC 7591 3.2.2: {"error": "invalid_redirect_uri", "error_description": "…"}, in printable
 * ASCII for a log and a message. */
static GError *
refusal (guint       status,
         JsonObject *object)
{
  const char *code = object != NULL ? pb_json_object_get_string (object, "error") : NULL;
  const char *description = object != NULL ? pb_json_object_get_string (object, "error_description")
                                            : NULL;
  g_autofree char *text = NULL;

  if (code == NULL)
    text = g_strdup_printf ("HTTP %u", status);
  else
    text = g_strdup_printf ("%s%s%s", code, description != NULL ? ": " : "",
                            description != NULL ? description : "");
  g_strcanon (text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
                    "!#$%&'()*+,-./:;<=>?@[]^_`{|}~\"", '?');
  /* Translators: %s is the server's reason, e.g. "invalid_redirect_uri: …" */
  return g_error_new (PB_OAUTH_ERROR, PB_OAUTH_ERROR_REGISTRATION_REFUSED,
                      _("The sign-in server did not register Postbote (%s)"), text);
}

static void
add_entry (GVariantBuilder *entry,
           const char      *key,
           const char      *value)
{
  if (value != NULL && *value != '\0')
    g_variant_builder_add (entry, "{ss}", key, value);
}

GVariant *
pb_oauth_registration_parse (guint        status,
                             const char  *json,
                             gsize        len,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GVariantBuilder) entry = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  JsonObject *object = NULL;
  const char *client_id;

  if (json != NULL && len > 0 && len <= PB_OAUTH_MAX_REGISTRATION_RESPONSE &&
      memchr (json, '\0', len) == NULL && json_parser_load_from_data (parser, json, len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_CREATED)
    {
      g_propagate_error (error, refusal (status, object));
      return NULL;
    }
  client_id = object != NULL ? pb_json_object_get_string (object, "client_id") : NULL;
  if (client_id == NULL || *client_id == '\0')
    {
      g_set_error_literal (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                           _("The sign-in server’s answer to the registration has no client ID"));
      return NULL;
    }
  add_entry (&entry, "client-id", client_id);
  add_entry (&entry, "client-secret", pb_json_object_get_string (object, "client_secret"));
  add_entry (&entry, "redirect-ports", PB_OAUTH_REGISTRATION_PORTS);
  add_entry (&entry, "registration-access-token",
             pb_json_object_get_string (object, "registration_access_token"));
  add_entry (&entry, "registration-client-uri",
             pb_json_object_get_string (object, "registration_client_uri"));
  return g_variant_builder_end (&entry);
}

/* The metadata, then the registration */

typedef struct {
  SoupSession     *session;
  PbOAuthIssuer   *issuer;
  GStrv            urls;     /* of the metadata, tried in turn */
  guint            next;
  PbOAuthMetadata *metadata;
  gboolean         device_grant;
  SoupMessage     *msg;
} Register;

static void
register_free (Register *reg)
{
  g_clear_object (&reg->session);
  pb_oauth_issuer_free (reg->issuer);
  g_strfreev (reg->urls);
  pb_oauth_metadata_free (reg->metadata);
  g_clear_object (&reg->msg);
  g_free (reg);
}

/* Takes message. */
static void
no_client (GTask *task,
           char  *message)
{
  g_task_return_error (task, g_error_new_literal (PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT,
                                                  message));
  g_free (message);
}

static void post_registration (GTask *task);

static void
on_registered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Register *reg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = pb_oauth_http_send_finish (result, &error);
  guint status = soup_message_get_status (reg->msg);
  GVariant *entry;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* glewlwyd lists the device grant in its metadata but registers it only under a name of
   * its own ("device_authorization"): without it, the browser's grants still work. */
  if (status == SOUP_STATUS_BAD_REQUEST && reg->device_grant)
    {
      g_debug ("Registration with the device grant refused at %s; again without it",
               reg->issuer->identifier);
      reg->device_grant = FALSE;
      post_registration (g_steal_pointer (&task));
      return;
    }
  entry = pb_oauth_registration_parse (status, g_bytes_get_data (body, NULL),
                                       g_bytes_get_size (body), &error);
  if (entry == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("Postbote registered itself at %s", reg->issuer->identifier);
  g_task_return_pointer (task, g_variant_ref_sink (entry), (GDestroyNotify) g_variant_unref);
}

/* Takes task. */
static void
post_registration (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Register *reg = g_task_get_task_data (task);
  g_autofree char *request = pb_oauth_registration_request (reg->issuer, reg->metadata,
                                                            reg->device_grant);
  g_autoptr(GBytes) bytes = g_bytes_new_take (request, strlen (request));

  g_steal_pointer (&request);
  g_clear_object (&reg->msg);
  reg->msg = soup_message_new (SOUP_METHOD_POST, reg->metadata->registration_endpoint);
  soup_message_set_request_body_from_bytes (reg->msg, "application/json", bytes);
  GCancellable *cancellable = g_task_get_cancellable (task);
  pb_oauth_http_send_async (reg->session, reg->msg, PB_OAUTH_MAX_REGISTRATION_RESPONSE,
                            cancellable, on_registered,
                            g_steal_pointer (&task));
}

static void fetch_metadata (GTask *task);

static void
on_metadata (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Register *reg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = pb_oauth_http_send_finish (result, &error);

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* RFC 8414's place first, OpenID Connect's next. */
  if (soup_message_get_status (reg->msg) != SOUP_STATUS_OK)
    {
      fetch_metadata (g_steal_pointer (&task));
      return;
    }
  reg->metadata = pb_oauth_metadata_parse (g_bytes_get_data (body, NULL),
                                           g_bytes_get_size (body), reg->issuer, &error);
  if (reg->metadata == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (reg->metadata->registration_endpoint == NULL)
    /* Translators: %s is an issuer, e.g. "https://login.example.com/realms/mail" */
    no_client (task, g_strdup_printf (_("The sign-in server %s allows no registration of "
                                        "apps"), reg->issuer->identifier));
  else if (reg->metadata->auth_method == NULL)
    /* Translators: %s is an issuer, e.g. "https://login.example.com/realms/mail" */
    no_client (task, g_strdup_printf (_("The sign-in server %s registers no app that signs "
                                        "in the way Postbote does"), reg->issuer->identifier));
  else
    {
      reg->device_grant = reg->metadata->device_grant;
      post_registration (g_steal_pointer (&task));
    }
}

/* Takes task. */
static void
fetch_metadata (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Register *reg = g_task_get_task_data (task);

  if (reg->urls[reg->next] == NULL)
    {
      /* Translators: %s is an issuer, e.g. "https://login.example.com/realms/mail" */
      no_client (task, g_strdup_printf (_("The sign-in server %s publishes no metadata"),
                                        reg->issuer->identifier));
      return;
    }
  g_clear_object (&reg->msg);
  reg->msg = soup_message_new (SOUP_METHOD_GET, reg->urls[reg->next++]);
  GCancellable *cancellable = g_task_get_cancellable (task);
  pb_oauth_http_send_async (reg->session, reg->msg, PB_OAUTH_MAX_METADATA,
                            cancellable, on_metadata,
                            g_steal_pointer (&task));
}

void
pb_oauth_register_async (SoupSession         *session,
                         const PbOAuthIssuer *issuer,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Register *reg;

  g_return_if_fail (SOUP_IS_SESSION (session) && issuer != NULL);

  g_task_set_source_tag (task, pb_oauth_register_async);
  reg = g_new0 (Register, 1);
  reg->session = g_object_ref (session);
  reg->issuer = pb_oauth_issuer_copy (issuer);
  reg->urls = pb_oauth_metadata_urls (issuer->identifier);
  g_task_set_task_data (task, reg, (GDestroyNotify) register_free);
  if (reg->urls == NULL)
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT,
                               _("Postbote knows no sign-in server for this provider"));
      return;
    }
  fetch_metadata (g_steal_pointer (&task));
}

GVariant *
pb_oauth_register_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
