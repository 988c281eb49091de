#!/bin/sh
# The command line works without a display: --version, --help, usage errors.
set -u
. "$(dirname "$0")/../tap.sh"
postbote=$1
unset DISPLAY WAYLAND_DISPLAY

out=$("$postbote" --version 2>&1); rc=$?
case "$rc:$out" in 0:"postbote "[0-9]*) ok "--version prints the version";; *) not_ok "--version: rc=$rc out=$out";; esac

out=$("$postbote" --help 2>&1); rc=$?
case "$rc:$out" in 0:*Usage:*"postbote --version"*) ok "--help prints usage";; *) not_ok "--help: rc=$rc out=$out";; esac

out=$(LANGUAGE=de "$postbote" --help 2>&1); rc=$?
case "$rc:$out" in 0:*Aufruf:*Exit-Status:*) ok "--help follows LANGUAGE=de (Exit-Status)";; *) not_ok "--help in German: rc=$rc out=$out";; esac

# A LANG that is not installed on this machine: no crash, English when the language has no
# translation, the translation when it has one (the LANG's language is used without its locale).
out=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=xx_YY.UTF-8 "$postbote" --help 2>&1); rc=$?
case "$rc:$out" in 0:Usage:*"Exit status:"*) ok "LANG=xx_YY.UTF-8 (not installed): English";;
  *) not_ok "LANG=xx_YY.UTF-8: rc=$rc out=$out";; esac
if ! locale -a 2>/dev/null | grep -qi '^de_AT'; then
  out=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=de_AT.UTF-8 "$postbote" --help 2>&1); rc=$?
  case "$rc:$out" in 0:Aufruf:*) ok "LANG=de_AT.UTF-8 (not installed): German";;
    *) not_ok "LANG=de_AT.UTF-8: rc=$rc out=$out";; esac
else
  ok "LANG=de_AT.UTF-8 (not installed): German # SKIP de_AT is installed on this machine"
fi

# usage_error NAME ARGS...: exit 2, the usage on stderr, nothing on stdout, no window.
usage_error ()
{
  name=$1; shift
  out=$("$postbote" "$@" 2>/dev/null); rc=$?
  err=$("$postbote" "$@" 2>&1 >/dev/null)
  case "$rc:$out:$err" in
    2::*"postbote: unknown"*Usage:*"postbote check"*) ok "$name: usage on stderr, exit 2";;
    *) not_ok "$name: rc=$rc out=$out err=$err";;
  esac
}
usage_error "an unknown verb" frobnicate
usage_error "an unknown option" --bogus
usage_error "an unknown short option" -x
usage_error "--version with an argument" --version extra

# GApplication's own options still reach it (it answers them before any display is needed).
out=$("$postbote" --help-gapplication 2>&1); rc=$?
case "$rc:$out" in 0:*--gapplication-service*) ok "--help-gapplication goes to GApplication";;
  *) not_ok "--help-gapplication: rc=$rc out=$out";; esac

# Each verb's help and usage errors name the verb as "postbote VERB".
for verb in check detect forget; do
  out=$("$postbote" $verb --help 2>&1); rc=$?
  case "$rc:$out" in 0:*"postbote $verb [OPTION"*) ok "$verb --help says postbote $verb";;
    *) not_ok "$verb --help: rc=$rc out=$out";; esac
  out=$("$postbote" $verb 2>&1 >/dev/null); rc=$?
  case "$rc:$out" in
    2:"postbote $verb: "*"Run “postbote $verb --help” for the options.") ok "$verb without an address: one usage format";;
    *) not_ok "$verb without an address: rc=$rc out=$out";;
  esac
done
out=$("$postbote" forget --port 0 --server mail.example.test a@example.test 2>&1); rc=$?
case "$rc:$out" in 2:*"--port must be a decimal number between 1 and 65535"*) ok "forget --port 0 is refused";;
  *) not_ok "forget --port 0: rc=$rc out=$out";; esac
# --port is decimal, 1-65535, for every verb that takes it: -1 is not "unset", 0x1d not 29,
# 010 not 8.
for port in -1 0x1d 010 +5 " 5" 70000; do
  out=$("$postbote" forget --port "$port" --server mail.example.test a@example.test 2>&1); rc=$?
  case "$rc:$out" in
    2:"postbote forget: --port must be a decimal number between 1 and 65535"*)
      ok "forget --port '$port' is refused";;
    *) not_ok "forget --port '$port': rc=$rc out=$out";;
  esac
done
for timeout in -1 0x10 010; do
  out=$("$postbote" detect --timeout "$timeout" --offline a@example.test 2>&1); rc=$?
  case "$rc:$out" in
    2:"postbote detect: --timeout must be between 1 and 120 seconds"*)
      ok "detect --timeout '$timeout' is refused";;
    *) not_ok "detect --timeout '$timeout': rc=$rc out=$out";;
  esac
done
out=$("$postbote" detect --timeout 0 --offline a@example.test 2>&1); rc=$?
case "$rc:$out" in 2:*"--timeout must be between 1 and 120 seconds"*) ok "detect --timeout 0 is refused";;
  *) not_ok "detect --timeout 0: rc=$rc out=$out";; esac
out=$("$postbote" detect --help 2>&1)
case "$out" in *"Exit status: 0 settings found, 1 nothing found"*) ok "detect --help explains the exit status";;
  *) not_ok "detect --help exit status: $out";; esac

tap_done
