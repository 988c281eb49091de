#!/usr/bin/python3
"""Plays the person in the browser against the lab's authorization server (glewlwyd).

Given an authorization URL (PKCE challenge, state, loopback redirect URI), it does what
glewlwyd's login page (login.html and its script) does in a browser: it signs in at the real
login endpoint (POST /api/auth/), grants the client its scopes if they are not granted yet
(PUT /api/auth/grant/CLIENT/), goes back to the authorization endpoint as its "Continue"
button does (the callback URL with g_continue) and follows the redirect to the loopback URI with a GET, so that a program listening there receives the code.

As a module (Python 3 standard library only, inside the lab):

    import oauth_browser
    tokens = oauth_browser.get_tokens()             # the whole flow, PKCE S256, as alice
    oauth_browser.refresh(tokens["refresh_token"])  # a new access token
    oauth_browser.revoke(tokens["access_token"])    # RFC 7009, as the service client
    oauth_browser.introspect(token)                 # RFC 7662, what Dovecot sees
    oauth_browser.set_access_token_lifetime(2)      # the server's setting, for all new checks

From a shell (tokens are read from stdin, never from the command line):

    oauth_browser.py open URL [USER]      play the browser for URL; print where it ended
    oauth_browser.py device CODE [USER]   enter a device grant's user code (RFC 8628)
    oauth_browser.py token [SCOPE]        print a JSON token response for alice
    oauth_browser.py refresh              refresh token on stdin; print the JSON response
    oauth_browser.py revoke               token on stdin
    oauth_browser.py introspect           token on stdin; print the JSON answer
    oauth_browser.py lifetime SECONDS     set the access token lifetime
    oauth_browser.py registration on|off  allow or refuse dynamic client registration
"""

import base64
import hashlib
import http.cookiejar
import http.server
import json
import secrets
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import oauth_lab as lab

DEFAULT_USER = "alice@lab.test"


class FlowError(Exception):
    """The authorization server did not end the flow at the loopback redirect."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """Cookies and one request at a time, redirects followed by hand (to see each one)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())
        self.visited = []

    def request(self, method, url, data=None, headers=None):
        self.visited.append((method, url))
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=10) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def send_json(self, method, url, obj):
        return self.request(method, url, json.dumps(obj).encode(),
                            {"Content-Type": "application/json"})


def pkce_pair():
    """A code verifier (RFC 7636, 43-128 characters) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(redirect_uri, scope=lab.SCOPE_MAIL, state=None, challenge=None,
                      client_id=lab.CLIENT_ID):
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
             "scope": scope, "state": state or secrets.token_urlsafe(16)}
    if challenge is not None:
        query.update(code_challenge=challenge, code_challenge_method="S256")
    return lab.AUTHORIZATION_ENDPOINT + "?" + urllib.parse.urlencode(query)


def _is_loopback(url):
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def _login(browser, user, password):
    status, _, body = browser.send_json("POST", lab.LOGIN_ENDPOINT,
                                        {"username": user, "password": password})
    if status != 200:
        raise FlowError("login as %s refused: HTTP %d %s" % (user, status, body[:200]))


def _grant(browser, client_id, scope):
    url = "%s/api/auth/grant/%s/%s" % (lab.EXTERNAL_URL, urllib.parse.quote(client_id),
                                         urllib.parse.quote(scope))
    status, _, body = browser.request("GET", url)
    if status != 200:
        raise FlowError("grant list: HTTP %d %s" % (status, body[:200]))
    scopes = json.loads(body).get("scope", [])
    if not all(s.get("granted") for s in scopes):
        # The consent step: the person accepts every scope the client asked for.
        put = "%s/api/auth/grant/%s/" % (lab.EXTERNAL_URL, urllib.parse.quote(client_id))
        wanted = " ".join(s["name"] for s in scopes)
        status, _, body = browser.send_json("PUT", put, {"scope": wanted})
        if status != 200:
            raise FlowError("consent: HTTP %d %s" % (status, body[:200]))


def play(url, user=DEFAULT_USER, password=None, browser=None):
    """Follow URL as a browser would, signing in as USER at the login page. Returns the
    loopback URL it ended at, after a GET of it (so a listener there got the code). An error
    redirect to the loopback URI (error=access_denied, ...) counts as an end too."""
    browser = browser or Browser()
    password = lab.USERS.get(user, "") if password is None else password
    logged_in = False
    for _ in range(8):
        status, headers, body = browser.request("GET", url)
        location = headers.get("Location") if 300 <= status < 400 else None
        if location is None:
            raise FlowError("no redirect from %s: HTTP %d %s" % (url, status, body[:300]))
        location = urllib.parse.urljoin(url, location)
        if _is_loopback(location):
            try:
                browser.request("GET", location)
            except OSError:
                pass        # nobody listens there: a browser shows an error page
            return location
        parts = urllib.parse.urlsplit(location)
        if parts.path.endswith("/login.html"):
            if logged_in:
                raise FlowError("the login page came back after signing in: " + location)
            status, _, _ = browser.request("GET", location)
            if status != 200:
                raise FlowError("login page: HTTP %d" % status)
            query = dict(urllib.parse.parse_qsl(parts.query))
            _login(browser, user, password)
            _grant(browser, query["client_id"], query["scope"])
            logged_in = True
            # What the page's "Continue" button does (login.js, clickContinue).
            url = query["callback_url"]
            url += ("&" if "?" in url else "?") + "g_continue"
        else:
            url = location
    raise FlowError("too many redirects, last at " + url)


def enter_code(user_code, user=DEFAULT_USER, password=None, scope=lab.SCOPE_MAIL):
    """The person at another device answers a device grant (RFC 8628): signs in at the
    login API, grants the client the scope, and enters the code at the verification page
    the way its form does (GET .../device?code=CODE&g_continue). Returns where the page went
    (glewlwyd's prompt=deviceComplete on success)."""
    browser = Browser()
    password = lab.USERS.get(user, "") if password is None else password
    _login(browser, user, password)
    _grant(browser, lab.CLIENT_ID, scope)
    url = "%s?code=%s&g_continue" % (lab.DEVICE_VERIFICATION_URI, urllib.parse.quote(user_code))
    status, headers, body = browser.request("GET", url)
    location = headers.get("Location") if 300 <= status < 400 else None
    if location is None or "prompt=deviceComplete" not in location:
        raise FlowError("device code %s: HTTP %d %s %s" % (user_code, status, location,
                                                          body[:200]))
    return location


class _Loopback(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.received = urllib.parse.urlsplit(self.path).query
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"You can close this window.\n")

    def log_message(self, *args):
        pass


def listen(port=lab.REDIRECT_PORTS[0]):
    """A one-shot loopback listener (what the app runs): serve() it, read .received."""
    server = http.server.HTTPServer(("127.0.0.1", port), _Loopback)
    server.received = None
    server.timeout = 15
    return server


def _post_form(url, fields):
    req = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _json_or_raise(what, status, body):
    if status != 200:
        raise FlowError("%s: HTTP %d %s" % (what, status, body[:300]))
    return json.loads(body)


def exchange(code, verifier, redirect_uri, client_id=lab.CLIENT_ID):
    status, body = _post_form(lab.TOKEN_ENDPOINT, {
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
        "client_id": client_id, "code_verifier": verifier})
    return _json_or_raise("code exchange", status, body)


def get_tokens(scope=lab.SCOPE_MAIL, user=DEFAULT_USER, password=None,
               port=lab.REDIRECT_PORTS[0]):
    """The whole authorization code flow with PKCE, as a native app runs it: a loopback
    listener, the browser played, state checked, the code exchanged. Returns the token
    endpoint's JSON (access_token, refresh_token, expires_in, scope, ...)."""
    redirect_uri = "http://127.0.0.1:%d/" % port
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    server = listen(port)
    try:
        waiter = threading.Thread(target=server.handle_request)
        waiter.start()
        play(authorization_url(redirect_uri, scope, state, challenge), user, password)
        waiter.join()
    finally:
        server.server_close()
    answer = dict(urllib.parse.parse_qsl(server.received or ""))
    if answer.get("state") != state:
        raise FlowError("state mismatch or no redirect: %r" % answer)
    if "code" not in answer:
        raise FlowError("no code: %r" % answer)
    return exchange(answer["code"], verifier, redirect_uri)


def refresh(refresh_token, client_id=lab.CLIENT_ID):
    status, body = _post_form(lab.TOKEN_ENDPOINT, {
        "grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id})
    return _json_or_raise("refresh", status, body)


def _service_form(token, hint):
    fields = {"token": token, "client_id": lab.SERVICE_CLIENT_ID,
              "client_secret": lab.SERVICE_CLIENT_SECRET}
    if hint:
        fields["token_type_hint"] = hint
    return fields


def revoke(token, hint=None):
    """RFC 7009 revocation. glewlwyd serves /revoke to authenticated clients only, so this
    uses the confidential service client (as a provider's back end would)."""
    status, body = _post_form(lab.REVOCATION_ENDPOINT, _service_form(token, hint))
    if status != 200:
        raise FlowError("revoke: HTTP %d %s" % (status, body[:300]))


def introspect(token, hint=None):
    """RFC 7662 introspection as Dovecot asks for it (client_secret_post)."""
    status, body = _post_form(lab.INTROSPECTION_ENDPOINT, _service_form(token, hint))
    return _json_or_raise("introspect", status, body)


def set_access_token_lifetime(seconds):
    """Change the plugin's access-token-duration through glewlwyd's admin API. glewlwyd
    computes a token's expiry from the current setting (iat + duration) when it is
    introspected, so the new lifetime applies to tokens already issued too."""
    set_plugin_parameter("access-token-duration", int(seconds))


def set_registration(allowed):
    """Allow dynamic client registration, or not: without it the metadata names no
    registration_endpoint and /register answers nothing."""
    set_plugin_parameter("register-client-allowed", bool(allowed))


def set_plugin_parameter(name, value):
    """Change one parameter of the OpenID Connect plugin through glewlwyd's admin API."""
    browser = Browser()
    _login(browser, lab.ADMIN_USER, lab.ADMIN_PASSWORD)
    url = "%s/api/mod/plugin/%s" % (lab.EXTERNAL_URL, lab.PLUGIN)
    status, _, body = browser.request("GET", url)
    module = _json_or_raise("plugin", status, body)
    module["parameters"][name] = value
    status, _, body = browser.send_json("PUT", url, module)
    if status != 200:
        raise FlowError("plugin update: HTTP %d %s" % (status, body[:300]))
    # The update is stored; "reset" reloads the instance with it (as the admin page does).
    status, _, body = browser.request("PUT", url + "/reset")
    if status != 200:
        raise FlowError("plugin reset: HTTP %d %s" % (status, body[:300]))


def _stdin_token():
    token = sys.stdin.readline().strip()
    if not token:
        raise SystemExit("oauth_browser: expected a token on stdin")
    return token


def main(argv):
    cmd, args = (argv[1], argv[2:]) if len(argv) > 1 else ("", [])
    try:
        if cmd == "open" and len(args) in (1, 2):
            print(play(args[0], *args[1:]))
        elif cmd == "device" and len(args) in (1, 2):
            print(enter_code(args[0], *args[1:]))
        elif cmd == "token" and len(args) <= 1:
            print(json.dumps(get_tokens(*args)))
        elif cmd == "refresh" and not args:
            print(json.dumps(refresh(_stdin_token())))
        elif cmd == "revoke" and not args:
            revoke(_stdin_token())
        elif cmd == "introspect" and not args:
            print(json.dumps(introspect(_stdin_token())))
        elif cmd == "lifetime" and len(args) == 1:
            set_access_token_lifetime(int(args[0]))
        elif cmd == "registration" and args in (["on"], ["off"]):
            set_registration(args[0] == "on")
        else:
            print(__doc__.split("From a shell")[1].split("\n", 1)[1].rstrip(), file=sys.stderr)
            return 2
    except FlowError as e:
        print("oauth_browser: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
