# shellcheck shell=bash
# OpenDKIM (Debian's opendkim) signs the mail the lab's Postfix takes for lab.test with
# selector lab2026 (key in conf/dkim/, record in dns.d/dkim.conf), as a provider does: the
# round trip's message then carries a real DKIM-Signature, and postbote domain checks the
# real key record. Postfix reaches it as a milter on 127.0.0.1:8891 (conf/main.cf); mail
# from other domains passes unsigned. lab-run sources this file: define nothing but
# pb_opendkim_*, never exit.

pb_opendkim_start ()
{
  local dir="$PB_LAB_DIR/opendkim"
  mkdir -p "$dir"
  # OpenDKIM refuses a key that others can read.
  install -m 600 "$PB_LAB_SRCDIR/conf/dkim/lab2026.private" "$dir/lab2026.private"
  cat > "$dir/opendkim.conf" <<CONF
Syslog no
LogWhy no
Mode s
Domain lab.test
Selector lab2026
KeyFile $dir/lab2026.private
Socket inet:8891@127.0.0.1
PidFile $dir/opendkim.pid
Canonicalization relaxed/simple
OversignHeaders From
InternalHosts 127.0.0.0/8
RequireSafeKeys false
CONF
  opendkim -f -x "$dir/opendkim.conf" >"$dir/opendkim.out" 2>&1 &
  lab_wait_port opendkim 127.0.0.1 8891 "$dir/opendkim.out"
}

pb_opendkim_start
