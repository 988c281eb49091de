/* test-gui-domain.c: the "Your Domain" card after an account that works
 *
 *   domain-card      alice@lab.test with Send Test Message: the card checks lab.test with the
 *                    selector of OpenDKIM's real signature (DKIM ok), SPF and DMARC are
 *                    missing; SPF opens to the record to add, and its copy button puts
 *                    exactly the record the engine derives on the clipboard
 *   domain-no-trip   alice@lab.test without a test message: no selector is known (lab.test
 *                    has no preset), so DKIM is "not checked", never "ok" or "missing"
 *   domain-failed    a refused login: no card at all
 *
 * Runs inside tests/lab/lab-run (servers, dnsmasq, OpenDKIM), tests/keyring/keyring-run and
 * xvfb-run. Accounts: tests/lab/README.md.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-domain-check.h"
#include "pb-domain-group.h"
#include "pb-domain-texts.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-window.h"

#define ALICE          "alice@lab.test"
#define ALICE_PASSWORD "Alice-Secret-1"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

static GtkWidget *
card (void)
{
  return pb_test_find_by_type (window (), PB_TYPE_DOMAIN_GROUP, 0);
}

/* The card shows the records: the check's spinner row has gone. */
static gboolean
card_done (gpointer user_data)
{
  GtkWidget *group = card ();

  return group != NULL && gtk_widget_get_mapped (group) &&
         pb_test_find_by_type (group, ADW_TYPE_EXPANDER_ROW, 0) != NULL;
}

/* The expander row of record name ("SPF"), which must be on the card. */
static AdwExpanderRow *
record_row (const char *name)
{
  GtkWidget *row;

  for (guint i = 0; (row = pb_test_find_by_type (card (), ADW_TYPE_EXPANDER_ROW, i)); i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return ADW_EXPANDER_ROW (row);
  g_error ("no row %s on the domain card", name);
}

static void
assert_state (const char *name,
              const char *status)
{
  g_assert_cmpstr (adw_expander_row_get_subtitle (record_row (name)), ==, status);
}

/* What the engine finds for lab.test right now, as the card should show it. */
static PbDomainReport *
engine_report (const char *selector)
{
  g_autoptr(PbAddress) address = pb_address_parse (ALICE, NULL);
  PbDomainOptions options = { selector, selector != NULL ? "lab.test" : NULL, NULL };
  PbDomainReport *report = pb_domain_check_run_sync (address, &options, NULL, NULL);

  g_assert_nonnull (report);
  return report;
}

static void
test_account (gboolean send_test)
{
  pb_test_enter_address ("Alice Example", ALICE, ALICE_PASSWORD, NULL);
  pb_test_run_test_and_wait ();
  if (send_test)
    {
      pb_test_click_no_settle (pb_test_tr ("_Send Test Message", "Test_nachricht senden"));
      pb_test_wait_ms (500);
      g_assert_true (pb_test_wait_until (pb_test_page_is,
                                         GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 90000));
    }
  g_assert_true (pb_test_wait_until (card_done, NULL, 30000));
  pb_test_settle (window ());
  g_assert_nonnull (pb_test_find_label (card (), pb_test_tr ("Whether mail from lab.test is accepted by Gmail, Yahoo and Microsoft",
                                                             "Ob Gmail, Yahoo und Microsoft E-Mails von lab.test annehmen")));
}

static void
flow_card (void)
{
  g_autoptr(PbDomainReport) expected = engine_report ("lab2026");
  g_autofree char *copied = NULL;
  GtkWidget *copy;

  test_account (TRUE);
  assert_state ("DKIM", pb_domain_texts_dkim_status (PB_DKIM_STATUS_OK));
  assert_state ("SPF", pb_domain_texts_spf_status (PB_SPF_STATUS_MISSING));
  assert_state ("DMARC", pb_domain_texts_dmarc_status (PB_DMARC_STATUS_MISSING));
  g_assert_nonnull (expected->spf->publish);

  adw_expander_row_set_expanded (record_row ("SPF"), TRUE);
  pb_test_settle (window ());
  g_assert_nonnull (pb_test_find_label (GTK_WIDGET (record_row ("SPF")),
                                        expected->spf->publish));
  copy = pb_test_find_by_type (GTK_WIDGET (record_row ("SPF")), GTK_TYPE_BUTTON, 0);
  for (guint i = 1; copy != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (copy),
                                               pb_test_tr ("Copy Record", "Eintrag kopieren")); i++)
    copy = pb_test_find_by_type (GTK_WIDGET (record_row ("SPF")), GTK_TYPE_BUTTON, i);
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_get_mapped (copy));
  g_signal_emit_by_name (copy, "clicked");
  copied = pb_test_read_clipboard (window ());
  g_assert_cmpstr (copied, ==, expected->spf->publish);

  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_scroll_to (card ());
  pb_test_shot ("result-domain");
  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  pb_test_scroll_to (card ());
  pb_test_shot ("result-domain-narrow");
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, 360);
}

static void
flow_no_trip (void)
{
  test_account (FALSE);
  assert_state ("DKIM", pb_domain_texts_dkim_status (PB_DKIM_STATUS_UNKNOWN));
  assert_state ("SPF", pb_domain_texts_spf_status (PB_SPF_STATUS_MISSING));
}

static void
flow_failed (void)
{
  pb_test_enter_address ("Alice Example", ALICE, "not-the-password", NULL);
  pb_test_run_test_and_wait ();
  pb_test_wait_ms (2000);
  g_assert_false (card () != NULL && gtk_widget_get_mapped (card ()));
}

static const PbTestFlow flows[] = {
  { "domain-card", flow_card },
  { "domain-no-trip", flow_no_trip },
  { "domain-failed", flow_failed },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-domain", flows, G_N_ELEMENTS (flows));
}
