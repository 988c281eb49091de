/* pb-test-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-page-util.h"
#include "pb-test-page.h"

/* The step lists: a half each, then the round trip's. */
#define ROUND_TRIP_LIST PB_TEST_PAGE_ROUND_TRIP
#define N_LISTS (PB_TEST_PAGE_ROUND_TRIP + 1)

typedef struct {
  AdwActionRow *row;
  GtkWidget    *icon;
} StepRow;

struct _PbTestPage
{
  AdwBin               parent_instance;

  GHashTable          *steps[N_LISTS];   /* id -> StepRow */
  AdwPreferencesGroup *groups[N_LISTS];

  GtkLabel            *title_label;
  GtkLabel            *note_label;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
  AdwPreferencesGroup *steps_group;
  AdwPreferencesGroup *incoming_group;
  AdwPreferencesGroup *round_trip_group;
  AdwActionRow        *wait_row;
  GtkProgressBar      *wait_bar;
  GtkWidget           *certificate_button;
  GtkLabel            *certificate_label;

  /* What each list waits for since when, in a row after its steps (after a second). */
  AdwActionRow        *waiting[N_LISTS];
  gint64               waiting_since[N_LISTS];
  guint                tick_id;
};

G_DEFINE_FINAL_TYPE (PbTestPage, pb_test_page, ADW_TYPE_BIN)

static void
step_row_free (gpointer data)
{
  g_free (data);
}

static GtkWidget *make_icon (PbStepState state);

static void
clear_steps (PbTestPage *self,
             guint       half)
{
  GHashTableIter iter;
  StepRow *step;

  g_hash_table_iter_init (&iter, self->steps[half]);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &step))
    adw_preferences_group_remove (self->groups[half], GTK_WIDGET (step->row));
  g_hash_table_remove_all (self->steps[half]);
  pb_test_page_set_waiting (self, half, NULL);
}

static void
set_running (PbTestPage *self,
             gboolean    running)
{
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_widget_set_visible (self->cancel_button, running);
}

void
pb_test_page_reset (PbTestPage *self,
                    const char *title)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));

  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    clear_steps (self, half);
  pb_test_page_set_round_trip (self, NULL, 0);
  pb_test_page_set_half (self, PB_SETUP_HALF_OUTGOING, _("Steps"), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->incoming_group), FALSE);
  pb_test_page_set_note (self, NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_visible (self->certificate_button, FALSE);
  set_running (self, TRUE);
}

void
pb_test_page_set_half (PbTestPage  *self,
                       PbSetupHalf  half,
                       const char  *title,
                       const char  *description)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));
  g_return_if_fail (half < PB_SETUP_N_HALVES);

  adw_preferences_group_set_title (self->groups[half], title);
  adw_preferences_group_set_description (self->groups[half], description);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[half]), TRUE);
}

void
pb_test_page_restart_half (PbTestPage  *self,
                           PbSetupHalf  half)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));
  g_return_if_fail (half < PB_SETUP_N_HALVES);

  clear_steps (self, half);
  set_running (self, TRUE);
}

void
pb_test_page_set_note (PbTestPage *self,
                       const char *note)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));

  pb_page_show_text (self->note_label, note);
}

void
pb_test_page_finish (PbTestPage *self)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));
  set_running (self, FALSE);
  for (guint list = 0; list < N_LISTS; list++)
    pb_test_page_set_waiting (self, list, NULL);
}

/* Each second: how long each list has waited; its row shows once a second has passed. */
static gboolean
tick (gpointer user_data)
{
  PbTestPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  for (guint list = 0; list < N_LISTS; list++)
    {
      guint seconds;
      g_autofree char *text = NULL;

      if (self->waiting[list] == NULL)
        continue;
      seconds = (now - self->waiting_since[list]) / G_USEC_PER_SEC;
      /* Translators: how long the test has waited for the server, in seconds */
      text = g_strdup_printf (_("%u s"), seconds);
      adw_action_row_set_subtitle (self->waiting[list], text);
      gtk_widget_set_visible (GTK_WIDGET (self->waiting[list]), seconds >= 1);
    }
  return G_SOURCE_CONTINUE;
}

void
pb_test_page_set_waiting (PbTestPage *self,
                          guint       list,
                          const char *what)
{
  gboolean any = FALSE;

  g_return_if_fail (PB_IS_TEST_PAGE (self));
  g_return_if_fail (list < N_LISTS);

  if (self->waiting[list] != NULL)
    adw_preferences_group_remove (self->groups[list], GTK_WIDGET (self->waiting[list]));
  self->waiting[list] = NULL;
  if (what != NULL)
    {
      self->waiting[list] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->waiting[list]), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->waiting[list]), what);
      adw_action_row_set_title_lines (self->waiting[list], 0);
      adw_action_row_add_prefix (self->waiting[list], make_icon (PB_STEP_STATE_RUNNING));
      gtk_widget_set_visible (GTK_WIDGET (self->waiting[list]), FALSE);
      adw_preferences_group_add (self->groups[list], GTK_WIDGET (self->waiting[list]));
      self->waiting_since[list] = g_get_monotonic_time ();
    }
  for (guint i = 0; i < N_LISTS; i++)
    any = any || self->waiting[i] != NULL;
  if (any && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick, self);
  else if (!any)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static GtkWidget *
make_icon (PbStepState state)
{
  GtkWidget *icon;
  const char *label;

  switch (state)
    {
    case PB_STEP_STATE_OK:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      label = _("Done");
      break;
    case PB_STEP_STATE_FAILED:
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      label = _("Failed");
      break;
    case PB_STEP_STATE_RUNNING:
    default:
      icon = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (icon), TRUE);
      label = _("Running");
      break;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return icon;
}

void
pb_test_page_set_step (PbTestPage  *self,
                       guint        half,
                       const char  *id,
                       const char  *label,
                       PbStepState  state,
                       guint        ms)
{
  StepRow *step;

  g_return_if_fail (PB_IS_TEST_PAGE (self));
  g_return_if_fail (half < N_LISTS);

  step = g_hash_table_lookup (self->steps[half], id);
  if (step == NULL)
    {
      step = g_new0 (StepRow, 1);
      step->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (step->row), FALSE);
      adw_preferences_group_add (self->groups[half], GTK_WIDGET (step->row));
      g_hash_table_insert (self->steps[half], g_strdup (id), step);
      /* The wait stays below the steps. */
      if (self->waiting[half] != NULL)
        {
          g_autofree char *what = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->waiting[half])));
          gint64 since = self->waiting_since[half];

          pb_test_page_set_waiting (self, half, what);
          self->waiting_since[half] = since;
        }
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step->row), label);
  if (state == PB_STEP_STATE_RUNNING)
    adw_action_row_set_subtitle (step->row, "");
  else
    {
      /* Translators: a step's duration in milliseconds */
      g_autofree char *duration = g_strdup_printf (_("%u ms"), ms);

      adw_action_row_set_subtitle (step->row, duration);
    }

  if (step->icon != NULL)
    adw_action_row_remove (step->row, step->icon);
  step->icon = make_icon (state);
  adw_action_row_add_prefix (step->row, step->icon);
}

/* Once laid out with the round trip's group, the page shows its end: the wait is what
 * happens now, below the halves that ended. */
static gboolean
scroll_to_end (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  /* The page's child; not a template child, which AdwBin would release a second time. */
  GtkWidget *scroller = adw_bin_get_child (ADW_BIN (widget));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  return G_SOURCE_REMOVE;
}

void
pb_test_page_set_round_trip (PbTestPage *self,
                             const char *status,
                             double      fraction)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));

  if (status != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->round_trip_group)))
    gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_end, NULL, NULL);
  if (status == NULL)
    clear_steps (self, ROUND_TRIP_LIST);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->wait_row), status ? status : "");
  gtk_progress_bar_set_fraction (self->wait_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->round_trip_group), status != NULL);
}

void
pb_test_page_set_certificate (PbTestPage *self,
                              const char *details)
{
  g_return_if_fail (PB_IS_TEST_PAGE (self));

  gtk_label_set_text (self->certificate_label, details);
  gtk_widget_set_visible (self->certificate_button, details != NULL);
}

guint
pb_test_page_get_n_steps (PbTestPage  *self,
                          PbSetupHalf  half)
{
  g_return_val_if_fail (PB_IS_TEST_PAGE (self), 0);
  g_return_val_if_fail (half < PB_SETUP_N_HALVES, 0);
  return g_hash_table_size (self->steps[half]);
}

static void
pb_test_page_dispose (GObject *object)
{
  PbTestPage *self = PB_TEST_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_TEST_PAGE);
  for (guint list = 0; list < N_LISTS; list++)
    g_clear_pointer (&self->steps[list], g_hash_table_unref);
  G_OBJECT_CLASS (pb_test_page_parent_class)->dispose (object);
}

static void
pb_test_page_class_init (PbTestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_test_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-test-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, steps_group);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, incoming_group);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, round_trip_group);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, wait_row);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, wait_bar);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, PbTestPage, certificate_label);
}

static void
pb_test_page_init (PbTestPage *self)
{
  for (guint list = 0; list < N_LISTS; list++)
    self->steps[list] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, step_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups[PB_SETUP_HALF_OUTGOING] = self->steps_group;
  self->groups[PB_SETUP_HALF_INCOMING] = self->incoming_group;
  self->groups[ROUND_TRIP_LIST] = self->round_trip_group;
}
