/* pb-spf-record.h: an SPF policy record (RFC 7208), parsed; no DNS here
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_SPF_RECORD_ERROR (pb_spf_record_error_quark ())

typedef enum {
  PB_SPF_RECORD_ERROR_INVALID,
} PbSpfRecordError;

typedef enum {
  PB_SPF_PASS,       /* + */
  PB_SPF_FAIL,       /* - */
  PB_SPF_SOFTFAIL,   /* ~ */
  PB_SPF_NEUTRAL,    /* ? */
} PbSpfQualifier;

typedef enum {
  PB_SPF_MECH_ALL,
  PB_SPF_MECH_INCLUDE,
  PB_SPF_MECH_A,
  PB_SPF_MECH_MX,
  PB_SPF_MECH_PTR,
  PB_SPF_MECH_IP4,
  PB_SPF_MECH_IP6,
  PB_SPF_MECH_EXISTS,
} PbSpfMechanismType;

typedef struct {
  PbSpfMechanismType type;
  PbSpfQualifier     qualifier;
  char              *domain;      /* domain-spec (macros unexpanded), NULL: the current one */
  GInetAddressMask  *network;     /* ip4, ip6 */
  int                cidr4;       /* a, mx: prefix lengths, -1 when not given */
  int                cidr6;
} PbSpfMechanism;

typedef struct {
  GPtrArray *mechanisms;   /* PbSpfMechanism, in order */
  char      *redirect;     /* domain-spec or NULL */
  char      *exp;
} PbSpfRecord;

GQuark       pb_spf_record_error_quark (void);

/* Whether a TXT record is an SPF record at all: "v=spf1" alone or before a space (4.5). */
gboolean     pb_spf_record_is_spf      (const char  *text);
/* NULL with PB_SPF_RECORD_ERROR_INVALID and a sentence naming the term at fault. */
PbSpfRecord *pb_spf_record_parse       (const char  *text,
                                        GError     **error);
void         pb_spf_record_free        (PbSpfRecord *record);
/* The record to publish instead of text so that it also holds term ("include:domain"):
 * before the all mechanism, else before the first modifier, else at the end: one record,
 * never a second. NULL text (no record yet) gives "v=spf1 TERM ~all". */
char        *pb_spf_record_with_term (const char *text,
                                      const char *term);
/* Several SPF records (records: TXT values, the ones that are not SPF skipped) as the one to
 * publish instead: each term once, in order, term (NULL: none) added, ending in the first
 * "all" met (else "~all"). */
char        *pb_spf_records_merge    (const char * const *records,
                                      const char         *term);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSpfRecord, pb_spf_record_free)

G_END_DECLS
