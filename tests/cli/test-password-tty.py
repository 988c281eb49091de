#!/usr/bin/env python3
"""postbote check --password-stdin at a terminal, inside the lab (TAP):
    tests/lab/lab-run --tap tests/cli/test-password-tty.py POSTBOTE

A person types the password: the prompt is on the terminal in their language, what they
type is not shown, the check logs in with exactly what they typed, and the terminal shows
what is typed again afterwards. Ctrl-C at the prompt ends the program by the signal, as
before, and does not leave the shell without echo. The terminal is a real pseudo-terminal
whose controlling process is postbote, so Ctrl-C goes through the terminal's own line
discipline, as it does for a person.
"""
import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import tap  # noqa: E402 (tests/tap.py)

POSTBOTE = sys.argv[1]
SERVER = ["--server", "mail.lab.test", "--port", "587", "--security", "starttls"]
PASSWORD = b"Alice-Secret-1"
# A bound for waiting on a prompt that comes within milliseconds; scaled like every
# deadline of the suite under sanitizers and Valgrind.
WAIT = 20 * float(os.environ.get("PB_TEST_TIME_SCALE", "1"))


def echo_on(fd):
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


def start(language, *args):
    """postbote check ARGS with the terminal as stdin and stderr, stdout a pipe."""
    master, slave = os.openpty()

    def controlling_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = dict(os.environ, LANGUAGE=language)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keyring: the password is the typed one
    proc = subprocess.Popen([POSTBOTE, "check", *SERVER, "--password-stdin", *args,
                             "alice@lab.test"],
                            stdin=slave, stdout=subprocess.PIPE, stderr=slave, env=env,
                            preexec_fn=controlling_terminal)
    return proc, master, slave


def read_until(master, want, proc):
    """What the terminal shows, until want is in it, the program ends, or WAIT passes."""
    seen = b""
    end = time.monotonic() + WAIT
    while want not in seen and time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            seen += os.read(master, 4096)
        elif proc.poll() is not None:
            break
    return seen


def drain(master):
    seen = b""
    while select.select([master], [], [], 0.2)[0]:
        chunk = os.read(master, 4096)
        if not chunk:
            break
        seen += chunk
    return seen


# Typed at the prompt: not echoed, and the login works with it.
proc, master, slave = start("en", "--json")
shown = read_until(master, b"Password: ", proc)
tap.check(b"Password: " in shown, "the prompt is on the terminal", shown)
tap.check(not echo_on(slave), "while the prompt waits, the terminal does not echo")
os.write(master, PASSWORD + b"\n")
out, _ = proc.communicate(timeout=WAIT * 6)
shown += drain(master)
report = json.loads(out or b"{}")
tap.check(proc.returncode == 0 and report.get("ok") is True and report.get("login_tested") is True,
          "the typed password logs in", out)
tap.check(PASSWORD not in shown, "what was typed is not shown on the terminal", shown)
tap.check(echo_on(slave), "after the prompt, the terminal echoes again")
os.close(master)
os.close(slave)

# Ctrl-C at the prompt: the program dies of SIGINT, and the terminal echoes again.
proc, master, slave = start("de")
shown = read_until(master, b"Passwort: ", proc)
tap.check(b"Passwort: " in shown, "German: the prompt is in German", shown)
os.write(master, b"Alice\x03")
try:
    proc.wait(timeout=WAIT)
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
tap.check(proc.returncode == -signal.SIGINT, "Ctrl-C at the prompt ends postbote by SIGINT",
          "exit status %r" % proc.returncode)
tap.check(echo_on(slave), "after Ctrl-C, the terminal echoes again")
shown += drain(master)
tap.check(shown.endswith(b"\n") and b"Alice" not in shown,
          "after Ctrl-C, the line is ended and nothing typed is shown", shown)
os.close(master)
os.close(slave)

sys.exit(tap.done())
