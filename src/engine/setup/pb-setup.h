/* pb-setup.h: the setup flow, from an address to a tested server and a saved password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that decides which server is tested (the best outgoing server discovery
 * found, unless the user names another), when the user must confirm a server before a
 * password goes to it (a host no reviewed source vouches for, settings that came over plain
 * HTTP), which provider the check and the diagnosis are told about, and when a password is
 * saved (only after the server accepted it, and only when remembering is on). The window
 * and the command line observe its state, properties and signals, and answer its questions
 * through a PbSetupAsker.
 */
#pragma once

#include <gio/gio.h>

#include "pb-address.h"
#include "pb-check.h"
#include "pb-diagnosis.h"
#include "pb-discovery.h"
#include "pb-round-trip.h"
#include "pb-server-config.h"
#include "pb-setup-asker.h"

G_BEGIN_DECLS

typedef enum {
  PB_SETUP_STATE_IDLE,
  PB_SETUP_STATE_DISCOVERING,
  PB_SETUP_STATE_DISCOVERED,  /* the settings (or none) are known; a test may start */
  PB_SETUP_STATE_ASKING,      /* waiting for the asker's answer */
  PB_SETUP_STATE_CHECKING,    /* a saved password is looked up, then the live check runs */
  PB_SETUP_STATE_SAVING,      /* the accepted password goes into the keyring */
  PB_SETUP_STATE_DONE,        /* the test ended with a result */
  PB_SETUP_STATE_STOPPED,     /* refused, cancelled, or nothing to test */
} PbSetupState;

/* What became of the password, with ::password. */
typedef enum {
  PB_SETUP_PASSWORD_NOT_ACCEPTED,    /* no login accepted in this test: nothing saved */
  PB_SETUP_PASSWORD_NOT_REMEMBERED,  /* accepted, but remembering passwords is off */
  PB_SETUP_PASSWORD_SAVED,
  PB_SETUP_PASSWORD_SAVE_FAILED,     /* the error says why (pb_credentials_error_to_problem_id) */
  PB_SETUP_PASSWORD_LOOKUP_FAILED,   /* no saved password could be read: no login tested */
} PbSetupPassword;

/* The two halves of an account: the server that sends mail, and the one it is read from. */
typedef enum {
  PB_SETUP_HALF_OUTGOING,  /* SMTP */
  PB_SETUP_HALF_INCOMING,  /* IMAP or POP3 */
  PB_SETUP_N_HALVES        /*< skip >*/
} PbSetupHalf;

#define PB_SETUP_ERROR (pb_setup_error_quark ())

typedef enum {
  PB_SETUP_ERROR_NOT_FOUND,        /* no server of the asked protocol to test */
  PB_SETUP_ERROR_REFUSED,          /* the asker said no: nothing was sent */
  PB_SETUP_ERROR_TRUST_NOT_SAVED,  /* the certificate could not be pinned */
} PbSetupError;

/* Signals, in the thread-default main context of the call that caused them:
 *   ::sign-in-started (PbOAuthSignIn *sign_in)   a test with oauth signs in at the
 *                                      provider (pb-setup-sign-in.h): its ::open-uri asks
 *                                      the face to open the browser
 *   ::check-started (PbCheck *check, PbServerConfig *server)   a live check of server
 *                                      begins: its ::step reports progress
 *   ::step (PbSetupHalf half, PbCheckStep *step)   a step of a check ended, of the half of
 *                                      the account it belongs to (two run at once in
 *                                      pb_setup_test_account_async())
 *   ::password (PbSetupPassword what, GError *error)   what became of the password; error
 *                                      only with SAVE_FAILED and LOOKUP_FAILED. Detailed:
 *                                      the detail is the protocol of the server whose
 *                                      password it is ("password::imap")
 *   ::round-trip-started (PbRoundTrip *trip)   an account test that sent its test message
 *                                      now waits for it in INBOX (see
 *                                      pb_setup_test_account_async()): the trip's ::step
 *                                      reports the steps of its incoming session
 *   ::round-trip-progress (guint waited_ms, guint wait_ms)   about once a second while the
 *                                      test message is awaited: the time since the
 *                                      outgoing server took it, and the bound ("12 s of
 *                                      60")
 * Properties (read-only, with notify): state, discovery, discovery-result, server, result. */
#define PB_TYPE_SETUP (pb_setup_get_type ())
G_DECLARE_FINAL_TYPE (PbSetup, pb_setup, PB, SETUP, GObject)

GQuark           pb_setup_error_quark (void);
/* Which half of an account a server of protocol is. */
PbSetupHalf      pb_setup_half_of     (PbProtocol    protocol);

PbSetup         *pb_setup_new         (void);

/* Who answers the questions; without one, every answer is no. */
void             pb_setup_set_asker   (PbSetup      *self,
                                       PbSetupAsker *asker);
/* The password the next test logs in with (copied; wiped when that test is done with it).
 * NULL: none, or the saved one with lookup-saved-password. */
void             pb_setup_set_password (PbSetup     *self,
                                        const char  *password);
/* Save an accepted password in the keyring (the window: "Remember password"; the command
 * line: --save-password). Off by default. */
void             pb_setup_set_remember_password (PbSetup *self,
                                                 gboolean remember);
/* Without a password, use the one saved in the keyring for the tested server and login. */
void             pb_setup_set_lookup_saved_password (PbSetup *self,
                                                     gboolean lookup);
/* Certificates the user trusted count, and a check that failed on a certificate asks
 * whether to trust it (the window). Off by default. */
void             pb_setup_set_use_trust_store (PbSetup *self,
                                               gboolean use);
/* How long an account test with send_test waits for its test message in INBOX, counted
 * from the outgoing server's acceptance; 0: PB_ROUND_TRIP_DEFAULT_WAIT_MS (60 s). */
void             pb_setup_set_round_trip_wait (PbSetup *self,
                                               guint    wait_ms);
/* The discovery's deadline; 0: the discovery-timeout setting. */
void             pb_setup_set_discovery_timeout_ms (PbSetup *self,
                                                    guint    timeout_ms);

PbSetupState     pb_setup_get_state   (PbSetup      *self);
/* The running discovery, for its progress ("source-changed"); set before it starts. */
PbDiscovery     *pb_setup_get_discovery (PbSetup    *self);
PbDiscoveryResult *pb_setup_get_discovery_result (PbSetup *self);
/* The server a test without one of its own tests: the best outgoing server found. */
PbServerConfig  *pb_setup_get_server  (PbSetup      *self);
/* The incoming server an account test checks: the first IMAP server found, else the first
 * POP3 server (each protocol's in the discovery's order: implicit TLS first); NULL when
 * none was found. */
PbServerConfig  *pb_setup_get_incoming_server (PbSetup *self);
/* What the user must confirm before a password goes to the found server, or NULL. The
 * flow asks it (through the asker) when the test starts. */
const PbSetupQuestion *pb_setup_get_confirmation (PbSetup *self);
/* The last check that ran to its end (a cancelled one does not replace it), and its
 * diagnosis when it failed. */
PbCheckResult   *pb_setup_get_result  (PbSetup      *self);
PbExplanation   *pb_setup_get_explanation (PbSetup  *self);
/* The same for one half of the account: its last check that ran to its end. */
PbCheckResult   *pb_setup_get_half_result      (PbSetup     *self,
                                                PbSetupHalf  half);
PbExplanation   *pb_setup_get_half_explanation (PbSetup     *self,
                                                PbSetupHalf  half);
/* The round trip of the newest account test that asked for one (send_test): whether the
 * test message arrived, how fast, what became of it, or why it was not looked for
 * (PbRoundTripResult.skipped). NULL before that test ended, and for a test without
 * send_test. Its diagnosis when the message was looked for and not found (or the session
 * failed): NULL otherwise. */
PbRoundTripResult *pb_setup_get_round_trip_result      (PbSetup *self);
PbExplanation     *pb_setup_get_round_trip_explanation (PbSetup *self);
/* Whether the running (or last) check has a password to log in with. */
gboolean         pb_setup_has_password (PbSetup     *self);

/* Finds the address's settings. The result may hold no configuration; fails on
 * cancellation and on an address that must not be looked up (PB_DISCOVERY_ERROR). */
void             pb_setup_discover_async  (PbSetup             *self,
                                           const PbAddress     *address,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
PbDiscoveryResult *pb_setup_discover_finish (PbSetup           *self,
                                             GAsyncResult      *result,
                                             GError           **error);
/* Takes settings found elsewhere as if discovered. */
void             pb_setup_use_result  (PbSetup           *self,
                                       PbDiscoveryResult *result);
/* Forgets the found settings and a kept sign-in (pb-setup-sign-in.h): the next test is of
 * a server the user named, with nothing to confirm and no provider. */
void             pb_setup_clear       (PbSetup      *self);

G_END_DECLS
