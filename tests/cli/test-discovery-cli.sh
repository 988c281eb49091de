#!/bin/bash
# test-discovery-cli.sh POSTBOTE: `postbote detect` as support staff run it, inside the lab.
# The ISPDB base URL and allow-plain-http are set the way a user sets them: GSettings, here
# its keyfile backend in a private XDG_CONFIG_HOME (no test switch in the product).
set -u
. "$(dirname "$0")/../tap.sh"
POSTBOTE=$1
PY=/usr/bin/python3
conf=$(mktemp -d)
trap 'rm -rf "$conf"' EXIT
export XDG_CONFIG_HOME=$conf GSETTINGS_BACKEND=keyfile
settings ()
{
  mkdir -p "$conf/glib-2.0/settings"
  { echo '[io/github/postbote/Postbote]'
    echo "ispdb-base-url='https://ispdb.test/v1.1/'"
    echo "allow-plain-http=$1"
    [ -z "${2:-}" ] || echo "discovery-timeout=uint32 $2"
  } > "$conf/glib-2.0/settings/keyfile"
}
settings false

# run ARGS...: runs detect, keeps stdout in $out and stderr in $err.
out=$conf/out err=$conf/err
run () { "$POSTBOTE" detect "$@" >"$out" 2>"$err"; }

# expect_json NAME WANT_RC EXPR WANT ARGS...: runs detect ARGS and compares EXPR, evaluated on
# its JSON, with WANT.
expect_json ()
{
  local name=$1 want_rc=$2 expr=$3 want=$4 rc got
  shift 4
  run "$@"; rc=$?
  got=$(json_get "$out" "$expr")
  if [ $rc = "$want_rc" ] && [ "$got" = "$want" ]; then
    ok "$name"
  else
    not_ok "$name" "rc=$rc (want $want_rc)" "want: $want" "got:  $got" "$(head -c 600 "$err")"
  fi
}


run --offline someone@gmx.de; rc=$?
if [ $rc = 0 ] && grep -q 'mail.gmx.net:465' "$out" && grep -q 'Built-in provider list' "$out"; then
  ok "offline preset hit prints the GMX servers"
else
  not_ok "offline preset hit prints the GMX servers" "rc=$rc" "$(cat "$out" "$err")"
fi

expect_json "--json --offline: provider, source, trusted, servers, sources, quirks" 0 \
  '(j["provider"], j["source"], j["trusted"], j["outgoing"][0]["security"], j["outgoing"][0]["username"], [s["outcome"] for s in j["sources"] if s["name"]=="autoconfig"][0], sorted(q["id"] for q in j["quirks"]))' \
  "('gmx', 'preset', True, 'tls', 'someone@gmx.de', 'disabled', ['app-password', 'enable-access', 'sender-must-match-login'])" \
  --json --offline someone@gmx.de

expect_json "MX at a hoster, resolved through the ISPDB mirror set in GSettings" 0 \
  '(j["source"], j["outgoing"][0]["host"], j["outgoing"][0]["port"], j["incoming"][0]["protocol"])' \
  "('mx', 'smtp.hoster-example.de', 465, 'imap')" \
  --json erin@custom-hoster.test

expect_json "custom domain with Google's MX gets the Google preset" 0 \
  '(j["provider"], j["source"], j["needs_confirmation"])' \
  "('google-workspace', 'mx', False)" \
  --json dave@custom-google.test

expect_json "SRV only: submissions first, the foreign host flagged" 0 \
  '(j["source"], j["needs_confirmation"], j["confirm_hosts"], [o["port"] for o in j["outgoing"]])' \
  "('srv', True, ['smtp.mail-elsewhere.test'], [465, 587])" \
  --json gina@srv-only.test

run max@nothing.test; rc=$?
if [ $rc = 1 ] && grep -q 'No settings found for max@nothing.test' "$out" &&
   grep -q 'postbote check --server' "$out"; then
  ok "nothing found: exit 1, a clear message and the way to enter settings by hand"
else
  not_ok "nothing found: exit 1, a clear message and the way to enter settings by hand" "rc=$rc" "$(cat "$out")"
fi

LANGUAGE=de run max@nothing.test; rc=$?
if [ $rc = 1 ] && grep -q 'Keine Einstellungen für max@nothing.test gefunden' "$out"; then
  ok "nothing found, in German"
else
  not_ok "nothing found, in German" "rc=$rc" "$(cat "$out")"
fi

expect_json "plain-HTTP autoconfig is not asked by default" 1 \
  '(j["ok"], [s["outcome"] for s in j["sources"] if s["name"]=="autoconfig-http"][0])' \
  "(False, 'disabled')" \
  --json lea@http-only.test

settings true
expect_json "with allow-plain-http the HTTP answer is used, untrusted and to be confirmed" 0 \
  '(j["source"], j["trusted"], j["needs_confirmation"])' \
  "('autoconfig-http', False, True)" \
  --json lea@http-only.test
# The text output says the same as the JSON: where it came from and that it is not trusted.
run lea@http-only.test; rc=$?
if [ $rc = 0 ] && grep -q '^Source: .* — not trusted: it came over an unencrypted connection$' "$out"; then
  ok "text: an answer over plain HTTP is marked not trusted"
else
  not_ok "text: an answer over plain HTTP is marked not trusted" "rc=$rc" "$(cat "$out")"
fi
settings false
run gina@srv-only.test; rc=$?
if [ $rc = 0 ] && grep -q '^Confirm before sending a password: smtp.mail-elsewhere.test is outside srv-only.test and the provider’s known domains.$' "$out" &&
   ! grep -q 'not trusted' "$out"; then
  ok "text: a foreign server is to be confirmed; an answer over DNS is not marked untrusted"
else
  not_ok "text: a foreign server is to be confirmed" "rc=$rc" "$(cat "$out")"
fi

# A stalled autoconfig with an answer from the ISPDB below it: the run waits a third of the
# deadline (2 s) for the better source, then takes the ISPDB's answer.
start=$(now_ms)
run --json --timeout 2 judy@stall.test; rc=$?
ms=$(( $(now_ms) - start ))
got=$(json_get "$out" '(j["source"], [s["outcome"] for s in j["sources"] if s["name"]=="autoconfig"][0])')
if [ $rc = 0 ] && [ "$got" = "('ispdb', 'timeout')" ] && [ $ms -lt $((2000 + $(scaled_ms 500))) ]; then
  ok "stalled autoconfig: the ISPDB's answer ends the wait ($ms ms)"
else
  not_ok "stalled autoconfig: the ISPDB's answer ends the wait" "rc=$rc ms=$ms" "$got"
fi

# deadline NAME SECONDS ARGS...: detect ARGS at tls-stall.test, where only autoconfig is left
# (it never finishes its TLS handshake), so the deadline itself ends the run: not before
# SECONDS, and far from the default 10 s.
deadline ()
{
  local name=$1 s=$2 start ms got rc
  shift 2
  start=$(now_ms)
  run --json "$@" jane@tls-stall.test; rc=$?
  ms=$(( $(now_ms) - start ))
  got=$(json_get "$out" '[s["outcome"] for s in j["sources"] if s["name"]=="autoconfig"][0]')
  if [ $rc = 1 ] && [ "$got" = timeout ] && [ $ms -ge $((s * 1000 - 100)) ] &&
     [ $ms -lt $((s * 1000 + $(scaled_ms 1500))) ]; then
    ok "$name ($ms ms)"
  else
    not_ok "$name" "rc=$rc ms=$ms" "$got"
  fi
}
deadline "--timeout 2 is the deadline" 2 --timeout 2
settings false 3
deadline "without --timeout the discovery-timeout setting (3 s) is the deadline" 3
deadline "--timeout wins over the discovery-timeout setting" 2 --timeout 2
settings false

run; rc=$?
[ $rc = 2 ] && ok "no address: usage error" || not_ok "no address: usage error" "rc=$rc"

run 'a@b@c.de'; rc=$?
if [ $rc = 2 ] && [ -s "$err" ]; then ok "invalid address: usage error with the reason"
else not_ok "invalid address: usage error with the reason" "rc=$rc"; fi

run --timeout 500 x@gmx.de; rc=$?
[ $rc = 2 ] && ok "--timeout out of range: usage error" || not_ok "--timeout out of range: usage error" "rc=$rc"

run --json nobody@co.uk; rc=$?
if [ $rc = 1 ] && grep -q 'public suffix' "$err"; then ok "a public suffix is never looked up"
else not_ok "a public suffix is never looked up" "rc=$rc" "$(cat "$err")"; fi

# Text output: labels for people, ids only in JSON.
run --offline someone@gmx.de
if grep -q 'mail.gmx.net:465  SSL/TLS' "$out" && grep -q 'Built-in provider list' "$out" &&
   ! grep -Eq 'password-cleartext|  tls|preset +found' "$out"; then
  ok "text output: translated labels, no raw ids"
else
  not_ok "text output: translated labels, no raw ids" "$(cat "$out")"
fi
LANGUAGE=de run --offline someone@gmx.de
if grep -q 'Eingebaute Anbieterliste' "$out" && grep -q 'Normales Passwort' "$out"; then
  ok "text output in German"
else
  not_ok "text output in German" "$(cat "$out")"
fi
# The server lines are a table: security and user start in the same column on every line
# (GMX: pop.gmx.net:995 is shorter than the others, STARTTLS longer than SSL/TLS).
aligned ()
{
  "$PY" - "$out" "$1" <<'PYEOF'
import re, sys
rows = [l for l in open(sys.argv[1], encoding="utf-8") if re.match(r"  (IMAP|POP3|SMTP) ", l)]
cols = {(l.index("SSL/TLS") if "SSL/TLS" in l else l.index("STARTTLS"), l.index(" " + sys.argv[2] + " "))
        for l in rows}
sys.exit(0 if len(rows) == 5 and len(cols) == 1 else 1)
PYEOF
}
for lang in en:user de:Benutzer; do
  LANGUAGE=${lang%%:*} run --offline someone@gmx.de
  if aligned "${lang#*:}"; then ok "text output ($lang): the server lines are aligned"
  else not_ok "text output ($lang): the server lines are aligned" "$(cat "$out")"; fi
done

# Remote text (display name, user name from the ISPDB mirror) cannot move the cursor or fake
# report lines: no newline inside, no C1 control (U+009B is CSI on some terminals).
run ctl@ctl-names.test; rc=$?
if [ $rc = 0 ] && grep -q '^Provider: Evil' "$out" && ! grep -q '^Outgoing: SMTP forged' "$out" &&
   ! "$PY" -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); sys.exit(not any(0x80 <= ord(c) <= 0x9f for c in t))' "$out"; then
  ok "remote names are made terminal-safe"
else
  not_ok "remote names are made terminal-safe" "rc=$rc" "$(cat -A "$out" | head -20)"
fi

# Text that reorders itself: bidi controls, an isolate and a zero-width space in the
# ISPDB's names, and a right-to-left override in an HTTP reason phrase, show as U+FFFD in
# the JSON and the text (the engine cleans them; the JSON writer escapes what is left).
R=$(printf '\357\277\275')   # U+FFFD
hidden='sorted({"%04x" % ord(c) for c in json.dumps(j, ensure_ascii=False)
                if __import__("unicodedata").category(c) in ("Cf", "Zl", "Zp")})'
expect_json "bidi controls in remote names show as U+FFFD" 0 \
  "(j['provider'], j['provider_name'], j['outgoing'][0]['username'], $hidden)" \
  "('bidi-names.test$R', 'Bank ${R}moc.live$R Mail', 'bidi${R}x$R', [])" \
  --json bidi@bidi-names.test
expect_json "a bidi override in an HTTP reason phrase shows as U+FFFD" 1 \
  "([s['detail'].split(': ', 1)[1] for s in j['sources'] if s['name'] == 'autoconfig'], $hidden)" \
  "(['HTTP status 503 Down for ${R}ecnanetniam$R'], [])" \
  --json kim@bidi-reason.test
run bidi@bidi-names.test; rc=$?
if [ $rc = 0 ] && grep -q "^Provider: Bank ${R}moc.live" "$out" &&
   ! grep -q "$(printf '\342\200\256')" "$out"; then
  ok "bidi controls in remote names show as U+FFFD in the text output"
else
  not_ok "bidi controls in remote names show as U+FFFD in the text output" "rc=$rc" "$(cat "$out")"
fi

# JSON: problem null or an id, total_ms as in check.
expect_json "--json nothing found: problem not-found, total_ms" 1 \
  '(j["ok"], j["problem"], type(j["total_ms"]).__name__, "ms" in j)' \
  "(False, 'not-found', 'int', False)" \
  --json max@nothing.test
expect_json "--json found: problem null, raw ids kept" 0 \
  '(j["problem"], j["outgoing"][0]["security"], j["outgoing"][0]["auth"])' \
  "(None, 'tls', 'password-cleartext')" \
  --json --offline someone@gmx.de
expect_json "--json public suffix: problem not-discoverable" 1 \
  '(j["ok"], j["problem"])' \
  "(False, 'not-discoverable')" \
  --json nobody@co.uk
# plain-http.test: its autoconfig comes over plain HTTP only and names only the domain's own
# server, out.plain-http.test (the lab's Postfix; lea is its user): the plain HTTP is the
# one reason to confirm. Without the confirmation (--server) check stops before it connects,
# says why in the user's language, and Postfix sees no login; naming the server confirms it.
# Postfix logs each session's commands when it ends: " auth=" counts its logins.
postfix_logins () { grep -c ' auth=' "$PB_LAB_DIR/log/postfix.log"; }
postfix_connects () { grep -c ': connect from ' "$PB_LAB_DIR/log/postfix.log"; }
logins=$(postfix_logins) connects=$(postfix_connects)
settings true
expect_json "plain-http.test: over plain HTTP, own server only, to be confirmed" 0 \
  '(j["source"], j["trusted"], j["needs_confirmation"], j["confirm_hosts"], [o["host"] for o in j["outgoing"]])' \
  "('autoconfig-http', False, True, [], ['out.plain-http.test'])" \
  --json lea@plain-http.test
http_why='The settings that name the detected server out.plain-http.test came over an unencrypted connection and could have been changed on the way.'
http_why_de='Die Einstellungen, die den gefundenen Server out.plain-http.test nennen, kamen über eine unverschlüsselte Verbindung und könnten unterwegs verändert worden sein.'
printf 'Plain-Http-Secret-4\n' | "$POSTBOTE" check --json --password-stdin lea@plain-http.test \
  > "$out" 2> "$err"; rc=$?
check "$rc:$(json_get "$out" '(j["ok"], j["problem"], j["stage"], j["server"]["host"], j["explanation"], j["fix"], j["steps"])')" \
  "1:(False, 'confirmation-needed', 'detect', 'out.plain-http.test', '$http_why', 'To test it, confirm it with --server out.plain-http.test.', [])" \
  "check --json, plain-HTTP settings: confirmation-needed for the plain HTTP, exit 1" \
  "$(cat "$err")"
printf 'Plain-Http-Secret-4\n' | LANGUAGE=de "$POSTBOTE" check --password-stdin \
  lea@plain-http.test > "$out" 2> "$err"; rc=$?
check "$rc:$(cat "$out")|$(cat "$err")" \
  "1:|postbote check: $http_why_de
Um ihn zu prüfen, bestätigen Sie ihn mit --server out.plain-http.test." \
  "check, in German: the plain HTTP is the reason, and --server the way on"
check "$(postfix_logins):$(postfix_connects)" "$logins:$connects" \
  "unconfirmed: no connection and no login reached Postfix"
printf 'Plain-Http-Secret-4\n' | "$POSTBOTE" check --json --password-stdin \
  --server out.plain-http.test lea@plain-http.test > "$out" 2> "$err"; rc=$?
# Postfix logs the session a moment after it ends: poll (the check itself is over).
for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(postfix_logins)" -gt "$logins" ] && break; sleep 0.2; done
check "$rc:$(json_get "$out" '(j["ok"], j["authenticated"], j["server"]["port"])'):$(postfix_logins)" \
  "0:(True, True, 465):$((logins + 1))" \
  "confirmed with --server: the login reaches Postfix and works" \
  "$(cat "$out" "$err")"
settings false

# detect-failed: an address that names its server by IP address (an address literal) has no
# domain to look settings up for. detect and check say so, in the user's language, with
# exit status 1 (the person's input, not an internal error), before anything goes over the
# network (dnsmasq would log a query); check also says how to go on.
lit='user@[192.0.2.1]'
lit_en='The address names a server by its IP address, so there is no domain to look up settings for. Please enter the server settings by hand.'
lit_de='Die Adresse nennt einen Server über seine IP-Adresse. Es gibt also keine Domain, für die sich Einstellungen suchen lassen. Bitte geben Sie die Servereinstellungen von Hand ein.'
queries=$(grep -c 'query\[' "$PB_LAB_DIR/log/dnsmasq.log")
expect_json "detect --json, address literal: detect-failed, exit 1" 1 \
  '(j["ok"], j["problem"], j["address"], j["outgoing"], j["sources"], j["message"])' \
  "(False, 'detect-failed', '$lit', [], [], '$lit_en')" \
  --json "$lit"
run "$lit"; rc=$?
check "$rc:$(cat "$out")|$(cat "$err")" "1:|postbote detect: $lit_en" \
  "detect, address literal: the reason on stderr, exit 1"
LANGUAGE=de "$POSTBOTE" detect "$lit" > "$out" 2> "$err"; rc=$?
check "$rc:$(cat "$out")|$(cat "$err")" "1:|postbote detect: $lit_de" \
  "detect, address literal, in German"
printf 'Some-Secret-5\n' | "$POSTBOTE" check --json --password-stdin "$lit" > "$out" 2> "$err"; rc=$?
check "$rc:$(json_get "$out" '(j["ok"], j["problem"], j["stage"], j["server"], j["steps"], j["explanation"], j["login_tested"])')" \
  "1:(False, 'detect-failed', 'detect', None, [], '$lit_en', False)" \
  "check --json, address literal: detect-failed at stage detect, exit 1" "$(cat "$err")"
printf 'Some-Secret-5\n' | LANGUAGE=de "$POSTBOTE" check --password-stdin "$lit" > "$out" \
  2> "$err"; rc=$?
check "$rc:$(cat "$out")|$(cat "$err")" "1:|postbote check: $lit_de
Geben Sie den Postausgangsserver mit --server HOST an." \
  "check, address literal, in German: the reason and the way on, exit 1"
check "$(grep -c 'query\[' "$PB_LAB_DIR/log/dnsmasq.log")" "$queries" \
  "address literal: no DNS query was made"
if grep -q 'Some-Secret-5' "$out" "$err"; then not_ok "address literal: the password is in the output"
else ok "address literal: the password is not in the output"; fi

run --timeout 0 x@gmx.de; rc=$?
[ $rc = 2 ] && ok "--timeout 0: usage error, as the message says 1-120" || not_ok "--timeout 0: usage error" "rc=$rc"

tap_done
