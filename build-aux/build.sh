# build.sh: sourced by build-aux/test and build-aux/valgrind.
#
# pb_meson_setup DIR [MESON-OPTIONS...]
#   Configures DIR the first time, and on every run sets require_all_tests from the
#   environment: true in CI (CI=true) or with PB_REQUIRE_ALL=1 (build-aux/test
#   --require-all), when a missing test harness must fail instead of skipping.
pb_meson_setup ()
{
  pb_dir=$1
  shift
  pb_required=false
  if [ "${CI:-}" = true ] || [ "${PB_REQUIRE_ALL:-}" = 1 ]; then
    pb_required=true
  fi
  # Where every harness is required a meson warning fails the setup; elsewhere a missing
  # harness is a warning that must not stop the build, only skip its tests (loudly).
  pb_fatal=
  [ $pb_required = false ] || pb_fatal=--fatal-meson-warnings
  if [ ! -f "$pb_dir/build.ninja" ]; then
    meson setup "$pb_dir" $pb_fatal -Drequire_all_tests=$pb_required "$@"
  elif [ "$(pb_meson_option "$pb_dir" require_all_tests)" != "$pb_required" ]; then
    # --reconfigure: an older build directory may not know the option yet.
    meson setup --reconfigure "$pb_dir" -Drequire_all_tests=$pb_required
  fi
}

# pb_meson_option DIR NAME: the option's value in DIR ("true"/"false"...), or nothing.
pb_meson_option ()
{
  meson introspect --buildoptions "$1" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
for option in json.load(sys.stdin):
    if option["name"] == sys.argv[1]:
        print(str(option["value"]).lower())' "$2"
}
