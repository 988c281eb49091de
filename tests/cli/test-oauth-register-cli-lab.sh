#!/bin/sh
# postbote check --oauth with NO client configured, against the lab's glewlwyd, which allows
# dynamic client registration (RFC 7591) and publishes RFC 8414 metadata (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run tests/cli/test-oauth-register-cli-lab.sh
# The lab's administrator's preset (tests/lab/providers/lab-oauth.xml) names the issuer
# identifier. Covered: the first check registers Postbote, signs in in the browser and logs
# in to SMTP and IMAP with the token; the registration is in the keyring and later checks
# (the saved sign-in, a new browser sign-in after postbote forget) reuse it: glewlwyd counts
# one registered client throughout; a check without a browser and nothing saved registers
# nothing; a server that allows no registration gives
# oauth-no-client; no secret of the registration in any output or file.
set -u
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/lab-keyring.sh"
. "$(dirname "$0")/lab-oauth.sh"
IDENTIFIER=https://auth.lab.test/api/oidc
registrations () { python3 "$PB_LAB_SRCDIR/oauth_lab.py" registrations "$PB_LAB_DIR/oauth"; }
registration () { secret-tool lookup xdg:schema "$SCHEMA.OAuthClient" issuer "$IDENTIFIER" 2>/dev/null; }
# entry KEY: a key of the saved registration (a GVariant a{ss} in its text form).
entry () { registration | python3 -c "import ast, sys; print(ast.literal_eval(sys.stdin.read() or '{}').get('$1', ''))" 2>/dev/null; }

ok_halves="0:[('smtp', True, None, 'OAUTHBEARER'), ('imap', True, None, 'OAUTHBEARER')]"

check "$(registrations):$(registration)" "0:" "before: no client registered, none in the keyring"

# Without a browser only a saved sign-in can work, and none is saved: no registration made.
oauth batch --no-browser
check "$rc:$(halves batch)" \
  "1:[('smtp', False, 'oauth-sign-in-expired', None), ('imap', False, 'oauth-sign-in-expired', None)]" \
  "--no-browser with nothing saved: no saved sign-in" "$(cat "$OUT/batch.err")"
check "$(registrations):$(registration)" "0:" "--no-browser with nothing saved: nothing registered"

# The first check: registers, signs in in the browser, both halves log in with the token.
oauth first --save-password
check "$rc:$(halves first)" "$ok_halves" \
  "first check: registered, signed in, SMTP and IMAP accept the token" \
  "$(cat "$OUT/first.err" "$OUT/first.browser" 2>/dev/null)"
check "$(registrations)" 1 "first check: glewlwyd has one registered client"
client=$(entry client-id)
secret=$(entry client-secret)
access=$(entry registration-access-token)
check "${#client}:$([ ${#secret} -gt 20 ] && echo secret):$([ ${#access} -gt 20 ] && echo token):$(entry redirect-ports)" \
  "16:secret:token:47100-47109" \
  "first check: the registration is in the keyring (client id, secret, RFC 7592 token, ports)"
check_match "first check: the browser signs in as the registered client" \
  "$(grep -m 1 -o 'https://auth\.lab\.test/[^ ]*' "$OUT/first.err")" "client_id=$client&"
check_match "first check: the browser came back to a registered loopback port" \
  "$(cat "$OUT/first.browser")" '^http://127\.0\.0\.1:471[0-9][0-9]/\?.*code='
check "$(secret-tool lookup issuer auth.lab.test client "$client" user "$USER" | wc -c | tr -d ' ' | sed 's/^[1-9][0-9]*$/saved/')" \
  saved "first check: the refresh token is saved for the registered client"

# The saved sign-in, without a browser: the same registration, nothing registered anew.
oauth again --no-browser
check "$rc:$(halves again)" "$ok_halves" \
  "second check: the saved sign-in with the saved registration logs in" "$(cat "$OUT/again.err")"
check "$(registrations):$(entry client-id)" "1:$client" \
  "second check: still one registered client, the same one"

# postbote forget removes the address's sign-in, not the installation's registration; the
# next browser sign-in uses it again.
"$P" forget "$USER" > "$OUT/forget.out" 2> "$OUT/forget.err"
check "$?:$(entry client-id)" "0:$client" "forget: the registration stays in the keyring" \
  "$(cat "$OUT/forget.out" "$OUT/forget.err")"
oauth third
check "$rc:$(halves third)" "$ok_halves" \
  "third check: a new browser sign-in with the kept registration" "$(cat "$OUT/third.err")"
check "$(registrations)" 1 "third check: still one registered client"

# A configured client wins over the registration.
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '%s\n' '[io/github/postbote/Postbote]' \
  "oauth-clients={'auth.lab.test': {'client-id': 'postbote-lab', 'redirect-ports': '47100-47109'}}" \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
oauth configured
check "$rc:$(halves configured)" "$ok_halves" "configured client: signs in" \
  "$(cat "$OUT/configured.err")"
check_match "configured client: the browser signs in as the configured client" \
  "$(grep -m 1 -o 'https://auth\.lab\.test/[^ ]*' "$OUT/configured.err")" 'client_id=postbote-lab&'
rm "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

# A server that allows no registration (its metadata names no registration endpoint), and
# no registration saved: oauth-no-client, saying why.
$BROWSER registration off
secret-tool clear xdg:schema "$SCHEMA.OAuthClient" issuer "$IDENTIFIER"
oauth closed
check "$rc:$(halves closed)" \
  "1:[('smtp', False, 'oauth-no-client', None), ('imap', False, 'oauth-no-client', None)]" \
  "no registration allowed: both halves fail with oauth-no-client" "$(cat "$OUT/closed.err")"
check "$(grep -c 'allows no registration of apps' "$OUT/closed.err"):$(grep -c 'https://auth.lab.test/api/oidc/auth' "$OUT/closed.err")" \
  "1:0" "no registration allowed: says so, and prints no address to open"
check "$(registrations)" 1 "no registration allowed: nothing registered"

# No secret of the registration anywhere but in the keyring.
found=$(grep -rlaF -e "$secret" -e "$access" "$OUT" "$XDG_CONFIG_HOME" 2>/dev/null)
check "$found" "" "the client secret and the registration access token are in no output and no file"
found=$(grep -rlaE -e 'bixhPQ|Bearer ' "$OUT" "$XDG_CONFIG_HOME" 2>/dev/null)
check "$found" "" "no SASL token message and no bearer token in any output or file"
tap_done
