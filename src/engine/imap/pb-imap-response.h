/* pb-imap-response.h: IMAP server responses (RFC 9051, 3501), parsed without I/O
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here parses untrusted server bytes. A response is one line, or several when it
 * carries literals ({n} or {n+}, then n bytes, then the rest of the line). The client reads
 * the lines itself (the connection's line reader enforces PB_IMAP_MAX_LINE_LENGTH) and
 * collects them with pb_imap_response_add_line(); pb_imap_response_parse_buffer() does the
 * same over a buffer, for tests and the fuzzer. No literal over PB_IMAP_MAX_LITERAL is ever
 * allocated: the announcement alone is refused.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 7162 4 asks clients to accept lines of 8192 octets. */
#define PB_IMAP_MAX_LINE_LENGTH     8192
/* A login check reads capabilities, an ID and EXAMINE's data: none needs a large literal. */
#define PB_IMAP_MAX_LITERAL         65536
/* Lines and literals of one response together. */
#define PB_IMAP_MAX_RESPONSE_LENGTH (256 * 1024)

#define PB_IMAP_ERROR (pb_imap_error_quark ())

typedef enum {
  PB_IMAP_ERROR_PROTOCOL,        /* bytes that are not an IMAP response */
  PB_IMAP_ERROR_UNEXPECTED,      /* a tag we did not send, or a response where none may come */
  PB_IMAP_ERROR_TOO_LARGE,       /* a literal or response over the limits */
  PB_IMAP_ERROR_BYE,             /* the server refused the session or closed it (BYE) */
  PB_IMAP_ERROR_PREAUTH,         /* logged in before the upgrade that was required */
  PB_IMAP_ERROR_NO_STARTTLS,     /* STARTTLS chosen and not offered */
  PB_IMAP_ERROR_REFUSED,         /* NO or BAD to a command that is not a login */
  PB_IMAP_ERROR_LOGIN_DISABLED,  /* LOGINDISABLED and no other way to log in */
  PB_IMAP_ERROR_NOT_OFFERED,     /* no usable login mechanism */
  PB_IMAP_ERROR_POLICY,          /* refused by our own security rules */
  PB_IMAP_ERROR_AUTH_FAILED,     /* NO or BAD to LOGIN or AUTHENTICATE */
  PB_IMAP_ERROR_NO_MAILBOX,      /* NO or BAD to EXAMINE */
} PbImapError;

GQuark pb_imap_error_quark (void);

typedef enum {
  PB_IMAP_PARSE_INCOMPLETE,
  PB_IMAP_PARSE_COMPLETE,
  PB_IMAP_PARSE_ERROR,
} PbImapParseResult;

typedef enum {
  PB_IMAP_TAGGED,
  PB_IMAP_UNTAGGED,
  PB_IMAP_CONTINUATION,
} PbImapKind;

typedef enum {
  PB_IMAP_STATUS_NONE,           /* untagged data ("* 3 EXISTS") or a continuation */
  PB_IMAP_STATUS_OK,
  PB_IMAP_STATUS_NO,
  PB_IMAP_STATUS_BAD,
  PB_IMAP_STATUS_PREAUTH,
  PB_IMAP_STATUS_BYE,
} PbImapStatus;

/* What untagged data a response holds. */
typedef enum {
  PB_IMAP_DATA_NONE,             /* a status response or a continuation */
  PB_IMAP_DATA_OTHER,            /* FLAGS, LIST, ... : read past, not interpreted */
  PB_IMAP_DATA_CAPABILITY,
  PB_IMAP_DATA_EXISTS,
  PB_IMAP_DATA_RECENT,
  PB_IMAP_DATA_EXPUNGE,
  PB_IMAP_DATA_ID,
  PB_IMAP_DATA_SEARCH,
  PB_IMAP_DATA_FETCH,
} PbImapData;

/* Response codes (RFC 9051 7.1, RFC 5530) in brackets after a status. */
typedef enum {
  PB_IMAP_CODE_NONE,
  PB_IMAP_CODE_OTHER,            /* any other atom: code_name has it */
  PB_IMAP_CODE_ALERT,
  PB_IMAP_CODE_CAPABILITY,
  PB_IMAP_CODE_AUTHENTICATIONFAILED,
  PB_IMAP_CODE_AUTHORIZATIONFAILED,
  PB_IMAP_CODE_EXPIRED,
  PB_IMAP_CODE_PRIVACYREQUIRED,
  PB_IMAP_CODE_CONTACTADMIN,
  PB_IMAP_CODE_UNAVAILABLE,
  PB_IMAP_CODE_INUSE,
  PB_IMAP_CODE_LIMIT,
  PB_IMAP_CODE_SERVERBUG,
  PB_IMAP_CODE_CLIENTBUG,
  PB_IMAP_CODE_CANNOT,
  PB_IMAP_CODE_NOPERM,
  PB_IMAP_CODE_OVERQUOTA,
  PB_IMAP_CODE_NONEXISTENT,
  PB_IMAP_CODE_READ_ONLY,
  PB_IMAP_CODE_READ_WRITE,
} PbImapCode;

typedef struct {
  PbImapKind    kind;
  char         *tag;            /* tagged only: as sent by the server */
  PbImapStatus  status;
  PbImapData    data;
  guint32       number;         /* "* n EXISTS", RECENT, EXPUNGE, FETCH */
  PbImapCode    code;
  char         *code_name;      /* the code's atom, upper case ("AUTHENTICATIONFAILED"), or NULL */
  char         *code_args;      /* what follows the atom inside the brackets, cleaned, or NULL */
  char         *text;           /* the human-readable text (or a continuation's), cleaned */
  char        **capabilities;   /* CAPABILITY data or code: upper case, no duplicates */
  char        **id;             /* ID data: field, value, field, value...; NULL for NIL */
  char         *line;           /* the whole response without its tag, cleaned: the server's
                                   words as a report shows them ("NO [ALERT] ...") */
  GArray       *uids;           /* SEARCH data: guint32, in the server's order */
  guint32       uid;            /* FETCH data: the message's UID, or 0 */
  GBytes       *header;         /* FETCH data: BODY[HEADER] as it came (not cleaned), or NULL */
} PbImapResponse;

void               pb_imap_response_free         (PbImapResponse  *response);
/* A response whose literals are inline ({n}\r\n and n bytes), without the final CRLF. */
PbImapResponse    *pb_imap_response_parse        (const char      *data,
                                                  gsize            len,
                                                  GError         **error);
/* A response as the client reads it: each line (without its CRLF) is added; when it ends
 * in a literal announcement ({n} or {n+}), *literal is TRUE and the n bytes that follow are
 * added with pb_imap_response_add_literal() before the next line. An announcement over
 * PB_IMAP_MAX_LITERAL, or a response over PB_IMAP_MAX_RESPONSE_LENGTH, is
 * PB_IMAP_ERROR_TOO_LARGE before anything is allocated for it. */
gboolean           pb_imap_response_add_line     (GString         *response,
                                                  const char      *line,
                                                  gsize            len,
                                                  gboolean        *literal,
                                                  gsize           *size,
                                                  GError         **error);
void               pb_imap_response_add_literal  (GString         *response,
                                                  const char      *data,
                                                  gsize            len);
/* One response from the start of a buffer: lines (capped), literals (capped), parsed. */
PbImapParseResult  pb_imap_response_parse_buffer (const char      *data,
                                                  gsize            len,
                                                  PbImapResponse **out,
                                                  gsize           *consumed,
                                                  GError         **error);
gboolean           pb_imap_response_has_capability (const PbImapResponse *response,
                                                    const char           *capability);
const char        *pb_imap_status_to_string      (PbImapStatus     status);
/* The code a response code's atom names, as code_name holds it (upper case): NONE for
 * NULL, OTHER for an atom this parser does not know. */
PbImapCode         pb_imap_code_from_name        (const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbImapResponse, pb_imap_response_free)

G_END_DECLS
