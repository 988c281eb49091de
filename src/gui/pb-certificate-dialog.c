/* pb-certificate-dialog.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-certificate-dialog.h"
#include "pb-check-format.h"
#include "pb-page-util.h"
#include "pb-text.h"

struct _PbCertificateDialog
{
  AdwMessageDialog  parent_instance;

  GtkLabel         *subject_label;
  GtkLabel         *issuer_label;
  GtkLabel         *validity_label;
  GtkLabel         *fingerprint_label;
};

G_DEFINE_FINAL_TYPE (PbCertificateDialog, pb_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* ISO dates: unambiguous in both languages, whatever LC_TIME says. */
static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("—");
}

/* A name from the certificate: the server's words, so no bidi override or other hidden
 * character may make it read as another name. */
static void
set_name (GtkLabel   *label,
          const char *name)
{
  g_autofree char *safe = pb_text_make_safe (name != NULL ? name : "—", -1, "");

  gtk_label_set_text (label, safe);
}

PbCertificateDialog *
pb_certificate_dialog_new (GtkWindow     *parent,
                           PbCheckResult *result)
{
  PbCertificateDialog *self;
  g_autofree char *body = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *validity = NULL;

  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  from = format_date (result->cert_not_before);
  until = format_date (result->cert_not_after);

  self = g_object_new (PB_TYPE_CERTIFICATE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  /* What trusting it overrides: the failed validation, an outdated TLS version. */
  body = pb_check_result_format_trust_question (result);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  set_name (self->subject_label, result->cert_subject);
  set_name (self->issuer_label, result->cert_issuer);
  /* Translators: a certificate's validity, from a date until a date */
  validity = g_strdup_printf (_("%s until %s"), from, until);
  gtk_label_set_text (self->validity_label, validity);
  gtk_label_set_text (self->fingerprint_label, result->cert_sha256 ? result->cert_sha256 : "—");
  /* Whole bytes on each line ("ab:"), not a byte broken in two. */
  pb_page_keep_parts (self->fingerprint_label, ':');

  return self;
}

static void
pb_certificate_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_CERTIFICATE_DIALOG);
  G_OBJECT_CLASS (pb_certificate_dialog_parent_class)->dispose (object);
}

static void
pb_certificate_dialog_class_init (PbCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_certificate_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbCertificateDialog, subject_label);
  gtk_widget_class_bind_template_child (widget_class, PbCertificateDialog, issuer_label);
  gtk_widget_class_bind_template_child (widget_class, PbCertificateDialog, validity_label);
  gtk_widget_class_bind_template_child (widget_class, PbCertificateDialog, fingerprint_label);
}

static void
pb_certificate_dialog_init (PbCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
