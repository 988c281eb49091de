# lab-oauth.sh: what the command line's OAuth tests share (sourced after lab-keyring.sh):
# the lab's administrator's preset through XDG_DATA_DIRS, the oauth-clients setting in a
# keyfile, the browser (tests/lab/oauth_browser.py at glewlwyd's real login page), and a
# check that signs in there.
OUT=$PB_KEYRING_HOME/out    # inside the HOME on purpose: the tests search it for secrets
BROWSER="python3 $PB_LAB_SRCDIR/oauth_browser.py"
mkdir -p "$OUT" "$PB_KEYRING_HOME/presets/postbote"
ln -s "$PB_LAB_SRCDIR/providers" "$PB_KEYRING_HOME/presets/postbote/providers"
export XDG_DATA_DIRS="$PB_KEYRING_HOME/presets:/usr/share" GSETTINGS_BACKEND=keyfile

# settings VALUE: the setting oauth-clients, as a person sets it.
settings ()
{
  mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
  { echo '[io/github/postbote/Postbote]'
    echo "oauth-clients=$1"
  } > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
}

# oauth NAME ARGS...: postbote check --oauth ARGS --json alice in the background; the person
# opens the authorization address it prints. $rc is its exit status; its output is in
# $OUT/NAME.*.
oauth ()
{
  name=$1; shift
  "$P" check --oauth "$@" --json "$USER" > "$OUT/$name.json" 2> "$OUT/$name.err" &
  pid=$!
  url=
  i=0
  while [ $i -lt 300 ] && kill -0 $pid 2>/dev/null; do
    url=$(grep -m 1 -o 'https://auth\.lab\.test/api/oidc/auth?[^ ]*' "$OUT/$name.err")
    [ -n "$url" ] && break
    sleep 0.1; i=$((i + 1))
  done
  [ -z "$url" ] || $BROWSER open "$url" > "$OUT/$name.browser" 2>&1
  wait $pid
  rc=$?
}

# halves NAME: each check of $OUT/NAME.json as (protocol, ok, problem, mechanism).
halves () { json_get "$OUT/$1.json" "[(c['protocol'], c['ok'], c['problem'], c['auth_mechanism']) for c in j['checks']]"; }
