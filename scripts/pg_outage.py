"""PostgreSQL stopped under load, then started again: run by scripts/pg-outage-test as

    pg_outage.py <verdicts binary> <catalog folder> <work folder> <database URL> <halt command> <start command>

Eight threads load the site with reads that miss the page cache (tool pages with a query string),
API reads and votes. After 3 s the database server is stopped (`halt`), for 4 s, then started
again. While it is down every answer must be a 503, with Retry-After and a page or problem
document that says so. No 500s, no dropped connections, and the process stays up. After the
restart the same process must serve 200s again by itself within 15 s, and take votes."""
import atexit
import http.client
import os
import random
import re
import subprocess
import sys
import threading
import time

from script_checks import check, failures, free_port, passes, stop_server, wait_until_serving

binary, catalog, work, database, halt_command, start_command = sys.argv[1:7]


port = free_port()
env = dict(os.environ, VERDICTS_TRUSTED_PROXIES="127.0.0.1", VERDICTS_API_RATE_LIMIT="0", LOG_LEVEL=os.environ.get("VERDICTS_OUTAGE_LOG_LEVEL", "warning"))
env.pop("DATABASE_URL", None)
log = open(os.path.join(work, "serve.log"), "w")
server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", database, "--catalog", catalog, "--no-worker",
                           "--mail-outbox", os.path.join(work, "outbox")], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
atexit.register(stop_server, server)


def request(method, path, body=None, headers=None, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


wait_until_serving(server, lambda: request("GET", "/healthz")[0].status == 200, os.path.join(work, "serve.log"), "outage")

response, body = request("GET", "/api/v1/tools?limit=100")
slugs = re.findall(rb'"slug":"([a-z0-9-]+)"', body)
slugs = sorted({s.decode() for s in slugs})[:20]


def new_reader(slug):
    """A voter cookie and CSRF token, taken from a tool page as a browser would."""
    response, body = request("GET", f"/tools/{slug}")
    cookie = next(v.split(";")[0] for k, v in response.getheaders() if k.lower() == "set-cookie" and v.startswith("verdicts_voter="))
    return cookie, re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()


readers = [new_reader(slugs[i % len(slugs)]) for i in range(40)]
# 429 is a voter's own rate limit (while the database is away, answers come fast and the load votes
# faster than a person): a refusal that changes nothing, so it is allowed in every phase.
FINE = (200, 303, 429)

phase = ["before"]
lock = threading.Lock()
answers = []  # (phase, kind, status, retry_after, body excerpt)
dropped = []
stop = threading.Event()


def load():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    counter = 0
    while not stop.is_set():
        counter += 1
        slug = random.choice(slugs)
        kind = ("page", "api", "vote")[counter % 3]
        try:
            if kind == "page":
                response, body = request("GET", f"/tools/{slug}?n={random.random()}", connection=connection)
            elif kind == "api":
                response, body = request("GET", f"/api/v1/tools/{slug}", connection=connection)
            else:
                cookie, token = random.choice(readers)
                address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
                response, body = request("POST", f"/tools/{slug}/vote", body=f"choice=ship&csrf={token}", connection=connection,
                                         headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                                                  "X-Forwarded-For": address})
        except (OSError, http.client.HTTPException) as error:
            with lock:
                dropped.append((phase[0], kind, repr(error)))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            continue
        with lock:
            answers.append((phase[0], kind, response.status, response.getheader("Retry-After"),
                            response.getheader("Content-Type") or "", body[:4000]))
        time.sleep(0.01)


threads = [threading.Thread(target=load) for _ in range(8)]
for thread in threads:
    thread.start()
time.sleep(3)
# While the server shuts down, answers may be either; "down" starts once it is gone.
phase[0] = "stopping"
subprocess.run(halt_command, shell=True, check=True)
halted_at = time.time()
phase[0] = "down"
time.sleep(4)
phase[0] = "restarting"
subprocess.run(start_command, shell=True, check=True, stdout=subprocess.DEVNULL)
restarted_at = time.time()
phase[0] = "after"
recovered_at = None
while time.time() - restarted_at < 15:
    with lock:
        recent = [a for a in answers if a[0] == "after"][-30:]
    if len(recent) >= 30 and all(a[2] in FINE for a in recent):
        recovered_at = time.time()
        break
    time.sleep(0.1)
time.sleep(1)
stop.set()
for thread in threads:
    thread.join()

alive = server.poll() is None
by_phase = {p: [a for a in answers if a[0] == p] for p in ("before", "stopping", "down", "restarting", "after")}
down = by_phase["down"]
print(f"  ({len(by_phase['before'])} answers before the stop, {len(down)} while down, "
      f"{len(by_phase['restarting']) + len(by_phase['after'])} after; {len(dropped)} connections dropped)")
check("before the stop every answer is 200 or 303 (or a voter's 429)", by_phase["before"] and all(a[2] in FINE for a in by_phase["before"]),
      sorted({a[2] for a in by_phase["before"]}))
# The first requests after the stop may still be answered from the page cache or an open connection.
check("while the database is down every answer is 503 or served from what the site still has",
      down and all(a[2] in FINE + (503,) for a in down), sorted({(a[1], a[2]) for a in down}))
unavailable = [a for a in down if a[2] == 503]
check("pages, API reads and votes all get 503 while it is down", {a[1] for a in unavailable} == {"page", "api", "vote"},
      sorted({a[1] for a in unavailable}))
check("each 503 says when to retry", unavailable and all(a[3] == "5" for a in unavailable))
check("a 503 page says the site is back in a moment",
      all(b"Back in a moment" in a[5] for a in unavailable if a[1] != "api" and a[4].startswith("text/html")))
check("an API 503 is a problem document", all(a[4] == "application/problem+json" for a in unavailable if a[1] == "api"))
check("no answer anywhere is a 500", not [a for a in answers if a[2] >= 500 and a[2] != 503])
check("answers while it stops or starts are 200, 303, 429 or 503",
      all(a[2] in FINE + (503,) for p in ("stopping", "restarting") for a in by_phase[p]),
      sorted({a[2] for p in ("stopping", "restarting") for a in by_phase[p]}))
check("no connection was dropped", not dropped, dropped[:3])
check("the process stayed up", alive)
check("the same process serves again by itself within 15 s of the restart", recovered_at is not None,
      sorted({a[2] for a in by_phase["after"][-30:]}))
if recovered_at:
    print(f"  (down {restarted_at - halted_at:.1f} s; serving again {recovered_at - restarted_at:.1f} s after the restart)")
try:
    cookie, token = new_reader(slugs[0])
    response, _ = request("POST", f"/tools/{slugs[0]}/vote", body=f"choice=skip&csrf={token}",
                          headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.9.9.9"})
    check("votes are taken again", response.status == 303, response.status)
except (OSError, http.client.HTTPException) as error:
    check("votes are taken again", False, repr(error))
stop_server(server)
print(f"outage: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
