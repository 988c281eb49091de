/* fuzz-ehlo.c: EHLO capability parsing on hostile bytes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-fuzz.h"
#include "pb-smtp-reply.h"

static void
check_capabilities (const PbSmtpCapabilities *caps)
{
  guint n = 0;

  PB_FUZZ_ASSERT (caps->auth_mechanisms != NULL && caps->keywords != NULL);
  for (char **m = caps->auth_mechanisms; *m != NULL; m++, n++)
    {
      /* Upper case, unique, and a name that can go into an AUTH command line as it is. */
      PB_FUZZ_ASSERT (**m != '\0');
      for (const char *c = *m; *c != '\0'; c++)
        PB_FUZZ_ASSERT (g_ascii_isupper (*c) || g_ascii_isdigit (*c) || *c == '-' || *c == '_');
      for (char **o = caps->auth_mechanisms; o != m; o++)
        PB_FUZZ_ASSERT (strcmp (*o, *m) != 0);
      PB_FUZZ_ASSERT (pb_smtp_capabilities_has_mechanism (caps, *m));
    }
  PB_FUZZ_ASSERT (n <= 32);
  PB_FUZZ_ASSERT (((caps->flags & PB_SMTP_CAP_AUTH) != 0) == (n > 0) || n == 0);
  for (char **k = caps->keywords; *k != NULL; k++)
    pb_fuzz_assert_clean_text (*k, FALSE);
  pb_fuzz_assert_clean_text (caps->greeting_name, FALSE);
  for (guint bit = 0; bit < 9; bit++)
    if (caps->flags & (1u << bit))
      PB_FUZZ_ASSERT (pb_smtp_cap_flag_to_string (1u << bit) != NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PbSmtpCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;

  if (pb_smtp_capabilities_parse ((const char *) data, size, &caps, &error))
    {
      PB_FUZZ_ASSERT (caps != NULL && error == NULL);
      check_capabilities (caps);
    }
  else
    PB_FUZZ_ASSERT (caps == NULL && error != NULL);
  return 0;
}
