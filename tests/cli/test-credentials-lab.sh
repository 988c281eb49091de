#!/bin/sh
# postbote check with the keyring, against the lab's real Postfix (TAP):
#   tests/lab/lab-run --tap tests/keyring/keyring-run [--locked [--prompt cancel] | --none] \
#     tests/test-credentials-lab.sh
# --save-password stores only an accepted password; without --password-stdin the check logs
# in with the stored one; and the password is nowhere in the test HOME, the output, the
# transcript or the JSON in plain text or in the AUTH encoding. With a locked keyring or none
# at all, --save-password fails with its problem id and the check's result stays; so it does
# when the person at the unlock prompt cancels it (keyring-dismissed).
set -u
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/lab-keyring.sh"
SERVER="--server mail.lab.test --port 587 --security starttls"
OUT=$PB_KEYRING_HOME/out    # inside the HOME on purpose: searched below
mkdir -p "$OUT"

stored () { secret-tool lookup protocol smtp host mail.lab.test port 587 user "$USER" 2>/dev/null; }

# A keyring that cannot store or answer costs nothing else: the check's result stays.
if [ "$PB_KEYRING_MODE" != unlocked ]; then
  case $PB_KEYRING_MODE:${PB_KEYRING_PROMPT:-none} in
    # A desktop session may prompt to unlock (the product asks only with a display); the
    # person at tests/keyring-prompter cancels. No window opens: the prompt goes over D-Bus.
    locked:cancel) problem=keyring-dismissed; export DISPLAY=:99 ;;
    locked:*) problem=keyring-locked ;;
    *) problem=keyring-unavailable ;;
  esac
  printf '%s\n' "$PASSWORD" | "$P" check $SERVER --password-stdin --save-password --json \
    "$USER" > "$OUT/save.json" 2> "$OUT/save.err"
  rc=$?
  check "$rc:$(json_get "$OUT/save.json" '(j["ok"], j["authenticated"])')" \
    "1:(True, True)" "$PB_KEYRING_MODE: --save-password fails (exit 1), the check result is printed"
  check "$(tail -n 1 "$OUT/save.err")" "Problem: $problem" "$PB_KEYRING_MODE: says $problem"
  "$P" check $SERVER --json "$USER" < /dev/null > "$OUT/lookup.json" 2> "$OUT/lookup.err"
  rc=$?
  check "$rc:$(json_get "$OUT/lookup.json" 'j["auth_skipped"]')" "0:True" \
    "$PB_KEYRING_MODE: without a password the check runs without the login"
  if [ "$PB_KEYRING_MODE" = none ]; then
    check "$(tail -n 1 "$OUT/lookup.err")" \
      "The login is not tested: no password from the keyring ($problem)." \
      "none: the lookup says $problem, and that the login is not tested (no \"Problem:\")"
    check "$(json_get "$OUT/lookup.json" 'j["password_problem"]')" "$problem" \
      "$PB_KEYRING_MODE: the JSON says why there was no password"
    "$P" check $SERVER "$USER" < /dev/null > "$OUT/lookup.txt" 2> /dev/null
    check "$(grep -c "^Login not tested: no password from the keyring ($problem)\$" "$OUT/lookup.txt")" 1 \
      "$PB_KEYRING_MODE: the text report says why the login was not tested"
  fi
  found=$(grep -rlaF -e "$PASSWORD" "$PB_KEYRING_HOME" 2>/dev/null)
  check "$found" "" "$PB_KEYRING_MODE: the password is in no file"
  tap_done
fi

# A wrong password is not saved.
printf 'Wrong-Secret-0\n' | "$P" check $SERVER --password-stdin --save-password --json "$USER" \
  > "$OUT/wrong.json" 2> "$OUT/wrong.err"
rc=$?
check "$rc:$(json_get "$OUT/wrong.json" 'j["problem"]')" "1:auth-failed" \
  "wrong password: the check fails with auth-failed"
check "$(stored)" "" "wrong password: nothing stored"
check "$(grep -c 'not saved' "$OUT/wrong.err")" 1 "wrong password: says it was not saved"

# A server that answered out of turn (an unasked "235" after EHLO, then 535 to the login)
# gets no password saved: the login does not count.
printf 'Scripted-Pass-1\n' | "$P" check --server extra-reply.smtp.test --port 465 --security tls \
  --password-stdin --save-password --json user@extra-reply.smtp.test \
  > "$OUT/turn.json" 2> "$OUT/turn.err"
rc=$?
check "$rc:$(json_get "$OUT/turn.json" '(j["problem"], j["authenticated"])')" \
  "1:('protocol-error', False)" "reply out of turn: the check fails, not logged in"
check "$(secret-tool lookup protocol smtp host extra-reply.smtp.test port 465 \
         user user@extra-reply.smtp.test 2>/dev/null)" "" "reply out of turn: nothing stored"

# Nor after a reply that came late: the login's 535 behind an unasked 235, read at QUIT.
printf 'Scripted-Pass-1\n' | "$P" check --server auth-late-535.smtp.test --port 465 \
  --security tls --password-stdin --save-password --json user@auth-late-535.smtp.test \
  > "$OUT/late.json" 2> "$OUT/late.err"
check "$?:$(json_get "$OUT/late.json" 'j["authenticated"]')" "1:False" \
  "late reply: the check fails, not logged in"
check "$(secret-tool lookup protocol smtp host auth-late-535.smtp.test port 465 \
         user user@auth-late-535.smtp.test 2>/dev/null)" "" "late reply: nothing stored"

# Without a stored password and without --password-stdin the login is not tested.
"$P" check $SERVER --json "$USER" > "$OUT/none.json" 2> "$OUT/none.err"
check "$(json_get "$OUT/none.json" '(j["auth_skipped"], j["password_problem"])')" "(True, None)" \
  "nothing stored: the login is skipped, and that is no keyring problem"

# The right one is, after the server accepted it; everything is kept for the search below.
keyring_file=$PB_KEYRING_HOME/.local/share/keyrings/login.keyring
size_before=$(wc -c < "$keyring_file")
printf '%s\n' "$PASSWORD" | "$P" check $SERVER --password-stdin --save-password --json \
  --transcript --dry-run-send "$USER" > "$OUT/save.json" 2> "$OUT/save.err"
rc=$?
check "$rc:$(json_get "$OUT/save.json" 'j["authenticated"]')" "0:True" "right password: check ok"
check "$(stored)" "$PASSWORD" "right password: stored under protocol, host, port, user"
check "$(cat "$OUT/save.err")" \
  "The password for alice@lab.test on mail.lab.test is saved in the keyring." \
  "right password: says where it went"
size_after=$(wc -c < "$keyring_file")
if [ "$size_after" -gt "$size_before" ]; then
  ok "the keyring file grew ($size_before -> $size_after bytes)"
else
  not_ok "the keyring file did not grow ($size_before -> $size_after bytes)"
fi

# Without --password-stdin the check now logs in with the stored password.
"$P" check $SERVER --json --transcript "$USER" < /dev/null > "$OUT/lookup.json" 2> "$OUT/lookup.err"
rc=$?
check "$rc:$(json_get "$OUT/lookup.json" 'j["authenticated"]')" "0:True" \
  "stored password: the check logs in with it"
"$P" check $SERVER --transcript "$USER" < /dev/null > "$OUT/lookup.txt" 2>&1
check "$?" 0 "stored password: text output too"

# The password in plain text and as AUTH PLAIN / LOGIN would send it.
plain_b64=$(printf '\000%s\000%s' "$USER" "$PASSWORD" | base64 -w0)
login_b64=$(printf '%s' "$PASSWORD" | base64 -w0)
found=""
for needle in "$PASSWORD" "$plain_b64" "$login_b64"; do
  found="$found$(grep -rlaF -e "$needle" "$PB_KEYRING_HOME" 2>/dev/null)"
done
check "$found" "" "the password is in no file of the HOME (keyring included: it is encrypted), \
no output, transcript or JSON"
if grep -q '<redacted>' "$OUT/save.json" && grep -q '"AUTH' "$OUT/save.json"; then
  ok "the JSON transcript shows AUTH with the payload redacted"
else
  not_ok "the JSON transcript has no redacted AUTH" "$(grep -n AUTH "$OUT/save.json")"
fi
check "$(stored)" "$PASSWORD" "yet the keyring gives it back"

# While a check with the stored password runs (a server that never answers), the password
# is not in its argv or environment.
printf '%s' "$PASSWORD" | secret-tool store --label=dropped xdg:schema io.github.postbote.Postbote \
  protocol smtp host dropped.smtp.test port 587 user "$USER"
"$P" check --server dropped.smtp.test --port 587 --security starttls --timeout 4 "$USER" \
  < /dev/null > /dev/null 2>&1 &
pid=$!
sleep 1
seen=$(cat "/proc/$pid/cmdline" "/proc/$pid/environ" 2>/dev/null | tr '\0' '\n' | wc -l)
leaked=$(cat "/proc/$pid/cmdline" "/proc/$pid/environ" 2>/dev/null | tr '\0' '\n' \
  | grep -cF -e "$PASSWORD")
wait "$pid"
if [ "$seen" -gt 5 ] && [ "$leaked" = 0 ]; then
  ok "a running check has the password in neither argv nor environment ($seen entries)"
else
  not_ok "argv/environment of a running check: $seen entries, $leaked with the password"
fi
"$P" forget --server dropped.smtp.test "$USER" > /dev/null 2>&1

# postbote forget, and the check is back to not logging in.
"$P" forget --server mail.lab.test --port 587 "$USER" > "$OUT/forget.out" 2>&1
check "$?:$(stored)" "0:" "forget removes it"
"$P" check $SERVER --json "$USER" < /dev/null > "$OUT/after.json" 2> /dev/null
check "$(json_get "$OUT/after.json" 'j["auth_skipped"]')" True "after forget: the login is skipped"

tap_done
