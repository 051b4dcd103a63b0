"""The load run, started by scripts/load-test as

    load_run.py <verdicts binary> <SQLite database> <inputs folder> <work folder> <seconds> <connections>

Starts the site on a synthetic catalog, samples its resident memory every second, and runs wrk's
mixed load (load.d/mixed.lua: pages, searches, API reads and votes) for <seconds> at <connections>.
Checks: no 5xx, no socket errors (connect, read, write or timeout), and resident memory at the end
of the run less than 10% above what it was when the warm-up (a pass over every tool page, then the
first half of the run) ended."""
import concurrent.futures
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

from script_checks import check, failures, free_port, passes, stop_server, wait_until_serving

binary, database, inputs, work, seconds, connections = sys.argv[1:7]
seconds, connections = int(seconds), int(connections)
here = os.path.dirname(os.path.abspath(__file__))
port = free_port()
env = dict(os.environ, VERDICTS_TRUSTED_PROXIES="127.0.0.1", VERDICTS_API_RATE_LIMIT="0", LOG_LEVEL="warning")
env.pop("DATABASE_URL", None)
log = open(os.path.join(work, "serve.log"), "w")
server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", database, "--no-worker",
                           "--mail-outbox", os.path.join(work, "outbox"), "--base-url", f"http://127.0.0.1:{port}"],
                          cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
base = f"http://127.0.0.1:{port}"


def get(path, timeout=5):
    with urllib.request.urlopen(base + path, timeout=timeout) as response:
        return response.status, response.read()


def rss_kib():
    with open(f"/proc/{server.pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


try:
    wait_until_serving(server, lambda: get("/healthz")[0] == 200, os.path.join(work, "serve.log"), "load", seconds=60)
    # The leaderboard's first fit runs once after start-up; the load starts when it is done.
    for _ in range(300):
        if b"Fitted " in get("/leaderboard")[1]:
            break
        time.sleep(1)

    # SQLite's page cache (32 MB) fills as requests reach pages not read before, and it is bounded:
    # a run that starts cold shows it filling as growth. One pass over every tool page first reads
    # most of a catalog larger than the cache (tools, reviews, vote counts), so the growth measured
    # after the warm-up is what a leak would add. (Measured without it: a climb that levels off
    # after about six minutes, docs/reliability.md.)
    primed = time.time()
    tool_paths = ["/tools/" + line.strip() for line in open(os.path.join(inputs, "tools.txt")) if line.strip()]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda path: get(path, timeout=30), tool_paths))
    print(f"  (primed with {len(tool_paths)} tool pages in {time.time() - primed:.0f} s; "
          f"resident memory {rss_kib() // 1024} MB)")
    samples = []  # (seconds since the load started, RSS in KiB)
    stop_sampling = threading.Event()

    def sample(started):
        while not stop_sampling.is_set():
            samples.append((time.time() - started, rss_kib()))
            stop_sampling.wait(1)

    started = time.time()
    sampler = threading.Thread(target=sample, args=(started,))
    sampler.start()
    report = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                             "-s", os.path.join(here, "load.d", "mixed.lua"), base],
                            env=dict(os.environ, BENCH_LUA=os.path.join(here, "bench.d"), BENCH_INPUTS=inputs),
                            capture_output=True, text=True)
    stop_sampling.set()
    sampler.join()
    open(os.path.join(work, "wrk.txt"), "w").write(report.stdout + report.stderr)
    tallies = {name: int(count) for name, count in re.findall(r"^(answered_\w+): (\d+)$", report.stdout, re.MULTILINE)}
    socket_errors = {kind: int(count) for kind, count in re.findall(r"(connect|read|write|timeout) (\d+)", report.stdout)}
    rate = re.search(r"Requests/sec:\s+([0-9.]+)", report.stdout)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", report.stdout, re.MULTILINE))
    answered = sum(tallies.values())
    print(f"  ({answered} answers in {seconds} s at {connections} connections, {rate.group(1) if rate else '?'} req/s, "
          f"p50 {latency.get('50', '?')}, p99 {latency.get('99', '?')}; " + ", ".join(f"{k[9:]} {v}" for k, v in tallies.items()) + ")")
    check("wrk ran and every answer was tallied", report.returncode == 0 and answered > 0, report.stderr[-500:])
    check("no answer is a 5xx", tallies.get("answered_5xx", 1) == 0, tallies)
    check("no socket errors (connect, read, write, timeout)", not any(socket_errors.values()), socket_errors)
    check("answers other than 2xx, 3xx and 429 are none", tallies.get("answered_4xx", 1) == 0, tallies)
    # The first half: from a cold start SQLite's page cache fills for about six minutes and then
    # holds (docs/reliability.md), so growth is measured over the second half only.
    warm = [rss for at, rss in samples if at >= seconds / 2]
    if warm:
        after_warm_up, at_end = warm[0], max(rss for at, rss in samples if at >= seconds * 0.9)
        growth = (at_end - after_warm_up) / after_warm_up
        print(f"  (resident memory: {samples[0][1] // 1024} MB at the start, {after_warm_up // 1024} MB after the warm-up, "
              f"{at_end // 1024} MB at most in the last tenth; growth {growth * 100:.1f}%)")
        # The curve tells a cache that fills and levels off from a leak that keeps climbing.
        print("  (resident memory every 30 s, MB: " + " ".join(str(rss // 1024) for at, rss in samples[::30]) + ")")
        check("resident memory grew less than 10% after the warm-up", growth < 0.10, f"{growth * 100:.1f}%")
    else:
        check("resident memory was sampled", False)
    check("the server is still up and healthy", server.poll() is None and get("/healthz")[0] == 200)
finally:
    stop_server(server)
print(f"load: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
