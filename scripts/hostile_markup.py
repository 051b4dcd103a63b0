"""The sections of scripts/hostile_input.py where hostile text is legitimate: a tool imported or
edited with markup in every text field is stored exactly as typed, every page that shows it escapes
it, and in headless chromium none of it runs. Also: votes cannot redirect off the site, and cookies
are Secure when the site's address is HTTPS."""
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote

from hostile_checks import known
from live_site import Site

TEXT_FIELDS = ["name", "vendor", "tagline", "best_for", "description", "pricing", "entry_price", "license"]
RUN_CHECK = "return document.documentElement.dataset.pwned || null"
HANDLERS = "return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"
OVERFLOWS = "return document.documentElement.scrollWidth > document.documentElement.clientWidth"


def markup_tool(slug, category, markup, persona):
    """A catalog file whose every text field is a different payload, as YAML double-quoted strings."""
    fields = {"slug": slug, "category": category, "pricing_model": "free", "website": "https://example.com/a?b=<c>",
              "launched": "2024-01-01", "status": "active"}
    fields.update({field: markup[i % len(markup)] for i, field in enumerate(TEXT_FIELDS)})
    # These two fields take at most 60 characters.
    short = [payload for payload in markup if len(payload) <= 60]
    fields.update(entry_price=short[0], license=short[-1])
    review = " ".join(markup) + " " + "A long enough review to pass the validator's minimum length. " * 3
    lines = [f"    {key}: {json.dumps(value)}" for key, value in fields.items()]
    lines[0] = "  - " + lines[0].strip()
    reviews = f"    reviews:\n      {persona}:\n        score: 50\n        verdict: ship\n        text: {json.dumps(review)}\n"
    return "tools:\n" + "\n".join(lines) + "\n" + reviews, fields


def stored_markup(site, corpus, check):
    a, b, category, persona = known(site)
    markup = corpus["markup"]
    text, imported = markup_tool("hostile-markup", category, markup, persona)
    path = os.path.join(site.work, "hostile-markup.yaml")
    open(path, "w").write(text)
    run = subprocess.run([site.binary, "import", path, "--database", site.database], capture_output=True, text=True, cwd=site.work)
    check("a tool with markup in every text field imports", run.returncode == 0, (run.stdout + run.stderr)[-300:])
    stored = site.rows("SELECT name, tagline, description FROM tools WHERE slug = 'hostile-markup'")
    check("and is stored exactly as typed", stored == [(imported["name"], imported["tagline"], imported["description"])], stored)

    form = site.send("GET", "/admin/tools/new", headers={"Cookie": site.admin}).text
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    fields = {**{k: v for k, v in imported.items()}, "slug": "hostile-admin", "name": markup[6], "tagline": markup[12]}
    created = site.post_form("/admin/tools", fields, reader=(site.admin, token))
    check("a tool with markup in its fields is created from the admin desk", created.status == 303, f"{created.status}: {created.text[:300]}")
    names = site.rows("SELECT name, tagline FROM tools WHERE slug = 'hostile-admin'")
    check("and is stored exactly as typed", names == [(markup[6], markup[12])], names)

    token_name = markup[1]
    site.post_form("/admin/api-tokens", {"name": token_name}, reader=(site.admin, token))
    pages = ["/tools/hostile-markup", "/compare/hostile-admin-vs-hostile-markup", f"/compare/{a}-vs-hostile-markup",
             "/search?q=hostile", "/search?q=" + quote(markup[0], safe=""), f"/categories/{category}", "/", f"/personas/{persona}",
             "/tools/hostile-markup/runs", "/leaderboard", "/bookmarks"]
    admin_pages = ["/admin/tools/hostile-markup", "/admin/tools", "/admin/api-tokens", "/admin"]
    echoed = []
    for page in pages + admin_pages:
        answer = site.send("GET", page, headers={"Cookie": site.admin} if page in admin_pages else None)
        # Structured data holds the text as JSON strings, where quotes are escaped and `<` cannot
        # close the block: it is checked by parsing it, the rest of the page by looking for the payloads.
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', answer.text, re.S)
        markup_only = re.sub(r'<script type="application/ld\+json">.*?</script>', "", answer.text, flags=re.S)
        raw = [p for p in markup if p in markup_only]
        if answer.status != 200 or raw:
            echoed.append(f"{page}: {answer.status} {raw[:1]}")
        for block in blocks:
            try:
                json.loads(block)
            except ValueError:
                echoed.append(f"{page}: structured data broken out of: {block[:80]}")
    check(f"{len(pages + admin_pages)} pages that show the markup escape every payload", not echoed, "; ".join(echoed[:3]))
    tool = json.loads(site.send("GET", "/api/v1/tools/hostile-markup").body)
    check("the API gives the markup back exactly as stored", tool.get("name") == imported["name"] and tool.get("tagline") == imported["tagline"])
    for feed in ["/feed.xml", "/sitemap.xml", "/sitemaps/pages.xml"]:
        try:
            ElementTree.fromstring(site.send("GET", feed).body)
            parsed = True
        except ElementTree.ParseError as error:
            parsed = error
        check(f"{feed} is well-formed XML", parsed is True, parsed)
    cookie, csrf = site.reader(f"/tools/{a}")
    for target in ["//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", "\r\nSet-Cookie: x=1"]:
        answer = site.post_form(f"/tools/{a}/vote", {"choice": "ship", "return_to": target}, reader=(cookie, csrf))
        location = answer.header("location") or ""
        check(f"a vote's return_to={target!r} stays on the site", answer.status == 303 and location.startswith("/")
              and not location.startswith("//") and "\\" not in location and "\n" not in location, f"{answer.status} {location!r}")
    return pages, admin_pages, imported["name"]


def in_browser(site, found, shots, engine, check):
    from chromium import headless_chromium
    pages, admin_pages, name = found
    browser = headless_chromium()
    base = f"http://127.0.0.1:{site.port}"
    ran, handlers, overflowing = [], [], []
    try:
        browser.get(base + "/healthz")
        for cookie in site.admin.split("; "):
            key, value = cookie.split("=", 1)
            browser.add_cookie({"name": key, "value": value, "path": "/"})
        for number, page in enumerate(pages + admin_pages):
            browser.get(base + page)
            browser.execute_script("return new Promise(done => setTimeout(done, 300))")
            if browser.execute_script(RUN_CHECK):
                ran.append(page)
            if browser.execute_script(HANDLERS):
                handlers.append(page)
            if browser.execute_script(OVERFLOWS):
                overflowing.append(page)
            browser.save_screenshot(os.path.join(shots, f"{engine}-{number:02d}.png"))
        browser.get(base + "/tools/hostile-markup")
        shown = browser.execute_script("return document.querySelector('h1').innerText")
    finally:
        browser.quit()
    check(f"in chromium, no payload ran on any of {len(pages + admin_pages)} pages", not ran, ran)
    check("in chromium, no element got an on… attribute from the payloads", not handlers, handlers)
    check("in chromium, the tool's name shows as the text that was typed", shown == name, repr(shown))
    check("in chromium, no page is pushed wider than the window by the long unbroken payloads", not overflowing, overflowing)


def secure_cookies(binary, database, catalog, work, engine, check):
    https = Site(binary, database, catalog, work, engine, extra=["--base-url", "https://verdicts.example"])
    try:
        cookies = https.send("GET", "/newsletter").cookies()
    finally:
        https.stop()
    flags = [[part.strip().lower() for part in cookie.split(";")] for cookie in cookies]
    check("behind an https:// base URL every cookie is Secure, HttpOnly and SameSite=Lax",
          cookies and all("secure" in f and "httponly" in f and "samesite=lax" in f for f in flags), cookies)
