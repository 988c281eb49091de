/* pb-port-entry.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pb-port-entry.h"

/* "65535" */
#define PORT_DIGITS 5

struct _PbPortEntry
{
  GtkEntry parent_instance;
};

G_DEFINE_FINAL_TYPE (PbPortEntry, pb_port_entry, GTK_TYPE_ENTRY)

enum {
  PROP_0,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
pb_port_entry_new (void)
{
  return g_object_new (PB_TYPE_PORT_ENTRY, NULL);
}

guint
pb_port_entry_get_port (PbPortEntry *self)
{
  const char *text;
  gulong port;

  g_return_val_if_fail (PB_IS_PORT_ENTRY (self), 0);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  port = strtoul (text, NULL, 10);
  return *text != '\0' && port <= G_MAXUINT16 ? (guint) port : 0;
}

void
pb_port_entry_set_port (PbPortEntry *self,
                        guint        port)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PB_IS_PORT_ENTRY (self));

  text = port > 0 ? g_strdup_printf ("%u", port) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

/* What is typed or pasted keeps its digits only. */
static void
on_insert_text (GtkEditable *editable,
                const char  *text,
                int          length,
                int         *position,
                PbPortEntry *self)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  if (length < 0)
    length = (int) strlen (text);
  for (int i = 0; i < length; i++)
    if (g_ascii_isdigit (text[i]))
      g_string_append_c (digits, text[i]);
  if (digits->len == (gsize) length)
    return;

  g_signal_handlers_block_by_func (editable, on_insert_text, self);
  gtk_editable_insert_text (editable, digits->str, (int) digits->len, position);
  g_signal_handlers_unblock_by_func (editable, on_insert_text, self);
  g_signal_stop_emission_by_name (editable, "insert-text");
}

static void
on_changed (PbPortEntry *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

static void
pb_port_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbPortEntry *self = PB_PORT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_uint (value, pb_port_entry_get_port (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_port_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbPortEntry *self = PB_PORT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PORT:
      pb_port_entry_set_port (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_port_entry_class_init (PbPortEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pb_port_entry_get_property;
  object_class->set_property = pb_port_entry_set_property;

  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_port_entry_init (PbPortEntry *self)
{
  gtk_entry_set_max_length (GTK_ENTRY (self), PORT_DIGITS);
  gtk_entry_set_input_purpose (GTK_ENTRY (self), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (self), PORT_DIGITS + 1);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self), PORT_DIGITS + 1);
  gtk_editable_set_alignment (GTK_EDITABLE (self), 1.0);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self)), "insert-text",
                    G_CALLBACK (on_insert_text), self);
  g_signal_connect_swapped (self, "changed", G_CALLBACK (on_changed), self);
}
