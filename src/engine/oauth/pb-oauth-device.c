/* pb-oauth-device.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-json.h"
#include "pb-oauth-http.h"
#include "pb-oauth-device.h"
#include "pb-oauth-issuer.h"
#include "pb-oauth-token.h"
#include "pb-secret.h"

void
pb_oauth_device_grant_free (PbOAuthDeviceGrant *grant)
{
  if (grant == NULL)
    return;
  pb_secret_free (grant->device_code);
  g_free (grant->user_code);
  g_free (grant->verification_uri);
  g_free (grant->verification_uri_complete);
  g_free (grant);
}

static char *
member (JsonObject *object,
        const char *name)
{
  const char *text = pb_json_object_get_string (object, name);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static GError *
protocol_error (void)
{
  return g_error_new_literal (PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                              _("The sign-in server answered with something else than a "
                                "code for another device"));
}

PbOAuthDeviceGrant *
pb_oauth_device_grant_parse (const char  *json,
                             gsize        len,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PbOAuthDeviceGrant) grant = NULL;
  g_autofree char *refusal = NULL;
  JsonObject *object;

  if (json == NULL || len == 0 || len > PB_OAUTH_MAX_TOKEN_RESPONSE ||
      memchr (json, '\0', len) != NULL || !json_parser_load_from_data (parser, json, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_propagate_error (error, protocol_error ());
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if ((refusal = member (object, "error")) != NULL)
    {
      g_strcanon (refusal, "abcdefghijklmnopqrstuvwxyz_", '?');
      g_set_error_literal (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED, refusal);
      return NULL;
    }
  grant = g_new0 (PbOAuthDeviceGrant, 1);
  grant->device_code = member (object, "device_code");
  grant->user_code = member (object, "user_code");
  grant->verification_uri = member (object, "verification_uri");
  grant->verification_uri_complete = member (object, "verification_uri_complete");
  grant->expires_in = (guint) CLAMP (member_int (object, "expires_in"), 0, 3600);
  grant->interval = (guint) CLAMP (member_int (object, "interval"), 0, 60);
  if (grant->interval == 0)
    grant->interval = PB_OAUTH_DEVICE_DEFAULT_INTERVAL_S;
  if (!pb_oauth_url_is_https (grant->verification_uri_complete))
    g_clear_pointer (&grant->verification_uri_complete, g_free);
  if (grant->device_code == NULL || grant->user_code == NULL || grant->expires_in == 0 ||
      !pb_oauth_url_is_https (grant->verification_uri) || strlen (grant->user_code) > 64)
    {
      g_propagate_error (error, protocol_error ());
      return NULL;
    }
  return g_steal_pointer (&grant);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = pb_oauth_http_send_finish (result, &error);
  PbOAuthDeviceGrant *grant;
  guint status;
  gsize len;
  const char *data;

  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = soup_message_get_status (msg);
  data = g_bytes_get_data (body, &len);
  grant = pb_oauth_device_grant_parse (data, len, &error);
  /* A code comes with 200 only; a refusal with 400 or 401 (RFC 6749 5.2). */
  if (grant != NULL && status != SOUP_STATUS_OK)
    g_clear_pointer (&grant, pb_oauth_device_grant_free);
  if (grant == NULL && error == NULL)
    error = protocol_error ();
  if (grant == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, grant, (GDestroyNotify) pb_oauth_device_grant_free);
}

void
pb_oauth_device_authorize_async (SoupSession         *session,
                                 const char          *device_url,
                                 const PbOAuthClient *client,
                                 const char          *scope,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  SoupMessage *msg;

  g_return_if_fail (SOUP_IS_SESSION (session) && client != NULL && scope != NULL);

  g_task_set_source_tag (task, pb_oauth_device_authorize_async);
  /* Checked before the message is made: soup_message_new*() takes no address that is not
   * one, and pb_oauth_http_send_async() checks it again. */
  if (!pb_oauth_url_is_https (device_url))
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                               _("The sign-in server’s address is not an https address"));
      return;
    }
  g_hash_table_insert (form, "client_id", client->client_id);
  if (client->client_secret != NULL)
    g_hash_table_insert (form, "client_secret", client->client_secret);
  g_hash_table_insert (form, "scope", (char *) scope);
  msg = soup_message_new_from_encoded_form (SOUP_METHOD_POST, device_url,
                                            soup_form_encode_hash (form));
  if (msg == NULL)
    {
      g_task_return_error (task, protocol_error ());
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  /* The answer is read capped (pb-oauth-http.h), as every answer of a sign-in server. */
  pb_oauth_http_send_async (session, msg, PB_OAUTH_MAX_TOKEN_RESPONSE, cancellable, on_read,
                            g_steal_pointer (&task));
}

PbOAuthDeviceGrant *
pb_oauth_device_authorize_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The whole grant */

typedef struct {
  SoupSession        *session;
  char               *token_url;
  PbOAuthClient      *client;     /* borrowed from the caller, who outlives the grant */
  PbOAuthDeviceGrant *grant;
  gint64              deadline;   /* monotonic time */
  guint               timeout_ms;
  PbOAuthDeviceShow   show;
  gpointer            show_data;
} DeviceRun;

static void
device_run_free (DeviceRun *run)
{
  g_object_unref (run->session);
  g_free (run->token_url);
  pb_oauth_device_grant_free (run->grant);
  g_free (run);
}

static void poll_later (GTask *task);

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeviceRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  PbOAuthTokens *tokens = pb_oauth_token_finish (result, &error);

  if (tokens != NULL)
    g_task_return_pointer (task, tokens, (GDestroyNotify) pb_oauth_tokens_free);
  else if (g_error_matches (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PENDING) ||
           g_error_matches (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_SLOW_DOWN))
    {
      /* RFC 8628 3.5: slow_down adds five seconds to every later interval. */
      if (error->code == PB_OAUTH_ERROR_SLOW_DOWN)
        run->grant->interval += 5;
      g_error_free (error);
      poll_later (g_steal_pointer (&task));
    }
  else
    g_task_return_error (task, error);
}

static gboolean
on_poll_time (gpointer user_data)
{
  GTask *task = user_data;
  DeviceRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (g_get_monotonic_time () >= run->deadline)
    g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_TIMED_OUT,
                             _("The code was not entered in time"));
  else
    pb_oauth_token_device_poll_async (run->session, run->token_url, run->client,
                                      run->grant->device_code, cancellable, on_polled,
                                      g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* The next poll after the interval, or at once when the caller cancels. Takes task. */
static void
poll_later (GTask *task)
{
  DeviceRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) wait = g_timeout_source_new_seconds (run->grant->interval);

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (wait, cancelled);
    }
  g_source_set_callback (wait, on_poll_time, task, g_object_unref);
  g_source_attach (wait, g_task_get_context (task));
}

static void
on_authorized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeviceRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 limit;

  run->grant = pb_oauth_device_authorize_finish (result, &error);
  if (run->grant == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  limit = MIN ((gint64) run->grant->expires_in * 1000, (gint64) run->timeout_ms);
  run->deadline = g_get_monotonic_time () + limit * 1000;
  run->show (run->grant, run->show_data);
  poll_later (g_steal_pointer (&task));
}

void
pb_oauth_device_sign_in_async (SoupSession         *session,
                               const char          *device_url,
                               const char          *token_url,
                               const PbOAuthClient *client,
                               const char          *scope,
                               guint                timeout_ms,
                               PbOAuthDeviceShow    show,
                               gpointer             show_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  DeviceRun *run;

  g_return_if_fail (SOUP_IS_SESSION (session) && token_url != NULL && client != NULL);
  g_return_if_fail (show != NULL && timeout_ms > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_oauth_device_sign_in_async);
  run = g_new0 (DeviceRun, 1);
  run->session = g_object_ref (session);
  run->token_url = g_strdup (token_url);
  run->client = (PbOAuthClient *) client;
  run->timeout_ms = timeout_ms;
  run->show = show;
  run->show_data = show_data;
  g_task_set_task_data (task, run, (GDestroyNotify) device_run_free);
  pb_oauth_device_authorize_async (session, device_url, client, scope, cancellable,
                                   on_authorized, task);
}
