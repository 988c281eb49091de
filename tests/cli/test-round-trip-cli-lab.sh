#!/bin/sh
# postbote check --send-test for a whole account: the test message goes out through the lab's
# real Postfix and is awaited in the inbox of its real Dovecot, in the language of $LANGUAGE
# (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-round-trip-cli-lab.sh
# Delivered and removed again (the Maildir without it, every other message untouched);
# delivered to a server without UIDPLUS (mia@minimal.test, Dovecot's 127.0.5.2) and left
# there, saying so; an account that reads mail over POP3 only (gus@popbox.test): found with
# UIDL and TOP, deleted with DELE, the others untouched; a bound that expires while Postfix holds the delivery back
# (defer_transports), with exit 1; a wrong incoming password, after which nothing is looked
# for and the output says why; --protocol smtp --send-test as before; --wait alone refused.
# After an account that works, the sender domain's records, with the DKIM selector of the
# signature OpenDKIM put on the test message.
set -u
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/lab-keyring.sh"
MIA=mia@minimal.test
MIA_PASSWORD=Minimal-Secret-5
GUS=gus@popbox.test
GUS_PASSWORD=Popbox-Secret-9
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# The messages of a Maildir by their unique names (Dovecot moves them from new/ to cur/ and
# adds flags after ":2,"), one a line, sorted; and the flags of each.
maildir () { echo "$PB_LAB_DIR/mail/$1/Maildir"; }
names () { ls "$(maildir "$1")/new" "$(maildir "$1")/cur" 2>/dev/null | grep '^[0-9]' | sed 's/:2,.*//' | sort; }
count () { names "$1" | grep -c .; }
flags () { ls "$(maildir "$1")/cur" 2>/dev/null | sed -n 's/.*:2,//p' | tr -d '\n'; }

# Two messages in alice's INBOX that the round trip must leave alone.
for i in 1 2; do
  swaks --server 127.0.0.1 --port 25 --from bob@lab.test --to "$USER" --silent 2 \
    --header "Subject: keep $i" > /dev/null 2>&1
done
for i in $(seq 50); do [ "$(count alice)" -ge 2 ] && break; sleep 0.1; done
check "$(count alice)" 2 "two messages delivered to alice's Maildir"
names alice > "$OUT/before"

# Delivered and removed: Dovecot on 127.0.0.1 offers IDLE and UIDPLUS.
printf '%s\n' "$PASSWORD" | "$P" check --password-stdin --send-test --json "$USER" \
  > "$OUT/trip.json" 2> "$OUT/trip.err"
rc=$?
check "$rc:$(json_get "$OUT/trip.json" '(j["ok"], [(c["protocol"], c["ok"]) for c in j["checks"]], j["round_trip"]["ok"], j["round_trip"]["problem"], j["round_trip"]["skipped"], j["round_trip"]["delivered"], j["round_trip"]["disposal"], j["round_trip"]["wait_ms"])')" \
  "0:(True, [('smtp', True), ('imap', True)], True, None, None, True, 'deleted', 60000)" \
  "--send-test: exit 0, both halves ok, the message arrived and was deleted" \
  "$(cat "$OUT/trip.json" "$OUT/trip.err")"
check "$(json_get "$OUT/trip.json" '(lambda r: (r["message_id"] == j["checks"][0]["test_message_id"], r["message_id"].startswith("<"), 0 <= r["delivery_ms"] <= r["wait_ms"], "Received" in r["headers"], "Message-ID" in r["headers"], r["dkim"], r["explanation"], r["fix"], r["session"]["authenticated"]))(j["round_trip"])')" \
  "(True, True, True, True, True, {'domain': 'lab.test', 'selector': 'lab2026'}, None, None, True)" \
  "--send-test: the SMTP half's Message-ID, a delivery time within the bound, the headers that arrived, the lab's real DKIM signature (OpenDKIM, d=lab.test s=lab2026)" \
  "$(cat "$OUT/trip.json")"
# The sender domain after an account that works: the selector of OpenDKIM's real signature
# on the test message names the key that is checked (lab.test publishes no SPF and no DMARC).
check "$(json_get "$OUT/trip.json" '(lambda d: (d["domain"], d["own_domain"], d["spf"]["status"], d["dmarc"]["status"], d["dkim"]["status"], d["dkim"]["selector"], d["dkim"]["signing_domain"], d["dkim"]["key_type"], d["dkim"]["key_bits"]))(j["domain"])')" \
  "('lab.test', True, 'missing', 'missing', 'ok', 'lab2026', 'lab.test', 'rsa', 2048)" \
  "--send-test: the domain check reads the DKIM key the test message was signed with" \
  "$(cat "$OUT/trip.json")"
names alice > "$OUT/after"
check "$(count alice):$(cmp -s "$OUT/before" "$OUT/after" && echo same):$(flags alice | grep -c '[TS]')" "2:same:0" \
  "--send-test: the Maildir no longer has the test message; the other two are the same, none marked seen or deleted" \
  "$(ls -R "$(maildir alice)")"
check "$(grep -c "$(say 'Waiting for the test message' 'Warte auf die Testnachricht')" "$OUT/trip.err")" 0 \
  "--send-test --json: no progress lines on stderr" "$(cat "$OUT/trip.err")"

# The same in text: the progress on stderr, the verdict in words.
printf '%s\n' "$PASSWORD" | "$P" check --password-stdin --send-test --wait 30 "$USER" \
  > "$OUT/trip.txt" 2> "$OUT/trip-progress.txt"
rc=$?
check "$rc:$(grep -cE "^$(say 'Test message arrived after [0-9]+[.,][0-9] s; removed again\.' 'Testnachricht nach [0-9]+[.,][0-9] s angekommen; wieder entfernt\.')\$" "$OUT/trip.txt"):$(grep -c "^  $(say 'Send and receive: works' 'Senden und Empfangen: funktioniert')\$" "$OUT/trip.txt")" \
  "0:1:1" "--send-test, text: arrived after so many seconds, removed again; the summary says it works" \
  "$(cat "$OUT/trip.txt")"
check "$(grep -c "^== $(say 'Your domain' 'Ihre Domain') ==\$" "$OUT/trip.txt"):$(grep -c '^DKIM: ok$' "$OUT/trip.txt"):$(grep -c "^SPF: $(say 'missing' 'fehlt')\$" "$OUT/trip.txt")" \
  "1:1:1" "--send-test, text: the domain's records under their own heading, in words" \
  "$(cat "$OUT/trip.txt")"
check_match "--send-test, text: progress on stderr against the --wait bound" \
  "$(cat "$OUT/trip-progress.txt")" "$(say 'Waiting for the test message… [0-9]+ s of 30' 'Warte auf die Testnachricht… [0-9]+ s von 30')"
check "$(count alice)" 2 "--send-test, text: that test message is gone too"

# A server without UIDPLUS: the message arrives and stays, and the output says why.
printf '%s\n' "$MIA_PASSWORD" | "$P" check --password-stdin --send-test --json "$MIA" \
  > "$OUT/minimal.json" 2> "$OUT/minimal.err"
rc=$?
check "$rc:$(json_get "$OUT/minimal.json" '(j["ok"], j["checks"][1]["server"]["host"], j["round_trip"]["ok"], j["round_trip"]["delivered"], j["round_trip"]["disposal"])')" \
  "0:(True, 'imap.minimal.test', True, True, 'left-no-uidplus')" \
  "no UIDPLUS: exit 0, delivered, left in the mailbox" "$(cat "$OUT/minimal.json" "$OUT/minimal.err")"
check "$(json_get "$OUT/minimal.json" '(j["domain"]["domain"], j["domain"]["dkim"]["status"], j["round_trip"]["dkim"])')" \
  "('minimal.test', 'unknown', None)" \
  "no signature on the test message (OpenDKIM signs lab.test only): the DKIM key is not known" \
  "$(cat "$OUT/minimal.json")"
check "$(count mia)" 1 "no UIDPLUS: the test message is still in mia's Maildir"
printf '%s\n' "$MIA_PASSWORD" | "$P" check --password-stdin --send-test "$MIA" \
  > "$OUT/minimal.txt" 2> /dev/null
check "$?:$(grep -c "$(say 'left in INBOX: the server cannot delete a single message (no UIDPLUS)\.' 'im Posteingang (INBOX) belassen: Der Server kann keine einzelne Nachricht löschen (kein UIDPLUS)\.')\$" "$OUT/minimal.txt"):$(count mia)" \
  "0:1:2" "no UIDPLUS, text: left in INBOX, and why" "$(cat "$OUT/minimal.txt")"

# POP3 only: the message is found in a fresh session per look and deleted with DELE; the two
# messages that were there before stay as they were.
for i in 1 2; do
  swaks --server 127.0.0.1 --port 25 --from bob@lab.test --to "$GUS" --silent 2 \
    --header "Subject: keep $i" > /dev/null 2>&1
done
for i in $(seq 50); do [ "$(count gus)" -ge 2 ] && break; sleep 0.1; done
names gus > "$OUT/gus-before"
printf '%s\n' "$GUS_PASSWORD" | "$P" check --password-stdin --send-test --json --transcript "$GUS" \
  > "$OUT/pop3.json" 2> "$OUT/pop3.err"
rc=$?
check "$rc:$(json_get "$OUT/pop3.json" '(lambda r: (j["ok"], [(c["protocol"], c["ok"]) for c in j["checks"]], r["ok"], r["problem"], r["delivered"], r["disposal"], "Received" in r["headers"], r["message_id"] == j["checks"][0]["test_message_id"], r["session"]["protocol"], r["session"]["authenticated"]))(j["round_trip"])')" \
  "0:(True, [('smtp', True), ('pop3', True)], True, None, True, 'deleted', True, True, 'pop3', True)" \
  "POP3 only: exit 0, the message arrived and was deleted" "$(cat "$OUT/pop3.json" "$OUT/pop3.err")"
check "$(json_get "$OUT/pop3.json" '(lambda t: (any(l.startswith("C: TOP ") for l in t), sum(l.startswith("C: DELE ") for l in t), any("RETR" in l for l in t), any("Popbox-Secret" in l for l in t)))([l["dir"] + ": " + l["text"] for l in j["round_trip"]["session"]["transcript"]])')" \
  "(True, 1, False, False)" "POP3 only: TOP to look, one DELE, no RETR, no password in the transcript" \
  "$(cat "$OUT/pop3.json")"
names gus > "$OUT/gus-after"
check "$(count gus):$(cmp -s "$OUT/gus-before" "$OUT/gus-after" && echo same)" "2:same" \
  "POP3 only: the Maildir is as it was before" "$(ls -R "$(maildir gus)")"
printf '%s\n' "$GUS_PASSWORD" | "$P" check --password-stdin --send-test "$GUS" \
  > "$OUT/pop3.txt" 2> /dev/null
check "$?:$(grep -cE "^$(say 'Test message arrived after [0-9]+[.,][0-9] s; removed again\.' 'Testnachricht nach [0-9]+[.,][0-9] s angekommen; wieder entfernt\.')\$" "$OUT/pop3.txt"):$(count gus)" \
  "0:1:2" "POP3 only, text: arrived, removed again" "$(cat "$OUT/pop3.txt")"

# The bound expires: Postfix takes the message and holds its delivery (defer_transports),
# so it is not in the inbox within --wait.
postconf -e defer_transports=lmtp && postfix reload > /dev/null 2>&1
started=$(now_ms)
printf '%s\n' "$PASSWORD" | "$P" check --password-stdin --send-test --wait 3 --json "$USER" \
  > "$OUT/late.json" 2> "$OUT/late.err"
rc=$?
took=$(( $(now_ms) - started ))
check "$rc:$(json_get "$OUT/late.json" '(lambda r: (j["ok"], [c["ok"] for c in j["checks"]], j["checks"][0]["test_sent"], r["ok"], r["problem"], r["delivered"], r["delivery_ms"], r["disposal"], r["wait_ms"], r["explanation"] is not None, r["fix"] is not None))(j["round_trip"])')" \
  "1:(False, [True, True], True, False, 'test-message-not-received', False, None, 'not-found', 3000, True, True)" \
  "--wait 3, delivery held: exit 1, test-message-not-received with its explanation" \
  "$(cat "$OUT/late.json" "$OUT/late.err")"
[ "$took" -lt "$(scaled_ms 20000)" ] && ok "--wait 3: gave up in time (${took} ms)" \
  || not_ok "--wait 3: took ${took} ms"
printf '%s\n' "$PASSWORD" | "$P" check --password-stdin --send-test --wait 2 "$USER" \
  > "$OUT/late.txt" 2> /dev/null
check "$?:$(grep -c "$(say 'The test message did not arrive' 'Die Testnachricht ist nicht angekommen')" "$OUT/late.txt"):$(grep -c "^  $(say 'Send and receive: does not work (test-message-not-received)' 'Senden und Empfangen: funktioniert nicht (test-message-not-received)')\$" "$OUT/late.txt")" \
  "1:1:1" "--wait 2, text: the problem and the summary" "$(cat "$OUT/late.txt")"
check "$(count alice)" 2 "delivery held: nothing arrived, nothing removed"
started=$(now_ms)
printf '%s\n' "$GUS_PASSWORD" | "$P" check --password-stdin --send-test --wait 3 --timeout 10 \
  --json "$GUS" > "$OUT/pop3-late.json" 2> /dev/null
rc=$?
took=$(( $(now_ms) - started ))
check "$rc:$(json_get "$OUT/pop3-late.json" '(lambda r: (r["ok"], r["problem"], r["delivered"], r["disposal"], r["session"]["protocol"]))(j["round_trip"])')" \
  "1:(False, 'test-message-not-received', False, 'not-found', 'pop3')" \
  "POP3, --wait 3, delivery held: exit 1, test-message-not-received" "$(cat "$OUT/pop3-late.json")"
[ "$took" -lt "$(scaled_ms 13000)" ] && ok "POP3, --wait 3 --timeout 10: gave up in time (${took} ms)" \
  || not_ok "POP3, --wait 3 --timeout 10: took ${took} ms"
check "$(count gus)" 2 "POP3, delivery held: nothing removed"
postconf -e defer_transports= && postfix reload > /dev/null 2>&1
postqueue -f

# A wrong incoming password (the keyring's IMAP item), the right outgoing one: the message
# goes out, but nothing is looked for over a login that failed.
printf '%s' "$PASSWORD" | secret-tool store --label=smtp xdg:schema "$SCHEMA" protocol smtp \
  host mail.lab.test port 465 user "$USER"
printf 'Wrong-Secret-0' | secret-tool store --label=wrong xdg:schema "$SCHEMA" protocol imap \
  host mail.lab.test port 993 user "$USER"
"$P" check --send-test --json "$USER" < /dev/null > "$OUT/wrong.json" 2> /dev/null
rc=$?
check "$rc:$(json_get "$OUT/wrong.json" '(lambda r: (j["ok"], [(c["protocol"], c["ok"], c["stage"]) for c in j["checks"]], r["ok"], r["skipped"], r["problem"], r["delivered"], r["session"], r["explanation"] is not None))(j["round_trip"])')" \
  "1:(False, [('smtp', True, None), ('imap', False, 'auth')], False, 'incoming-failed', None, False, None, True)" \
  "wrong incoming password: exit 1, the round trip not tried, and why" "$(cat "$OUT/wrong.json")"
check "$(json_get "$OUT/wrong.json" '"domain" in j')" "False" \
  "wrong incoming password: no domain check after an account that does not work" \
  "$(cat "$OUT/wrong.json")"
"$P" check --send-test "$USER" < /dev/null > "$OUT/wrong.txt" 2> /dev/null
check "$?:$(grep -c "$(say 'The test message was not looked for in the inbox: the check of the incoming server failed' 'Die Testnachricht wurde nicht im Posteingang gesucht: Die Prüfung des Posteingangsservers ist fehlgeschlagen')" "$OUT/wrong.txt"):$(grep -c "^  $(say 'Send and receive: not tested' 'Senden und Empfangen: nicht geprüft')\$" "$OUT/wrong.txt")" \
  "1:1:1" "wrong incoming password, text: not looked for, and why" "$(cat "$OUT/wrong.txt")"

# One server: --protocol smtp --send-test sends and does not wait.
printf '%s\n' "$PASSWORD" | "$P" check --protocol smtp --password-stdin --send-test --json "$USER" \
  > "$OUT/smtp.json" 2> /dev/null
check "$?:$(json_get "$OUT/smtp.json" '(j["ok"], j["protocol"], j["test_sent"], "round_trip" in j, "checks" in j)')" \
  "0:(True, 'smtp', True, False, False)" "--protocol smtp --send-test: sent, no round trip" \
  "$(cat "$OUT/smtp.json")"

# --wait without the round trip it bounds is a usage error.
"$P" check --protocol smtp --send-test --wait 5 "$USER" < /dev/null > /dev/null 2> "$OUT/usage.err"
check "$?:$(head -n 1 "$OUT/usage.err")" \
  "2:postbote check: $(say '--wait goes with --send-test for the whole account (no --protocol or --server)' '--wait gehört zu --send-test für das ganze Konto (ohne --protocol und --server)')" \
  "--wait with --protocol smtp: usage error, exit 2" "$(cat "$OUT/usage.err")"

tap_done
