"""The sections of scripts/hostile_input.py for what readers reach: unknown addresses and methods,
search, and the vote, head-to-head, newsletter and sign-in forms. Every request must be refused with
a clear 4xx (a search is answered as a search) and change nothing. Each takes (site, corpus, check);
SECTIONS lists them with the admin desk's and the API's (scripts/hostile_desk.py) in the order they run."""
from urllib.parse import quote

import hostile_desk
from hostile_checks import every, expect, known, post_raw, refused


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


SECTIONS = [
    ("unknown addresses and methods", unknown_addresses_and_methods),
    ("search", search),
    ("vote and head-to-head forms", reader_forms),
    ("newsletter and sign-in forms", mail_forms),
    ("the admin desk", hostile_desk.admin_desk),
    ("the JSON API", hostile_desk.api),
    ("bodies over the size limit", hostile_desk.over_limit),
]
