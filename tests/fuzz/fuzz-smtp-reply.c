/* fuzz-smtp-reply.c: pb_smtp_reply_parse() on hostile bytes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beyond "no crash": every reply the parser accepts must keep its own promises (a code in
 * range, no more than the line cap, valid UTF-8 without control characters), and the parser
 * must consume no more than it was given.
 */
#include "config.h"

#include <string.h>

#include "pb-fuzz.h"
#include "pb-smtp-reply.h"

static PB_FUZZ_NO_COVERAGE void
check_reply (const PbSmtpReply *reply)
{
  PB_FUZZ_ASSERT (reply->code >= 200 && reply->code <= 559);
  PB_FUZZ_ASSERT (reply->n_lines >= 1 && reply->n_lines <= PB_SMTP_MAX_REPLY_LINES);
  PB_FUZZ_ASSERT (g_strv_length (reply->lines) == reply->n_lines);
  for (guint i = 0; i < reply->n_lines; i++)
    {
      PB_FUZZ_ASSERT (strlen (reply->lines[i]) <= PB_SMTP_MAX_LINE_LENGTH * 3);
      pb_fuzz_assert_clean_text (reply->lines[i], FALSE);
    }
  pb_fuzz_assert_clean_text (reply->text, TRUE);
  if (reply->enhanced_code != NULL)
    PB_FUZZ_ASSERT (pb_smtp_enhanced_code_parse (reply->enhanced_code,
                                                 strlen (reply->enhanced_code),
                                                 NULL, NULL, NULL, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *p = (const char *) data;
  gsize pos = 0;

  /* The client parses the same buffer reply after reply, as pipelined replies arrive. */
  while (pos < size)
    {
      g_autoptr(PbSmtpReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;
      PbSmtpParseResult r;

      r = pb_smtp_reply_parse (p + pos, size - pos, &reply, &consumed, &error);
      if (r != PB_SMTP_PARSE_COMPLETE)
        {
          PB_FUZZ_ASSERT (reply == NULL);
          PB_FUZZ_ASSERT ((r == PB_SMTP_PARSE_ERROR) == (error != NULL));
          break;
        }
      PB_FUZZ_ASSERT (error == NULL && reply != NULL);
      PB_FUZZ_ASSERT (consumed > 0 && consumed <= size - pos);
      check_reply (reply);
      (void) pb_smtp_reply_is_positive (reply);
      pos += consumed;
    }

  {
    guint k, s, d;
    gsize consumed;

    if (pb_smtp_enhanced_code_parse (p, size, &k, &s, &d, &consumed))
      PB_FUZZ_ASSERT ((k == 2 || k == 4 || k == 5) && consumed <= size && s < 1000 && d < 1000);
  }
  return 0;
}
