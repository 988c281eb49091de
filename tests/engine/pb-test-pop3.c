/* pb-test-pop3.c: a POP3 client talking to a scripted server (pb-test-pop3.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "pb-test-pop3.h"
#include "pb-test-util.h"

static void
peer_write (Session    *s,
            const char *text)
{
  gsize len = strlen (text);

  g_assert_cmpint (write (s->peer, text, len), ==, (gssize) len);
}

static void
answer (Session    *s,
        const char *line)
{
  const Step *step = s->step < s->n_steps ? &s->script[s->step] : NULL;

  if (step == NULL || !g_str_has_prefix (line, step->command))
    {
      peer_write (s, "-ERR not in the script\r\n");
      return;
    }
  s->step++;
  peer_write (s, step->reply);
}

static gboolean
on_peer_input (gint         fd,
               GIOCondition condition,
               gpointer     user_data)
{
  Session *s = user_data;
  char buf[4096];
  gssize n = read (fd, buf, sizeof buf);
  const char *nl;

  if (n <= 0)
    {
      s->watch = 0;
      return G_SOURCE_REMOVE;
    }
  g_string_append_len (s->input, buf, n);
  while ((nl = memchr (s->input->str, '\n', s->input->len)) != NULL)
    {
      gsize len = nl - s->input->str;
      char *line = g_strndup (s->input->str, len > 0 && nl[-1] == '\r' ? len - 1 : len);

      g_string_erase (s->input, 0, len + 1);
      g_ptr_array_add (s->received, line);
      answer (s, line);
    }
  return G_SOURCE_CONTINUE;
}

void
session_init (Session    *s,
              PbSecurity  security,
              const Step *script,
              guint       n_steps)
{
  memset (s, 0, sizeof *s);
  s->local = pb_test_socketpair (&s->peer);
  s->client = pb_pop3_client_new ("pop.example.test", 110, security);
  s->input = g_string_new (NULL);
  s->received = g_ptr_array_new_with_free_func (g_free);
  s->script = script;
  s->n_steps = n_steps;
  s->watch = g_unix_fd_add (s->peer, G_IO_IN, on_peer_input, s);
  g_assert_null (script[0].command);
  s->step = 1;
  peer_write (s, script[0].reply);
}

void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *s = user_data;

  g_clear_error (&s->error);
  s->ok = pb_pop3_client_finish (PB_POP3_CLIENT (source), result, &s->error);
  s->done = TRUE;
}

void
wait_done (Session *s)
{
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
  /* Whatever the client sent last reaches the server's end. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  s->done = FALSE;
}

gboolean
run_connect (Session *s)
{
  pb_pop3_client_connect_on_connection_async (s->client, s->local, NULL, on_done, s);
  wait_done (s);
  return s->ok;
}

gboolean
run_login (Session      *s,
           PbAuthMethod  method,
           const char   *user,
           const char   *password)
{
  pb_pop3_client_set_allow_plaintext_auth (s->client, TRUE);
  pb_pop3_client_authenticate_async (s->client, method, user, password, NULL, on_done, s);
  wait_done (s);
  return s->ok;
}

void
session_clear (Session *s)
{
  if (s->watch != 0)
    g_source_remove (s->watch);
  g_clear_object (&s->client);
  g_io_stream_close (G_IO_STREAM (s->local), NULL, NULL);
  g_clear_object (&s->local);
  close (s->peer);
  g_string_free (s->input, TRUE);
  g_ptr_array_unref (s->received);
  g_clear_error (&s->error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

const PbFailure *
failure (Session *s)
{
  return pb_pop3_client_get_failure (s->client);
}

gboolean
transcript_has (Session    *s,
                char        direction,
                const char *text)
{
  PbConnection *connection = pb_pop3_client_get_connection (s->client);

  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             direction, text);
}

gboolean
received_starts_with (Session    *s,
                      const char *prefix)
{
  for (guint i = 0; i < s->received->len; i++)
    {
      if (g_str_has_prefix (s->received->pdata[i], prefix))
        return TRUE;
    }
  return FALSE;
}
