/* pb-cli-check-run.h: one `postbote check` through the setup flow, and what it prints
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pb-cli-check.c reads and checks the options; this part detects, tests one server or
 * both halves of the account, and prints the progress and the report.
 */
#pragma once

#include <glib.h>

#include "pb-address.h"
#include "pb-secret.h"
#include "pb-server-config.h"
#include "pb-setup.h"

G_BEGIN_DECLS

typedef struct {
  gboolean    json;
  gboolean    transcript;
  char       *protocol_text;
  PbProtocol  protocol;         /* --protocol, SMTP without it */
  gboolean    account;          /* no --protocol and no server named: both halves */
  char       *server;
  char       *port_text;
  int         port;
  char       *security;
  char       *user;
  gboolean    password_stdin;
  char       *from;
  gboolean    dry_run_send;
  gboolean    send_test;        /* with account: then waits for it in INBOX */
  char       *wait_text;
  int         wait;             /* --wait, seconds */
  char       *timeout_text;
  int         timeout;
  gboolean    save_password;
  gboolean    oauth;            /* the provider's sign-in instead of a password */
  gboolean    no_browser;       /* with oauth: only a saved sign-in */
  gboolean    oauth_device;     /* oauth with a code on another device (RFC 8628) */
} PbCliCheckArgs;

/* One `postbote check`: the flow, and what its signals need to print. */
typedef struct {
  PbCliCheckArgs  *args;
  const PbAddress *address;
  PbSetup         *setup;
  gboolean         verbose;
  gboolean         plaintext;   /* the user's own --security none */
  gboolean         detected;    /* the server came from detection */
  gboolean         save_failed;
  guint            waited_s;    /* the last round-trip progress printed */
  GAsyncResult    *done;
} PbCliCheckRun;

/* The flow, told what the options say; the password goes to it and ours is wiped. */
PbSetup *pb_cli_check_setup_new    (PbCliCheckRun   *run,
                                    PbSecret       **password);
/* Without --server: detect, and take the detected server of the protocol into the
 * options (--port, --security and --user still apply to it). FALSE after printing why
 * nothing can be tested, with *exit_code. */
gboolean pb_cli_check_detect       (PbCliCheckRun   *run,
                                    int             *exit_code);
/* Tests config and prints the report; returns the exit status. */
int      pb_cli_check_test_server  (PbCliCheckRun   *run,
                                    PbServerConfig  *config,
                                    const char      *from,
                                    gint64           started);
/* After pb_cli_check_detect(): both halves of the account at once. */
int      pb_cli_check_test_account (PbCliCheckRun   *run,
                                    const char      *from,
                                    gint64           started);

G_END_DECLS
