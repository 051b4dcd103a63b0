"""Prints the benchmark's table, with each target and whether it was met, and writes it as Markdown.
Exits 1 when any target is missed."""
import argparse
import datetime
import os
import platform
import subprocess
import sys

# name: (what it is, p99 limit in ms or None, share of nginx's requests/s or None)
SCENARIOS = {
    "nginx": ("nginx, the hot page's bytes as a static file", None, None),
    "floor": ("bare Hummingbird, the same bytes from memory", None, None),
    "hot": ("hot comparison page", 10.0, 0.6),
    "compare": ("random comparison pages", 25.0, None),
    "tool": ("random tool pages", 15.0, None),
    "search": ("search", 20.0, None),
    "votes": ("vote POSTs", None, None),
}
VOTES_PER_SECOND = 2000
RSS_LIMIT_MB = 300
STARTUP_LIMIT_MS = 2000


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser()
    for name in ["results", "engine", "seconds", "startup-ms", "peak-rss-kb", "acknowledged", "stored",
                 "hot-path", "hot-bytes", "sizes", "out"]:
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    rows = {}
    for line in open(args.results, encoding="utf-8"):
        name, rate, p50, p99, errors = line.split()
        rows[name] = (float(rate), float(p50), float(p99), int(errors))
    nginx_rate = rows["nginx"][0]
    missed = []
    table = ["| scenario | requests/s | p50 ms | p99 ms | × nginx | errors | target | met |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for name, (label, p99_limit, share) in SCENARIOS.items():
        rate, p50, p99, errors = rows[name]
        targets, met = [], errors == 0 or name == "votes"
        if share is not None:
            targets.append(f"≥ {share} × nginx")
            met = met and rate >= share * nginx_rate
        if p99_limit is not None:
            targets.append(f"p99 ≤ {p99_limit:g} ms")
            met = met and p99 <= p99_limit
        if name == "votes":
            stored, acknowledged = int(args.stored), int(args.acknowledged)
            acknowledged_rate = acknowledged / float(args.seconds)
            targets.append(f"≥ {VOTES_PER_SECOND}/s acknowledged, all stored ({acknowledged} acknowledged, {stored} stored)")
            met = acknowledged_rate >= VOTES_PER_SECOND and stored >= acknowledged
        reference = name in ("nginx", "floor")
        if not reference and not met:
            missed.append(label)
        verdict = "—" if reference else ("yes" if met else "**no**")
        table.append(f"| {label} | {rate:.0f} | {p50:.2f} | {p99:.2f} | {rate / nginx_rate:.2f} | {errors} | "
                     f"{'; '.join(targets) or 'reference'} | {verdict} |")
    rss_mb = int(args.peak_rss_kb) / 1024
    startup = int(args.startup_ms)
    for label, value, limit, unit in [("peak RSS", rss_mb, RSS_LIMIT_MB, "MB"), ("start-up on the big database", startup, STARTUP_LIMIT_MS, "ms")]:
        met = value <= limit
        if not met:
            missed.append(label)
        table.append(f"| {label} | {value:.0f} {unit} | | | | | ≤ {limit} {unit} | {'yes' if met else '**no**'} |")
    header = [f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {args.engine}, "
              f"{machine()}; release build, `wrk -t2 -c64 --latency`, {args.seconds} s per scenario; "
              f"synthetic catalog `{args.sizes}`; hot page `{args.hot_path}` ({int(args.hot_bytes):,} bytes)."]
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        header.append(f"Commit {commit}.")
    except OSError:
        pass
    summary = "Every target met." if not missed else "Missed: " + ", ".join(missed) + "."
    text = "\n".join([" ".join(header), "", *table, "", summary]) + "\n"
    print()
    print(text)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"(written to {args.out})")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
