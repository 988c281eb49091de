/* pb-test-util.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "pb-certificate.h"
#include "pb-i18n.h"
#include "pb-transcript.h"
#include "pb-test-util.h"
#include "pb-discovery-sync.h"

gboolean
pb_test_is_german (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language != NULL && g_str_has_prefix (language, "de");
}

gboolean
pb_test_init_language (int    *argc,
                       char ***argv)
{
  pb_i18n_init ();
  g_test_init (argc, argv, NULL);
  return pb_test_is_german ();
}

const PbProblemEntry *
pb_test_catalogue_entry (const char *id)
{
  for (guint i = 0; i < pb_problem_catalogue_len; i++)
    {
      if (g_strcmp0 (pb_problem_to_string (pb_problem_catalogue[i].problem), id) == 0)
        return &pb_problem_catalogue[i];
    }
  g_error ("no catalogue entry for “%s”", id);
}

char *
pb_test_ispdb_corpus_dir (void)
{
  const char *corpus = g_getenv ("PB_CORPUS_DIR");
  g_autofree char *dir_path = NULL;

  if (corpus == NULL)
    {
      pb_test_skip_harness ("PB_CORPUS_DIR is not set; run through meson test");
      return NULL;
    }
  dir_path = g_build_filename (corpus, "ispdb", NULL);
  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf ("ISPDB corpus %s is absent", dir_path);
      pb_test_skip_harness (msg);
      return NULL;
    }
  return g_steal_pointer (&dir_path);
}

/* A subtest whose harness is missing: skipped on a developer's machine, failed in CI
 * (PB_REQUIRE_ALL, see tests/meson.build). */
void
pb_test_skip_harness (const char *reason)
{
  if (g_strcmp0 (g_getenv ("PB_REQUIRE_ALL"), "1") == 0)
    g_test_fail_printf ("%s, and every harness is required", reason);
  else
    g_test_skip (reason);
}

#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;
#endif

void
pb_test_set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
#ifdef __GLIBC__
  /* glibc caches translations until told the catalogue may have changed. */
  ++_nl_msg_cat_cntr;
#endif
}

guint
pb_test_time_scale (void)
{
  const char *scale = g_getenv ("PB_TEST_TIME_SCALE");
  guint64 value = 0;

  if (scale == NULL || *scale == '\0')
    return 1;
  if (!g_ascii_string_to_unsigned (scale, 10, 1, 1000, &value, NULL))
    g_error ("PB_TEST_TIME_SCALE=%s is not a whole number from 1 to 1000", scale);
  return (guint) value;
}

GSocketConnection *
pb_test_socketpair (int *peer)
{
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  socket = g_socket_new_from_fd (fds[0], NULL);
  *peer = fds[1];
  return g_socket_connection_factory_create_connection (socket);
}

guint
pb_test_scaled_ms (guint ms)
{
  return ms * pb_test_time_scale ();
}

typedef struct {
  GMainLoop     *loop;
  PbCheckResult *result;
  GPtrArray     *step_names;
} CheckRun;

static void
check_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->result = pb_check_run_finish (PB_CHECK (source), res, &error);
  g_assert_no_error (error);
  g_main_loop_quit (run->loop);
}

static void
check_step (PbCheck     *check,
            PbCheckStep *step,
            gpointer     user_data)
{
  CheckRun *run = user_data;

  g_ptr_array_add (run->step_names, g_strdup (step->name));
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

PbCheckResult *
pb_test_run_check (const char           *host,
                   guint16               port,
                   PbSecurity            security,
                   const PbCheckOptions *options,
                   const char           *password,
                   guint                 cancel_after_ms,
                   GPtrArray           **steps)
{
  g_autofree char *address = g_strdup_printf ("user@%s", host);

  return pb_test_run_check_for (address, host, port, security, options, password,
                                cancel_after_ms, steps);
}

PbCheckResult *
pb_test_run_check_for (const char           *address,
                       const char           *host,
                       guint16               port,
                       PbSecurity            security,
                       const PbCheckOptions *options,
                       const char           *password,
                       guint                 cancel_after_ms,
                       GPtrArray           **steps)
{
  g_autoptr(PbServerConfig) config = pb_server_config_new (PB_PROTOCOL_SMTP, host, port, security,
                                                           PB_AUTH_PASSWORD_CLEARTEXT, NULL);

  return pb_test_run_check_config (config, address, options, password, cancel_after_ms, steps);
}

PbCheckResult *
pb_test_run_check_config (PbServerConfig       *config,
                          const char           *address,
                          const PbCheckOptions *options,
                          const char           *password,
                          guint                 cancel_after_ms,
                          GPtrArray           **steps)
{
  g_autoptr(PbCheck) check = pb_check_new (config, address, options);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CheckRun run = { g_main_loop_new (NULL, FALSE), NULL, g_ptr_array_new_with_free_func (g_free) };
  guint cancel_source = 0;

  if (password != NULL)
    pb_check_set_password (check, password);
  g_signal_connect (check, "step", G_CALLBACK (check_step), &run);
  if (cancel_after_ms)
    cancel_source = g_timeout_add (cancel_after_ms, cancel_later, cancellable);
  pb_check_run_async (check, cancellable, check_done, &run);
  g_main_loop_run (run.loop);
  /* A check that ended first must not be cancelled after its cancellable is gone. */
  if (cancel_source && !g_cancellable_is_cancelled (cancellable))
    g_source_remove (cancel_source);
  g_main_loop_unref (run.loop);
  g_assert_nonnull (run.result);
  if (steps)
    *steps = run.step_names;
  else
    g_ptr_array_unref (run.step_names);
  return run.result;
}

gboolean
pb_test_skip_without_lab (void)
{
  if (g_getenv ("PB_LAB_DIR") != NULL)
    return FALSE;
  printf ("1..0 # SKIP needs the lab: run through tests/lab/lab-run\n");
  return TRUE;
}

gint64
pb_test_maildir_count (const char *local_part)
{
  gint64 count = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "mail", local_part,
                                                "Maildir", i == 0 ? "new" : "cur", NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

      while (dir != NULL && g_dir_read_name (dir) != NULL)
        count++;
    }
  return count;
}

gboolean
pb_test_lab_init (int    *argc,
                  char ***argv)
{
  if (g_getenv ("PB_LAB_DIR") == NULL)
    {
      g_print ("1..0 # SKIP needs the lab: run through tests/lab/lab-run\n");
      return FALSE;
    }
  g_test_init (argc, argv, NULL);
  return TRUE;
}

char *
pb_test_lab_pin (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".crt", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "certs", file, NULL);
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (path, NULL);

  g_assert_nonnull (cert);
  return pb_certificate_sha256 (cert);
}

guint
pb_test_auth_lines (const char *scenario)
{
  g_autofree char *path = g_strdup_printf ("%s/scripted/%s.log", g_getenv ("PB_LAB_DIR"),
                                           scenario);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  /* No log: the server never saw a connection, so no AUTH either. */
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], "AUTH");
  return n;
}

PbDiscovery *
pb_test_discovery_new (const char *address,
                       guint       mask,
                       guint       timeout_ms)
{
  g_autoptr(PbAddress) parsed = pb_address_parse (address, NULL);
  PbDiscovery *discovery;

  g_assert_nonnull (parsed);
  discovery = pb_discovery_new (parsed);
  pb_discovery_set_ispdb_base_url (discovery, PB_TEST_LAB_ISPDB);
  pb_discovery_set_sources (discovery, mask != 0 ? mask : PB_DISCOVERY_ALL_SOURCES);
  /* The default is no deadline under test, only a bound on a run: it grows with the
   * slowdown (Valgrind, sanitizers). A test's own timeout_ms is the behaviour it tests. */
  pb_discovery_set_timeout_ms (discovery,
                               timeout_ms != 0 ? timeout_ms : 8000 * pb_test_time_scale ());
  return discovery;
}

PbDiscoveryResult *
pb_test_run_discovery (const char *address,
                       guint       mask,
                       guint       timeout_ms,
                       gboolean    allow_plain_http,
                       GError    **error)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new (address, mask, timeout_ms);

  pb_discovery_set_allow_plain_http (discovery, allow_plain_http);
  return pb_discovery_run_sync (discovery, NULL, error);
}

PbDiscoveryResult *
pb_test_discover (const char *address,
                  guint       mask,
                  guint       timeout_ms)
{
  g_autoptr(GError) error = NULL;
  PbDiscoveryResult *result = pb_test_run_discovery (address, mask, timeout_ms, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    g_test_message ("%s: %s %u ms %s", pb_discovery_source_to_string (i),
                    pb_source_state_to_string (pb_discovery_result_get_outcome (result, i)),
                    pb_discovery_result_get_ms (result, i),
                    pb_discovery_result_get_reason (result, i) ?: "");
  return result;
}

void
pb_test_lock_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GList) objects = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
}

void
pb_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
pb_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

gboolean
pb_test_imap_finish (PbImapClient  *client,
                     GAsyncResult **slot,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = pb_test_wait_result (slot);

  *slot = NULL;
  if (g_task_get_source_tag (G_TASK (result)) == pb_imap_client_connect_async)
    return pb_imap_client_connect_finish (client, result, error);
  return pb_imap_client_command_finish (client, result, error);
}

gboolean
pb_test_lines_have (GPtrArray  *lines,
                    char        direction,
                    const char *needle)
{
  for (guint i = 0; i < lines->len; i++)
    {
      PbTranscriptLine *line = lines->pdata[i];

      if ((direction == 0 || line->direction == direction) && strstr (line->text, needle))
        return TRUE;
    }
  return FALSE;
}
