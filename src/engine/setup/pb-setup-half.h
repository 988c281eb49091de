/* pb-setup-half.h: one half of a test of the setup flow: one server, from its password to
 * its saved password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test (pb-setup-run.c) runs one half (a server of one protocol) or two at once (the
 * outgoing and the incoming server of an account). A half looks up a saved password when
 * it has none, checks, saves the password the server accepted and may ask to trust a
 * failed certificate and check again.
 */
#pragma once

#include "pb-secret.h"
#include "pb-setup.h"

G_BEGIN_DECLS

typedef struct {
  PbServerConfig       *server;
  /* An incoming half without a password of its own may log in with the one saved for this
   * (outgoing) server: most accounts take the same password for both. NULL: none. */
  PbServerConfig       *fallback;
  const char           *address;
  const PbCheckOptions *options;      /* with the provider; the strings are copied */
  /* The test's only half: it moves the flow's state. Two halves at once leave it to the
   * test. */
  gboolean              alone;
  /* Keep the password the check logged in with, for pb_setup_half_run_finish() to hand
   * over: the round trip after an account test logs in again with the verified one. */
  gboolean              keep_password;
  /* The provider's sign-in (oauth): its access token (copied), or why there is none
   * (PB_PROBLEM_NONE: no sign-in was asked for). The half logs in with the token instead
   * of a password. */
  const char           *token;
  PbProblem             sign_in_problem;
} PbSetupHalfRequest;

/* Runs request for the test owner (the flow's work that the half belongs to: while it is
 * the newest, the half's result becomes the flow's). password: transfer full, may be NULL.
 * Finishes with the result (also a failed or cancelled check) or an error; with
 * keep_password, *password (may be NULL) receives the password the check was given (typed,
 * or from the keyring), else NULL. */
void           pb_setup_half_run_async  (PbSetup                  *self,
                                         GTask                    *owner,
                                         const PbSetupHalfRequest *request,
                                         PbSecret                 *password,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data);
PbCheckResult *pb_setup_half_run_finish (PbSetup                  *self,
                                         GAsyncResult             *result,
                                         PbSecret                **password,
                                         GError                  **error);

G_END_DECLS
