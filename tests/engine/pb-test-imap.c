/* pb-test-imap.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-test-imap.h"
#include "pb-test-util.h"

void
session_on_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Session *s = user_data;

  s->result = g_object_ref (result);
  s->done = TRUE;
}

static void
wait_done (Session *s)
{
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
  s->done = FALSE;
}

void
session_start (Session             *s,
               PbSecurity           security,
               const char * const  *script)
{
  g_autoptr(GSocketConnection) local = NULL;

  memset (s, 0, sizeof *s);
  s->peer = pb_test_peer_start (script, &local);
  s->client = pb_imap_client_new ("imap.example.test", 143, security);
  pb_imap_client_set_timeouts (s->client, 2000, 10000);
  pb_imap_client_connect_on_connection_async (s->client, local, NULL, session_on_done, s);
  wait_done (s);
}

gboolean
session_finish_connect (Session  *s,
                        GError  **error)
{
  gboolean ok = pb_imap_client_connect_finish (s->client, s->result, error);

  g_clear_object (&s->result);
  return ok;
}

gboolean
session_finish_command (Session  *s,
                        GError  **error)
{
  gboolean ok;

  wait_done (s);
  ok = pb_imap_client_command_finish (s->client, s->result, error);
  g_clear_object (&s->result);
  return ok;
}

void
session_end (Session *s)
{
  g_clear_object (&s->client);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  s->n_received = pb_test_peer_stop (s->peer);
  g_clear_pointer (&s->peer, pb_test_peer_free);
}

const char *
session_received (Session *s,
                  guint    i)
{
  return pb_test_peer_received (s->peer, i);
}

gboolean
session_transcript_has (Session    *s,
                        char        direction,
                        const char *needle)
{
  PbConnection *connection = pb_imap_client_get_connection (s->client);

  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             direction, needle);
}
