/* pb-smtp-reply.h: SMTP replies, EHLO capabilities and enhanced status codes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here parses untrusted server bytes. The entry points take a pointer and a
 * length (no NUL needed), never allocate more than a bounded amount and report hostile
 * input as PB_SMTP_ERROR_PROTOCOL, so a fuzz target is a few lines.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 5321 allows 512 bytes; real servers send longer lines, nobody sends 2000. */
#define PB_SMTP_MAX_LINE_LENGTH 2000
#define PB_SMTP_MAX_REPLY_LINES 100

#define PB_SMTP_ERROR (pb_smtp_error_quark ())

typedef enum {
  PB_SMTP_ERROR_PROTOCOL,          /* bytes that are not an SMTP reply, or over the limits */
  PB_SMTP_ERROR_REPLY,             /* the server answered with an unexpected code */
  PB_SMTP_ERROR_STARTTLS_INJECTION,
  PB_SMTP_ERROR_NOT_OFFERED,       /* an extension we need is not advertised */
  PB_SMTP_ERROR_POLICY,            /* refused by our own security rules */
  PB_SMTP_ERROR_OUT_OF_TURN,       /* a reply arrived before the command it would answer */
} PbSmtpError;

GQuark pb_smtp_error_quark (void);

typedef enum {
  PB_SMTP_PARSE_INCOMPLETE,
  PB_SMTP_PARSE_COMPLETE,
  PB_SMTP_PARSE_ERROR,
} PbSmtpParseResult;

typedef struct {
  guint   code;           /* 200..599 */
  char   *enhanced_code;  /* "5.7.9" from the first line, or NULL */
  char  **lines;          /* the text of each line after "NNN-"/"NNN ", valid UTF-8 */
  guint   n_lines;
  char   *text;           /* the whole reply as received ("534-5.7.9 ..."), lines joined by \n */
} PbSmtpReply;

void               pb_smtp_reply_free        (PbSmtpReply  *reply);
PbSmtpParseResult  pb_smtp_reply_parse       (const char   *data,
                                              gsize         len,
                                              PbSmtpReply **out,
                                              gsize        *consumed,
                                              GError      **error);
/* The same, with every occurrence of each secret (a NULL-terminated list; empty ones
 * ignored) replaced by "<redacted>" in the raw bytes before they are cleaned, also where
 * a secret runs from one line of the reply into the next: servers echo what they got. */
PbSmtpParseResult  pb_smtp_reply_parse_redacted (const char          *data,
                                                 gsize                len,
                                                 const char * const  *secrets,
                                                 PbSmtpReply        **out,
                                                 gsize               *consumed,
                                                 GError             **error);
gboolean           pb_smtp_reply_is_positive (const PbSmtpReply *reply);

/* RFC 3463 "class.subject.detail" at the start of text; class must be 2, 4 or 5. */
gboolean           pb_smtp_enhanced_code_parse (const char *text,
                                                gsize       len,
                                                guint      *klass,
                                                guint      *subject,
                                                guint      *detail,
                                                gsize      *consumed);

typedef enum {
  PB_SMTP_CAP_STARTTLS            = 1 << 0,
  PB_SMTP_CAP_AUTH                = 1 << 1,
  PB_SMTP_CAP_SIZE                = 1 << 2,
  PB_SMTP_CAP_PIPELINING          = 1 << 3,
  PB_SMTP_CAP_8BITMIME            = 1 << 4,
  PB_SMTP_CAP_SMTPUTF8            = 1 << 5,
  PB_SMTP_CAP_CHUNKING            = 1 << 6,
  PB_SMTP_CAP_ENHANCEDSTATUSCODES = 1 << 7,
  PB_SMTP_CAP_DSN                 = 1 << 8,
} PbSmtpCapFlags;

typedef struct {
  PbSmtpCapFlags flags;
  guint64        size_limit;       /* SIZE argument; 0 when absent or unlimited */
  char         **auth_mechanisms;  /* upper case, as offered, no duplicates */
  char         **keywords;         /* every extension line as sent, for display */
  char          *greeting_name;    /* the first line of the EHLO reply */
} PbSmtpCapabilities;

void                pb_smtp_capabilities_free         (PbSmtpCapabilities *caps);
PbSmtpCapabilities *pb_smtp_capabilities_from_reply   (const PbSmtpReply  *reply);
/* Parses a whole EHLO reply from bytes; fails unless the reply is complete and 250. */
gboolean            pb_smtp_capabilities_parse        (const char          *data,
                                                       gsize                len,
                                                       PbSmtpCapabilities **out,
                                                       GError             **error);
gboolean            pb_smtp_capabilities_has_mechanism (const PbSmtpCapabilities *caps,
                                                        const char               *mechanism);
const char         *pb_smtp_cap_flag_to_string        (PbSmtpCapFlags      flag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSmtpReply, pb_smtp_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSmtpCapabilities, pb_smtp_capabilities_free)

G_END_DECLS
