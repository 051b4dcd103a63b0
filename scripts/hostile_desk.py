"""The sections of scripts/hostile_input.py for the admin desk, the JSON API and bodies over the size
limit: every request must be refused with a clear 4xx and change nothing. Each takes (site, corpus, check)."""
import json
import re
from urllib.parse import quote

from hostile_checks import every, expect, known, refused, unescape

OVER_LIMIT = b"x=" + b"a" * (1024 * 1024)


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
