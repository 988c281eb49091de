#!/bin/sh
# The command line works without a display: --version, --help, usage errors.
set -u
postbote=$1
unset DISPLAY WAYLAND_DISPLAY
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

out=$("$postbote" --version 2>&1); rc=$?
case "$rc:$out" in 0:"postbote "[0-9]*) ok "--version prints the version";; *) not_ok "--version: rc=$rc out=$out";; esac

out=$("$postbote" --help 2>&1); rc=$?
case "$rc:$out" in 0:*Usage:*"postbote --version"*) ok "--help prints usage";; *) not_ok "--help: rc=$rc out=$out";; esac

out=$(LANGUAGE=de "$postbote" --help 2>&1); rc=$?
case "$rc:$out" in 0:*Aufruf:*) ok "--help follows LANGUAGE=de";; *) not_ok "--help in German: rc=$rc out=$out";; esac

echo "1..$n"
exit $fail
