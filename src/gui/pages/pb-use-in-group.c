/* pb-use-in-group.c: after a successful account test, the hand-offs available here
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row per hand-off: GNOME Online Accounts (only when goa-daemon is on the session bus, and
 * never for an account it cannot take), msmtp (only when installed), the step-by-step
 * instructions of each mail program (pb-instructions-dialog.c) and the files, saved where
 * the person chooses. Each result is a toast; the GOA hand-off's toast can undo it. The
 * engine does the work (export/): this file only offers and confirms it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-engine-enums.h"
#include "pb-export.h"
#include "pb-export-autoconfig.h"
#include "pb-export-goa.h"
#include "pb-export-handoff.h"
#include "pb-export-instructions.h"
#include "pb-export-msmtp.h"
#include "pb-instructions-dialog.h"
#include "pb-page-util.h"
#include "pb-use-in-group.h"

struct _PbUseInGroup
{
  AdwPreferencesGroup  parent_instance;

  PbExportAccount     *account;
  GCancellable        *cancellable;  /* the work for this account; cancelled with it */
  GDBusConnection     *bus;          /* the session bus, once goa-daemon is known on it */
  GVariant            *goa_details;  /* what GOA gets; NULL for an account it cannot take */
  GPtrArray           *rows;         /* the instruction and file rows, made per account */
  GtkFileChooserNative *chooser;

  GtkWidget           *goa_row;
  GtkWidget           *goa_button;
  GtkWidget           *msmtp_row;
  GtkWidget           *msmtp_button;
};

G_DEFINE_FINAL_TYPE (PbUseInGroup, pb_use_in_group, ADW_TYPE_PREFERENCES_GROUP)

/* The file formats, in the order of their rows. */
static const struct {
  PbExportFormat format;
  const char    *title;
  const char    *subtitle;
} file_rows[] = {
  { PB_EXPORT_FORMAT_MOBILECONFIG, N_("Apple Configuration Profile"),
    N_("A file for iPhone, iPad and Mac; they call it “unverified”, as it is not signed") },
  { PB_EXPORT_FORMAT_TEXT, N_("Account as Text"),
    N_("For a ticket or a note, without the password") },
  { PB_EXPORT_FORMAT_AUTOCONFIG, N_("Autoconfig File"), NULL /* where to publish it */ },
  { PB_EXPORT_FORMAT_SRV, N_("DNS SRV Records"),
    N_("For the domain’s administrator: with them in the zone, mail programs find the servers") },
};

/* The file name the save dialog suggests. */
static char *
suggested_name (PbUseInGroup   *self,
                PbExportFormat  format)
{
  switch (format)
    {
    case PB_EXPORT_FORMAT_MOBILECONFIG:
      return g_strdup_printf ("%s.mobileconfig", self->account->address);
    case PB_EXPORT_FORMAT_AUTOCONFIG:
      return g_strdup ("config-v1.1.xml");
    case PB_EXPORT_FORMAT_SRV:
      return g_strdup_printf ("%s.zone", self->account->domain);
    case PB_EXPORT_FORMAT_TEXT:
    default:
      return g_strdup_printf ("%s.txt", self->account->address);
    }
}

static void
toast_error (PbUseInGroup *self,
             const char   *what,
             const GError *error)
{
  /* Translators: what failed, and why: "Not saved: Permission denied" */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  pb_page_toast (GTK_WIDGET (self), message);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Not saved"), error);
      return;
    }
  /* Translators: %s is the file's name */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  pb_page_toast (GTK_WIDGET (self), message);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  PbUseInGroup *self = user_data;
  PbExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  GFileCreateFlags flags = G_FILE_CREATE_REPLACE_DESTINATION;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL || self->account == NULL)
    return;
  if ((text = pb_export_write (format, self->account, &error)) == NULL)
    {
      toast_error (self, _("Not saved"), error);
      return;
    }
  bytes = g_bytes_new_take (text, strlen (text));
  /* One person's account is theirs alone to read (mode 0600). */
  if (pb_export_format_is_personal (format))
    flags |= G_FILE_CREATE_PRIVATE;
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, flags, self->cancellable,
                                       on_saved, g_object_ref (self));
}

static void
on_save_clicked (GtkButton    *button,
                 PbUseInGroup *self)
{
  PbExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "format"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = suggested_name (self, format);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL ? documents
                                                                   : g_get_home_dir ());

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Settings"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Where documents go, not whatever folder the program was started in. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_program_activated (AdwActionRow *row,
                      PbUseInGroup *self)
{
  PbExportProgram program = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "program"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportSteps) steps = pb_export_instructions_new (program, self->account, &error);

  if (steps == NULL)
    {
      toast_error (self, pb_export_program_get_label (program), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (pb_instructions_dialog_new (GTK_IS_WINDOW (root)
                                                              ? GTK_WINDOW (root) : NULL,
                                                              steps)));
}

static GtkWidget *
add_row (PbUseInGroup *self,
         const char   *title,
         const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* A hand-off this account cannot take (one that signs in at the provider): said with what
 * to do instead, with nothing to press. */
static void
add_refusal_row (PbUseInGroup *self,
                 const char   *title,
                 const char   *message)
{
  GtkWidget *row = add_row (self, title, message);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  gtk_widget_set_focusable (row, FALSE);
}

/* A row per mail program; activating it opens the steps. Only for an account with both
 * halves: the instructions set up the whole account. */
static void
add_program_rows (PbUseInGroup *self)
{
  g_autoptr(GError) error = NULL;

  if (self->account->incoming == NULL || self->account->outgoing == NULL)
    return;
  if (!pb_export_instructions_check_sign_in (self->account, &error))
    {
      add_refusal_row (self, _("Mail Programs"), error->message);
      return;
    }
  for (int program = 0; program < PB_EXPORT_N_PROGRAMS; program++)
    {
      GtkWidget *row = add_row (self, pb_export_program_get_label (program),
                                _("Step by step, with each value to copy"));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "program", GINT_TO_POINTER (program));
      g_signal_connect (row, "activated", G_CALLBACK (on_program_activated), self);
    }
}

static char *
file_subtitle (PbUseInGroup *self,
               guint         i)
{
  g_auto(GStrv) urls = NULL;

  if (file_rows[i].format != PB_EXPORT_FORMAT_AUTOCONFIG)
    return g_strdup (_(file_rows[i].subtitle));
  urls = pb_export_autoconfig_get_publish_urls (self->account);
  /* Translators: %s is the address where the file goes */
  return g_strdup_printf (_("For the domain’s administrator, to publish at %s"), urls[0]);
}

/* A row per file the account's settings make (a format that needs a missing half: none). */
static void
add_file_rows (PbUseInGroup *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pb_export_write (file_rows[i].format, self->account, &error);
      g_autofree char *subtitle = NULL;
      GtkWidget *button;
      GtkWidget *row;

      if (text == NULL && pb_export_account_signs_in (self->account) &&
          g_error_matches (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED))
        add_refusal_row (self, _(file_rows[i].title), error->message);
      if (text == NULL)
        continue;
      subtitle = file_subtitle (self, i);
      row = add_row (self, _(file_rows[i].title), subtitle);
      button = gtk_button_new_with_mnemonic (_("_Save…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "format", GINT_TO_POINTER (file_rows[i].format));
      g_signal_connect (button, "clicked", G_CALLBACK (on_save_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }
}

static void
on_goa_removed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_export_handoff_goa_undo_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Not removed from GNOME Online Accounts"), error);
      return;
    }
  gtk_widget_set_sensitive (self->goa_button, TRUE);
  pb_page_toast (GTK_WIDGET (self), _("Removed from GNOME Online Accounts"));
}

static void
on_goa_undo (AdwToast     *toast,
             PbUseInGroup *self)
{
  const char *path = g_object_get_data (G_OBJECT (toast), "object-path");
  /* The account the toast is about, even when the page shows another one by now. */
  const char *address = g_object_get_data (G_OBJECT (toast), "address");

  if (self->bus == NULL)
    return;
  pb_export_handoff_goa_undo_async (self->bus, address, path,
                                    self->cancellable, on_goa_removed, g_object_ref (self));
}

static void
on_goa_added (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pb_export_handoff_goa_finish (result, &error);
  AdwToast *toast;

  if (path == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->goa_button, TRUE);
      if (!g_error_matches (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_PASSWORD))
        {
          toast_error (self, _("Not added to GNOME Online Accounts"), error);
          return;
        }
      message = g_strdup_printf ("%s %s", error->message,
                                 _("Test the account again with “Remember password” on, then "
                                   "add it."));
      pb_page_toast (GTK_WIDGET (self), message);
      return;
    }
  toast = pb_page_toast (GTK_WIDGET (self), _("Added to GNOME Online Accounts"));
  if (toast == NULL || self->account == NULL)
    return;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "object-path", g_steal_pointer (&path), g_free);
  g_object_set_data_full (G_OBJECT (toast), "address", g_strdup (self->account->address),
                          g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_goa_undo), self, 0);
}

static void
on_goa_clicked (PbUseInGroup *self)
{
  g_return_if_fail (self->account != NULL && self->bus != NULL);

  gtk_widget_set_sensitive (self->goa_button, FALSE);
  pb_export_handoff_goa_async (self->bus, self->account, self->goa_details, self->cancellable,
                               on_goa_added, g_object_ref (self));
}

static void
on_msmtp_added (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) password_error = NULL;
  gboolean password_copied = FALSE;
  g_autofree char *path = pb_export_handoff_msmtp_finish (result, &password_copied,
                                                          &password_error, &error);
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->msmtp_button, TRUE);
      toast_error (self, _("Not added to msmtp"), error);
      return;
    }
  /* Translators: %s is msmtp's configuration file */
  where = g_strdup_printf (_("The account is in %s."), path);
  if (password_error != NULL)
    /* Translators: the first %s says where the account is, the second why the keyring
     * could not be read */
    message = g_strdup_printf (_("%s The keyring could not be read (%s): msmtp will ask for "
                                 "the password."), where, password_error->message);
  else
    message = g_strdup_printf ("%s %s", where,
                               password_copied
                               ? _("The password is in the keyring where msmtp looks for it.")
                               : _("msmtp will ask for the password."));
  pb_page_toast (GTK_WIDGET (self), message);
}

static void
on_msmtp_clicked (PbUseInGroup *self)
{
  g_return_if_fail (self->account != NULL);

  gtk_widget_set_sensitive (self->msmtp_button, FALSE);
  pb_export_handoff_msmtp_async (self->account, self->cancellable, on_msmtp_added,
                                 g_object_ref (self));
}

static void
on_goa_available (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;

  if (!pb_export_goa_is_available_finish (result) || self->account == NULL)
    return;
  self->bus = g_object_ref (G_DBUS_CONNECTION (source));
  gtk_widget_set_sensitive (self->goa_button, TRUE);
  gtk_widget_set_visible (self->goa_row, TRUE);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PbUseInGroup) self = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);

  if (bus == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  pb_export_goa_is_available_async (bus, self->cancellable, on_goa_available,
                                    g_object_ref (self));
}

/* GOA only where goa-daemon is on the bus and can take this account (IMAP, a login it
 * can do); msmtp only where it is installed. */
static void
offer_programs (PbUseInGroup *self)
{
  g_autofree char *msmtp = g_find_program_in_path ("msmtp");
  g_autoptr(GError) goa_error = NULL;
  g_autoptr(GError) msmtp_error = NULL;
  g_autofree char *msmtp_text = NULL;

  if (self->account->outgoing != NULL)
    msmtp_text = pb_export_msmtp_write (self->account, &msmtp_error);
  gtk_widget_set_sensitive (self->msmtp_button, TRUE);
  gtk_widget_set_visible (self->msmtp_row, msmtp != NULL && msmtp_text != NULL);
  self->goa_details = pb_export_goa_get_details (self->account, &goa_error);
  /* Signing in at the provider is what GOA's mail accounts and msmtp's file cannot take
   * from Postbote: the person is told what to do instead. */
  if (pb_export_account_signs_in (self->account))
    {
      if (goa_error != NULL)
        add_refusal_row (self, _("GNOME Online Accounts"), goa_error->message);
      if (msmtp != NULL && msmtp_error != NULL)
        add_refusal_row (self, "msmtp", msmtp_error->message);
    }
  if (self->goa_details != NULL)
    {
      g_variant_ref_sink (self->goa_details);
      g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_bus, g_object_ref (self));
    }
}

static void
clear_account (PbUseInGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->bus);
  g_clear_pointer (&self->goa_details, g_variant_unref);
  /* A chooser still open must not answer into a group that forgot its account (or is gone). */
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->account, pb_export_account_free);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (self->goa_row, FALSE);
  gtk_widget_set_visible (self->msmtp_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
pb_use_in_group_set_account (PbUseInGroup    *self,
                             PbExportAccount *account)
{
  g_return_if_fail (PB_IS_USE_IN_GROUP (self));

  clear_account (self);
  if (account == NULL)
    return;
  self->account = account;
  self->cancellable = g_cancellable_new ();
  offer_programs (self);
  add_program_rows (self);
  add_file_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
pb_use_in_group_dispose (GObject *object)
{
  PbUseInGroup *self = PB_USE_IN_GROUP (object);

  if (self->rows != NULL)
    clear_account (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_USE_IN_GROUP);
  G_OBJECT_CLASS (pb_use_in_group_parent_class)->dispose (object);
}

static void
pb_use_in_group_class_init (PbUseInGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_use_in_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/postbote/Postbote/pb-use-in-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PbUseInGroup, goa_row);
  gtk_widget_class_bind_template_child (widget_class, PbUseInGroup, goa_button);
  gtk_widget_class_bind_template_child (widget_class, PbUseInGroup, msmtp_row);
  gtk_widget_class_bind_template_child (widget_class, PbUseInGroup, msmtp_button);
  gtk_widget_class_bind_template_callback (widget_class, on_goa_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_msmtp_clicked);
}

static void
pb_use_in_group_init (PbUseInGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
