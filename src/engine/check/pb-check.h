/* pb-check.h: the live check of one outgoing server
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a PbSmtpClient as far as the caller asks (connect, TLS, login, a sender-policy dry
 * run, a real test message) and returns a PbCheckResult with every step, the TLS and
 * certificate facts, the capabilities and, when something failed, the original failure and
 * its problem id from pb_diagnosis_classify().
 */
#pragma once

#include <gio/gio.h>

#include "pb-certificate.h"
#include "pb-check-message.h"
#include "pb-check-options.h"
#include "pb-check-result.h"
#include "pb-failure.h"
#include "pb-problem.h"
#include "pb-server-config.h"

G_BEGIN_DECLS


#define PB_TYPE_CHECK (pb_check_get_type ())
G_DECLARE_FINAL_TYPE (PbCheck, pb_check, PB, CHECK, GObject)

PbCheck       *pb_check_new          (PbServerConfig       *config,
                                      const char           *address,
                                      const PbCheckOptions *options);
/* The password is copied, used once and wiped. NULL: the login is not tested. */
void           pb_check_set_password (PbCheck              *self,
                                      const char           *password);
/* An OAuth 2.0 access token to log in with instead of a password (XOAUTH2 or
 * OAUTHBEARER): copied, used once and wiped. */
void           pb_check_set_access_token (PbCheck            *self,
                                          const char         *token);
/* Why the caller has no password (PB_PROBLEM_KEYRING_LOCKED, ...): the login is not
 * tested and the result says why. */
void           pb_check_set_password_problem (PbCheck    *self,
                                              PbProblem   problem);
/* ::step (PbCheckStep *step) is emitted as each step ends. */
void           pb_check_run_async    (PbCheck              *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* A result also when the check failed; NULL only on a programming error. */
PbCheckResult *pb_check_run_finish   (PbCheck              *self,
                                      GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
