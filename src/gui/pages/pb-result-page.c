/* pb-result-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-page-util.h"
#include "pb-result-page.h"
#include "pb-domain-group.h"
#include "pb-notice-group.h"
#include "pb-use-in-group.h"

/* The groups of rows: a half each, then the round trip's. */
#define ROUND_TRIP_GROUP PB_SETUP_N_HALVES
#define N_GROUPS (PB_SETUP_N_HALVES + 1)

struct _PbResultPage
{
  AdwBin               parent_instance;

  char                *report;
  char                *settings;
  PbProblem            problem;       /* the failure shown, or NONE */
  gboolean             retry_may_help;
  GPtrArray           *rows[N_GROUPS];
  AdwPreferencesGroup *groups[N_GROUPS];

  GtkImage            *status_icon;
  GtkLabel            *context_label;
  GtkLabel            *title_label;
  GtkLabel            *explanation_label;
  PbNoticeGroup       *notice_group;
  AdwPreferencesGroup *fix_group;
  GtkLabel            *fix_label;
  GtkLinkButton       *link_button;
  AdwPasswordEntryRow *password_row;
  GtkWidget           *retry_button;
  GtkWidget           *sign_in_settings_button;
  AdwPreferencesGroup *server_group;
  GtkLabel            *server_label;
  AdwPreferencesGroup *verified_group;
  AdwPreferencesGroup *incoming_group;
  AdwPreferencesGroup *round_trip_group;
  PbUseInGroup        *use_in_group;
  PbDomainGroup       *domain_group;
  GtkWidget           *success_buttons;
  GtkWidget           *failure_buttons;
  GtkWidget           *certificate_button;
  GtkWidget           *forget_button;
  GtkWidget           *forget_sign_in_button;
  GtkExpander         *transcript_expander;
  GtkTextView         *transcript_view;
};

G_DEFINE_FINAL_TYPE (PbResultPage, pb_result_page, ADW_TYPE_BIN)

enum {
  RETRY,
  SEND_TEST,
  INSPECT_CERTIFICATE,
  FORGET_PASSWORD,
  FORGET_SIGN_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Try Again is the suggested action only where trying again can help: a failure that may
 * pass by itself, or a new password typed for a refused login. */
static void
update_retry (PbResultPage *self)
{
  gboolean helps = self->retry_may_help ||
                   (gtk_widget_get_visible (GTK_WIDGET (self->password_row)) &&
                    *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0');

  if (helps)
    gtk_widget_add_css_class (self->retry_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->retry_button, "suggested-action");
}

static void
clear_half (PbResultPage *self,
            guint         half)
{
  for (guint i = 0; i < self->rows[half]->len; i++)
    adw_preferences_group_remove (self->groups[half], g_ptr_array_index (self->rows[half], i));
  g_ptr_array_set_size (self->rows[half], 0);
}

/* Empties and hides every group; the first is "Verified" again, for a server alone. */
static void
clear_verified (PbResultPage *self)
{
  for (guint group = 0; group < N_GROUPS; group++)
    {
      clear_half (self, group);
      if (group != ROUND_TRIP_GROUP)
        adw_preferences_group_set_description (self->groups[group], NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[group]), FALSE);
    }
  adw_preferences_group_set_title (self->verified_group, _("Verified"));
  pb_use_in_group_set_account (self->use_in_group, NULL);
  pb_domain_group_clear (self->domain_group);
  pb_notice_group_clear (self->notice_group);
  adw_preferences_group_set_title (self->round_trip_group, _("Send and Receive"));
  pb_result_page_set_context (self, NULL);
}

/* A row of plain text (server words may be in it), with its icon, at the end of a group. */
static void
add_row (PbResultPage *self,
         guint         half,
         const char   *text,
         gboolean      ok)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  /* A line to read, not to act on: Tab passes it by. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (self->groups[half], row);
  g_ptr_array_add (self->rows[half], row);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[half]), TRUE);
}

void
pb_result_page_add_half_row (PbResultPage *self,
                             PbSetupHalf   half,
                             const char   *text,
                             gboolean      ok)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));
  g_return_if_fail (half < PB_SETUP_N_HALVES);

  add_row (self, half, text, ok);
}

void
pb_result_page_add_round_trip_row (PbResultPage *self,
                                   const char   *text,
                                   gboolean      ok)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  add_row (self, ROUND_TRIP_GROUP, text, ok);
}

void
pb_result_page_set_round_trip_title (PbResultPage *self,
                                     const char   *title)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  adw_preferences_group_set_title (self->round_trip_group, title);
}

void
pb_result_page_add_verified (PbResultPage *self,
                             const char   *text,
                             gboolean      ok)
{
  pb_result_page_add_half_row (self, PB_SETUP_HALF_OUTGOING, text, ok);
}

void
pb_result_page_set_half (PbResultPage       *self,
                         PbSetupHalf         half,
                         const char         *title,
                         const char         *description,
                         const char * const *rows,
                         gboolean            ok)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));
  g_return_if_fail (half < PB_SETUP_N_HALVES);

  clear_half (self, half);
  adw_preferences_group_set_title (self->groups[half], title);
  adw_preferences_group_set_description (self->groups[half], description);
  for (guint i = 0; rows != NULL && rows[i] != NULL; i++)
    pb_result_page_add_half_row (self, half, rows[i], ok);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[half]), TRUE);
}

void
pb_result_page_set_context (PbResultPage *self,
                            const char   *context)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  pb_page_show_text (self->context_label, context);
}

void
pb_result_page_show_success (PbResultPage       *self,
                             const char         *title,
                             const char * const *verified)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  clear_verified (self);
  gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), FALSE);
  gtk_widget_set_visible (self->success_buttons, TRUE);
  gtk_widget_set_visible (self->failure_buttons, FALSE);
  self->problem = PB_PROBLEM_NONE;
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), FALSE);
  gtk_widget_set_visible (self->forget_button, FALSE);
  gtk_widget_set_visible (self->forget_sign_in_button, FALSE);

  for (guint i = 0; verified != NULL && verified[i] != NULL; i++)
    pb_result_page_add_verified (self, verified[i], TRUE);
}

/* A login the server refused is fixed here: a new password (an app password where the
 * provider wants one), with the provider's help link above it, for Try Again. */
static void
offer_password (PbResultPage *self,
                PbProblem     problem)
{
  gboolean wanted = problem == PB_PROBLEM_AUTH_FAILED ||
                    problem == PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED ||
                    problem == PB_PROBLEM_PASSWORD_EXPIRED ||
                    problem == PB_PROBLEM_AUTH_REQUIRED;

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 problem == PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED
                                 ? _("App password") : _("Password"));
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), wanted);
  update_retry (self);
}

void
pb_result_page_show_failure (PbResultPage        *self,
                             const PbExplanation *explanation,
                             const char          *server_text)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  clear_verified (self);
  gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "error");
  gtk_label_set_text (self->title_label, explanation->title);
  gtk_label_set_text (self->explanation_label, explanation->explanation);
  pb_page_keep_urls (self->explanation_label);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), TRUE);

  gtk_label_set_text (self->fix_label, explanation->fix);
  pb_page_keep_urls (self->fix_label);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), explanation->link != NULL);
  if (explanation->link != NULL)
    {
      gtk_link_button_set_uri (self->link_button, explanation->link);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_button), explanation->link);
    }

  /* The server's words are untrusted: a plain-text label, never markup. */
  gtk_label_set_use_markup (self->server_label, FALSE);
  gtk_label_set_text (self->server_label, server_text ? server_text : "");
  pb_page_keep_urls (self->server_label);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), server_text != NULL && *server_text);

  gtk_widget_set_visible (self->success_buttons, FALSE);
  gtk_widget_set_visible (self->failure_buttons, TRUE);
  self->problem = explanation->problem;
  self->retry_may_help = explanation->retry_may_help;
  offer_password (self, explanation->problem);
  /* No registration at the sign-in server: the person can enter one (win.sign-in-settings). */
  gtk_widget_set_visible (self->sign_in_settings_button,
                          explanation->problem == PB_PROBLEM_OAUTH_NO_CLIENT);
}

void
pb_result_page_offer_certificate (PbResultPage *self,
                                  gboolean      offer)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));
  gtk_widget_set_visible (self->certificate_button, offer);
}

void
pb_result_page_offer_forget (PbResultPage *self,
                             gboolean      offer)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));
  gtk_widget_set_visible (self->forget_button, offer);
}

void
pb_result_page_offer_forget_sign_in (PbResultPage *self,
                                     gboolean      offer)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));
  gtk_widget_set_visible (self->forget_sign_in_button, offer);
}

void
pb_result_page_set_texts (PbResultPage *self,
                          const char   *transcript,
                          const char   *report,
                          const char   *settings)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  /* A new result: its conversation is there to open, not open from the last one. */
  gtk_expander_set_expanded (self->transcript_expander, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->transcript_view),
                            transcript ? transcript : "", -1);
  g_free (self->report);
  self->report = g_strdup (report);
  g_free (self->settings);
  self->settings = g_strdup (settings);
}

/* Start over: nothing of the last result stays, not even the account in the hand-offs. */
void
pb_result_page_clear (PbResultPage *self)
{
  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  clear_verified (self);
  pb_result_page_set_texts (self, NULL, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_set_visible (self->forget_button, FALSE);
  gtk_widget_set_visible (self->forget_sign_in_button, FALSE);
}

PbUseInGroup *
pb_result_page_get_use_in_group (PbResultPage *self)
{
  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), NULL);

  return self->use_in_group;
}

PbNoticeGroup *
pb_result_page_get_notice_group (PbResultPage *self)
{
  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), NULL);
  return self->notice_group;
}

PbDomainGroup *
pb_result_page_get_domain_group (PbResultPage *self)
{
  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), NULL);

  return self->domain_group;
}

/* Focus where the person goes on: the password a refused login asks for, else the first
 * button of the result (never the header bar's Back). */
void
pb_result_page_focus (PbResultPage *self)
{
  GtkWidget *buttons;

  g_return_if_fail (PB_IS_RESULT_PAGE (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->password_row)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  buttons = gtk_widget_get_visible (self->failure_buttons) ? self->failure_buttons
                                                           : self->success_buttons;
  gtk_widget_child_focus (buttons, GTK_DIR_TAB_FORWARD);
}

const char *
pb_result_page_get_password (PbResultPage *self)
{
  const char *text;

  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), NULL);
  text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  return gtk_widget_get_visible (GTK_WIDGET (self->password_row)) && *text != '\0' ? text : NULL;
}

PbProblem
pb_result_page_get_problem (PbResultPage *self)
{
  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), PB_PROBLEM_NONE);
  return self->problem;
}

const char *
pb_result_page_get_title (PbResultPage *self)
{
  g_return_val_if_fail (PB_IS_RESULT_PAGE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

static void
copy_text (PbResultPage *self,
           const char   *text,
           const char   *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (toast));  /* our own text */
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbResultPage *self = PB_RESULT_PAGE (widget);

  copy_text (self, self->report, _("Report copied"));
}

static void
copy_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PbResultPage *self = PB_RESULT_PAGE (widget);

  copy_text (self, self->settings, _("Settings copied"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[RETRY], 0);
}

static void
send_test_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[SEND_TEST], 0);
}

static void
forget_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[FORGET_PASSWORD], 0);
}

static void
forget_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[FORGET_SIGN_IN], 0);
}

static void
inspect_certificate_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_signal_emit (widget, signals[INSPECT_CERTIFICATE], 0);
}

static void
on_password_changed (PbResultPage *self)
{
  update_retry (self);
}

static void
on_password_activated (PbResultPage *self)
{
  if (pb_result_page_get_password (self) != NULL)
    g_signal_emit (self, signals[RETRY], 0);
}

static void
pb_result_page_dispose (GObject *object)
{
  PbResultPage *self = PB_RESULT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_RESULT_PAGE);
  for (guint group = 0; group < N_GROUPS; group++)
    g_clear_pointer (&self->rows[group], g_ptr_array_unref);
  g_clear_pointer (&self->report, g_free);
  g_clear_pointer (&self->settings, g_free);
  G_OBJECT_CLASS (pb_result_page_parent_class)->dispose (object);
}

static void
pb_result_page_class_init (PbResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_result_page_dispose;
  g_type_ensure (PB_TYPE_USE_IN_GROUP);
  g_type_ensure (PB_TYPE_DOMAIN_GROUP);
  g_type_ensure (PB_TYPE_NOTICE_GROUP);

  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SEND_TEST] = g_signal_new ("send-test", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[INSPECT_CERTIFICATE] = g_signal_new ("inspect-certificate", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  signals[FORGET_PASSWORD] = g_signal_new ("forget-password", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  signals[FORGET_SIGN_IN] = g_signal_new ("forget-sign-in", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "result.forget-password", NULL,
                                   forget_password_action);
  gtk_widget_class_install_action (widget_class, "result.forget-sign-in", NULL,
                                   forget_sign_in_action);
  gtk_widget_class_install_action (widget_class, "result.inspect-certificate", NULL,
                                   inspect_certificate_action);
  gtk_widget_class_install_action (widget_class, "result.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_action (widget_class, "result.copy-settings", NULL, copy_settings_action);
  gtk_widget_class_install_action (widget_class, "result.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "result.send-test", NULL, send_test_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, notice_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, fix_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, fix_label);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, link_button);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, sign_in_settings_button);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, server_label);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, verified_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, incoming_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, round_trip_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, use_in_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, domain_group);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, success_buttons);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, failure_buttons);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, forget_button);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, forget_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, transcript_expander);
  gtk_widget_class_bind_template_child (widget_class, PbResultPage, transcript_view);
}

static void
pb_result_page_init (PbResultPage *self)
{
  for (guint group = 0; group < N_GROUPS; group++)
    self->rows[group] = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups[PB_SETUP_HALF_OUTGOING] = self->verified_group;
  self->groups[PB_SETUP_HALF_INCOMING] = self->incoming_group;
  self->groups[ROUND_TRIP_GROUP] = self->round_trip_group;
}
