/* pb-oauth-http.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-oauth-error.h"
#include "pb-oauth-http.h"
#include "pb-oauth-issuer.h"
#include "pb-secret.h"

typedef struct {
  GByteArray *body;
  gsize       max;
} Read;

static void
read_free (Read *read)
{
  if (read->body->len > 0)
    explicit_bzero (read->body->data, read->body->len);
  g_byte_array_unref (read->body);
  g_free (read);
}

/* The body, NUL-terminated beyond its length and wiped when freed: a registration's
 * answer holds the client's secret. */
static GBytes *
steal_body (Read *read)
{
  guint8 nul = 0;
  gsize len = read->body->len;
  char *data;

  g_byte_array_append (read->body, &nul, 1);
  data = (char *) g_byte_array_steal (read->body, NULL);
  return g_bytes_new_with_free_func (data, len, (GDestroyNotify) pb_secret_free, data);
}

static void
on_chunk (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, steal_body (read), (GDestroyNotify) g_bytes_unref);
      return;
    }
  g_byte_array_append (read->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (read->body->len > read->max)
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                               _("The sign-in server’s answer is too large"));
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 4096, G_PRIORITY_DEFAULT,
                                   cancellable, on_chunk,
                                   g_steal_pointer (&task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result,
                                                             &error);

  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_input_stream_read_bytes_async (stream, 4096, G_PRIORITY_DEFAULT,
                                   cancellable, on_chunk,
                                   g_steal_pointer (&task));
}

void
pb_oauth_http_send_async (SoupSession         *session,
                          SoupMessage         *msg,
                          gsize                max,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  Read *read;

  g_return_if_fail (SOUP_IS_SESSION (session) && SOUP_IS_MESSAGE (msg));

  g_task_set_source_tag (task, pb_oauth_http_send_async);
  url = g_uri_to_string (soup_message_get_uri (msg));
  if (!pb_oauth_url_is_https (url))
    {
      g_task_return_new_error (task, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL,
                               _("The sign-in server’s address is not an https address"));
      return;
    }
  read = g_new0 (Read, 1);
  read->body = g_byte_array_new ();
  read->max = max;
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, on_sent,
                           g_steal_pointer (&task));
}

GBytes *
pb_oauth_http_send_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
