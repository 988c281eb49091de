/* pb-check-result.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-check-result.h"
#include "pb-diagnosis-providers.h"

G_DEFINE_FINAL_TYPE (PbCheckResult, pb_check_result, G_TYPE_OBJECT)

static void
check_step_free (gpointer data)
{
  PbCheckStep *step = data;

  g_free (step->name);
  g_free (step);
}

static void
pb_check_result_finalize (GObject *object)
{
  PbCheckResult *self = PB_CHECK_RESULT (object);

  pb_failure_clear (&self->failure);
  g_clear_pointer (&self->server, pb_server_config_unref);
  g_free (self->address);
  g_free (self->provider_id);
  g_free (self->username);
  g_free (self->from);
  g_ptr_array_unref (self->steps);
  g_free (self->tls_version);
  g_free (self->tls_cipher);
  g_free (self->cert_subject);
  g_free (self->cert_issuer);
  g_clear_pointer (&self->cert_not_before, g_date_time_unref);
  g_clear_pointer (&self->cert_not_after, g_date_time_unref);
  g_free (self->cert_sha256);
  g_strfreev (self->capabilities);
  g_strfreev (self->auth_mechanisms);
  g_free (self->auth_mechanism);
  g_free (self->test_message_id);
  g_free (self->mailbox_name);
  g_free (self->alert);
  g_clear_pointer (&self->transcript, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_check_result_parent_class)->finalize (object);
}

static void
pb_check_result_class_init (PbCheckResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_check_result_finalize;
}

static void
pb_check_result_init (PbCheckResult *self)
{
  self->steps = g_ptr_array_new_with_free_func (check_step_free);
  self->mailbox_messages = -1;
}

gboolean
pb_check_result_certificate_trustable (PbCheckResult *result)
{
  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), FALSE);

  return !result->ok && result->cert_sha256 != NULL &&
         (result->cert_errors != 0 || result->tls_outdated) &&
         !(result->cert_errors & G_TLS_CERTIFICATE_REVOKED);
}

char *
pb_check_result_get_notice (PbCheckResult *result)
{
  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);
  return result->authenticated
         ? pb_diagnosis_provider_notice (result->provider_id, result->protocol,
                                         result->auth_mechanism)
         : NULL;
}
