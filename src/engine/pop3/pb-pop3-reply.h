/* pb-pop3-reply.h: POP3 status lines, extended response codes and multi-line bodies
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here parses untrusted server bytes and does no I/O: the client reads lines
 * through the connection core and hands each one over. A status line is "+OK", "-ERR"
 * (RFC 1939) or, inside AUTH, a continuation "+ " with a base64 challenge (RFC 5034); after
 * the status an extended response code may stand in brackets (RFC 2449, 3206). Text that
 * reaches the caller is valid UTF-8 without control characters.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 2449 allows 512 bytes with the line end; real servers send longer lines (a wordy
 * error, a long IMPLEMENTATION), nobody sends 2000. */
#define PB_POP3_MAX_LINE_LENGTH 2000
/* Lines of a multi-line response we read (a CAPA list has about a dozen). */
#define PB_POP3_MAX_MULTILINE_LINES 100
/* Lines of a body too big to keep read on and dropped before the server counts as endless. */
#define PB_POP3_MAX_DRAINED_LINES 100000
/* "[SYS/TEMP]" and its kin are short; a longer bracket is text, not a code. */
#define PB_POP3_MAX_CODE_LENGTH 64

#define PB_POP3_ERROR (pb_pop3_error_quark ())

typedef enum {
  PB_POP3_ERROR_PROTOCOL,     /* bytes that are not a POP3 response, or over the limits */
  PB_POP3_ERROR_REFUSED,      /* -ERR without a more telling response code */
  PB_POP3_ERROR_NO_STLS,      /* STLS chosen, and the server does not offer it */
  PB_POP3_ERROR_NOT_OFFERED,  /* no login method we may use is offered */
  PB_POP3_ERROR_POLICY,       /* refused by our own security rules (no password in clear) */
  PB_POP3_ERROR_AUTH_FAILED,  /* the login was refused ([AUTH], or no code at login) */
  PB_POP3_ERROR_IN_USE,       /* [IN-USE]: another session holds the mailbox */
  PB_POP3_ERROR_LOGIN_DELAY,  /* [LOGIN-DELAY]: logged in too recently */
  PB_POP3_ERROR_TEMPORARY,    /* [SYS/TEMP]: the server's own passing trouble */
  PB_POP3_ERROR_PERMANENT,    /* [SYS/PERM]: the server's own lasting trouble */
  PB_POP3_ERROR_OUT_OF_TURN,  /* a response arrived before the command it would answer */
} PbPop3Error;

GQuark pb_pop3_error_quark (void);

typedef enum {
  PB_POP3_STATUS_OK,          /* +OK */
  PB_POP3_STATUS_ERR,         /* -ERR */
  PB_POP3_STATUS_CONTINUE,    /* "+ " during AUTH */
} PbPop3Status;

/* The extended response codes a client acts on; the text of any code is kept as sent. */
typedef enum {
  PB_POP3_CODE_NONE,
  PB_POP3_CODE_OTHER,         /* a code not listed here (or a deeper level of one) */
  PB_POP3_CODE_AUTH,          /* RFC 3206: the credentials */
  PB_POP3_CODE_SYS_TEMP,      /* RFC 3206 */
  PB_POP3_CODE_SYS_PERM,      /* RFC 3206 */
  PB_POP3_CODE_IN_USE,        /* RFC 2449 */
  PB_POP3_CODE_LOGIN_DELAY,   /* RFC 2449 */
} PbPop3Code;

typedef struct {
  PbPop3Status  status;
  PbPop3Code    code;
  char         *response_code;  /* "SYS/TEMP" in upper case, or NULL */
  char         *text;           /* after the status and the code: for a continuation, the
                                   base64 challenge */
  char         *line;           /* the whole line as received, cleaned */
} PbPop3Reply;

void          pb_pop3_reply_free   (PbPop3Reply  *reply);
/* One line without its line end. A line that is no status line, is longer than
 * PB_POP3_MAX_LINE_LENGTH or holds a NUL is PB_POP3_ERROR_PROTOCOL. */
gboolean      pb_pop3_reply_parse  (const char   *line,
                                    gsize         len,
                                    PbPop3Reply **out,
                                    GError      **error);
/* What a -ERR means, as an error in PB_POP3_ERROR: the response code's meaning, else
 * fallback; the message quotes the server. */
GError       *pb_pop3_reply_to_error (const PbPop3Reply *reply,
                                      PbPop3Error        fallback);
/* Sets PB_POP3_ERROR_PROTOCOL, what being what is wrong ("line too long"); FALSE. */
gboolean      pb_pop3_set_protocol_error (GError     **error,
                                          const char  *what);

/* A line of a multi-line response (RFC 1939 3): FALSE for the terminating ".", else TRUE
 * with *content the line without its stuffed leading dot. */
gboolean      pb_pop3_multiline_unstuff (const char   *line,
                                         const char  **content);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPop3Reply, pb_pop3_reply_free)

G_END_DECLS
