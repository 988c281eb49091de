#!/bin/sh
# postbote check for both halves of an account, and --protocol imap|pop3, against the lab's
# real Postfix and Dovecot, with a real keyring, in the language of $LANGUAGE (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-check-account-lab.sh
# Each port of Dovecot with the right and a wrong password (the JSON's fields, the mailbox
# count against the Maildir), both halves at once, one half failing (the incoming password
# in the keyring is wrong) and then falling back on the outgoing one's, and --protocol bogus.
set -u
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/lab-keyring.sh"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# Two messages in alice's INBOX, so that the count is not a default.
for i in 1 2; do
  swaks --server 127.0.0.1 --port 25 --from bob@lab.test --to "$USER" --silent 2 \
    --header "Subject: count $i" > /dev/null 2>&1
done
maildir_count () { ls "$PB_LAB_DIR/mail/alice/Maildir/new" "$PB_LAB_DIR/mail/alice/Maildir/cur" | grep -c '^[0-9]'; }
for i in $(seq 50); do [ "$(maildir_count)" -ge 2 ] && break; sleep 0.1; done
check "$(maildir_count)" 2 "two messages delivered to alice's Maildir"

# One server of each port: ok, every field of the contract, the mailbox as Dovecot counts it.
for spec in imap:993:tls imap:143:starttls pop3:995:tls pop3:110:starttls; do
  IFS=: read -r proto port security <<EOF_SPEC
$spec
EOF_SPEC
  printf '%s\n' "$PASSWORD" | "$P" check --protocol "$proto" --server mail.lab.test --port "$port" \
    --password-stdin --json "$USER" > "$OUT/$port.json" 2> "$OUT/$port.err"
  rc=$?
  check "$rc:$(json_get "$OUT/$port.json" '(j["ok"], j["protocol"], j["problem"], j["stage"], j["server"]["port"], j["server"]["security"], j["login_tested"], j["tls"]["version"] is not None, len(j["steps"]) > 3, j["server_reply"], j["explanation"], j["fix"])')" \
    "0:(True, '$proto', None, None, $port, '$security', True, True, True, None, None, None)" \
    "--protocol $proto port $port: ok, with the contract's fields" "$(cat "$OUT/$port.json" "$OUT/$port.err")"
  want="('PLAIN' in j['auth_mechanisms'], len(j['capabilities']) > 0)"
  check "$(json_get "$OUT/$port.json" "$want")" "(True, True)" \
    "--protocol $proto port $port: capabilities and mechanisms"
  if [ "$proto" = imap ]; then
    check "$(json_get "$OUT/$port.json" 'j["mailbox"]')" "{'name': 'INBOX', 'messages': 2}" \
      "--protocol imap port $port: mailbox INBOX with the Maildir's 2 messages"
  else
    check "$(json_get "$OUT/$port.json" '"mailbox" in j')" False \
      "--protocol pop3 port $port: no IMAP mailbox member"
  fi
  printf 'Wrong-Secret-0\n' | "$P" check --protocol "$proto" --server mail.lab.test --port "$port" \
    --password-stdin --json "$USER" > "$OUT/w$port.json" 2> /dev/null
  rc=$?
  # The server's own refusal and its response code; the problem id is the diagnosis's
  # (one for every protocol's refused login once it reads IMAP's and POP3's codes).
  [ "$proto" = imap ] && code=AUTHENTICATIONFAILED || code=AUTH
  check "$rc:$(json_get "$OUT/w$port.json" '(j["ok"], j["problem"] is not None, j["stage"], "['$code']" in j["server_reply"], j["explanation"] is not None, j["login_tested"])')" \
    "1:(False, True, 'auth', True, True, True)" \
    "--protocol $proto port $port, wrong password: exit 1, refused at the login with [$code]" \
    "$(cat "$OUT/w$port.json")"
done

# The text report of one incoming server: its steps in words, the mailbox.
printf '%s\n' "$PASSWORD" | "$P" check --protocol imap --server mail.lab.test --password-stdin \
  "$USER" > "$OUT/imap.txt" 2>&1
check "$?:$(grep -c "$(say 'Opening the inbox (read-only)' 'Posteingang öffnen (nur lesend)')" "$OUT/imap.txt"):$(grep -c "$(say 'Mailbox INBOX: 2 messages' 'Postfach INBOX: 2 Nachrichten')" "$OUT/imap.txt")" \
  "0:1:1" "--protocol imap, text: the mailbox step and count in words" "$(cat "$OUT/imap.txt")"

# Both halves, the password typed once: SMTP and IMAP (the lab's SRV records), both ok.
printf '%s\n' "$PASSWORD" | "$P" check --password-stdin --save-password --json "$USER" \
  > "$OUT/both.json" 2> "$OUT/both.err"
rc=$?
check "$rc:$(json_get "$OUT/both.json" '(j["ok"], [(c["protocol"], c["ok"], c["server"]["port"], c["login_tested"]) for c in j["checks"]])')" \
  "0:(True, [('smtp', True, 465, True), ('imap', True, 993, True)])" \
  "both halves: exit 0, ok, SMTP 465 and IMAP 993" "$(cat "$OUT/both.json" "$OUT/both.err")"
check "$(json_get "$OUT/both.json" 'j["checks"][1]["mailbox"]["messages"]')" 2 \
  "both halves: the IMAP half counted the Maildir"
stored () { secret-tool lookup xdg:schema "$SCHEMA" protocol "$1" host mail.lab.test port "$2" user "$USER" 2>/dev/null; }
check "$(stored smtp 465):$(stored imap 993)" "$PASSWORD:$PASSWORD" \
  "--save-password: each half's accepted password is its own keyring item"

# The text: a heading a half, the steps labelled with their half as they end, a summary.
"$P" check "$USER" < /dev/null > "$OUT/both.txt" 2> "$OUT/both-steps.txt"
rc=$?
check "$rc:$(grep -c "^== $(say 'Outgoing mail (SMTP)' 'Postausgang (SMTP)') ==" "$OUT/both.txt"):$(grep -c "^== $(say 'Incoming mail (IMAP)' 'Posteingang (IMAP)') ==" "$OUT/both.txt")" \
  "0:1:1" "both halves, text: a heading a half" "$(cat "$OUT/both.txt")"
check "$(grep -c '^SMTP \.' "$OUT/both-steps.txt"):$(grep -c "^IMAP \. $(say 'Opening the inbox' 'Posteingang öffnen')" "$OUT/both-steps.txt")" \
  "7:1" "both halves: each step as it ends, labelled with its half" "$(cat "$OUT/both-steps.txt")"
check "$(grep -c "^  $(say 'Incoming mail (IMAP): works' 'Posteingang (IMAP): funktioniert')\$" "$OUT/both.txt")" 1 \
  "both halves, text: the summary says the incoming half works (saved passwords)"

# A wrong incoming password in the keyring: only that half fails, and the exit is 1.
printf 'Wrong-Secret-0' | secret-tool store --label=wrong xdg:schema "$SCHEMA" protocol imap \
  host mail.lab.test port 993 user "$USER"
"$P" check --json "$USER" < /dev/null > "$OUT/half.json" 2> /dev/null
rc=$?
check "$rc:$(json_get "$OUT/half.json" '(j["ok"], [(c["protocol"], c["ok"], c["stage"]) for c in j["checks"]])')" \
  "1:(False, [('smtp', True, None), ('imap', False, 'auth')])" \
  "one half failing: exit 1, ok false only there" "$(cat "$OUT/half.json")"
problem=$(json_get "$OUT/half.json" 'j["checks"][1]["problem"]')
"$P" check "$USER" < /dev/null > "$OUT/half.txt" 2> /dev/null
check "$(grep -c "^  $(say 'Outgoing mail (SMTP): works' 'Postausgang (SMTP): funktioniert')\$" "$OUT/half.txt"):$(grep -c "^  $(say "Incoming mail (IMAP): does not work ($problem)" "Posteingang (IMAP): funktioniert nicht ($problem)")\$" "$OUT/half.txt")" \
  "1:1" "one half failing, text: the summary says which" "$(cat "$OUT/half.txt")"

# Without an incoming item, the incoming half logs in with the outgoing one's password.
secret-tool clear xdg:schema "$SCHEMA" protocol imap host mail.lab.test port 993 user "$USER"
"$P" check --json "$USER" < /dev/null > "$OUT/fallback.json" 2> /dev/null
check "$?:$(json_get "$OUT/fallback.json" '[(c["protocol"], c["authenticated"]) for c in j["checks"]]')" \
  "0:[('smtp', True), ('imap', True)]" "no incoming item: the outgoing one's password serves both" \
  "$(cat "$OUT/fallback.json")"

# A protocol that does not exist is a usage error, said in the user's language, before
# anything is asked.
"$P" check --protocol bogus "$USER" < /dev/null > "$OUT/bogus.out" 2> "$OUT/bogus.err"
check "$?:$(head -n 1 "$OUT/bogus.err")" \
  "2:postbote check: $(say '--protocol must be smtp, imap or pop3' '--protocol muss smtp, imap oder pop3 sein')" \
  "--protocol bogus: usage error, exit 2" "$(cat "$OUT/bogus.err")"

tap_done
