"""The sections of scripts/hostile_input.py below the forms: requests the HTTP parser must refuse, sent
as raw bytes, and catalog files the import must refuse (YAML bombs, deep nesting, text that is not
UTF-8, hostile slugs and addresses). Each takes (site, corpus, check) and must change nothing."""
import os
import socket
import subprocess
import time

from hostile_checks import known

RAW_REQUESTS = {
    "a header line without a colon": b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
    "a bare CR inside a header value": b"GET / HTTP/1.1\r\nHost: x\r\nX-Note: a\rSet-Cookie: evil=1\r\n\r\n",
    "a space inside the path": b"GET /tools/a b HTTP/1.1\r\nHost: x\r\n\r\n",
    "a control byte in the path": b"GET /tools/\x01\x7f HTTP/1.1\r\nHost: x\r\n\r\n",
    "an HTTP version that does not exist": b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    "a negative Content-Length": b"POST /newsletter HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "two different Content-Lengths": b"POST /newsletter HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde",
    "Content-Length with Transfer-Encoding (smuggling)":
        b"POST /newsletter HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n",
    "a chunk size that is not hexadecimal": b"POST /newsletter HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    "a 200 KB header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    "binary garbage": b"\x00\x01\x02\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" * 20 + b"\r\n\r\n",
}


def raw_exchange(port, data, timeout=5):
    """Sends bytes, returns the status code of the first answer, or None if the server closed
    the connection without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(data)
            reply = connection.recv(4096)
        except (ConnectionResetError, BrokenPipeError, socket.timeout):
            return None
    if not reply.startswith(b"HTTP/1."):
        return None
    return int(reply.split(b" ", 2)[1])


def http_parser(site, corpus, check):
    for what, data in RAW_REQUESTS.items():
        status = raw_exchange(site.port, data)
        # The parser may answer 400/413/431 or drop the connection; it must never serve such a request.
        check(f"{what}: refused ({status or 'connection closed'})", status is None or 400 <= status < 500)
    check("the server serves after every malformed request", site.send("GET", "/healthz").status == 200)


def bomb(levels=9, width=9):
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return ("\n".join(lines) + f"\ntools:\n  - slug: bomb\n    name: *a{levels - 1}\n").encode()


def tool(**fields):
    base = {"slug": "hostile-import", "name": "Hostile import", "vendor": "Nobody", "category": "{category}",
            "tagline": "A tool.", "best_for": "Nobody.", "description": "A tool for the test.", "pricing_model": "free",
            "pricing": "Free.", "entry_price": "Free", "website": "https://example.com", "launched": "2024-01-01",
            "license": "MIT", "status": "active"}
    base.update(fields)
    return "tools:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in base.items()) + "\n"


def catalog_files(category):
    yield "a billion laughs (nested aliases)", bomb()
    yield "10,000 levels of flow nesting", b"tools: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    yield "10,000 levels of block nesting", b"tools:\n" + b"".join(b"  " * i + b"- \n" for i in range(3000)) + b"\n"
    yield "bytes that are not UTF-8", tool(name="Bad \udcff name").encode("utf-8", "surrogateescape")
    yield "a NUL byte", tool(name='"nul \\0 byte"').encode()
    yield "a tab for indentation", b"tools:\n\t- slug: tab\n"
    yield "a slug with SQL", tool(slug="\"x'; DROP TABLE tools; --\"").encode()
    yield "a slug with markup", tool(slug="\"<script>alert(1)</script>\"").encode()
    yield "a slug with a path", tool(slug="../../etc/passwd").encode()
    yield "a javascript: website", tool(website="\"javascript:alert(1)\"").encode()
    yield "a data: website", tool(website="\"data:text/html,<script>alert(1)</script>\"").encode()
    yield "a duplicate key", tool(name="One").replace("name: One", "name: One\n    name: Two").encode()
    yield "an unknown field", tool(owner="me").encode()
    yield "a score out of range", (tool() + "    reviews:\n      builder:\n        score: 1000\n        verdict: ship\n        text: x\n").encode()
    yield "a verdict that is not ship or skip", (tool() + "    reviews:\n      builder:\n        score: 50\n        verdict: maybe\n        text: x\n").encode()
    yield "an 8 MB description", tool(description="x" * 8_000_000).encode()
    yield "a document that is a string", b'"just a string"\n'
    yield "a YAML tag that constructs objects", b"tools: !!python/object/apply:os.system ['echo pwned']\n"


def catalog_import(site, corpus, check):
    category = known(site)[2]
    folder = os.path.join(site.work, "hostile-import")
    os.makedirs(folder, exist_ok=True)
    for number, (what, data) in enumerate(catalog_files(category)):
        path = os.path.join(folder, f"case-{number}.yaml")
        with open(path, "wb") as file:
            file.write(data.replace(b"{category}", category.encode()))
        started = time.monotonic()
        try:
            run = subprocess.run([site.binary, "import", path, "--database", site.database], capture_output=True, cwd=site.work, timeout=60)
            returncode, output = run.returncode, (run.stdout + run.stderr).decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            returncode, output = "timeout", ""
        seconds = time.monotonic() - started
        said = f"case-{number}.yaml:" in output
        check(f"import of {what}: refused with the file named, in {seconds:.1f} s", returncode == 1 and said and seconds < 30,
              f"exit {returncode}: {output.strip()[:200]}")
