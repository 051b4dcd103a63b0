"""What the fault and multi-instance scripts share: checks that print as they go and are tallied
for the summary line scripts/test counts, and a free port on loopback."""
import socket

failures, passes = [], []


def check(what, ok, detail=""):
    print(("  ok   " if ok else "  FAIL ") + what + ("" if ok or not detail else f": {detail}"))
    (passes if ok else failures).append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
