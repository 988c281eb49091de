# shellcheck shell=bash
# Starts the scripted SMTP server (tests/lab/scripted-smtp.py) and the scripted IMAP and POP3
# server (tests/lab/scripted-incoming.py); their scenarios are in SCENARIOS.md.
# lab-run sources this file after the core services are up: define nothing but pb_scripted_*,
# never exit, return non-zero when the server did not come up.

pb_scripted_start ()
{
  local dir="$PB_LAB_DIR/scripted"
  mkdir -p "$dir"

  # dropped.smtp.test (127.0.2.1): SYNs vanish, so a connect can only time out. This
  # namespace's own ruleset; nothing leaves it.
  if command -v nft >/dev/null 2>&1; then
    nft -f - <<'NFT' || echo "50-scripted: nft failed, dropped.smtp.test will refuse" >&2
table inet pb_scripted {
  chain input {
    type filter hook input priority 0; policy accept;
    ip daddr 127.0.2.1 tcp flags syn drop
  }
}
NFT
  else
    echo "50-scripted: nft missing (install nftables), dropped.smtp.test will refuse" >&2
  fi

  pb_scripted_run scripted-smtp.py "$dir"
}

# Starts SCRIPT (a scripted server in tests/lab) with its folder DIR and waits until it says
# it is ready.
pb_scripted_run ()
{
  local script=$1 dir=$2 pid
  rm -f "$dir/ready"
  /usr/bin/python3 "$PB_LAB_SRCDIR/$script" --lab-dir "$PB_LAB_DIR" \
    --ready-file "$dir/ready" >"$dir/server.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    [ -s "$dir/ready" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "50-scripted: $script died:" >&2
      cat "$dir/server.out" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "50-scripted: $script not ready after 30 s" >&2
  return 1
}

# The scripted IMAP and POP3 server beside it.
pb_scripted_start_incoming ()
{
  mkdir -p "$PB_LAB_DIR/scripted-incoming"
  pb_scripted_run scripted-incoming.py "$PB_LAB_DIR/scripted-incoming"
}

pb_scripted_start && pb_scripted_start_incoming
