/* pb-mta-sts.c: a domain's MTA-STS policy (RFC 8461), looked up, fetched and judged
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pb-mta-sts.h"
#include "pb-name-table.h"
#include "pb-tag-list.h"
#include "pb-text.h"

/* Indexed by PbMtaStsStatus. */
static const char * const status_names[] = {
  "none", "ok", "testing", "not-covered", "invalid", "dns-error",
};

PB_DEFINE_NAME_TABLE (PbMtaStsStatus, pb_mta_sts_status, status_names, FALSE)

void
pb_mta_sts_report_free (PbMtaStsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_free (report->url);
  g_free (report->mode);
  g_strfreev (report->patterns);
  g_free (report->detail);
  g_free (report);
}

void
pb_mta_sts_policy_free (PbMtaStsPolicy *policy)
{
  if (policy == NULL)
    return;
  g_strfreev (policy->patterns);
  g_free (policy->mode);
  g_free (policy);
}

static gpointer
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return NULL;
}

/* One "key: value" line into policy; FALSE for a value the key cannot have. */
static gboolean
take_line (PbMtaStsPolicy *policy,
           GPtrArray      *patterns,
           const char     *key,
           const char     *value,
           gboolean       *has_version)
{
  if (strcmp (key, "version") == 0)
    return (*has_version = strcmp (value, "STSv1") == 0);
  if (strcmp (key, "mode") == 0)
    {
      g_free (policy->mode);
      policy->mode = g_strdup (value);
      return strcmp (value, "enforce") == 0 || strcmp (value, "testing") == 0
        || strcmp (value, "none") == 0;
    }
  if (strcmp (key, "max_age") == 0)
    return g_ascii_string_to_unsigned (value, 10, 0, 31557600, &policy->max_age, NULL);
  if (strcmp (key, "mx") == 0 && patterns->len < 64)
    g_ptr_array_add (patterns, g_ascii_strdown (value, -1));
  /* Other keys are extensions (3.2). */
  return TRUE;
}

PbMtaStsPolicy *
pb_mta_sts_policy_parse (const char  *text,
                         GError     **error)
{
  g_autoptr(PbMtaStsPolicy) policy = g_new0 (PbMtaStsPolicy, 1);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean has_version = FALSE, has_age = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL, *value = NULL;

      if (colon == NULL)
        {
          if (*g_strstrip (lines[i]) == '\0')
            continue;
          return invalid (error, _("the policy has a line that is not “key: value”"));
        }
      key = g_strstrip (g_strndup (lines[i], colon - lines[i]));
      value = g_strstrip (g_strdup (colon + 1));
      has_age |= strcmp (key, "max_age") == 0;
      if (!take_line (policy, patterns, key, value, &has_version))
        return invalid (error, _("the policy has a value it cannot have"));
    }
  if (!has_version || policy->mode == NULL || !has_age)
    return invalid (error, _("the policy lacks its version, mode or max_age"));
  if (patterns->len == 0 && strcmp (policy->mode, "none") != 0)
    return invalid (error, _("the policy names no mail server (mx:)"));
  g_ptr_array_add (patterns, NULL);
  policy->patterns = (GStrv) g_ptr_array_steal (patterns, NULL);
  return g_steal_pointer (&policy);
}

gboolean
pb_mta_sts_pattern_matches (const char *pattern,
                            const char *host)
{
  const char *dot;

  if (g_ascii_strcasecmp (pattern, host) == 0)
    return TRUE;
  if (!g_str_has_prefix (pattern, "*.") || (dot = strchr (host, '.')) == NULL)
    return FALSE;
  /* The wildcard stands for exactly one label (RFC 8461 4.1). */
  return dot != host && g_ascii_strcasecmp (dot + 1, pattern + 2) == 0;
}

/* The policy file's text: status 200, at most PB_MTA_STS_MAX_POLICY_BYTES, UTF-8. */
/* A policy that trickles in is cut off: the whole fetch gets this long. */
#define FETCH_DEADLINE_S 20

/* The body, read until its end, the size cap or the deadline. */
static char *
read_body (GInputStream  *in,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *body = g_malloc (PB_MTA_STS_MAX_POLICY_BYTES + 1);
  gint64 deadline = g_get_monotonic_time () + FETCH_DEADLINE_S * G_USEC_PER_SEC;
  gsize len = 0;

  while (len <= PB_MTA_STS_MAX_POLICY_BYTES)
    {
      gssize n = g_input_stream_read (in, body + len, PB_MTA_STS_MAX_POLICY_BYTES + 1 - len,
                                      cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      len += n;
      if (g_get_monotonic_time () > deadline)
        return invalid (error, _("the policy file took too long to arrive"));
    }
  if (len > PB_MTA_STS_MAX_POLICY_BYTES)
    return invalid (error, _("the policy file is too large"));
  body[len] = '\0';
  if (!g_utf8_validate (body, len, NULL) || memchr (body, '\0', len) != NULL)
    return invalid (error, _("the policy file is not text"));
  return g_steal_pointer (&body);
}

/* The policy file's text: status 200, text/plain (RFC 8461 3.3), at most
 * PB_MTA_STS_MAX_POLICY_BYTES of UTF-8. */
static char *
fetch_policy (const char    *url,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("user-agent",
                                                                  "Postbote/" PACKAGE_VERSION,
                                                                  "timeout", 15, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GInputStream) in = NULL;
  const char *type;

  if (msg == NULL)
    return invalid (error, _("the policy's address is not valid"));
  /* RFC 8461 3.3: redirects are not followed. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  in = soup_session_send (session, msg, cancellable, error);
  if (in == NULL)
    return NULL;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the policy file was not served (HTTP %u)"), soup_message_get_status (msg));
      return NULL;
    }
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (g_strcmp0 (type, "text/plain") != 0)
    return invalid (error, _("the policy file is not served as text/plain"));
  return read_body (in, cancellable, error);
}

/* The first MX host that no pattern names, or NULL. */
static const char *
uncovered_mx (PbDomainDns        *dns,
              const char         *domain,
              const char * const *patterns)
{
  const char * const *hosts;

  if (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_MX, domain, &hosts) != PB_DOMAIN_DNS_FOUND)
    return NULL;
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      gboolean named = FALSE;

      for (guint j = 0; patterns[j] != NULL && !named; j++)
        named = pb_mta_sts_pattern_matches (patterns[j], hosts[i]);
      if (!named)
        return hosts[i];
    }
  return NULL;
}

/* 1 to 32 letters and digits (RFC 8461 3.1). */
static gboolean
is_policy_id (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > 32)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* The one _mta-sts record that starts with v=STSv1, with its id (3.1). */
static PbMtaStsStatus
find_record (PbDomainDns  *dns,
             const char   *domain,
             char        **record,
             char        **detail)
{
  g_autofree char *name = g_strdup_printf ("_mta-sts.%s", domain);
  const char * const *records;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *bad = NULL;
  PbTagListStatus status;

  switch (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, name, &records))
    {
    case PB_DOMAIN_DNS_ERROR:
      *detail = g_steal_pointer (&name);
      return PB_MTA_STS_STATUS_DNS_ERROR;
    case PB_DOMAIN_DNS_VOID:
      return PB_MTA_STS_STATUS_NONE;
    case PB_DOMAIN_DNS_FOUND:
      break;
    }
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!pb_tag_list_has_version (records[i], "v=STSv1"))
        continue;
      /* Two records are no policy at all for senders (3.1). */
      if (*record != NULL)
        {
          *detail = g_strdup (_("there is more than one _mta-sts record"));
          return PB_MTA_STS_STATUS_INVALID;
        }
      *record = g_strdup (records[i]);
    }
  if (*record == NULL)
    return PB_MTA_STS_STATUS_NONE;
  tags = pb_tag_list_parse (*record, &status, &bad);
  if (tags == NULL)
    {
      *detail = g_strdup (_("the _mta-sts record is not a list of tag=value pairs"));
      return PB_MTA_STS_STATUS_INVALID;
    }
  for (guint i = 0; i < tags->len; i++)
    {
      const PbTag *tag = g_ptr_array_index (tags, i);

      if (strcmp (tag->name, "id") == 0 && is_policy_id (tag->value))
        return PB_MTA_STS_STATUS_OK;
    }
  *detail = g_strdup (_("the _mta-sts record has no valid id"));
  return PB_MTA_STS_STATUS_INVALID;
}

PbMtaStsReport *
pb_mta_sts_check_run (PbDomainDns *dns,
                      const char  *domain)
{
  g_autoptr(PbMtaStsReport) report = g_new0 (PbMtaStsReport, 1);
  g_autoptr(PbMtaStsPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *mx;

  report->url = g_strdup_printf ("https://mta-sts.%s/.well-known/mta-sts.txt", domain);
  report->status = find_record (dns, domain, &report->record, &report->detail);
  if (report->status != PB_MTA_STS_STATUS_OK)
    return g_steal_pointer (&report);
  text = fetch_policy (report->url, pb_domain_dns_get_cancellable (dns), &error);
  policy = text != NULL ? pb_mta_sts_policy_parse (text, &error) : NULL;
  if (policy == NULL)
    {
      report->status = PB_MTA_STS_STATUS_INVALID;
      report->detail = pb_text_make_safe (error->message, -1, "");
      return g_steal_pointer (&report);
    }
  report->mode = g_strdup (policy->mode);
  report->patterns = g_strdupv (policy->patterns);
  if (strcmp (policy->mode, "enforce") != 0)
    report->status = PB_MTA_STS_STATUS_TESTING;
  else if ((mx = uncovered_mx (dns, domain, (const char * const *) policy->patterns)) != NULL)
    {
      report->status = PB_MTA_STS_STATUS_NOT_COVERED;
      report->detail = g_strdup (mx);
    }
  return g_steal_pointer (&report);
}
