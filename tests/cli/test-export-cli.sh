#!/bin/sh
# postbote export without servers: the formats from stored verified settings (written here
# as export/pb-export-store.h documents them), the profile read by Python's plistlib, the
# text in English and German, files never replaced without --force, their modes, the exit
# codes, and values that would inject a line refused (TAP).
set -u
. "$(dirname "$0")/../tap.sh"
P=$1
unset DISPLAY WAYLAND_DISPLAY
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export XDG_STATE_HOME="$W/state" HOME="$W/home" XDG_CONFIG_HOME="$W/home/.config"
mkdir -p "$XDG_STATE_HOME/postbote/verified" "$HOME"
# group NAME PROTOCOL HOST PORT SECURITY USER: one half of the stored settings.
group ()
{
  printf '[%s]\nprotocol=%s\nhost=%s\nport=%s\nsecurity=%s\nauth=password-cleartext\n' \
    "$1" "$2" "$3" "$4" "$5"
  printf 'user=%s\nverified=2026-01-01T00:00:00Z\n\n' "$6"
}
{ group outgoing smtp smtp.example.com 587 starttls alice@example.com
  group incoming imap imap.example.com 993 tls alice
} > "$XDG_STATE_HOME/postbote/verified/alice@example.com.ini"

# Usage errors: exit 2 before anything is read, each with its own reason. Lines of
# "ARGS|the reason on stderr"; the address comes after ARGS.
while IFS='|' read -r args want; do
  # shellcheck disable=SC2086
  "$P" export $args alice@example.com > /dev/null 2> "$W/usage.err"
  check "$?:$(grep -c -F -- "postbote export: $want" "$W/usage.err")" 2:1 \
    "export $args: usage error, '$want'" "$(cat "$W/usage.err")"
done <<'USAGE'
|--format is required
--format bogus|--format must be goa, msmtp, mobileconfig, autoconfig, srv, text or instructions
--install --format text|--install is for --format msmtp
--format text --output=|--output needs a file name
--format text --timeout 5|--timeout needs --detect
--format text --detect --timeout 0|--timeout must be a decimal number of seconds between 1 and 3600
--format text --include-password --password-stdin|--include-password is for --format mobileconfig
--format mobileconfig --include-password|--include-password and --password-stdin go together
--format msmtp --install --output x|--install and --output exclude each other
--format text --remove|--remove is for --format goa
--format goa --output x|--format goa writes no file: --output and --force are not for it
--format goa --remove --detect|--remove takes no other option
--format msmtp --password-stdin|--format msmtp takes --password-stdin only with --install or --output
USAGE
"$P" export alice@example.com --format > /dev/null 2> "$W/usage.err"
check "$?:$(grep -c -e '--format' "$W/usage.err")" 2:1 "export --format without a value: usage error" \
  "$(cat "$W/usage.err")"
"$P" export --format text > /dev/null 2> "$W/usage.err"
check "$?:$(grep -c 'Give exactly one mail address' "$W/usage.err")" 2:1 \
  "export without an address: usage error" "$(cat "$W/usage.err")"

# goa: never the desktop's own bus; here a bus that is not there.
DBUS_SESSION_BUS_ADDRESS="unix:path=$W/no-bus" \
  "$P" export --format goa alice@example.com > "$W/goa.out" 2> "$W/goa.err"
check "$?:$(cat "$W/goa.out")" "4:" "goa without a session bus: exit 4, nothing on stdout"
check_match "… and says GOA is not available" "$(cat "$W/goa.err")" "not available"
"$P" export --format text nobody@example.com > /dev/null 2> "$W/none.err"
check "$?" 1 "an address without verified settings: exit 1"
check_match "… and the error says how to get them" "$(cat "$W/none.err")" "--detect"

# The profile: every key with its value and its type.
"$P" export --format mobileconfig --name 'Alice <A&B>' alice@example.com > "$W/p.mobileconfig"
check "$?" 0 "mobileconfig: exit 0"
got=$(python3 - "$W/p.mobileconfig" <<'EOF_PY'
import plistlib, sys
with open(sys.argv[1], 'rb') as f:
    p = plistlib.load(f)
want_top = {'PayloadType': 'Configuration', 'PayloadVersion': 1, 'PayloadRemovalDisallowed': False,
            'PayloadIdentifier': 'io.github.postbote.Postbote.profile.alice-example.com',
            'PayloadDisplayName': 'Mail account alice@example.com'}
want_mail = {'PayloadType': 'com.apple.mail.managed', 'PayloadVersion': 1,
             'PayloadIdentifier': 'io.github.postbote.Postbote.mail.alice-example.com',
             'EmailAccountType': 'EmailTypeIMAP', 'EmailAddress': 'alice@example.com',
             'EmailAccountName': 'Alice <A&B>', 'EmailAccountDescription': 'alice@example.com',
             'IncomingMailServerHostName': 'imap.example.com', 'IncomingMailServerPortNumber': 993,
             'IncomingMailServerUseSSL': True, 'IncomingMailServerUsername': 'alice',
             'IncomingMailServerAuthentication': 'EmailAuthPassword',
             'OutgoingMailServerHostName': 'smtp.example.com', 'OutgoingMailServerPortNumber': 587,
             'OutgoingMailServerUseSSL': True, 'OutgoingMailServerUsername': 'alice@example.com',
             'OutgoingMailServerAuthentication': 'EmailAuthPassword',
             'OutgoingPasswordSameAsIncomingPassword': False}
bad = []
def compare(d, want, where):
    for k, v in want.items():
        if k not in d or d[k] != v or type(d[k]) is not type(v):
            bad.append('%s %s: %r' % (where, k, d.get(k)))
compare(p, want_top, 'top')
content = p.get('PayloadContent')
if not isinstance(content, list) or len(content) != 1:
    bad.append('PayloadContent: %r' % content)
else:
    mail = content[0]
    compare(mail, want_mail, 'mail')
    extra = set(mail) - set(want_mail) - {'PayloadUUID', 'PayloadDisplayName'}
    if extra:
        bad.append('unexpected keys: %s' % sorted(extra))
    if any('Password' in k and k != 'OutgoingPasswordSameAsIncomingPassword' for k in mail):
        bad.append('a password key')
    for d in (p, mail):
        u = d.get('PayloadUUID', '')
        if not isinstance(u, str) or len(u) != 36 or u != u.upper():
            bad.append('PayloadUUID %r' % u)
print('; '.join(bad) or 'ok')
EOF_PY
)
check "$got" ok "mobileconfig: plistlib reads every key with its value and type, no password"

printf 'S3cret\n' | "$P" export --format mobileconfig --password-stdin --include-password \
  alice@example.com > "$W/pw.mobileconfig"
got=$(python3 -c 'import plistlib,sys; m=plistlib.load(open(sys.argv[1],"rb"))["PayloadContent"][0]; print(m["IncomingPassword"], m["OutgoingPassword"])' "$W/pw.mobileconfig")
check "$got" "S3cret S3cret" "mobileconfig --include-password: the password only when asked"

# The text, in both languages, never with a password.
en=$("$P" export --format text alice@example.com)
check_match "text: the incoming server" "$en" "^  Server: +imap\.example\.com$"
check_match "text: the outgoing user" "$en" "^  User name: +alice@example\.com$"
check_match "text: says the password is not included" "$en" "^Password: not included"
de=$(LANGUAGE=de "$P" export --format text alice@example.com)
check_match "text in German: Posteingang" "$de" "^Posteingang \(IMAP\)$"
check_match "text in German: Benutzername" "$de" "^  Benutzername: +alice$"
check_match "text in German: no password" "$de" "^Passwort: nicht enthalten"

# The instructions: each program in both languages, its values filled in, never a password;
# the program named with --program, an unknown one a usage error that lists them.
for program in thunderbird outlook apple-mail ios android; do
  for lang in en de; do
    out=$(LANGUAGE=$lang "$P" export --format instructions --program $program alice@example.com)
    check "$?" 0 "instructions $program ($lang): exit 0"
    check_match "… the incoming server" "$out" "^     [^:]+: imap\.example\.com$"
    check_match "… the outgoing server" "$out" "^     [^:]+: smtp\.example\.com$"
    check_match "… the port 993" "$out" "^     [^:]+: 993$"
    check_match "… numbered steps" "$out" "^3\. "
    check_no_match "… no password field" "$out" "^     [^:]*[Pp]assw"
  done
done
de=$(LANGUAGE=de "$P" export --format instructions --program thunderbird alice@example.com)
check_match "instructions in German: Thunderbird's own words" "$de" "„Manuelle Einrichtung“"
check_match "… and its field names" "$de" "^     Verbindungssicherheit: SSL/TLS$"
"$P" export --format instructions --program outlook --output "$W/outlook.txt" alice@example.com
check "$?:$(head -n 1 "$W/outlook.txt")" "0:Outlook: alice@example.com" "instructions --output"
"$P" export --format instructions --program lotus alice@example.com > "$W/lotus.out" 2> "$W/lotus.err"
check "$?:$(cat "$W/lotus.out")" "2:" "an unknown program: usage error, nothing on stdout"
check_match "… the error lists the programs" "$(cat "$W/lotus.err")" \
  "thunderbird, outlook, apple-mail, ios or android"
for args in "--format instructions" "--format text --program ios" \
            "--format instructions --program ios --password-stdin"; do
  # shellcheck disable=SC2086
  "$P" export $args alice@example.com > /dev/null 2>&1
  check "$?" 2 "export $args: usage error"
done
"$P" export --format instructions --program ios nobody@example.com > /dev/null 2>&1
check "$?" 1 "instructions for an address without verified settings: exit 1"

# --output: a new file, 0600 for one person's account, 0644 for the domain's; never
# replaced without --force.
"$P" export --format msmtp --output "$W/msmtp.conf" alice@example.com > /dev/null 2>&1
check "$?:$(stat -c %a "$W/msmtp.conf")" "0:600" "msmtp --output: mode 0600"
check_no_match "msmtp: no password line" "$(cat "$W/msmtp.conf")" "^password"
"$P" export --format srv --output "$W/zone" alice@example.com
check "$?:$(stat -c %a "$W/zone")" "0:644" "srv --output: mode 0644"
echo keep > "$W/keep"
"$P" export --format text --output "$W/keep" alice@example.com 2> "$W/keep.err"
check "$?:$(cat "$W/keep")" "1:keep" "--output on an existing file: exit 1, the file as it was"
"$P" export --format text --force --output "$W/keep" alice@example.com
check "$?:$(head -n 1 "$W/keep")" "0:Mail account alice@example.com" "--force replaces it"
"$P" export --format autoconfig alice@example.com > "$W/ac.xml" 2> "$W/ac.err"
check_match "autoconfig: where to publish it, on stderr" "$(cat "$W/ac.err")" \
  "https://autoconfig\.example\.com/mail/config-v1\.1\.xml"
check_no_match "… and not in the file" "$(cat "$W/ac.xml")" "https://"

# A line break in a value never reaches a file: refused, nothing written.
"$P" export --format msmtp --name "$(printf 'A\nhost evil.example')" --output "$W/evil" \
  alice@example.com 2> /dev/null
check "$?:$(test -e "$W/evil" && echo written)" "1:" "a newline in --name: exit 1, no file"
sed -i 's/^user=alice$/user=alice\\nhost evil/' \
  "$XDG_STATE_HOME/postbote/verified/alice@example.com.ini"
"$P" export --format srv alice@example.com > "$W/evil.zone" 2> /dev/null
check "$?:$(cat "$W/evil.zone")" "1:" "a newline in a stored user name: exit 1, no zone"

tap_done
