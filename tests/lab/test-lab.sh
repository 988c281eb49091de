#!/bin/bash
# Proves that the lab's real servers behave as tests/lab/README.md promises, and that they
# can say no.  Run inside the lab: tests/lab/lab-run --tap tests/lab/test-lab.sh  (TAP output)

if [ -z "${PB_LAB_DIR:-}" ]; then
  echo "Bail out! run me through tests/lab/lab-run"
  exit 1
fi

. "$(dirname "$(readlink -f "$0")")/../tap.sh"

CERTS=$PB_LAB_DIR/certs

dns ()
{
  dig +time=2 +tries=1 @127.0.0.1 "$@" 2>&1
}

# swaks against the lab's Postfix, verifying its certificate with the test CA.
smtp ()
{
  swaks --server mail.lab.test --timeout 10 --tls-verify --tls-ca-path "$CERTS/ca.crt" \
    --helo client.lab.test "$@" 2>&1
}

alice=(--auth PLAIN --auth-user alice@lab.test --auth-password Alice-Secret-1)
# A server reply line in swaks' transcript: "<- " plain, "<~ " TLS, "<** "/"<~* " an error.
R='^<[-~*]\*? +'

# ---- DNS ----
out=$(dns +short A mail.lab.test)
check_match "DNS: mail.lab.test has address 127.0.0.1" "$out" '^127\.0\.0\.1$'
out=$(dns +short MX lab.test)
check_match "DNS: lab.test MX is mail.lab.test" "$out" '^10 mail\.lab\.test\.$'
out=$(dns +short SRV _submission._tcp.lab.test)
check_match "DNS: SRV _submission._tcp.lab.test -> mail.lab.test:587" "$out" '^0 1 587 mail\.lab\.test\.$'
out=$(dns AAAA mail.lab.test | grep -E 'status:|ANSWER:' | tr '\n' ' ')
check_match "DNS: AAAA mail.lab.test is NODATA, not NXDOMAIN" "$out" 'status: NOERROR.*ANSWER: 0,'
out=$(dns A nothing.invalid)
check_match "DNS: .invalid is NXDOMAIN" "$out" 'status: NXDOMAIN'
out=$(dns A example.com)
check_match "DNS: names outside the lab are NXDOMAIN (no upstream)" "$out" 'status: NXDOMAIN'
out=$(getent hosts mail.lab.test)
check_match "NSS (getaddrinfo path) resolves mail.lab.test via the lab DNS" "$out" '^127\.0\.0\.1 '
# GIO's asynchronous resolver asks for AF_INET with AI_ADDRCONFIG, which fails when lo has
# nothing but loopback addresses.
out=$(/usr/bin/python3 -c 'import socket; print(socket.getaddrinfo("mail.lab.test", 25,
  socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_ADDRCONFIG)[0][4][0])' 2>&1)
check_match "getaddrinfo(AF_INET, AI_ADDRCONFIG) resolves mail.lab.test" "$out" '^127\.0\.0\.1$'

# ---- trust store and certificates ----
if cmp -s /etc/ssl/certs/ca-certificates.crt "$CERTS/ca.crt"; then
  ok "system CA bundle is the lab's test CA"
else
  not_ok "system CA bundle is the lab's test CA"
fi
verify ()
{
  certtool --verify --load-ca-certificate /etc/ssl/certs/ca-certificates.crt \
    --infile "$CERTS/$1.crt" --verify-hostname "$2" 2>&1 | grep 'Chain verification output'
}
check_match "cert mail: trusted for smtp.lab.test" "$(verify mail smtp.lab.test)" 'Verified\.'
check_match "cert wildcard: trusted for ok.smtp.test" "$(verify wildcard ok.smtp.test)" 'Verified\.'
check_match "cert expired: expired" "$(verify expired ok.smtp.test)" 'expired'
check_match "cert notyet: not yet valid" "$(verify notyet ok.smtp.test)" 'not yet valid'
check_match "cert wronghost: name mismatch only" "$(verify wronghost ok.smtp.test)" \
  'NOT trusted\. The name in the certificate does not match the expected\. *$'
check_match "cert selfsigned: issuer unknown" "$(verify selfsigned ok.smtp.test)" 'issuer is unknown'
check_match "cert unknownca: issuer unknown" "$(verify unknownca ok.smtp.test)" 'issuer is unknown'

# ---- Postfix: submission ----
out=$(smtp --port 465 --tlsc "${alice[@]}" --quit-after AUTH)
check_match "465 implicit TLS: alice authenticates" "$out" "${R}235 "
out=$(smtp --port 587 --tls "${alice[@]}" --quit-after AUTH)
check_match "587 STARTTLS: alice authenticates" "$out" "${R}235 "
out=$(smtp --port 587 --tls --auth PLAIN --auth-user alice@lab.test \
  --auth-password Wrong-Password --quit-after AUTH)
check_match "587: a wrong password gets 535" "$out" "${R}535 "
out=$(smtp --port 465 --tlsc --auth LOGIN --auth-user alice@lab.test \
  --auth-password Wrong-Password --quit-after AUTH)
check_match "465: a wrong password gets 535" "$out" "${R}535 "
out=$(swaks --server mail.lab.test --port 587 --quit-after EHLO 2>&1)
check_match "587 without TLS: STARTTLS offered" "$out" "${R}250[- ]STARTTLS"
check_no_match "587 without TLS: no AUTH offered" "$out" '250[- ]AUTH'
out=$(swaks --server mail.lab.test --port 587 --from alice@lab.test --to bob@lab.test \
  --quit-after RCPT 2>&1)
check_match "587 without TLS: MAIL is refused" "$out" "${R}530 .*STARTTLS"

# ---- Postfix: port 25 (MX) ----
out=$(smtp --port 25 --tls --quit-after EHLO)
check_match "25: STARTTLS works with a valid certificate" "$out" '^=== TLS started'
check_no_match "25: no AUTH offered after STARTTLS" "$(grep -A20 '^=== TLS started' <<< "$out")" \
  '250[- ]AUTH'
out=$(smtp --port 25 --tls --from x@example.test --to someone@example.test --quit-after RCPT)
check_match "25: no relaying for other domains" "$out" "${R}554 .*Relay access denied"

# ---- Postfix: policy ----
out=$(smtp --port 587 --tls "${alice[@]}" --from bob@lab.test --to bob@lab.test --quit-after RCPT)
check_match "sender mismatch: 553 at RCPT" "$out" \
  "${R}553 5\\.7\\.1 <bob@lab\\.test>: Sender address rejected: not owned by user alice@lab\\.test"
out=$(smtp --port 587 --tls --to bob@lab.test --from alice@lab.test --quit-after RCPT)
check_match "587 with TLS, without AUTH: RCPT is refused" "$out" "${R}55[34] "
big=$PB_LAB_DIR/big-message.eml
{
  printf 'From: alice@lab.test\r\nTo: bob@lab.test\r\nSubject: too big\r\n\r\n'
  head -c 1200000 /dev/zero | tr '\0' 'x' | fold -w 76
} > "$big"
out=$(smtp --port 465 --tlsc "${alice[@]}" --from alice@lab.test --to bob@lab.test --suppress-data --data "@$big")
check_match "message_size_limit: 1.2 MB message gets 552" "$out" "${R}552 "

# ---- delivery: alice -> bob arrives in bob's Maildir ----
token="lab-token-$$-$RANDOM$RANDOM"
out=$(smtp --port 587 --tls "${alice[@]}" --from alice@lab.test --to bob@lab.test \
  --header "Subject: $token")
check_match "alice sends to bob: 250 queued" "$out" "${R}250 2\\.0\\.0 Ok: queued"
found=
for ((i = 0; i < 100; i++)); do
  found=$(grep -l -- "$token" "$PB_LAB_DIR"/mail/bob/Maildir/new/* 2>/dev/null)
  [ -n "$found" ] && break
  sleep 0.1
done
if [ -n "$found" ]; then
  ok "the message arrived in bob's Maildir"
else
  not_ok "the message arrived in bob's Maildir" "$(tail -n 15 "$PB_LAB_DIR/log/postfix.log")"
fi
if grep -l -- "$token" "$PB_LAB_DIR"/mail/alice/Maildir/new/* >/dev/null 2>&1; then
  not_ok "the message did not arrive in alice's Maildir"
else
  ok "the message did not arrive in alice's Maildir"
fi

# ---- Dovecot IMAP ----
out=$(printf 'a LOGOUT\r\n' | timeout 10 gnutls-cli --x509cafile="$CERTS/ca.crt" -p 993 \
  imap.lab.test 2>&1)
check_match "993 (gnutls-cli): certificate trusted for imap.lab.test" "$out" \
  'Status: The certificate is trusted'
# imaplib verifies against the system trust store, i.e. the bind-mounted lab CA bundle.
imap ()
{
  /usr/bin/python3 - "$@" 2>&1 <<'EOF'
import imaplib, sys
user, password = sys.argv[1], sys.argv[2]
try:
    with imaplib.IMAP4_SSL("imap.lab.test", 993, timeout=10) as m:
        m.login(user, password)
        typ, data = m.select("INBOX", readonly=True)
        print("LOGIN OK", typ, "EXISTS", data[0].decode())
except imaplib.IMAP4.error as e:
    print("IMAP NO", e)
except Exception as e:
    print("ERROR", type(e).__name__, e)
EOF
}
out=$(imap bob@lab.test Bob-Secret-2)
check_match "993: bob logs in and his INBOX has the message" "$out" '^LOGIN OK OK EXISTS [1-9]'
out=$(imap bob@lab.test Wrong-Password)
check_match "993: a wrong password is refused" "$out" '^IMAP NO .*AUTHENTICATIONFAILED'
out=$(printf 'a CAPABILITY\r\nb LOGOUT\r\n' | timeout 10 bash -c \
  'exec 3<>/dev/tcp/127.0.0.1/143; cat >&3; cat <&3')
check_match "143: STARTTLS offered" "$out" '^\* CAPABILITY .*STARTTLS'

# ---- nginx ----
out=$(/usr/bin/python3 - 2>&1 <<'EOF'
import ssl, urllib.request, urllib.error
try:
    urllib.request.urlopen("https://www.lab.test/lab-does-not-exist", timeout=10)
    print("fetched")
except urllib.error.HTTPError as e:
    print("HTTP", e.code)
except Exception as e:
    print("ERROR", e)
try:
    urllib.request.urlopen("https://127.0.0.1/", timeout=10)
    print("no verification")
except urllib.error.URLError as e:
    print("refused:", e.reason)
EOF
)
check_match "443: TLS with the test CA via the system trust store (404 for a missing file)" "$out" \
  '^HTTP 404$'
check_match "443: a name outside the certificate fails verification" "$out" \
  "^refused:.*(CERTIFICATE_VERIFY_FAILED|match)"

tap_done
