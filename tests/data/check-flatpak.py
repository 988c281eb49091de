#!/usr/bin/python3
"""The Flatpak manifest parses, names the app ID and command, and keeps its permissions minimal."""
import json
import shutil
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import tap  # noqa: E402
from tap import check  # noqa: E402


path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    check(True, "manifest parses as JSON")
except (OSError, ValueError) as e:
    manifest = {}
    check(False, f"manifest parses as JSON: {e}")

check(manifest.get("id", manifest.get("app-id")) == "io.github.postbote.Postbote", "app ID")
check(manifest.get("command") == "postbote", "command is postbote")
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
      "GNOME runtime and SDK")
args = manifest.get("finish-args", [])
needed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
          "--device=dri",
          # the hand-off to GNOME Online Accounts calls goa-daemon on the session bus
          "--talk-name=org.gnome.OnlineAccounts"}
check(set(args) >= needed, "finish-args grant what is needed")
extra = [a for a in args if a not in needed]
check(not extra, f"no further permissions (the keyring goes through the Secret portal): {extra}")
modules = manifest.get("modules", [])
main = modules[-1] if modules else {}
check(main.get("name") == "postbote" and main.get("buildsystem") == "meson",
      "the last module builds postbote with meson")
check(any(s.get("type") == "dir" and s.get("path") == ".." for s in main.get("sources", [])),
      "the module is built from the project directory")

builder = shutil.which("flatpak-builder")
if builder:
    r = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
    check(r.returncode == 0, "flatpak-builder --show-manifest accepts it")

sys.exit(tap.done())
