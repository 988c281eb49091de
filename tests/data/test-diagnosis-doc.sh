#!/bin/sh
# docs/problems.md is what tests/gen-problems-doc makes from the current catalogue.
#   test-diagnosis-doc.sh GEN-PROBLEMS-DOC SOURCE-ROOT
set -u
gen=$1
top=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1..2"
if "$gen" "$work/problems.md"; then
  echo "ok 1 - gen-problems-doc writes the reference"
else
  echo "not ok 1 - gen-problems-doc failed"
  exit 1
fi
if diff -u "$top/docs/problems.md" "$work/problems.md" > "$work/diff"; then
  echo "ok 2 - docs/problems.md is up to date"
else
  echo "not ok 2 - docs/problems.md is out of date"
  # The diff and the remedy go to stderr, which meson shows with --print-errorlogs.
  head -200 "$work/diff" >&2
  echo "Update it with:  $gen $top/docs/problems.md" >&2
  exit 1
fi
