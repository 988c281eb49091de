/* pb-settings-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-discovery.h"
#include "pb-port-entry.h"
#include "pb-settings-field.h"
#include "pb-settings-notes.h"
#include "pb-server-row.h"
#include "pb-settings-page.h"
#include "pb-sign-in-group.h"

struct _PbSettingsPage
{
  AdwBin               parent_instance;

  PbDiscoveryResult   *result;
  gboolean             manual;
  gboolean             password_given;  /* on the start page, for found settings */
  GPtrArray           *extra_rows;   /* rows added to notes_group and incoming_group */

  GtkLabel            *title_label;
  GtkLabel            *source_label;
  AdwPreferencesGroup *notes_group;
  PbSignInGroup       *sign_in_group;
  AdwPreferencesGroup *outgoing_group;
  AdwEntryRow         *host_row;
  PbPortEntry         *port_entry;
  AdwComboRow         *security_row;
  AdwComboRow         *auth_row;
  AdwActionRow        *plain_row;
  GtkCheckButton      *plain_check;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *password_row;
  GtkSwitch           *remember_switch;
  AdwPreferencesGroup *manual_group;
  AdwEntryRow         *sender_row;
  AdwEntryRow         *recipient_row;
  AdwPreferencesGroup *confirm_group;
  AdwActionRow        *confirm_row;
  GtkCheckButton      *confirm_check;
  GtkLabel            *login_note;
  GtkButton           *test_button;
  AdwPreferencesGroup *incoming_group;
};

G_DEFINE_FINAL_TYPE (PbSettingsPage, pb_settings_page, ADW_TYPE_BIN)

enum {
  TEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the items in the template's combo rows. */
static const PbAuthMethod auth_choices[] = {
  PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_PASSWORD_ENCRYPTED, PB_AUTH_NONE,
};

/* Whether the test has a login: a password typed (here, or on the start page for found
 * settings), or the provider's sign-in. */
static gboolean
has_login (PbSettingsPage *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  return *password != '\0' ||
         (!self->manual && (self->password_given ||
                            pb_sign_in_group_get_chosen (self->sign_in_group)));
}

/* A test without a password cannot log in: said before it starts, not only afterwards. */
static void
update_login_note (PbSettingsPage *self)
{
  guint auth = adw_combo_row_get_selected (self->auth_row);
  gboolean wants_login = auth >= G_N_ELEMENTS (auth_choices) || auth_choices[auth] != PB_AUTH_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->login_note), wants_login && !has_login (self));
}

/* A password over no encryption at all is sent only when the person says so. */
static gboolean
update_plain (PbSettingsPage *self)
{
  guint auth = adw_combo_row_get_selected (self->auth_row);
  gboolean plain = adw_combo_row_get_selected (self->security_row) == PB_SECURITY_NONE &&
                   has_login (self) && auth < G_N_ELEMENTS (auth_choices) &&
                   auth_choices[auth] != PB_AUTH_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->plain_row), plain);
  if (!plain)
    gtk_check_button_set_active (self->plain_check, FALSE);
  return !plain || gtk_check_button_get_active (self->plain_check);
}

static void
update_sensitivity (PbSettingsPage *self)
{
  const char *host = gtk_editable_get_text (GTK_EDITABLE (self->host_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gboolean confirmed = !gtk_widget_get_visible (GTK_WIDGET (self->confirm_group)) ||
                       gtk_check_button_get_active (self->confirm_check);
  /* By hand, a password without a user name would log in as nobody. */
  gboolean user_ok = !self->manual || *password == '\0' || *user != '\0';

  gboolean plain_ok = update_plain (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            *host != '\0' && pb_port_entry_get_port (self->port_entry) > 0 &&
                            confirmed && user_ok && plain_ok);
  update_login_note (self);
}

static void
on_changed (PbSettingsPage *self)
{
  update_sensitivity (self);
}

/* The password is asked for here by hand, and for found settings when the start page had
 * none and the test does not sign in at the provider instead; signing in, the login method
 * is the provider's sign-in, no choice. */
static void
update_password_row (PbSettingsPage *self)
{
  gboolean sign_in = !self->manual && pb_sign_in_group_get_chosen (self->sign_in_group);

  gtk_widget_set_visible (GTK_WIDGET (self->password_row),
                          self->manual || (!self->password_given && !sign_in));
  gtk_widget_set_visible (GTK_WIDGET (self->auth_row), !sign_in);
}

static void
on_sign_in_changed (PbSettingsPage *self)
{
  update_password_row (self);
  update_sensitivity (self);
}

/* A port that names its encryption chooses it: 587 is STARTTLS, 465 SSL/TLS (RFC 8314). */
static void
on_port_changed (PbSettingsPage *self)
{
  guint port = pb_port_entry_get_port (self->port_entry);

  if (port == 587)
    adw_combo_row_set_selected (self->security_row, PB_SECURITY_STARTTLS);
  else if (port == 465)
    adw_combo_row_set_selected (self->security_row, PB_SECURITY_TLS);
  update_sensitivity (self);
}

/* Choosing an encryption moves the port along with it when the port was the default of
 * the previous choice, as users expect from mail programs. */
static void
on_security_changed (PbSettingsPage *self)
{
  PbSecurity security = adw_combo_row_get_selected (self->security_row);
  guint port = pb_port_entry_get_port (self->port_entry);

  /* The port follows the choice; it does not choose again (on_port_changed). */
  g_signal_handlers_block_by_func (self->port_entry, on_port_changed, self);
  if (port == 465 || port == 587 || port == 25)
    pb_port_entry_set_port (self->port_entry,
                            pb_security_default_port (PB_PROTOCOL_SMTP, security));
  g_signal_handlers_unblock_by_func (self->port_entry, on_port_changed, self);
  update_sensitivity (self);
}

/* The button, or Enter in a field: tests, if the settings may be tested. */
static void
on_test_clicked (PbSettingsPage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->test_button)))
    g_signal_emit (self, signals[TEST], 0);
}

static void
add_row (PbSettingsPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->extra_rows, row);
}

static void
clear_rows (PbSettingsPage *self)
{
  for (guint i = 0; i < self->extra_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->extra_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->extra_rows, 0);
}

static void
set_server (PbSettingsPage *self,
            PbServerConfig *server,
            const char     *user)
{
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), server ? server->host : "");
  adw_combo_row_set_selected (self->security_row, server ? server->security : PB_SECURITY_TLS);
  pb_port_entry_set_port (self->port_entry, server ? server->port : 465);
  adw_combo_row_set_selected (self->auth_row, 0);
  for (guint i = 0; server != NULL && i < G_N_ELEMENTS (auth_choices); i++)
    {
      if (auth_choices[i] == server->auth)
        adw_combo_row_set_selected (self->auth_row, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
}

/* The result's user names are expanded already: once, so that a local part that reads like
 * a placeholder ("%EMAILDOMAIN%"@…) stays itself. */
static char *
login_name (const PbAddress *address,
            PbServerConfig  *server)
{
  return g_strdup (server != NULL && server->username != NULL ? server->username
                                                               : address->address);
}

/* The flow's question before a password goes to the server (none: nothing to confirm),
 * unanswered. */
static void
set_confirmation (PbSettingsPage        *self,
                  const PbSetupQuestion *confirmation)
{
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_group), confirmation != NULL);
  gtk_check_button_set_active (self->confirm_check, FALSE);
  if (confirmation != NULL)
    {
      gboolean foreign = confirmation->kind == PB_SETUP_QUESTION_FOREIGN_HOST;
      g_autofree char *list = g_strjoinv (", ", confirmation->hosts);
      g_autofree char *title = NULL;

      /* Translators: %s is a list of server names */
      title = g_strdup_printf (_("I want to send my password to %s"), list);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->confirm_row), foreign ?
                                   _("This server does not belong to your address’s domain or its known provider.") :
                                   _("These settings came over an unencrypted connection and could have been changed on the way."));
    }
}

/* What a person typed for an earlier address or check goes: the form is filled from the
 * current address only. */
static void
forget_entries (PbSettingsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recipient_row), "");
}

void
pb_settings_page_set_result (PbSettingsPage        *self,
                             PbDiscoveryResult     *result,
                             const PbSetupQuestion *confirmation)
{
  const PbAddress *address = pb_discovery_result_get_address (result);
  PbAccountConfig *config = pb_discovery_result_get_config (result);
  GPtrArray *outgoing = pb_discovery_result_get_outgoing (result);
  GPtrArray *incoming = pb_discovery_result_get_incoming (result);
  PbServerConfig *smtp = outgoing != NULL && outgoing->len > 0 ? g_ptr_array_index (outgoing, 0) : NULL;
  const char *name = config ? pb_account_config_get_display_name (config) : NULL;
  g_autofree char *user = login_name (address, smtp);
  g_autofree char *source = pb_settings_notes_source (result);

  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  g_set_object (&self->result, result);
  self->manual = FALSE;
  clear_rows (self);
  forget_entries (self);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), FALSE);
  /* Without a password from the start page, it is asked for here (unless the flow offers
   * the provider's sign-in, pb_settings_page_offer_sign_in()). */
  pb_sign_in_group_set_provider (self->sign_in_group, NULL);
  update_password_row (self);
  gtk_widget_set_visible (GTK_WIDGET (self->incoming_group), incoming != NULL && incoming->len > 0);

  gtk_label_set_text (self->title_label, name != NULL ? name : address->domain_unicode);
  gtk_label_set_text (self->source_label, source);

  set_server (self, smtp, user);

  if (config != NULL && pb_settings_notes_add (self->notes_group, self->extra_rows, config))
    gtk_widget_set_visible (GTK_WIDGET (self->notes_group), TRUE);

  for (guint i = 0; incoming != NULL && i < incoming->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (incoming, i);
      g_autofree char *in_user = login_name (address, server);

      add_row (self, self->incoming_group, pb_server_row_new (server, in_user));
    }

  set_confirmation (self, confirmation);
  update_sensitivity (self);
}

/* Whether the start page had a password for the found settings' test. */
void
pb_settings_page_set_password_given (PbSettingsPage *self,
                                     gboolean        given)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));
  self->password_given = given;
  update_login_note (self);
}

void
pb_settings_page_set_manual (PbSettingsPage *self,
                             const char     *address,
                             const char     *password)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  g_clear_object (&self->result);
  self->manual = TRUE;
  clear_rows (self);
  gtk_label_set_text (self->title_label, _("Check a Server"));
  gtk_label_set_text (self->source_label,
                      _("Enter the outgoing server’s settings. Postbote tests them step by step and shows the whole conversation."));
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->incoming_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), TRUE);
  pb_sign_in_group_set_provider (self->sign_in_group, NULL);
  update_password_row (self);
  set_server (self, NULL, address);
  forget_entries (self);
  if (address != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->sender_row), address);
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  update_sensitivity (self);
}

void
pb_settings_page_offer_sign_in (PbSettingsPage *self,
                                const char     *provider,
                                gboolean        active,
                                gboolean        keep)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  pb_sign_in_group_set_provider (self->sign_in_group, provider);
  pb_sign_in_group_set_keep (self->sign_in_group, keep);
  pb_sign_in_group_set_active (self->sign_in_group, active);
  on_sign_in_changed (self);
}

gboolean
pb_settings_page_get_sign_in (PbSettingsPage *self,
                              gboolean       *keep)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), FALSE);

  if (keep != NULL)
    *keep = pb_sign_in_group_get_keep (self->sign_in_group);
  return !self->manual && pb_sign_in_group_get_chosen (self->sign_in_group);
}

/* Start over: no server, no user name, nothing typed, no found settings. */
void
pb_settings_page_clear (PbSettingsPage *self)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  g_clear_object (&self->result);
  clear_rows (self);
  pb_sign_in_group_set_provider (self->sign_in_group, NULL);
  set_server (self, NULL, NULL);
  forget_entries (self);
  update_sensitivity (self);
}

/* Once the page shows: the found settings are usually right, so Test is the next step
 * (the password first when the start page had none); by hand, the first field. */
void
pb_settings_page_focus (PbSettingsPage *self)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  if (self->manual)
    gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->password_row)) &&
           *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (gtk_widget_get_sensitive (GTK_WIDGET (self->test_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->test_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_check));
}

gboolean
pb_settings_page_get_remember (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), FALSE);
  return gtk_switch_get_active (self->remember_switch);
}

void
pb_settings_page_set_remember (PbSettingsPage *self,
                               gboolean        remember)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));
  gtk_switch_set_active (self->remember_switch, remember);
}

void
pb_settings_page_set_password (PbSettingsPage *self,
                               const char     *password)
{
  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

/* The field a failure points at (the password by hand, or where the page asks for it;
 * else the user name; the sender and recipient by hand only). */
static GtkWidget *
field_of (PbSettingsPage *self,
          PbProblem       problem)
{
  gboolean password = gtk_widget_get_visible (GTK_WIDGET (self->password_row));

  switch (pb_settings_field_for_problem (problem))
    {
    case PB_SETTINGS_FIELD_HOST:
      return GTK_WIDGET (self->host_row);
    case PB_SETTINGS_FIELD_SECURITY:
      return GTK_WIDGET (self->security_row);
    case PB_SETTINGS_FIELD_LOGIN:
      return password ? GTK_WIDGET (self->password_row) : GTK_WIDGET (self->user_row);
    case PB_SETTINGS_FIELD_SENDER:
      return GTK_WIDGET (self->manual ? self->sender_row : self->user_row);
    case PB_SETTINGS_FIELD_RECIPIENT:
      return self->manual ? GTK_WIDGET (self->recipient_row) : NULL;
    case PB_SETTINGS_FIELD_NONE:
    default:
      return NULL;
    }
}

void
pb_settings_page_focus_problem (PbSettingsPage *self,
                                PbProblem       problem)
{
  GtkWidget *field;

  g_return_if_fail (PB_IS_SETTINGS_PAGE (self));

  field = field_of (self, problem);
  if (field != NULL && gtk_widget_get_visible (field))
    gtk_widget_grab_focus (field);
  else
    pb_settings_page_focus (self);
}

/* The user's answer to the confirmation the page shows (the flow's question): Test is
 * sensitive only once it is given. */
gboolean
pb_settings_page_get_confirmed (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->confirm_group)) &&
         gtk_check_button_get_active (self->confirm_check);
}

gboolean
pb_settings_page_get_manual (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), FALSE);
  return self->manual;
}

PbServerConfig *
pb_settings_page_dup_server (PbSettingsPage *self)
{
  g_autofree char *host = NULL;
  guint selected;

  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), NULL);

  host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));
  selected = MIN (adw_combo_row_get_selected (self->auth_row), G_N_ELEMENTS (auth_choices) - 1);

  return pb_server_config_new (PB_PROTOCOL_SMTP, host,
                               pb_port_entry_get_port (self->port_entry),
                               adw_combo_row_get_selected (self->security_row),
                               pb_settings_page_get_sign_in (self, NULL) ? PB_AUTH_OAUTH2
                                                                         : auth_choices[selected],
                               gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
}

const char *
pb_settings_page_get_password (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

const char *
pb_settings_page_get_sender (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->sender_row));
}

const char *
pb_settings_page_get_recipient (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->recipient_row));
}

PbAccountConfig *
pb_settings_page_get_config (PbSettingsPage *self)
{
  g_return_val_if_fail (PB_IS_SETTINGS_PAGE (self), NULL);
  return self->result ? pb_discovery_result_get_config (self->result) : NULL;
}

static void
pb_settings_page_dispose (GObject *object)
{
  PbSettingsPage *self = PB_SETTINGS_PAGE (object);

  g_clear_object (&self->result);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SETTINGS_PAGE);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (pb_settings_page_parent_class)->dispose (object);
}

static void
pb_settings_page_class_init (PbSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_settings_page_dispose;
  g_type_ensure (PB_TYPE_PORT_ENTRY);
  g_type_ensure (PB_TYPE_SIGN_IN_GROUP);

  signals[TEST] = g_signal_new ("test", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, outgoing_group);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, port_entry);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, auth_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, plain_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, plain_check);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, login_note);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, manual_group);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, sender_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, confirm_group);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, PbSettingsPage, incoming_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_security_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_port_changed);
}

static void
pb_settings_page_init (PbSettingsPage *self)
{
  self->extra_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
