/* pb-export-steps.h: step-by-step instructions for a mail program, with the values to type
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model the per-program writers (pb-export-steps-desktop.c, pb-export-steps-mobile.c)
 * fill in and both faces present: each step is a sentence in the current language, naming
 * the program's own menus and buttons, and the fields it asks for, each a label (the
 * program's name for the field) and the verified value, so that the window can put a copy
 * button beside each value. There is never a password among the values.
 */
#pragma once

#include <glib.h>

#include "pb-server-config.h"

G_BEGIN_DECLS

typedef struct {
  char *label;   /* the program's name for the field: "Hostname" */
  char *value;   /* what to type or choose: "imap.example.com" */
} PbExportField;

typedef struct {
  char      *text;    /* what to do, one or two sentences */
  GPtrArray *fields;  /* of PbExportField, in the order the program shows them; may be empty */
} PbExportStep;

typedef struct {
  char      *title;   /* "Thunderbird: alice@example.com" */
  GPtrArray *steps;   /* of PbExportStep */
} PbExportSteps;

PbExportSteps *pb_export_steps_new        (const char    *program,
                                           const char    *address);
/* A new step at the end, its text as given. */
PbExportStep  *pb_export_steps_add        (PbExportSteps *steps,
                                           const char    *text);
void           pb_export_step_add_field   (PbExportStep  *step,
                                           const char    *label,
                                           const char    *value);
/* A field with the port as its value. */
void           pb_export_step_add_port    (PbExportStep  *step,
                                           const char    *label,
                                           guint16        port);
void           pb_export_steps_free       (PbExportSteps *steps);

/* The numbered steps as text, each field on a line of its own below its step. */
char          *pb_export_steps_to_text    (const PbExportSteps *steps);

/* The choice for a connection's security where a program offers "SSL/TLS", "STARTTLS"
 * and "None" (Thunderbird, Outlook, Thunderbird for Android). */
const char    *pb_export_security_choice  (PbSecurity     security);
/* "On" or "Off": a switch or a check box. */
const char    *pb_export_switch_value     (gboolean       on);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbExportSteps, pb_export_steps_free)

G_END_DECLS
