#!/bin/sh
# postbote check as support staff read it, inside the lab: a check without a password does not
# claim that everything works, detection that gives no server still answers --json, --timeout
# bounds detection, the text report speaks the user's language (step labels, no raw ids), and
# usage errors come before detection asks the DNS.
# Run through the lab: tests/lab/lab-run --tap tests/test-check-cli-lab.sh
set -u
. "$(dirname "$0")/../tap.sh"

if [ -z "${PB_LAB_DIR:-}" ] || [ -z "${PB_POSTBOTE:-}" ]; then
  echo "Bail out! run me through tests/lab/lab-run with PB_POSTBOTE set"
  exit 1
fi

P=$PB_POSTBOTE
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# No keyring in this test: the password comes from stdin or nowhere.
unset DBUS_SESSION_BUS_ADDRESS
export LANGUAGE=en

SERVER="--server mail.lab.test --port 587 --security starttls"

# No password: the login is not tested, and the report says so instead of "everything works".
"$P" check $SERVER alice@lab.test < /dev/null > "$OUT/nopw.txt" 2> "$OUT/nopw.err"; rc=$?
got=$(grep -c 'Connection and encryption work; login not tested' "$OUT/nopw.txt"):$(grep -c 'everything works' "$OUT/nopw.txt")
check "$rc:$got" "0:1:0" "no password: exit 0, 'login not tested', not 'everything works'" \
  "$(cat "$OUT/nopw.txt" "$OUT/nopw.err")"
check "$(grep -c '^Problem' "$OUT/nopw.err")" 0 "no password: the keyring's absence is no 'Problem:'" \
  "$(cat "$OUT/nopw.err")"
"$P" check $SERVER --json alice@lab.test < /dev/null > "$OUT/nopw.json" 2>/dev/null
check "$(json_get "$OUT/nopw.json" '(j["ok"], j["login_tested"], j["auth_skipped"])')" \
  "(True, False, True)" "no password, --json: login_tested false"
printf 'Alice-Secret-1\n' | "$P" check $SERVER --json --password-stdin alice@lab.test \
  > "$OUT/pw.json" 2>/dev/null
check "$(json_get "$OUT/pw.json" '(j["ok"], j["login_tested"])')" "(True, True)" \
  "with the password, --json: login_tested true"

# --user is the login as it is: placeholders are expanded once, by detection, never in the
# check, so a name that reads like one is not rewritten.
"$P" check $SERVER --json --user '%EMAILDOMAIN%' alice@lab.test < /dev/null > "$OUT/user.json" \
  2>/dev/null
check "$(json_get "$OUT/user.json" 'j["server"]["username"]')" "%EMAILDOMAIN%" \
  "--user '%EMAILDOMAIN%' is the login as typed" "$(cat "$OUT/user.json")"

# Detected servers: each line says which server is tested and which source found it (the
# lab's SRV records). The whole account names both halves; --protocol the one asked for; a
# protocol the settings do not offer (the lab has no POP3 SRV record) is not-found.
"$P" check alice@lab.test < /dev/null > /dev/null 2> "$OUT/account.err"; rc=$?
check "$rc:$(grep -c '^Testing mail\.lab\.test port \(465\|587\) .*, found by: Service records (SRV) of the domain$' "$OUT/account.err"):$(grep -c '^Testing mail\.lab\.test port 993 (SSL/TLS), found by: Service records (SRV) of the domain$' "$OUT/account.err")" \
  "0:1:1" "whole account, detected: the outgoing and the incoming server tested, with the source" \
  "$(cat "$OUT/account.err")"
"$P" check --protocol imap alice@lab.test < /dev/null > /dev/null 2> "$OUT/imap.err"; rc=$?
check "$rc:$(grep -c '^Testing' "$OUT/imap.err"):$(grep -c '^Testing mail\.lab\.test port 993 (SSL/TLS), found by: Service records (SRV) of the domain$' "$OUT/imap.err")" \
  "0:1:1" "--protocol imap, detected: the first IMAP server, with the source" "$(cat "$OUT/imap.err")"
"$P" check --protocol pop3 --json alice@lab.test < /dev/null > "$OUT/pop3.json" 2> "$OUT/pop3.err"
rc=$?
check "$rc:$(json_get "$OUT/pop3.json" '(j["problem"], j["protocol"], j["explanation"], j["fix"])')" \
  "1:('not-found', 'pop3', 'No POP3 server found for this address.', 'Name the server with --server HOST.')" \
  "--protocol pop3 where only IMAP is found: not-found, and how to name the server" \
  "$(cat "$OUT/pop3.json" "$OUT/pop3.err")"

# The text report names the steps in words, not ids; in German too.
printf 'Alice-Secret-1\n' | "$P" check $SERVER --password-stdin alice@lab.test > "$OUT/en.txt" 2>&1
if grep -q 'Switching on encryption (STARTTLS)' "$OUT/en.txt" && grep -q 'everything works' "$OUT/en.txt" &&
   ! grep -Eq '^  ok +(ehlo|starttls|auth) ' "$OUT/en.txt"; then
  ok "text report: step labels, not step ids"
else
  not_ok "text report: step labels, not step ids" "$(cat "$OUT/en.txt")"
fi
printf 'Alice-Secret-1\n' | LANGUAGE=de "$P" check $SERVER --password-stdin alice@lab.test \
  > "$OUT/de.txt" 2>&1
if grep -q 'mail.lab.test, Port 587 (STARTTLS) wird für alice@lab.test geprüft' "$OUT/de.txt" &&
   grep -q 'Vom Server angeboten:' "$OUT/de.txt" && ! grep -q 'failed\|Capabilities' "$OUT/de.txt"; then
  ok "text report in German"
else
  not_ok "text report in German" "$(cat "$OUT/de.txt")"
fi
printf 'Wrong-Secret-0\n' | LANGUAGE=de "$P" check $SERVER --password-stdin alice@lab.test \
  > "$OUT/de-fail.txt" 2>&1
check "$(grep -c '^  fehlgeschlagen' "$OUT/de-fail.txt")" 1 "German: a failed step is 'fehlgeschlagen'" \
  "$(cat "$OUT/de-fail.txt")"

# Once the check is over the password is gone from the process: the command line's copy is
# wiped when the check has its own, the check's after the login, and the SMTP client's (kept
# to redact replies) with the client at the end of the session. Seen while postbote is
# blocked writing its report to a terminal that nobody reads: every readable mapping of
# the process is searched for the password (as root: the process is not dumpable); the
# address, which it still holds, shows that the search sees the heap.
out=$(/usr/bin/python3 - "$P" 2>&1 <<'PY'
import fcntl, os, pty, subprocess, sys, time
P = sys.argv[1]
secret, address = b"Scripted-Pass-1", b"user@ok.smtp.test"
master, slave = pty.openpty()
flags = fcntl.fcntl(slave, fcntl.F_GETFL)
fcntl.fcntl(slave, fcntl.F_SETFL, flags | os.O_NONBLOCK)
# Fill the terminal so that the report's first line blocks. The kernel moves what was
# written on to the reading side a little later, which makes room again: fill until a
# pass finds none, twice in a row.
idle = 0
while idle < 2:
    wrote = 0
    try:
        while True:
            wrote += os.write(slave, b"x" * 256)
    except BlockingIOError:
        pass
    idle = idle + 1 if wrote == 0 else 0
    time.sleep(0.1)
fcntl.fcntl(slave, fcntl.F_SETFL, flags)
proc = subprocess.Popen([P, "check", "--json", "--server", "ok.smtp.test", "--port", "465",
                         "--security", "tls", "--password-stdin", "--dry-run-send",
                         address.decode()], stdin=subprocess.PIPE, stdout=slave,
                        stderr=subprocess.DEVNULL)
proc.stdin.write(secret + b"\n")
proc.stdin.close()
syscall = ""
for _ in range(400):
    try:
        syscall = open("/proc/%d/syscall" % proc.pid).read()
    except OSError:
        pass
    if syscall.startswith("1 0x1 "):     # write (1) to standard output (fd 1)
        break
    time.sleep(0.05)
else:
    print("postbote never blocked writing its report:", syscall)
    proc.kill()
    sys.exit(1)
found = seen = 0
CHUNK = 16 << 20
with open("/proc/%d/maps" % proc.pid) as maps, open("/proc/%d/mem" % proc.pid, "rb") as mem:
    for line in maps:
        fields = line.split()
        start, end = (int(x, 16) for x in fields[0].split("-"))
        # Mappings of terabytes are ASan's shadow memory (build-aux/test --sanitize), not
        # the heap, which the address count below proves was searched.
        if (not fields[1].startswith("r") or end - start > (1 << 30) or
                (len(fields) > 5 and fields[5] == "[vvar]")):
            continue
        tail = b""
        for at in range(start, end, CHUNK):
            try:
                mem.seek(at)
                data = tail + mem.read(min(CHUNK, end - at))
            except (OSError, ValueError, OverflowError):
                break
            found += data.count(secret)
            seen += data.count(address)
            tail = data[-(len(address) - 1):]   # a match across chunks (counts: 0 or not)
        
os.set_blocking(master, False)
while proc.poll() is None:
    try:
        os.read(master, 65536)
    except BlockingIOError:
        time.sleep(0.01)
print("password found %d times, address %d times, exit %d" % (found, seen, proc.returncode))
sys.exit(0 if found == 0 and seen > 0 and proc.returncode == 0 else 1)
PY
); rc=$?
if [ $rc = 0 ]; then ok "after the check the password is nowhere in the process ($out)"
else not_ok "after the check the password is still in the process" "$out"; fi

# Detection that gives no server to test: one JSON object with ok false, stage detect.
"$P" check --json max@nothing.test < /dev/null > "$OUT/nf.json" 2> "$OUT/nf.err"; rc=$?
check "$rc:$(json_get "$OUT/nf.json" '(j["ok"], j["problem"], j["stage"], j["login_tested"])')" \
  "1:(False, 'not-found', 'detect', False)" "nothing detected: --json says not-found, exit 1" \
  "$(cat "$OUT/nf.err")"
"$P" check --json gina@srv-only.test < /dev/null > "$OUT/cn.json" 2> "$OUT/cn.err"; rc=$?
check "$rc:$(json_get "$OUT/cn.json" '(j["problem"], j["stage"], j["server"]["host"])')" \
  "1:('confirmation-needed', 'detect', 'smtp.mail-elsewhere.test')" \
  "foreign server detected: --json says confirmation-needed, exit 1" "$(cat "$OUT/cn.err")"
"$P" check gina@srv-only.test < /dev/null > "$OUT/cn.txt" 2> "$OUT/cn.err"; rc=$?
check "$rc:$(grep -c 'confirm it with --server smtp.mail-elsewhere.test' "$OUT/cn.err")" "1:1" \
  "foreign server detected, text: how to confirm it" "$(cat "$OUT/cn.err")"

# A hostile autoconfig names smtp.evil.test and lists evil.test among its own domains to
# vouch for it. That list proves nothing: the check stops for confirmation, and the server
# (the scripted scenario "foreign") never sees an AUTH, with or without --json.
printf 'Vouched-Secret-1\n' | "$P" check --json --password-stdin alice@self-vouched.test \
  > "$OUT/sv.json" 2> "$OUT/sv.err"; rc=$?
check "$rc:$(json_get "$OUT/sv.json" '(j["problem"], j["stage"], j["server"]["host"])')" \
  "1:('confirmation-needed', 'detect', 'smtp.evil.test')" \
  "self-vouched foreign server: --json says confirmation-needed, exit 1" "$(cat "$OUT/sv.err")"
printf 'Vouched-Secret-1\n' | "$P" check --password-stdin alice@self-vouched.test \
  > "$OUT/sv.txt" 2> "$OUT/sv.err"; rc=$?
check "$rc:$(grep -c 'confirm it with --server smtp.evil.test' "$OUT/sv.err")" "1:1" \
  "self-vouched foreign server, text: how to confirm it" "$(cat "$OUT/sv.err")"
# No connection means no log at all: auth_lines counts that as none.
check "$(auth_lines foreign)" 0 \
  "self-vouched foreign server: no AUTH reached it" \
  "$(cat "$PB_LAB_DIR/scripted/foreign.log" 2>/dev/null)"

# -v reports each step on stderr as it ends, one line per step of the report; without -v
# there is none of those lines.
printf 'Alice-Secret-1\n' | "$P" check -v $SERVER --password-stdin alice@lab.test \
  > "$OUT/v.txt" 2> "$OUT/v.err"; rc=$?
got="$rc:$(grep -c '^\. .* ([0-9]* ms)$' "$OUT/v.err"):$(grep -c '^  ok  ' "$OUT/v.txt")"
want="0:$(grep -c '^  ok  ' "$OUT/v.txt"):$(grep -c '^  ok  ' "$OUT/v.txt")"
check "$got" "$want" "-v: one progress line per step on stderr" "$(cat "$OUT/v.err")"
check "$(grep -c '^\. Switching on encryption (STARTTLS) ([0-9]* ms)$' "$OUT/v.err")" 1 \
  "-v: the progress lines name the steps in words" "$(cat "$OUT/v.err")"
check "$(grep -c '^[.!] ' "$OUT/en.txt")" 0 "without -v: no progress lines" "$(cat "$OUT/en.txt")"

# --user is the login: alice's password logs in for bob's address only as alice.
printf 'Alice-Secret-1\n' | "$P" check $SERVER --json --password-stdin --user alice@lab.test \
  bob@lab.test > "$OUT/user.json" 2>/dev/null; rc=$?
check "$rc:$(json_get "$OUT/user.json" '(j["ok"], j["authenticated"], j["server"]["username"])')" \
  "0:(True, True, 'alice@lab.test')" "--user alice@lab.test: logs in as alice"
printf 'Alice-Secret-1\n' | "$P" check $SERVER --json --password-stdin bob@lab.test \
  > "$OUT/nouser.json" 2>/dev/null; rc=$?
check "$rc:$(json_get "$OUT/nouser.json" '(j["problem"], j["server"]["username"])')" \
  "1:('auth-failed', 'bob@lab.test')" "without --user the login is the address"

# --server without --port: the port follows the security (465 for tls, 587 for starttls and
# none; tls without --security).
for case in "tls:465:True" "starttls:587:True" "none:587:False" ":465:True"; do
  sec=${case%%:*} rest=${case#*:}
  port=${rest%%:*} tls=${rest#*:}
  "$P" check --json --server mail.lab.test ${sec:+--security $sec} alice@lab.test < /dev/null \
    > "$OUT/port.json" 2>/dev/null
  check "$(json_get "$OUT/port.json" '(j["server"]["port"], j["tls"] is not None)')" \
    "($port, $tls)" "--server without --port, --security ${sec:-(none given)}: port $port" \
    "$(cat "$OUT/port.json")"
done

# A password line ending in CR LF (a file saved on Windows) is the password without the CR.
printf 'Alice-Secret-1\r\n' | "$P" check $SERVER --json --password-stdin alice@lab.test \
  > "$OUT/crlf.json" 2>/dev/null; rc=$?
check "$rc:$(json_get "$OUT/crlf.json" '(j["ok"], j["authenticated"])')" "0:(True, True)" \
  "a password line ending in CR LF logs in"
# The longest password allowed (4096 bytes) still fits with its CR LF, and arrives whole: the
# scripted server logs the AUTH PLAIN response as received.
long=$(head -c 4096 /dev/zero | tr '\0' 'p')
before=$(cat "$PB_LAB_DIR/scripted/ok.log" 2>/dev/null | wc -l)
printf '%s\r\n' "$long" | "$P" check --json --server ok.smtp.test --password-stdin \
  user@ok.smtp.test > "$OUT/long.json" 2> "$OUT/long.err"; rc=$?
sent=$(tail -n +"$((before + 1))" "$PB_LAB_DIR/scripted/ok.log" | sed -n 's/^AUTH PLAIN //p' |
       head -n 1 | base64 -d 2>/dev/null | tr '\0' ' ')
check "$rc:$(json_get "$OUT/long.json" 'j["problem"]'):$sent" \
  "1:auth-failed: user@ok.smtp.test $long" \
  "a 4096-byte password with CR LF reaches the server whole, without the CR" \
  "$(cat "$OUT/long.err")"

# Ctrl-C (SIGINT) while the server keeps silent: the check stops at once with the problem
# "cancelled" and the steps so far, exit status 1 like every failed check.
"$P" check --json --server stall.smtp.test --port 587 a@stall.smtp.test < /dev/null \
  > "$OUT/int.json" 2> "$OUT/int.err" &
pid=$!
for _ in $(seq 1 100); do
  grep -q 'connect from' "$PB_LAB_DIR/scripted/stall.events" 2>/dev/null && break
  sleep 0.1
done
kill -INT $pid
wait $pid; rc=$?
check "$rc:$(json_get "$OUT/int.json" '(j["ok"], j["problem"], j["stage"], [s["name"] for s in j["steps"]])')" \
  "1:(False, 'cancelled', 'greeting', ['resolve', 'connect', 'greeting'])" \
  "SIGINT during a check: problem cancelled, exit 1" "$(cat "$OUT/int.err")"

# --timeout bounds the detection too (autoconfig at stall.test never answers). The deadline
# is 2 s; the margin for starting the program and the report is three quarters of it.
start=$(now_ms)
"$P" check --json --timeout 2 judy@stall.test < /dev/null > "$OUT/stall.json" 2> "$OUT/stall.err"
rc=$?
ms=$(( $(now_ms) - start ))
if [ $ms -lt $((2000 + $(scaled_ms 1500))) ]; then ok "check --timeout 2 bounds detection and check ($ms ms, exit $rc)"
else not_ok "check --timeout 2 bounds detection and check ($ms ms, exit $rc)" "$(cat "$OUT/stall.err")"; fi

# Options are checked before detection goes to the network: without --server these would
# detect first. dnsmasq logs every query it gets, so a name it never saw was never asked.
# The control, the same check with valid options, shows that the detection's queries do
# arrive in the log.
asked () { grep -q "query\[[A-Z]*\] \([^ ]*\.\)\?$1 from" "$PB_LAB_DIR/log/dnsmasq.log"; }
"$P" check --timeout 5 nobody@asked-control.invalid < /dev/null > "$OUT/ctl.txt" 2>&1
if asked asked-control.invalid; then ok "control: detection asks dnsmasq, and the log shows it"
else not_ok "control: detection asks dnsmasq, and the log shows it" "$(cat "$OUT/ctl.txt")" \
  "$(tail -n 20 "$PB_LAB_DIR/log/dnsmasq.log")"; fi
i=0
for opt in "--timeout 0" "--security ssl" "--port 70000" "--port 0x1d" "--password-stdin"; do
  i=$((i + 1))
  out=$("$P" check $opt nobody@never-asked-$i.invalid < /dev/null 2>&1); rc=$?
  case "$rc:$out" in
    2:"postbote check: "*) ok "check $opt without --server: usage error, exit 2";;
    *) not_ok "check $opt without --server: usage error, exit 2 (exit $rc)" "$out";;
  esac
  if asked "never-asked-$i.invalid"; then
    not_ok "check $opt without --server: no DNS query before the usage error" \
      "$(grep "never-asked-$i" "$PB_LAB_DIR/log/dnsmasq.log")"
  else ok "check $opt without --server: no DNS query before the usage error"; fi
done

# An international sender (RFC 6531) through Postfix's port 2587, which offers no SMTPUTF8:
# the CLI says in the user's language that the server takes no such addresses (not that it
# rejected the sender), with the problem id and its variant in the JSON. Port 587 with
# SMTPUTF8 is the control: the same address and password pass there.
U8="--server mail.lab.test --port 2587 --security starttls --dry-run-send --password-stdin"
printf 'Juergen-Secret-3\n' | "$P" check $U8 --json jürgen@lab.test > "$OUT/u8.json" 2>/dev/null; rc=$?
check "$rc:$(json_get "$OUT/u8.json" '(j["ok"], j["problem"], j["stage"], j["authenticated"])')" \
  "1:(False, 'sender-invalid', 'mail-from', True)" "international sender without SMTPUTF8: JSON" \
  "$(cat "$OUT/u8.json")"
check "$(json_get "$OUT/u8.json" '"SMTPUTF8" in j["explanation"] and "rejected the sender" not in j["explanation"]')" \
  True "international sender without SMTPUTF8: the explanation names SMTPUTF8" "$(cat "$OUT/u8.json")"
for lang in en de; do
  case $lang in
    en) want='The server does not take international addresses';;
    de) want='Der Server nimmt keine internationalen Adressen an';;
  esac
  printf 'Juergen-Secret-3\n' | LANGUAGE=$lang "$P" check $U8 jürgen@lab.test > "$OUT/u8-$lang.txt" 2>&1
  check "$(grep -c "$want" "$OUT/u8-$lang.txt")" 1 \
    "international sender without SMTPUTF8, text in $lang: '$want'" "$(cat "$OUT/u8-$lang.txt")"
done
printf 'Juergen-Secret-3\n' | "$P" check --server mail.lab.test --port 587 --security starttls \
  --dry-run-send --password-stdin --json jürgen@lab.test > "$OUT/u8ok.json" 2>/dev/null; rc=$?
check "$rc:$(json_get "$OUT/u8ok.json" '(j["ok"], j["dry_run_send"])')" "0:(True, True)" \
  "control: the international sender passes on 587, which offers SMTPUTF8" "$(cat "$OUT/u8ok.json")"

tap_done
