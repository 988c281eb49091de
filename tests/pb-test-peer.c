/* pb-test-peer.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pb-test-peer.h"
#include "pb-test-util.h"

struct _PbTestPeer
{
  int                  fd;
  const char * const  *script;
  GPtrArray           *received;
  GThread             *thread;
};

static char *
read_client_line (int fd)
{
  GString *line = g_string_new (NULL);
  char c;

  while (read (fd, &c, 1) == 1)
    {
      if (c == '\n')
        return g_string_free (line, FALSE);
      if (c != '\r')
        g_string_append_c (line, c);
    }
  g_string_free (line, TRUE);
  return NULL;
}

static gpointer
peer_run (gpointer data)
{
  PbTestPeer *peer = data;

  for (guint i = 0; peer->script[i] != NULL; i++)
    {
      const char *step = peer->script[i];

      if (g_str_has_prefix (step, "S:"))
        {
          gsize len = strlen (step + 2);

          if (write (peer->fd, step + 2, len) != (gssize) len)
            break;
        }
      else
        {
          char *line = read_client_line (peer->fd);

          if (line == NULL)
            break;
          g_ptr_array_add (peer->received, line);
        }
    }
  return NULL;
}

PbTestPeer *
pb_test_peer_start (const char * const  *script,
                    GSocketConnection  **local)
{
  PbTestPeer *peer = g_new0 (PbTestPeer, 1);

  *local = pb_test_socketpair (&peer->fd);
  peer->script = script;
  peer->received = g_ptr_array_new_with_free_func (g_free);
  peer->thread = g_thread_new ("test-peer", peer_run, peer);
  return peer;
}

const char *
pb_test_peer_received (PbTestPeer *peer,
                       guint       i)
{
  return i < peer->received->len ? peer->received->pdata[i] : NULL;
}

guint
pb_test_peer_stop (PbTestPeer *peer)
{
  if (peer->thread != NULL)
    {
      shutdown (peer->fd, SHUT_RDWR);
      g_thread_join (g_steal_pointer (&peer->thread));
      close (peer->fd);
    }
  return peer->received->len;
}

void
pb_test_peer_free (PbTestPeer *peer)
{
  pb_test_peer_stop (peer);
  g_ptr_array_unref (peer->received);
  g_free (peer);
}
