# shellcheck shell=bash
# Starts the scripted SMTP server (tests/lab/scripted-smtp.py, scenarios in SCENARIOS.md).
# lab-run sources this file after the core services are up: define nothing but pb_scripted_*,
# never exit, return non-zero when the server did not come up.

pb_scripted_start ()
{
  local dir="$PB_LAB_DIR/scripted"
  mkdir -p "$dir"
  rm -f "$dir/ready"

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

  /usr/bin/python3 "$PB_LAB_SRCDIR/scripted-smtp.py" --lab-dir "$PB_LAB_DIR" \
    --ready-file "$dir/ready" >"$dir/server.out" 2>&1 &
  PB_SCRIPTED_PID=$!
  for _ in $(seq 1 300); do
    [ -s "$dir/ready" ] && return 0
    if ! kill -0 "$PB_SCRIPTED_PID" 2>/dev/null; then
      echo "50-scripted: scripted-smtp.py died:" >&2
      cat "$dir/server.out" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "50-scripted: scripted-smtp.py not ready after 30 s" >&2
  return 1
}

pb_scripted_start
