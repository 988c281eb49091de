/* pb-dmarc-record.h: a DMARC policy record (RFC 7489 6.3 and its successor), parsed
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_DMARC_RECORD_ERROR (pb_dmarc_record_error_quark ())

typedef enum {
  PB_DMARC_RECORD_ERROR_INVALID,
} PbDmarcRecordError;

typedef enum {
  PB_DMARC_POLICY_NONE,
  PB_DMARC_POLICY_QUARANTINE,
  PB_DMARC_POLICY_REJECT,
} PbDmarcPolicy;

typedef struct {
  PbDmarcPolicy policy;
  gboolean      has_subdomain_policy;
  PbDmarcPolicy subdomain_policy;
  guint         pct;           /* 100 unless given */
  GStrv         rua;           /* aggregate report addresses (URIs), maybe empty */
  GStrv         ruf;
} PbDmarcRecord;

GQuark         pb_dmarc_record_error_quark (void);

const char    *pb_dmarc_policy_to_string   (PbDmarcPolicy  policy);
gboolean       pb_dmarc_policy_from_string (const char    *str,
                                            PbDmarcPolicy *out);

/* Whether a TXT record is meant as DMARC: it begins with the tag v=DMARC1. */
gboolean       pb_dmarc_record_is_dmarc (const char   *text);
/* NULL with PB_DMARC_RECORD_ERROR_INVALID and a sentence naming the tag at fault. */
PbDmarcRecord *pb_dmarc_record_parse    (const char   *text,
                                         GError      **error);
void           pb_dmarc_record_free     (PbDmarcRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDmarcRecord, pb_dmarc_record_free)

G_END_DECLS
