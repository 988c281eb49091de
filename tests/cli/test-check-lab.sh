#!/bin/sh
# postbote check against the lab: the real Postfix and every scripted SMTP scenario.
# Run through the lab: tests/lab/lab-run --tap tests/test-check-lab.sh  (TAP output)
# Asserts the problem id of each case and, from the scripted server's own log, that no case
# where security demands a stop ever sent AUTH.
set -u
. "$(dirname "$0")/../tap.sh"

if [ -z "${PB_LAB_DIR:-}" ] || [ -z "${PB_POSTBOTE:-}" ]; then
  echo "Bail out! run me through tests/lab/lab-run with PB_POSTBOTE set"
  exit 1
fi

P=$PB_POSTBOTE
LOGS=$PB_LAB_DIR/scripted
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# scripted SCENARIO PORT SECURITY EXPECTED AUTH [ARGS...]
#   EXPECTED: a problem id or "ok"; AUTH: sent | never
scripted ()
{
  s=$1 port=$2 sec=$3 want=$4 auth=$5
  shift 5
  before=$(auth_lines "$s")
  printf 'Scripted-Pass-1\n' | "$P" check --json --timeout 4 --server "$s.smtp.test" \
    --port "$port" --security "$sec" --password-stdin "$@" "user@$s.smtp.test" \
    > "$OUT/out.json" 2> "$OUT/err"
  rc=$?
  after=$(auth_lines "$s")
  got=$(json_get "$OUT/out.json" 'j["problem"] or "ok"')
  want_rc=1
  [ "$want" = ok ] && want_rc=0
  if [ "$got" = "$want" ] && [ "$rc" = "$want_rc" ]; then
    ok "$s $port/$sec: $want (exit $rc)"
  else
    not_ok "$s $port/$sec: want $want exit $want_rc, got $got exit $rc" "$(cat "$OUT/out.json" "$OUT/err")"
  fi
  case $auth in
    never)
      if [ "$before" = "$after" ]; then ok "$s $port/$sec: AUTH never sent (server log)"
      else not_ok "$s $port/$sec: AUTH reached the server" "$(tail -n 5 "$LOGS/$s.log")"; fi ;;
    sent)
      if [ "$after" -gt "$before" ]; then ok "$s $port/$sec: AUTH sent"
      else not_ok "$s $port/$sec: AUTH not sent"; fi ;;
  esac
  if grep -q 'Scripted-Pass-1' "$OUT/out.json" "$OUT/err"; then
    not_ok "$s: the password appears in the output"
  fi
}

# The security stops: none of them may send AUTH.
scripted nostarttls 587 starttls starttls-not-offered never
scripted starttls-502 587 starttls starttls-refused never
scripted starttls-454 25 starttls starttls-refused never
scripted starttls-odd 587 starttls starttls-refused never
scripted starttls-inject 587 starttls starttls-injection never
scripted ehlo-refused 587 starttls starttls-not-offered never
for port_sec in "587 starttls" "465 tls"; do
  set -- $port_sec
  scripted badcert-selfsigned "$1" "$2" cert-untrusted never
  scripted badcert-unknownca "$1" "$2" cert-untrusted never
  scripted badcert-wronghost "$1" "$2" cert-hostname-mismatch never
  scripted badcert-expired "$1" "$2" cert-expired never
  scripted badcert-notyet "$1" "$2" cert-not-yet-valid never
  # Handshakes GnuTLS completes, refused by Postbote's own TLS policy before AUTH.
  scripted tls10 "$1" "$2" tls-outdated never
  scripted tls11 "$1" "$2" tls-outdated never
  scripted weakkey "$1" "$2" cert-insecure never
done
# Plain text: AUTH is advertised and would be accepted, but "none" was not chosen.
scripted nostarttls 25 starttls starttls-not-offered never
scripted tls-on-587 587 starttls tls-wrong-port never
scripted plain-on-465 465 tls tls-wrong-port never
scripted auth-xoauth2-only 587 starttls auth-oauth-required never
scripted auth-none 465 tls auth-not-offered never

# Provider replies and SMTP codes.
scripted ok 587 starttls ok sent --dry-run-send
scripted ok 465 tls ok sent --send-test
scripted auth-cram 587 starttls ok sent
scripted gmail-apppw 465 tls auth-app-password-required sent
scripted gmail-badcreds 587 starttls auth-failed sent
scripted gmail-weblogin 465 tls auth-web-login-required sent
scripted ms-basicauth 587 starttls auth-basic-disabled sent
scripted ms-smtpauth-disabled 587 starttls auth-smtp-disabled sent
scripted yahoo 465 tls auth-app-password-required sent
scripted gmx 465 tls auth-failed sent
scripted too-many 587 starttls auth-too-many-attempts sent

# A server that echoes the AUTH payload in its error reply: neither the password nor its
# base64 forms may reach the JSON (server_reply, transcript, explanation).
scripted auth-echo 465 tls auth-failed sent --transcript
plain_b64=$(printf '\000user@auth-echo.smtp.test\000Scripted-Pass-1' | base64 -w0)
pw_b64=$(printf 'Scripted-Pass-1' | base64 -w0)
if grep -q "AUTH PLAIN $plain_b64" "$LOGS/auth-echo.log" &&
   [ "$(json_get "$OUT/out.json" 'j["server_reply"]')" = \
     "535 5.7.8 Authentication failed for <redacted>" ] &&
   ! grep -q -e 'Scripted-Pass-1' -e "$plain_b64" -e "$pw_b64" "$OUT/out.json" "$OUT/err"; then
  ok "auth-echo: the echoed AUTH payload is redacted in the reply and the transcript"
else
  not_ok "auth-echo: echoed AUTH payload not redacted" "$(cat "$OUT/out.json" "$OUT/err")"
fi
scripted code-421 587 starttls service-unavailable never
scripted code-451 587 starttls temporary-failure sent --dry-run-send
scripted greylist 587 starttls greylisted sent --dry-run-send
scripted code-550 587 starttls sender-not-allowed sent --dry-run-send
scripted code-552 465 tls message-too-large sent --send-test
scripted code-553 587 starttls sender-invalid sent --dry-run-send
scripted code-554 587 starttls relay-denied sent --dry-run-send
scripted rcpt-550 587 starttls recipient-rejected sent --dry-run-send

# Broken servers.
scripted stall 587 starttls timeout never
scripted slow-ehlo 465 tls timeout never
scripted endless 587 starttls protocol-error never
scripted longline 587 starttls protocol-error never
scripted closemid 587 starttls protocol-error never
scripted garbage 587 starttls protocol-error never
scripted refused 465 tls connect-refused never
scripted dropped 465 tls connect-timeout never

# Replies out of turn: whatever the server sent unasked stops the dialogue before the next
# command, so a later answer is never taken for another command's (a 535 for QUIT's).
scripted extra-reply 465 tls protocol-error never --transcript
check "$(json_get "$OUT/out.json" '(j["authenticated"], j["title"],
          [t["text"] for t in j["transcript"] if t["dir"] == "S"][-1])')" \
  "(False, 'The server answered out of turn', '235 2.7.0 Authentication successful')" \
  "extra-reply: not logged in, explained as out of turn, the unasked reply in the transcript"
scripted extra-reply 587 starttls protocol-error never
scripted greeting-extra 587 starttls protocol-error never
scripted greeting-421 587 starttls service-unavailable never
scripted auth-extra 465 tls protocol-error sent --dry-run-send --transcript
check "$(json_get "$OUT/out.json" '([t["text"] for t in j["transcript"] if t["dir"] == "C"][-1],
          j["authenticated"])')" "('AUTH PLAIN <redacted>', False)" \
  "auth-extra: the group is not sent (nor logged as sent) behind an unasked reply"
check "$(grep -c '^MAIL' "$LOGS/auth-extra.log")" 0 "auth-extra: no MAIL FROM reached the server"
# A reply that comes late, after the client went on: the 535 behind a stray 235 answers QUIT.
scripted auth-late-535 465 tls protocol-error sent
check "$(json_get "$OUT/out.json" '(j["authenticated"], j["stage"])')" "(False, 'quit')" \
  "auth-late-535: the late 535 is caught at QUIT; the login does not count"
scripted extra-after-rset 587 starttls protocol-error sent --dry-run-send
check "$(json_get "$OUT/out.json" '(j["authenticated"], j["stage"])')" "(False, 'quit')" \
  "extra-after-rset: found before QUIT, and the login does not count"

# The diagnosis by stage: a close after a good handshake is no handshake failure, plain
# text after STARTTLS is injection even in a later segment, a refused handshake on an
# implicit-TLS port is no "expects STARTTLS", and odd EHLO or 421 replies say so.
scripted tls-close-ehlo 465 tls protocol-error never
check "$(json_get "$OUT/out.json" 'j["title"]')" "The server closed the connection" \
  "tls-close-ehlo: explained as the server closing"
scripted starttls-inject-late 587 starttls starttls-injection never
scripted tls-refuse 465 tls tls-handshake-failed never
scripted tls-refuse 587 tls tls-handshake-failed never
scripted ehlo-nonsense 465 tls protocol-error never
scripted ehlo-421 587 starttls service-unavailable never
scripted auth-421 587 starttls service-unavailable sent --transcript
check "$(json_get "$OUT/out.json" '[t["text"] for t in j["transcript"] if t["dir"] == "C"][-1]')" \
  "AUTH PLAIN <redacted>" "auth-421: no QUIT after the server closed the session"
scripted starttls-421 587 starttls service-unavailable never
scripted mail-421 587 starttls service-unavailable sent --dry-run-send

# A server that quotes the password back, over two lines, as base64 and as it is: the
# report, the JSON and the transcript show none of it.
scripted echo-pass 465 tls sender-not-allowed sent --dry-run-send --transcript
pw_b64=$(printf 'Scripted-Pass-1' | base64 -w0)
if grep -q 'Scripted-' "$OUT/out.json" || grep -q 'Pass-1' "$OUT/out.json" ||
   grep -q "$pw_b64" "$OUT/out.json" || grep -q "${pw_b64%=}" "$OUT/out.json"; then
  not_ok "echo-pass: a part of the password is in the JSON" "$(grep -n 'Pass\|Scripted-' "$OUT/out.json")"
else
  ok "echo-pass: no part of the password in the JSON (server_reply, transcript)"
fi
check "$(json_get "$OUT/out.json" 'j["server_reply"]')" \
  "$(printf '550-5.7.1 Sender rejected. You logged in with <redacted>\n550-5.7.1 <redacted>, base64 <redacted>\n550 5.7.1 or <redacted>')" \
  "echo-pass: each form of the password is redacted where it stood"
printf 'Scripted-Pass-1\n' | "$P" check --transcript --timeout 4 --server echo-pass.smtp.test \
  --port 465 --security tls --password-stdin --dry-run-send user@echo-pass.smtp.test \
  > "$OUT/echo.txt" 2>&1
check "$(grep -c -e 'Scripted-' -e 'Pass-1' -e "${pw_b64%=}" "$OUT/echo.txt")" 0 \
  "echo-pass: the text report and its transcript show no part of the password"

# Text that reorders itself: a reply with a right-to-left override, an isolate, a mark and
# a BOM is shown with each of them as a visible U+FFFD, in the JSON (server_reply and
# transcript) and in the text report; none of them reaches the output as itself.
hidden_in ()   # FILE: the hidden characters (C1, format, line/paragraph separators) in it
{
  /usr/bin/python3 -c 'import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
print(sorted({"%04x" % ord(c) for c in t if 0x80 <= ord(c) <= 0x9f or
              unicodedata.category(c) in ("Cf", "Zl", "Zp")}))' "$1" 2>&1
}
bidi_want='535 5.7.8 Authentication failed for \ufffdgro.elpmaxe@nimda\ufffd \ufffdx\ufffd\ufffd\ufffd'
scripted bidi-reply 465 tls auth-failed sent --transcript
check "$(json_get "$OUT/out.json" "(j['server_reply'] == '$bidi_want',
          any(t['text'] == '$bidi_want' for t in j['transcript']))"):$(hidden_in "$OUT/out.json")" \
  "(True, True):[]" "bidi-reply: JSON shows the bidi controls as U+FFFD, reply and transcript" \
  "$(cat "$OUT/out.json")"
printf 'Scripted-Pass-1\n' | "$P" check --transcript --timeout 4 --server bidi-reply.smtp.test \
  --port 465 --security tls --password-stdin user@bidi-reply.smtp.test > "$OUT/bidi.txt" 2>&1
want_line=$(/usr/bin/python3 -c "print('$bidi_want')")
check "$(grep -cxF "    $want_line" "$OUT/bidi.txt"):$(hidden_in "$OUT/bidi.txt")" "1:[]" \
  "bidi-reply: the text report shows the bidi controls as U+FFFD" "$(cat "$OUT/bidi.txt")"

# Without a password the login is not tested; a refusal for just that says so.
"$P" check --json --timeout 4 --server rcpt-notloggedin.smtp.test --port 25 \
  --security starttls --dry-run-send user@rcpt-notloggedin.smtp.test < /dev/null \
  > "$OUT/out.json" 2> "$OUT/err"
check "$?:$(json_get "$OUT/out.json" '(j["problem"], j["auth_skipped"])')" \
  "1:('auth-required', True)" "rcpt-notloggedin without a password: auth-required"

# A server that never answers QUIT costs a second, not the step timeout. The deadline is
# 1 s (QUIT_TIMEOUT_MS); the margin is one and a half deadlines, scaled for slow builds.
scripted quit-silent 465 tls ok sent --dry-run-send
quit_ms=$(json_get "$OUT/out.json" '[s["ms"] for s in j["steps"] if s["name"] == "quit"][0]')
if [ "$quit_ms" -ge 900 ] && [ "$quit_ms" -le $((1000 + $(scaled_ms 1500))) ]; then
  ok "quit-silent: QUIT given up after $quit_ms ms"
else
  not_ok "quit-silent: QUIT took $quit_ms ms, want about 1000"
fi

# A server that speaks TLS 1.2 at most is fine, and the report says TLS 1.2.
for port_sec in "587 starttls" "465 tls"; do
  set -- $port_sec
  scripted tls12 "$1" "$2" ok sent
  check "$(json_get "$OUT/out.json" 'j["tls"]["version"]')" "TLS 1.2" \
    "tls12 $1/$2: the report says TLS 1.2" "$(grep tls "$LOGS/tls12.events" | tail -n 2)"
done
check "$(grep -c ' tls TLSv1.2 ' "$LOGS/tls12.events")" 2 "tls12: the server saw two TLS 1.2 sessions"

# Over IPv6 (the scripted server on ::1): the check works, the certificate is verified for
# the address, and the EHLO name is the address literal RFC 5321 4.1.3 asks for.
for port_sec in "587 starttls" "465 tls"; do
  set -- $port_sec
  printf 'Scripted-Pass-1\n' | "$P" check --json --timeout 4 --server ::1 --port "$1" \
    --security "$2" --password-stdin user@ipv6.smtp.test > "$OUT/v6.json" 2> "$OUT/v6.err"
  check "$?:$(json_get "$OUT/v6.json" '(j["ok"], j["authenticated"], j["tls"]["version"])')" \
    "0:(True, True, 'TLS 1.3')" "IPv6 ::1 $1/$2: ok" "$(cat "$OUT/v6.err")"
done
check "$(grep -c '^EHLO \[IPv6:::1\]$' "$LOGS/ipv6.log")" 3 \
  "IPv6: every EHLO (two with STARTTLS, one on 465) names [IPv6:::1]" "$(grep '^EHLO' "$LOGS/ipv6.log")"

# No encryption chosen explicitly: HELO when EHLO is refused, AUTH in plain text allowed.
scripted nostarttls 25 none ok sent
# --security takes any case, and NONE is the same explicit consent as none.
scripted nostarttls 25 NONE ok sent
scripted ehlo-refused 25 none auth-not-offered never

# The scripted server's message: intact, with the settings named.
msg=$(ls "$LOGS"/ok-*.eml 2>/dev/null | tail -n 1)
if [ -n "$msg" ] && grep -q '^Subject: ' "$msg" && grep -q 'ok.smtp.test:465' "$msg" &&
   grep -q '^Message-ID: <' "$msg" && grep -q '^Date: ' "$msg"; then
  ok "test message to the scripted server has Date, Message-ID, Subject and the settings"
else
  not_ok "test message to the scripted server" "$(cat "$msg" 2>/dev/null)"
fi

# The real Postfix.
postfix_check () # DESCRIPTION PASSWORD EXPECTED ARGS...
{
  d=$1 pw=$2 want=$3
  shift 3
  printf '%s\n' "$pw" | "$P" check --json --transcript --password-stdin "$@" > "$OUT/pf.json" \
    2> "$OUT/pf.err"
  rc=$?
  got=$(json_get "$OUT/pf.json" 'j["problem"] or "ok"')
  if [ "$got" = "$want" ]; then ok "postfix: $d: $want (exit $rc)"
  else not_ok "postfix: $d: want $want, got $got (exit $rc)" "$(cat "$OUT/pf.json" "$OUT/pf.err")"; fi
  if grep -q -- "$pw" "$OUT/pf.json" "$OUT/pf.err" || ! grep -q '<redacted>' "$OUT/pf.json"; then
    not_ok "postfix: $d: transcript not redacted"
  fi
}

postfix_check "465 tls" Alice-Secret-1 ok --server mail.lab.test --port 465 alice@lab.test
postfix_check "587 starttls" Alice-Secret-1 ok --server mail.lab.test --port 587 \
  --security starttls alice@lab.test
postfix_check "wrong password" Alice-Wrong-1 auth-failed --server mail.lab.test --port 587 \
  alice@lab.test
postfix_check "another sender" Alice-Secret-1 sender-not-allowed --server mail.lab.test \
  --port 465 --from bob@lab.test --dry-run-send alice@lab.test
# TLS spoken to Postfix's STARTTLS port: a second connection is greeted in plain text.
printf 'Alice-Secret-1\n' | "$P" check --json --password-stdin --server mail.lab.test --port 25 \
  --security tls alice@lab.test > "$OUT/wrongport.json" 2> "$OUT/wrongport.err"
if [ "$(json_get "$OUT/wrongport.json" '(j["problem"], j["authenticated"])')" = \
     "('tls-wrong-port', False)" ]; then
  ok "postfix: TLS to port 25 is tls-wrong-port"
else
  not_ok "postfix: TLS to port 25" "$(cat "$OUT/wrongport.json" "$OUT/wrongport.err")"
fi

# --json has every field that README.md ("Command line") names, with the original error
# details of a failure.
printf 'Alice-Wrong-1\n' | "$P" check --json --password-stdin --server mail.lab.test --port 465 \
  alice@lab.test > "$OUT/fields.json" 2>&1
if /usr/bin/python3 - "$OUT/fields.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for key in ("ok", "problem", "stage", "smtp_code", "enhanced_code", "server_reply", "explanation",
            "fix", "server", "tls", "capabilities", "auth_mechanisms", "steps"):
    assert key in r, key
assert r["ok"] is False and r["problem"] == "auth-failed" and r["stage"] == "auth", r
assert r["smtp_code"] == 535 and r["enhanced_code"] == "5.7.8", r
assert r["server_reply"].startswith("535 5.7.8 ") and r["explanation"] and r["fix"], r
assert r["server"] == {**r["server"], "host": "mail.lab.test", "port": 465, "security": "tls"}
assert r["tls"]["version"] == "TLS 1.3" and r["tls"]["cipher"], r["tls"]
cert = r["tls"]["certificate"]
for key in ("subject", "issuer", "not_before", "not_after", "sha256", "errors"):
    assert key in cert, key
assert "mail.lab.test" in cert["subject"] and cert["errors"] == [] and len(cert["sha256"]) == 95
assert "PLAIN" in r["auth_mechanisms"] and any(c.startswith("SIZE") for c in r["capabilities"])
names = [s["name"] for s in r["steps"]]
assert names[:6] == ["resolve", "connect", "tls", "greeting", "ehlo", "auth"], names
assert all(set(s) >= {"name", "ok", "ms"} for s in r["steps"]) and r["steps"][5]["ok"] is False
assert "transcript" not in r
PY
then ok "postfix: --json carries the documented fields and the failure's details"
else not_ok "postfix: --json fields" "$(cat "$OUT/fields.json")"; fi

[ "$(json_get "$OUT/pf.json" 'j["stage"]')" = rcpt-to ] && grep -q 'not owned by user alice@lab.test' "$OUT/pf.json" \
  && ok "postfix: sender mismatch caught at RCPT TO with Postfix's reply" \
  || not_ok "postfix: sender mismatch details" "$(cat "$OUT/pf.json")"

# A test message, in German, arrives in bob's Maildir with its UTF-8 intact.
printf 'Bob-Secret-2\n' | LANGUAGE=de "$P" check --send-test --password-stdin \
  --server mail.lab.test --port 587 bob@lab.test > "$OUT/send.txt" 2>&1
rc=$?
id=$(sed -n 's/.*\(<[^>]*postbote@lab.test>\).*/\1/p' "$OUT/send.txt" | head -n 1)
found=""
for i in 1 2 3 4 5 6 7 8 9 10; do
  found=$(grep -l -F "Message-ID: $id" "$PB_LAB_DIR"/mail/bob/Maildir/new/* 2>/dev/null | head -n 1)
  [ -n "$found" ] && break
  sleep 0.3
done
if [ "$rc" = 0 ] && [ -n "$id" ] && [ -n "$found" ]; then
  ok "postfix: --send-test message $id delivered to bob's Maildir"
  if grep -q 'äöü ß € ✉' "$found" && grep -q '^Content-Type: text/plain; charset=UTF-8' "$found" \
     && grep -q '^Content-Transfer-Encoding: 8bit' "$found"; then
    ok "postfix: the delivered message's UTF-8 body is intact"
  else
    not_ok "postfix: UTF-8 body" "$(cat "$found")"
  fi
  if grep -q 'Ergebnis: Alles funktioniert.' "$OUT/send.txt" &&
     grep -q '^Subject: Testnachricht von Postbote' "$found" &&
     grep -q '^Geprüfte Einstellungen:' "$found"; then
    ok "postfix: with LANGUAGE=de the report and the test message are German"
  else
    not_ok "postfix: German report and message" "$(cat "$OUT/send.txt" "$found")"
  fi
  if grep -q 'mail.lab.test:587' "$found" && grep -q 'STARTTLS (TLS 1.3)' "$found"; then
    ok "postfix: the message names the tested settings"
  else
    not_ok "postfix: settings in the message" "$(cat "$found")"
  fi
else
  not_ok "postfix: --send-test (exit $rc, id '$id')" "$(cat "$OUT/send.txt")"
fi

# --protocol smtp without --server: detection first, then the best outgoing server is checked.
printf 'Alice-Secret-1\n' | "$P" check --protocol smtp --json --password-stdin alice@lab.test \
  > "$OUT/detect.json" 2> "$OUT/detect.err"
rc=$?
if [ "$rc" = 0 ] && [ "$(json_get "$OUT/detect.json" '(j["server"]["host"], j["authenticated"])')" = \
     "('mail.lab.test', True)" ]; then
  ok "without --server the detected server is checked"
else
  not_ok "detect first (exit $rc)" "$(cat "$OUT/detect.json" "$OUT/detect.err")"
fi

# A name with a dead address first: the next address is tried after a few seconds, long
# before the stage's own timeout. (Last: it changes this lab's /etc/hosts.)
(printf '127.0.2.1 ok.smtp.test\n127.0.1.1 ok.smtp.test\n'; cat /etc/hosts) > "$OUT/hosts"
if mount --bind "$OUT/hosts" /etc/hosts 2>/dev/null; then
  printf 'Scripted-Pass-1\n' | "$P" check --json --transcript --timeout 12 --server ok.smtp.test \
    --port 465 --password-stdin user@ok.smtp.test > "$OUT/multi.json" 2>&1
  rc=$?
  umount /etc/hosts
  if [ "$rc" = 0 ] && grep -q 'connect 127.0.2.1 port 465' "$OUT/multi.json" &&
     grep -q 'connect 127.0.1.1 port 465' "$OUT/multi.json"; then
    ok "a dead first address falls back to the next one"
  else
    not_ok "fallback to the next address (exit $rc)" "$(cat "$OUT/multi.json")"
  fi
else
  not_ok "could not bind-mount a hosts file for the address fallback case"
fi

tap_done
