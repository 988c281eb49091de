#!/bin/sh
# build-aux/check-layers: the tree passes it, and each rule it enforces can fail. The
# planted breaks are small trees of their own, laid out like src/.
#   test-check-layers.sh SOURCE_ROOT
set -u
. "$(dirname "$0")/../tap.sh"
top=$1
checker=$top/build-aux/check-layers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

out=$("$checker" "$top/src" 2>&1)
status=$?
check "$status" 0 "src/ has no include or call cycle and no misplaced declaration" "$out"
check_match "the summary counts what was read" "$out" '^check-layers: [0-9]+ modules, [0-9]+ include and [0-9]+ call edges'

# plant DIR: a small engine of two modules, a and b, where b uses a; each case breaks it.
plant ()
{
  rm -rf "$work/src" && mkdir -p "$work/src/engine/x" "$work/src/cli" "$work/src/gui"
  printf 'void pb_a_run (void);\n' > "$work/src/engine/x/pb-a.h"
  printf '#include "pb-a.h"\nvoid\npb_a_run (void)\n{\n}\n' > "$work/src/engine/x/pb-a.c"
  printf 'void pb_b_run (void);\n' > "$work/src/engine/x/pb-b.h"
  printf '#include "pb-a.h"\n#include "pb-b.h"\nvoid\npb_b_run (void)\n{\n  pb_a_run ();\n}\n' \
    > "$work/src/engine/x/pb-b.c"
}

plant
out=$("$checker" "$work/src" 2>&1)
check "$?" 0 "a one-way tree passes" "$out"

plant
printf '#include "pb-b.h"\nvoid\npb_a_helper (void)\n{\n  pb_b_run ();\n}\n' >> "$work/src/engine/x/pb-a.c"
out=$("$checker" "$work/src" 2>&1)
check "$?" 1 "a call back up fails" "$out"
check_match "it names the call cycle" "$out" '^call cycle: pb-a -> pb-b -> pb-a$'
check_match "and the include cycle" "$out" '^include cycle: pb-a -> pb-b -> pb-a$'

plant
printf 'void pb_b_helper (void);\n' >> "$work/src/engine/x/pb-a.h"
printf 'void\npb_b_helper (void)\n{\n}\n' >> "$work/src/engine/x/pb-b.c"
out=$("$checker" "$work/src" 2>&1)
check "$?" 1 "a header declaring another file's function fails" "$out"
check_match "it says where the function is defined" "$out" \
  '^engine/x/pb-a.h declares pb_b_helper, defined in pb-b.c'

plant
printf 'void pb_window_show (void);\n' > "$work/src/gui/pb-window.h"
printf '#include "pb-window.h"\n' > "$work/src/cli/pb-cli.c"
out=$("$checker" "$work/src" 2>&1)
check "$?" 1 "the command line including the window fails" "$out"
check_match "it names both layers" "$out" '^cli/pb-cli.c \(cli\) includes pb-window.h \(gui\)$'

plant
printf '#include "pb-cli.h"\n' >> "$work/src/engine/x/pb-a.c"
printf 'void pb_cli_main (void);\n' > "$work/src/cli/pb-cli.h"
out=$("$checker" "$work/src" 2>&1)
check "$?" 1 "the engine including the command line fails" "$out"
check_match "it names both layers" "$out" '^engine/x/pb-a.c \(engine\) includes pb-cli.h \(cli\)$'

tap_done
