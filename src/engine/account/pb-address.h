/* pb-address.h: parse and validate a mail address, expand autoconfig placeholders
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_ADDRESS_ERROR (pb_address_error_quark ())

typedef enum {
  PB_ADDRESS_ERROR_EMPTY,
  PB_ADDRESS_ERROR_NO_AT,
  PB_ADDRESS_ERROR_SEVERAL_AT,
  PB_ADDRESS_ERROR_EMPTY_LOCAL_PART,
  PB_ADDRESS_ERROR_EMPTY_DOMAIN,
  PB_ADDRESS_ERROR_TOO_LONG,             /* whole address > 254 octets */
  PB_ADDRESS_ERROR_LOCAL_PART_TOO_LONG,  /* > 64 octets */
  PB_ADDRESS_ERROR_DOMAIN_TOO_LONG,      /* > 255 octets (ASCII form) */
  PB_ADDRESS_ERROR_BAD_CHARACTER,        /* in the local part or the domain; message names it */
  PB_ADDRESS_ERROR_BAD_DOTS,             /* local part: leading, trailing or double dot */
  PB_ADDRESS_ERROR_BAD_QUOTING,          /* unterminated or misplaced quotes */
  PB_ADDRESS_ERROR_DOMAIN_DOTS,          /* domain: leading or trailing dot */
  PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL,     /* empty label, label > 63, hyphen at either end */
  PB_ADDRESS_ERROR_DOMAIN_NO_DOT,        /* "user@localhost" */
  PB_ADDRESS_ERROR_BAD_IDN,              /* international domain that cannot be converted */
  PB_ADDRESS_ERROR_IP_ADDRESS,           /* "user@192.0.2.1" without brackets */
  PB_ADDRESS_ERROR_BAD_LITERAL,          /* "[…]" that is no IPv4 or IPv6: address */
  PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE, /* only from pb_address_check_discoverable () */
  PB_ADDRESS_ERROR_NOT_SENDABLE,         /* only from pb_address_check_sendable () */
} PbAddressError;

/* A valid address. Immutable once parsed. */
typedef struct {
  char    *address;         /* local_part@domain with the ASCII (punycode) domain */
  char    *local_part;      /* as written, quotes and escapes kept */
  char    *domain;          /* ASCII, lower case; "[192.0.2.1]" for an address literal */
  char    *domain_unicode;  /* for display; equals domain when it is ASCII */
  gboolean is_literal;      /* the domain is a bracketed IP address literal */
} PbAddress;

GQuark     pb_address_error_quark (void);

/* Leading and trailing white space is ignored; everything else must be valid. */
PbAddress *pb_address_parse       (const char      *text,
                                   GError         **error);
PbAddress *pb_address_copy        (const PbAddress *address);
void       pb_address_free        (PbAddress       *address);

/* FALSE with PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE for an address literal: there is
 * no domain to look settings up for. */
gboolean   pb_address_check_discoverable (const PbAddress *address,
                                          GError         **error);

/* FALSE with PB_ADDRESS_ERROR_NOT_SENDABLE, naming the character, when the address cannot
 * stand in an SMTP command (MAIL FROM:<…>, RCPT TO:<…>): a quoted part before the @ may
 * hold a space, "<" or ">" (RFC 5322), but Postbote never sends one, because servers split
 * commands at spaces and ">" would end the path. */
gboolean   pb_address_check_sendable (const PbAddress *address,
                                      GError         **error);

/* The first byte of @text that may not stand between < and > in an SMTP command (a space,
 * a control character, DEL, "<" or ">"), or NULL when there is none. */
const char *pb_address_find_unsendable (const char *text);

/* TRUE when text parses; convenience for entry validation in the GUI. */
gboolean   pb_address_is_valid    (const char      *text);

/* Replaces %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% and %REALNAME% (real_name may
 * be NULL: then it expands to ""). Any other %WORD% is left as it is. template NULL
 * returns NULL. */
char      *pb_address_expand      (const PbAddress *address,
                                   const char      *real_name,
                                   const char      *template_);

/* The same, and %MXHOST% too when mx_host is not NULL, all in one pass over the template:
 * what a value brings in is never expanded again, so an address whose local part reads
 * "%MXHOST%" or "%EMAILDOMAIN%" stays itself. *complete (may be NULL) says whether every
 * placeholder of the template was filled; one that was not (%PBPACKAGE%, %MXHOST% without
 * an MX) is kept as it is. Expand once: the result is no template. */
char      *pb_address_expand_full (const PbAddress *address,
                                   const char      *real_name,
                                   const char      *mx_host,
                                   const char      *template_,
                                   gboolean        *complete);

/* TRUE when text still contains a %WORD% placeholder. */
gboolean   pb_has_placeholder     (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbAddress, pb_address_free)

G_END_DECLS
