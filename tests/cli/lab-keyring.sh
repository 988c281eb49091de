# lab-keyring.sh: what the command-line tests in the lab with a real keyring share, sourced
# after tap.sh by a script that lab-run runs through keyring-run: the harness checked, the
# program, alice's login, the keyring's schema, and the language of $LANGUAGE.
require_lab_keyring "$0"

P=$PB_POSTBOTE
USER=alice@lab.test
PASSWORD=Alice-Secret-1
SCHEMA=io.github.postbote.Postbote
de () { [ "${LANGUAGE:-en}" = de ]; }
say () { if de; then echo "$2"; else echo "$1"; fi; }
