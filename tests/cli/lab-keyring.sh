# lab-keyring.sh: what the command-line tests in the lab with a real keyring share, sourced
# after tap.sh by a script that lab-run runs through keyring-run: the harness checked, the
# program, alice's login, the keyring's schema, and the language of $LANGUAGE.
if [ -z "${PB_LAB_DIR:-}" ] || [ -z "${PB_KEYRING_HOME:-}" ] || [ -z "${PB_POSTBOTE:-}" ]; then
  echo "Bail out! run me as: lab-run --tap keyring-run $0 (with PB_POSTBOTE set)"
  exit 1
fi

P=$PB_POSTBOTE
USER=alice@lab.test
PASSWORD=Alice-Secret-1
SCHEMA=io.github.postbote.Postbote
de () { [ "${LANGUAGE:-en}" = de ]; }
say () { if de; then echo "$2"; else echo "$1"; fi; }
