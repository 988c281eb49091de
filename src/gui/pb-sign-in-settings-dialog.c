/* pb-sign-in-settings-dialog.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group for every sign-in server the presets name, titled with their providers: the rows
 * of the fields the person registers there (pb_oauth_client_kind_has_field ()). A group is
 * one entry of the setting: applying any of its rows (its apply button, Enter) saves all
 * of them, and closing the window saves the groups changed since. An entry the reader
 * would refuse is not saved: its sentence as a toast, the wrong row in the error style;
 * closing with it keeps the window open once, closing again leaves the setting as it was.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-client.h"
#include "pb-page-util.h"
#include "pb-sign-in-settings-dialog.h"

typedef struct {
  char       *issuer;
  GtkWidget  *rows[PB_OAUTH_CLIENT_N_FIELDS];  /* NULL: not the person's to set here */
  gboolean    changed;                         /* typed since loaded or saved */
} Group;

struct _PbSignInSettingsDialog
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GPtrArray            *groups;     /* element-type Group */
  gboolean              loading;    /* texts set by the dialog, not typed */
  gboolean              refused;    /* a close was refused, and nothing typed since */

  AdwPreferencesPage   *page;
};

G_DEFINE_FINAL_TYPE (PbSignInSettingsDialog, pb_sign_in_settings_dialog,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
group_free (Group *group)
{
  g_free (group->issuer);
  g_free (group);
}

static const char *
field_title (PbOAuthIssuerKind  kind,
             PbOAuthClientField field)
{
  switch (field)
    {
    case PB_OAUTH_CLIENT_FIELD_ID:
      /* Microsoft's own words in the Entra admin center. */
      return kind == PB_OAUTH_ISSUER_KIND_MICROSOFT ? _("Application (Client) ID")
                                                    : _("Client ID");
    case PB_OAUTH_CLIENT_FIELD_TENANT:
      return _("Directory (Tenant) ID");
    case PB_OAUTH_CLIENT_FIELD_SECRET:
      return _("Client Secret");
    case PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS:
    case PB_OAUTH_CLIENT_N_FIELDS:
    default:
      return NULL;
    }
}

/* Where to register, and whose client is used until then. */
static char *
group_description (const char        *issuer,
                   PbOAuthIssuerKind  kind)
{
  g_autofree char *where = NULL;
  const char *own;

  if (kind == PB_OAUTH_ISSUER_KIND_MICROSOFT)
    where = g_strdup (_("Register Postbote as an app in the Microsoft Entra admin center "
                        "(entra.microsoft.com) and enter its IDs. Leave the tenant ID empty "
                        "for personal accounts."));
  else if (kind == PB_OAUTH_ISSUER_KIND_GOOGLE)
    where = g_strdup (_("Create an OAuth client of the type “Desktop app” in the Google Cloud "
                        "console (console.cloud.google.com) and enter its ID and secret."));
  else
    /* Translators: %s is a sign-in server, e.g. "login.yahoo.com" */
    where = g_strdup_printf (_("Enter the client ID Postbote is registered with at %s."),
                             issuer);
  own = pb_oauth_client_has_default (issuer)
        ? _("This build of Postbote brings a client of its own; one entered here replaces it.")
        : _("Postbote brings no client of its own.");
  return g_strconcat (where, " ", own, NULL);
}

static Group *
group_of_row (PbSignInSettingsDialog *self,
              GtkWidget              *row)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      for (guint field = 0; field < PB_OAUTH_CLIENT_N_FIELDS; field++)
        if (group->rows[field] == row)
          return group;
    }
  g_return_val_if_reached (NULL);
}

/* Saves the group's rows as its entry; FALSE when refused (said, and the row marked). */
static gboolean
save_group (PbSignInSettingsDialog *self,
            Group                  *group)
{
  PbOAuthClientField fields[PB_OAUTH_CLIENT_N_FIELDS];
  const char *values[PB_OAUTH_CLIENT_N_FIELDS];
  g_autoptr(GError) error = NULL;
  PbOAuthClientField wrong;
  GtkWidget *first = NULL;
  guint n = 0;

  for (guint field = 0; field < PB_OAUTH_CLIENT_N_FIELDS; field++)
    {
      GtkWidget *row = group->rows[field];

      if (row == NULL)
        continue;
      first = first != NULL ? first : row;
      gtk_widget_remove_css_class (row, "error");
      fields[n] = field;
      /* Pasted IDs often end in a space or a line break. */
      values[n++] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
    }
  if (!pb_oauth_client_set_fields (self->settings, group->issuer, fields, values, n, &wrong,
                                   &error))
    {
      gtk_widget_add_css_class (wrong < PB_OAUTH_CLIENT_N_FIELDS && group->rows[wrong] != NULL
                                ? group->rows[wrong] : first, "error");
      pb_page_toast (first, error->message);
    }
  else
    group->changed = FALSE;
  for (guint i = 0; i < n; i++)
    g_free ((char *) values[i]);
  return error == NULL;
}

static void
on_row_apply (PbSignInSettingsDialog *self,
              AdwEntryRow            *row)
{
  save_group (self, group_of_row (self, GTK_WIDGET (row)));
}

static void
on_row_changed (PbSignInSettingsDialog *self,
                GtkEditable            *row)
{
  if (self->loading)
    return;
  group_of_row (self, GTK_WIDGET (row))->changed = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  self->refused = FALSE;
}

static GtkWidget *
field_row (PbSignInSettingsDialog *self,
           Group                  *group,
           PbOAuthIssuerKind       kind,
           PbOAuthClientField      field)
{
  GtkWidget *row = field == PB_OAUTH_CLIENT_FIELD_SECRET ? adw_password_entry_row_new ()
                                                         : adw_entry_row_new ();
  g_autofree char *value = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_title (kind, field));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  if (self->settings != NULL)
    value = pb_oauth_client_get_field (self->settings, group->issuer, field);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_widget_set_sensitive (row, self->settings != NULL);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (on_row_apply), self);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed), self);
  return row;
}

static void
add_group (PbSignInSettingsDialog *self,
           PbProviderDb           *db,
           const char             *issuer)
{
  PbOAuthIssuerKind kind = pb_oauth_client_issuer_kind (issuer);
  g_auto(GStrv) providers = pb_oauth_client_list_providers (db, issuer);
  g_autofree char *names = g_strjoinv (", ", providers);
  g_autofree char *description = group_description (issuer, kind);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  GtkWidget *widget = adw_preferences_group_new ();
  Group *group = g_new0 (Group, 1);

  /* Names from an administrator's preset and its issuer are text, not markup. */
  title = g_markup_escape_text (names, -1);
  text = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget), text);
  group->issuer = g_strdup (issuer);
  g_ptr_array_add (self->groups, group);
  for (PbOAuthClientField field = 0; field < PB_OAUTH_CLIENT_N_FIELDS; field++)
    {
      if (!pb_oauth_client_kind_has_field (kind, field))
        continue;
      group->rows[field] = field_row (self, group, kind, field);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget), group->rows[field]);
    }
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (widget));
}

PbSignInSettingsDialog *
pb_sign_in_settings_dialog_new (GtkWindow    *parent,
                                PbProviderDb *db,
                                GSettings    *settings)
{
  PbSignInSettingsDialog *self;
  g_auto(GStrv) issuers = NULL;

  g_return_val_if_fail (PB_IS_PROVIDER_DB (db), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PB_TYPE_SIGN_IN_SETTINGS_DIALOG, "transient-for", parent, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  issuers = pb_oauth_client_list_issuers (db);
  self->loading = TRUE;
  for (guint i = 0; issuers[i] != NULL; i++)
    add_group (self, db, issuers[i]);
  self->loading = FALSE;
  return self;
}

void
pb_sign_in_settings_dialog_focus (PbSignInSettingsDialog *self,
                                  const char             *issuer)
{
  g_return_if_fail (PB_IS_SIGN_IN_SETTINGS_DIALOG (self));

  for (guint i = 0; issuer != NULL && i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (g_str_equal (group->issuer, issuer))
        gtk_widget_grab_focus (group->rows[PB_OAUTH_CLIENT_FIELD_ID]);
    }
}

/* What was typed and not applied is saved on closing; a refusal keeps the window open,
 * once. */
static gboolean
pb_sign_in_settings_dialog_close_request (GtkWindow *window)
{
  PbSignInSettingsDialog *self = PB_SIGN_IN_SETTINGS_DIALOG (window);
  gboolean refused = FALSE;

  for (guint i = 0; self->settings != NULL && !self->refused && i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (group->changed && !save_group (self, group))
        refused = TRUE;
    }
  if (refused)
    {
      self->refused = TRUE;
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pb_sign_in_settings_dialog_parent_class)->close_request (window);
}

static void
pb_sign_in_settings_dialog_dispose (GObject *object)
{
  PbSignInSettingsDialog *self = PB_SIGN_IN_SETTINGS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SIGN_IN_SETTINGS_DIALOG);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pb_sign_in_settings_dialog_parent_class)->dispose (object);
}

static void
pb_sign_in_settings_dialog_class_init (PbSignInSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_sign_in_settings_dialog_dispose;
  window_class->close_request = pb_sign_in_settings_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-sign-in-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSignInSettingsDialog, page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_sign_in_settings_dialog_init (PbSignInSettingsDialog *self)
{
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
