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

struct _PbTestHttps {
  SoupServer      *server;
  GTlsCertificate *certificate;
  guint16          port;
  GHashTable      *paths;     /* path without "/" -> Path */
};

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

/* Headers that promise 1000 bytes, then 10 and the close. */
static void
send_cut (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000\r\n\r\n{\"access_t";

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head), NULL,
                             NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *uri_path,
        GHashTable        *query,
        gpointer           user_data)
{
  PbTestHttps *self = user_data;
  Path *path = path_of (self, uri_path + 1);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  gboolean popped = path->answers.length > 1;
  Answer *answer;

  path->requests++;
  g_free (path->last_body);
  path->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  answer = popped ? g_queue_pop_head (&path->answers) : g_queue_peek_head (&path->answers);
  if (answer == NULL)
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (answer->status == PB_TEST_HTTPS_CUT)
    send_cut (msg);
  else
    {
      soup_server_message_set_status (msg, answer->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        answer->body, strlen (answer->body));
    }
  if (popped)
    answer_free (answer);
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
  g_autoptr(GError) error = NULL;
  PbTestHttps *self;
  GSList *uris;

  g_rmdir (dir);
  if (certificate == NULL)
    {
      pb_test_skip_harness ("certtool (gnutls-bin) is missing");
      return NULL;
    }
  self = g_new0 (PbTestHttps, 1);
  self->certificate = g_steal_pointer (&certificate);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) path_free);
  self->server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  g_assert_true (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
pb_test_https_free (PbTestHttps *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_object_unref (self->certificate);
  g_hash_table_unref (self->paths);
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
  g_queue_push_tail (&path_of (self, path)->answers, answer);
}

guint
pb_test_https_requests (PbTestHttps *self,
                        const char  *path)
{
  return path_of (self, path)->requests;
}

const char *
pb_test_https_last_body (PbTestHttps *self,
                         const char  *path)
{
  return path_of (self, path)->last_body;
}
