# tap.sh: TAP output for the shell tests, sourced by each:  . "$(dirname "$0")/tap.sh"
#   ok NAME                       a passed test
#   not_ok NAME [DETAIL...]       a failed one; each DETAIL line is printed as a "# " comment
#   check GOT WANT NAME [DETAIL]  ok when GOT = WANT, else not_ok with both
#   check_match NAME TEXT REGEX   ok when TEXT matches the extended REGEX
#   check_no_match NAME TEXT REGEX  ok when TEXT is not empty and does not match REGEX
#   check_cmd NAME CMD...         ok when CMD succeeds, else not_ok with its output
#   json_get FILE EXPR            a python expression on the parsed JSON object `j`
#   auth_lines SCENARIO           how many AUTH commands the lab's scripted server got in
#                                 SCENARIO ($PB_LAB_DIR/scripted/SCENARIO.log; 0 without one)
#   now_ms                        the clock in milliseconds, to time a deadline
#   scaled_ms MS                  MS times PB_TEST_TIME_SCALE: the margin over a deadline
#                                 that a sanitizer or Valgrind build may take (1 when unset)
#   require_lab_keyring SCRIPT    bail out unless SCRIPT runs in the lab with a keyring
#                                 (lab-run --tap keyring-run SCRIPT, PB_POSTBOTE set)
#   verify_lab_servers USER PASSWORD DIR  two checks with --save-password, each a test: SMTP on
#                                 mail.lab.test:2587 and IMAP on 143, both STARTTLS (ports a
#                                 domain's defaults would not give); their output in DIR
#   tap_done                      the plan, and exit 1 if anything failed
n=0
failed=0

require_lab_keyring ()
{
  if [ -z "${PB_LAB_DIR:-}" ] || [ -z "${PB_KEYRING_HOME:-}" ] || [ -z "${PB_POSTBOTE:-}" ]; then
    echo "Bail out! run me as: lab-run --tap keyring-run $1 (with PB_POSTBOTE set)"
    exit 1
  fi
}

ok () { n=$((n + 1)); echo "ok $n - $1"; }

not_ok ()
{
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift
  [ $# -gt 0 ] && printf '%s\n' "$@" | head -n 40 | sed 's/^/# /'
  return 0
}

check ()
{
  if [ "$1" = "$2" ]; then
    ok "$3"
  elif [ -n "${4:-}" ]; then
    not_ok "$3" "want: $2" "got:  $1" "$4"
  else
    not_ok "$3" "want: $2" "got:  $1"
  fi
}

check_match ()
{
  if printf '%s\n' "$2" | grep -Eq -- "$3"; then
    ok "$1"
  else
    not_ok "$1" "expected /$3/ in:" "$2"
  fi
}

check_no_match ()
{
  if [ -n "$2" ] && ! printf '%s\n' "$2" | grep -Eq -- "$3"; then
    ok "$1"
  else
    not_ok "$1" "unexpected /$3/ (or no output) in:" "$2"
  fi
}

check_cmd ()
{
  tap_name=$1
  shift
  if tap_out=$("$@" 2>&1); then
    ok "$tap_name"
  else
    not_ok "$tap_name" "$tap_out"
  fi
}

json_get ()
{
  /usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$1" "$2" 2>&1
}

auth_lines () { cat "$PB_LAB_DIR/scripted/$1.log" 2>/dev/null | grep -c '^AUTH'; }

now_ms () { echo $(( $(date +%s%N) / 1000000 )); }

scaled_ms () { echo $(( $1 * ${PB_TEST_TIME_SCALE:-1} )); }

verify_lab_servers ()
{
  printf '%s\n' "$2" | "$PB_POSTBOTE" check --protocol smtp --server mail.lab.test \
    --port 2587 --security starttls --password-stdin --save-password "$1" > "$3/smtp.out" 2>&1
  check "$?" 0 "check --save-password: SMTP on 2587 verified" "$(cat "$3/smtp.out")"
  printf '%s\n' "$2" | "$PB_POSTBOTE" check --protocol imap --server mail.lab.test \
    --port 143 --security starttls --password-stdin --save-password "$1" > "$3/imap.out" 2>&1
  check "$?" 0 "check --save-password: IMAP on 143 verified" "$(cat "$3/imap.out")"
}

tap_done ()
{
  echo "1..$n"
  [ "$failed" = 0 ] && exit 0
  exit 1
}
