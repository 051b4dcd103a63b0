"""The hostile-input corpus (scripts/hostile.d/corpus.json) run against every entry point of a live
site: pages and their unknown slugs and methods, search, the vote, head-to-head, newsletter and
sign-in forms, the admin desk, the JSON API, the HTTP parser itself, and the catalog import.
Run by scripts/hostile-test, which prepares the database and passes:

    hostile_input.py <verdicts binary> <database> <catalog folder> <work folder> <engine> <screenshots>

Every hostile request must get a 4xx that says what is wrong, and change nothing: each section
fingerprints every table before and after. Markup that is legitimate text (a tool described with
`<script>` in it) is stored as typed and must never run: its pages are checked for escaping, then
opened in headless chromium, where any payload that ran would set a flag on the document."""
import json
import os
import subprocess
import sys

from live_site import Site, changed
from script_checks import check, failures, passes
import hostile_checks
import hostile_markup
import hostile_protocol
import hostile_refusals

binary, database, catalog, work, engine, shots = sys.argv[1:7]
corpus = json.load(open(os.path.join(os.path.dirname(__file__), "hostile.d", "corpus.json")))
MARK = "document.documentElement.dataset.pwned='1'"
corpus["markup"] = [payload.replace("MARK", MARK) for payload in corpus["markup"]]
corpus["emails"] = [payload.replace("MARK", MARK) for payload in corpus["emails"]]

admin_email = "editor@example.com"
subprocess.run([binary, "user", "grant-admin", admin_email, "--database", database], check=True, capture_output=True, cwd=work)
site = Site(binary, database, catalog, work, engine)
try:
    site.admin = site.sign_in_admin(admin_email)
    site.api_token = hostile_checks.api_token(binary, database, work)
    refusals = hostile_refusals.SECTIONS + [("the HTTP parser", hostile_protocol.http_parser),
                                            ("the catalog import", hostile_protocol.catalog_import)]
    for name, section in refusals:
        before = site.fingerprint()
        mails = len(site.mails())
        print(f"{engine}: {name}")
        section(site, corpus, check)
        touched = changed(before, site.fingerprint())
        check(f"{name}: the database is unchanged", not touched, f"tables changed: {touched}")
        check(f"{name}: no mail was sent", len(site.mails()) == mails, f"{len(site.mails()) - mails} messages")
    print(f"{engine}: markup that is legitimate text is stored as typed and never runs")
    pages = hostile_markup.stored_markup(site, corpus, check)
    hostile_markup.in_browser(site, pages, shots, engine, check)
    hostile_markup.secure_cookies(binary, database, catalog, work, engine, check)
    check("no request got a 5xx", not site.server_errors, "; ".join(site.server_errors[:5]))
    check("every response carried the security headers", not site.header_failures, "; ".join(site.header_failures[:5]))
    check("every cookie is HttpOnly and SameSite=Lax", not site.cookie_failures, "; ".join(site.cookie_failures[:3]))
    check("the server is still serving", site.send("GET", "/healthz").status == 200)
    print(f"  ({site.requests} requests)")
finally:
    site.stop()

print(f"hostile: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
