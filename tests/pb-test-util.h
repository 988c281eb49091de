/* pb-test-util.h: helpers for the engine tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-diagnosis-private.h"

G_BEGIN_DECLS

/* Locale, message catalogue and g_test_init for a test that meson runs once per language
 * (LANGUAGE=en, LANGUAGE=de). TRUE when this run is the German one. */
gboolean              pb_test_init_language    (int    *argc,
                                                char ***argv);

/* Switches the language of gettext lookups within a running test (LANGUAGE, and glibc's
 * catalogue cache invalidated). */
void                  pb_test_set_language     (const char *language);

/* The catalogue's generic entry for a problem id; fails the test when there is none. */
const PbProblemEntry *pb_test_catalogue_entry  (const char *id);

/* The ISPDB corpus folder (PB_CORPUS_DIR/ispdb), or NULL when it is not there: then the
 * test is marked skipped (failed in CI), with the reason. */
char                 *pb_test_ispdb_corpus_dir (void);
/* Marks the subtest skipped for a missing harness, or failed where all are required. */
void                  pb_test_skip_harness     (const char *reason);

G_END_DECLS
