#!/bin/sh
# postbote export against the lab's real programs, with a real keyring (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-export-lab.sh
# Two servers other than the domain's defaults are verified with --save-password (SMTP on
# 2587 with STARTTLS, IMAP on 143 with STARTTLS), so that each hand-off can only come out
# right from the verified settings:
#   - msmtp: --install writes its file (no password in it) and msmtp's keyring item; the
#     real msmtp then sends through Postfix and the message arrives in bob's Maildir.
#   - autoconfig: the exported config-v1.1.xml, served by nginx at autoconfig.lab.test, is
#     what Postbote's own discovery finds.
#   - srv: the exported records, given to dnsmasq in place of lab.test's own, are what the
#     discovery finds.
set -u
. "$(dirname "$0")/../tap.sh"

. "$(dirname "$0")/lab-keyring.sh"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# The two verified servers and what discovery must give back: (protocol, host, port,
# security, username).
WANT_OUT="('smtp', 'mail.lab.test', 2587, 'starttls', 'alice@lab.test')"
WANT_IN="('imap', 'mail.lab.test', 143, 'starttls', 'alice@lab.test')"
first_servers='[(s["protocol"], s["host"], s["port"], s["security"], s["username"]) for s in (j["outgoing"][0], j["incoming"][0])]'

verify_lab_servers "$USER" "$PASSWORD" "$OUT"
stored=$(cat "${XDG_STATE_HOME:-$HOME/.local/state}/postbote/verified/$USER.ini" 2>&1)
check_match "the verified settings are kept" "$stored" "^port=2587$"
check_no_match "… without the password" "$stored" "$PASSWORD"

# --detect: the settings found now (lab.test's own SRV records), not the verified ones.
"$P" export --detect --format srv "$USER" > "$OUT/detect.zone" 2> "$OUT/detect.err"
check "$?:$(grep -c '^_' "$OUT/detect.zone")" "0:2" "export --detect: two records" \
  "$(cat "$OUT/detect.zone" "$OUT/detect.err")"
check_match "… the discovery's outgoing server, not the verified one" "$(cat "$OUT/detect.zone")" \
  "^_submissions\._tcp\.lab\.test\.	3600	IN	SRV	0 1 465 mail\.lab\.test\.$"

# msmtp: the account block and the password where msmtp looks for it.
"$P" export --format msmtp --install "$USER" > "$OUT/install.out" 2>&1
check "$?" 0 "export --format msmtp --install" "$(cat "$OUT/install.out")"
conf="$XDG_CONFIG_HOME/msmtp/config"
check "$(stat -c %a "$conf" 2>&1)" 600 "msmtp's file is private (0600)"
check_no_match "msmtp's file holds no password" "$(cat "$conf")" "$PASSWORD|^password"
check "$(secret-tool lookup host mail.lab.test service smtp user "$USER" 2>&1)" "$PASSWORD" \
  "the password is under msmtp's attributes (host, service smtp, user)"
cp "$conf" "$OUT/conf.before"
"$P" export --format msmtp --install "$USER" > /dev/null 2>&1
check "$?:$(cmp -s "$conf" "$OUT/conf.before" && echo same)" "1:same" \
  "a second --install: exit 1, msmtp's file as it was"

token="msmtp-$(date +%s%N)"
printf 'From: %s\nTo: bob@lab.test\nSubject: %s\n\nSent by msmtp with the exported account.\n' \
  "$USER" "$token" | msmtp -a "$USER" bob@lab.test > "$OUT/msmtp.out" 2>&1
check "$?" 0 "the real msmtp sends with the exported file and the keyring" "$(cat "$OUT/msmtp.out")"
found=""
for i in $(seq 50); do
  found=$(grep -l "Subject: $token" "$PB_LAB_DIR"/mail/bob/Maildir/new/* 2>/dev/null)
  [ -n "$found" ] && break
  sleep 0.1
done
check "$([ -n "$found" ] && echo arrived)" arrived "msmtp's message arrives in bob's Maildir"
# Its queue id, from the Received line Postfix wrote, in the log of the 2587 service.
qid=$(sed -n 's/.*with ESMTPSA id \([0-9A-F]*\).*/\1/p' $found 2>/dev/null | head -n 1)
check_match "… through port 2587, logged in as alice" "$(cat "$PB_LAB_DIR/log/postfix.log")" \
  "submission-ascii/smtpd\[[0-9]+\]: ${qid:-none}: client=.*sasl_username=alice@lab.test"

# autoconfig: served where clients ask for it, found by the discovery.
mkdir -p "$PB_LAB_DIR/www/mail"
chmod 755 "$PB_LAB_DIR/www/mail"
"$P" export --format autoconfig --output "$PB_LAB_DIR/www/mail/config-v1.1.xml" "$USER" \
  2> "$OUT/ac.err"
check "$?" 0 "export --format autoconfig --output" "$(cat "$OUT/ac.err")"
check_match "… says where to publish it" "$(cat "$OUT/ac.err")" \
  "https://autoconfig.lab.test/mail/config-v1.1.xml"
"$P" detect --json "$USER" > "$OUT/ac.json" 2>&1
check "$(json_get "$OUT/ac.json" "(j['source'], $first_servers)")" \
  "('autoconfig', [$WANT_OUT, $WANT_IN])" \
  "the discovery finds exactly the exported autoconfig settings" "$(cat "$OUT/ac.json")"
rm "$PB_LAB_DIR/www/mail/config-v1.1.xml"

# srv: the exported records in place of lab.test's own, dnsmasq started again with them.
"$P" export --format srv --output "$OUT/zone" "$USER"
check "$?" 0 "export --format srv --output"
awk '/^_/ { name = $1; sub(/\.$/, "", name); target = $8; sub(/\.$/, "", target);
            printf "srv-host=%s,%s,%s,%s,%s\n", name, target, $7, $5, $6 }' "$OUT/zone" \
  > "$OUT/srv.conf"
check "$(wc -l < "$OUT/srv.conf")" 2 "two records: one per verified server"
grep -v '^srv-host=_[a-z0-9]*\._tcp\.lab\.test,' "$PB_LAB_DIR/dnsmasq.conf" > "$OUT/dnsmasq.conf"
for pid in $(pgrep -x dnsmasq); do
  grep -q "$PB_LAB_DIR/dnsmasq.conf" "/proc/$pid/cmdline" 2>/dev/null && kill "$pid"
done
# Gone when it no longer answers (a killed child stays a zombie until the lab reaps it).
while dig +time=1 +tries=1 @127.0.0.1 lab.test > /dev/null 2>&1; do sleep 0.05; done
dnsmasq --conf-file="$OUT/dnsmasq.conf" --conf-dir="$PB_LAB_SRCDIR/dns.d/,*.conf" \
  --conf-file="$PB_LAB_DIR/dnsmasq-local.conf" --conf-file="$OUT/srv.conf" \
  --keep-in-foreground >> "$PB_LAB_DIR/log/dnsmasq.log" 2>&1 &
for i in $(seq 100); do dig +short @127.0.0.1 mail.lab.test > /dev/null 2>&1 && break; sleep 0.05; done
check "$(dig +short @127.0.0.1 SRV _submission._tcp.lab.test)" "10 1 2587 mail.lab.test." \
  "dnsmasq answers the exported _submission record"
"$P" detect --json "$USER" > "$OUT/srv.json" 2>&1
check "$(json_get "$OUT/srv.json" "(j['source'], $first_servers, len(j['outgoing']), len(j['incoming']))")" \
  "('srv', [$WANT_OUT, $WANT_IN], 1, 1)" \
  "the discovery finds exactly the exported SRV records" "$(cat "$OUT/srv.json")"
tap_done
