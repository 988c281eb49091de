/* fuzz-spf-record.c: the SPF record parser and macro expander on hostile TXT records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input (up to its first NUL, as a TXT record reaches the parser as a C string) goes
 * through pb_spf_record_parse(). Beyond "no crash": a refused record comes with a
 * sentence (in UTF-8 when the record was); an accepted one keeps its promises: every
 * mechanism's argument fits its type, prefix lengths are in range, domains are macro-strings,
 * the record is printable ASCII, and adding an include: to it gives one record that still
 * parses, with the include before any all. The input also goes through the macro expander
 * as a domain-spec, with no client address, an IPv4 or an IPv6 one by the input's length: the
 * result stays within a domain name's length.
 */
#include "config.h"

#include <string.h>

#include "pb-fuzz.h"
#include "pb-spf-macro.h"
#include "pb-spf-record.h"

#define TERM "include:_spf.provider.example"

static PB_FUZZ_NO_COVERAGE void
check_mechanism (const PbSpfMechanism *m)
{
  gboolean network = m->type == PB_SPF_MECH_IP4 || m->type == PB_SPF_MECH_IP6;

  PB_FUZZ_ASSERT (m->type <= PB_SPF_MECH_EXISTS);
  PB_FUZZ_ASSERT (m->qualifier <= PB_SPF_NEUTRAL);
  PB_FUZZ_ASSERT ((m->network != NULL) == network);
  if (network)
    PB_FUZZ_ASSERT (g_inet_address_mask_get_family (m->network)
                    == (m->type == PB_SPF_MECH_IP4 ? G_SOCKET_FAMILY_IPV4
                                                   : G_SOCKET_FAMILY_IPV6));
  PB_FUZZ_ASSERT (m->cidr4 >= -1 && m->cidr4 <= 32);
  PB_FUZZ_ASSERT (m->cidr6 >= -1 && m->cidr6 <= 128);
  PB_FUZZ_ASSERT ((m->cidr4 == -1 && m->cidr6 == -1)
                  || m->type == PB_SPF_MECH_A || m->type == PB_SPF_MECH_MX);
  if (m->type == PB_SPF_MECH_INCLUDE || m->type == PB_SPF_MECH_EXISTS)
    PB_FUZZ_ASSERT (m->domain != NULL);
  if (m->type == PB_SPF_MECH_ALL || network)
    PB_FUZZ_ASSERT (m->domain == NULL);
  if (m->domain != NULL)
    PB_FUZZ_ASSERT (*m->domain != '\0' && pb_spf_macro_is_valid (m->domain, FALSE));
}

/* The index of the first all mechanism, or the number of mechanisms. */
static PB_FUZZ_NO_COVERAGE guint
first_all (const PbSpfRecord *record)
{
  for (guint i = 0; i < record->mechanisms->len; i++)
    if (((PbSpfMechanism *) g_ptr_array_index (record->mechanisms, i))->type
        == PB_SPF_MECH_ALL)
      return i;
  return record->mechanisms->len;
}

static PB_FUZZ_NO_COVERAGE gboolean
same_mechanism (const PbSpfMechanism *a,
                const PbSpfMechanism *b)
{
  return a->type == b->type && a->qualifier == b->qualifier
    && g_strcmp0 (a->domain, b->domain) == 0 && a->cidr4 == b->cidr4 && a->cidr6 == b->cidr6;
}

/* The non-empty space-separated terms (by hand: g_strsplit() is quadratic under ASan). */
static PB_FUZZ_NO_COVERAGE guint
count_terms (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c != '\0'; c++)
    n += *c != ' ' && (c == text || c[-1] == ' ');
  return n;
}

static PB_FUZZ_NO_COVERAGE void
check_with_term (const char        *text,
                 const PbSpfRecord *record)
{
  g_autofree char *out = pb_spf_record_with_term (text, TERM);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSpfRecord) again = pb_spf_record_parse (out, &error);
  guint at;
  PbSpfMechanism *added;

  PB_FUZZ_ASSERT (again != NULL && error == NULL);
  /* One record: the old terms and the new one, nothing else. */
  PB_FUZZ_ASSERT (g_str_has_prefix (out, "v=spf1 "));
  PB_FUZZ_ASSERT (count_terms (out) == count_terms (text) + 1);
  PB_FUZZ_ASSERT (again->mechanisms->len == record->mechanisms->len + 1);
  PB_FUZZ_ASSERT (g_strcmp0 (again->redirect, record->redirect) == 0);
  PB_FUZZ_ASSERT (g_strcmp0 (again->exp, record->exp) == 0);
  /* The include is inserted, no later than the all, among the old mechanisms unchanged. */
  for (at = 0; at < record->mechanisms->len; at++)
    if (!same_mechanism (g_ptr_array_index (record->mechanisms, at),
                         g_ptr_array_index (again->mechanisms, at)))
      break;
  PB_FUZZ_ASSERT (at <= first_all (record));
  added = g_ptr_array_index (again->mechanisms, at);
  PB_FUZZ_ASSERT (added->type == PB_SPF_MECH_INCLUDE && added->qualifier == PB_SPF_PASS);
  PB_FUZZ_ASSERT (strcmp (added->domain, "_spf.provider.example") == 0);
  for (guint i = at; i < record->mechanisms->len; i++)
    PB_FUZZ_ASSERT (same_mechanism (g_ptr_array_index (record->mechanisms, i),
                                    g_ptr_array_index (again->mechanisms, i + 1)));
}

static PB_FUZZ_NO_COVERAGE void
check_record (const char        *text,
              const PbSpfRecord *record)
{
  PB_FUZZ_ASSERT (pb_spf_record_is_spf (text));
  for (const char *c = text; *c != '\0'; c++)
    PB_FUZZ_ASSERT ((guchar) *c >= 0x20 && (guchar) *c < 0x7f);
  for (guint i = 0; i < record->mechanisms->len; i++)
    check_mechanism (g_ptr_array_index (record->mechanisms, i));
  PB_FUZZ_ASSERT (record->redirect == NULL || pb_spf_macro_is_valid (record->redirect, FALSE));
  PB_FUZZ_ASSERT (record->exp == NULL || pb_spf_macro_is_valid (record->exp, FALSE));
  check_with_term (text, record);
}

static void
fuzz_macro (const char   *text,
            GInetAddress *ip)
{
  PbSpfMacroContext ctx = { "user@example.com", "example.com", ip };
  g_autofree char *out = NULL;

  if (!pb_spf_macro_is_valid (text, TRUE))
    return;
  out = pb_spf_macro_expand (text, &ctx);
  PB_FUZZ_ASSERT (out != NULL || ip == NULL);
  PB_FUZZ_ASSERT (out == NULL || strlen (out) <= 253 || strchr (out, '.') == NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Made once: two parses per input would cost as much as the record itself. */
  static GInetAddress *ips[3];
  g_autofree char *text = pb_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSpfRecord) record = pb_spf_record_parse (text, &error);

  if (ips[1] == NULL)
    {
      ips[1] = g_inet_address_new_from_string ("192.0.2.3");
      ips[2] = g_inet_address_new_from_string ("2001:db8::cb01");
    }
  if (record != NULL)
    {
      PB_FUZZ_ASSERT (error == NULL);
      check_record (text, record);
    }
  else
    pb_fuzz_assert_refused (text, error, PB_SPF_RECORD_ERROR, PB_SPF_RECORD_ERROR_INVALID);
  /* One expansion per input, the client's address chosen by the input's length: none (the
   * expander must refuse %{i} and friends), IPv4 or IPv6. */
  fuzz_macro (text, ips[size % 3]);
  return 0;
}
