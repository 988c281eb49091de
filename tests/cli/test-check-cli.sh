#!/bin/sh
# postbote check without a network: usage errors exit 2, the password never comes from argv.
set -u
. "$(dirname "$0")/../tap.sh"
P=$1

usage () # DESCRIPTION ARGS...
{
  d=$1
  shift
  out=$("$P" check "$@" < /dev/null 2>&1); rc=$?
  if [ "$rc" = 2 ]; then ok "usage error: $d"; else not_ok "usage error: $d (exit $rc)" "$out"; fi
}

usage "no address" --server mail.example.test
usage "two addresses" --server mail.example.test a@example.test b@example.test
usage "not an address" --server mail.example.test not-an-address
usage "bad --security" --server mail.example.test --security ssl a@example.test
usage "bad --port" --server mail.example.test --port 70000 a@example.test
usage "a password on the command line is no option" --server mail.example.test \
  --password Secret a@example.test
usage "bad --from" --server mail.example.test --from nobody a@example.test
usage "--port 0" --server mail.example.test --port 0 a@example.test
usage "--timeout 0" --server mail.example.test --timeout 0 a@example.test
usage "--timeout 601" --server mail.example.test --timeout 601 a@example.test
usage "empty --server" --server '' a@example.test

# usage_says DESCRIPTION STDIN MESSAGE ARGS...: exit 2 and MESSAGE on stderr, with STDIN
# (printf format) as standard input.
usage_says ()
{
  d=$1 in=$2 want=$3
  shift 3
  out=$(printf "$in" | "$P" check "$@" 2>&1); rc=$?
  case "$rc:$out" in
    2:*"postbote check: $want"*) ok "usage error: $d";;
    *) not_ok "usage error: $d (exit $rc)" "want: $want" "$out";;
  esac
}

# --port is decimal, 1-65535: not "unset" (-1), not hex (29), not octal (8), no sign or space.
for port in -1 0x1d 010 +5 " 5" "5 " 70000 0 ""; do
  usage_says "--port '$port'" "" "--port must be a decimal number between 1 and 65535" \
    --server mail.example.test --port "$port" a@example.test
done
usage_says "--timeout -1 is not 'unset'" "" "--timeout must be between 1 and 600 seconds" \
  --server mail.example.test --timeout -1 a@example.test
usage_says "--timeout 0x10 is not 16" "" "--timeout must be between 1 and 600 seconds" \
  --server mail.example.test --timeout 0x10 a@example.test
usage_says "--wait 0" "" "--wait must be between 1 and 600 seconds" \
  --send-test --wait 0 a@example.test
usage_says "--wait without --send-test" "" "--wait goes with --send-test for the whole account" \
  --wait 5 a@example.test
usage_says "--from with an incoming server" "" \
  "--from, --dry-run-send and --send-test go with the outgoing server (smtp)" \
  --protocol imap --from b@example.test a@example.test
usage_says "--protocol bogus" "" "--protocol must be smtp, imap or pop3" \
  --protocol bogus a@example.test
usage_says "--oauth and --oauth-device" "" \
  "--oauth and --oauth-device are two ways of the same sign-in: choose one" \
  --oauth --oauth-device a@example.test
usage_says "--oauth with --server" "" "--oauth signs in at the provider of the detected settings" \
  --oauth --server mail.example.test a@example.test
usage_says "--no-browser without --oauth" "" "--no-browser goes with --oauth" \
  --no-browser a@example.test

# A password that no login can use is refused before the network.
usage_says "empty password line" "\n" "The password on standard input is empty" \
  --server mail.example.test --password-stdin a@example.test
usage_says "password line with only CR LF" "\r\n" "The password on standard input is empty" \
  --server mail.example.test --password-stdin a@example.test
usage_says "no password at all (end of input)" "" "The password on standard input is empty" \
  --server mail.example.test --password-stdin a@example.test
usage_says "NUL in the password" "Sec\000ret\n" "The password contains a NUL character" \
  --server mail.example.test --password-stdin a@example.test
usage_says "NUL at the end of the password" "Secret\000\n" "The password contains a NUL character" \
  --server mail.example.test --password-stdin a@example.test
out=$(printf '\n' | LANGUAGE=de "$P" check --server mail.example.test --password-stdin \
  a@example.test 2>&1); rc=$?
case "$rc:$out" in
  2:*"Das Passwort aus der Standardeingabe ist leer"*) ok "empty password, in German";;
  *) not_ok "empty password, in German (exit $rc)" "$out";;
esac

# A quoted local part may hold what no MAIL FROM:<...> can carry: refused, with the reason.
usage_says "space in a quoted local part" "" \
  "The part before the @ contains “space”, which cannot be sent to a mail server." \
  --server mail.example.test '"a b"@example.com'
usage_says "< in a quoted local part" "" "The part before the @ contains “<”" \
  --server mail.example.test '"a<b"@example.com'
usage_says "> in a quoted local part" "" "The part before the @ contains “>”" \
  --server mail.example.test '"a>b"@example.com'
usage_says "--from with a space in a quoted local part" "" \
  "The part before the @ contains “space”" \
  --server mail.example.test --from '"x y"@example.com' a@example.com
out=$(LANGUAGE=de "$P" check --server mail.example.test '"a b"@example.com' 2>&1); rc=$?
case "$rc:$out" in
  2:*"Der Teil vor dem @ enthält „Leerzeichen“. Das kann nicht an einen Mailserver"*)
    ok "unusable local part, in German";;
  *) not_ok "unusable local part, in German (exit $rc)" "$out";;
esac

# That options are checked before detection goes to the network: test-check-cli-lab.sh.

# Detection that gives no server still answers --json with the check's object (no network:
# a public suffix is never looked up).
json=$(mktemp)
"$P" check --json nobody@co.uk < /dev/null > "$json" 2>/dev/null; rc=$?
got=$(json_get "$json" '(j["ok"], j["problem"], j["stage"], j["login_tested"], j["steps"])')
if [ "$rc:$got" = "1:(False, 'not-discoverable', 'detect', False, [])" ]; then
  ok "--json when detection refuses the address: problem not-discoverable, stage detect, exit 1"
else
  not_ok "--json when detection refuses the address (exit $rc)" "$got" "$(cat "$json")"
fi
rm -f "$json"

# A password over 4096 bytes is refused before anything goes over the network, with or
# without the CR of a CR LF line end; 4096 bytes pass the reading (and then fail to connect).
pw_line () { head -c "$1" /dev/zero | tr '\0' 'p'; printf "$2"; }
for case in "4097:\n" "4097:\r\n" "5000:"; do
  len=${case%%:*} end=${case#*:}
  out=$(pw_line "$len" "$end" | "$P" check --server nxdomain.invalid --password-stdin \
        a@example.test 2>&1); rc=$?
  case "$rc:$out" in
    2:"postbote check: The password is too long"*) ok "a $len-byte password is too long (exit 2)";;
    *) not_ok "a $len-byte password (exit $rc)" "$out";;
  esac
done
out=$(pw_line 4096 '\r\n' | "$P" check --server nxdomain.invalid --password-stdin \
      a@example.test 2>&1); rc=$?
case "$rc:$out" in
  2:*) not_ok "a 4096-byte password with CR LF is accepted (exit $rc)" "$out";;
  *) ok "a 4096-byte password with CR LF is accepted (exit $rc)";;
esac

# Ctrl-C at the password prompt gives the terminal its echo back (a pty, Ctrl-C typed).
out=$(/usr/bin/python3 - "$P" 2>&1 <<'PY'
import os, sys, pty, termios, subprocess, select, time, signal, fcntl
P = sys.argv[1]
master, slave = os.openpty()
def ctty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
proc = subprocess.Popen([P, "check", "--server", "mail.example.test", "--password-stdin",
                         "a@example.test"], stdin=slave, stdout=slave, stderr=slave,
                        preexec_fn=ctty, env=dict(os.environ, LANGUAGE="en"))
buf = b""
deadline = time.time() + 10
while b"Password:" not in buf and time.time() < deadline:
    r, _, _ = select.select([master], [], [], 0.5)
    if r:
        buf += os.read(master, 1024)
if b"Password:" not in buf:
    print("no prompt:", buf); sys.exit(1)
time.sleep(0.2)
echo_during = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
os.write(master, b"\x03")   # Ctrl-C, as typed: the tty sends SIGINT
rc = proc.wait(timeout=10)
echo_after = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
print("echo_during=%s rc=%d echo_after=%s" % (echo_during, rc, echo_after))
sys.exit(0 if (not echo_during and rc == -signal.SIGINT and echo_after) else 1)
PY
); rc=$?
if [ $rc = 0 ]; then ok "Ctrl-C at the password prompt restores the echo ($out)"
else not_ok "Ctrl-C at the password prompt restores the echo" "$out"; fi

# A running postbote leaves no core dump: while it waits for the password, its core size
# limit is 0, soft and hard (main () calls pb_process_harden (); test-process checks that
# the process is no longer dumpable either). It starts with the highest limit allowed here.
dir=$(mktemp -d)
mkfifo "$dir/in"
(
  ulimit -S -c "$(ulimit -H -c)" 2>/dev/null
  exec "$P" check --server mail.example.test --password-stdin a@example.test < "$dir/in" \
    > /dev/null 2>&1
) &
pid=$!
exec 3> "$dir/in"
# Waiting for the password: exec'd (comm is postbote) and asleep in read, twice in a row.
asleep=0
for _ in $(seq 1 100); do
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postbote ] &&
     [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" = S ]; then
    asleep=$((asleep + 1))
    [ $asleep -ge 2 ] && break
  else
    asleep=0
  fi
  sleep 0.05
done
limits=$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$pid/limits" 2>&1)
exec 3>&-
wait $pid
rm -rf "$dir"
if [ "$(ulimit -H -c)" = 0 ]; then
  n=$((n + 1)); echo "ok $n - # SKIP the hard core limit is 0 here already"
else
  check "$limits" "0 0" "postbote waiting for the password: core limit 0, soft and hard"
fi

out=$("$P" check --help 2>&1); rc=$?
case "$rc:$out" in
  0:*"postbote check"*--transcript*--password-stdin*--dry-run-send*--send-test*) ok "--help lists the options";;
  *) not_ok "--help (exit $rc)" "$out";;
esac
out=$(LANGUAGE=de "$P" check --help 2>&1)
case "$out" in
  *"Das Passwort aus der ersten Zeile der Standardeingabe lesen"*) ok "--help in German";;
  *) not_ok "--help in German" "$out";;
esac
out=$("$P" check --help 2>&1)
case "$out" in
  *"Without --password-stdin, the password comes from the keyring"*"Exit status: 0"*confirmation-needed*) ok "--help: keyring, exit status, problem ids of detection";;
  *) not_ok "--help: keyring, exit status, problem ids of detection" "$out";;
esac
out=$("$P" --help 2>&1)
case "$out" in
  *"postbote check [--json]"*) ok "postbote --help lists check";;
  *) not_ok "postbote --help lists check" "$out";;
esac

tap_done
