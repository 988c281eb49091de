/* pb-sign-in-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-page-util.h"
#include "pb-sign-in-page.h"

struct _PbSignInPage
{
  AdwBin               parent_instance;

  char                *provider;
  guint                timeout_minutes;
  char                *uri;

  GtkWidget           *browser_icon;
  GtkWidget           *spinner;
  GtkLabel            *title_label;
  GtkLabel            *text_label;
  GtkLabel            *problem_label;
  GtkWidget           *address_group;
  AdwActionRow        *address_row;
  GtkExpander         *details_expander;
  GtkLabel            *uri_label;
};

G_DEFINE_FINAL_TYPE (PbSignInPage, pb_sign_in_page, ADW_TYPE_BIN)

/* "Signing In": a saved sign-in, or the code exchanged after the browser. */
static void
show_working (PbSignInPage *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->browser_icon, FALSE);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_label_set_text (self->title_label, _("Signing In"));
  /* Translators: %s is the provider's name, e.g. "Outlook.com" */
  text = g_strdup_printf (_("Postbote signs in at %s…"), self->provider);
  gtk_label_set_text (self->text_label, text);
  gtk_widget_set_visible (self->address_group, FALSE);
  pb_page_show_text (self->problem_label, NULL);
}

/* "Continue in Your Browser", with the address of the sign-in page to copy. */
static void
show_browser (PbSignInPage *self)
{
  g_autoptr(GUri) parsed = g_uri_parse (self->uri, G_URI_FLAGS_NONE, NULL);
  g_autofree char *text = NULL;
  g_autofree char *wait = NULL;

  gtk_widget_set_visible (self->browser_icon, TRUE);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_label_set_text (self->title_label, _("Continue in Your Browser"));
  wait = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Postbote continues by itself once you are done, and waits up to %u minute.",
                                       "Postbote continues by itself once you are done, and waits up to %u minutes.",
                                       self->timeout_minutes),
                          self->timeout_minutes);
  /* Translators: %s is the provider's name, e.g. "Outlook.com"; the second %s says how
   * long Postbote waits */
  text = g_strdup_printf (_("Sign in at %s in your browser and allow access to your mail. %s"),
                          self->provider, wait);
  gtk_label_set_text (self->text_label, text);
  adw_action_row_set_subtitle (self->address_row,
                               parsed != NULL && g_uri_get_host (parsed) != NULL
                               ? g_uri_get_host (parsed) : "");
  gtk_label_set_text (self->uri_label, self->uri);
  gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_widget_set_visible (self->address_group, TRUE);
  pb_page_show_text (self->problem_label, NULL);
}

void
pb_sign_in_page_begin (PbSignInPage *self,
                       const char   *provider,
                       guint         timeout_minutes)
{
  g_return_if_fail (PB_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (provider != NULL);

  g_free (self->provider);
  self->provider = g_strdup (provider);
  self->timeout_minutes = timeout_minutes;
  g_clear_pointer (&self->uri, g_free);
  show_working (self);
}

void
pb_sign_in_page_set_uri (PbSignInPage *self,
                         const char   *uri)
{
  g_return_if_fail (PB_IS_SIGN_IN_PAGE (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
  if (uri != NULL)
    show_browser (self);
  else
    show_working (self);
}

void
pb_sign_in_page_set_browser_error (PbSignInPage *self,
                                   const char   *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PB_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (message != NULL);

  /* Translators: %s says why, e.g. "No application is registered as handling this file" */
  text = g_strdup_printf (_("No browser could be opened: %s"), message);
  pb_page_show_text (self->problem_label, text);
  gtk_expander_set_expanded (self->details_expander, TRUE);
}

const char *
pb_sign_in_page_get_uri (PbSignInPage *self)
{
  g_return_val_if_fail (PB_IS_SIGN_IN_PAGE (self), NULL);
  return self->uri;
}

static void
on_copy_clicked (PbSignInPage *self)
{
  if (self->uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->uri);
  pb_page_toast (GTK_WIDGET (self), _("Address copied"));
}

static void
pb_sign_in_page_dispose (GObject *object)
{
  PbSignInPage *self = PB_SIGN_IN_PAGE (object);

  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->uri, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SIGN_IN_PAGE);
  G_OBJECT_CLASS (pb_sign_in_page_parent_class)->dispose (object);
}

static void
pb_sign_in_page_class_init (PbSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_sign_in_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, browser_icon);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, text_label);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, address_group);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, details_expander);
  gtk_widget_class_bind_template_child (widget_class, PbSignInPage, uri_label);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
}

static void
pb_sign_in_page_init (PbSignInPage *self)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The address wraps anywhere, but without hyphens that would read as part of it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->uri_label, attrs);
  pango_attr_list_unref (attrs);
}
