/* pb-result-page.h: success, or the failure explained, with the transcript; for an account
 * what works a half
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-diagnosis.h"
#include "pb-setup.h"
#include "pb-domain-group.h"
#include "pb-notice-group.h"
#include "pb-use-in-group.h"

G_BEGIN_DECLS

#define PB_TYPE_RESULT_PAGE (pb_result_page_get_type ())

G_DECLARE_FINAL_TYPE (PbResultPage, pb_result_page, PB, RESULT_PAGE, AdwBin)

void        pb_result_page_show_success  (PbResultPage        *self,
                                          const char          *title,
                                          const char * const  *verified);
void        pb_result_page_show_failure  (PbResultPage        *self,
                                          const PbExplanation *explanation,
                                          const char          *server_text);
void        pb_result_page_set_texts     (PbResultPage        *self,
                                          const char          *transcript,
                                          const char          *report,
                                          const char          *settings);
/* Start over: empties the page of the last result (its texts, rows and hand-offs). */
void        pb_result_page_clear         (PbResultPage        *self);
/* Adds a row under what was verified (a server alone; the outgoing half of an account). */
void        pb_result_page_add_verified  (PbResultPage        *self,
                                          const char          *text,
                                          gboolean             ok);
/* An account test: half's own group of rows (ok: a check mark, else a warning), titled
 * with the half and described with its server; replaces what the group held. */
void        pb_result_page_set_half      (PbResultPage        *self,
                                          PbSetupHalf          half,
                                          const char          *title,
                                          const char          *description,
                                          const char * const  *rows,
                                          gboolean             ok);
void        pb_result_page_add_half_row  (PbResultPage        *self,
                                          PbSetupHalf          half,
                                          const char          *text,
                                          gboolean             ok);
/* A row of the round trip of a test message, in its own group below the halves (shown with
 * its first row; every new result starts without). ok: a check mark, else a warning. */
void        pb_result_page_add_round_trip_row (PbResultPage   *self,
                                               const char     *text,
                                               gboolean        ok);
/* The round trip's group title ("Send and Receive" again with every new result). */
void        pb_result_page_set_round_trip_title (PbResultPage *self,
                                                 const char   *title);
/* Which half the explanation is about, above its title (NULL: none). */
void        pb_result_page_set_context   (PbResultPage        *self,
                                          const char          *context);
/* Whether a failure offers the certificate dialog, for a certificate the user may choose
 * to trust; the offer lasts until withdrawn, whatever the page shows meanwhile. */
void        pb_result_page_offer_certificate (PbResultPage *self,
                                              gboolean      offer);
/* After a success: the hand-offs of the verified account (every new result hides them). */
PbUseInGroup *pb_result_page_get_use_in_group (PbResultPage *self);
/* After a success: what to know although it works (every new result hides it). */
PbNoticeGroup *pb_result_page_get_notice_group (PbResultPage *self);
/* After an account that works: the card of its sender domain (every new result hides it). */
PbDomainGroup *pb_result_page_get_domain_group (PbResultPage *self);
/* Whether a success offers to forget the password it saved ("forget-password"). */
void        pb_result_page_offer_forget  (PbResultPage        *self,
                                          gboolean             offer);
/* Whether a success offers to forget the sign-in it kept in the keyring ("forget-sign-in"). */
void        pb_result_page_offer_forget_sign_in (PbResultPage *self,
                                                 gboolean      offer);
const char *pb_result_page_get_title     (PbResultPage        *self);
/* Once the page shows: focus on what comes next. */
void        pb_result_page_focus         (PbResultPage        *self);
/* The new password typed on a refused login's failure, for Try Again; NULL when none. */
const char *pb_result_page_get_password  (PbResultPage        *self);
/* The problem of the failure shown (PB_PROBLEM_NONE for a success). */
PbProblem   pb_result_page_get_problem   (PbResultPage        *self);

G_END_DECLS
