/* pb-window-flow.c: the setup flow as the window's pages show it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow (PbSetup) decides; this file starts its work and puts what it says on the
 * pages. Below it, and never calling back: PbWindowAsker (pb-window-asker.c) answers the
 * flow's questions, pb-window-check.c shows a check's steps and result, pb-window-account.c
 * those of both halves of an account. Found settings are tested as an account (the
 * outgoing and the incoming server at once); a server entered by hand is tested alone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-config-extensions.h"
#include "pb-check.h"
#include "pb-credentials.h"
#include "pb-oauth-store.h"
#include "pb-settings.h"
#include "pb-setup-run.h"
#include "pb-setup-sign-in.h"
#include "pb-window-account.h"
#include "pb-window-asker.h"
#include "pb-window-check.h"
#include "pb-window-domain.h"
#include "pb-window-flow.h"
#include "pb-window-pages-private.h"
#include "pb-window-round-trip.h"
#include "pb-window-sign-in.h"

static void show_discovery (PbWindow          *self,
                            PbDiscoveryResult *found,
                            const GError      *error);

static void
on_discovery_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) found = NULL;

  found = pb_setup_discover_finish (PB_SETUP (source), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_discovery (self, found, error);
  g_object_unref (self);
}

/* Found settings whose provider has a sign-in server: its sign-in is offered instead of a
 * password, switched on where the start page had no password or the provider takes none;
 * staying signed in follows the start page's "Remember password". */
static void
offer_sign_in (PbWindow          *self,
               PbDiscoveryResult *found)
{
  PbAccountConfig *config = pb_discovery_result_get_config (found);
  gboolean password = *pb_start_page_get_password (self->start_page) != '\0';

  if (pb_setup_get_oauth_issuer (self->setup) == NULL)
    return;
  pb_settings_page_offer_sign_in (pb_window_pages_settings (self),
                                  pb_account_config_get_short_name (config),
                                  !password ||
                                  pb_account_config_has_quirk (config, PB_QUIRK_OAUTH2_ONLY) ||
                                  pb_account_config_has_quirk (config,
                                                               PB_QUIRK_BASIC_AUTH_DISABLED),
                                  pb_start_page_get_remember (self->start_page));
}

/* What the discovery found, or why it found nothing. */
static void
show_discovery (PbWindow          *self,
                PbDiscoveryResult *found,
                const GError      *error)
{
  PbSettingsPage *page;

  if (found == NULL || pb_discovery_result_get_config (found) == NULL)
    {
      pb_not_found_page_set_reason (pb_window_pages_not_found (self), self->address,
                                    found != NULL && pb_discovery_result_get_no_mx (found),
                                    error != NULL ? error->message : NULL);
      pb_window_pages_show (self, pb_window_pages_not_found (self));
      return;
    }

  page = pb_window_pages_settings (self);
  pb_settings_page_set_password_given (page,
                                       *pb_start_page_get_password (self->start_page) != '\0');
  pb_settings_page_set_result (page, found, pb_setup_get_confirmation (self->setup));
  offer_sign_in (self, found);
  pb_window_pages_show (self, page);
}

/* The flow's discovery, set before it runs. */
static void
on_discovery_changed (PbWindow *self)
{
  pb_detect_page_set_discovery (pb_window_pages_detect (self),
                                pb_setup_get_discovery (self->setup), self->address);
}

void
pb_window_flow_discover (PbWindow *self)
{
  GCancellable *cancellable;

  g_clear_pointer (&self->address, pb_address_free);
  self->address = pb_start_page_dup_address (self->start_page);
  if (self->address == NULL)
    return;

  cancellable = pb_window_pages_begin_work (self);
  /* A secret of an earlier run is not kept for this one: each test sets its own. */
  pb_setup_set_password (self->setup, NULL);
  pb_setup_discover_async (self->setup, self->address, cancellable, on_discovery_done,
                           g_object_ref (self));
  pb_window_pages_show (self, pb_window_pages_detect (self));
}

void
pb_window_flow_enter_manually (PbWindow *self)
{
  PbSettingsPage *page = pb_window_pages_settings (self);

  /* The address and password typed for it go along: nothing to type twice. */
  pb_settings_page_set_manual (page, self->address->address,
                               pb_start_page_get_password (self->start_page));
  pb_window_pages_show (self, page);
}

void
pb_window_flow_manual (PbWindow *self)
{
  pb_setup_clear (self->setup);
  pb_setup_set_password (self->setup, NULL);
  pb_settings_page_set_manual (pb_window_pages_settings (self), NULL, NULL);
  pb_window_pages_show (self, pb_window_pages_settings (self));
}

void
pb_window_flow_start_over (PbWindow *self)
{
  /* Nothing runs on, and nothing of the last account stays in the flow or in a form. */
  g_cancellable_cancel (self->cancellable);
  pb_window_account_end (self->account);
  pb_setup_clear (self->setup);
  pb_setup_set_password (self->setup, NULL);
  g_clear_pointer (&self->address, pb_address_free);
  pb_start_page_clear (self->start_page);
  if (self->settings_page != NULL)
    {
      pb_settings_page_clear (self->settings_page);
      pb_settings_page_set_remember (self->settings_page,
                                     pb_start_page_get_remember (self->start_page));
    }
  if (self->result_page != NULL)
    pb_result_page_clear (self->result_page);
  pb_window_pages_show (self, self->start_page);
  pb_start_page_focus (self->start_page);
}

void
pb_window_flow_retry (PbWindow *self)
{
  const char *password = pb_result_page_get_password (pb_window_pages_result (self));
  PbSettingsPage *settings = pb_window_pages_settings (self);

  /* A new password typed where the login failed replaces the old one where it came from. */
  if (password != NULL && pb_settings_page_get_manual (settings))
    pb_settings_page_set_password (settings, password);
  else if (password != NULL)
    pb_start_page_set_password (self->start_page, password);
  pb_window_flow_run_check (self, self->send_test_last);
}

void
pb_window_flow_inspect_certificate (PbWindow *self)
{
  /* NULL: the certificate of the half whose question is open. */
  pb_window_asker_inspect_certificate (self->asker, GTK_WINDOW (self),
                                       pb_window_account_is_active (self->account)
                                       ? NULL : pb_setup_get_result (self->setup));
}

/* The removal of every half's password: one answer once all have ended. */
typedef struct {
  PbWindow *window;
  guint     pending;
  GError   *error;
} Forgetting;

static void
forgetting_ended (Forgetting *forgetting)
{
  if (--forgetting->pending > 0)
    return;
  if (forgetting->error != NULL)
    pb_window_pages_toast (forgetting->window, forgetting->error->message);
  else
    {
      pb_result_page_offer_forget (pb_window_pages_result (forgetting->window), FALSE);
      pb_window_pages_toast (forgetting->window, _("Saved password removed from the keyring"));
    }
  g_clear_error (&forgetting->error);
  g_object_unref (forgetting->window);
  g_free (forgetting);
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  Forgetting *forgetting = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_credentials_clear_finish (res, NULL, &error) && forgetting->error == NULL)
    forgetting->error = g_steal_pointer (&error);
  forgetting_ended (forgetting);
}

void
pb_window_flow_forget_password (PbWindow *self)
{
  Forgetting *forgetting = g_new0 (Forgetting, 1);

  forgetting->window = g_object_ref (self);
  forgetting->pending = 1;  /* until every removal has started */
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    {
      PbCheckResult *result = pb_setup_get_half_result (self->setup, half);

      if (result == NULL || result->username == NULL)
        continue;
      forgetting->pending++;
      pb_credentials_clear (result->username, result->server->host, result->server->port,
                            pb_credentials_default_flags (), NULL, on_forgotten, forgetting);
    }
  forgetting_ended (forgetting);
}

static void
on_sign_in_forgotten (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  PbWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_credentials_clear_finish (res, NULL, &error))
    pb_window_pages_toast (self, error->message);
  else
    {
      pb_result_page_offer_forget_sign_in (pb_window_pages_result (self), FALSE);
      pb_window_pages_toast (self,
                             _("Signed out: sign-in removed from the keyring"));
    }
  g_object_unref (self);
}

void
pb_window_flow_forget_sign_in (PbWindow *self)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (self->address != NULL);

  /* The sign-in this window keeps in memory goes first, whatever the keyring answers. */
  pb_setup_forget_sign_in (self->setup);
  attributes = pb_oauth_store_user_attributes (self->address->address);
  pb_credentials_clear_foreign (pb_oauth_store_get_schema (), attributes,
                                pb_credentials_default_flags (), NULL, on_sign_in_forgotten,
                                g_object_ref (self));
}

/* The detail of ::password is the protocol of the server whose password it is. */
static void
on_password (PbWindow        *self,
             PbSetupPassword  what,
             const GError    *error)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (self->setup);
  PbProtocol protocol = PB_PROTOCOL_SMTP;
  PbSetupHalf half;

  pb_protocol_from_string (g_quark_to_string (hint->detail), &protocol);
  half = pb_setup_half_of (protocol);
  if (pb_window_account_is_active (self->account))
    pb_window_account_show_password (self->account, pb_window_pages_result (self), half,
                                     what, error);
  else
    pb_window_check_show_password (pb_window_pages_result (self), half, what, error);
}

/* Whether the password is the settings page's: by hand, or asked for there because the
 * start page had none. */
static gboolean
password_on_settings_page (PbWindow *self)
{
  return pb_settings_page_get_manual (pb_window_pages_settings (self)) ||
         *pb_start_page_get_password (self->start_page) == '\0';
}

static const char *
current_password (PbWindow *self)
{
  if (password_on_settings_page (self))
    return pb_settings_page_get_password (pb_window_pages_settings (self));
  return pb_start_page_get_password (self->start_page);
}

/* The "Remember password" switch beside the password used. */
static gboolean
current_remember (PbWindow *self)
{
  if (password_on_settings_page (self))
    return pb_settings_page_get_remember (pb_window_pages_settings (self));
  return pb_start_page_get_remember (self->start_page);
}

/* A test with the provider's sign-in signs in before its halves start. */
static void
on_sign_in_started (PbWindow      *self,
                    PbOAuthSignIn *sign_in)
{
  PbSignInPage *page = pb_window_pages_sign_in (self);
  PbAccountConfig *config = pb_settings_page_get_config (pb_window_pages_settings (self));

  pb_window_sign_in_follow (self->sign_in, sign_in,
                            config != NULL ? pb_account_config_get_short_name (config)
                                           : pb_oauth_sign_in_get_issuer (sign_in)->issuer,
                            page, GTK_WINDOW (self));
  pb_window_pages_show (self, page);
}

static void
on_check_started (PbWindow       *self,
                  PbCheck        *check,
                  PbServerConfig *server)
{
  PbTestPage *page = pb_window_pages_test (self);

  /* The halves of a test cancelled while it signed in still start, and end at once. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (pb_window_account_is_active (self->account))
    pb_window_account_check_started (self->account, page, pb_setup_half_of (server->protocol));
  else
    pb_window_check_begin (page, server);
  pb_window_pages_show (self, page);
}

static void
on_step (PbWindow    *self,
         PbSetupHalf  half,
         PbCheckStep *step)
{
  pb_window_check_show_step (pb_window_pages_test (self), half, step);
}

/* After an account that works, its sender domain's records on the card (advice). */
static void
check_domain (PbWindow *self)
{
  if (pb_window_account_works (self->account, self->setup))
    pb_window_domain_check (pb_window_pages_result (self), self->address,
                            pb_setup_get_round_trip_result (self->setup), self->cancellable);
}

static void
show_account (PbWindow *self)
{
  pb_window_account_show (self->account, self->setup, pb_window_pages_test (self),
                          pb_window_pages_result (self));
  pb_window_sign_in_show (self->sign_in, pb_window_pages_result (self));
  check_domain (self);
  pb_window_pages_show (self, pb_window_pages_result (self));
}

/* A check ran to its end (a cancelled one is no result: the page has moved on). An
 * account's result page waits for its other half, and, when it sent a test message, for
 * the round trip, unless a half asks to trust its certificate first. */
static void
on_result (PbWindow *self)
{
  PbCheckResult *result = pb_setup_get_result (self->setup);

  if (!pb_window_account_is_active (self->account))
    {
      pb_window_check_show_result (pb_window_pages_test (self), pb_window_pages_result (self),
                                   result, pb_setup_get_explanation (self->setup),
                                   pb_start_page_get_name (self->start_page));
      pb_window_pages_show (self, pb_window_pages_result (self));
    }
  else if (pb_window_account_take_result (self->account, pb_setup_half_of (result->protocol)) &&
           (!pb_window_account_awaits_round_trip (self->account) ||
            pb_window_asker_get_asking (self->asker)))
    show_account (self);
}

/* A half asks to trust its certificate after every half ended: the round trip waits for
 * the answer, which the result page asks for (the result comes first). */
static void
on_asking_changed (PbWindow *self)
{
  if (pb_window_asker_get_asking (self->asker) &&
      pb_window_account_is_active (self->account) &&
      pb_window_account_all_done (self->account) &&
      pb_window_pages_get_current (self) == PB_WINDOW_PAGE_TEST)
    show_account (self);
}

static void
on_round_trip_started (PbWindow    *self,
                       PbRoundTrip *trip)
{
  pb_window_round_trip_begin (pb_window_pages_test (self), trip, self->round_trip_wait_ms);
}

static void
on_round_trip_progress (PbWindow *self,
                        guint     waited_ms,
                        guint     wait_ms)
{
  pb_window_round_trip_progress (pb_window_pages_test (self), waited_ms, wait_ms);
}

/* A test ended without a result: refused, nothing to test, or the trust not saved. */
static void
test_failed (PbWindow *self,
             GError   *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  pb_window_pages_toast (self, error->message);
  /* A certificate that could not be trusted leaves the result as it is. */
  if (!g_error_matches (error, PB_SETUP_ERROR, PB_SETUP_ERROR_TRUST_NOT_SAVED))
    pb_window_pages_show (self, pb_window_pages_settings (self));
}

/* The end of a test of one server or of an account: its results are on the pages already
 * (::notify::result); only a test that ended without one is left to say. */
static void
on_test_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  PbWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (res, pb_setup_test_account_async))
    {
      GPtrArray *results = pb_setup_test_account_finish (PB_SETUP (source), res, &error);

      if (results != NULL &&
          pb_window_account_show_round_trip (self->account, self->setup,
                                             pb_window_pages_test (self),
                                             pb_window_pages_result (self)))
        {
          pb_window_sign_in_show (self->sign_in, pb_window_pages_result (self));
          check_domain (self);
          pb_window_pages_show (self, pb_window_pages_result (self));
        }
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  else
    {
      PbCheckResult *result = pb_setup_test_finish (PB_SETUP (source), res, &error);

      g_clear_object (&result);
    }
  test_failed (self, error);
  g_object_unref (self);
}

/* The options of a test as the settings page has them. */
static void
fill_options (PbWindow       *self,
              PbServerConfig *server,
              PbCheckOptions *options,
              const char    **address)
{
  PbSettingsPage *page = pb_window_pages_settings (self);

  if (pb_settings_page_get_manual (page))
    {
      const char *sender = pb_settings_page_get_sender (page);
      const char *recipient = pb_settings_page_get_recipient (page);

      *address = *sender != '\0' ? sender : server->username;
      options->recipient = *recipient != '\0' ? recipient : NULL;
      options->dry_run_send = *sender != '\0' || *recipient != '\0';
    }
  else
    options->dry_run_send = TRUE;
  options->username = server->username && *server->username ? server->username : NULL;
  /* The name from the start page goes into the test message's From. */
  options->from_name = pb_start_page_get_name (self->start_page);
}

void
pb_window_flow_run_check (PbWindow *self,
                          gboolean  send_test)
{
  PbSettingsPage *page = pb_window_pages_settings (self);
  g_autoptr(PbServerConfig) server = pb_settings_page_dup_server (page);
  PbCheckOptions options = { 0 };
  const char *address = NULL;
  GCancellable *cancellable;
  gboolean keep = FALSE;
  /* By hand, never: the sign-in server is a preset's. */
  gboolean oauth = pb_settings_page_get_sign_in (page, &keep);

  fill_options (self, server, &options, &address);
  options.send_test = self->send_test_last = send_test;
  self->round_trip_wait_ms = self->settings != NULL
                             ? g_settings_get_uint (self->settings, "round-trip-wait") * 1000
                             : PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  pb_setup_set_round_trip_wait (self->setup, self->round_trip_wait_ms);

  cancellable = pb_window_pages_begin_work (self);
  /* Signing in at the provider, no password goes anywhere; staying signed in keeps the
   * sign-in as remembering keeps a password. */
  pb_setup_set_oauth (self->setup, oauth);
  pb_setup_set_password (self->setup, oauth ? NULL : current_password (self));
  pb_setup_set_remember_password (self->setup, oauth ? keep : current_remember (self));
  pb_window_sign_in_begin (self->sign_in, oauth && keep);
  if (pb_settings_page_get_manual (page))
    {
      pb_window_account_end (self->account);
      pb_setup_test_async (self->setup, server, address, &options, cancellable, on_test_done,
                           g_object_ref (self));
      return;
    }
  /* The outgoing server as the user may have edited it, and the incoming one found. */
  pb_window_account_begin (self->account, pb_window_pages_test (self), server,
                           pb_setup_get_incoming_server (self->setup), options.from_name,
                           options.send_test);
  pb_setup_test_account_with_async (self->setup, server, &options, cancellable,
                                    on_test_done, g_object_ref (self));
}

void
pb_window_flow_init (PbWindow *self)
{
  g_signal_connect_swapped (self->setup, "notify::discovery",
                            G_CALLBACK (on_discovery_changed), self);
  g_signal_connect_swapped (self->setup, "sign-in-started", G_CALLBACK (on_sign_in_started),
                            self);
  g_signal_connect_swapped (self->setup, "check-started", G_CALLBACK (on_check_started), self);
  g_signal_connect_swapped (self->setup, "step", G_CALLBACK (on_step), self);
  g_signal_connect_swapped (self->setup, "notify::result", G_CALLBACK (on_result), self);
  g_signal_connect_swapped (self->setup, "password", G_CALLBACK (on_password), self);
  g_signal_connect_swapped (self->setup, "round-trip-started",
                            G_CALLBACK (on_round_trip_started), self);
  g_signal_connect_swapped (self->setup, "round-trip-progress",
                            G_CALLBACK (on_round_trip_progress), self);
  g_signal_connect_object (self->asker, "notify::asking", G_CALLBACK (on_asking_changed), self,
                           G_CONNECT_SWAPPED);
}
