/* fuzz-address.c: address parsing and placeholder expansion on hostile text
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address comes from the user, the template from an autoconfig file on somebody's
 * web server. A parsed address must keep the length limits it promises, and parsing its
 * own output must give the same address again.
 */
#include "config.h"

#include <string.h>

#include "pb-address.h"
#include "pb-fuzz.h"

static void
check_address (const PbAddress *a)
{
  g_autoptr(PbAddress) again = NULL;
  g_autoptr(PbAddress) copy = NULL;

  PB_FUZZ_ASSERT (strlen (a->address) <= 254);
  PB_FUZZ_ASSERT (strlen (a->local_part) >= 1 && strlen (a->local_part) <= 64);
  PB_FUZZ_ASSERT (g_utf8_validate (a->domain_unicode, -1, NULL));
  for (const char *c = a->domain; *c != '\0'; c++)
    PB_FUZZ_ASSERT ((guchar) *c > 0x20 && (guchar) *c < 0x7f &&
                    (a->is_literal || !g_ascii_isupper (*c)));

  again = pb_address_parse (a->address, NULL);
  PB_FUZZ_ASSERT (again != NULL);
  PB_FUZZ_ASSERT (g_str_equal (again->address, a->address));
  PB_FUZZ_ASSERT (g_str_equal (again->domain, a->domain));

  copy = pb_address_copy (a);
  PB_FUZZ_ASSERT (g_str_equal (copy->address, a->address));
  (void) pb_address_check_discoverable (a, NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Up to the first NUL: the address; the rest: a template, then a real name. */
  const guint8 *nul = memchr (data, '\0', size);
  g_autofree char *text = pb_fuzz_strndup (data, nul ? (gsize) (nul - data) : size);
  g_autoptr(PbAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  address = pb_address_parse (text, &error);
  PB_FUZZ_ASSERT ((address == NULL) == (error != NULL));
  PB_FUZZ_ASSERT (pb_address_is_valid (text) == (address != NULL));
  if (address == NULL)
    {
      PB_FUZZ_ASSERT (error->domain == PB_ADDRESS_ERROR);
      PB_FUZZ_ASSERT (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  check_address (address);

  if (nul != NULL)
    {
      const guint8 *rest = nul + 1;
      gsize rest_len = size - (rest - data);
      const guint8 *nul2 = memchr (rest, '\0', rest_len);
      g_autofree char *template_ = pb_fuzz_strndup (rest, nul2 ? (gsize) (nul2 - rest) : rest_len);
      g_autofree char *real_name = nul2 ? pb_fuzz_strndup (nul2 + 1, rest_len - (nul2 + 1 - rest))
                                        : NULL;
      g_autofree char *expanded = pb_address_expand (address, real_name, template_);
      gboolean complete;
      g_autofree char *with_mx = pb_address_expand_full (address, real_name, real_name,
                                                         template_, &complete);

      PB_FUZZ_ASSERT (expanded != NULL);
      PB_FUZZ_ASSERT (with_mx != NULL);
      /* Whatever is left unfilled is a placeholder of the template. */
      PB_FUZZ_ASSERT (complete || pb_has_placeholder (template_));
      (void) pb_has_placeholder (template_);
      (void) pb_has_placeholder (expanded);
    }
  return 0;
}
