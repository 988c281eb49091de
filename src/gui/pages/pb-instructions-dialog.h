/* pb-instructions-dialog.h: the steps in one mail program, a copy button beside each value
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-export-instructions.h"

G_BEGIN_DECLS

#define PB_TYPE_INSTRUCTIONS_DIALOG (pb_instructions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbInstructionsDialog, pb_instructions_dialog, PB, INSTRUCTIONS_DIALOG,
                      AdwWindow)

/* A modal dialog over parent with steps (copied: the dialog keeps its own widgets only). */
GtkWidget *pb_instructions_dialog_new (GtkWindow           *parent,
                                       const PbExportSteps *steps);

G_END_DECLS
