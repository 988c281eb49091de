/* pb-pop3-capabilities.h: what a POP3 server says it can do (CAPA, RFC 2449)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server without CAPA is allowed (RFC 1939 has none): it has capabilities that announce
 * nothing (announced FALSE), and the client then assumes only what RFC 1939 requires.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PB_POP3_CAP_STLS           = 1 << 0,   /* RFC 2595 */
  PB_POP3_CAP_SASL           = 1 << 1,   /* RFC 5034 */
  PB_POP3_CAP_USER           = 1 << 2,
  PB_POP3_CAP_PIPELINING     = 1 << 3,
  PB_POP3_CAP_RESP_CODES     = 1 << 4,
  PB_POP3_CAP_AUTH_RESP_CODE = 1 << 5,   /* RFC 3206 */
  PB_POP3_CAP_IMPLEMENTATION = 1 << 6,
  PB_POP3_CAP_LOGIN_DELAY    = 1 << 7,
  PB_POP3_CAP_EXPIRE         = 1 << 8,
  PB_POP3_CAP_TOP            = 1 << 9,
  PB_POP3_CAP_UIDL           = 1 << 10,
  PB_POP3_CAP_UTF8           = 1 << 11,  /* RFC 6856 */
} PbPop3CapFlags;

/* EXPIRE: messages are never deleted by the server. */
#define PB_POP3_EXPIRE_NEVER -1

typedef struct {
  gboolean        announced;        /* the server answered CAPA */
  PbPop3CapFlags  flags;
  char          **sasl_mechanisms;  /* upper case, as offered, no duplicates; never NULL */
  char          **lines;            /* every capability line as sent (cleaned), for display */
  char           *implementation;   /* IMPLEMENTATION's text, or NULL */
  guint           login_delay;      /* LOGIN-DELAY's seconds (with the flag) */
  gint            expire_days;      /* EXPIRE's days or PB_POP3_EXPIRE_NEVER (with the flag) */
} PbPop3Capabilities;

void                pb_pop3_capabilities_free       (PbPop3Capabilities *caps);
/* A server that has no CAPA: nothing announced. */
PbPop3Capabilities *pb_pop3_capabilities_new_none   (void);
gboolean            pb_pop3_capabilities_has_mechanism (const PbPop3Capabilities *caps,
                                                        const char               *mechanism);
/* From the lines of a CAPA response, dot-unstuffed, without the status line and the final
 * ".". At most PB_POP3_MAX_MULTILINE_LINES are read. */
PbPop3Capabilities *pb_pop3_capabilities_new_from_lines (const char * const *lines,
                                                         guint               n_lines);
/* A whole CAPA response from bytes: the status line, the capability lines and ".", each
 * ended by CRLF or LF. A -ERR is a server without CAPA; anything that is not a complete,
 * well-formed response is PB_POP3_ERROR_PROTOCOL. */
gboolean            pb_pop3_capabilities_parse      (const char          *data,
                                                     gsize                len,
                                                     PbPop3Capabilities **out,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPop3Capabilities, pb_pop3_capabilities_free)

G_END_DECLS
