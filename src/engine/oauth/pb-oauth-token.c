/* pb-oauth-token.c
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
#include "pb-oauth-issuer.h"
#include "pb-oauth-token.h"

void
pb_oauth_tokens_free (PbOAuthTokens *tokens)
{
  if (tokens == NULL)
    return;
  pb_secret_free (tokens->access_token);
  pb_secret_free (tokens->refresh_token);
  g_free (tokens->scope);
  g_free (tokens);
}

static GError *
protocol_error (const char *what)
{
  /* Translators: %s says what is wrong, e.g. "no access_token" */
  return g_error_new (PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                      _("The sign-in server answered with something else than tokens (%s)"),
                      what);
}

/* RFC 6749 5.2 and RFC 8628 3.5: which refusal the error code is. */
static PbOAuthError
refusal_code (const char *code)
{
  static const struct { const char *code; PbOAuthError error; } codes[] = {
    { "invalid_grant", PB_OAUTH_ERROR_INVALID_GRANT },
    { "invalid_client", PB_OAUTH_ERROR_INVALID_CLIENT },
    { "authorization_pending", PB_OAUTH_ERROR_PENDING },
    { "slow_down", PB_OAUTH_ERROR_SLOW_DOWN },
    { "expired_token", PB_OAUTH_ERROR_TIMED_OUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (code, codes[i].code))
      return codes[i].error;
  return PB_OAUTH_ERROR_DENIED;
}

/* RFC 6749 5.2: {"error": "invalid_grant", "error_description": "…"} */
static GError *
refusal (JsonObject *object)
{
  const char *code = pb_json_object_get_string (object, "error");
  const char *description = pb_json_object_get_string (object, "error_description");
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%s%s%s", code, description != NULL ? ": " : "",
                          description != NULL ? description : "");
  g_strcanon (text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
                    "!#$%&'()*+,-./:;<=>?@[]^_`{|}~\"", '?');
  return g_error_new_literal (PB_OAUTH_ERROR, refusal_code (code), text);
}

PbOAuthTokens *
pb_oauth_tokens_parse (const char  *json,
                       gsize        len,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PbOAuthTokens) tokens = NULL;
  JsonObject *object;
  JsonNode *expires;
  const char *type;

  if (json == NULL || len == 0)
    {
      g_propagate_error (error, protocol_error (_("an empty answer")));
      return NULL;
    }
  if (len > PB_OAUTH_MAX_TOKEN_RESPONSE || memchr (json, '\0', len) != NULL ||
      !json_parser_load_from_data (parser, json, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_propagate_error (error, protocol_error (_("no JSON object")));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (pb_json_object_get_string (object, "error") != NULL)
    {
      g_propagate_error (error, refusal (object));
      return NULL;
    }
  type = pb_json_object_get_string (object, "token_type");
  if (pb_json_object_get_string (object, "access_token") == NULL || type == NULL ||
      g_ascii_strcasecmp (type, "Bearer") != 0)
    {
      g_propagate_error (error, protocol_error (_("no bearer access_token")));
      return NULL;
    }
  tokens = g_new0 (PbOAuthTokens, 1);
  tokens->access_token = g_strdup (pb_json_object_get_string (object, "access_token"));
  tokens->refresh_token = g_strdup (pb_json_object_get_string (object, "refresh_token"));
  tokens->scope = g_strdup (pb_json_object_get_string (object, "scope"));
  expires = json_object_get_member (object, "expires_in");
  if (expires != NULL && JSON_NODE_HOLDS_VALUE (expires) &&
      json_node_get_value_type (expires) == G_TYPE_INT64 && json_node_get_int (expires) > 0)
    tokens->expires_at = now + MIN (json_node_get_int (expires), G_MAXINT32);
  return g_steal_pointer (&tokens);
}

char *
pb_oauth_authorization_url (const char *auth_url,
                            const char *client_id,
                            const char *redirect_uri,
                            const char *scope,
                            const char *state,
                            const char *code_challenge,
                            const char *login_hint)
{
  g_autoptr(GString) url = NULL;
  const char *params[][2] = {
    { "response_type", "code" }, { "client_id", client_id }, { "redirect_uri", redirect_uri },
    { "scope", scope }, { "state", state }, { "code_challenge", code_challenge },
    { "code_challenge_method", "S256" }, { "login_hint", login_hint },
  };

  if (!pb_oauth_url_is_https (auth_url) || strchr (auth_url, '#') != NULL)
    return NULL;
  url = g_string_new (auth_url);
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autofree char *value = NULL;

      if (params[i][1] == NULL)
        continue;
      value = g_uri_escape_string (params[i][1], NULL, FALSE);
      g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') ? '&' : '?',
                              params[i][0], value);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

typedef struct {
  SoupMessage  *msg;
  char         *refresh_token;  /* a refresh's: kept when the answer has no new one */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->msg);
  pb_secret_free (request->refresh_token);
  g_free (request);
}

/* The answer's body (wiped when freed: pb-oauth-http.h) as tokens, or why not. */
static void
answer_read (GTask  *task,
             GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->msg);
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr(GError) error = NULL;
  PbOAuthTokens *tokens;

  /* RFC 6749 5.2: an error is 400 (or 401 for the client); both carry the JSON. */
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_BAD_REQUEST &&
      status != SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree char *what = g_strdup_printf ("HTTP %u", status);

      g_task_return_error (task, protocol_error (what));
      return;
    }
  /* Some servers (glewlwyd) refuse a refresh token with an empty 400: a refused grant all
   * the same, so that a sign-in asks the person again. */
  if (status == SOUP_STATUS_BAD_REQUEST && len == 0 &&
      request->refresh_token != NULL)
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT,
                               _("The sign-in server no longer accepts the saved sign-in"));
      return;
    }
  tokens = pb_oauth_tokens_parse (data, len,
                                  g_get_real_time () / G_USEC_PER_SEC, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* RFC 6749 5.1: tokens come with 200 only. */
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *what = g_strdup_printf ("HTTP %u", status);

      pb_oauth_tokens_free (tokens);
      g_task_return_error (task, protocol_error (what));
      return;
    }
  if (tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (request->refresh_token);
  g_task_return_pointer (task, tokens, (GDestroyNotify) pb_oauth_tokens_free);
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) body = pb_oauth_http_send_finish (result, &error);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    answer_read (task, body);
}

/* POSTs the form (name, value pairs, NULL-terminated) to the token endpoint. */
static void
post_form (SoupSession         *session,
           const char          *token_url,
           const char          *refresh_token,
           const char * const  *form,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  Request *request;
  char *data;
  gsize len;

  g_task_set_source_tag (task, source_tag);
  if (!pb_oauth_url_is_https (token_url))
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                               _("The sign-in server’s address is not an https address"));
      return;
    }
  for (guint i = 0; form[i] != NULL; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (form[i + 1], NULL, FALSE);

      g_string_append_printf (body, "%s%s=%s", i ? "&" : "", form[i], value);
      explicit_bzero (value, strlen (value));
    }
  request = g_new0 (Request, 1);
  request->msg = soup_message_new (SOUP_METHOD_POST, token_url);
  request->refresh_token = g_strdup (refresh_token);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* The form holds the code, the verifier or the refresh token: wiped when sent. */
  len = body->len;
  data = g_string_free (g_steal_pointer (&body), FALSE);
  bytes = g_bytes_new_with_free_func (data, len, (GDestroyNotify) pb_secret_free, data);
  soup_message_set_request_body_from_bytes (request->msg, "application/x-www-form-urlencoded",
                                            bytes);
  pb_oauth_http_send_async (session, request->msg, PB_OAUTH_MAX_TOKEN_RESPONSE, cancellable,
                            on_answer, g_steal_pointer (&task));
}

/* POSTs a grant: its fields (name, value pairs, NULL-terminated), then the client's id and
 * its secret where it has one (RFC 6749 2.3.1, in the form). */
static void
post_grant (SoupSession         *session,
            const char          *token_url,
            const PbOAuthClient *client,
            const char * const  *fields,
            const char          *refresh_token,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GPtrArray) form = g_ptr_array_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    g_ptr_array_add (form, (char *) fields[i]);
  g_ptr_array_add (form, (char *) "client_id");
  g_ptr_array_add (form, client->client_id);
  if (client->client_secret != NULL)
    {
      g_ptr_array_add (form, (char *) "client_secret");
      g_ptr_array_add (form, client->client_secret);
    }
  g_ptr_array_add (form, NULL);
  post_form (session, token_url, refresh_token, (const char * const *) form->pdata,
             cancellable, callback, user_data, source_tag);
}

void
pb_oauth_token_exchange_async (SoupSession         *session,
                               const char          *token_url,
                               const PbOAuthClient *client,
                               const char          *code,
                               const char          *redirect_uri,
                               const char          *code_verifier,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  const char *fields[] = {
    "grant_type", "authorization_code", "code", code, "redirect_uri", redirect_uri,
    "code_verifier", code_verifier, NULL
  };

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (client != NULL && code != NULL && redirect_uri != NULL &&
                    code_verifier != NULL);
  post_grant (session, token_url, client, fields, NULL, cancellable, callback, user_data,
              pb_oauth_token_exchange_async);
}

void
pb_oauth_token_refresh_async (SoupSession         *session,
                              const char          *token_url,
                              const PbOAuthClient *client,
                              const char          *refresh_token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  const char *fields[] = { "grant_type", "refresh_token", "refresh_token", refresh_token, NULL };

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (client != NULL && refresh_token != NULL);
  post_grant (session, token_url, client, fields, refresh_token, cancellable, callback,
              user_data, pb_oauth_token_refresh_async);
}

void
pb_oauth_token_device_poll_async (SoupSession         *session,
                                  const char          *token_url,
                                  const PbOAuthClient *client,
                                  const char          *device_code,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char *fields[] = {
    "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", device_code,
    NULL
  };

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (client != NULL && device_code != NULL);
  post_grant (session, token_url, client, fields, NULL, cancellable, callback, user_data,
              pb_oauth_token_device_poll_async);
}

PbOAuthTokens *
pb_oauth_token_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
