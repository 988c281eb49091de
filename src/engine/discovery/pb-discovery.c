/* pb-discovery.c: the discovery run: every source at once, ranked, bounded by a deadline
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All sources start together. The result is the best-ranked source that found something,
 * not the first one to answer: a find cancels every lower-ranked source, and the run ends
 * as soon as no better-ranked source is still working. Sources ranked above a find get a
 * grace period (a third of the deadline) instead of the whole deadline, so one stalled
 * server costs seconds, not the full timeout; the deadline bounds everything.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-discovery-dns.h"
#include "pb-discovery-guess.h"
#include "pb-discovery-http.h"
#include "pb-discovery-private.h"
#include "pb-discovery-result-private.h"
#include "pb-discovery-source.h"
#include "pb-settings.h"
#include "pb-text.h"

#define DEFAULT_ISPDB "https://autoconfig.thunderbird.net/v1.1/"

struct _PbDiscovery
{
  GObject             parent_instance;

  PbAddress          *address;
  guint               source_mask;
  guint               timeout_ms;
  char               *ispdb_base_url;
  gboolean            allow_plain_http;

  PbSourceState       states[PB_DISCOVERY_N_SOURCES];
  char               *reasons[PB_DISCOVERY_N_SOURCES];
  guint               ms[PB_DISCOVERY_N_SOURCES];
  PbSourceAnswer     *answers[PB_DISCOVERY_N_SOURCES];
  gboolean            no_mx;    /* the MX lookup said the domain has no MX record */
  GCancellable       *cancellables[PB_DISCOVERY_N_SOURCES];
  /* Source tasks started and not yet completed: a cancelled one still completes, later. */
  guint               n_running;
  /* Counts runs: a source call answers only the run that started it. */
  guint               run;

  /* Only while running. */
  GTask              *task;
  PbDiscoveryContext *ctx;
  gint64              start_us;
  GSource            *deadline;
  GSource            *grace;
  GSource            *cancel_source;
  GSource            *late_idle;
  GSource            *late_fallback;
};

G_DEFINE_FINAL_TYPE (PbDiscovery, pb_discovery, G_TYPE_OBJECT)

enum {
  SOURCE_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
pb_discovery_dispose (GObject *object)
{
  PbDiscovery *self = PB_DISCOVERY (object);

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      g_clear_pointer (&self->reasons[i], g_free);
      g_clear_pointer (&self->answers[i], pb_source_answer_free);
      g_clear_object (&self->cancellables[i]);
    }
  g_clear_pointer (&self->address, pb_address_free);
  g_clear_pointer (&self->ispdb_base_url, g_free);

  G_OBJECT_CLASS (pb_discovery_parent_class)->dispose (object);
}

static void
pb_discovery_class_init (PbDiscoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_discovery_dispose;

  signals[SOURCE_CHANGED] =
    g_signal_new ("source-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
pb_discovery_init (PbDiscovery *self)
{
  self->source_mask = PB_DISCOVERY_ALL_SOURCES;
}

PbDiscovery *
pb_discovery_new (const PbAddress *address)
{
  PbDiscovery *self = g_object_new (PB_TYPE_DISCOVERY, NULL);

  self->address = pb_address_copy (address);
  self->ispdb_base_url = pb_settings_get_string ("ispdb-base-url", DEFAULT_ISPDB);
  self->allow_plain_http = pb_settings_get_boolean ("allow-plain-http", FALSE);
  self->timeout_ms = MAX (1, pb_settings_get_uint ("discovery-timeout", 10)) * 1000;
  return self;
}

void
pb_discovery_set_sources (PbDiscovery *self,
                          guint        source_mask)
{
  g_return_if_fail (PB_IS_DISCOVERY (self));
  self->source_mask = source_mask & PB_DISCOVERY_ALL_SOURCES;
}

void
pb_discovery_set_timeout_ms (PbDiscovery *self,
                             guint        timeout_ms)
{
  g_return_if_fail (PB_IS_DISCOVERY (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}

void
pb_discovery_set_ispdb_base_url (PbDiscovery *self,
                                 const char  *url)
{
  g_return_if_fail (PB_IS_DISCOVERY (self));
  g_free (self->ispdb_base_url);
  self->ispdb_base_url = g_strdup (url);
}

void
pb_discovery_set_allow_plain_http (PbDiscovery *self,
                                   gboolean     allow)
{
  g_return_if_fail (PB_IS_DISCOVERY (self));
  self->allow_plain_http = !!allow;
}

gboolean
pb_discovery_get_allow_plain_http (PbDiscovery *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY (self), FALSE);
  return self->allow_plain_http;
}

PbSourceState
pb_discovery_get_state (PbDiscovery       *self,
                        PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY (self), PB_SOURCE_STATE_DISABLED);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, PB_SOURCE_STATE_DISABLED);
  return self->states[source];
}

const char *
pb_discovery_get_reason (PbDiscovery       *self,
                         PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY (self), NULL);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, NULL);
  return self->reasons[source];
}

static guint
elapsed_ms (PbDiscovery *self)
{
  return (guint) ((g_get_monotonic_time () - self->start_us) / 1000);
}

static void
set_state (PbDiscovery       *self,
           PbDiscoverySource  source,
           PbSourceState      state,
           const char        *reason)
{
  self->states[source] = state;
  g_free (self->reasons[source]);
  /* A reason may quote the outside (an HTTP reason phrase, an XML error, a name from DNS)
   * and is shown in the window, on the terminal and in the result. */
  self->reasons[source] = reason != NULL ? pb_text_make_safe (reason, -1, "") : NULL;
  if (pb_source_state_is_final (state))
    {
      self->ms[source] = elapsed_ms (self);
      if (self->cancellables[source] != NULL)
        g_cancellable_cancel (self->cancellables[source]);
    }
  g_signal_emit (self, signals[SOURCE_CHANGED], 0, (guint) source);
}

static void
clear_timers (PbDiscovery *self)
{
  GSource **timers[] = { &self->deadline, &self->grace, &self->cancel_source, &self->late_idle,
                         &self->late_fallback };

  for (guint i = 0; i < G_N_ELEMENTS (timers); i++)
    {
      if (*timers[i] != NULL)
        {
          g_source_destroy (*timers[i]);
          g_clear_pointer (timers[i], g_source_unref);
        }
    }
}

/* Stops every source still working with state, and returns the result. */
static void
conclude (PbDiscovery   *self,
          PbSourceState  stop_state,
          const char    *stop_reason)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(PbDiscoveryResult) result = NULL;

  if (task == NULL)
    return;
  clear_timers (self);
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      if (!pb_source_state_is_final (self->states[i]))
        set_state (self, i, stop_state, stop_reason);
    }

  result = pb_discovery_result_new (self->address);
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    pb_discovery_result_set_outcome (result, i, self->states[i], self->reasons[i], self->ms[i],
                                     g_steal_pointer (&self->answers[i]));
  pb_discovery_result_set_no_mx (result, self->no_mx);
  pb_discovery_result_conclude (result, elapsed_ms (self));
  g_clear_pointer (&self->ctx, pb_discovery_context_unref);

  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static gboolean
grace_expired (gpointer user_data)
{
  conclude (user_data, PB_SOURCE_STATE_TIMEOUT,
            _("Stopped waiting: a lower-ranked source had already answered"));
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_expired (gpointer user_data)
{
  PbDiscovery *self = user_data;
  g_autofree char *reason = g_strdup_printf (_("No answer within the deadline of %.1f s"),
                                             self->timeout_ms / 1000.0);

  conclude (self, PB_SOURCE_STATE_TIMEOUT, reason);
  return G_SOURCE_REMOVE;
}

static void
arm_timer (PbDiscovery  *self,
           GSource     **slot,
           guint         ms,
           GSourceFunc   func)
{
  *slot = g_timeout_source_new (ms);
  g_source_set_callback (*slot, func, self, NULL);
  g_source_set_static_name (*slot, "[postbote] discovery timer");
  g_source_attach (*slot, g_task_get_context (self->task));
}

static void
check_progress (PbDiscovery *self)
{
  int best = -1;
  gboolean pending_above = FALSE;

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES && best < 0; i++)
    {
      if (self->states[i] == PB_SOURCE_STATE_FOUND)
        best = i;
      else if (!pb_source_state_is_final (self->states[i]))
        pending_above = TRUE;
    }

  if (!pending_above)
    {
      conclude (self, PB_SOURCE_STATE_CANCELLED, _("A better-ranked source answered"));
      return;
    }

  if (best >= 0)
    {
      for (guint i = best + 1; i < PB_DISCOVERY_N_SOURCES; i++)
        {
          if (!pb_source_state_is_final (self->states[i]))
            set_state (self, i, PB_SOURCE_STATE_CANCELLED, _("A better-ranked source answered"));
        }
      if (self->grace == NULL)
        arm_timer (self, &self->grace, MAX (self->timeout_ms / 3, 200), grace_expired);
    }
}

typedef struct {
  PbDiscovery       *self;
  PbDiscoverySource  source;
  guint              run;
} SourceCall;

typedef void (*SourceStart) (PbDiscoveryContext  *ctx,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

/* Every source, by its value in PbDiscoverySource (its rank): its label and how it starts.
 * A new source is its value there and its entry here; whether a run enables it is decided
 * in reset_sources(). */
static const struct {
  const char  *label;
  SourceStart  start;   /* NULL for the preset list, which answers at once (run_preset) */
  gboolean     late;    /* started after the HTTP sources queued their lookups (see
                           schedule_late_sources) */
} sources[PB_DISCOVERY_N_SOURCES] = {
  [PB_DISCOVERY_SOURCE_PRESET] = { N_("Built-in provider list"), NULL, FALSE },
  [PB_DISCOVERY_SOURCE_ADMIN] = { N_("Your organization’s provider list"), NULL, FALSE },
  [PB_DISCOVERY_SOURCE_AUTOCONFIG] = { N_("Provider’s configuration server"),
                                       pb_discovery_autoconfig_source_async, FALSE },
  [PB_DISCOVERY_SOURCE_ISPDB] = { N_("Thunderbird provider database"),
                                  pb_discovery_ispdb_source_async, FALSE },
  [PB_DISCOVERY_SOURCE_MX] = { N_("Mail exchanger (MX) of the domain"), pb_discovery_mx_async,
                               FALSE },
  [PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP] = { N_("Configuration server without encryption"),
                                            pb_discovery_autoconfig_http_source_async, FALSE },
  [PB_DISCOVERY_SOURCE_SRV] = { N_("Service records (SRV) of the domain"),
                                pb_discovery_srv_async, TRUE },
  [PB_DISCOVERY_SOURCE_GUESS] = { N_("Trying common server names"), pb_discovery_guess_async,
                                  TRUE },
};

const char *
pb_discovery_source_get_label (PbDiscoverySource source)
{
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, NULL);
  return _(sources[source].label);
}

static void
source_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SourceCall *call = user_data;
  PbDiscovery *self = call->self;
  PbDiscoverySource source = call->source;
  gboolean this_run = call->run == self->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSourceAnswer) answer = pb_discovery_source_finish (result, &error);

  g_free (call);
  self->n_running--;
  if (this_run && self->task != NULL && !pb_source_state_is_final (self->states[source]))
    {
      if (answer == NULL)
        set_state (self, source, PB_SOURCE_STATE_FAILED, error->message);
      else if (answer->config == NULL)
        {
          self->no_mx = self->no_mx || answer->no_mx;
          set_state (self, source, PB_SOURCE_STATE_NOTHING, answer->reason);
        }
      else if (!pb_source_answer_is_usable (answer, self->address))
        set_state (self, source, PB_SOURCE_STATE_NOTHING,
                   _("The provider is known, but its server names depend on your contract"));
      else
        {
          self->answers[source] = g_steal_pointer (&answer);
          set_state (self, source, PB_SOURCE_STATE_FOUND, self->answers[source]->reason);
        }
      check_progress (self);
    }
  g_object_unref (self);
}

static void
start_source (PbDiscovery       *self,
              PbDiscoverySource  source)
{
  SourceCall *call = g_new0 (SourceCall, 1);
  GCancellable *cancellable;

  self->cancellables[source] = g_cancellable_new ();
  cancellable = self->cancellables[source];
  call->self = g_object_ref (self);
  call->source = source;
  call->run = self->run;
  self->n_running++;
  set_state (self, source, PB_SOURCE_STATE_WORKING, NULL);

  g_assert (sources[source].start != NULL);
  sources[source].start (self->ctx, cancellable, source_done, call);
}

/* The presets answer at once, the built-in ones and an administrator's (one lookup: no
 * domain is in both), each in its own slot. */
static gboolean
preset_slot_waiting (PbDiscovery       *self,
                     PbDiscoverySource  slot)
{
  if (self->states[slot] != PB_SOURCE_STATE_WAITING)
    return FALSE;
  set_state (self, slot, PB_SOURCE_STATE_WORKING, NULL);
  return TRUE;
}

static void
run_preset (PbDiscovery *self)
{
  gboolean built_in = preset_slot_waiting (self, PB_DISCOVERY_SOURCE_PRESET);
  gboolean admin = preset_slot_waiting (self, PB_DISCOVERY_SOURCE_ADMIN);
  g_autoptr(PbAccountConfig) config = NULL;
  g_autoptr(PbSourceAnswer) answer = NULL;
  gboolean is_admin;
  PbDiscoverySource slot;

  config = pb_provider_db_lookup_domain (self->ctx->db, self->address->domain);
  is_admin = pb_provider_db_is_admin (self->ctx->db, config);
  if (built_in && (config == NULL || is_admin))
    set_state (self, PB_DISCOVERY_SOURCE_PRESET, PB_SOURCE_STATE_NOTHING,
               _("The domain is not in the built-in provider list"));
  if (admin && (config == NULL || !is_admin))
    set_state (self, PB_DISCOVERY_SOURCE_ADMIN, PB_SOURCE_STATE_NOTHING,
               _("The domain is not in your organization’s provider list"));
  slot = is_admin ? PB_DISCOVERY_SOURCE_ADMIN : PB_DISCOVERY_SOURCE_PRESET;
  if (config == NULL || self->states[slot] != PB_SOURCE_STATE_WORKING)
    return;
  answer = pb_source_answer_new (config, pb_account_config_get_display_name (config));
  answer->curated = TRUE;
  if (!pb_source_answer_is_usable (answer, self->address))
    {
      set_state (self, slot, PB_SOURCE_STATE_NOTHING,
                 _("The provider is known, but its server names depend on your contract"));
      return;
    }
  self->answers[slot] = g_steal_pointer (&answer);
  set_state (self, slot, PB_SOURCE_STATE_FOUND, self->answers[slot]->reason);
}

static gboolean
start_late_sources (gpointer user_data)
{
  PbDiscovery *self = user_data;
  GSource **slots[] = { &self->late_idle, &self->late_fallback };

  /* Whichever comes first: the other one has nothing left to do. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_source_destroy (*slots[i]);
      g_clear_pointer (slots[i], g_source_unref);
    }
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      if (sources[i].late && self->task != NULL && self->states[i] == PB_SOURCE_STATE_WAITING)
        start_source (self, i);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
run_cancelled (GCancellable *cancellable,
               gpointer      user_data)
{
  /* The task checks its cancellable: the caller gets G_IO_ERROR_CANCELLED. */
  conclude (user_data, PB_SOURCE_STATE_CANCELLED, _("Cancelled"));
  return G_SOURCE_REMOVE;
}

/* Fresh state for a run: a PbDiscovery may be run again. */
static void
reset_sources (PbDiscovery *self)
{
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      gboolean enabled = (self->source_mask & PB_DISCOVERY_SOURCE_MASK (i)) != 0;

      if (i == PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP && !self->allow_plain_http)
        enabled = FALSE;
      /* No administrator's presets here: not a source to show. */
      if (i == PB_DISCOVERY_SOURCE_ADMIN && !pb_provider_db_has_admin (pb_provider_db_get_default ()))
        enabled = FALSE;
      if (i == PB_DISCOVERY_SOURCE_ISPDB &&
          (self->ispdb_base_url == NULL || *self->ispdb_base_url == '\0'))
        enabled = FALSE;
      self->states[i] = enabled ? PB_SOURCE_STATE_WAITING : PB_SOURCE_STATE_DISABLED;
      self->ms[i] = 0;
      g_clear_pointer (&self->reasons[i], g_free);
      g_clear_pointer (&self->answers[i], pb_source_answer_free);
      g_clear_object (&self->cancellables[i]);
    }
}

/* GLib resolves names in a pool of ten threads. SRV (six lookups) and guessing (three, then
 * probes) start once the HTTP sources have queued theirs: libsoup resolves from its own
 * callbacks (some behind idles at the default idle priority, e.g. the proxy settings), and
 * ranked sources should not wait behind unranked ones, so a low-priority idle starts them.
 * A GUI's loop is never idle while it animates (the detection page's spinner): when a frame
 * takes longer than the refresh interval (software GL), GTK's frame clock is always due at
 * its redraw priority, and that idle would never run (SRV and guessing timed out unasked).
 * A default-priority timer bounds the wait: libsoup has long queued its lookups by then. */
#define LATE_SOURCES_MAX_WAIT_MS 100

static void
schedule_late_sources (PbDiscovery *self)
{
  GMainContext *context = g_task_get_context (self->task);

  self->late_idle = g_idle_source_new ();
  g_source_set_priority (self->late_idle, G_PRIORITY_LOW);
  g_source_set_callback (self->late_idle, start_late_sources, self, NULL);
  g_source_set_static_name (self->late_idle, "[postbote] discovery late sources");
  g_source_attach (self->late_idle, context);

  self->late_fallback = g_timeout_source_new (LATE_SOURCES_MAX_WAIT_MS);
  g_source_set_callback (self->late_fallback, start_late_sources, self, NULL);
  g_source_set_static_name (self->late_fallback, "[postbote] discovery late sources (busy loop)");
  g_source_attach (self->late_fallback, context);
}

void
pb_discovery_run_async (PbDiscovery         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PB_IS_DISCOVERY (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_discovery_run_async);
  g_task_set_check_cancellable (task, TRUE);
  if (!pb_discovery_check_discoverable (self->address, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->start_us = g_get_monotonic_time ();
  self->run++;
  self->no_mx = FALSE;
  self->task = g_steal_pointer (&task);
  reset_sources (self);
  self->ctx = pb_discovery_context_new (self->address, self->timeout_ms, self->ispdb_base_url);

  run_preset (self);
  if (self->states[PB_DISCOVERY_SOURCE_PRESET] == PB_SOURCE_STATE_FOUND ||
      self->states[PB_DISCOVERY_SOURCE_ADMIN] == PB_SOURCE_STATE_FOUND)
    {
      conclude (self, PB_SOURCE_STATE_CANCELLED, _("A better-ranked source answered"));
      return;
    }

  /* Only now: a preset hit needs neither HTTP nor DNS. */
  self->ctx->session = pb_discovery_http_session_new (self->timeout_ms);
  self->ctx->resolver = g_resolver_get_default ();
  arm_timer (self, &self->deadline, self->timeout_ms, deadline_expired);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (run_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      if (sources[i].start == NULL || sources[i].late)
        continue;
      /* A source may conclude the run synchronously (no network needed). */
      if (self->task != NULL && self->states[i] == PB_SOURCE_STATE_WAITING)
        start_source (self, i);
    }
  if (self->task != NULL)
    check_progress (self);
  if (self->task != NULL)
    schedule_late_sources (self);
}

PbDiscoveryResult *
pb_discovery_run_finish (PbDiscovery   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
pb_discovery_get_n_running (PbDiscovery *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY (self), 0);
  return self->n_running;
}
