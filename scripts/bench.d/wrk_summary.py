"""Reads one wrk --latency report and prints "requests/s p50-ms p99-ms errors" on one line.

Errors are socket errors, timeouts and answers other than 2xx or 3xx, all added up."""
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def main(path):
    report = open(path, encoding="utf-8").read()
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", report).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", report, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors += int(non_success.group(1)) if non_success else 0
    print(f"{rate:.0f} {milliseconds(latency['50']):.2f} {milliseconds(latency['99']):.2f} {errors}")


if __name__ == "__main__":
    main(sys.argv[1])
