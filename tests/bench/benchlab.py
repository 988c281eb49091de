# SPDX-License-Identifier: GPL-3.0-or-later
"""What the lab benchmarks share: running a client with its wall time and peak memory, and
putting the lab's real servers behind tests/lab/delay-proxy.py under their own names.

A benchmark runs inside tests/lab/lab-run: its process has a private mount namespace, so a
bind mount over /etc/hosts points a server's name (the one its certificate carries) at the
proxy for this lab only, and clients verify the certificate as usual.

The proxy cannot delay the client's own TCP handshake with it; it waits one DELAY before
connecting upstream instead (--connect-delay-ms), which makes a server-first greeting arrive
one round trip after the connect, as in real life. A benchmark adds the handshake's own round
trip to what it measures from the client's steps ("+1 TCP").
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

PROXY_IP = "127.0.3.1"


def run(argv, stdin_text=None):
    """Runs argv; returns (exit status, stdout, wall seconds, peak RSS in KiB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if stdin_text is not None:
        proc.stdin.write(stdin_text.encode())
    proc.stdin.close()
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write("%s failed (%d):\n%s%s\n" % (argv[0], proc.returncode, out.decode(),
                                                     err.decode()))
    return proc.returncode, out.decode(), wall, usage.ru_maxrss


def steps_ms(result, first, last):
    """The time of result's --json steps from step first to step last, both included."""
    us, counting = 0, False
    for step in result["steps"]:
        counting = counting or step["name"] == first
        if counting:
            us += step["us"]
        if step["name"] == last:
            break
    return us / 1000.0


class DelayedLab:
    """The lab's servers on ports, behind the delay proxy under names; a context manager."""

    def __init__(self, names, ports, delay_ms):
        if not os.environ.get("PB_LAB_DIR"):
            raise SystemExit("run me through tests/lab/lab-run")
        self.names, self.ports, self.delay_ms = names, ports, delay_ms
        self.tmp = tempfile.mkdtemp(prefix="bench.")
        self.proxy = None

    def __enter__(self):
        hosts = os.path.join(self.tmp, "hosts")
        with open("/etc/hosts") as f:
            old = f.read()
        with open(hosts, "w") as f:
            f.write("%s %s\n%s" % (PROXY_IP, " ".join(self.names), old))
        subprocess.run(["mount", "--bind", hosts, "/etc/hosts"], check=True)
        src = os.environ.get("PB_LAB_SRCDIR",
                             os.path.join(os.path.dirname(__file__), "..", "lab"))
        ready = os.path.join(self.tmp, "ready")
        argv = ["/usr/bin/python3", os.path.join(src, "delay-proxy.py")]
        for port in self.ports:
            argv += ["--listen", "%s:%d" % (PROXY_IP, port), "--connect", "127.0.0.1:%d" % port]
        argv += ["--delay-ms", str(self.delay_ms), "--connect-delay-ms", str(self.delay_ms),
                 "--ready-file", ready]
        self.proxy = subprocess.Popen(argv)
        for _ in range(100):
            if os.path.exists(ready):
                return self
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise SystemExit("delay proxy did not start")

    def __exit__(self, *exc):
        if self.proxy is not None:
            self.proxy.terminate()
            self.proxy.wait()
        subprocess.run(["umount", "/etc/hosts"])
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False
