/* pb-export-goa.c: the verified account handed to GNOME Online Accounts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details follow the keys the imap_smtp provider of gnome-online-accounts 3.46 reads
 * (goaimapsmtpprovider.c); keys it does not know would be kept but never read.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-export-goa.h"
#include "pb-secret.h"

#define GOA_MANAGER_PATH "/org/gnome/OnlineAccounts/Manager"
#define GOA_MANAGER_IFACE "org.gnome.OnlineAccounts.Manager"
#define GOA_ACCOUNT_IFACE "org.gnome.OnlineAccounts.Account"
#define GOA_PROVIDER "imap_smtp"
#define DBUS_NAME "org.freedesktop.DBus"
#define DBUS_PATH "/org/freedesktop/DBus"
/* AddAccount answers once the daemon has written its file and the keyring item. */
#define CALL_TIMEOUT_MS 30000

static const char *
bool_text (gboolean value)
{
  return value ? "true" : "false";
}

/* The host, with the port when it is not the one the provider assumes for the security
 * (host names are DNS names here, so a ':' can only be the port's). */
static char *
host_and_port (const PbServerConfig *server)
{
  guint16 assumed = pb_security_default_port (server->protocol, server->security);

  if (server->port == assumed)
    return g_strdup (server->host);
  return g_strdup_printf ("%s:%u", server->host, server->port);
}

static gboolean
unsupported (GError **error,
             char    *message)
{
  g_set_error_literal (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED, message);
  g_free (message);
  return FALSE;
}

/* Whether the provider can log in as the verified account did. */
static gboolean
check_logins (const PbExportAccount  *account,
              GError                **error)
{
  const PbServerConfig *smtp = account->outgoing;
  const char *mech = pb_sasl_mechanism_to_string (account->outgoing_mechanism);
  const char *provider = pb_export_account_sign_in_provider (account);

  /* Its IMAP and SMTP provider knows passwords only; Microsoft's and Google's own providers
   * sign in at them. */
  if (pb_export_account_signs_in (account) && provider != NULL)
    return unsupported (error, g_strdup_printf (
      /* Translators: %s is "Microsoft" or "Google" */
      _("This account signs in at the provider, and GNOME Online Accounts’ IMAP and SMTP "
        "accounts take passwords only. Add it in Online Accounts with its own %s provider "
        "instead (Settings → Online Accounts)."), provider));
  if (pb_export_account_signs_in (account))
    return unsupported (error, g_strdup (
      _("This account signs in at the provider, and GNOME Online Accounts’ IMAP and SMTP "
        "accounts take passwords only. Use a mail program that signs in at the provider.")));
  if (account->incoming->protocol != PB_PROTOCOL_IMAP)
    return unsupported (error, g_strdup_printf (
      _("GNOME Online Accounts takes IMAP accounts only, and the incoming server of %s is "
        "POP3. Use another hand-off (msmtp, a profile or the text) for it."),
      account->address));
  if (account->incoming->auth != PB_AUTH_PASSWORD_CLEARTEXT &&
      account->incoming->auth != PB_AUTH_PASSWORD_ENCRYPTED)
    return unsupported (error, g_strdup_printf (
      _("GNOME Online Accounts logs in to IMAP with a password only, and %s uses “%s”."),
      account->incoming->host, pb_auth_method_get_label (account->incoming->auth)));
  if (smtp->auth == PB_AUTH_OAUTH2 || smtp->auth == PB_AUTH_NTLM || smtp->auth == PB_AUTH_GSSAPI)
    return unsupported (error, g_strdup_printf (
      _("GNOME Online Accounts logs in to SMTP with a password only, and %s uses “%s”."),
      smtp->host, pb_auth_method_get_label (smtp->auth)));
  if (account->outgoing_mechanism == PB_SASL_CRAM_MD5 ||
      (account->outgoing_mechanism == PB_SASL_NONE && smtp->auth == PB_AUTH_PASSWORD_ENCRYPTED))
    return unsupported (error, g_strdup_printf (
      _("GNOME Online Accounts logs in to SMTP with PLAIN or LOGIN only, and %s accepted "
        "the login with %s."), smtp->host, mech != NULL ? mech : "CRAM-MD5"));
  return TRUE;
}

static void
add_imap (GVariantBuilder      *b,
          const PbServerConfig *imap)
{
  g_autofree char *host = host_and_port (imap);

  g_variant_builder_add (b, "{ss}", "ImapHost", host);
  g_variant_builder_add (b, "{ss}", "ImapUserName", imap->username);
  g_variant_builder_add (b, "{ss}", "ImapUseSsl", bool_text (imap->security == PB_SECURITY_TLS));
  g_variant_builder_add (b, "{ss}", "ImapUseTls",
                         bool_text (imap->security == PB_SECURITY_STARTTLS));
  /* Never: a certificate Postbote trusts only because the user pinned it is not pinned in
   * the programs that read GOA, and they ask about it themselves. */
  g_variant_builder_add (b, "{ss}", "ImapAcceptSslErrors", "false");
}

/* SMTP's login: the mechanism the verified login used; PLAIN when it is not known, as the
 * provider itself assumes then. */
static void
add_smtp (GVariantBuilder       *b,
          const PbExportAccount *account)
{
  const PbServerConfig *smtp = account->outgoing;
  g_autofree char *host = host_and_port (smtp);
  gboolean auth = pb_export_goa_smtp_needs_password (account);
  gboolean login = auth && account->outgoing_mechanism == PB_SASL_LOGIN;

  g_variant_builder_add (b, "{ss}", "SmtpHost", host);
  g_variant_builder_add (b, "{ss}", "SmtpUseAuth", bool_text (auth));
  if (auth)
    g_variant_builder_add (b, "{ss}", "SmtpUserName", smtp->username);
  g_variant_builder_add (b, "{ss}", "SmtpAuthLogin", bool_text (login));
  g_variant_builder_add (b, "{ss}", "SmtpAuthPlain", bool_text (auth && !login));
  g_variant_builder_add (b, "{ss}", "SmtpUseSsl", bool_text (smtp->security == PB_SECURITY_TLS));
  g_variant_builder_add (b, "{ss}", "SmtpUseTls",
                         bool_text (smtp->security == PB_SECURITY_STARTTLS));
  g_variant_builder_add (b, "{ss}", "SmtpAcceptSslErrors", "false");
}

gboolean
pb_export_goa_smtp_needs_password (const PbExportAccount *account)
{
  PbAuthMethod auth = account->outgoing->auth;

  return auth != PB_AUTH_NONE && auth != PB_AUTH_CLIENT_IP && auth != PB_AUTH_SMTP_AFTER_POP;
}

GVariant *
pb_export_goa_get_details (const PbExportAccount  *account,
                           GError                **error)
{
  GVariantBuilder b;

  if (!pb_export_account_require (account, TRUE, TRUE, error) || !check_logins (account, error))
    return NULL;
  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&b, "{ss}", "Enabled", "true");
  g_variant_builder_add (&b, "{ss}", "EmailAddress", account->address);
  if (account->display_name != NULL)
    g_variant_builder_add (&b, "{ss}", "Name", account->display_name);
  add_imap (&b, account->incoming);
  add_smtp (&b, account);
  return g_variant_builder_end (&b);
}

/* A string value whose bytes are wiped when the last reference goes. */
static GVariant *
secret_string (const char *text)
{
  gsize len = strlen (text) + 1;
  char *copy = g_memdup2 (text, len);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (copy, len,
                                                        (GDestroyNotify) pb_secret_free, copy);

  return g_variant_new_from_bytes (G_VARIANT_TYPE_STRING, bytes, TRUE);
}

/* AddAccount's arguments, floating, with details as pb_export_goa_get_details() made them. */
static GVariant *
add_parameters (const PbExportAccount  *account,
                GVariant               *details,
                const char             *imap_password,
                const char             *smtp_password)
{
  GVariantBuilder credentials;

  g_variant_builder_init (&credentials, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&credentials, "{sv}", "imap-password", secret_string (imap_password));
  if (pb_export_goa_smtp_needs_password (account))
    g_variant_builder_add (&credentials, "{sv}", "smtp-password",
                           secret_string (smtp_password != NULL ? smtp_password
                                                                : imap_password));
  return g_variant_new ("(sss@a{sv}@a{ss})", GOA_PROVIDER, account->address, account->address,
                        g_variant_builder_end (&credentials), details);
}

/* An error of a call to goa-daemon, for people: NOT_AVAILABLE when it is not on the bus,
 * NOT_FOUND for an account that is gone; otherwise the daemon's own words. */
static void
map_error (GError **error)
{
  if (error == NULL || *error == NULL)
    return;
  if (g_error_matches (*error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (*error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    {
      g_clear_error (error);
      g_set_error_literal (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE,
                           _("GNOME Online Accounts is not available in this session."));
      return;
    }
  if (g_error_matches (*error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (*error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
      g_error_matches (*error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE))
    {
      g_clear_error (error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The account is no longer in GNOME Online Accounts."));
      return;
    }
  g_dbus_error_strip_remote_error (*error);
  g_prefix_error (error, _("GNOME Online Accounts refused: "));
}

/* The object path of AddAccount's reply (consumed). */
static char *
path_of_reply (GVariant  *reply,
               GError   **error)
{
  char *path = NULL;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(o)", &path);
  g_variant_unref (reply);
  return path;
}

/* A call to goa-daemon, its errors for people (map_error). */
static GVariant *
goa_call_sync (GDBusConnection     *bus,
               const char          *path,
               const char          *method,
               GVariant            *parameters,
               const GVariantType  *reply_type,
               GCancellable        *cancellable,
               GError             **error)
{
  const char *iface = g_str_equal (method, "Remove") ? GOA_ACCOUNT_IFACE : GOA_MANAGER_IFACE;
  GVariant *reply = g_dbus_connection_call_sync (bus, PB_EXPORT_GOA_BUS_NAME, path, iface,
                                                 method, parameters, reply_type,
                                                 G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS,
                                                 cancellable, error);

  map_error (error);
  return reply;
}

char *
pb_export_goa_add_sync (GDBusConnection       *bus,
                        const PbExportAccount *account,
                        GVariant              *details,
                        const char            *imap_password,
                        const char            *smtp_password,
                        GCancellable          *cancellable,
                        GError               **error)
{
  GVariant *parameters = add_parameters (account, details, imap_password, smtp_password);

  return path_of_reply (goa_call_sync (bus, GOA_MANAGER_PATH, "AddAccount", parameters,
                                       G_VARIANT_TYPE ("(o)"), cancellable, error), error);
}

/* Only an account's path is ever removed, never the manager or anything else. */
static gboolean
check_account_path (const char  *object_path,
                    GError     **error)
{
  if (object_path != NULL && g_variant_is_object_path (object_path) &&
      g_str_has_prefix (object_path, "/org/gnome/OnlineAccounts/Accounts/"))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an account of GNOME Online Accounts."),
               object_path != NULL ? object_path : "");
  return FALSE;
}

gboolean
pb_export_goa_remove_sync (GDBusConnection  *bus,
                           const char       *object_path,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GVariant) reply = NULL;

  if (!check_account_path (object_path, error))
    return FALSE;
  reply = goa_call_sync (bus, object_path, "Remove", NULL, G_VARIANT_TYPE_UNIT, cancellable,
                         error);
  return reply != NULL;
}

/* Whether the reply of ListNames or ListActivatableNames holds goa-daemon's name. */
static gboolean
names_hold_goa (GVariant *reply)
{
  g_autofree const char **names = NULL;

  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &names);
  return g_strv_contains (names, PB_EXPORT_GOA_BUS_NAME);
}

static void
on_names (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GDBusConnection *bus = G_DBUS_CONNECTION (source);
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (bus, res, NULL);
  gboolean activatable = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (names_hold_goa (reply) || activatable)
    {
      g_task_return_boolean (task, names_hold_goa (reply));
      return;
    }
  /* Not running: can the bus start it? */
  g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
  g_dbus_connection_call (bus, DBUS_NAME, DBUS_PATH, DBUS_NAME, "ListActivatableNames", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_names, g_object_ref (task));
}

void
pb_export_goa_is_available_async (GDBusConnection     *bus,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (bus, cancellable, callback, user_data);

  g_task_set_source_tag (task, pb_export_goa_is_available_async);
  g_dbus_connection_call (bus, DBUS_NAME, DBUS_PATH, DBUS_NAME, "ListNames", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_names, task);
}

gboolean
pb_export_goa_is_available_finish (GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

gboolean
pb_export_goa_is_available_sync (GDBusConnection *bus,
                                 GCancellable    *cancellable)
{
  const char *calls[] = { "ListNames", "ListActivatableNames" };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, DBUS_NAME, DBUS_PATH,
                                                               DBUS_NAME, calls[i], NULL,
                                                               G_VARIANT_TYPE ("(as)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1,
                                                               cancellable, NULL);

      if (names_hold_goa (reply))
        return TRUE;
    }
  return FALSE;
}
