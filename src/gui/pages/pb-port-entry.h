/* pb-port-entry.h: a port number, typed as digits: one field, one Tab stop
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain entry, not a spin button: digits typed are the port at once (a spin button took
 * them only on Enter or when the focus left), anything else typed or pasted is dropped, and
 * there are no +/- buttons to pass with Tab.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_PORT_ENTRY (pb_port_entry_get_type ())

G_DECLARE_FINAL_TYPE (PbPortEntry, pb_port_entry, PB, PORT_ENTRY, GtkEntry)

GtkWidget *pb_port_entry_new      (void);
/* The port typed; 0 when the field is empty or holds no port (0, or above 65535). Its
 * changes are notified as "port". */
guint      pb_port_entry_get_port (PbPortEntry *self);
void       pb_port_entry_set_port (PbPortEntry *self,
                                   guint        port);

G_END_DECLS
