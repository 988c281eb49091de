/* pb-discovery-http.c: autoconfig, .well-known and ISPDB over libsoup
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-autoconfig.h"
#include "pb-diagnosis.h"
#include "pb-diagnosis-classify.h"
#include "pb-discovery-http.h"

#define READ_CHUNK 16384

SoupSession *
pb_discovery_http_session_new (guint timeout_ms)
{
  /* No cookie jar (a SoupSession has none unless one is added), no authentication
   * manager credentials, the system's TLS database: certificates are validated and a
   * failure ends the request. */
  SoupSession *session = soup_session_new_with_options ("user-agent", "Postbote/" PACKAGE_VERSION,
                                                        "timeout", MAX (1u, (timeout_ms + 999) / 1000),
                                                        "max-conns-per-host", 2,
                                                        NULL);

  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  return session;
}

typedef struct {
  gboolean            allow_plain;
  gboolean            reviewed;   /* the ISPDB: see PbSourceAnswer */
  char               *url;
  guint               redirects;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *body;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->url);
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_free (fetch);
}

static void fetch_start (GTask *task);

static void
return_nothing (GTask      *task,
                const char *reason)
{
  g_task_return_pointer (task, pb_source_answer_new (NULL, reason),
                         (GDestroyNotify) pb_source_answer_free);
}

static void
return_failure (GTask      *task,
                GError     *error,
                const char *url)
{
  /* Keep the domain and code (a TLS error stays a TLS error), say which URL. */
  if (strstr (error->message, url) == NULL)
    g_prefix_error (&error, "%s: ", url);
  g_task_return_error (task, error);
}

static void body_read (GObject *object, GAsyncResult *result, gpointer user_data);

/* Takes the task's reference. */
static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), body_read, task);
}

static void
body_read (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                              &error);
  g_autoptr(PbAccountConfig) config = NULL;
  PbSourceAnswer *answer;

  if (chunk == NULL)
    {
      return_failure (task, g_steal_pointer (&error), fetch->url);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (fetch->body->len + g_bytes_get_size (chunk) > PB_DISCOVERY_MAX_BODY)
        {
          return_failure (task, g_error_new (PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_TOO_LARGE,
                                             _("The answer is larger than %u KiB"),
                                             PB_DISCOVERY_MAX_BODY / 1024), fetch->url);
          return;
        }
      g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_more (g_steal_pointer (&task));
      return;
    }

  /* A remote document: its pb: quirks, links and notes are not honoured (only presets'). */
  config = pb_autoconfig_parse_full ((const char *) fetch->body->data, fetch->body->len,
                                     fetch->url, PB_AUTOCONFIG_FLAGS_NONE, &error);
  if (config == NULL)
    {
      return_failure (task, g_steal_pointer (&error), fetch->url);
      return;
    }
  answer = pb_source_answer_new (config, fetch->url);
  answer->reviewed = fetch->reviewed;
  g_task_return_pointer (task, answer, (GDestroyNotify) pb_source_answer_free);
}

static gboolean
scheme_allowed (Fetch      *fetch,
                GUri       *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "https") == 0 ||
         (fetch->allow_plain && g_ascii_strcasecmp (scheme, "http") == 0);
}

/* Takes the task's reference: a refused redirect must drop it too. */
static void
follow_redirect (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  Fetch *fetch = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->msg),
                                                       "Location");
  GUri *base = soup_message_get_uri (fetch->msg);
  g_autoptr(GUri) target = NULL;

  if (location == NULL ||
      (target = g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL)) == NULL)
    {
      return_failure (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                         _("The server sent a redirect without a valid target")),
                      fetch->url);
      return;
    }
  if (++fetch->redirects > PB_DISCOVERY_MAX_REDIRECTS)
    {
      return_failure (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                         _("More than %u redirects"), PB_DISCOVERY_MAX_REDIRECTS),
                      fetch->url);
      return;
    }
  /* Never from HTTPS down to plain HTTP: that would hand the answer to anyone on the path. */
  if (!scheme_allowed (fetch, target) ||
      (g_ascii_strcasecmp (g_uri_get_scheme (base), "https") == 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0))
    {
      return_failure (task, g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                         _("Refused a redirect to an unencrypted address")),
                      fetch->url);
      return;
    }
  g_free (fetch->url);
  fetch->url = g_uri_to_string (target);
  fetch_start (g_steal_pointer (&task));
}

/* libsoup says only "Unacceptable TLS certificate": name the reason the way the check's
 * diagnosis does (expired, another name, unknown issuer, ...). */
static void
describe_certificate (SoupMessage  *msg,
                      GError      **error)
{
  PbFailure failure = { 0 };
  g_autoptr(PbExplanation) explanation = NULL;
  GUri *uri = soup_message_get_uri (msg);

  failure.stage = PB_STAGE_TLS;
  failure.error = g_error_copy (*error);
  failure.cert_errors = soup_message_get_tls_peer_certificate_errors (msg);
  failure.host = g_strdup (g_uri_get_host (uri));
  failure.port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443;
  failure.security = PB_SECURITY_TLS;
  if (failure.cert_errors != 0)
    {
      explanation = pb_diagnosis_explain (pb_diagnosis_classify (&failure), &failure);
      if (explanation != NULL && explanation->title != NULL)
        g_prefix_error (error, "%s: ", explanation->title);
    }
  pb_failure_clear (&failure);
}

static void
message_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result,
                                                            &error);
  guint status;
  goffset length;

  if (stream == NULL)
    {
      /* Most domains run no autoconfig server at all: no such name and a refused
       * connection mean "nothing here"; TLS and other errors are failures worth showing. */
      if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        {
          g_autofree char *reason = g_strdup_printf ("%s: %s", fetch->url, error->message);

          return_nothing (task, reason);
        }
      else
        {
          if (error->domain == G_TLS_ERROR)
            describe_certificate (fetch->msg, &error);
          return_failure (task, g_steal_pointer (&error), fetch->url);
        }
      return;
    }

  status = soup_message_get_status (fetch->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != 304)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      follow_redirect (g_steal_pointer (&task));
      return;
    }
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE ||
      status == SOUP_STATUS_FORBIDDEN)
    {
      g_autofree char *reason = g_strdup_printf (_("%s: not there (HTTP %u)"), fetch->url, status);

      return_nothing (task, reason);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      return_failure (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("HTTP status %u %s"),
                                         status, soup_message_get_reason_phrase (fetch->msg)),
                      fetch->url);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->msg));
  if (length > PB_DISCOVERY_MAX_BODY)
    {
      return_failure (task, g_error_new (PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_TOO_LARGE,
                                         _("The answer is larger than %u KiB"),
                                         PB_DISCOVERY_MAX_BODY / 1024), fetch->url);
      return;
    }

  fetch->stream = g_steal_pointer (&stream);
  fetch->body = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static void
fetch_start (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  PbDiscoveryContext *ctx = pb_discovery_source_task_get_context (task);
  g_autoptr(GUri) uri = g_uri_parse (fetch->url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || !scheme_allowed (fetch, uri))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Not an HTTPS address: %s"), fetch->url);
      g_object_unref (task);
      return;
    }
  g_clear_object (&fetch->msg);
  fetch->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* Redirects are followed by hand: counted, and never downgraded to HTTP. */
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (fetch->msg), "Accept",
                                "application/xml, text/xml;q=0.9, */*;q=0.1");
  soup_session_send_async (ctx->session, fetch->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), message_sent, task);
}

static void
fetch_config (PbDiscoveryContext  *ctx,
              const char          *url,
              gboolean             allow_plain,
              gboolean             reviewed,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = pb_discovery_source_task_new (ctx, pb_discovery_fetch_config_async, cancellable,
                                              callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->url = g_strdup (url);
  fetch->allow_plain = allow_plain;
  fetch->reviewed = reviewed;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch_start (task);
}

void
pb_discovery_fetch_config_async (PbDiscoveryContext  *ctx,
                                 const char          *url,
                                 gboolean             allow_plain,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  fetch_config (ctx, url, allow_plain, FALSE, cancellable, callback, user_data);
}

char *
pb_discovery_ispdb_url (const char *base_url,
                        const char *domain)
{
  return g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/", domain, NULL);
}

void
pb_discovery_ispdb_async (PbDiscoveryContext  *ctx,
                          const char          *domain,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *url = pb_discovery_ispdb_url (ctx->ispdb_base_url, domain);

  /* The ISPDB is reviewed data under a base URL the user (or we) chose, never the domain's
   * own web space: its domain list is the one a remote file may vouch with. */
  fetch_config (ctx, url, FALSE, TRUE, cancellable, callback, user_data);
}

/* Autoconfig: two addresses asked at once; the autoconfig.<d> one is preferred. */

enum { AUTOCONFIG_SUBDOMAIN, AUTOCONFIG_WELL_KNOWN, N_AUTOCONFIG_URLS };

typedef struct {
  PbSourceAnswer *answers[N_AUTOCONFIG_URLS];
  GError         *errors[N_AUTOCONFIG_URLS];
  gboolean        done[N_AUTOCONFIG_URLS];
  gboolean        returned;
} Autoconfig;

static void
autoconfig_free (Autoconfig *ac)
{
  for (guint i = 0; i < N_AUTOCONFIG_URLS; i++)
    {
      pb_source_answer_free (ac->answers[i]);
      g_clear_error (&ac->errors[i]);
    }
  g_free (ac);
}

static gboolean
found (Autoconfig *ac,
       guint       i)
{
  return ac->done[i] && ac->answers[i] != NULL && ac->answers[i]->config != NULL;
}

static void
autoconfig_settle (GTask *task)
{
  Autoconfig *ac = g_task_get_task_data (task);
  g_autoptr(GString) reasons = g_string_new (NULL);
  guint pick;

  if (ac->returned)
    return;
  if (found (ac, AUTOCONFIG_SUBDOMAIN))
    pick = AUTOCONFIG_SUBDOMAIN;
  else if (ac->done[AUTOCONFIG_SUBDOMAIN] && found (ac, AUTOCONFIG_WELL_KNOWN))
    pick = AUTOCONFIG_WELL_KNOWN;
  else if (!ac->done[AUTOCONFIG_SUBDOMAIN] || !ac->done[AUTOCONFIG_WELL_KNOWN])
    return;
  else
    {
      ac->returned = TRUE;
      /* Neither found anything: an error (bad certificate, broken XML) outweighs a 404. */
      for (guint i = 0; i < N_AUTOCONFIG_URLS; i++)
        {
          if (ac->errors[i] != NULL)
            {
              g_task_return_error (task, g_steal_pointer (&ac->errors[i]));
              return;
            }
        }
      for (guint i = 0; i < N_AUTOCONFIG_URLS; i++)
        g_string_append_printf (reasons, "%s%s", i > 0 ? "; " : "", ac->answers[i]->reason);
      return_nothing (task, reasons->str);
      return;
    }
  ac->returned = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&ac->answers[pick]),
                         (GDestroyNotify) pb_source_answer_free);
}

typedef struct {
  GTask *task;
  guint  index;
} AutoconfigCall;

static void
autoconfig_fetched (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AutoconfigCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  Autoconfig *ac = g_task_get_task_data (task);
  guint i = call->index;

  g_free (call);
  ac->answers[i] = pb_discovery_source_finish (result, &ac->errors[i]);
  ac->done[i] = TRUE;
  autoconfig_settle (task);
}

void
pb_discovery_autoconfig_async (PbDiscoveryContext  *ctx,
                               gboolean             plain_http,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = pb_discovery_source_task_new (ctx, pb_discovery_autoconfig_async,
                                                        cancellable, callback, user_data);
  const char *scheme = plain_http ? "http" : "https";
  const char *domain = ctx->address->domain;
  g_autofree char *escaped = g_uri_escape_string (ctx->address->address, NULL, FALSE);
  g_autofree char *subdomain = NULL;
  char *urls[N_AUTOCONFIG_URLS];

  g_task_set_task_data (task, g_new0 (Autoconfig, 1), (GDestroyNotify) autoconfig_free);
  subdomain = pb_autoconfig_publish_url (scheme, domain, FALSE);
  urls[AUTOCONFIG_SUBDOMAIN] = g_strdup_printf ("%s?emailaddress=%s", subdomain, escaped);
  urls[AUTOCONFIG_WELL_KNOWN] = pb_autoconfig_publish_url (scheme, domain, TRUE);
  for (guint i = 0; i < N_AUTOCONFIG_URLS; i++)
    {
      AutoconfigCall *call = g_new0 (AutoconfigCall, 1);

      call->task = g_object_ref (task);
      call->index = i;
      pb_discovery_fetch_config_async (ctx, urls[i], plain_http, cancellable,
                                       autoconfig_fetched, call);
      g_free (urls[i]);
    }
}

/* The sources of a discovery run, in the shape it starts them. */

void
pb_discovery_autoconfig_source_async (PbDiscoveryContext  *ctx,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  pb_discovery_autoconfig_async (ctx, FALSE, cancellable, callback, user_data);
}

void
pb_discovery_autoconfig_http_source_async (PbDiscoveryContext  *ctx,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  pb_discovery_autoconfig_async (ctx, TRUE, cancellable, callback, user_data);
}

void
pb_discovery_ispdb_source_async (PbDiscoveryContext  *ctx,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  pb_discovery_ispdb_async (ctx, ctx->address->domain, cancellable, callback, user_data);
}
