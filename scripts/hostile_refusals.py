"""The sections of scripts/hostile_input.py whose every request must be refused with a clear 4xx and
change nothing: unknown addresses and methods, search, the reader's forms, the admin desk, the API
and bodies over the size limit. Each takes (site, corpus, check)."""
import json
import re
import subprocess
from urllib.parse import quote

OVER_LIMIT = b"x=" + b"a" * (1024 * 1024)


def api_token(binary, database, work):
    out = subprocess.run([binary, "api-token", "create", "hostile-test", "--database", database], check=True,
                         capture_output=True, text=True, cwd=work).stdout
    return out.splitlines()[1].strip()


def known(site):
    """Two tools in alphabetical order, a category and a persona of the demo catalog."""
    if not hasattr(site, "known"):
        tools = json.loads(site.send("GET", "/api/v1/tools?limit=2").body)["data"]
        category = json.loads(site.send("GET", "/api/v1/categories").body)["data"][0]["slug"]
        persona = json.loads(site.send("GET", "/api/v1/personas").body)["data"][0]["slug"]
        site.known = (*sorted(t["slug"] for t in tools), category, persona)
    return site.known


def expect(check, what, answer, statuses, payloads=()):
    """A refusal with one of `statuses`, a body that says something, and no payload echoed as markup."""
    echoed = [p for p in payloads if "<" in p and p in answer.text]
    ok = answer.status in statuses and len(answer.body) > 0 and not echoed
    check(what, ok, f"{answer.status}, {len(answer.body)} bytes" + (f", echoed {echoed[0]!r}" if echoed else ""))


def every(check, what, answers):
    """One line for a family of requests: each item is (label, ok, detail)."""
    bad = [f"{label}: {detail}" for label, ok, detail in answers if not ok]
    check(f"{what} ({len(answers)} requests)", not bad, "; ".join(bad[:4]) + (f" (+{len(bad) - 4} more)" if len(bad) > 4 else ""))


def refused(answer, statuses, payload=""):
    echoed = "<" in payload and payload in answer.text
    return answer.status in statuses and len(answer.body) > 0 and not echoed, f"{answer.status}{' echoed markup' if echoed else ''}"


def unknown_addresses_and_methods(site, corpus, check):
    a, b, category, persona = known(site)
    slugs = corpus["slugs"] + [quote(p, safe="") for p in corpus["markup"][:6] + corpus["sql"][:4]]
    shapes = ["/tools/{}", "/tools/{}/runs", "/tools/{}/runs/7", "/tools/{}/panel/live", "/compare/{}-vs-zzz", "/compare/zzz-vs-{}", "/compare/{}",
              "/categories/{}", "/personas/{}", "/newsletter/{}", "/sitemaps/{}", "/assets/{}", "/api/v1/tools/{}",
              "/api/v1/tools/{}/runs", "/api/v1/compare/{}/" + a, "/api/v1/personas/{}", "/api/v1/categories/{}", "/{}"]
    answers = []
    for slug in slugs:
        for shape in shapes:
            path = shape.format(slug)
            answer = site.send("GET", path)
            if answer.status == 301 and "/compare" in path:
                # A comparison address is first put in canonical order; the address it names must then be refused.
                answer = site.send("GET", answer.header("location"))
            answers.append((path, *refused(answer, {400, 404}, slug)))
    every(check, "unknown slugs on every page and API address get 404 (400 for text that is not UTF-8)", answers)
    answers = []
    for path in [f"/tools/{a}/runs/abc", f"/tools/{a}/runs/-1", f"/tools/{a}/runs/99999999999999999999999",
                 f"/tools/{a}/runs/compare?from=x&to=%3Cb%3E", f"/api/v1/tools/{a}/runs/abc", f"/api/v1/tools/{a}/runs/-5",
                 f"/compare/{a}-vs-{a}", f"/admin/tools/{quote(corpus['markup'][0], safe='')}"]:
        answers.append((path, *refused(site.send("GET", path, headers={"Cookie": site.admin}), {400, 404})))
    every(check, "run ids that are not numbers, a tool compared with itself and unknown admin tools get 400 or 404", answers)
    answers = []
    for path in ["/", f"/tools/{a}", f"/compare/{a}-vs-{b}", "/search", "/newsletter", "/api/v1/tools", f"/api/v1/tools/{a}",
                 "/admin/tools", "/healthz", f"/tools/{a}/vote"]:
        for method in ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"]:
            answers.append((f"{method} {path}", *refused(site.send(method, path, body=b""), {404, 405})))
    for path in [f"/tools/{a}/vote", f"/compare/{a}-vs-{b}/answer", f"/api/v1/tools/{a}/votes", "/signout"]:
        answers.append((f"GET {path}", *refused(site.send("GET", path), {404, 405})))
    every(check, "methods a route does not take get 404 or 405", answers)


def search(site, corpus, check):
    answers = []
    for text in corpus["markup"] + corpus["sql"] + corpus["text"] + ["x" * 5000]:
        page = site.send("GET", "/search?q=" + quote(text, safe=""))
        answers.append((f"/search?q={text[:30]}", *refused(page, {200, 400}, text)))
        api = site.send("GET", "/api/v1/search?q=" + quote(text, safe=""))
        answers.append((f"/api/v1/search?q={text[:30]}", api.status in {200, 400} and api.header("content-type").find("json") >= 0,
                        api.status))
    every(check, "search answers hostile text as a search (200) or refuses it (400), and never echoes markup", answers)
    answers = []
    for escape in corpus["bad_utf8_escapes"]:
        for path in ["/search?q=", "/api/v1/search?q=", "/categories/" + known(site)[2] + "?pricing="]:
            answers.append((path + escape, *refused(site.send("GET", path + "a" + escape), {400})))
    every(check, "a query string that is not UTF-8 gets 400", answers)


def reader_forms(site, corpus, check):
    a, b, _, _ = known(site)
    vote, answer = f"/tools/{a}/vote", f"/compare/{a}-vs-{b}/answer"
    other = site.reader()
    cookie, token = site.reader()
    expect(check, "a vote without a CSRF token gets 403", site.post_form(vote, {"choice": "ship", "csrf": ""}), {403})
    expect(check, "a vote with a forged CSRF token gets 403", site.post_form(vote, {"choice": "ship", "csrf": "1.forged"}), {403})
    expect(check, "a vote with another reader's CSRF token gets 403",
           site.post_form(vote, {"choice": "ship", "csrf": other[1]}, reader=(cookie, token)), {403})
    expect(check, "a vote with no cookie gets 403", site.send("POST", vote, body=f"choice=ship&csrf={token}",
                                                             headers={"Content-Type": "application/x-www-form-urlencoded"}), {403})
    answers = []
    for text in corpus["markup"] + corpus["sql"] + corpus["text"]:
        answers.append((f"vote {text[:30]}", *refused(site.post_form(vote, {"choice": text}), {400}, text)))
        answers.append((f"answer {text[:30]}", *refused(site.post_form(answer, {"choice": text}), {400}, text)))
    every(check, "votes and head-to-head answers with a hostile choice get 400", answers)
    answers = []
    for escape in corpus["bad_utf8_escapes"]:
        answers.append((f"vote {escape}", *refused(post_raw(site, vote, f"choice=ship{escape}"), {400})))
        answers.append((f"raw bytes {escape}", *refused(post_raw(site, vote, b"choice=sh\xff\xfeip"), {400})))
    every(check, "form bodies that are not UTF-8 get 400", answers)
    expect(check, "a vote sent as broken JSON gets 400",
           site.post_form(vote, {}, raw=b'{"choice":', headers={"Content-Type": "application/json", "Accept": "application/json"}), {400})
    expect(check, "a head-to-head answer for a pair that does not exist gets 404",
           site.post_form(f"/compare/{a}-vs-no-such-tool/answer", {"choice": "a"}), {404})


def post_raw(site, path, body):
    """A form post whose body is given whole, with a real cookie and token prepended."""
    cookie, token = site.reader()
    data = (f"csrf={token}&").encode() + (body.encode() if isinstance(body, str) else body)
    return site.send("POST", path, body=data, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})


def mail_forms(site, corpus, check):
    answers = []
    for email in corpus["emails"] + corpus["markup"][:4] + corpus["sql"][:3] + ["a" * 300 + "@example.com"]:
        answers.append((f"newsletter {email[:30]}", *refused(site.post_form("/newsletter", {"email": email}), {400}, email)))
        answers.append((f"signin {email[:30]}", *refused(site.post_form("/signin", {"email": email}), {400}, email)))
    every(check, "newsletter signups and sign-in requests with hostile addresses get 400 (header injection included)", answers)
    answers = [(f"{path} bad UTF-8", *refused(post_raw(site, path, b"email=a\xff@example.com"), {400}))
               for path in ["/newsletter", "/signin"]]
    every(check, "signup and sign-in bodies that are not UTF-8 get 400", answers)
    answers = []
    for token in ["1.forged", "99999.x", quote(corpus["markup"][0], safe=""), "%FF", "-1." + "a" * 64, ""]:
        answers.append((f"confirm {token[:20]}", *refused(site.send("GET", "/newsletter/confirm?token=" + token), {400, 404})))
        answers.append((f"unsubscribe {token[:20]}",
                        *refused(site.send("POST", "/newsletter/unsubscribe?token=" + token, body=b""), {400, 404})))
        answers.append((f"signin confirm {token[:20]}", *refused(site.post_form("/signin/confirm", {"token": token}), {400, 404})))
    every(check, "forged newsletter and sign-in tokens get 400 or 404", answers)


def admin_desk(site, corpus, check):
    a = known(site)[0]
    form = site.send("GET", f"/admin/tools/{a}", headers={"Cookie": site.admin}).text
    base = dict(re.findall(r'<input id="f-[a-z_]+" name="([a-z_]+)" value="([^"]*)"', form))
    base.update({k: v for k, v in re.findall(r'<textarea id="f-[a-z_]+" name="([a-z_]+)" rows="5">([^<]*)</textarea>', form)})
    for select in ["category", "pricing_model", "status"]:
        base[select] = re.search(rf'name="{select}">.*?<option value="([^"]+)" selected', form, re.S).group(1)
    base = {k: unescape(v) for k, v in base.items()}
    admin = (site.admin, re.search(r'name="csrf" value="([^"]+)"', form).group(1))
    hostile = {"slug": corpus["sql"][:3] + corpus["markup"][:3] + ["../etc", "a-vs-b", "x" * 200, "UPPER"],
               "website": ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example", "http://exa mple.com",
                           "ftp://example.com/x"],
               "launched": ["2026-13-45", "'; DROP TABLE tools; --", "yesterday"],
               "context_window": ["-1", "1e999", "99999999999999999", "<b>"],
               "category": ["no-such-category", corpus["sql"][0]], "pricing_model": ["nope", corpus["markup"][0]],
               "status": ["nope"], "name": ["", "x" * 500], "tagline": ["x" * 5000]}
    answers = []
    for field, values in hostile.items():
        for value in values:
            created = site.post_form("/admin/tools", {**base, "slug": "hostile-new", field: value}, reader=admin)
            answers.append((f"create {field}={value[:25]}", *refused(created, {422}, value)))
            if field != "slug":
                updated = site.post_form(f"/admin/tools/{a}", {**base, field: value}, reader=admin)
                answers.append((f"update {field}={value[:25]}", *refused(updated, {422}, value)))
    every(check, "admin tool forms with hostile values get 422 with the problems listed", answers)
    expect(check, "an admin form without its CSRF token gets 403",
           site.post_form(f"/admin/tools/{a}", {**base, "csrf": ""}, reader=admin), {403})
    signed_out = site.post_form(f"/admin/tools/{a}", base)
    check("an admin form from a reader who is not signed in is sent to sign in",
          signed_out.status == 303 and signed_out.header("location") == "/signin", signed_out.status)
    raw = site.send("POST", f"/admin/tools/{a}", body=f"csrf={admin[1]}&name=Bad\xff".encode("latin-1"),
                    headers={"Cookie": site.admin, "Content-Type": "application/x-www-form-urlencoded"})
    expect(check, "an admin form that is not UTF-8 gets 400", raw, {400})
    answers = []
    for value in corpus["markup"][:3] + corpus["sql"][:3]:
        answers.append((f"queue {value[:20]}", *refused(site.post_form(f"/admin/tools/{quote(value, safe='')}/panel", {}, reader=admin), {404})))
        answers.append((f"revoke {value[:20]}",
                        *refused(site.post_form(f"/admin/api-tokens/{quote(value, safe='')}/revoke", {}, reader=admin), {400, 404})))
    every(check, "admin actions on tools and tokens that do not exist get 404", answers)


def unescape(text):
    return text.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def api(site, corpus, check):
    a, b, _, _ = known(site)
    auth = {"Authorization": f"Bearer {site.api_token}", "Content-Type": "application/json"}
    vote, answer = f"/api/v1/tools/{a}/votes", f"/api/v1/compare/{a}/{b}/answers"
    bodies = [b"{", b'{"choice":}', b'{"choice":"ship"', b"[" * 60000, b'{"a":' * 12000, b'"ship"', b"[]", b"null",
              b'{"choice":1}', b'{"choice":1e999}', b'{"choice":"ship","extra":1}', b'{"choice":"sh\xffip"}', b"\xef\xbb\xbf\xff",
              b'{"choice":"ship","voter":"' + b"v" * 61 + b'"}', b'{"choice":"ship","voter":"a\\u0000b"}',
              b'{"choice":"ship","voter":"<script>x</script>"}', b'{"choice":"ship","voter":"\' OR 1=1"}']
    bodies += [json.dumps({"choice": text}).encode() for text in corpus["markup"][:5] + corpus["sql"][:5] + corpus["text"]]
    answers = []
    for body in bodies:
        for path in [vote, answer]:
            got = site.send("POST", path, body=body, headers=auth)
            is_problem = (got.header("content-type") or "").startswith("application/problem+json")
            answers.append((f"{path} {body[:30]!r}", got.status in {400, 422} and is_problem, got.status))
    every(check, "API votes with malformed, deeply nested, mistyped or hostile JSON get 400 or 422 problem documents", answers)
    expect(check, "an API vote sent as text/plain gets 415", site.send("POST", vote, body=b'{"choice":"ship"}',
                                                                        headers={**auth, "Content-Type": "text/plain"}), {415})
    answers = []
    for token in ["", "forged", corpus["sql"][0], corpus["markup"][0], "x" * 5000]:
        got = site.send("POST", vote, body=b'{"choice":"ship"}', headers={"Authorization": f"Bearer {token}".strip(),
                                                                          "Content-Type": "application/json"})
        answers.append((f"token {token[:20]}", got.status in {400, 401, 403}, got.status))
    every(check, "API votes with a missing or forged token get 401 or 403", answers)
    answers = []
    for query in ["limit=-1", "limit=abc", "limit=1e9", "limit=99999999999999999999", "cursor=" + quote(corpus["markup"][0]),
                  "cursor=%FF", "cursor=" + "z" * 3000, "category=" + quote(corpus["sql"][0]), "pricing=" + quote(corpus["sql"][1])]:
        got = site.send("GET", "/api/v1/tools?" + query)
        parses = True
        try:
            json.loads(got.body)
        except ValueError:
            parses = False
        answers.append((query[:30], got.status in {200, 400} and parses, got.status))
    every(check, "API list parameters out of range or hostile get 400 (or an empty list), as JSON", answers)


def over_limit(site, corpus, check):
    a, b, _, _ = known(site)
    answers = []
    for path in [f"/tools/{a}/vote", f"/compare/{a}-vs-{b}/answer", "/newsletter", "/newsletter/unsubscribe?token=1.x", "/signin",
                 "/signin/confirm", "/signout", "/account/bookmarks", "/admin/tools", f"/admin/tools/{a}", f"/admin/tools/{a}/panel",
                 "/admin/votes", "/admin/api-tokens", "/admin/api-tokens/1/revoke"]:
        got = site.send("POST", path, body=OVER_LIMIT, headers={"Cookie": site.admin, "Content-Type": "application/x-www-form-urlencoded"})
        # A forged unsubscribe token is refused from the address alone, before the body is read.
        answers.append((path, got.status == (404 if "token=" in path else 413), got.status))
    for path in [f"/api/v1/tools/{a}/votes", f"/api/v1/compare/{a}/{b}/answers"]:
        got = site.send("POST", path, body=b'{"choice":"' + b"s" * (1024 * 1024) + b'"}',
                        headers={"Authorization": f"Bearer {site.api_token}", "Content-Type": "application/json"})
        answers.append((path, got.status == 413, got.status))
    every(check, "a 1 MiB body to every form and API route gets 413", answers)


SECTIONS = [
    ("unknown addresses and methods", unknown_addresses_and_methods),
    ("search", search),
    ("vote and head-to-head forms", reader_forms),
    ("newsletter and sign-in forms", mail_forms),
    ("the admin desk", admin_desk),
    ("the JSON API", api),
    ("bodies over the size limit", over_limit),
]
