/* pb-oauth-loopback.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-oauth-loopback.h"

struct _PbOAuthLoopback
{
  GObject          parent_instance;

  GSocketListener *listener;
  char            *redirect_uri;
  GTask           *wait;        /* the wait under way, or NULL */
  char            *state;
  GCancellable    *listening;   /* the wait's accepts and reads: cancelled when it ends */
  gulong           cancel_id;   /* on the caller's cancellable */
  guint            timeout_ms;  /* 0: none */
  GSource         *timeout;     /* the wait's, while it runs */
  GQueue           open;        /* Request, the oldest first */
};

G_DEFINE_FINAL_TYPE (PbOAuthLoopback, pb_oauth_loopback, G_TYPE_OBJECT)

/* One browser connection: its request head is read, answered, and the connection closed. */
typedef struct {
  PbOAuthLoopback   *self;
  GSocketConnection *connection;
  GByteArray        *head;
  GList             *link;      /* in open; NULL once dropped from it */
  guint8             buffer[1024];
} Request;

static void accept_next (PbOAuthLoopback *self);

static void
request_free (Request *request)
{
  if (request->link != NULL)
    g_queue_delete_link (&request->self->open, request->link);
  g_object_unref (request->self);
  g_object_unref (request->connection);
  /* The head held the code. */
  if (request->head->len > 0)
    explicit_bzero (request->head->data, request->head->len);
  g_byte_array_unref (request->head);
  g_free (request);
}

static void
on_answered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (request->connection), NULL, NULL);
  request_free (request);
}

/* A complete HTTP/1.1 answer with a small page; the connection closes after it. */
static void
answer (Request    *request,
        const char *status,
        const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                           "<title>Postbote</title></head><body><p>%s</p>"
                                           "</body></html>\n", escaped);
  char *reply = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: text/html; charset=utf-8\r\n"
                                 "Cache-Control: no-store\r\nConnection: close\r\n"
                                 "Content-Length: %zu\r\n\r\n%s", status, strlen (page), page);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (request->connection));

  g_object_set_data_full (G_OBJECT (request->connection), "pb-reply", reply, g_free);
  g_output_stream_write_all_async (out, reply, strlen (reply), G_PRIORITY_DEFAULT, NULL,
                                   on_answered, request);
}

static void
finish_wait (PbOAuthLoopback *self,
             char            *code,
             GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->wait);

  /* The wait is over: no more connections, and those that never spoke are dropped. */
  if (self->timeout != NULL)
    g_source_destroy (self->timeout);
  g_clear_pointer (&self->timeout, g_source_unref);
  if (task != NULL)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancel_id);
      self->cancel_id = 0;
      g_cancellable_cancel (self->listening);
    }
  if (task == NULL)
    {
      g_free (code);
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, g_free);
}

/* The target of "GET /?code=…&state=… HTTP/1.1": its query's parameters, or NULL when
 * the request is not a GET of "/". */
static GHashTable *
redirect_params (const char *head)
{
  g_autofree char *line = g_strndup (head, strcspn (head, "\r\n"));
  g_auto(GStrv) words = g_strsplit (line, " ", 4);
  const char *query;

  if (g_strv_length (words) != 3 || g_strcmp0 (words[0], "GET") != 0 ||
      !g_str_has_prefix (words[2], "HTTP/1.") || words[1][0] != '/')
    return NULL;
  query = strchr (words[1], '?');
  if (query == NULL || (gsize) (query - words[1]) != 1)
    return NULL;
  return g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
}

/* The server's error and description as the person may read them: printable ASCII (RFC
 * 6749 4.1.2.1 allows no more), cut short. */
static GError *
denied (const char *error,
        const char *description)
{
  g_autofree char *text = g_strdup_printf ("%.64s%s%.300s", error,
                                           description != NULL ? ": " : "",
                                           description != NULL ? description : "");

  g_strcanon (text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
                    "!#$%&'()*+,-./:;<=>?@[]^_`{|}~\"", '?');
  return g_error_new_literal (PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED, text);
}

static void
handle (Request *request)
{
  PbOAuthLoopback *self = request->self;
  g_autoptr(GHashTable) params = redirect_params ((const char *) request->head->data);
  const char *state = params != NULL ? g_hash_table_lookup (params, "state") : NULL;
  const char *code = params != NULL ? g_hash_table_lookup (params, "code") : NULL;
  const char *error = params != NULL ? g_hash_table_lookup (params, "error") : NULL;
  const char *description = params != NULL ? g_hash_table_lookup (params,
                                                                  "error_description") : NULL;

  if (params == NULL)
    {
      answer (request, "404 Not Found", _("Nothing here."));
      return;
    }
  if (self->wait == NULL || self->state == NULL || g_strcmp0 (state, self->state) != 0 ||
      (code == NULL && error == NULL))
    {
      answer (request, "400 Bad Request",
              _("This is not the sign-in Postbote is waiting for. Start it again in "
                "Postbote."));
      return;
    }
  if (error != NULL)
    {
      answer (request, "200 OK", _("The sign-in did not succeed. Return to Postbote to see why."));
      finish_wait (self, NULL, denied (error, description));
      return;
    }
  answer (request, "200 OK", _("You are signed in. Return to Postbote; you can close this "
                               "page."));
  finish_wait (self, g_strdup (code), NULL);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *request = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  guint8 nul = 0;

  if (n <= 0)
    {
      request_free (request);
      return;
    }
  g_byte_array_append (request->head, request->buffer, n);
  if (request->head->len > PB_OAUTH_LOOPBACK_MAX_REQUEST)
    {
      answer (request, "431 Request Header Fields Too Large", _("Nothing here."));
      return;
    }
  g_byte_array_append (request->head, &nul, 1);
  g_byte_array_set_size (request->head, request->head->len - 1);
  if (strstr ((const char *) request->head->data, "\r\n\r\n") != NULL ||
      strstr ((const char *) request->head->data, "\n\n") != NULL)
    {
      handle (request);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), request->buffer, sizeof request->buffer,
                             G_PRIORITY_DEFAULT, request->self->listening, on_read, request);
}

static void
on_accepted (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbOAuthLoopback) self = user_data;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;
  Request *request;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL,
                                                &error);
  if (connection == NULL)
    {
      finish_wait (self, NULL, g_steal_pointer (&error));
      return;
    }
  /* A browser may open more than one connection (a preconnect that never speaks): each is
   * read on its own while the next is accepted, for a while, and only so many at once. */
  if (self->open.length >= PB_OAUTH_LOOPBACK_MAX_CONNECTIONS)
    {
      Request *oldest = g_queue_pop_head (&self->open);

      /* Its read ends, and it goes (request_free). */
      oldest->link = NULL;
      g_socket_shutdown (g_socket_connection_get_socket (oldest->connection), TRUE, TRUE, NULL);
    }
  g_socket_set_timeout (g_socket_connection_get_socket (connection),
                        PB_OAUTH_LOOPBACK_IDLE_TIMEOUT_S);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->connection = connection;
  request->head = g_byte_array_new ();
  g_queue_push_tail (&self->open, request);
  request->link = self->open.tail;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             request->buffer, sizeof request->buffer, G_PRIORITY_DEFAULT,
                             self->listening, on_read, request);
  accept_next (self);
}

static void
accept_next (PbOAuthLoopback *self)
{
  if (self->wait == NULL)
    return;
  g_socket_listener_accept_async (self->listener, self->listening, on_accepted,
                                  g_object_ref (self));
}

/* The caller's cancel ends the wait's accepts and reads. */
static gboolean
on_timeout (gpointer user_data)
{
  PbOAuthLoopback *self = user_data;

  finish_wait (self, NULL, g_error_new_literal (PB_OAUTH_ERROR, PB_OAUTH_ERROR_TIMED_OUT,
                                                _("The sign-in in the browser did not finish "
                                                  "in time")));
  return G_SOURCE_REMOVE;
}

void
pb_oauth_loopback_set_timeout (PbOAuthLoopback *self,
                               guint            timeout_ms)
{
  g_return_if_fail (PB_IS_OAUTH_LOOPBACK (self));
  self->timeout_ms = timeout_ms;
}

static void
cancel_listening (GCancellable *cancellable,
                  gpointer      listening)
{
  g_cancellable_cancel (listening);
}

void
pb_oauth_loopback_wait_async (PbOAuthLoopback     *self,
                              const char          *state,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PB_IS_OAUTH_LOOPBACK (self));
  g_return_if_fail (state != NULL && self->wait == NULL);

  self->wait = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->wait, pb_oauth_loopback_wait_async);
  g_free (self->state);
  self->state = g_strdup (state);
  g_clear_object (&self->listening);
  self->listening = g_cancellable_new ();
  if (cancellable != NULL)
    self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_listening),
                                             g_object_ref (self->listening), g_object_unref);
  if (self->timeout_ms != 0)
    {
      /* The wait's task holds self: the source can point at it without a reference. */
      self->timeout = g_timeout_source_new (self->timeout_ms);
      g_source_set_callback (self->timeout, on_timeout, self, NULL);
      g_source_attach (self->timeout, g_task_get_context (self->wait));
    }
  accept_next (self);
}

char *
pb_oauth_loopback_wait_finish (PbOAuthLoopback  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Listens on 127.0.0.1:port (0: a port the system picks). */
static gboolean
listen_on (PbOAuthLoopback  *self,
           guint16           port,
           GError          **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocketAddress) bound = NULL;

  if (!g_socket_listener_add_address (self->listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &bound, error))
    return FALSE;
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/",
                                        g_inet_socket_address_get_port (
                                          G_INET_SOCKET_ADDRESS (bound)));
  return TRUE;
}

PbOAuthLoopback *
pb_oauth_loopback_new (GError **error)
{
  return pb_oauth_loopback_new_on_ports (NULL, 0, error);
}

PbOAuthLoopback *
pb_oauth_loopback_new_on_ports (const guint16  *ports,
                                guint           n_ports,
                                GError        **error)
{
  g_autoptr(PbOAuthLoopback) self = g_object_new (PB_TYPE_OAUTH_LOOPBACK, NULL);
  g_autoptr(GError) last = NULL;

  if (n_ports == 0)
    return listen_on (self, 0, error) ? g_steal_pointer (&self) : NULL;
  for (guint i = 0; i < n_ports; i++)
    {
      g_clear_error (&last);
      if (listen_on (self, ports[i], &last))
        return g_steal_pointer (&self);
    }
  g_propagate_error (error, g_steal_pointer (&last));
  return NULL;
}

const char *
pb_oauth_loopback_get_redirect_uri (PbOAuthLoopback *self)
{
  g_return_val_if_fail (PB_IS_OAUTH_LOOPBACK (self), NULL);
  return self->redirect_uri;
}

static void
pb_oauth_loopback_finalize (GObject *object)
{
  PbOAuthLoopback *self = PB_OAUTH_LOOPBACK (object);

  g_socket_listener_close (self->listener);
  g_object_unref (self->listener);
  g_clear_object (&self->listening);
  g_free (self->redirect_uri);
  g_free (self->state);
  G_OBJECT_CLASS (pb_oauth_loopback_parent_class)->finalize (object);
}

static void
pb_oauth_loopback_class_init (PbOAuthLoopbackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_oauth_loopback_finalize;
}

static void
pb_oauth_loopback_init (PbOAuthLoopback *self)
{
  self->listener = g_socket_listener_new ();
}
