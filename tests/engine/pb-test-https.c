/* pb-test-https.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-test-https.h"
#include "pb-test-util.h"

typedef struct {
  guint  status;
  char  *body;
} Answer;

typedef struct {
  GQueue  answers;    /* Answer; the last one stays */
  guint   requests;
  char   *last_body;
} Path;

/* The server is a listening socket and a thread per connection that speaks TLS and
 * HTTP/1.1 with blocking calls: one request, one answer, then the close. (libsoup's
 * SoupServer leaks its listener's address and each accepted socket, which LeakSanitizer
 * and Valgrind rightly report.) */
struct _PbTestHttps {
  GSocketListener *listener;
  GCancellable    *stopping;
  GTlsCertificate *certificate;
  guint16          port;
  GMutex           lock;      /* paths */
  GHashTable      *paths;     /* path without "/" -> Path */
  GPtrArray       *threads;   /* GThread, one per connection */
};

typedef struct {
  PbTestHttps       *self;
  GSocketConnection *connection;
} Visit;

static void
answer_free (Answer *answer)
{
  g_free (answer->body);
  g_free (answer);
}

static void
path_free (Path *path)
{
  g_queue_clear_full (&path->answers, (GDestroyNotify) answer_free);
  g_free (path->last_body);
  g_free (path);
}

/* With self->lock held. */
static Path *
path_of (PbTestHttps *self,
         const char  *name)
{
  Path *path = g_hash_table_lookup (self->paths, name);

  if (path == NULL)
    {
      path = g_new0 (Path, 1);
      g_hash_table_insert (self->paths, g_strdup (name), path);
    }
  return path;
}

/* The request's path (without "/") and body; FALSE when it is not a request. */
static gboolean
read_request (GInputStream  *input,
              char         **path,
              char         **body)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (input);
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  gsize length = 0;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  line = g_data_input_stream_read_line (data, NULL, NULL, NULL);
  if (line == NULL)
    return FALSE;
  words = g_strsplit (line, " ", 3);
  if (g_strv_length (words) != 3 || words[1][0] != '/')
    return FALSE;
  for (;;)
    {
      g_autofree char *header = g_data_input_stream_read_line (data, NULL, NULL, NULL);

      if (header == NULL)
        return FALSE;
      if (*header == '\0')
        break;
      if (g_ascii_strncasecmp (header, "Content-Length:", 15) == 0)
        length = g_ascii_strtoull (header + 15, NULL, 10);
    }
  *body = g_malloc0 (length + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (data), *body, length, NULL, NULL, NULL))
    g_clear_pointer (body, g_free);
  *path = g_strdup (words[1] + 1);
  return *body != NULL;
}

/* The head and body of path's next answer. */
static char *
answer_text (Path *path)
{
  Answer *answer = g_queue_peek_head (&path->answers);
  char *text;

  if (answer == NULL)
    return g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  if (answer->status == PB_TEST_HTTPS_CUT)
    /* Headers that promise 1000 bytes, then 10 and the close. (With "Connection: close"
     * libsoup would take the close for the body's end.) */
    text = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000\r\n\r\n{\"access_t");
  else
    text = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                            "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                            answer->status, soup_status_get_phrase (answer->status),
                            strlen (answer->body), answer->body);
  if (path->answers.length > 1)
    answer_free (g_queue_pop_head (&path->answers));
  return text;
}

/* Counts the request to name, keeps its body, and gives the answer's text. */
static char *
respond (PbTestHttps *self,
         const char  *name,
         char        *body)
{
  Path *path;
  char *text;

  g_mutex_lock (&self->lock);
  path = path_of (self, name);
  path->requests++;
  g_free (path->last_body);
  path->last_body = body;
  text = answer_text (path);
  g_mutex_unlock (&self->lock);
  return text;
}

/* A connection's thread: the handshake, one request, its answer, the close. */
static gpointer
serve (gpointer data)
{
  Visit *visit = data;
  PbTestHttps *self = visit->self;
  g_autoptr(GIOStream) tls = NULL;
  g_autofree char *name = NULL;
  char *body = NULL;

  tls = g_tls_server_connection_new (G_IO_STREAM (visit->connection), self->certificate, NULL);
  if (tls != NULL && g_tls_connection_handshake (G_TLS_CONNECTION (tls), self->stopping, NULL) &&
      read_request (g_io_stream_get_input_stream (tls), &name, &body))
    {
      g_autofree char *text = respond (self, name, body);

      g_output_stream_write_all (g_io_stream_get_output_stream (tls), text, strlen (text),
                                 NULL, NULL, NULL);
    }
  /* Closing the TLS stream closes the connection under it. */
  g_io_stream_close (tls != NULL ? tls : G_IO_STREAM (visit->connection), NULL, NULL);
  g_object_unref (visit->connection);
  g_free (visit);
  return NULL;
}

static void
on_accepted (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  PbTestHttps *self = user_data;
  GSocketConnection *connection;
  Visit *visit;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), res, NULL, NULL);
  if (connection == NULL)
    return;   /* stopping */
  /* A client that goes silent cannot keep the test waiting on free. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 30);
  visit = g_new0 (Visit, 1);
  visit->self = self;
  visit->connection = connection;
  g_ptr_array_add (self->threads, g_thread_new ("pb-test-https", serve, visit));
  g_socket_listener_accept_async (self->listener, self->stopping, on_accepted, self);
}

/* A key and a self-signed certificate for 127.0.0.1, in dir. */
static GTlsCertificate *
make_certificate (const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *template = g_build_filename (dir, "template", NULL);
  const char *key_argv[] = { "certtool", "--generate-privkey", "--key-type", "ecdsa",
                             "--outfile", key, NULL };
  const char *cert_argv[] = { "certtool", "--generate-self-signed", "--load-privkey", key,
                              "--template", template, "--outfile", cert, NULL };
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  int status = 0;

  g_assert_true (g_file_set_contents (template, "cn = 127.0.0.1\nip_address = 127.0.0.1\n"
                                      "expiration_days = 2\ntls_www_server\nsigning_key\n",
                                      -1, NULL));
  if (!g_spawn_sync (NULL, (char **) key_argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) cert_argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                               NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_unlink (key);
  g_unlink (cert);
  g_unlink (template);
  return certificate;
}

PbTestHttps *
pb_test_https_new (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-test-https-XXXXXX", NULL);
  g_autoptr(GTlsCertificate) certificate = make_certificate (dir);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  PbTestHttps *self;

  g_rmdir (dir);
  if (certificate == NULL)
    {
      pb_test_skip_harness ("certtool (gnutls-bin) is missing");
      return NULL;
    }
  self = g_new0 (PbTestHttps, 1);
  self->certificate = g_steal_pointer (&certificate);
  g_mutex_init (&self->lock);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) path_free);
  self->threads = g_ptr_array_new ();
  self->stopping = g_cancellable_new ();
  self->listener = g_socket_listener_new ();
  g_assert_true (g_socket_listener_add_address (self->listener, any_port, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_listener_accept_async (self->listener, self->stopping, on_accepted, self);
  return self;
}

void
pb_test_https_free (PbTestHttps *self)
{
  g_cancellable_cancel (self->stopping);
  g_socket_listener_close (self->listener);
  /* The accept that was waiting ends with the cancellation. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_foreach (self->threads, (GFunc) g_thread_join, NULL);
  g_ptr_array_unref (self->threads);
  g_object_unref (self->listener);
  g_object_unref (self->stopping);
  g_object_unref (self->certificate);
  g_hash_table_unref (self->paths);
  g_mutex_clear (&self->lock);
  g_free (self);
}

char *
pb_test_https_url (PbTestHttps *self,
                   const char  *path)
{
  return g_strdup_printf ("https://127.0.0.1:%u/%s", self->port, path);
}

static gboolean
accept_ours (SoupMessage          *msg,
             GTlsCertificate      *certificate,
             GTlsCertificateFlags  errors,
             gpointer              user_data)
{
  PbTestHttps *self = user_data;

  return g_tls_certificate_is_same (certificate, self->certificate);
}

static void
on_queued (SoupSession *session,
           SoupMessage *msg,
           gpointer     user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_ours), user_data);
}

SoupSession *
pb_test_https_session (PbTestHttps *self)
{
  SoupSession *session = soup_session_new ();

  g_signal_connect (session, "request-queued", G_CALLBACK (on_queued), self);
  return session;
}

void
pb_test_https_answer (PbTestHttps *self,
                      const char  *path,
                      guint        status,
                      const char  *body)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->status = status;
  answer->body = g_strdup (body != NULL ? body : "");
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&path_of (self, path)->answers, answer);
  g_mutex_unlock (&self->lock);
}

guint
pb_test_https_requests (PbTestHttps *self,
                        const char  *path)
{
  guint requests;

  g_mutex_lock (&self->lock);
  requests = path_of (self, path)->requests;
  g_mutex_unlock (&self->lock);
  return requests;
}

const char *
pb_test_https_last_body (PbTestHttps *self,
                         const char  *path)
{
  const char *body;

  /* The text stays until the next request to path, which the test itself makes. */
  g_mutex_lock (&self->lock);
  body = path_of (self, path)->last_body;
  g_mutex_unlock (&self->lock);
  return body;
}
