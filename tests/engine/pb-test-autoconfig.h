/* pb-test-autoconfig.h: what the autoconfig parser's tests share: a full sample file, and
 * parsing that must succeed or fail with a given error
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-autoconfig.h"

G_BEGIN_DECLS

/* A config-v1.1 file with every element the format knows. */
extern const char full_sample[];

/* The parse of xml, which must succeed; source "https://test/". */
PbAccountConfig *parse_ok     (const char        *xml);

/* The parse of len bytes of data, which must fail with code and a UTF-8 message. */
void             assert_fails (const char        *data,
                               gsize              len,
                               PbAutoconfigError  code);

G_END_DECLS
