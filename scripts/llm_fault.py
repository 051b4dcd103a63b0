"""The panel's model backend down, answering garbage, stalling and slow, under a live site with its
worker on (scripts/llm-fault-test passes: <verdicts binary> <database> <catalog> <work folder> <engine>).

The backend is an OpenAI-compatible server of the script's own (scripts/fake_llm.py) on loopback.
One run meets the backend down, then answering garbage; a second meets it stalling, then slow but
sound. Checks: an unreachable or silent backend puts the job back for later with the reason, and
stores nothing; garbage is asked again and the run then fails with the validator's reason; the slow
answer completes the run; the tool keeps its last complete verdict throughout; and tool pages stay
fast while all of it happens (a reader thread times them against a baseline taken before)."""
import json
import subprocess
import sys
import threading
import time

from fake_llm import FakeLLM
from live_site import Site
from script_checks import check, failures, free_port, passes, wait_for

binary, database, catalog, work, engine = sys.argv[1:6]
SILENCE = 3
fake = FakeLLM(free_port())
site = Site(binary, database, catalog, work, engine, worker=True, env={
    "VERDICTS_LLM_BACKEND": "openai", "VERDICTS_OPENAI_URL": f"http://127.0.0.1:{fake.port}/v1", "VERDICTS_OPENAI_MODE": "json-object",
    "VERDICTS_OPENAI_MODEL": "fake-llm", "VERDICTS_LLM_SILENCE_SECONDS": str(SILENCE), "VERDICTS_PAGE_CACHE": "off"})
SLUG = "ollama"
timings, phase, reading = {}, ["baseline"], threading.Event()


def reader():
    """Tool pages and the home page, one after another, timed by phase."""
    number = 0
    while not reading.is_set():
        number += 1
        started = time.monotonic()
        answer = site.send("GET", f"/tools/{SLUG}" if number % 2 else "/")
        timings.setdefault(phase[0], []).append((time.monotonic() - started, answer.status))


def latest(table, columns):
    rows = site.rows(f"SELECT {columns} FROM {table} ORDER BY id DESC LIMIT 1")
    return rows[0] if rows else None


def queue_run():
    form = site.send("GET", f"/admin/tools/{SLUG}", headers={"Cookie": site.admin}).text
    token = form.split('name="csrf" value="')[1].split('"')[0]
    queued = site.post_form(f"/admin/tools/{SLUG}/panel", {}, reader=(site.admin, token))
    check("an admin queues a panel run from the desk", queued.status == 303, queued.status)
    return int(latest("panel_runs", "id")[0])


def requeued(reason):
    """The job is back in the queue, unclaimed, with `reason` as its last error."""
    job = latest("jobs", "status, attempts, locked_by, last_error")
    return job if job and job[0] == "queued" and job[2] in (None, "") and reason in (job[3] or "") else None


def verdict():
    """The run the tool's panel verdict comes from, and how many reviews it shows."""
    tool = json.loads(site.send("GET", f"/api/v1/tools/{SLUG}").body)
    return tool["latest_run_id"], len(tool["reviews"])


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


try:
    subprocess.run([binary, "user", "grant-admin", "editor@example.com", "--database", database], check=True, capture_output=True)
    site.admin = site.sign_in_admin("editor@example.com")
    before_run, before_reviews = verdict()
    threading.Thread(target=reader, daemon=True).start()
    time.sleep(4)

    phase[0] = "down"
    started = time.monotonic()
    first = queue_run()
    job = wait_for("the job goes back in the queue while the backend is down", lambda: requeued("connection refused"), 40)
    if job:
        check(f"down: the job is put back for later with the reason ({time.monotonic() - started:.1f} s)", job[1] == 1, job)
    check("down: the tool keeps its last complete verdict", verdict() == (before_run, before_reviews), verdict())
    check("down: nothing was stored for the run", site.rows(f"SELECT count(*) FROM reviews WHERE run_id = {first}")[0][0] in (0, "0"))

    phase[0] = "garbage"
    fake.mode = "garbage"
    fake.start()
    run = wait_for("the run fails once the backend answers only garbage", lambda: (
        lambda r: r if r[1] == "failed" else None)(latest("panel_runs", "id, status, error")), 90)
    if run:
        check("garbage: the run failed with the validator's reason", "none valid" in (run[2] or ""), run[2])
        check(f"garbage: the model was asked again before giving up ({len(fake.requests)} answers)", len(fake.requests) >= 8)
        check("garbage: no review of the run was stored", site.rows(f"SELECT count(*) FROM reviews WHERE run_id = {first}")[0][0] in (0, "0"))
        check("garbage: the job is marked failed, not retried forever", latest("jobs", "status")[0] == "failed")
        check("garbage: the tool keeps its last complete verdict", verdict() == (before_run, before_reviews), verdict())

    phase[0] = "stall"
    fake.mode = "stall"
    asked = len(fake.requests)
    started = time.monotonic()
    second = queue_run()
    job = wait_for("the job goes back in the queue while the backend stalls", lambda: requeued(f"no data for {SILENCE} s"), 60)
    if job:
        took = time.monotonic() - started
        check(f"stall: each silent try gave up after {SILENCE} s and the job went back ({took:.1f} s, "
              f"{len(fake.requests) - asked} tries)", took < 30 and len(fake.requests) - asked >= 2)

    phase[0] = "slow"
    fake.mode = "slow"
    run = wait_for("the run completes once the backend answers, slowly", lambda: (
        lambda r: r if r[1] == "complete" else None)(latest("panel_runs", "id, status, error")), 120)
    if run:
        stored = site.rows(f"SELECT count(*), min(model) FROM reviews WHERE run_id = {second}")[0]
        check("slow: the run completed with a review from every persona, each naming its model",
              int(stored[0]) == before_reviews and stored[1] == "fake-llm", stored)
        check("slow: the job is done on its second attempt", latest("jobs", "status, attempts") in [("done", 2), ("done", "2")],
              latest("jobs", "status, attempts"))
    phase[0] = "after"
    time.sleep(1)
    reading.set()

    check(f"the tool's verdict is now the new run's, with {before_reviews} reviews", verdict() == (second, before_reviews), verdict())
    base = percentile([t for t, _ in timings.get("baseline", [])], 0.99)
    for name in ["down", "garbage", "stall", "slow"]:
        samples = timings.get(name, [])
        worst = percentile([t for t, _ in samples], 0.99)
        errors = [status for _, status in samples if status != 200]
        print(f"  {name}: {len(samples)} page reads, p50 {percentile([t for t, _ in samples], 0.5) * 1000:.0f} ms, "
              f"p99 {worst * 1000:.0f} ms (baseline p99 {base * 1000:.0f} ms)")
        check(f"{name}: every page read answered 200, p99 within 3× the baseline or 150 ms",
              samples and not errors and worst <= max(3 * base, 0.150), f"{len(errors)} errors, p99 {worst * 1000:.0f} ms")
finally:
    reading.set()
    site.stop()
    fake.stop()

print(f"llm: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
