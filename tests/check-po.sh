#!/bin/sh
# Translations are complete: every source file with translatable strings is listed in
# po/POTFILES.in, and po/de.po translates every message of the current sources, with no
# fuzzy entries.
set -u
. "$(dirname "$0")/tap.sh"
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=""
for f in $(ls src/*.c ui/*.ui data/*.in 2>/dev/null); do
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

msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" po/de.po "$work/postbote.pot" 2>/dev/null
untranslated=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid ' )
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/de.po | grep -c '^msgid ')
# msgattrib prints the header entry as one msgid when anything is listed.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -eq 0 ]; then ok "po/de.po translates every message of the sources"
else
  not_ok "po/de.po lacks $untranslated translations:"
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep '^msgid ' | sed 's/^/#   /' | head -50
fi
if [ "$fuzzy" -eq 0 ]; then ok "po/de.po has no fuzzy messages"
else not_ok "po/de.po has $fuzzy fuzzy messages"; fi

tap_done
