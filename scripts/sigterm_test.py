"""SIGTERM to a live site in the middle of a vote load, with a panel run being written and a reader
watching it live (run by scripts/sigterm-test, which passes:
<verdicts binary> <database> <catalog> <work folder> <engine>).

The panel's backend is the script's own OpenAI-compatible server (scripts/fake_llm.py), stalling,
so the run is mid-review when the signal comes. 16 threads post votes, each (voter, tool) once, on a
new connection per vote. After 400 acknowledged votes the server gets SIGTERM. Checks: it exits 0
within its 25 s deadline; the live view ends with "restarting" rather than holding the stop; every
acknowledged vote is stored; no vote was stored whose request went unanswered (a request cut off
after the server took it); the panel job is back in the queue untried, its run waiting with the
reason; and after a restart, with the backend answering, the run completes."""
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time

from fake_llm import FakeLLM
from live_site import Site
from script_checks import check, failures, free_port, passes, stop_server, wait_for

binary, database, catalog, work, engine = sys.argv[1:6]
SLUG, SIGNAL_AFTER, THREADS, DEADLINE = "ollama", 400, 16, 25
fake = FakeLLM(free_port())
fake.mode = "stall"
fake.start()
backend = {"VERDICTS_LLM_BACKEND": "openai", "VERDICTS_OPENAI_URL": f"http://127.0.0.1:{fake.port}/v1",
           "VERDICTS_OPENAI_MODE": "json-object", "VERDICTS_OPENAI_MODEL": "fake-llm", "VERDICTS_LLM_SILENCE_SECONDS": "120"}


site = Site(binary, database, catalog, work, engine, worker=True, env=backend)
queued = subprocess.run([binary, "panel", "run", SLUG, "--queue-only", "--database", database],
                        capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
check("a panel run is queued", "Queued panel run" in queued.stdout, queued.stdout + queued.stderr)
wait_for("the worker takes the run and asks the backend", lambda: fake.requests, 30)

# A reader watching the run live: its stream must end when the stop begins, not hold it.
stream = {"events": [], "ended_at": None}


def watch():
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
    connection.request("GET", f"/tools/{SLUG}/panel/live")
    response = connection.getresponse()
    try:
        for line in response:
            if line.startswith(b"data: "):
                stream["events"].append(line.decode())
    except (OSError, http.client.HTTPException):
        stream["events"].append("(cut off)")
    stream["ended_at"] = time.monotonic()


watcher = threading.Thread(target=watch)
watcher.start()

tools = [row[0] for row in site.rows("SELECT slug FROM tools ORDER BY id")][:25]
readers = [site.reader(f"/tools/{tools[i % len(tools)]}") for i in range(200)]
work_queue = [(v, t, random.choice(["ship", "skip"])) for v in range(len(readers)) for t in range(len(tools))]
random.shuffle(work_queue)
lock = threading.Lock()
acknowledged, unanswered, other_status, turned_away = [], [], [], [0]
stopping = threading.Event()


def vote(voter, tool, choice):
    cookie, token = readers[voter]
    sent = (cookie.split("=", 1)[1].split(".")[0], tools[tool], choice)
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        connection.connect()
    except OSError:
        return "refused", sent  # the listener is closed: the server never saw this one
    try:
        body = f"choice={choice}&csrf={token}"
        connection.request("POST", f"/tools/{tools[tool]}/vote", body=body, headers={
            "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Connection": "close",
            "X-Forwarded-For": f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"})
        response = connection.getresponse()
        response.read()
        return response.status, sent
    except (OSError, http.client.HTTPException):
        return "unanswered", sent
    finally:
        connection.close()


def voter_thread():
    while True:
        with lock:
            if not work_queue:
                return
            item = work_queue.pop()
        outcome, sent = vote(*item)
        with lock:
            if outcome == 303:
                acknowledged.append(sent)
            elif outcome == "unanswered":
                unanswered.append(sent)
            elif outcome == "refused":
                turned_away[0] += 1
            else:
                other_status.append(outcome)
        if outcome == "refused" and stopping.is_set():
            return


threads = [threading.Thread(target=voter_thread) for _ in range(THREADS)]
for thread in threads:
    thread.start()
while len(acknowledged) < SIGNAL_AFTER and any(t.is_alive() for t in threads):
    time.sleep(0.005)
signalled = time.monotonic()
site.process.send_signal(signal.SIGTERM)
stopping.set()
try:
    code = site.process.wait(timeout=DEADLINE + 10)
except subprocess.TimeoutExpired:
    code = None
took = time.monotonic() - signalled
for thread in threads:
    thread.join()
watcher.join(timeout=10)
log = open(site.log_path).read()
print(f"  ({len(acknowledged)} votes acknowledged, {turned_away[0]} turned away at the closed door, "
      f"{len(unanswered)} unanswered after connecting; stopped {took:.1f} s after SIGTERM)")

# Past the deadline the service group cancels what is left and `serve` exits with an error: 0 means
# every service stopped in its turn.
check(f"the server exits 0 within its {DEADLINE} s deadline, every service stopped in its turn",
      code == 0 and took < DEADLINE, f"exit {code} after {took:.1f} s: {log[-1500:]}")
check("the live view ends when the stop begins, saying the site is restarting",
      stream["ended_at"] is not None and stream["ended_at"] - signalled < 5 and any('"restarting"' in e for e in stream["events"]),
      stream["events"][-2:])
check("no answer during the stop was an error page", not [s for s in other_status if s >= 500], other_status[:5])

ids = dict((slug, int(tool_id)) for tool_id, slug in site.rows("SELECT id, slug FROM tools"))
stored = set((str(v), int(t), str(c)) for v, t, c in site.rows("SELECT voter, tool_id, choice FROM tool_votes"))
missing = [a for a in acknowledged if ("a:" + a[0], ids[a[1]], a[2]) not in stored]
cut_off = [u for u in unanswered if ("a:" + u[0], ids[u[1]], u[2]) in stored]
check(f"all {len(acknowledged)} acknowledged votes are stored", not missing, missing[:3])
check("no vote was stored whose request went unanswered (none cut off in flight)", not cut_off, cut_off[:3])

job = site.rows("SELECT status, attempts, last_error FROM jobs WHERE kind = 'panel-run' ORDER BY id DESC LIMIT 1")
run = site.rows("SELECT status, error FROM panel_runs WHERE purpose = 'verdict' ORDER BY id DESC LIMIT 1")
check("the panel job is back in the queue, its attempt given back",
      job and job[0][0] == "queued" and int(job[0][1]) == 0 and "worker stopped" in (job[0][2] or ""), job)
check("its run waits with the reason", run and run[0][0] == "queued" and "worker stopped" in (run[0][1] or ""), run)

# The next instance takes the job up and, with the backend answering now, finishes the run.
fake.mode = "slow"
site = Site(binary, database, catalog, work, engine, worker=True, env=backend)
try:
    done = wait_for("after a restart the run completes", lambda: site.rows(
        "SELECT status FROM panel_runs WHERE purpose = 'verdict' ORDER BY id DESC LIMIT 1")[0][0] == "complete", 90)
    if done:
        check("after a restart the run completes", True)
finally:
    stop_server(site.process)
    fake.stop()
print(f"sigterm: {len(passes)} passed, {len(failures)} failed (votes on {engine})")
sys.exit(1 if failures else 0)
