/* pb-test-pop3.h: a POP3 client talking to a scripted server, for the POP3 client's tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's end answers each line the client sends with the next step of a script, in
 * the same main loop: no lab, no TLS. The login without TLS that most cases need is the
 * one the rules allow: security "none" with the person's explicit consent.
 */
#pragma once

#include "pb-pop3.h"

G_BEGIN_DECLS

typedef struct {
  const char *command;   /* the start of what the client must send; NULL: the greeting */
  const char *reply;     /* the server's answer, line ends included */
} Step;

typedef struct {
  PbPop3Client      *client;
  GSocketConnection *local;
  int                peer;       /* the server's end */
  guint              watch;
  GString           *input;
  GPtrArray         *received;   /* the client's lines, as the server got them */
  const Step        *script;
  guint              n_steps;
  guint              step;
  gboolean           done;
  gboolean           ok;
  GError            *error;
} Session;

#define GREETING { NULL, "+OK POP3 ready <1896.697170952@example.test>\r\n" }
#define CAPA_PLAIN { "CAPA", "+OK\r\nUSER\r\nSASL PLAIN\r\nRESP-CODES\r\n.\r\n" }
#define CAPA_USER { "CAPA", "+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n" }

/* A client of security over a socketpair whose other end plays script (its first step, the
 * greeting, is sent at once). */
void             session_init         (Session      *s,
                                       PbSecurity    security,
                                       const Step   *script,
                                       guint         n_steps);
/* The callback of every operation: user_data is the session. */
void             on_done              (GObject      *source,
                                       GAsyncResult *result,
                                       gpointer      user_data);
/* Runs the main loop until the operation is done and what the client sent last has reached
 * the server's end. */
void             wait_done            (Session      *s);
/* The client's connect, to its end: whether it succeeded (else s->error). */
gboolean         run_connect          (Session      *s);
/* The login with method, plain-text consent given, to its end. */
gboolean         run_login            (Session      *s,
                                       PbAuthMethod  method,
                                       const char   *user,
                                       const char   *password);
void             session_clear        (Session      *s);
/* The client's failure. */
const PbFailure *failure              (Session      *s);
/* Does any transcript line of this direction contain text? */
gboolean         transcript_has       (Session      *s,
                                       char          direction,
                                       const char   *text);
/* Did the server get a line that starts with prefix? */
gboolean         received_starts_with (Session      *s,
                                       const char   *prefix);

G_END_DECLS
