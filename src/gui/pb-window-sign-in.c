/* pb-window-sign-in.c: the sign-in at the provider (OAuth 2.0) as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-diagnosis.h"
#include "pb-window-sign-in.h"

struct _PbWindowSignIn
{
  PbOAuthSignIn *sign_in;     /* followed, or NULL */
  PbSignInPage  *page;
  GtkWindow     *parent;      /* the window, which owns this */
  GCancellable  *opening;     /* the browser being opened */
  gboolean       keep;
  gboolean       done;        /* the sign-in ended with tokens */
  gboolean       used_saved;
  GError        *save_error;
};

PbWindowSignIn *
pb_window_sign_in_new (void)
{
  return g_new0 (PbWindowSignIn, 1);
}

/* Nothing followed any more; what a sign-in that ended said is kept for the result. */
static void
stop_following (PbWindowSignIn *self)
{
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  if (self->sign_in != NULL)
    g_signal_handlers_disconnect_by_data (self->sign_in, self);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->page);
}

void
pb_window_sign_in_begin (PbWindowSignIn *self,
                         gboolean        keep)
{
  g_return_if_fail (self != NULL);

  stop_following (self);
  self->keep = keep;
  self->done = self->used_saved = FALSE;
  g_clear_error (&self->save_error);
}

void
pb_window_sign_in_free (PbWindowSignIn *self)
{
  if (self == NULL)
    return;
  pb_window_sign_in_begin (self, FALSE);
  g_free (self);
}

/* A browser that could not be opened: the person opens the address the page shows. A
 * cancelled opening belongs to a sign-in no longer followed (self may be gone). */
static void
on_browser_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbWindowSignIn *self = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_message ("No browser for the sign-in: %s", error->message);
  if (self->page != NULL)
    pb_sign_in_page_set_browser_error (self->page, error->message);
}

static void
on_open_uri (PbOAuthSignIn *sign_in,
             const char    *uri,
             gpointer       user_data)
{
  PbWindowSignIn *self = user_data;

  pb_sign_in_page_set_uri (self->page, uri);
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  self->opening = g_cancellable_new ();
  gtk_show_uri_full (self->parent, uri, GDK_CURRENT_TIME, self->opening, on_browser_opened,
                     self);
}

static void
on_stage (PbOAuthSignIn *sign_in,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  PbWindowSignIn *self = user_data;
  const GError *error;

  switch (pb_oauth_sign_in_get_stage (sign_in))
    {
    case PB_OAUTH_SIGN_IN_STAGE_EXCHANGING:
      /* Back from the browser: the rest needs nobody. */
      pb_sign_in_page_set_uri (self->page, NULL);
      break;
    case PB_OAUTH_SIGN_IN_STAGE_DONE:
      self->done = TRUE;
      self->used_saved = pb_oauth_sign_in_used_saved (sign_in);
      error = pb_oauth_sign_in_get_save_error (sign_in);
      g_clear_error (&self->save_error);
      self->save_error = error != NULL ? g_error_copy (error) : NULL;
      break;
    default:
      break;
    }
}

void
pb_window_sign_in_follow (PbWindowSignIn *self,
                          PbOAuthSignIn  *sign_in,
                          const char     *provider,
                          PbSignInPage   *page,
                          GtkWindow      *parent)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (PB_IS_OAUTH_SIGN_IN (sign_in) && PB_IS_SIGN_IN_PAGE (page));

  stop_following (self);
  self->sign_in = g_object_ref (sign_in);
  self->page = g_object_ref (page);
  self->parent = parent;
  pb_sign_in_page_begin (page, provider, PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS / 60000);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), self);
  g_signal_connect (sign_in, "notify::stage", G_CALLBACK (on_stage), self);
}

void
pb_window_sign_in_show (PbWindowSignIn *self,
                        PbResultPage   *page)
{
  g_autoptr(PbExplanation) explanation = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (self != NULL);

  if (!self->done)
    return;
  /* A sign-in in the keyring, saved now or before: the person may sign out. */
  pb_result_page_offer_forget_sign_in (page, self->used_saved ||
                                             (self->keep && self->save_error == NULL));
  if (self->used_saved)
    pb_result_page_add_half_row (page, PB_SETUP_HALF_OUTGOING,
                                 _("Signed in with the sign-in saved in the keyring"), TRUE);
  else if (!self->keep)
    /* As with a password: not keeping it is the person's choice, but it must be said. */
    pb_result_page_add_half_row (page, PB_SETUP_HALF_OUTGOING,
                                 _("Sign-in not kept: staying signed in is switched off"),
                                 FALSE);
  else if (self->save_error == NULL)
    pb_result_page_add_half_row (page, PB_SETUP_HALF_OUTGOING,
                                 _("Sign-in saved in the keyring"), TRUE);
  else
    {
      explanation = pb_diagnosis_explain (pb_credentials_error_to_problem (self->save_error),
                                          NULL);
      text = g_strdup_printf ("%s: %s", explanation->title, explanation->fix);
      pb_result_page_add_half_row (page, PB_SETUP_HALF_OUTGOING, text, FALSE);
    }
}
