/* pb-secret.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-secret.h"

void
pb_secret_wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
}

void
pb_secret_free (char *secret)
{
  pb_secret_wipe (secret);
  g_free (secret);
}
