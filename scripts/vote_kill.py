"""kill -9 in the middle of a vote load, then a restart: every vote the server acknowledged must be
in the database. Run by scripts/vote-kill-test, which prepares the database and passes:

    vote_kill.py <verdicts binary> <database> <catalog folder> <work folder> <engine>

Readers get their voter cookie and CSRF token from a tool page, as a browser would; 24 threads then
post votes on keep-alive connections, each (voter, tool) once, from random addresses behind a trusted
proxy. After 1,500 acknowledged votes the server gets SIGKILL with requests in flight. It is started
again on the same database, and each acknowledged vote is looked for in `tool_votes` and in the audit
trail `vote_events`."""
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

from script_checks import check, failures, free_port, passes, stop_server

binary, database, catalog, work, engine = sys.argv[1:6]
KILL_AFTER = 1500
VOTERS, THREADS = 200, 24


def start(port, log_name):
    env = dict(os.environ, VERDICTS_TRUSTED_PROXIES="127.0.0.1", VERDICTS_API_RATE_LIMIT="0", LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    log = open(os.path.join(work, log_name), "w")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", database, "--catalog", catalog,
                               "--no-worker", "--mail-outbox", os.path.join(work, "outbox")],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.1)
    sys.exit(f"kill: the server did not start; its log is in {log_name}:\n" + open(os.path.join(work, log_name)).read()[-2000:])


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def slugs(port):
    found, cursor = [], None
    while True:
        response, body = get(port, "/api/v1/tools?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        page = json.loads(body)
        found += [tool["slug"] for tool in page["data"]]
        cursor = page.get("next_cursor")
        if not cursor:
            return found


def reader(port, slug):
    response, body = get(port, f"/tools/{slug}")
    cookie = next(value.split(";")[0] for name, value in response.getheaders() if name.lower() == "set-cookie"
                  and value.startswith("verdicts_voter="))
    token = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
    return cookie, token


def dump(query):
    """Rows of a query as tuples of strings, from whichever engine the site ran on."""
    if engine == "sqlite":
        import sqlite3
        return [tuple(str(v) for v in row) for row in sqlite3.connect(database).execute(query)]
    out = subprocess.run(["psql", database, "-AtF", "\t", "-c", query], capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


port = free_port()
server = start(port, "first.log")
tools = slugs(port)
readers = [reader(port, tools[i % len(tools)]) for i in range(VOTERS)]
# Every (voter, tool) once, so that each acknowledged vote is the one that must be stored.
work_queue = [(v, t, random.choice(["ship", "skip"])) for v in range(VOTERS) for t in range(min(len(tools), 25))]
random.shuffle(work_queue)
lock = threading.Lock()
acknowledged, in_flight_errors, refused = [], [0], [0]
killed = threading.Event()


def voter_thread():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while True:
        with lock:
            if not work_queue:
                return
            voter, tool, choice = work_queue.pop()
        cookie, token = readers[voter]
        address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        try:
            connection.request("POST", f"/tools/{tools[tool]}/vote", body=f"choice={choice}&csrf={token}", headers={
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            with lock:
                in_flight_errors[0] += 1
            if killed.is_set():
                return
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        with lock:
            if response.status == 303:
                acknowledged.append((readers[voter][0].split("=", 1)[1].split(".")[0], tools[tool], choice))
            else:
                refused[0] += 1


threads = [threading.Thread(target=voter_thread) for _ in range(THREADS)]
for thread in threads:
    thread.start()
while len(acknowledged) < KILL_AFTER and any(t.is_alive() for t in threads):
    time.sleep(0.005)
server.send_signal(signal.SIGKILL)
killed.set()
server.wait()
for thread in threads:
    thread.join()
print(f"  ({len(acknowledged)} votes acknowledged before SIGKILL, {in_flight_errors[0]} requests cut off, {refused[0]} refused)")
check("the server was killed in the middle of the load", len(acknowledged) >= KILL_AFTER and in_flight_errors[0] > 0,
      f"{len(acknowledged)} acknowledged, {in_flight_errors[0]} cut off")
check("no vote was refused during the load", refused[0] == 0, refused[0])

server = start(port, "second.log")
try:
    ids = dict((slug, tool_id) for tool_id, slug in dump("SELECT id, slug FROM tools"))
    stored = set(dump("SELECT voter, tool_id, choice FROM tool_votes"))
    events = set(dump("SELECT voter, target, choice FROM vote_events WHERE kind = 'tool'"))
    missing_votes = [a for a in acknowledged if ("a:" + a[0], ids[a[1]], a[2]) not in stored]
    missing_events = [a for a in acknowledged if ("a:" + a[0], ids[a[1]], a[2]) not in events]
    check(f"after the restart all {len(acknowledged)} acknowledged votes are in tool_votes", not missing_votes, missing_votes[:3])
    check("and each is in the audit trail", not missing_events, missing_events[:3])
    check("nothing was stored that the load did not send", len(stored) <= len(acknowledged) + in_flight_errors[0], len(stored))
    cookie, token = reader(port, tools[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", f"/tools/{tools[0]}/vote", body=f"choice=ship&csrf={token}",
                       headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    check("the restarted site takes votes", connection.getresponse().status == 303)
finally:
    stop_server(server)
print(f"kill: {len(passes)} passed, {len(failures)} failed (votes on {engine})")
sys.exit(1 if failures else 0)
