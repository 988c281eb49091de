/* pb-export.h: the hand-off formats, by name, and one call that writes any of them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* The names (pb_export_format_to_string) are those of `postbote export --format`. */
typedef enum {
  PB_EXPORT_FORMAT_GOA,           /* GNOME Online Accounts: a hand-off, not a file */
  PB_EXPORT_FORMAT_MSMTP,         /* an account block of msmtp's configuration */
  PB_EXPORT_FORMAT_MOBILECONFIG,  /* an Apple configuration profile */
  PB_EXPORT_FORMAT_AUTOCONFIG,    /* config-v1.1.xml, for the domain's administrator */
  PB_EXPORT_FORMAT_SRV,           /* RFC 6186/8314 SRV records, for the domain's zone */
  PB_EXPORT_FORMAT_TEXT,          /* the whole account for a ticket or a note */
  PB_EXPORT_FORMAT_INSTRUCTIONS,  /* steps in one mail program (pb-export-instructions.h) */
  PB_EXPORT_N_FORMATS             /*< skip >*/
} PbExportFormat;

const char *pb_export_format_to_string   (PbExportFormat         format);
gboolean    pb_export_format_from_string (const char            *str,
                                          PbExportFormat        *out);
/* Whether the format describes one person's account (mode 0600 for its file) rather than
 * the domain's settings for everyone (autoconfig, SRV) or a note meant to be passed on. */
gboolean    pb_export_format_is_personal (PbExportFormat         format);

/* The format's text, without a password; NULL with a PB_EXPORT_ERROR (NOT_AVAILABLE for a
 * format that is no file, and for the instructions, which need a program: write them with
 * pb_export_instructions_new() and pb_export_steps_to_text()). */
char       *pb_export_write              (PbExportFormat         format,
                                          const PbExportAccount *account,
                                          GError               **error);

G_END_DECLS
