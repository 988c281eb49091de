#!/bin/sh
# postbote check without a network: usage errors exit 2, the password never comes from argv.
set -u
P=$1
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }

usage () # DESCRIPTION ARGS...
{
  d=$1
  shift
  out=$("$P" check "$@" < /dev/null 2>&1); rc=$?
  if [ "$rc" = 2 ]; then ok "usage error: $d"; else not_ok "usage error: $d (exit $rc)" "$out"; fi
}

usage "no address" --server mail.example.test
usage "two addresses" --server mail.example.test a@example.test b@example.test
usage "not an address" --server mail.example.test not-an-address
usage "bad --security" --server mail.example.test --security ssl a@example.test
usage "bad --port" --server mail.example.test --port 70000 a@example.test
usage "a password on the command line is no option" --server mail.example.test \
  --password Secret a@example.test
usage "bad --from" --server mail.example.test --from nobody a@example.test

out=$("$P" check --help 2>&1); rc=$?
case "$rc:$out" in
  0:*"postbote check"*--transcript*--password-stdin*--dry-run-send*--send-test*) ok "--help lists the options";;
  *) not_ok "--help (exit $rc)" "$out";;
esac
out=$(LANGUAGE=de "$P" check --help 2>&1)
case "$out" in
  *"Das Passwort aus der ersten Zeile der Standardeingabe lesen"*) ok "--help in German";;
  *) not_ok "--help in German" "$out";;
esac
out=$("$P" --help 2>&1)
case "$out" in
  *"postbote check [--json]"*) ok "postbote --help lists check";;
  *) not_ok "postbote --help lists check" "$out";;
esac

echo "1..$n"
exit $fail
