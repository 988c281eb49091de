# shellcheck shell=bash
# A real OAuth 2.0 authorization server: Debian's glewlwyd (2.7) with its OpenID Connect
# plugin, at https://auth.lab.test (nginx, nginx.d/oauth.conf, proxies /api/ to glewlwyd on
# 127.0.0.1:4593). The accounts, the public client postbote-lab and the scopes are in
# oauth_lab.py, which builds the SQLite database from the package's schema. Dovecot's oauth2
# passdb (conf/dovecot-oauth2.conf.ext) checks tokens at its introspection endpoint.
# lab-run sources this file: define nothing but pb_oauth_*, never exit.

pb_oauth_start ()
{
  local dir="$PB_LAB_DIR/oauth"
  if ! command -v glewlwyd >/dev/null; then
    echo "85-oauth: glewlwyd is missing: install the packages in build-aux/deps.sh (DEPS_TEST)" >&2
    return 1
  fi
  mkdir -p "$dir"
  # The key that signs the access tokens (ES256), from the lab CA like every other key.
  lab_cert oauth-jwt "$pb_oauth_host" || return 1
  /usr/bin/python3 "$PB_LAB_SRCDIR/oauth_lab.py" setup "$dir" \
    "$PB_LAB_DIR/certs/oauth-jwt.key" "$PB_LAB_DIR/certs/oauth-jwt.crt" || return 1
  # No use_secure_connection line (nginx does TLS): glewlwyd 2.7 exits with "secure
  # connection is active but certificate is not valid" when it is there without key and
  # certificate files, even as false.
  cat > "$dir/glewlwyd.conf" <<CONF
port=4593
bind_address="127.0.0.1"
external_url="https://$pb_oauth_host"
login_url="login.html"
api_prefix="api"
allow_origin="*"
log_mode="file"
log_level="INFO"
log_file="$dir/glewlwyd.log"
cookie_secure=1
cookie_same_site="lax"
session_expiration=3600
session_key="GLEWLWYD2_SESSION_ID"
admin_session_authentication="cookie"
profile_session_authentication="cookie"
allow_multiple_user_per_session=true
login_api_enabled=true
add_x_frame_option_header_deny=true
admin_scope="g_admin"
profile_scope="g_profile"
user_module_path="/usr/lib/glewlwyd/user"
client_module_path="/usr/lib/glewlwyd/client"
user_auth_scheme_module_path="/usr/lib/glewlwyd/scheme"
plugin_module_path="/usr/lib/glewlwyd/plugin"
hash_algorithm="SHA512"
database =
{
  type = "sqlite3"
  path = "$dir/glewlwyd.db"
};
CONF
  glewlwyd --config-file="$dir/glewlwyd.conf" >"$dir/glewlwyd.out" 2>&1 &
  lab_wait_port glewlwyd 127.0.0.1 4593 "$dir/glewlwyd.log"
}

pb_oauth_host=auth.lab.test
pb_oauth_start
