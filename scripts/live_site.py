"""A live site for the scripts that test it from outside (scripts/hostile_input.py, scripts/llm_fault.py):
starts `verdicts serve` on a free port, sends requests and holds every answer to what any answer
must be (no 5xx, the security headers, cookie flags), signs a reader in as an admin from the emailed
link, and fingerprints the database so a section can prove that a request changed nothing."""
import email
import email.policy
import glob
import hashlib
import http.client
import os
import random
import re
import subprocess
from urllib.parse import quote

from script_checks import free_port, stop_server, wait_until_serving

SECURITY_HEADERS = {
    "content-security-policy": lambda v: "script-src 'self'" in v and "unsafe-inline" not in v.split("script-src")[1].split(";")[0]
    and "frame-ancestors 'none'" in v,
    "x-content-type-options": lambda v: v == "nosniff",
    "referrer-policy": lambda v: bool(v),
}
# Session rows record when they were last used; every signed-in request may touch them.
UNFINGERPRINTED = {"sessions"}
# A request that presents an API token marks the token used (the admin desk shows when), even when
# its body is then refused: that column is bookkeeping, not data the request could change.
BOOKKEEPING = {"api_tokens": "last_used_at"}


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name), None)

    def cookies(self):
        return [v for k, v in self.headers if k.lower() == "set-cookie"]


class Site:
    def __init__(self, binary, database, catalog, work, engine, extra=(), env=None, worker=False):
        self.binary, self.database, self.catalog, self.work, self.engine = binary, database, catalog, work, engine
        self.port = free_port()
        self.outbox = os.path.join(work, "outbox")
        self.log_path = os.path.join(work, f"serve-{self.port}.log")
        environment = dict(os.environ, VERDICTS_TRUSTED_PROXIES="127.0.0.1", LOG_LEVEL="warning", **(env or {}))
        environment.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), "--database", database, "--catalog", catalog, "--mail-outbox", self.outbox,
             *([] if worker else ["--no-worker"]), *extra],
            cwd=work, env=environment, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        wait_until_serving(self.process, lambda: self.send("GET", "/healthz", check=False).status == 200, self.log_path, "hostile")
        self.header_failures, self.server_errors, self.cookie_failures = [], [], []
        self.requests = 0

    def stop(self):
        stop_server(self.process)

    def send(self, method, path, body=None, headers=None, check=True, timeout=20):
        """One request on a new connection, from a random address (the per-address rate limits
        would otherwise end the run early). Bytes or str bodies are sent as they are."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"X-Forwarded-For": f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}", **(headers or {})}
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            data = body.encode() if isinstance(body, str) else body
            for name, value in sent.items():
                connection.putheader(name, value)
            if data is not None:
                connection.putheader("Content-Length", str(len(data)))
            connection.endheaders(data)
            response = connection.getresponse()
            answer = Answer(response.status, response.getheaders(), response.read())
        finally:
            connection.close()
        if check:
            self.hold_to_rules(method, path, answer)
        return answer

    def hold_to_rules(self, method, path, answer):
        self.requests += 1
        where = f"{method} {path[:80]}"
        if answer.status >= 500:
            self.server_errors.append(f"{where} -> {answer.status}")
        for name, good in SECURITY_HEADERS.items():
            value = answer.header(name)
            if value is None or not good(value):
                self.header_failures.append(f"{where}: {name} = {value!r}")
        for cookie in answer.cookies():
            flags = [part.strip().lower() for part in cookie.split(";")[1:]]
            if "httponly" not in flags or "samesite=lax" not in flags:
                self.cookie_failures.append(f"{where}: {cookie}")

    def reader(self, path="/newsletter", session=None):
        """A reader's voter cookie (plus a session, if given) and the CSRF token of a page's forms."""
        answer = self.send("GET", path, headers={"Cookie": session} if session else None)
        voter = next(c.split(";")[0] for c in answer.cookies() if c.startswith("verdicts_voter=")) if answer.cookies() else None
        token = re.search(r'name="csrf" value="([^"]+)"', answer.text).group(1)
        cookie = "; ".join(part for part in [voter, session] if part)
        return cookie, token

    def post_form(self, path, fields, reader=None, raw=None, headers=None):
        """A form post as a browser sends it, with the reader's cookie and CSRF token unless the
        fields say otherwise; `raw` replaces the encoded body with bytes of the caller's."""
        cookie, token = reader or self.reader()
        body = raw if raw is not None else "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in {"csrf": token, **fields}.items())
        return self.send("POST", path, body=body, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                                                           **(headers or {})})

    def mails(self):
        return sorted(glob.glob(os.path.join(self.outbox, "*.eml")))

    def sign_in_admin(self, address):
        """Signs `address` in from the link the site mails, as a reader would; returns the cookie header."""
        before = set(self.mails())
        self.post_form("/signin", {"email": address})
        mail = next(iter(set(self.mails()) - before))
        text = email.message_from_file(open(mail), policy=email.policy.default).get_body(("plain",)).get_content()
        link = re.search(r"/signin/confirm\?token=([0-9a-f]+)", text).group(1)
        reader = self.reader(f"/signin/confirm?token={link}")
        confirmed = self.post_form("/signin/confirm", {"token": link}, reader=reader)
        session = next(c.split(";")[0] for c in confirmed.cookies() if c.startswith("verdicts_session="))
        return f"{reader[0]}; {session}"

    def fingerprint(self):
        """A digest of every table's rows, by table, so a change names the table it touched."""
        return {table: digest for table, digest in self._digests() if table not in UNFINGERPRINTED}

    def _digests(self):
        if self.engine == "sqlite":
            import sqlite3
            connection = sqlite3.connect(self.database)
            tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                cursor = connection.execute(f'SELECT * FROM "{table}"')
                kept = [i for i, column in enumerate(cursor.description) if column[0] != BOOKKEEPING.get(table)]
                rows = sorted(repr(tuple(row[i] for i in kept)) for row in cursor)
                yield table, hashlib.sha256("\n".join(rows).encode()).hexdigest()
            connection.close()
            return
        tables = self.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").split()
        for table in tables:
            row = f"(to_jsonb(t) - '{BOOKKEEPING.get(table, '')}')::text"
            yield table, self.psql(f"SELECT md5(coalesce(string_agg({row}, '|' ORDER BY {row}), '')) FROM \"{table}\" t").strip()

    def psql(self, query):
        return subprocess.run(["psql", self.database, "-At", "-c", query], capture_output=True, text=True, check=True).stdout

    def rows(self, query):
        if self.engine == "sqlite":
            import sqlite3
            return [tuple(row) for row in sqlite3.connect(self.database).execute(query)]
        return [tuple(line.split("|")) for line in self.psql(query).splitlines() if line]


def changed(before, after):
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))

