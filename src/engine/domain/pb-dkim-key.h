/* pb-dkim-key.h: a DKIM key record (RFC 6376 3.6.1, RFC 8463), parsed, its key measured
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_DKIM_KEY_ERROR (pb_dkim_key_error_quark ())

typedef enum {
  PB_DKIM_KEY_ERROR_INVALID,
  PB_DKIM_KEY_ERROR_REVOKED,    /* p= empty: the key was withdrawn */
} PbDkimKeyError;

typedef enum {
  PB_DKIM_KEY_RSA,
  PB_DKIM_KEY_ED25519,
} PbDkimKeyType;

typedef struct {
  PbDkimKeyType type;
  guint         bits;     /* RSA: the modulus; Ed25519: 256 */
} PbDkimKey;

GQuark      pb_dkim_key_error_quark    (void);
const char *pb_dkim_key_type_to_string (PbDkimKeyType type);

/* FALSE with PB_DKIM_KEY_ERROR and a sentence for a record that no verifier can use. */
gboolean    pb_dkim_key_parse          (const char   *text,
                                        PbDkimKey    *key,
                                        GError      **error);

G_END_DECLS
