#!/bin/sh
# postbote export --format goa against the real goa-daemon, with a real keyring (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-export-goa-lab.sh
# The account is verified first against the lab's Postfix (2587, STARTTLS: a port GOA must
# be told) and Dovecot (143, STARTTLS: the port GOA assumes); the hand-off must give GOA
# exactly those settings, read back from goa-daemon over D-Bus, and the password must be in
# GOA's own keyring item. Then the undo, and what GOA cannot take (POP3).
set -u
. "$(dirname "$0")/../tap.sh"

. "$(dirname "$0")/lab-keyring.sh"

OBJECTS="$(dirname "$0")/goa-objects.py"
OUT=$(mktemp -d)
goa_pid=""
cleanup () {
  [ -n "$goa_pid" ] && kill "$goa_pid" 2>/dev/null && wait "$goa_pid" 2>/dev/null
  rm -rf "$OUT"
}
trap cleanup EXIT

if [ ! -x /usr/libexec/goa-daemon ]; then
  echo "1..0 # SKIP goa-daemon is not installed (build-aux/deps.sh installs it)"
  exit 0
fi

verify_lab_servers "$USER" "$PASSWORD" "$OUT"

# No goa-daemon on the bus (and none the bus could start).
"$P" export --format goa "$USER" > "$OUT/none.out" 2> "$OUT/none.err"
check "$?:$(cat "$OUT/none.out")" "4:" "without goa-daemon: exit 4, nothing on stdout" \
  "$(cat "$OUT/none.err")"
check_match "… and says GOA is not available" "$(cat "$OUT/none.err")" \
  "GNOME Online Accounts is not available in this session"

# The daemon keeps its accounts in keyring-run's private XDG_CONFIG_HOME.
env -u G_DEBUG /usr/libexec/goa-daemon > "$OUT/goa.log" 2>&1 &
goa_pid=$!
for i in $(seq 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.gnome.OnlineAccounts 2>/dev/null \
    | grep -q true && break
  sleep 0.1
done
check "$("$OBJECTS" 2>&1)" "" "goa-daemon is on the bus with no account" "$(cat "$OUT/goa.log")"

"$P" export --format goa "$USER" > "$OUT/add.out" 2> "$OUT/add.err"
check "$?" 0 "export --format goa: exit 0" "$(cat "$OUT/add.out" "$OUT/add.err" "$OUT/goa.log")"
path=$(sed -n 's/.*: \(\/org\/gnome\/OnlineAccounts\/Accounts\/[A-Za-z0-9_]*\)$/\1/p' \
  "$OUT/add.out")
check "$("$OBJECTS")" "${path:-none}" "… prints the path of the one account GOA now has" \
  "$(cat "$OUT/add.out")"
props=$("$OBJECTS" "${path:-/none}")
want() { check_match "GOA's $1 is $2" "$props" "^$1=$2\$"; }
want ProviderType imap_smtp
want Identity "$USER"
want PresentationIdentity "$USER"
want MailDisabled false
want EmailAddress "$USER"
want ImapSupported true
want ImapHost mail.lab.test
want ImapUserName "$USER"
want ImapUseSsl false
want ImapUseTls true
want ImapAcceptSslErrors false
want SmtpSupported true
want SmtpHost mail.lab.test:2587
want SmtpUseAuth true
want SmtpUserName "$USER"
want SmtpAuthPlain true
want SmtpAuthLogin false
want SmtpUseSsl false
want SmtpUseTls true
want SmtpAcceptSslErrors false

id=$(printf '%s\n' "$props" | sed -n 's/^Id=//p')
item=$(secret-tool lookup goa-identity "imap_smtp:gen0:${id:-none}" 2>&1)
check_match "GOA's keyring item holds the IMAP password" "$item" \
  "'imap-password': <'$PASSWORD'>"
check_match "… and the SMTP password" "$item" "'smtp-password': <'$PASSWORD'>"
check_no_match "no password in GOA's accounts.conf" \
  "$(cat "$XDG_CONFIG_HOME/goa-1.0/accounts.conf" 2>&1)" "$PASSWORD"

"$P" export --format goa "$USER" > "$OUT/again.out" 2> "$OUT/again.err"
check "$?:$("$OBJECTS" | wc -l)" "1:1" "a second hand-off: exit 1, still one account" \
  "$(cat "$OUT/again.err")"

# The undo: the account and its keyring item are gone.
"$P" export --format goa --remove "$USER" > "$OUT/remove.out" 2> "$OUT/remove.err"
check "$?:$("$OBJECTS")" "0:" "--remove: exit 0, GOA has no account" \
  "$(cat "$OUT/remove.out" "$OUT/remove.err")"
check "$(secret-tool lookup goa-identity "imap_smtp:gen0:${id:-none}" 2>/dev/null)" "" \
  "… and GOA's keyring item is gone"
"$P" export --format goa --remove "$USER" > /dev/null 2> "$OUT/remove2.err"
check "$?" 1 "a second --remove: exit 1" "$(cat "$OUT/remove2.err")"

# A password typed for the hand-off; the account's incoming side then verified as POP3,
# which GOA's IMAP and SMTP provider cannot take.
printf '%s\n' "$PASSWORD" | "$P" export --format goa --password-stdin "$USER" \
  > "$OUT/typed.out" 2>&1
check "$?" 0 "export --format goa --password-stdin" "$(cat "$OUT/typed.out")"
"$P" export --format goa --remove "$USER" > /dev/null 2>&1
printf '%s\n' "$PASSWORD" | "$P" check --protocol pop3 --server mail.lab.test --port 995 \
  --security tls --password-stdin --save-password "$USER" > "$OUT/pop.out" 2>&1
check "$?" 0 "check --save-password: POP3 on 995 verified" "$(cat "$OUT/pop.out")"
"$P" export --format goa "$USER" > "$OUT/pop3.out" 2> "$OUT/pop3.err"
check "$?:$("$OBJECTS")" "1:" "a POP3 account: exit 1, nothing added to GOA"
check_match "… and says GOA takes IMAP only" "$(cat "$OUT/pop3.err")" "IMAP accounts only"
tap_done
