# tap.sh: TAP output for the shell tests, sourced by each:  . "$(dirname "$0")/tap.sh"
#   ok NAME                       a passed test
#   not_ok NAME [DETAIL...]       a failed one; each DETAIL line is printed as a "# " comment
#   check GOT WANT NAME [DETAIL]  ok when GOT = WANT, else not_ok with both
#   json_get FILE EXPR            a python expression on the parsed JSON object `j`
#   now_ms                        the clock in milliseconds, to time a deadline
#   scaled_ms MS                  MS times PB_TEST_TIME_SCALE: the margin over a deadline
#                                 that a sanitizer or Valgrind build may take (1 when unset)
#   tap_done                      the plan, and exit 1 if anything failed
n=0
failed=0

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

json_get ()
{
  /usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$1" "$2" 2>&1
}

now_ms () { echo $(( $(date +%s%N) / 1000000 )); }

scaled_ms () { echo $(( $1 * ${PB_TEST_TIME_SCALE:-1} )); }

tap_done ()
{
  echo "1..$n"
  [ "$failed" = 0 ] && exit 0
  exit 1
}
