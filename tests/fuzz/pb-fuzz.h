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

/* The targets' own invariant checks are not what is being explored: without coverage
 * instrumentation they cost a plain loop instead of a callback per comparison. */
#if defined(__clang__) && __clang_major__ >= 13
# define PB_FUZZ_NO_COVERAGE __attribute__ ((no_sanitize ("coverage")))
#else
# define PB_FUZZ_NO_COVERAGE
#endif

/* Text from a server that may reach a terminal or a label: valid UTF-8, and no control
 * character but tab (and newline where multi_line); no C1 control either, as a UTF-8
 * terminal (VTE) takes U+009B as CSI. */
static inline PB_FUZZ_NO_COVERAGE void
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
      /* U+0080..U+009F are encoded as C2 80..C2 9F. */
      PB_FUZZ_ASSERT (c != 0xc2 || (guchar) s[1] < 0x80 || (guchar) s[1] > 0x9f);
    }
}

/* A NUL-terminated copy, for the entry points that take a C string. */
static inline char *
pb_fuzz_strndup (const guint8 *data,
                 size_t        size)
{
  return g_strndup ((const char *) data, size);
}

/* A parser's refusal: its own error, with a sentence that is UTF-8 when the input was (the
 * sentence quotes the input). */
static inline PB_FUZZ_NO_COVERAGE void
pb_fuzz_assert_refused (const char   *input,
                        const GError *error,
                        GQuark        domain,
                        int           code)
{
  PB_FUZZ_ASSERT (g_error_matches (error, domain, code));
  PB_FUZZ_ASSERT (error->message[0] != '\0');
  PB_FUZZ_ASSERT (!g_utf8_validate (input, -1, NULL)
                  || g_utf8_validate (error->message, -1, NULL));
}

G_END_DECLS
