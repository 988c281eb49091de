/* fuzz-smtp-client.c: the whole SMTP client state machine against a scripted byte stream
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first input byte chooses the session (security, AUTH method, dry run, DATA, whether
 * plain-text AUTH is allowed); the rest is everything "the server" says, written into one
 * end of a socketpair that is then shut for writing. The client runs on the other end
 * through pb_smtp_client_connect_on_connection_async(): greeting, EHLO, STARTTLS, AUTH,
 * the mail transaction (MAIL FROM, RCPT TO, then DATA or RSET, pipelined where offered),
 * QUIT, each as long as the previous one succeeded.
 *
 * Besides memory errors this checks the security rules (README.md, “Security”) against any
 * server: no AUTH without TLS unless plain text was allowed (TLS cannot succeed here, no server
 * has a trusted certificate), and the password never in the transcript.
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pb-fuzz.h"
#include "pb-smtp.h"

#define PASSWORD "Fuzz-Secret-9"
#define MAX_SCRIPT (64 * 1024)

typedef struct {
  PbSmtpClient *client;
  gboolean      done;
  gboolean      ok;
} Wait;

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = pb_smtp_client_connect_finish (w->client, result, NULL);
  w->done = TRUE;
}

static void
on_command (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = pb_smtp_client_command_finish (w->client, result, NULL);
  w->done = TRUE;
}

static gboolean
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
  w->done = FALSE;
  return w->ok;
}

static gboolean
contains_password (const char *text)
{
  g_autofree guchar *decoded = NULL;
  gsize len = 0;
  const char *token;

  if (strstr (text, PASSWORD) != NULL)
    return TRUE;
  /* A SASL response is base64, alone on its line or after "AUTH PLAIN ". */
  token = strrchr (text, ' ');
  token = token ? token + 1 : text;
  decoded = g_base64_decode (token, &len);
  return decoded != NULL && len >= strlen (PASSWORD) &&
         memmem (decoded, len, PASSWORD, strlen (PASSWORD)) != NULL;
}

static void
run_session (PbSmtpClient *client,
             GSocketConnection *connection,
             guint8        mode)
{
  static const PbAuthMethod methods[] = {
    PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_PASSWORD_ENCRYPTED, PB_AUTH_OAUTH2, PB_AUTH_NONE,
  };
  PbAuthMethod method = methods[(mode >> 2) & 3];
  Wait w = { client, FALSE, FALSE };

  pb_smtp_client_connect_on_connection_async (client, connection, NULL, on_connected, &w);
  if (!wait_for (&w))
    return;
  if (method != PB_AUTH_NONE)
    {
      pb_smtp_client_authenticate_async (client, method, "user@example.test", PASSWORD, NULL,
                                         on_command, &w);
      if (!wait_for (&w))
        return;
    }
  if (mode & 0x10)
    {
      /* The transaction as the check sends it: pipelined where offered, the message or a
       * dry run's RSET. */
      g_autoptr(GBytes) message = g_bytes_new_static ("Subject: t\n\n.\nbody\n", 19);

      pb_smtp_client_envelope_async (client, "user@example.test",
                                     (mode & 0x40) ? PB_SMTP_MAIL_8BIT : PB_SMTP_MAIL_NONE,
                                     "user@example.test", (mode & 0x20) ? message : NULL,
                                     NULL, on_command, &w);
      if (!wait_for (&w))
        return;
    }
  pb_smtp_client_quit_async (client, NULL, on_command, &w);
  wait_for (&w);
}

static void
check_outcome (PbSmtpClient *client,
               PbSecurity    security,
               gboolean      allow_plaintext)
{
  GPtrArray *transcript = pb_smtp_client_get_transcript (client);
  const PbFailure *failure = pb_smtp_client_get_failure (client);

  if (security != PB_SECURITY_NONE || !allow_plaintext)
    PB_FUZZ_ASSERT (!pb_smtp_client_get_auth_sent (client));
  for (guint i = 0; i < transcript->len; i++)
    {
      PbTranscriptLine *line = transcript->pdata[i];

      /* The server may say anything, the password too (the fuzzer learns it from here). */
      if (line->direction == 'S')
        pb_fuzz_assert_clean_text (line->text, FALSE);
      else if (line->direction == 'C' && contains_password (line->text))
        {
          g_printerr ("password in the transcript: %c %s\n", line->direction, line->text);
          PB_FUZZ_ASSERT (!"password in the transcript");
        }
    }
  if (failure->reply.text != NULL)
    pb_fuzz_assert_clean_text (failure->reply.text, TRUE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PbSmtpClient) client = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  PbSecurity security;
  gboolean allow_plaintext;
  int fds[2];
  guint8 mode;

  if (size < 1)
    return 0;
  mode = data[0];
  data++;
  size = MIN (size - 1, MAX_SCRIPT);
  security = (mode & 1) ? PB_SECURITY_STARTTLS : PB_SECURITY_NONE;
  allow_plaintext = (mode & 0x80) != 0;

  PB_FUZZ_ASSERT (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
  /* The whole script fits the socket buffer, so this never blocks. */
  PB_FUZZ_ASSERT (write (fds[1], data, size) == (ssize_t) size || size == 0);
  PB_FUZZ_ASSERT (shutdown (fds[1], SHUT_WR) == 0);

  socket = g_socket_new_from_fd (fds[0], NULL);
  PB_FUZZ_ASSERT (socket != NULL);
  connection = g_socket_connection_factory_create_connection (socket);

  client = pb_smtp_client_new ("mail.example.test", 587, security);
  pb_smtp_client_set_timeouts (client, 5000, 10000);
  pb_smtp_client_set_allow_plaintext_auth (client, allow_plaintext);
  run_session (client, connection, mode);
  check_outcome (client, security, allow_plaintext);

  g_clear_object (&client);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  close (fds[1]);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return 0;
}
