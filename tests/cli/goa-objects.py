#!/usr/bin/python3
# goa-objects.py [PATH]: what goa-daemon publishes, read back over D-Bus
# (ObjectManager.GetManagedObjects on /org/gnome/OnlineAccounts), one "Name=value" line per
# property of PATH's org.gnome.OnlineAccounts.Account and .Mail interfaces (booleans as
# true/false); without PATH, the object path of every account, one a line.
import sys

import gi

gi.require_version("Gio", "2.0")

from gi.repository import Gio, GLib  # noqa: E402

bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
reply = bus.call_sync("org.gnome.OnlineAccounts", "/org/gnome/OnlineAccounts",
                      "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", None,
                      GLib.VariantType("(a{oa{sa{sv}}})"), Gio.DBusCallFlags.NONE, -1, None)
objects = reply.unpack()[0]
accounts = sorted(p for p in objects if "org.gnome.OnlineAccounts.Account" in objects[p])
if len(sys.argv) < 2:
    for path in accounts:
        print(path)
    sys.exit(0)
interfaces = objects.get(sys.argv[1], {})
for iface in ("org.gnome.OnlineAccounts.Account", "org.gnome.OnlineAccounts.Mail"):
    for name, value in sorted(interfaces.get(iface, {}).items()):
        if isinstance(value, bool):
            value = "true" if value else "false"
        print(f"{name}={value}")
