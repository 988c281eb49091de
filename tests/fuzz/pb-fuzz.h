/* pb-fuzz.h: shared by the fuzz targets
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target is built twice: with libFuzzer (build-aux/fuzz, clang) and, in every normal build,
 * with pb-fuzz-replay.c as its main(), which runs it over the seed corpus and the saved
 * crashes so that a crash once found stays a regression test.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* Unlike g_assert(), never compiled out, and abort() is what libFuzzer reports as a crash. */
#define PB_FUZZ_ASSERT(expr)                                                          \
  G_STMT_START {                                                                      \
    if (G_UNLIKELY (!(expr)))                                                         \
      {                                                                               \
        g_printerr ("%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #expr);      \
        abort ();                                                                     \
      }                                                                               \
  } G_STMT_END

/* Text from a server that may reach a terminal or a label: valid UTF-8, and no control
 * character but tab (and newline where multi_line). */
static inline void
pb_fuzz_assert_clean_text (const char *text,
                           gboolean    multi_line)
{
  if (text == NULL)
    return;
  PB_FUZZ_ASSERT (g_utf8_validate (text, -1, NULL));
  for (const char *s = text; *s != '\0'; s++)
    {
      guchar c = (guchar) *s;

      if (c == '\n' && multi_line)
        continue;
      PB_FUZZ_ASSERT (c >= 0x20 || c == '\t');
      PB_FUZZ_ASSERT (c != 0x7f);
    }
  /* C1 controls too: a UTF-8 terminal (VTE) takes U+009B as CSI. */
  for (const char *s = text; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar u = g_utf8_get_char (s);

      PB_FUZZ_ASSERT (u < 0x80 || u > 0x9f);
    }
}

/* A NUL-terminated copy, for the entry points that take a C string. */
static inline char *
pb_fuzz_strndup (const guint8 *data,
                 size_t        size)
{
  return g_strndup ((const char *) data, size);
}

G_END_DECLS
