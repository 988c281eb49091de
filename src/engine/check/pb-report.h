/* pb-report.h: text and JSON rendering of results, for the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-json.h"

G_BEGIN_DECLS

/* Text from outside (server replies, names from XML and DNS) made safe for a terminal:
 * invalid UTF-8 and control characters (C0, DEL, C1: no escape sequences) become U+FFFD;
 * with one_line, newlines too, so a name cannot fake report lines. */
char *pb_report_terminal_safe     (const char    *text,
                                   gboolean       one_line);

/* Localized, for a terminal; server text is cleaned of control characters already. */
char *pb_report_check_text        (PbCheckResult *result,
                                   gboolean       transcript);
/* One JSON object with the fields of README.md, “Command line” (and a few more). */
char *pb_report_check_json        (PbCheckResult *result,
                                   gboolean       transcript);
/* The members of that object, written into an object the caller has begun, so a detect
 * report can embed a check. */
void  pb_report_write_check_members (JsonBuilder   *builder,
                                     PbCheckResult *result,
                                     gboolean       transcript);

/* The problem of a failed result, localized: its title, id and step, the explanation and
 * fix, the server's reply or the error; appended to out. */
void  pb_report_append_problem    (GString       *out,
                                   PbCheckResult *result);

/* `check` without --server when detection gave no server to test: the same members as a
 * check report (ok false, stage "detect"), problem one of the ids in `postbote check --help`;
 * server is the detected one or NULL. */
char *pb_report_check_detect_json (PbProblem             problem,
                                   const char           *message,
                                   const char           *fix,
                                   PbProtocol            protocol,
                                   const PbServerConfig *server);

G_END_DECLS
