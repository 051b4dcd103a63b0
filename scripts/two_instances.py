"""Two app instances on one PostgreSQL database behind nginx, run by scripts/two-instances-test as

    two_instances.py <verdicts binary> <catalog> <work folder> <database URL> <nginx binary> <llm url>

Instance A starts first, migrating and importing the demo catalog. Then instance B starts, and
nginx balances between them. Every check does something on one instance and looks for it on the
other: a voter cookie and CSRF token from A vote on B, votes on B show in A's API and, within a
second, on A's cached pages, a sign-in link asked for on A is confirmed on B and the session works
on A, a bookmark made on A is listed on B, a panel run queued once is run once by one of the two
workers (both on the local model at <llm url>), and nginx spreads requests over both."""
import email
import email.policy
import glob
import os
import re
import subprocess
import sys
import time

import requests

from script_checks import check, failures, free_port, passes, stop_server

binary, catalog, work, database, nginx_binary, llm_url = sys.argv[1:7]
processes = []


a_port, b_port, nginx_port = free_port(), free_port(), free_port()
base = f"http://127.0.0.1:{nginx_port}"
outbox = os.path.join(work, "outbox")


def start(name, port):
    env = dict(os.environ, VERDICTS_API_RATE_LIMIT="0", LOG_LEVEL="warning", VERDICTS_LLM_BACKEND="local",
               VERDICTS_LOCAL_LLM_URL=llm_url)
    env.pop("DATABASE_URL", None)
    log = open(os.path.join(work, f"{name}.log"), "w")
    # Both run a panel worker on the same local model: a queued run must be taken by one of them once.
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", database, "--catalog", catalog,
                               "--mail-outbox", outbox, "--base-url", base, "--trusted-proxy", "127.0.0.1"],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    processes.append(server)
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return f"http://127.0.0.1:{port}"
        except requests.RequestException:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.1)
    sys.exit(f"two: instance {name} did not start:\n" + open(os.path.join(work, f"{name}.log")).read()[-2000:])


def token(response):
    return re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)


def community_total(origin, slug):
    return requests.get(f"{origin}/api/v1/tools/{slug}", timeout=10).json()["community"]["total"]


def vote(origin, session, slug, csrf, choice="ship", address="10.1.2.3"):
    return session.post(f"{origin}/tools/{slug}/vote", data={"choice": choice, "csrf": csrf}, allow_redirects=False,
                        headers={"X-Forwarded-For": address}, timeout=10)


try:
    a = start("a", a_port)
    b = start("b", b_port)
    with open(os.path.join(work, "nginx.conf"), "w") as conf:
        conf.write(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
    upstream verdicts {{ server 127.0.0.1:{a_port}; server 127.0.0.1:{b_port}; keepalive 8; }}
    server {{
        listen 127.0.0.1:{nginx_port};
        location / {{
            proxy_pass http://verdicts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
""")
    os.makedirs(os.path.join(work, "tmp"), exist_ok=True)
    subprocess.run([nginx_binary, "-p", work, "-c", os.path.join(work, "nginx.conf")], check=True)

    slugs = [t["slug"] for t in requests.get(f"{a}/api/v1/tools?limit=10", timeout=10).json()["data"]]
    slug, other = slugs[0], slugs[1]

    upstreams = {requests.get(f"{base}/tools/{slug}", timeout=10).headers.get("X-Upstream") for _ in range(10)}
    check("nginx spreads requests over both instances", upstreams == {f"127.0.0.1:{a_port}", f"127.0.0.1:{b_port}"}, upstreams)

    reader = requests.Session()
    page = reader.get(f"{a}/tools/{slug}", timeout=10)
    before = community_total(a, slug)
    answer = vote(b, reader, slug, token(page))
    check("a voter cookie and CSRF token from instance A vote on instance B", answer.status_code == 303, answer.status_code)
    check("the vote taken by B counts in A's API at once", community_total(a, slug) == before + 1, (before, community_total(a, slug)))
    check("and one vote per reader holds across instances: voting again on A changes nothing",
          vote(a, reader, slug, token(page), "skip").status_code == 303 and community_total(b, slug) == before + 1)

    # A's cached copy of a page, then a vote on B: a request to A that starts 0.85 s later reads the new count.
    cached = requests.get(f"{a}/tools/{other}", timeout=10)
    count_before = community_total(a, other)
    second = requests.Session()
    vote(b, second, other, token(second.get(f"{b}/tools/{other}", timeout=10)), address="10.1.2.4")
    time.sleep(0.85)
    fresh = requests.get(f"{a}/tools/{other}", timeout=10)
    total = community_total(a, other)
    shows = re.search(rf"\b{total} votes?\b", fresh.text) is not None
    check("A's cached page shows a vote taken by B within a second", total == count_before + 1 and shows and cached.status_code == 200,
          (count_before, total, re.findall(r"\b\d+ votes?\b", fresh.text)[:3]))

    # Sign in: the link is asked for on A, confirmed on B; the session then works on A.
    person = requests.Session()
    sign_in_page = person.get(f"{a}/signin", timeout=10)
    mails_before = set(glob.glob(os.path.join(outbox, "*.eml")))
    asked = person.post(f"{a}/signin", data={"email": "two@example.com", "csrf": token(sign_in_page)}, timeout=10)
    link = None
    for _ in range(50):
        new = set(glob.glob(os.path.join(outbox, "*.eml"))) - mails_before
        if new:
            with open(new.pop(), "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(r"/signin/confirm\?token=([0-9a-f]+)", text)
            link = found and found.group(1)
            break
        time.sleep(0.1)
    check("a sign-in link asked for on A arrives", asked.status_code == 200 and link is not None, (asked.status_code, link))
    if link:
        confirm_page = person.get(f"{b}/signin/confirm?token={link}", timeout=10)
        confirmed = person.post(f"{b}/signin/confirm", data={"token": link, "csrf": token(confirm_page), "bookmarks": ""},
                                allow_redirects=False, timeout=10)
        check("and is confirmed on B", confirmed.status_code == 303 and "verdicts_session" in confirmed.headers.get("Set-Cookie", ""),
              (confirmed.status_code, confirmed.headers.get("Set-Cookie")))
        signed_in = person.get(f"{a}/account/bookmarks", timeout=10)
        check("the session B opened is signed in on A", signed_in.status_code == 200 and signed_in.json()["bookmarks"] == [],
              signed_in.text[:200])
        tool_page = person.get(f"{a}/tools/{slug}", timeout=10)
        marked = person.post(f"{a}/account/bookmarks", data={"slug": slug, "on": "1", "csrf": token(tool_page)},
                             headers={"Accept": "application/json"}, timeout=10)
        listed = person.get(f"{b}/account/bookmarks", timeout=10).json()["bookmarks"]
        check("a bookmark made on A is listed on B", marked.status_code == 200 and [t["slug"] for t in listed] == [slug],
              (marked.status_code, listed))
    # Panel jobs: one run queued from the command line; both instances' workers poll the queue.
    tool = slugs[2]
    runs_before = len(requests.get(f"{a}/api/v1/tools/{tool}/runs", timeout=10).json()["data"])
    queued = subprocess.run([binary, "panel", "run", tool, "--queue-only", "--database", database], capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    check("a panel run is queued from the command line", queued.returncode == 0, queued.stdout + queued.stderr)
    runs, started = [], time.time()
    while time.time() - started < 240:
        runs = requests.get(f"{b}/api/v1/tools/{tool}/runs", timeout=10).json()["data"]
        if len(runs) > runs_before and runs[0]["status"] in ("complete", "failed"):
            break
        time.sleep(1)
    newest = runs[0] if len(runs) > runs_before else {}
    check(f"one of the two workers completes it ({time.time() - started:.0f} s)",
          newest.get("status") == "complete" and newest.get("review_count") == 4 and len(runs) == runs_before + 1, newest)
    jobs = subprocess.run(["psql", database, "-Atc", "SELECT status || ' ' || attempts FROM jobs"], capture_output=True, text=True).stdout.split()
    check("its job was taken once and is done", jobs == ["done", "1"], jobs)
    through = requests.Session()
    page = through.get(f"{base}/tools/{slug}", timeout=10)
    check("a reader voting through nginx is answered", vote(base, through, slug, token(page)).status_code == 303)
finally:
    for process in processes:
        stop_server(process)
    subprocess.run([nginx_binary, "-p", work, "-c", os.path.join(work, "nginx.conf"), "-s", "stop"], capture_output=True)
print(f"two: {len(passes)} passed, {len(failures)} failed (two instances on PostgreSQL behind nginx)")
sys.exit(1 if failures else 0)
