/* fuzz-dmarc-record.c: the DMARC record parser on hostile TXT records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input (up to its first NUL) goes through pb_dmarc_record_parse(). Beyond "no crash": a
 * refused record comes with a sentence (UTF-8 when the record was); an accepted one begins
 * with v=DMARC1, names a known policy, a percentage up to 100, report addresses that are
 * URIs with a scheme, and a policy that reads back as one of the record's own words.
 */
#include "config.h"

#include <string.h>

#include "pb-dmarc-record.h"
#include "pb-fuzz.h"

static PB_FUZZ_NO_COVERAGE void
check_uris (GStrv uris)
{
  if (uris == NULL)
    return;
  PB_FUZZ_ASSERT (uris[0] != NULL);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      PB_FUZZ_ASSERT (g_ascii_isalpha (uris[i][0]) && strchr (uris[i], ':') != NULL);
      PB_FUZZ_ASSERT (strchr (uris[i], ',') == NULL && strchr (uris[i], ';') == NULL);
    }
}

static PB_FUZZ_NO_COVERAGE void
check_record (const char          *text,
              const PbDmarcRecord *record)
{
  const char *policy = pb_dmarc_policy_to_string (record->policy);
  g_autofree char *lower = g_ascii_strdown (text, -1);

  PB_FUZZ_ASSERT (pb_dmarc_record_is_dmarc (text));
  PB_FUZZ_ASSERT (policy != NULL && strstr (lower, policy) != NULL);
  if (record->has_subdomain_policy)
    PB_FUZZ_ASSERT (pb_dmarc_policy_to_string (record->subdomain_policy) != NULL);
  PB_FUZZ_ASSERT (record->pct <= 100);
  PB_FUZZ_ASSERT (record->rua != NULL);
  if (record->rua[0] != NULL)
    PB_FUZZ_ASSERT (strstr (text, "rua") != NULL);
  check_uris (record->rua[0] != NULL ? record->rua : NULL);
  check_uris (record->ruf);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = pb_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDmarcRecord) record = pb_dmarc_record_parse (text, &error);

  if (record != NULL)
    {
      PB_FUZZ_ASSERT (error == NULL);
      check_record (text, record);
      return 0;
    }
  pb_fuzz_assert_refused (text, error, PB_DMARC_RECORD_ERROR, PB_DMARC_RECORD_ERROR_INVALID);
  return 0;
}
