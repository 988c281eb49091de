#!/bin/bash
# The lab's OAuth 2.0 parts work together, and say no: glewlwyd (services.d/85-oauth.sh)
# issues tokens through the authorization code flow with PKCE, played by oauth_browser.py;
# Dovecot's oauth2 passdb accepts them for IMAP (XOAUTH2, OAUTHBEARER) and, through Dovecot
# SASL, Postfix for SMTP on 587 and 465; garbage, revoked, expired, foreign and wrong-scope
# tokens are refused. Run inside the lab: tests/lab/lab-run --tap tests/lab/test-oauth-lab.sh

if [ -z "${PB_LAB_DIR:-}" ]; then
  echo "Bail out! run me through tests/lab/lab-run"
  exit 1
fi

here=$(dirname "$(readlink -f "$0")")
. "$here/../tap.sh"
export PYTHONPATH=$here${PYTHONPATH:+:$PYTHONPATH}
work=$PB_LAB_DIR/oauth-test
mkdir -p "$work"

py () { /usr/bin/python3 "$@" 2>&1; }
browser () { /usr/bin/python3 "$here/oauth_browser.py" "$@"; }

# sasl MECH USER imap|smtp [PORT]: authenticate with the token on stdin (never in argv);
# prints "OK text" or "NO text", after "CHALLENGE json" when the server sent an error
# challenge first (RFC 7628 section 3.2.3: the client answers it with an empty response).
cat > "$work/sasl.py" <<'EOF'
import imaplib, smtplib, sys
mech, user, proto = sys.argv[1], sys.argv[2], sys.argv[3]
port = int(sys.argv[4]) if len(sys.argv) > 4 else 993
token = sys.stdin.readline().strip()
host = proto + ".lab.test"
if mech == "XOAUTH2":
    first = "user=%s\1auth=Bearer %s\1\1" % (user, token)
else:
    first = "n,a=%s,\1host=%s\1port=%d\1auth=Bearer %s\1\1" % (user, host, port, token)
def answer(challenge=None):
    if challenge:
        print("CHALLENGE", challenge.decode() if isinstance(challenge, bytes) else challenge)
        return ""
    return first
try:
    if proto == "imap":
        with imaplib.IMAP4_SSL(host, port, timeout=10) as m:
            typ, data = m.authenticate(mech, lambda c: answer(c).encode())
            print("OK", data[0].decode())
    else:
        if port == 465:
            s = smtplib.SMTP_SSL(host, port, timeout=10)
        else:
            s = smtplib.SMTP(host, port, timeout=10)
            s.starttls()
        s.ehlo("client.lab.test")
        code, text = s.auth(mech, answer, initial_response_ok=True)
        print("OK", code, text.decode())
        s.quit()
except imaplib.IMAP4.error as e:
    print("NO", e)
except smtplib.SMTPAuthenticationError as e:
    print("NO", e.smtp_code, e.smtp_error.decode())
EOF
sasl () { /usr/bin/python3 "$work/sasl.py" "$@" 2>&1; }

field () { json_get "$1" "j.get('$2')"; }

# ---- discovery ----
py - > "$work/discovery.out" <<'EOF'
import json, urllib.request, oauth_lab as lab
for url in (lab.DISCOVERY_URL, lab.METADATA_URL):
    with urllib.request.urlopen(url, timeout=10) as r:
        d = json.load(r)
    print(url == lab.METADATA_URL and "rfc8414" or "oidc", d["issuer"], d["authorization_endpoint"],
          d["token_endpoint"], d["introspection_endpoint"], d["revocation_endpoint"],
          " ".join(d["code_challenge_methods_supported"]), d.get("require_code_challenge"),
          "mail" in d["scopes_supported"])
with urllib.request.urlopen(d["jwks_uri"], timeout=10) as r:
    print("jwks", [k["kty"] + "/" + k.get("alg", "") for k in json.load(r)["keys"]])
EOF
want='https://auth.lab.test/api/oidc https://auth.lab.test/api/oidc/auth https://auth.lab.test/api/oidc/token https://auth.lab.test/api/oidc/introspect https://auth.lab.test/api/oidc/revoke S256 True True'
check_match "discovery: OpenID configuration names the endpoints, S256 only, PKCE required" \
  "$(cat "$work/discovery.out")" "^oidc $want\$"
check_match "discovery: RFC 8414 metadata at /.well-known/oauth-authorization-server/api/oidc" \
  "$(cat "$work/discovery.out")" "^rfc8414 $want\$"
check_match "discovery: the signing key is published (ES256)" "$(cat "$work/discovery.out")" \
  "^jwks \\['EC/ES256'\\]"
# status URL [POSTFIELD=VALUE...]: the HTTP status of a GET (or a form POST), token from stdin
# for a field written as NAME=-.
cat > "$work/status.py" <<'EOF'
import sys, urllib.error, urllib.parse, urllib.request
url, fields = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
for k, v in fields.items():
    if v == "-":
        fields[k] = sys.stdin.readline().strip()
data = urllib.parse.urlencode(fields).encode() if fields else None
try:
    with urllib.request.urlopen(url, data=data, timeout=10) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
EOF
out=$(py "$work/status.py" https://auth.lab.test/login.html)
check "$out" 200 "the login page is served over HTTPS with the lab CA"

# ---- tokens through the browser helper ----
browser token > "$work/t1.json" 2> "$work/t1.err"
check "$?" 0 "helper: authorization code flow with PKCE gives tokens" "$(cat "$work/t1.err")"
out=$(json_get "$work/t1.json" "(j['token_type'], j['scope'], j['expires_in'], len(j['refresh_token']) > 20)")
check "$out" "('bearer', 'mail', 300, True)" "token response: bearer, scope mail, 300 s, refresh token"
field "$work/t1.json" access_token > "$work/at1"
field "$work/t1.json" refresh_token > "$work/rt1"

out=$(py - <<'EOF'
import oauth_browser as ob, oauth_lab as lab
url = ob.authorization_url("http://127.0.0.1:%d/" % lab.REDIRECT_PORTS[1])
print(ob.play(url))
EOF
)
check_match "without a code challenge the server redirects with an error (PKCE required)" \
  "$out" '^http://127\.0\.0\.1:47101/\?.*error=invalid_request'
out=$(py - <<'EOF'
import oauth_browser as ob, oauth_lab as lab
url = ob.authorization_url("http://127.0.0.1:9/", challenge=ob.pkce_pair()[1])
try:
    print(ob.play(url))
except ob.FlowError as e:
    print("refused:", e)
EOF
)
check_match "an unregistered loopback port is refused (redirect URIs are compared exactly)" \
  "$out" '^refused: no redirect from .* HTTP 403'
out=$(py - <<'EOF'
import urllib.parse, oauth_browser as ob, oauth_lab as lab
redirect = "http://127.0.0.1:%d/" % lab.REDIRECT_PORTS[2]
verifier, challenge = ob.pkce_pair()
end = ob.play(ob.authorization_url(redirect, challenge=challenge))
code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(end).query))["code"]
try:
    ob.exchange(code, ob.pkce_pair()[0], redirect)
    print("exchanged")
except ob.FlowError as e:
    print("refused:", e)
EOF
)
check_match "a code with the wrong code_verifier is refused" "$out" '^refused: code exchange: HTTP 403 .*invalid_code'

# ---- IMAP ----
for mech in XOAUTH2 OAUTHBEARER; do
  out=$(sasl $mech alice@lab.test imap < "$work/at1")
  check_match "IMAP 993: AUTHENTICATE $mech with alice's token" "$out" '^OK Logged in'
  out=$(echo "not-a-token" | sasl $mech alice@lab.test imap)
  check_match "IMAP 993: AUTHENTICATE $mech with a garbage token is refused" "$out" \
    '^NO .*AUTHENTICATIONFAILED'
  echo "$out" > "$work/imap-bad-$mech.out"
done
out=$(sasl XOAUTH2 bob@lab.test imap < "$work/at1")
check_match "IMAP: alice's token does not log bob in" "$out" '^NO .*AUTHENTICATIONFAILED'
cat > "$work/login.py" <<'EOF'
import imaplib, sys
secret = sys.stdin.readline().strip()
with imaplib.IMAP4_SSL("imap.lab.test", 993, timeout=10) as m:
    try:
        print(m.login(sys.argv[1], secret)[0])
    except imaplib.IMAP4.error as e:
        print("NO", e)
EOF
out=$(py "$work/login.py" alice@lab.test < "$work/at1")
check_match "IMAP: a token is no password (LOGIN with it is refused)" "$out" '^NO .*AUTHENTICATIONFAILED'

browser token calendar > "$work/cal.json" 2> "$work/cal.err"
field "$work/cal.json" access_token > "$work/at-cal"
out=$(sasl XOAUTH2 alice@lab.test imap < "$work/at-cal")
check_match "IMAP: a token without the mail scope is refused" "$out" '^NO .*AUTHENTICATIONFAILED'

# ---- SMTP ----
for port in 587 465; do
  out=$(sasl XOAUTH2 alice@lab.test smtp $port < "$work/at1")
  check_match "SMTP $port: AUTH XOAUTH2 with alice's token" "$out" '^OK 235 '
  out=$(echo "not-a-token" | sasl XOAUTH2 alice@lab.test smtp $port)
  check_match "SMTP $port: AUTH XOAUTH2 with a garbage token gets 535" "$out" '^NO 535 '
  echo "$out" > "$work/smtp-bad-$port.out"
done
out=$(sasl OAUTHBEARER alice@lab.test smtp 587 < "$work/at1")
check_match "SMTP 587: AUTH OAUTHBEARER with alice's token" "$out" '^OK 235 '
out=$(echo "not-a-token" | sasl OAUTHBEARER alice@lab.test smtp 587)
check_match "SMTP 587: AUTH OAUTHBEARER with a garbage token gets 535" "$out" '^NO 535 '
echo "$out" > "$work/smtp-bad-oauthbearer.out"
out=$(swaks --server mail.lab.test --port 587 --quit-after EHLO --tls 2>&1)
check_match "SMTP 587: EHLO after STARTTLS offers PLAIN beside XOAUTH2 and OAUTHBEARER" "$out" \
  '250[- ]AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER'

# ---- refresh ----
browser refresh < "$work/rt1" > "$work/t2.json" 2> "$work/t2.err"
check "$?" 0 "refresh: the refresh token gives a new access token" "$(cat "$work/t2.err")"
field "$work/t2.json" access_token > "$work/at2"
if cmp -s "$work/at1" "$work/at2"; then
  not_ok "refresh: the new access token differs from the old one"
else
  ok "refresh: the new access token differs from the old one"
fi
out=$(sasl XOAUTH2 alice@lab.test imap < "$work/at2")
check_match "IMAP: the refreshed access token logs in" "$out" '^OK Logged in'

# ---- revocation ----
check_cmd "revoke: the access token is revoked (RFC 7009)" browser revoke < "$work/at1"
out=$(browser introspect < "$work/at1")
check "$out" '{"active": false}' "introspection: the revoked token is inactive"
out=$(sasl XOAUTH2 alice@lab.test imap < "$work/at1")
check_match "IMAP: the revoked token is refused" "$out" '^NO .*AUTHENTICATIONFAILED'
out=$(sasl XOAUTH2 alice@lab.test smtp 587 < "$work/at1")
check_match "SMTP 587: the revoked token gets 535" "$out" '^NO 535 '
check_cmd "revoke: the refresh token is revoked" browser revoke < "$work/rt1"
out=$(browser refresh < "$work/rt1" 2>&1)
check_match "refresh: a revoked refresh token gives nothing" "$out" 'refresh: HTTP 400'
out=$(py "$work/status.py" https://auth.lab.test/api/oidc/revoke client_id=postbote-lab \
  token=- < "$work/at2")
check "$out" 401 "revoke: the public client cannot revoke (glewlwyd wants client authentication)"

# ---- expiry ----
check_cmd "admin API: the access token lifetime is set to 2 s" browser lifetime 2
browser token > "$work/t3.json" 2> "$work/t3.err"
check "$(json_get "$work/t3.json" "j['expires_in']")" 2 "a token issued now says expires_in 2"
field "$work/t3.json" access_token > "$work/at3"
exp=$(py -c 'import base64,json,sys; p=open(sys.argv[1]).read().split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["exp"])' "$work/at3")
while [ "$(date +%s)" -le "$((exp + 1))" ]; do sleep 0.2; done
out=$(browser introspect < "$work/at3")
check "$out" '{"active": false}' "introspection: the expired token is inactive"
out=$(sasl XOAUTH2 alice@lab.test imap < "$work/at3")
check_match "IMAP: the expired token is refused" "$out" '^NO .*AUTHENTICATIONFAILED'
out=$(sasl XOAUTH2 alice@lab.test smtp 465 < "$work/at3")
check_match "SMTP 465: the expired token gets 535" "$out" '^NO 535 '
check_cmd "admin API: the lifetime is back at 300 s" browser lifetime 300

# ---- passwords still work, and stay apart from tokens ----
out=$(echo Alice-Secret-1 | py "$work/login.py" alice@lab.test)
check "$out" OK "IMAP: alice's mail password still logs in"
out=$(echo Alice-Secret-1 | sasl XOAUTH2 alice@lab.test imap)
check_match "IMAP: her mail password is no token" "$out" '^NO .*AUTHENTICATIONFAILED'
out=$(echo | sasl XOAUTH2 alice@lab.test imap)
check_match "IMAP: an empty token is refused" "$out" '^NO '

tap_done
