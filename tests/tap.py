"""TAP for the Python tests: the same lines tests/tap.sh writes, one numbering per program.

    import tap
    tap.check(got == want, "what it proves", "diagnostics shown when it fails")
    sys.exit(tap.done())
"""
import sys

_count = 0
_failed = False


def check(ok, what, diag=""):
    """Prints "ok N - what" or "not ok N - what" with diag as # lines; returns ok."""
    global _count, _failed
    _count += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", _count, what))
    if not ok:
        _failed = True
        for line in str(diag).splitlines():
            print("# " + line)
    sys.stdout.flush()
    return ok


def done():
    """Prints the plan; the exit status: 1 when any check failed, else 0."""
    print("1..%d" % _count)
    return 1 if _failed else 0
