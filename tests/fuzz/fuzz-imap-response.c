/* fuzz-imap-response.c: pb_imap_response_parse_buffer() on hostile bytes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beyond "no crash": every response the parser accepts keeps its promises (a kind and a
 * status that fit together, clean UTF-8 text, capabilities upper case and unique, ID in
 * pairs), and the parser consumes no more than it was given. Literals over the cap are
 * refused, never allocated, so a hostile announcement cannot exhaust memory.
 */
#include "config.h"

#include <string.h>

#include "pb-fuzz.h"
#include "pb-imap-response.h"

static PB_FUZZ_NO_COVERAGE void
check_strv (char **strv,
            gboolean upper)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      pb_fuzz_assert_clean_text (strv[i], FALSE);
      for (guint j = 0; upper && j < i; j++)
        PB_FUZZ_ASSERT (strcmp (strv[i], strv[j]) != 0);
      for (const char *p = strv[i]; upper && *p != '\0'; p++)
        PB_FUZZ_ASSERT (!g_ascii_islower (*p) && *p > 0x20 && *p < 0x7f);
    }
}

static PB_FUZZ_NO_COVERAGE void
check_response (const PbImapResponse *r)
{
  PB_FUZZ_ASSERT ((r->kind == PB_IMAP_TAGGED) == (r->tag != NULL));
  if (r->kind == PB_IMAP_TAGGED)
    PB_FUZZ_ASSERT (r->status == PB_IMAP_STATUS_OK || r->status == PB_IMAP_STATUS_NO ||
                    r->status == PB_IMAP_STATUS_BAD);
  if (r->kind == PB_IMAP_CONTINUATION)
    PB_FUZZ_ASSERT (r->status == PB_IMAP_STATUS_NONE && r->data == PB_IMAP_DATA_NONE);
  PB_FUZZ_ASSERT ((r->status != PB_IMAP_STATUS_NONE) == (r->data == PB_IMAP_DATA_NONE) ||
                  r->kind == PB_IMAP_CONTINUATION);
  PB_FUZZ_ASSERT ((r->code == PB_IMAP_CODE_NONE) == (r->code_name == NULL));
  pb_fuzz_assert_clean_text (r->text, FALSE);
  pb_fuzz_assert_clean_text (r->line, FALSE);
  pb_fuzz_assert_clean_text (r->code_args, FALSE);
  PB_FUZZ_ASSERT (r->text != NULL || r->kind == PB_IMAP_UNTAGGED);
  check_strv (r->capabilities, TRUE);
  check_strv (r->id, FALSE);
  if (r->id != NULL)
    PB_FUZZ_ASSERT (g_strv_length (r->id) % 2 == 0);
  (void) pb_imap_status_to_string (r->status);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *p = (const char *) data;
  gsize pos = 0;

  /* The client reads response after response from the same buffer. */
  while (pos < size)
    {
      g_autoptr(PbImapResponse) r = NULL;
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;
      PbImapParseResult result;

      result = pb_imap_response_parse_buffer (p + pos, size - pos, &r, &consumed, &error);
      if (result != PB_IMAP_PARSE_COMPLETE)
        {
          PB_FUZZ_ASSERT (r == NULL);
          PB_FUZZ_ASSERT ((result == PB_IMAP_PARSE_ERROR) == (error != NULL));
          if (error != NULL)
            PB_FUZZ_ASSERT (error->domain == PB_IMAP_ERROR);
          break;
        }
      PB_FUZZ_ASSERT (error == NULL && r != NULL);
      PB_FUZZ_ASSERT (consumed > 0 && consumed <= size - pos);
      check_response (r);
      pos += consumed;
    }
  return 0;
}
