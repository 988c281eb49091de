/* pb-certificate-dialog.h: a certificate that failed validation, and the explicit choice
 * to trust it for one host and port
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-check.h"

G_BEGIN_DECLS

#define PB_TYPE_CERTIFICATE_DIALOG (pb_certificate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbCertificateDialog, pb_certificate_dialog, PB, CERTIFICATE_DIALOG, AdwMessageDialog)

PbCertificateDialog *pb_certificate_dialog_new (GtkWindow     *parent,
                                                PbCheckResult *result);

G_END_DECLS
