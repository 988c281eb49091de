/* pb-start-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-oauth-client.h"
#include "pb-provider-db.h"
#include "pb-start-page.h"

struct _PbStartPage
{
  AdwBin               parent_instance;

  AdwEntryRow         *name_row;
  AdwEntryRow         *address_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *address_error;
  GtkButton           *continue_button;
  GtkSwitch           *remember_switch;
  GtkWidget           *provider_group;
  AdwActionRow        *provider_row;
  GtkLinkButton       *provider_link;

  char                *submitted;  /* the address the password went on with, or NULL */
  char                *problem;    /* why the address cannot be used, not shown yet */
  guint                pause_id;   /* shows it once typing pauses */
  guint                hint_id;    /* looks the provider up once typing pauses briefly */
};

G_DEFINE_FINAL_TYPE (PbStartPage, pb_start_page, ADW_TYPE_BIN)

enum {
  SUBMIT,
  MANUAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
pb_start_page_get_name (PbStartPage *self)
{
  g_return_val_if_fail (PB_IS_START_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

const char *
pb_start_page_get_password (PbStartPage *self)
{
  g_return_val_if_fail (PB_IS_START_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

PbAddress *
pb_start_page_dup_address (PbStartPage *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (PB_IS_START_PAGE (self), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  return pb_address_parse (text, NULL);
}

void
pb_start_page_set_address (PbStartPage *self,
                           const char  *address)
{
  g_return_if_fail (PB_IS_START_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
}

void
pb_start_page_set_password (PbStartPage *self,
                            const char  *password)
{
  g_return_if_fail (PB_IS_START_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

gboolean
pb_start_page_get_remember (PbStartPage *self)
{
  g_return_val_if_fail (PB_IS_START_PAGE (self), FALSE);
  return gtk_switch_get_active (self->remember_switch);
}

void
pb_start_page_set_remember (PbStartPage *self,
                            gboolean     remember)
{
  g_return_if_fail (PB_IS_START_PAGE (self));
  gtk_switch_set_active (self->remember_switch, remember);
}

/* Start over: the page as a new window has it, no name, address or password, no hint. */
void
pb_start_page_clear (PbStartPage *self)
{
  g_return_if_fail (PB_IS_START_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_clear_pointer (&self->submitted, g_free);
  g_clear_handle_id (&self->hint_id, g_source_remove);
  gtk_widget_set_visible (self->provider_group, FALSE);
}

void
pb_start_page_focus (PbStartPage *self)
{
  g_return_if_fail (PB_IS_START_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

/* Validates as the user types, but only complains once the text looks finished (it
 * contains an @ and something after it), so typing is not interrupted by errors. */
/* The reason the address cannot be used, on the page (NULL: none, hides it). */
static void
show_problem (PbStartPage *self,
              const char  *problem)
{
  gtk_widget_set_visible (GTK_WIDGET (self->address_error), problem != NULL);
  if (problem != NULL)
    {
      gtk_label_set_text (self->address_error, problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->address_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->address_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->address_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->address_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Typing paused, or the field was left: the problem found meanwhile is said. */
static gboolean
show_pending_problem (gpointer user_data)
{
  PbStartPage *self = user_data;

  self->pause_id = 0;
  show_problem (self, self->problem);
  return G_SOURCE_REMOVE;
}

static void
on_address_left (PbStartPage *self)
{
  g_clear_handle_id (&self->pause_id, g_source_remove);
  show_pending_problem (self);
}

/* A provider without password sign-in: Postbote signs in at its sign-in server where it is
 * registered there (pb-oauth-client.h), else the hint says what is missing. */
static const char *
sign_in_needs (PbAccountConfig *config)
{
  const PbOAuthIssuer *issuer = pb_account_config_get_oauth_issuer (config);
  g_autoptr(PbOAuthClient) client = NULL;

  if (issuer == NULL)
    return _("Password sign-in is switched off by this provider: use a mail program that signs in through its web page.");
  client = pb_oauth_client_lookup (issuer->issuer, NULL, NULL);
  if (client != NULL)
    return _("Password sign-in is switched off by this provider: Postbote signs in through the provider’s web page instead.");
  return _("Password sign-in is switched off by this provider, and Postbote is not registered with its sign-in yet: ask your administrator to set it up (the setting “oauth-clients”).");
}

/* What the provider needs, said before the password is typed; NULL when nothing special. */
static const char *
provider_needs (PbAccountConfig *config,
                const char     **url)
{
  *url = NULL;
  if (pb_account_config_has_quirk (config, PB_QUIRK_BASIC_AUTH_DISABLED))
    return sign_in_needs (config);
  if (pb_account_config_get_app_password (config) != PB_APP_PASSWORD_NO)
    {
      *url = pb_account_config_get_quirk_url (config, PB_QUIRK_APP_PASSWORD);
      return _("Use an app password, not your normal password.");
    }
  if (pb_account_config_has_quirk (config, PB_QUIRK_SEPARATE_PASSWORD))
    return _("Mail programs use a separate password at this provider.");
  if (pb_account_config_has_quirk (config, PB_QUIRK_ENABLE_ACCESS))
    return _("Access for mail programs must be switched on in the provider’s settings first.");
  return NULL;
}

/* The provider of a complete address from the built-in list (well under a millisecond), on
 * the page before Continue; nothing for an address it does not know. */
static gboolean
show_provider (gpointer user_data)
{
  PbStartPage *self = user_data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_autoptr(PbAddress) address = pb_address_parse (text, NULL);
  g_autoptr(PbAccountConfig) config = NULL;
  const char *needs = NULL;
  const char *url = NULL;

  self->hint_id = 0;
  if (address != NULL)
    config = pb_provider_db_lookup_domain (pb_provider_db_get_default (), address->domain);
  gtk_widget_set_visible (self->provider_group, config != NULL);
  if (config == NULL)
    return G_SOURCE_REMOVE;
  needs = provider_needs (config, &url);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->provider_row),
                                 pb_account_config_get_display_name (config));
  if (needs == NULL)
    needs = pb_provider_db_is_admin (pb_provider_db_get_default (), config)
            ? _("Known provider: its settings come from your organization’s provider list.")
            : _("Known provider: its settings are built in.");
  adw_action_row_set_subtitle (self->provider_row, needs);
  gtk_widget_set_visible (GTK_WIDGET (self->provider_link),
                          url != NULL && g_str_has_prefix (url, "https://"));
  if (url != NULL)
    gtk_link_button_set_uri (self->provider_link, url);
  return G_SOURCE_REMOVE;
}

/* Continue follows every keystroke; a problem is said only once typing pauses (or the
 * field is left), not while the address is still being typed. */
static void
on_address_changed (PbStartPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) address = pb_address_parse (text, &error);
  const char *at = strchr (text, '@');
  gboolean bad = address == NULL && at != NULL && at[1] != '\0';

  /* A password belongs to the address it was typed for: another address starts without. */
  if (self->submitted != NULL && g_strcmp0 (text, self->submitted) != 0)
    {
      g_clear_pointer (&self->submitted, g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
    }

  if (address != NULL && !pb_address_check_discoverable (address, &error))
    bad = TRUE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), address != NULL && !bad);
  g_clear_handle_id (&self->hint_id, g_source_remove);
  self->hint_id = g_timeout_add (PB_START_PAGE_HINT_DELAY_MS, show_provider, self);
  g_clear_pointer (&self->problem, g_free);
  g_clear_handle_id (&self->pause_id, g_source_remove);
  if (!bad)
    {
      show_problem (self, NULL);
      return;
    }
  self->problem = g_strdup (error->message);
  self->pause_id = g_timeout_add (PB_START_PAGE_PAUSE_MS, show_pending_problem, self);
}

static void
on_continue_clicked (PbStartPage *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->continue_button)))
    return;
  g_free (self->submitted);
  self->submitted = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_signal_emit (self, signals[SUBMIT], 0);
}

static void
on_entry_activated (PbStartPage *self)
{
  on_address_left (self);
  on_continue_clicked (self);
}

static void
on_manual_clicked (PbStartPage *self)
{
  g_signal_emit (self, signals[MANUAL], 0);
}

static void
pb_start_page_dispose (GObject *object)
{
  PbStartPage *self = PB_START_PAGE (object);

  g_clear_handle_id (&self->pause_id, g_source_remove);
  g_clear_handle_id (&self->hint_id, g_source_remove);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->submitted, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_START_PAGE);
  G_OBJECT_CLASS (pb_start_page_parent_class)->dispose (object);
}

static void
pb_start_page_class_init (PbStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_start_page_dispose;

  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MANUAL] = g_signal_new ("manual", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, provider_group);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, provider_row);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, provider_link);
  gtk_widget_class_bind_template_callback (widget_class, on_address_left);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, address_error);
  gtk_widget_class_bind_template_child (widget_class, PbStartPage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_clicked);
}

static void
pb_start_page_init (PbStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
