#!/bin/sh
# postbote forget against a real gnome-keyring-daemon (TAP).
# Run inside tests/keyring/keyring-run (unlocked or --none) with PB_POSTBOTE set.
set -u
. "$(dirname "$0")/../tap.sh"

if [ -z "${PB_KEYRING_MODE:-}" ] || [ -z "${PB_POSTBOTE:-}" ]; then
  echo "Bail out! run me inside tests/keyring/keyring-run with PB_POSTBOTE set"
  exit 1
fi

P=$PB_POSTBOTE
SCHEMA=io.github.postbote.Postbote
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# forget [ARGS...]: runs postbote forget, leaves $rc, $OUT/out and $OUT/err
forget () { "$P" forget "$@" > "$OUT/out" 2> "$OUT/err"; rc=$?; }

seed ()   # PROTOCOL HOST PORT: an item as postbote check stores it
{
  printf 'Seed-Secret-9' | secret-tool store --label="seed $1 $2" xdg:schema "$SCHEMA" \
    protocol "$1" host "$2" port "$3" user alice@example.com
}

count () { secret-tool search --all xdg:schema "$SCHEMA" 2>&1 | grep -c '^\[/'; }

if [ "$PB_KEYRING_MODE" = none ]; then
  forget alice@example.com
  check "$rc" 1 "no Secret Service: exit 1"
  want="postbote forget: The keyring is not available: no Secret Service answered on this"
  want="$want desktop (The name org.freedesktop.secrets was not provided by any .service files)."
  check "$(cat "$OUT/err")" "$want
Problem: keyring-unavailable" "no Secret Service: English message and problem id"
  LANGUAGE=de forget alice@example.com
  want="postbote forget: Der Schlüsselbund ist nicht verfügbar: Auf diesem Desktop antwortet"
  check "$(sed -n 's/ (The name.*//p' "$OUT/err")" "$want kein Secret Service" \
    "no Secret Service: German message"
  tap_done
fi

forget alice@example.com
check "$rc:$(cat "$OUT/out")" "0:No password was stored for alice@example.com." \
  "nothing stored: exit 0 and says so"

seed smtp smtp.example.com 587
seed smtp smtp.example.com 465
seed imap imap.example.com 993
seed smtp smtp.example.com 587    # the same item again: still three
check "$(count)" 3 "three items seeded"

forget --server smtp.example.com --port 587 alice@example.com
check "$rc:$(cat "$OUT/out")" \
  "0:Removed 1 stored password for alice@example.com on smtp.example.com, port 587." \
  "--server --port removes that one"
check "$(count)" 2 "the other two stay"
check "$(secret-tool lookup protocol smtp host smtp.example.com port 465)" Seed-Secret-9 \
  "port 465 still there"

LANGUAGE=de forget --server IMAP.example.com alice@example.com
check "$rc:$(cat "$OUT/out")" \
  "0:1 gespeichertes Passwort für alice@example.com auf imap.example.com entfernt." \
  "--server alone, host in any case, German output"

seed imap imap.example.com 993
printf 'Bob-Secret' | secret-tool store --label=bob xdg:schema "$SCHEMA" protocol smtp \
  host smtp.example.com port 587 user bob@example.com
forget alice@example.com
check "$rc:$(cat "$OUT/out")" "0:Removed 2 stored passwords for alice@example.com." \
  "the address alone removes all of its servers"
check "$(count)" 1 "another user's password stays"
forget --user bob@example.com alice@example.com
check "$rc:$(count)" "0:0" "--user names the login"

forget --port 587 alice@example.com
check "$rc" 2 "--port without --server is a usage error"
forget
check "$rc" 2 "no address is a usage error"
forget not-an-address
check "$rc" 2 "an invalid address is a usage error"

# Last: lock the keyring for good.
seed smtp smtp.example.com 587
"$(dirname "$0")/../keyring/keyring-lock" || not_ok "the keyring could be locked"
forget alice@example.com
want="1:postbote forget: The keyring is locked. Unlock it (for example in “Passwords and Keys”)"
check "$rc:$(cat "$OUT/err")" "$want and try again.
Problem: keyring-locked" "locked keyring: exit 1, English message, problem id"
LANGUAGE=de forget alice@example.com
want="1:postbote forget: Der Schlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel in"
check "$rc:$(head -n 1 "$OUT/err")" \
  "$want „Passwörter und Verschlüsselung“) und versuchen Sie es erneut." \
  "locked keyring: German message"
check "$(count)" 1 "the locked item is still there"

tap_done
