# Debian packages Postbote needs; sourced by build-aux/run and build-aux/test.
# Keep each list sorted.

DEPS_BUILD="
  appstream
  desktop-file-utils
  gcc
  gettext
  glib-networking
  libadwaita-1-dev
  libglib2.0-bin
  libglib2.0-dev
  libgnutls28-dev
  libgtk-4-dev
  libjson-glib-dev
  libsecret-1-dev
  libsoup-3.0-dev
  libxml2-dev
  libxtst-dev
  meson
  ninja-build
  pkg-config
"

DEPS_TEST="
  bind9-dnsutils
  ca-certificates
  dbus
  dbus-x11
  dnsmasq-base
  dovecot-core
  dovecot-imapd
  dovecot-lmtpd
  dovecot-pop3d
  flatpak-builder
  gir1.2-glib-2.0
  glewlwyd
  gnome-keyring
  gnome-online-accounts
  gnutls-bin
  iproute2
  libgcr-3-dev
  libnet-ssleay-perl
  libsecret-tools
  msmtp
  nftables
  nginx-light
  opendkim
  postfix
  python3
  python3-gi
  swaks
  valgrind
  xauth
  xvfb
"

# build-aux/test --coverage only: gcovr reads GCC's coverage data.
DEPS_COVERAGE="
  gcovr
"

# build-aux/fuzz only: libFuzzer needs clang and its runtime.
DEPS_FUZZ="
  clang
  libclang-rt-14-dev
"

# Installs the packages of the given lists that are missing; a second run installs nothing.
pb_install_deps () {
  missing=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0

  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    echo "Postbote needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi

  echo "Installing:$missing"
  # Postfix and glewlwyd ask how to configure themselves; the lab brings its own
  # configuration. glewlwyd's default ("Personalized") has dbconfig-common set up a
  # PostgreSQL database, and its postinst fails without a running PostgreSQL server.
  printf '%s\n' "postfix postfix/main_mailer_type select No configuration" \
    "glewlwyd glewlwyd/config_type select No configuration" | $sudo debconf-set-selections
  $sudo apt-get update -q || exit 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
    || exit 1
}

# GnuTLS for LD_PRELOAD under LeakSanitizer. GIO's TLS module dlopens it, so its thread-locals
# live in dynamic TLS blocks, and scanning those crashes LeakSanitizer's tracer ("Tracer caught
# signal 11" in ScanRangeForPointers; GCC 12's and clang 14's runtimes alike). Preloaded, they
# are static TLS.
pb_lsan_preload () {
  # dpkg knows it without /sbin on PATH (ldconfig lives there).
  pb_lib=$(dpkg-query -L libgnutls30 2>/dev/null | grep '/libgnutls\.so\.30$' | head -n 1)
  [ -n "$pb_lib" ] || pb_lib=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null |
                           sed -n 's/^\t*libgnutls\.so\.30 (.*) => //p' | head -n 1)
  if [ -z "$pb_lib" ] || [ ! -e "$pb_lib" ]; then
    echo "warning: libgnutls.so.30 not found; LeakSanitizer may crash in TLS tests" >&2
    return 0
  fi
  echo "$pb_lib"
}
