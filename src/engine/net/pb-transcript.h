/* pb-transcript.h: what was said on a connection, line by line, with secrets redacted
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every line passes the redaction hook before it is kept, so nothing a protocol logs can
 * carry a password past it. The default hook replaces each registered secret in what the
 * server said ('S' lines): servers echo what they got ("535 invalid: AGFsaWNl...").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64  ms;          /* since the transcript started */
  char    direction;   /* 'C' client, 'S' server, '*' an event (TLS handshake, a close) */
  char   *text;        /* one line; secrets are "<redacted>" */
} PbTranscriptLine;

/* The text to keep instead of text, or NULL to keep it as it is. secrets is the
 * transcript's NULL-terminated list (never NULL). */
typedef char *(*PbRedactFunc) (char                direction,
                               const char         *text,
                               const char * const *secrets,
                               gpointer            user_data);

typedef struct _PbTranscript PbTranscript;

PbTranscript       *pb_transcript_new           (void);
void                pb_transcript_free          (PbTranscript *transcript);
/* Times are counted from now on. */
void                pb_transcript_start         (PbTranscript *transcript);
gint64              pb_transcript_elapsed_ms    (PbTranscript *transcript);
void                pb_transcript_set_redactor  (PbTranscript *transcript,
                                                 PbRedactFunc  func,
                                                 gpointer      user_data);
void                pb_transcript_add           (PbTranscript *transcript,
                                                 char          direction,
                                                 const char   *text);
/* A secret the session sent: every form of the password, a SASL response. Base64 is also
 * matched without its padding, as servers quote it either way. Copies are wiped on free. */
void                pb_transcript_add_secret    (PbTranscript *transcript,
                                                 const char   *secret,
                                                 gboolean      base64);
/* NULL-terminated, or NULL before the first secret. */
const char * const *pb_transcript_get_secrets   (PbTranscript *transcript);
/* The lines (PbTranscriptLine), shared: a reference outlives the transcript. */
GPtrArray          *pb_transcript_get_lines     (PbTranscript *transcript);

/* Every occurrence of each secret in text replaced by "<redacted>", leaving alone what an
 * earlier redaction put there; NULL when nothing was replaced. */
char               *pb_transcript_redact_secrets (const char         *text,
                                                  const char * const *secrets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTranscript, pb_transcript_free)

G_END_DECLS
