#!/bin/sh
# postbote check --oauth against the lab's real authorization server (glewlwyd), Dovecot and
# Postfix, with a real keyring (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-oauth-cli-lab.sh
# The lab's domain comes with its sign-in server from an administrator's preset
# (tests/lab/providers/lab-oauth.xml, found through XDG_DATA_DIRS, as one installed in
# /usr/share/postbote/providers/ would be). Postbote's client registration is the setting
# oauth-clients, set as a person sets it (GSettings, its keyfile backend here). The browser
# is tests/lab/oauth_browser.py at glewlwyd's real login page, given the address that
# postbote prints. Covered: no registration (also with the sender check); a code entered on
# another device (--oauth-device, RFC 8628); the sign-in in the browser, both halves logged in with the token and the refresh token saved; the saved
# sign-in used without a browser; the hand-offs of the account (postbote export); a revoked one; a sign-in without the mail scope; postbote
# forget; and no token in any output or file.
set -u
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/lab-keyring.sh"
. "$(dirname "$0")/lab-oauth.sh"
saved () { secret-tool lookup issuer auth.lab.test client postbote-lab user "$USER" 2>/dev/null; }

# device NAME ARGS...: postbote check --oauth-device ARGS --json alice in the background; the
# person enters the code it prints at glewlwyd's device page (from "another device").
device ()
{
  name=$1; shift
  "$P" check --oauth-device "$@" --json "$USER" > "$OUT/$name.json" 2> "$OUT/$name.err" &
  pid=$!
  code=
  i=0
  while [ $i -lt 300 ] && kill -0 $pid 2>/dev/null; do
    code=$(sed -n 's/.* and enter the code \([^ ]*\)$/\1/p' "$OUT/$name.err" | head -n 1)
    [ -n "$code" ] && break
    sleep 0.1; i=$((i + 1))
  done
  [ -z "$code" ] || $BROWSER device "$code" > "$OUT/$name.browser" 2>&1
  wait $pid
  rc=$?
}

# No registration: the sign-in cannot start, and the result says so. The lab's glewlwyd
# would register Postbote (test-oauth-register-cli-lab.sh): here it does not.
$BROWSER registration off
oauth none
check "$rc:$(halves none)" \
  "1:[('smtp', False, 'oauth-no-client', None), ('imap', False, 'oauth-no-client', None)]" \
  "no client id: both halves fail with oauth-no-client" "$(cat "$OUT/none.err")"
check "$(json_get "$OUT/none.json" "j['checks'][0]['stage']")" "sign-in" \
  "no client id: the failed stage is the sign-in"
check "$(grep -c 'https://auth\.lab\.test/api/oidc/auth' "$OUT/none.err")" 0 \
  "no client id: no address to open"
check "$(grep -c 'sign-in server https://auth\.lab\.test/api/oidc allows no registration' "$OUT/none.err")" 1 \
  "no client id: the message says the server allows no registration"
# The same with the sender check (as the window tests found settings): the envelope that
# would follow, refused without a login, does not take the sign-in's place.
oauth none-envelope --dry-run-send
check "$rc:$(halves none-envelope)" \
  "1:[('smtp', False, 'oauth-no-client', None), ('imap', False, 'oauth-no-client', None)]" \
  "no client id, --dry-run-send: both halves still fail with oauth-no-client" \
  "$(cat "$OUT/none-envelope.err")"

settings "{'auth.lab.test': {'client-id': 'postbote-lab', 'redirect-ports': '47100-47109'}}"

# A code entered on another device (RFC 8628), with nothing saved yet: both halves log in,
# and the check opened no address on this machine.
device code
check "$rc:$(halves code)" \
  "0:[('smtp', True, None, 'OAUTHBEARER'), ('imap', True, None, 'OAUTHBEARER')]" \
  "device code: entered on another device, both halves log in with the token" \
  "$(cat "$OUT/code.err" "$OUT/code.browser")"
check_match "device code: the code is entered at the issuer's https page" \
  "$(grep -m 1 'enter the code' "$OUT/code.err")" 'open https://auth\.lab\.test/api/oidc/device and enter'
check "$(grep -c 'http://127' "$OUT/code.err"):$(saved)" "0:" \
  "device code: no loopback address, and without --save-password nothing is saved"

# The sign-in in the browser; both halves log in with the access token.
oauth first --save-password
check "$rc:$(halves first)" \
  "0:[('smtp', True, None, 'OAUTHBEARER'), ('imap', True, None, 'OAUTHBEARER')]" \
  "browser sign-in: SMTP and IMAP accept the token (OAUTHBEARER)" \
  "$(cat "$OUT/first.err" "$OUT/first.browser")"
check_match "browser sign-in: the browser came back to the loopback" \
  "$(cat "$OUT/first.browser")" '^http://127\.0\.0\.1:471[0-9][0-9]/\?.*code='
check_match "browser sign-in: the address asks for PKCE S256 and the mail scope" \
  "$(grep -m 1 -o 'https://auth\.lab\.test/[^ ]*' "$OUT/first.err")" \
  'code_challenge_method=S256.*scope=mail|scope=mail.*code_challenge_method=S256'
refresh=$(saved)
check "$([ ${#refresh} -gt 20 ] && echo saved)" saved \
  "--save-password: the refresh token is in the keyring"

# The saved sign-in, without a browser; a test message found with the token's IMAP login.
oauth again --no-browser --transcript --send-test --wait 30
check "$rc:$(halves again)" \
  "0:[('smtp', True, None, 'OAUTHBEARER'), ('imap', True, None, 'OAUTHBEARER')]" \
  "saved sign-in: both halves log in again, without a browser" "$(cat "$OUT/again.err")"
check "$(json_get "$OUT/again.json" "(j['round_trip']['ok'], j['round_trip']['delivered'])")" \
  "(True, True)" "saved sign-in: the test message arrives and is found over IMAP with the token"
check "$(grep -c 'Signed in with the sign-in saved in the keyring' "$OUT/again.err"):$(grep -c 'https://' "$OUT/again.err")" \
  "1:0" "saved sign-in: says so, and prints no address to open"
check "$(json_get "$OUT/again.json" "sum('<redacted>' in l['text'] for c in j['checks'] for l in c['transcript'])")" \
  2 "saved sign-in: the token is <redacted> in both transcripts"

# The hand-offs of the account that signed in: autoconfig says OAuth2; msmtp and the Apple
# profile would get a password login that never works, so they refuse and say what to do.
"$P" export --format autoconfig "$USER" > "$OUT/export.xml" 2> "$OUT/export.err"
rc=$?
check "$rc:$(grep -c '<authentication>OAuth2</authentication>' "$OUT/export.xml"):$(grep -c 'password-cleartext' "$OUT/export.xml")" \
  "0:2:0" "export: autoconfig of the signed-in account says OAuth2" "$(cat "$OUT/export.err")"
for format in msmtp mobileconfig; do
  "$P" export --format $format "$USER" > "$OUT/export.$format" 2> "$OUT/export.$format.err"
  rc=$?
  check "$([ $rc -ne 0 ] && echo refused):$(wc -c < "$OUT/export.$format")" "refused:0" \
    "export: $format refuses the signed-in account" "$(cat "$OUT/export.$format.err")"
done
check "$(grep -c 'passwordeval' "$OUT/export.msmtp.err")" 1 \
  "export: msmtp says that it needs a token program"

# The sign-in is revoked at the provider (as its security page does): the saved one fails.
printf '%s\n' "$refresh" | $BROWSER revoke
oauth revoked --no-browser
check "$rc:$(halves revoked)" \
  "1:[('smtp', False, 'oauth-sign-in-expired', None), ('imap', False, 'oauth-sign-in-expired', None)]" \
  "revoked sign-in: oauth-sign-in-expired, no login tried" "$(cat "$OUT/revoked.err")"
check "$(json_get "$OUT/revoked.json" "[c['tls']['version'] is not None for c in j['checks']]")" \
  "[True, True]" "revoked sign-in: the servers' encryption is still checked"

# A sign-in without the mail scope (an administrator's preset that names another scope):
# glewlwyd issues it, Dovecot refuses it for mail.
mkdir -p "$PB_KEYRING_HOME/scoped/postbote/providers"
sed 's|<scope>mail</scope>|<scope>calendar</scope>|' "$PB_LAB_SRCDIR/providers/lab-oauth.xml" \
  > "$PB_KEYRING_HOME/scoped/postbote/providers/lab-oauth.xml"
XDG_DATA_DIRS="$PB_KEYRING_HOME/scoped:/usr/share" oauth scope
check "$rc:$(halves scope)" \
  "1:[('smtp', False, 'auth-token-refused', 'OAUTHBEARER'), ('imap', False, 'auth-token-refused', 'OAUTHBEARER')]" \
  "calendar scope: the servers refuse the token (auth-token-refused)" "$(cat "$OUT/scope.err")"

# postbote forget removes the saved sign-in with the passwords.
"$P" forget "$USER" > "$OUT/forget.out" 2> "$OUT/forget.err"
rc=$?
check "$rc:$(grep -c "^$(say 'Removed 1 saved sign-in for' '1 gespeicherte Anmeldung für') $USER" "$OUT/forget.out"):$(saved)" \
  "0:1:" "forget: the saved sign-in is removed, and says so" "$(cat "$OUT/forget.out" "$OUT/forget.err")"

# No token anywhere but in the keyring: not the refresh token, not an OAUTHBEARER message
# ("n,a=" in base64 starts "bixhPQ"), not a "Bearer" in the clear.
found=$(grep -rlaF -e "$refresh" "$OUT" "$XDG_CONFIG_HOME" 2>/dev/null)
check "$found" "" "the refresh token is in no output and no file"
found=$(grep -rlaE -e 'bixhPQ|Bearer ' "$OUT" "$XDG_CONFIG_HOME" 2>/dev/null)
check "$found" "" "no SASL token message and no bearer token in any output or file"
tap_done
