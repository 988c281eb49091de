/* pb-setup-private.h: what the flow opens to its test run (pb-setup-run.c)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-setup.h"
#include "pb-oauth-sign-in.h"
#include "pb-secret.h"

G_BEGIN_DECLS

struct _PbSetup
{
  GObject             parent_instance;

  PbSetupAsker       *asker;
  PbSecret           *password;
  gboolean            remember_password;
  gboolean            lookup_saved_password;
  gboolean            use_trust_store;
  guint               discovery_timeout_ms;
  gboolean            oauth;             /* the provider's sign-in instead of a password */
  gboolean            oauth_batch;       /* no browser: only a saved sign-in */
  gboolean            oauth_device;      /* a code on another device, not the browser */
  guint               oauth_timeout_ms;
  PbOAuthTokens      *kept_tokens;       /* the newest sign-in's, in memory only */
  char               *kept_for;          /* whose: issuer, client id and address */

  PbSetupState        state;
  PbDiscovery        *discovery;
  PbDiscoveryResult  *discovery_result;
  PbServerConfig     *server;
  PbServerConfig     *incoming_server;
  PbSetupQuestion    *confirmation;
  PbCheckResult      *result;
  PbExplanation      *explanation;
  PbCheckResult      *half_results[PB_SETUP_N_HALVES];
  PbExplanation      *half_explanations[PB_SETUP_N_HALVES];
  gboolean            has_password;
  guint               round_trip_wait_ms;
  PbRoundTripResult  *round_trip_result;
  PbExplanation      *round_trip_explanation;

  GTask              *current;           /* the newest discovery or test; older ones are stale */
  GCancellable       *store_cancellable; /* only the flow's end stops a keyring store */
};

void     pb_setup_set_state          (PbSetup         *self,
                                      PbSetupState     state);
/* Makes task the newest piece of work: what an older one still reports is ignored. */
void     pb_setup_begin              (PbSetup         *self,
                                      GTask           *task);
gboolean pb_setup_is_current         (PbSetup         *self,
                                      GTask           *task);
/* Ends task (transfer full) with error; the state follows only when it is the newest
 * work. */
void     pb_setup_end_with_error     (GTask           *task,
                                      GError          *error);
void     pb_setup_emit_sign_in_started (PbSetup       *self,
                                        PbOAuthSignIn *sign_in);
void     pb_setup_emit_check_started (PbSetup         *self,
                                      PbCheck         *check,
                                      PbServerConfig  *server);
void     pb_setup_emit_step          (PbSetup         *self,
                                      PbSetupHalf      half,
                                      PbCheckStep     *step);
/* ::password, detailed with protocol. */
void     pb_setup_emit_password      (PbSetup         *self,
                                      PbProtocol       protocol,
                                      PbSetupPassword  what,
                                      const GError    *error);
void     pb_setup_publish_result     (PbSetup         *self,
                                      PbCheckResult   *result);
/* The newest account test's round trip (NULL: none yet) and its diagnosis become the
 * flow's. */
void     pb_setup_publish_round_trip (PbSetup           *self,
                                      PbRoundTripResult *result);
void     pb_setup_emit_round_trip_started  (PbSetup     *self,
                                            PbRoundTrip *trip);
void     pb_setup_emit_round_trip_progress (PbSetup     *self,
                                            guint        waited_ms,
                                            guint        wait_ms);

G_END_DECLS
