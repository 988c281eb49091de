#!/bin/sh
# Translations are complete: every source file with translatable strings is listed in
# po/POTFILES.in, and po/de.po translates every message of the current sources, with no
# fuzzy entries.
set -u
. "$(dirname "$0")/../tap.sh"
top=${1:-$(dirname "$0")/../..}
cd "$top" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=""
for f in $(find src -name "*.c" -o -name "*.ui" | sort) $(ls data/*.in); do
  if grep -qE '(_\(|N_\(|C_\(|NC_\(|translatable="yes")' "$f" && ! grep -qxF "$f" po/POTFILES.in; then
    missing="$missing $f"
  fi
done
if [ -z "$missing" ]; then ok "every file with translatable strings is in POTFILES.in"
else not_ok "missing from po/POTFILES.in:$missing"; fi

gone=""
for f in $(grep -v '^#' po/POTFILES.in); do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -z "$gone" ]; then ok "every file in POTFILES.in exists"
else not_ok "listed in po/POTFILES.in but missing:$gone"; fi

grep -v '^#' po/POTFILES.in > "$work/files"
if xgettext --files-from="$work/files" --directory=. --output="$work/postbote.pot" \
     --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
     --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
     --keyword=g_dpgettext2:2c,3 2> "$work/xgettext.err"; then
  ok "xgettext extracts the messages"
else
  not_ok "xgettext failed: $(cat "$work/xgettext.err")"
fi

if msgfmt --check -o /dev/null po/de.po 2> "$work/msgfmt.err"; then ok "po/de.po passes msgfmt --check"
else not_ok "po/de.po fails msgfmt --check: $(cat "$work/msgfmt.err")"; fi

# The messages of FILE (a PO file from msgattrib), without the header entry that msgattrib
# prints as one msgid whenever it lists anything.
count_messages ()
{
  c=$(grep -c '^msgid ' "$1")
  [ "$c" -gt 0 ] && c=$((c - 1))
  echo "$c"
}

# Each tool's failure is a test failure: an empty output would count as "nothing missing".
if msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" po/de.po "$work/postbote.pot" \
     2> "$work/msgmerge.err" &&
   msgattrib --force-po --untranslated --no-obsolete -o "$work/untranslated.po" "$work/merged.po" \
     2>> "$work/msgmerge.err"; then
  untranslated=$(count_messages "$work/untranslated.po")
  if [ "$untranslated" -eq 0 ]; then ok "po/de.po translates every message of the sources"
  else
    not_ok "po/de.po lacks $untranslated translations:" \
      "$(grep '^msgid ' "$work/untranslated.po" | sed 1d | head -50)"
  fi
else
  not_ok "po/de.po translates every message of the sources: msgmerge/msgattrib failed" \
    "$(cat "$work/msgmerge.err")"
fi
if msgattrib --force-po --only-fuzzy --no-obsolete -o "$work/fuzzy.po" po/de.po 2> "$work/fuzzy.err"; then
  fuzzy=$(count_messages "$work/fuzzy.po")
  if [ "$fuzzy" -eq 0 ]; then ok "po/de.po has no fuzzy messages"
  else not_ok "po/de.po has $fuzzy fuzzy messages"; fi
else
  not_ok "po/de.po has no fuzzy messages: msgattrib failed" "$(cat "$work/fuzzy.err")"
fi

tap_done
