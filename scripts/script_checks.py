"""What the fault, load and multi-instance scripts share: checks that print as they go and are
tallied for the summary line scripts/test counts, a free port on loopback, and starting and
stopping the server under test."""
import socket
import subprocess
import sys
import time

failures, passes = [], []


def check(what, ok, detail=""):
    print(("  ok   " if ok else "  FAIL ") + what + ("" if ok or not detail else f": {detail}"))
    (passes if ok else failures).append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(process, grace=15):
    """SIGTERM, then SIGKILL if it has not exited within `grace` seconds: a script must never leave
    a server behind (a stale one holds its database and port for the next run)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        print(f"  (the server did not stop within {grace} s of SIGTERM; killed)")
        process.kill()
        process.wait()


def wait_until_serving(process, is_serving, log_path, name, seconds=30):
    """Polls `is_serving()` every 0.1 s until it is true; stops the script with the server's log
    if the process exits first or `seconds` pass."""
    for _ in range(int(seconds * 10)):
        try:
            if is_serving():
                return
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.1)
    sys.exit(f"{name}: the server did not start:\n" + open(log_path).read()[-2000:])


def wait_for(what, condition, seconds, poll=0.25):
    """Polls `condition()` until it gives something true, and returns it; after `seconds`, records
    `what` as failed and returns None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(poll)
    check(what, False, f"not within {seconds} s")
    return None
