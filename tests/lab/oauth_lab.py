#!/usr/bin/python3
"""The lab's OAuth 2.0 authorization server: names, accounts and glewlwyd's database.

glewlwyd (Debian's package, 2.7) runs with an SQLite database that `setup` builds from the
package's own schema on every lab start (services.d/85-oauth.sh). This module holds what tests
and the browser helper (oauth_browser.py) need to know about it. Python 3 standard library only.

    python3 oauth_lab.py setup DIR KEY.pem CERT.pem   # write DIR/glewlwyd.db
    python3 oauth_lab.py registrations DIR            # how many clients registered themselves
"""

import base64
import gzip
import hashlib
import json
import os
import secrets
import sqlite3
import string
import sys

HOST = "auth.lab.test"
EXTERNAL_URL = "https://" + HOST
PLUGIN = "oidc"
ISSUER = EXTERNAL_URL + "/api/" + PLUGIN
DISCOVERY_URL = ISSUER + "/.well-known/openid-configuration"
# RFC 8414 metadata for the same issuer: nginx maps it onto glewlwyd's discovery document.
METADATA_URL = EXTERNAL_URL + "/.well-known/oauth-authorization-server/api/" + PLUGIN
AUTHORIZATION_ENDPOINT = ISSUER + "/auth"
TOKEN_ENDPOINT = ISSUER + "/token"
# The device authorization grant (RFC 8628): where a program asks for a code, and the page
# where the person enters it.
DEVICE_ENDPOINT = ISSUER + "/device_authorization"
DEVICE_VERIFICATION_URI = ISSUER + "/device"
INTROSPECTION_ENDPOINT = ISSUER + "/introspect"
REVOCATION_ENDPOINT = ISSUER + "/revoke"
LOGIN_ENDPOINT = EXTERNAL_URL + "/api/auth/"

# The public client a native app uses (RFC 8252): no secret, PKCE S256 required.
CLIENT_ID = "postbote-lab"
# glewlwyd compares redirect_uri as an exact string (protocol_oidc.c,
# check_client_valid_without_secret), so the port-agnostic loopback redirect of RFC 8252
# section 7.3 is impossible there: the client has these fixed URIs instead.
REDIRECT_PORTS = tuple(range(47100, 47110))
REDIRECT_URIS = ("http://127.0.0.1/",) + tuple("http://127.0.0.1:%d/" % p for p in REDIRECT_PORTS)

# A confidential client for resource servers: Dovecot introspects tokens with it (RFC 7662),
# and tests revoke with it (RFC 7009), because glewlwyd serves /introspect and /revoke only to
# an authenticated client.
SERVICE_CLIENT_ID = "dovecot-lab"
SERVICE_CLIENT_SECRET = "Dovecot-Introspect-Secret-1"

SCOPE_MAIL = "mail"          # IMAP and SMTP (Dovecot's oauth2 passdb wants it)
SCOPE_OTHER = "calendar"     # a scope that is not for mail: a token with only this is refused
SCOPES = (SCOPE_MAIL, SCOPE_OTHER)

USERS = {
    "alice@lab.test": "Alice-Auth-Secret-1",
}
ADMIN_USER = "admin"
ADMIN_PASSWORD = "Lab-Admin-Secret-1"

ACCESS_TOKEN_SECONDS = 300
REFRESH_TOKEN_SECONDS = 86400
CODE_SECONDS = 60

SCHEMA_PATHS = (
    "/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3",
    "/usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz",
)


def password_hash(password, iterations=1000):
    """glewlwyd's user password format for SQLite (src/misc.c generate_digest_pbkdf2):
    base64(PBKDF2-HMAC-SHA256(password, salt, 32 bytes) + salt), salt 16 alphanumerics;
    without a ",N" suffix the database module uses 1000 iterations."""
    alphabet = string.ascii_letters + string.digits
    salt = "".join(secrets.choice(alphabet) for _ in range(16)).encode()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations, 32)
    return base64.b64encode(digest + salt).decode()


def plugin_parameters(key_pem, cert_pem, access_seconds=ACCESS_TOKEN_SECONDS):
    """The OpenID Connect plugin instance (OIDC.md), used as a plain OAuth 2.0 server."""
    return {
        "iss": ISSUER,
        "jwt-type": "ecdsa",
        "jwt-key-size": "256",
        "key": key_pem,
        "cert": cert_pem,
        "access-token-duration": access_seconds,
        "refresh-token-duration": REFRESH_TOKEN_SECONDS,
        "code-duration": CODE_SECONDS,
        "refresh-token-rolling": False,
        "refresh-token-one-use": "never",
        "allow-non-oidc": True,
        "auth-type-code-enabled": True,
        "auth-type-code-revoke-replayed": True,
        "auth-type-refresh-enabled": True,
        "auth-type-token-enabled": False,
        "auth-type-id-token-enabled": False,
        "auth-type-none-enabled": False,
        "auth-type-password-enabled": False,
        "auth-type-client-enabled": False,
        "auth-type-device-enabled": True,
        "pkce-allowed": True,
        "pkce-method-plain-allowed": False,
        "pkce-required": True,
        "introspection-revocation-allowed": True,
        "introspection-revocation-allow-target-client": True,
        "allowed-scope": ["openid"] + list(SCOPES),
        "subject-type": "public",
        # Dynamic client registration (RFC 7591) at /register, open to anyone (no initial
        # access token), with RFC 7592's registration_access_token in the answer. Its
        # metadata lists the device grant, which glewlwyd 2.7 then refuses to register
        # under that name: Postbote registers again without it.
        "register-client-allowed": True,
        "register-client-auth-scope": [],
        "register-client-credentials-scope": [],
        "register-client-management-allowed": True,
    }


def read_schema():
    for path in SCHEMA_PATHS:
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                return f.read()
    raise SystemExit("oauth_lab: no glewlwyd SQLite schema (is the glewlwyd package installed?)")


def insert_user(db, username, password, scopes):
    cur = db.execute("INSERT INTO g_user (gu_username, gu_name, gu_email) VALUES (?, ?, ?)",
                     (username, username.split("@")[0].capitalize(),
                      username if "@" in username else ""))
    gu_id = cur.lastrowid
    db.execute("INSERT INTO g_user_password (gu_id, guw_password) VALUES (?, ?)",
               (gu_id, password_hash(password)))
    for scope in scopes:
        db.execute("INSERT OR IGNORE INTO g_user_scope (gus_name) VALUES (?)", (scope,))
        db.execute("INSERT INTO g_user_scope_user (gu_id, gus_id) "
                   "SELECT ?, gus_id FROM g_user_scope WHERE gus_name = ?", (gu_id, scope))


def insert_client(db, client_id, name, confidential, properties):
    cur = db.execute("INSERT INTO g_client (gc_client_id, gc_name, gc_confidential) "
                     "VALUES (?, ?, ?)", (client_id, name, 1 if confidential else 0))
    for prop, values in properties.items():
        for value in (values if isinstance(values, (list, tuple)) else (values,)):
            db.execute("INSERT INTO g_client_property (gc_id, gcp_name, gcp_value) "
                       "VALUES (?, ?, ?)", (cur.lastrowid, prop, value))


def setup(directory, key_path, cert_path):
    path = os.path.join(directory, "glewlwyd.db")
    with open(key_path, encoding="ascii") as f:
        key_pem = f.read()
    with open(cert_path, encoding="ascii") as f:
        cert_pem = f.read()
    db = sqlite3.connect(path)
    # One transaction, no syncs: a statement-by-statement schema costs seconds of fsync.
    db.execute("PRAGMA synchronous = OFF")
    db.executescript("BEGIN;\n" + read_schema() + "\nCOMMIT;")
    db.execute("BEGIN")
    db.execute("UPDATE g_user_password SET guw_password = ? WHERE gu_id = "
               "(SELECT gu_id FROM g_user WHERE gu_username = ?)",
               (password_hash(ADMIN_PASSWORD), ADMIN_USER))
    for scope, title in ((SCOPE_MAIL, "E-mail (IMAP and SMTP)"), (SCOPE_OTHER, "Calendar")):
        db.execute("INSERT INTO g_scope (gs_name, gs_display_name, gs_description, "
                   "gs_password_required, gs_password_max_age) VALUES (?, ?, ?, 1, 0)",
                   (scope, title, title))
    for user, password in USERS.items():
        insert_user(db, user, password, SCOPES)
    insert_client(db, CLIENT_ID, "Postbote (lab)", False, {
        "redirect_uri": REDIRECT_URIS,
        "authorization_type": ("code", "refresh_token", "device_authorization"),
    })
    insert_client(db, SERVICE_CLIENT_ID, "Dovecot (lab)", True, {
        "client_secret": SERVICE_CLIENT_SECRET,
        "token_endpoint_auth_method": ("client_secret_post", "client_secret_basic"),
        "authorization_type": ("client_credentials",),
    })
    db.execute("INSERT INTO g_plugin_module_instance (gpmi_module, gpmi_name, "
               "gpmi_display_name, gpmi_parameters) VALUES ('oidc', ?, 'Lab OAuth 2.0', ?)",
               (PLUGIN, json.dumps(plugin_parameters(key_pem, cert_pem))))
    db.commit()
    db.close()
    return path


def registrations(directory):
    """The clients glewlwyd registered at /register (RFC 7591), enabled or not."""
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(directory, "glewlwyd.db"), uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM gpo_client_registration").fetchone()[0]
    finally:
        db.close()


def main(argv):
    if len(argv) == 5 and argv[1] == "setup":
        setup(argv[2], argv[3], argv[4])
        return 0
    if len(argv) == 3 and argv[1] == "registrations":
        print(registrations(argv[2]))
        return 0
    print("\n".join(__doc__.strip().splitlines()[-2:]), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
