/* pb-failure.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-failure.h"

static const char * const stage_names[] = {
  "none", "resolve", "connect", "tls", "greeting", "ehlo", "starttls", "starttls-handshake",
  "auth", "mail-from", "rcpt-to", "data", "quit", "keyring",
};

const char *
pb_stage_to_string (PbStage stage)
{
  g_return_val_if_fail (stage < G_N_ELEMENTS (stage_names), NULL);
  return stage_names[stage];
}

void
pb_failure_clear (PbFailure *failure)
{
  g_clear_error (&failure->error);
  g_clear_pointer (&failure->enhanced_code, g_free);
  g_clear_pointer (&failure->reply_text, g_free);
  g_clear_pointer (&failure->host, g_free);
  g_clear_pointer (&failure->provider_id, g_free);
  memset (failure, 0, sizeof *failure);
}

void
pb_failure_copy_into (const PbFailure *src,
                      PbFailure       *dest)
{
  *dest = *src;
  dest->error = src->error ? g_error_copy (src->error) : NULL;
  dest->enhanced_code = g_strdup (src->enhanced_code);
  dest->reply_text = g_strdup (src->reply_text);
  dest->host = g_strdup (src->host);
  dest->provider_id = g_strdup (src->provider_id);
}
