#!/bin/sh
# A missing test harness skips its tests on a developer's machine and fails them in CI
# (PB_REQUIRE_ALL=1, set by tests/meson.build when require_all_tests is on): the lab without
# root, the keyring without its daemon, the ISPDB comparison without the corpus.
#   test-harness-required.sh SOURCE-ROOT TEST-PROVIDER-DB
set -u
. "$(dirname "$0")/../tap.sh"
top=$1
provider_db=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# The lab as a user without root: a copy of lab-run that nobody may read and run.
cp "$top/tests/lab/lab-run" "$work/lab-run"
chmod 755 "$work/lab-run"
as_nobody () { setpriv --reuid=nobody --regid=nogroup --clear-groups env "$@"; }
out=$(as_nobody PB_REQUIRE_ALL= "$work/lab-run" --tap true 2>/dev/null)
check "$?:$out" "0:1..0 # SKIP the lab needs root (network/mount/pid namespaces)" \
  "lab-run without root: a TAP skip on a developer's machine"
out=$(as_nobody PB_REQUIRE_ALL=1 "$work/lab-run" --tap true 2>/dev/null)
check "$?:$(echo "$out" | sed 's/,.*//')" "99:Bail out! lab: cannot run here" \
  "lab-run without root: a failure where every harness is required"

# The keyring without gnome-keyring-daemon on the PATH.
mkdir "$work/bin"
for tool in sh env dbus-run-session dbus-send mktemp cat; do
  p=$(command -v "$tool") && ln -s "$p" "$work/bin/$tool"
done
out=$(PATH=$work/bin PB_REQUIRE_ALL= "$top/tests/keyring/keyring-run" true 2>/dev/null)
check "$?:$out" \
  "0:1..0 # SKIP gnome-keyring-daemon is not installed (build-aux/deps.sh installs it)" \
  "keyring-run without the daemon: a TAP skip"
out=$(PATH=$work/bin PB_REQUIRE_ALL=1 "$top/tests/keyring/keyring-run" true 2>/dev/null)
check "$?:$(echo "$out" | sed 's/: .*//')" "99:Bail out! keyring-run" \
  "keyring-run without the daemon: a failure where every harness is required"

# The ISPDB comparison without the corpus.
out=$(PB_CORPUS_DIR=$work/none PB_REQUIRE_ALL= "$provider_db" -p /provider-db/agreement-with-ispdb 2>&1)
rc=$?
if [ $rc = 0 ] && echo "$out" | grep -q '# SKIP ISPDB corpus .* is absent'; then
  ok "the ISPDB comparison without its corpus: a skipped subtest, with the reason"
else
  not_ok "the ISPDB comparison without its corpus is no visible skip (exit $rc)" "$out"
fi
out=$(PB_CORPUS_DIR=$work/none PB_REQUIRE_ALL=1 "$provider_db" \
        -p /provider-db/agreement-with-ispdb 2>&1)
rc=$?
if [ $rc != 0 ] && echo "$out" | grep -q '^not ok .* is absent, and every harness is required'; then
  ok "the ISPDB comparison without its corpus: fails where every harness is required"
else
  not_ok "the ISPDB comparison without its corpus passes in CI (exit $rc)" "$out"
fi

tap_done
