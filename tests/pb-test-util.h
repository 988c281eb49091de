/* pb-test-util.h: helpers for the engine, lab and window tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-discovery.h"
#include "pb-imap.h"

G_BEGIN_DECLS

/* Locale, message catalogue and g_test_init for a test that meson runs once per language
 * (LANGUAGE=en, LANGUAGE=de). TRUE when this run is the German one. */
gboolean              pb_test_init_language    (int    *argc,
                                                char ***argv);

/* Whether the test runs in German (LANGUAGE=de...), as meson's -de variants do. */
gboolean              pb_test_is_german        (void);

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

/* How much slower than a plain build this run is allowed to be: PB_TEST_TIME_SCALE, set by
 * build-aux/test --sanitize and build-aux/valgrind; 1 when unset. Every time bound in a test
 * (a deadline the product promises, or a timeout that only keeps a test short) is multiplied
 * by it, so that a slow build is not mistaken for a broken one. */
guint                 pb_test_time_scale       (void);

/* A connected pair of local stream sockets: the client's end as a GSocketConnection, the
 * server's end as a file descriptor in *peer (the caller closes it). */
GSocketConnection    *pb_test_socketpair       (int *peer);

/* ms scaled by pb_test_time_scale(). */
guint                 pb_test_scaled_ms        (guint ms);

/* A PbCheck of host:port, run to its end as the GUI runs it (main loop, ::step signals).
 * password: NULL to skip the login; cancel_after_ms: 0, or cancel the check after that long;
 * steps: NULL, or where to put the names of the ::step signals in order. */
PbCheckResult        *pb_test_run_check        (const char           *host,
                                                guint16               port,
                                                PbSecurity            security,
                                                const PbCheckOptions *options,
                                                const char           *password,
                                                guint                 cancel_after_ms,
                                                GPtrArray           **steps);

/* The same for the account address (user@HOST above), the login unless options name one. */
PbCheckResult        *pb_test_run_check_for    (const char           *address,
                                                const char           *host,
                                                guint16               port,
                                                PbSecurity            security,
                                                const PbCheckOptions *options,
                                                const char           *password,
                                                guint                 cancel_after_ms,
                                                GPtrArray           **steps);

/* The same for any server: SMTP, IMAP or POP3 as config says. */
PbCheckResult        *pb_test_run_check_config (PbServerConfig       *config,
                                                const char           *address,
                                                const PbCheckOptions *options,
                                                const char           *password,
                                                guint                 cancel_after_ms,
                                                GPtrArray           **steps);
/* TRUE, after printing TAP's skip plan, when the test does not run inside
 * tests/lab/lab-run: main() then returns 0. */
gboolean              pb_test_skip_without_lab (void);
/* How many messages the lab user's Maildir holds (new and cur). */
gint64                pb_test_maildir_count    (const char           *local_part);

/* g_test_init() for a test that runs inside tests/lab/lab-run; FALSE (with a TAP plan that
 * says why it is skipped) when it runs outside. */
gboolean              pb_test_lab_init         (int                  *argc,
                                                char               ***argv);

/* The SHA-256 fingerprint of the lab's certificate certs/NAME.crt, to pin where a server is
 * reached by an address its certificate does not name. */
char                 *pb_test_lab_pin          (const char           *name);

/* How many AUTH commands the lab's scripted server has received in this scenario
 * ($PB_LAB_DIR/scripted/SCENARIO.log): whether a login reached the server. */
guint                 pb_test_auth_lines       (const char *scenario);

/* The lab's ISPDB (tests/lab/www), so that no test asks the real one. */
#define PB_TEST_LAB_ISPDB "https://ispdb.test/v1.1/"

/* A discovery of address as the tests run it: the lab's ISPDB, the sources in mask
 * (PB_DISCOVERY_SOURCE_MASK()s; 0: all) and the deadline (0: 8 s). */
PbDiscovery          *pb_test_discovery_new    (const char *address,
                                                guint       mask,
                                                guint       timeout_ms);

/* The same, run to its end with pb_discovery_run_sync(); allow_plain_http as the setting. */
PbDiscoveryResult    *pb_test_run_discovery    (const char *address,
                                                guint       mask,
                                                guint       timeout_ms,
                                                gboolean    allow_plain_http,
                                                GError    **error);

/* pb_test_run_discovery() without plain HTTP, which must not fail: each source's state,
 * time and reason go to the test log. */
PbDiscoveryResult    *pb_test_discover         (const char *address,
                                                guint       mask,
                                                guint       timeout_ms);

/* Locks the Secret Service's default collection (the login keyring), as the user or a
 * timeout would; fails the test when it cannot. */
void                  pb_test_lock_keyring     (void);

/* Whether a line of a transcript (PbTranscriptLine) in direction ('C', 'S', '*'; 0: any)
 * contains needle. */
gboolean              pb_test_lines_have       (GPtrArray    *lines,
                                                char          direction,
                                                const char   *needle);

/* A GAsyncReadyCallback that keeps the result (a reference) in *(GAsyncResult **) user_data,
 * and the wait for it in the default main context. */
void                  pb_test_store_result     (GObject      *source,
                                                GAsyncResult *result,
                                                gpointer      user_data);
GAsyncResult         *pb_test_wait_result      (GAsyncResult **slot);
/* Waits for the IMAP client's connect or command whose result pb_test_store_result() puts
 * in *slot, empties the slot and finishes it. */
gboolean              pb_test_imap_finish      (PbImapClient  *client,
                                                GAsyncResult **slot,
                                                GError       **error);

G_END_DECLS
