/* pb-diagnosis.c: problem ids and their localized explanation and fix
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-diagnosis.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-diagnosis-incoming.h"
#include "pb-diagnosis-providers.h"
#include "pb-diagnosis-variants.h"
#include "pb-smtp-reply.h"

/* ---- ids ------------------------------------------------------------------------------- */

const char * const *
pb_diagnosis_problem_ids (void)
{
  static const char **ids = NULL;

  if (g_once_init_enter (&ids))
    {
      const char **list = g_new0 (const char *, pb_problem_catalogue_len + 1);

      for (guint i = 0; i < pb_problem_catalogue_len; i++)
        list[i] = pb_problem_to_string (pb_problem_catalogue[i].problem);
      g_once_init_leave (&ids, list);
    }
  return (const char * const *) ids;
}

gboolean
pb_diagnosis_is_problem_id (const char *id)
{
  return pb_diagnosis_catalogue_lookup (pb_problem_from_string (id)) != NULL;
}

/* ---- explain --------------------------------------------------------------------------- */

/* What the error itself says about the dialogue, beyond its problem id. */
static const char *
error_qualifier (const PbFailure *f)
{
  const GError *error = f->error;
  gboolean in_handshake = f->stage == PB_STAGE_TLS || f->stage == PB_STAGE_STARTTLS_HANDSHAKE;

  if (error == NULL)
    return NULL;
  if (pb_diagnosis_incoming_qualifier (f) != NULL)
    return pb_diagnosis_incoming_qualifier (f);
  if (g_error_matches (error, PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN))
    return "out-of-turn";
  /* The client held an international sender back: the server was never asked. */
  if (f->stage == PB_STAGE_MAIL_FROM
      && g_error_matches (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED))
    return "smtputf8-not-offered";
  if (!in_handshake && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
                        || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_EOF)
                        || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_MISC)))
    return "connection-closed";
  return NULL;
}

/* The texts for a failure: what the error says, the provider, whether the server is one
 * to fetch mail from ("incoming": IMAP or POP3), the port, the security, whether the
 * server came with a provider's settings; else the generic ones. */
static const PbProblemEntry *
select_entry (PbProblem        problem,
              const PbFailure *f,
              const char      *provider)
{
  const char *qualifiers[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *port = NULL;
  g_autofree char *security = NULL;

  if (f != NULL)
    {
      qualifiers[0] = error_qualifier (f);
      qualifiers[1] = pb_diagnosis_provider_family (provider);
      if (pb_diagnosis_failure_protocol (f) != PB_PROTOCOL_SMTP)
        qualifiers[2] = "incoming";
      port = f->port != 0 ? g_strdup_printf ("port-%u", f->port) : NULL;
      qualifiers[3] = port;
      security = g_strconcat ("security-", pb_security_to_string (f->security), NULL);
      qualifiers[4] = security;
      /* Settings that came with a provider's configuration: the person typed no name. */
      qualifiers[5] = f->provider_id != NULL ? "provider-settings" : NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    {
      const PbProblemEntry *entry = pb_diagnosis_variant_lookup (problem, qualifiers[i]);

      if (entry != NULL)
        return entry;
    }
  return pb_diagnosis_catalogue_lookup (problem);
}

/* What fills the placeholders of one explanation. */
typedef struct {
  const char *host;
  const char *port;
  const char *provider;
  const char *tls_version;
  char        tls_port[8];       /* the protocol's port for SSL/TLS: "465", "993", "995" */
  char        starttls_port[8];  /* and for STARTTLS: "587", "143", "110" */
} Fill;

/* Fills in {host}, {port}, {provider}, {tls_version}, {tls_port} and {starttls_port}. Named
 * placeholders keep the translations free to reorder them, and keep untrusted text out of
 * any format string. */
static char *
expand (const char *translated,
        const Fill *fill)
{
  GString *out = g_string_new (translated);

  g_string_replace (out, "{host}", fill->host, 0);
  g_string_replace (out, "{port}", fill->port, 0);
  g_string_replace (out, "{provider}", fill->provider, 0);
  g_string_replace (out, "{tls_version}", fill->tls_version, 0);
  g_string_replace (out, "{tls_port}", fill->tls_port, 0);
  g_string_replace (out, "{starttls_port}", fill->starttls_port, 0);
  return g_string_free (out, FALSE);
}

PbExplanation *
pb_diagnosis_explain (PbProblem        problem,
                      const PbFailure *failure)
{
  const PbProblemEntry *entry;
  PbExplanation *explanation;
  const char *provider = NULL;
  const char *link;
  const char *note;
  g_autofree char *port = NULL;
  PbProtocol protocol;
  Fill fill;

  if (pb_diagnosis_catalogue_lookup (problem) == NULL)
    problem = PB_PROBLEM_PROTOCOL_ERROR;

  if (failure != NULL)
    provider = pb_diagnosis_failure_provider (failure);
  entry = select_entry (problem, failure, provider);
  g_assert (entry != NULL);

  port = failure != NULL && failure->port != 0 ? g_strdup_printf ("%u", failure->port)
                                               : g_strdup ("?");
  fill.host = failure != NULL && failure->host != NULL ? failure->host : "?";
  fill.port = port;
  fill.provider = pb_diagnosis_provider_name (provider);
  fill.tls_version = failure != NULL && failure->tls_version != NULL ? failure->tls_version : "?";
  protocol = pb_diagnosis_failure_protocol (failure);
  g_snprintf (fill.tls_port, sizeof fill.tls_port, "%u",
              pb_security_default_port (protocol, PB_SECURITY_TLS));
  g_snprintf (fill.starttls_port, sizeof fill.starttls_port, "%u",
              pb_security_default_port (protocol, PB_SECURITY_STARTTLS));

  explanation = g_new0 (PbExplanation, 1);
  explanation->problem = problem;
  explanation->variant = entry->qualifier;
  explanation->title = expand (_(entry->title), &fill);
  explanation->explanation = expand (_(entry->explanation), &fill);
  explanation->fix = expand (_(entry->fix), &fill);
  /* The general text, made concrete by the provider's preset (where to click). A variant
   * already has the provider's own words. */
  if (entry->qualifier == NULL && (note = pb_diagnosis_provider_note (provider, problem)))
    {
      char *fix = g_strconcat (explanation->fix, " ", note, NULL);

      g_free (explanation->fix);
      explanation->fix = fix;
    }
  link = pb_diagnosis_provider_link (provider, problem);
  explanation->link = g_strdup (link != NULL ? link : entry->link);
  explanation->retry_may_help = entry->retry_may_help;
  return explanation;
}

void
pb_explanation_free (PbExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_free (explanation->title);
  g_free (explanation->explanation);
  g_free (explanation->fix);
  g_free (explanation->link);
  g_free (explanation);
}
