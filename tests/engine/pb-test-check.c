/* pb-test-check.c: what the check's tests in the lab read in a result's transcript
 * (pb-test-check.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-check.h"

PbTranscriptLine *
transcript_find (PbCheckResult *r,
                 char           direction,
                 const char    *prefix)
{
  for (guint i = 0; i < r->transcript->len; i++)
    {
      PbTranscriptLine *line = r->transcript->pdata[i];

      if (line->direction == direction && g_str_has_prefix (line->text, prefix))
        return line;
    }
  return NULL;
}
