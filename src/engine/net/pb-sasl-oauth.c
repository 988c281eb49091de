/* pb-sasl-oauth.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "pb-json.h"
#include "pb-sasl-oauth.h"

/* An error document is a few hundred bytes; more is not one. */
#define MAX_ERROR_LENGTH 4096

static gboolean
is_safe (const char *text)
{
  return text != NULL && *text != '\0' && strpbrk (text, "\001\r\n") == NULL;
}

/* RFC 5801 saslname: "," and "=" would end or escape the gs2-header. */
static void
append_saslname (GString    *out,
                 const char *user)
{
  for (const char *p = user; *p != '\0'; p++)
    {
      if (*p == ',')
        g_string_append (out, "=2C");
      else if (*p == '=')
        g_string_append (out, "=3D");
      else
        g_string_append_c (out, *p);
    }
}

static char *
base64_wiped (GString *text)
{
  char *encoded = g_base64_encode ((const guchar *) text->str, text->len);

  explicit_bzero (text->str, text->len);
  g_string_free (text, TRUE);
  return encoded;
}

char *
pb_sasl_oauth_response (PbSaslOAuthMechanism mechanism,
                        const char          *username,
                        const char          *token,
                        const char          *host,
                        guint16              port)
{
  GString *text;

  if (!is_safe (username) || !is_safe (token) || (host != NULL && !is_safe (host)))
    return NULL;
  text = g_string_new (NULL);
  if (mechanism == PB_SASL_OAUTH_XOAUTH2)
    g_string_append_printf (text, "user=%s\001", username);
  else
    {
      g_string_append (text, "n,a=");
      append_saslname (text, username);
      g_string_append (text, ",\001");
      if (host != NULL)
        g_string_append_printf (text, "host=%s\001port=%u\001", host, port);
    }
  g_string_append_printf (text, "auth=Bearer %s\001\001", token);
  return base64_wiped (text);
}

const char *
pb_sasl_oauth_abort_response (PbSaslOAuthMechanism mechanism)
{
  return mechanism == PB_SASL_OAUTH_OAUTHBEARER ? "AQ==" : "";
}

/* RFC 7628 3.2.2 and RFC 6750 3.1 name the status; Google's XOAUTH2 sends the HTTP code. */
static PbSaslOAuthStatus
status_of (const char *status)
{
  if (g_strcmp0 (status, "invalid_token") == 0 || g_strcmp0 (status, "401") == 0)
    return PB_SASL_OAUTH_INVALID_TOKEN;
  if (g_strcmp0 (status, "insufficient_scope") == 0 || g_strcmp0 (status, "403") == 0)
    return PB_SASL_OAUTH_INSUFFICIENT_SCOPE;
  if (g_strcmp0 (status, "invalid_request") == 0 || g_strcmp0 (status, "400") == 0)
    return PB_SASL_OAUTH_INVALID_REQUEST;
  return PB_SASL_OAUTH_REFUSED;
}

static char *
member_text (JsonObject *object,
             const char *name)
{
  const char *text = pb_json_object_get_string (object, name);

  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

PbSaslOAuthError *
pb_sasl_oauth_parse_error (const char *challenge_base64)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree guchar *data = NULL;
  gsize len = 0;
  JsonNode *root;
  PbSaslOAuthError *error;

  if (challenge_base64 == NULL || strlen (challenge_base64) > MAX_ERROR_LENGTH * 4 / 3 + 4)
    return NULL;
  for (const char *p = challenge_base64; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return NULL;
  data = g_base64_decode (challenge_base64, &len);
  if (data == NULL || len == 0 || memchr (data, '\0', len) != NULL ||
      !json_parser_load_from_data (parser, (const char *) data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  error = g_new0 (PbSaslOAuthError, 1);
  error->status_text = member_text (json_node_get_object (root), "status");
  error->status = status_of (error->status_text);
  error->scope = member_text (json_node_get_object (root), "scope");
  error->openid_configuration = member_text (json_node_get_object (root),
                                             "openid-configuration");
  return error;
}

void
pb_sasl_oauth_error_free (PbSaslOAuthError *error)
{
  if (error == NULL)
    return;
  g_free (error->status_text);
  g_free (error->scope);
  g_free (error->openid_configuration);
  g_free (error);
}

gboolean
pb_sasl_oauth_choose (gboolean              offers_oauthbearer,
                      gboolean              offers_xoauth2,
                      GQuark                domain,
                      int                   code,
                      PbSaslOAuthMechanism *mechanism,
                      GError              **error)
{
  if (offers_oauthbearer)
    *mechanism = PB_SASL_OAUTH_OAUTHBEARER;
  else if (offers_xoauth2)
    *mechanism = PB_SASL_OAUTH_XOAUTH2;
  else
    {
      g_set_error_literal (error, domain, code,
                           _("The server offers no sign-in with a token (OAUTHBEARER or "
                             "XOAUTH2)"));
      return FALSE;
    }
  return TRUE;
}
