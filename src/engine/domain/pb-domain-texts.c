/* pb-domain-texts.c: what each state of SPF, DMARC and DKIM means and what to do, in the
 * person's language
 *
 * The records themselves (to paste into a DNS panel) are never translated.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-domain-texts.h"

/* Every record's lookup can fail the same way, and the same advice follows. */
static char *
dns_failed (const char *name)
{
  return g_strdup_printf (_("The DNS lookup of %s failed; try again later."),
                          name != NULL ? name : "");
}

static char *
check_again (void)
{
  return g_strdup (_("Check again later; if it keeps failing, ask the domain's DNS "
                     "provider."));
}

static char *
spf_invalid (const PbSpfReport *report)
{
  switch (report->reason)
    {
    case PB_SPF_REASON_LOOP:
      return g_strdup_printf (_("The SPF record includes itself in a loop (%s): receivers "
                                "reject it as a permanent error."), report->detail);
    case PB_SPF_REASON_INCLUDE_MISSING:
      return g_strdup_printf (_("The SPF record includes %s, which has no single valid SPF "
                                "record: receivers reject the whole policy as a permanent "
                                "error."), report->detail);
    default:
      return g_strdup_printf (_("The SPF record is not valid: %s. Receivers ignore it as a "
                                "permanent error."), report->detail);
    }
}

char *
pb_domain_texts_spf_explanation (const PbSpfReport *report,
                                 const char        *provider_name)
{
  switch (report->status)
    {
    case PB_SPF_STATUS_OK:
      if (report->reason == PB_SPF_REASON_NO_SERVER)
        return g_strdup (_("The SPF record is valid. No sending server was known, so whether "
                           "it covers yours was not checked."));
      if (provider_name != NULL)
        return g_strdup_printf (_("The SPF record allows %s's servers to send mail for the "
                                  "domain."), provider_name);
      return g_strdup_printf (_("The SPF record allows the outgoing server %s to send mail "
                                "for the domain."), report->server_host);
    case PB_SPF_STATUS_MISSING:
      return g_strdup (_("The domain has no SPF record. Large mail services such as Gmail, "
                         "Yahoo and Outlook.com reject or junk mail from domains without "
                         "one."));
    case PB_SPF_STATUS_NOT_AUTHORIZED:
      if (provider_name != NULL)
        return g_strdup_printf (_("The SPF record does not include %s (%s): mail sent "
                                  "through %s fails SPF and lands in spam or is rejected."),
                                report->provider_domain, provider_name, provider_name);
      return g_strdup_printf (_("The SPF record does not allow the outgoing server %s (%s): "
                                "its mail fails SPF and lands in spam or is rejected."),
                              report->server_host,
                              report->failing != NULL ? report->failing[0] : "");
    case PB_SPF_STATUS_INVALID:
      return spf_invalid (report);
    case PB_SPF_STATUS_TOO_MANY_LOOKUPS:
      if (report->reason == PB_SPF_REASON_VOID_LOOKUPS)
        return g_strdup_printf (_("The SPF record names domains that do not exist (%s); "
                                  "after two such lookups receivers stop with a permanent "
                                  "error."), report->detail);
      return g_strdup_printf (_("The SPF record needs %u DNS lookups, more than the 10 "
                                "receivers allow: they stop with a permanent error."),
                              report->lookups);
    case PB_SPF_STATUS_MULTIPLE:
      return g_strdup (_("The domain has more than one SPF record. Receivers then use "
                         "none of them (a permanent error)."));
    case PB_SPF_STATUS_DNS_ERROR:
      break;
    }
  return dns_failed (report->detail);
}

char *
pb_domain_texts_spf_fix (const PbSpfReport *report)
{
  switch (report->status)
    {
    case PB_SPF_STATUS_OK:
      return NULL;
    case PB_SPF_STATUS_MISSING:
      return g_strdup_printf (_("Add a TXT record for the domain itself (name “@” or empty) "
                                "with this text: %s"), report->publish);
    case PB_SPF_STATUS_NOT_AUTHORIZED:
      return g_strdup_printf (_("Replace the SPF record with this one (the same record with "
                                "the sending servers added; do not add a second one): %s"),
                              report->publish);
    case PB_SPF_STATUS_MULTIPLE:
      return g_strdup_printf (_("Delete the SPF records and publish this single one, which "
                                "combines them: %s"), report->publish);
    case PB_SPF_STATUS_TOO_MANY_LOOKUPS:
      return g_strdup (_("Remove includes of services you no longer use, or replace “a” "
                         "and “mx” terms with ip4:/ip6: addresses, until at most 10 lookups "
                         "remain and no name that does not exist is left."));
    case PB_SPF_STATUS_INVALID:
      return g_strdup (_("Correct the SPF record in the domain's DNS settings as described "
                         "above; until then receivers treat the domain as having no policy "
                         "at all."));
    case PB_SPF_STATUS_DNS_ERROR:
      break;
    }
  return check_again ();
}

char *
pb_domain_texts_dmarc_explanation (const PbDmarcReport *report)
{
  switch (report->status)
    {
    case PB_DMARC_STATUS_OK:
      switch (report->policy)
        {
        case PB_DMARC_POLICY_NONE:
          return g_strdup (_("A DMARC policy is published (p=none): receivers only report "
                             "what fails, they do not act on it."));
        case PB_DMARC_POLICY_QUARANTINE:
          return g_strdup (_("A DMARC policy is published (p=quarantine): mail that fails "
                             "SPF and DKIM goes to spam."));
        case PB_DMARC_POLICY_REJECT:
          return g_strdup (_("A DMARC policy is published (p=reject): mail that fails SPF "
                             "and DKIM is refused."));
        }
      break;
    case PB_DMARC_STATUS_MISSING:
      return g_strdup (_("The domain has no DMARC record. Gmail, Yahoo and Microsoft require "
                         "one from senders of bulk mail and trust domains without it "
                         "less."));
    case PB_DMARC_STATUS_INVALID:
      if (g_strcmp0 (report->detail, "several") == 0)
        return g_strdup (_("The domain has more than one DMARC record; receivers then apply "
                           "none."));
      return g_strdup_printf (_("The DMARC record is not valid (%s); receivers ignore it."),
                              report->detail);
    case PB_DMARC_STATUS_DNS_ERROR:
      break;
    }
  return dns_failed (report->detail);
}

char *
pb_domain_texts_dmarc_fix (const PbDmarcReport *report)
{
  if (report->status == PB_DMARC_STATUS_MISSING || report->status == PB_DMARC_STATUS_INVALID)
    return g_strdup_printf (_("Publish one TXT record named “_dmarc” with this text: %s. "
                              "Read the reports for a few weeks; when all your own mail "
                              "passes, tighten it to p=quarantine and later p=reject."),
                            report->publish);
  if (report->status == PB_DMARC_STATUS_OK && report->policy == PB_DMARC_POLICY_NONE)
    return g_strdup (report->reports
                     ? _("When the reports show that all your own mail passes, tighten the "
                         "policy to p=quarantine and later p=reject.")
                     : _("Add rua=mailto:… to receive reports, and when they show that all "
                         "your own mail passes, tighten the policy to p=quarantine."));
  if (report->status == PB_DMARC_STATUS_DNS_ERROR)
    return check_again ();
  return NULL;
}

char *
pb_domain_texts_dkim_explanation (const PbDkimReport *report)
{
  switch (report->status)
    {
    case PB_DKIM_STATUS_OK:
      return g_strdup_printf (_("The DKIM key of selector “%s” is published (%s, %u bits)."),
                              report->selector, pb_dkim_key_type_to_string (report->key.type),
                              report->key.bits);
    case PB_DKIM_STATUS_MISSING:
      return g_strdup_printf (_("There is no DKIM key for selector “%s” at %s._domainkey.%s: "
                                "signed mail cannot be verified."), report->selector,
                              report->selector, report->signing_domain);
    case PB_DKIM_STATUS_NOT_ALIGNED:
      return g_strdup_printf (_("The mail is signed for %s, not for your domain: the "
                                "signature does not count for DMARC."),
                              report->signing_domain);
    case PB_DKIM_STATUS_WEAK_KEY:
      return g_strdup_printf (_("The DKIM key of selector “%s” has only %u bits; receivers "
                                "refuse keys below 1024 bits."), report->selector,
                              report->key.bits);
    case PB_DKIM_STATUS_UNKNOWN:
      return g_strdup (_("Which DKIM selector your mail is signed with is not known, so the "
                         "key was not checked."));
    case PB_DKIM_STATUS_INVALID:
      return g_strdup_printf (_("The DKIM key record of selector “%s” is not usable: %s."),
                              report->selector, report->detail);
    case PB_DKIM_STATUS_DNS_ERROR:
      break;
    }
  return dns_failed (report->detail);
}

char *
pb_domain_texts_dkim_fix (const PbDkimReport *report)
{
  switch (report->status)
    {
    case PB_DKIM_STATUS_OK:
      return pb_dkim_report_wants_longer_key (report)
        ? g_strdup (_("The key is accepted, but 2048 bits are recommended: create a new "
                      "key in your provider's DKIM settings when you can."))
        : NULL;
    case PB_DKIM_STATUS_MISSING:
    case PB_DKIM_STATUS_INVALID:
      return g_strdup (_("Switch on DKIM signing in your mail provider's settings and publish "
                         "the TXT record it shows for the selector, exactly as given."));
    case PB_DKIM_STATUS_NOT_ALIGNED:
      return g_strdup (_("Switch on DKIM signing for your own domain in the mail provider's "
                         "settings, so that mail is signed with d= your domain."));
    case PB_DKIM_STATUS_WEAK_KEY:
      return g_strdup (_("Create a new DKIM key of 2048 bits in your mail provider's settings "
                         "and publish its record in place of the old one."));
    case PB_DKIM_STATUS_UNKNOWN:
      return g_strdup (_("Send yourself a message and look up the selector (s=…) in its "
                         "DKIM-Signature header: with it, the key can be checked."));
    case PB_DKIM_STATUS_DNS_ERROR:
      break;
    }
  return check_again ();
}

const char *
pb_domain_texts_spf_status (PbSpfStatus status)
{
  switch (status)
    {
    case PB_SPF_STATUS_OK: return _("ok");
    case PB_SPF_STATUS_MISSING: return _("missing");
    case PB_SPF_STATUS_NOT_AUTHORIZED: return _("server not allowed");
    case PB_SPF_STATUS_INVALID: return _("invalid");
    case PB_SPF_STATUS_TOO_MANY_LOOKUPS: return _("too many lookups");
    case PB_SPF_STATUS_MULTIPLE: return _("more than one record");
    case PB_SPF_STATUS_DNS_ERROR: break;
    }
  return _("DNS lookup failed");
}

const char *
pb_domain_texts_dmarc_status (PbDmarcStatus status)
{
  switch (status)
    {
    case PB_DMARC_STATUS_OK: return _("ok");
    case PB_DMARC_STATUS_MISSING: return _("missing");
    case PB_DMARC_STATUS_INVALID: return _("invalid");
    case PB_DMARC_STATUS_DNS_ERROR: break;
    }
  return _("DNS lookup failed");
}

const char *
pb_domain_texts_dkim_status (PbDkimStatus status)
{
  switch (status)
    {
    case PB_DKIM_STATUS_OK: return _("ok");
    case PB_DKIM_STATUS_MISSING: return _("missing");
    case PB_DKIM_STATUS_NOT_ALIGNED: return _("signed for another domain");
    case PB_DKIM_STATUS_WEAK_KEY: return _("key too short");
    case PB_DKIM_STATUS_UNKNOWN: return _("not checked");
    case PB_DKIM_STATUS_INVALID: return _("invalid");
    case PB_DKIM_STATUS_DNS_ERROR: break;
    }
  return _("DNS lookup failed");
}

char *
pb_domain_texts_mta_sts_explanation (const PbMtaStsReport *report)
{
  switch (report->status)
    {
    case PB_MTA_STS_STATUS_NONE:
      return g_strdup (_("The domain publishes no MTA-STS policy, so servers that send to it "
                         "may deliver unencrypted when an attacker suppresses STARTTLS. "
                         "This is optional."));
    case PB_MTA_STS_STATUS_OK:
      return g_strdup (_("The MTA-STS policy requires encrypted delivery to the domain’s "
                         "mail servers (mode enforce)."));
    case PB_MTA_STS_STATUS_TESTING:
      return g_strdup_printf (_("The MTA-STS policy is in mode “%s”: failures are reported, "
                                "not prevented."), report->mode);
    case PB_MTA_STS_STATUS_NOT_COVERED:
      return g_strdup_printf (_("The MTA-STS policy does not name the mail server %s: "
                                "senders that follow the policy do not deliver there."),
                              report->detail);
    case PB_MTA_STS_STATUS_INVALID:
      return g_strdup_printf (_("The MTA-STS policy is not usable: %s. Senders treat the "
                                "domain as if it had none."), report->detail);
    case PB_MTA_STS_STATUS_DNS_ERROR:
      break;
    }
  return dns_failed (report->detail);
}

char *
pb_domain_texts_mta_sts_fix (const PbMtaStsReport *report)
{
  switch (report->status)
    {
    case PB_MTA_STS_STATUS_NOT_COVERED:
      return g_strdup_printf (_("Add “mx: %s” to the policy file and change the id in the "
                                "_mta-sts record, so that senders fetch it again."),
                              report->detail);
    case PB_MTA_STS_STATUS_INVALID:
      return g_strdup_printf (_("Correct the policy file at %s and the _mta-sts record, or "
                                "remove the record."), report->url);
    case PB_MTA_STS_STATUS_DNS_ERROR:
      return check_again ();
    default:
      return NULL;
    }
}

char *
pb_domain_texts_tls_rpt_explanation (const PbTlsRptReport *report)
{
  switch (report->status)
    {
    case PB_TLS_RPT_STATUS_NONE:
      return g_strdup (_("The domain asks for no TLS reports (TLS-RPT), so you do not hear "
                         "when senders cannot deliver encrypted. This is optional."));
    case PB_TLS_RPT_STATUS_OK:
      return g_strdup_printf (_("Reports about encrypted delivery go to %s."), report->rua);
    case PB_TLS_RPT_STATUS_INVALID:
      return g_strdup_printf (_("The TLS-RPT record is not usable: %s."), report->detail);
    case PB_TLS_RPT_STATUS_DNS_ERROR:
      break;
    }
  return dns_failed (report->detail);
}

const char *
pb_domain_texts_mta_sts_status (PbMtaStsStatus status)
{
  switch (status)
    {
    case PB_MTA_STS_STATUS_NONE: return _("not published");
    case PB_MTA_STS_STATUS_OK: return _("ok");
    case PB_MTA_STS_STATUS_TESTING: return _("testing only");
    case PB_MTA_STS_STATUS_NOT_COVERED: return _("mail server not named");
    case PB_MTA_STS_STATUS_INVALID: return _("invalid");
    case PB_MTA_STS_STATUS_DNS_ERROR: break;
    }
  return _("DNS lookup failed");
}

const char *
pb_domain_texts_tls_rpt_status (PbTlsRptStatus status)
{
  switch (status)
    {
    case PB_TLS_RPT_STATUS_NONE: return _("not published");
    case PB_TLS_RPT_STATUS_OK: return _("ok");
    case PB_TLS_RPT_STATUS_INVALID: return _("invalid");
    case PB_TLS_RPT_STATUS_DNS_ERROR: break;
    }
  return _("DNS lookup failed");
}
