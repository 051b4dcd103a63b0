"""The API against its document, with real data: every operation in openapi.yaml is called with
slugs and ids from the demo catalog, and every answer -- successes, 304s and problems -- is checked
against the status, headers and schema the document gives for it. Schemathesis (run next by
scripts/api-test) explores random inputs; this walk makes sure each operation's success path is
exercised and conforms, and that the ETag, paging, voting and token rules hold end to end.

Usage: api_contract.py BASE_URL DOCUMENT TOKEN REVOKED_TOKEN"""
import sys

import requests
import yaml
from jsonschema import Draft202012Validator

base, document_path, token, revoked = sys.argv[1:5]
with open(document_path) as handle:
    document = yaml.safe_load(handle)

passed, failed = 0, 0
exercised = set()


def report_crash(kind, value, traceback):
    """An answer too wrong to walk on (a missing field, say) stops the walk; say so in the tally's words."""
    sys.__excepthook__(kind, value, traceback)
    print(f"api: 0 passed, 1 failed (the walk stopped at {kind.__name__}: {value}, after {failed} failed checks)")


sys.excepthook = report_crash


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def deref(node):
    """Follows a lone $ref to what it names (responses, parameters and headers use them)."""
    while isinstance(node, dict) and set(node) == {"$ref"}:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def validator_for(schema):
    # The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1); refs resolve against it.
    root = dict(document)
    root.update(schema)
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def conforms(name, template, method, response):
    """The answer is one the document lists for this operation, with its headers and body."""
    operation = document["paths"][template][method.lower()]
    status = str(response.status_code)
    spec = operation["responses"].get(status)
    check(f"{name}: status {status} is documented", spec is not None, response.text[:300])
    if spec is None:
        return
    spec = deref(spec)
    for header, header_spec in (spec.get("headers") or {}).items():
        header_spec = deref(header_spec)
        value = response.headers.get(header)
        if header_spec.get("required"):
            check(f"{name}: header {header}", value is not None, dict(response.headers))
        if value is not None and header_spec["schema"].get("type") != "integer":
            errors = list(validator_for(header_spec["schema"]).iter_errors(value))
            check(f"{name}: header {header} matches", not errors, f"{value!r}: {[e.message for e in errors]}")
    content = spec.get("content")
    if not content:
        check(f"{name}: no body", response.content == b"", response.text[:200])
        return
    media = response.headers.get("Content-Type", "").split(";")[0]
    check(f"{name}: content type {media}", media in content, f"{media} not in {list(content)}")
    if media in content:
        errors = list(validator_for(content[media]["schema"]).iter_errors(response.json()))
        check(f"{name}: body matches {status} schema", not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]])
    if 200 <= response.status_code < 300:
        exercised.add((method.upper(), template))


def call(method, template, path, expect, **kwargs):
    response = requests.request(method, base + path, allow_redirects=False, timeout=30, **kwargs)
    check(f"{method} {path}: answers {expect}", response.status_code == expect, f"got {response.status_code}: {response.text[:300]}")
    conforms(f"{method} {path}", template, method, response)
    return response


def read(template, path, **kwargs):
    """A read answers 200, then 304 with no body for its own ETag."""
    response = call("GET", template, path, 200, **kwargs)
    etag = response.headers.get("ETag")
    if etag:
        headers = {"If-None-Match": etag, **kwargs.pop("headers", {})}
        again = call("GET", template, path, 304, headers=headers, **kwargs)
        check(f"{path}: 304 keeps the ETag", again.headers.get("ETag") == etag, again.headers)
    return response.json()


# Reads, with values taken from the answers themselves.
tools = read("/api/v1/tools", "/api/v1/tools?limit=5")
slugs, cursor, pages = [t["slug"] for t in tools["data"]], tools["next_cursor"], 1
while cursor:
    page = read("/api/v1/tools", f"/api/v1/tools?limit=5&cursor={cursor}")
    slugs += [t["slug"] for t in page["data"]]
    cursor, pages = page["next_cursor"], pages + 1
everything = read("/api/v1/tools", "/api/v1/tools?limit=100")
check("paging visits every tool once, in slug order", slugs == [t["slug"] for t in everything["data"]], (slugs, pages))
check("paging took several pages", pages > 1, pages)
ships = read("/api/v1/tools", "/api/v1/tools?verdict=ship&pricing=paid&limit=100")
check("filters hold", all(t["panel"]["verdict"] == "ship" and t["pricing_model"] == "paid" for t in ships["data"]), ships)

categories = read("/api/v1/categories", "/api/v1/categories")["data"]
category = read("/api/v1/categories/{slug}", f"/api/v1/categories/{categories[0]['slug']}")
check("a category lists its tools", len(category["tools"]) == category["tool_count"] > 0, category["tool_count"])
in_category = read("/api/v1/tools", f"/api/v1/tools?category={category['slug']}&limit=100")
check("the tools filter agrees with the category", sorted(t["slug"] for t in in_category["data"]) == sorted(t["slug"] for t in category["tools"]), "")

first, second = sorted(t["slug"] for t in category["tools"])[:2]
tool = read("/api/v1/tools/{slug}", f"/api/v1/tools/{first}")
# Uncompressed, so that the lengths compare (requests asks for gzip by default and inflates it).
identity = {"Accept-Encoding": "identity"}
plain = requests.get(base + f"/api/v1/tools/{first}", headers=identity, timeout=30)
tool_etag, tool_length = plain.headers.get("ETag"), len(plain.content)
check("a tool has its panel with provenance", len(tool["reviews"]) >= 4 and all(r["provenance"]["label"] for r in tool["reviews"]), tool["reviews"][:1])
runs = read("/api/v1/tools/{slug}/runs", f"/api/v1/tools/{first}/runs")["data"]
run = read("/api/v1/tools/{slug}/runs/{id}", f"/api/v1/tools/{first}/runs/{runs[0]['id']}")
check("a run holds its reviews", len(run["reviews"]) == run["review_count"] > 0, run["review_count"])
comparison = read("/api/v1/compare/{a}/{b}", f"/api/v1/compare/{first}/{second}")
check("a comparison has a scorecard row per persona", len(comparison["scorecard"]) >= 4, len(comparison["scorecard"]))
check("a comparison carries the panel's pick, null before a pairwise run", "panel_pick" in comparison, list(comparison))
moved = call("GET", "/api/v1/compare/{a}/{b}", f"/api/v1/compare/{second}/{first}", 301)
check("the other order points at the canonical one", moved.headers.get("Location") == f"/api/v1/compare/{first}/{second}", moved.headers)
personas = read("/api/v1/personas", "/api/v1/personas")["data"]
persona = read("/api/v1/personas/{slug}", f"/api/v1/personas/{personas[0]['slug']}")
check("a persona's distribution counts its history", sum(b["count"] for b in persona["distribution"]) == len(persona["history"]), "")
hits = read("/api/v1/search", f"/api/v1/search?q={tool['name'].split()[0]}")
check("search finds the tool by name", first in [h["slug"] for h in hits["data"]], hits)
highlights = read("/api/v1/highlights", "/api/v1/highlights")
check("highlights lead with the newest verdicts", len(highlights["latest"]) > 0, highlights["latest"][:1])
read("/api/v1/leaderboard", "/api/v1/leaderboard")
methodology = read("/api/v1/methodology", "/api/v1/methodology")
check("the methodology's agreement rests on the catalog's panels", methodology["agreement"][0]["tools"] > 0 and methodology["agreement"][0]["score_alpha"] is not None, methodology["agreement"])
check("every persona has its calibration", len(methodology["calibration"]) == len(personas), methodology["calibration"])
check("every review carries its claims", all(isinstance(r["claims"], list) and isinstance(r["same_vendor"], bool) for r in tool["reviews"]), tool["reviews"][:1])
read("/api/v1/leaderboard", f"/api/v1/leaderboard?category={category['slug']}")

# Problems: each a documented status with a problem document.
call("GET", "/api/v1/tools/{slug}", "/api/v1/tools/no-such-tool", 404)
call("GET", "/api/v1/tools", "/api/v1/tools?limit=0", 400)
call("GET", "/api/v1/tools", "/api/v1/tools?pricing=cheap", 400)
call("GET", "/api/v1/search", "/api/v1/search", 400)
call("GET", "/api/v1/tools/{slug}/runs/{id}", f"/api/v1/tools/{first}/runs/abc", 400)
call("GET", "/api/v1/compare/{a}/{b}", f"/api/v1/compare/{first}/{first}", 404)
unknown = requests.get(base + "/api/v1/nothing-here", timeout=30)
check("an unknown endpoint is a problem document", unknown.status_code == 404 and unknown.headers["Content-Type"] == "application/problem+json", unknown.text)
wrong = requests.delete(base + "/api/v1/tools", timeout=30)
check("a wrong method is 405 with Allow", wrong.status_code == 405 and wrong.headers.get("Allow") == "GET, HEAD", (wrong.status_code, wrong.headers))
head = requests.head(base + f"/api/v1/tools/{first}", headers=identity, timeout=30)
check("HEAD answers as GET without a body", head.status_code == 200 and head.content == b"" and head.headers.get("ETag") == tool_etag, head.headers)
check("HEAD's Content-Length is GET's", head.headers.get("Content-Length") == str(tool_length), (head.headers, tool_length))

# Votes: with a token, per external voter; with the voter cookie and its CSRF token.
vote_path, auth = f"/api/v1/tools/{first}/votes", {"Authorization": f"Bearer {token}"}
before = tool["community"]["total"]
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 200, headers=auth, json={"choice": "ship", "voter": "contract-1"})
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 200, headers=auth, json={"choice": "skip", "voter": "contract-1"})
result = call("POST", "/api/v1/tools/{slug}/votes", vote_path, 200, headers=auth, json={"choice": "ship", "voter": "contract-2"}).json()
check("two people through one token are two votes, a changed vote is one", result["community"]["total"] == before + 2, result)
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 401, json={"choice": "ship"})
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 401, headers={"Authorization": f"Bearer {revoked}"}, json={"choice": "ship"})
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 415, headers=auth, data="choice=ship")
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 400, headers={**auth, "Content-Type": "application/json"}, data="{not json")
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 422, headers=auth, json={"choice": "maybe"})
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 422, headers=auth, json={"choice": "ship", "extra": 1})
call("POST", "/api/v1/tools/{slug}/votes", vote_path, 413, headers={**auth, "Content-Type": "application/json"}, data="[" + "1," * 40000 + "1]")

browser = requests.Session()
voter = browser.get(base + "/api/v1/voter", timeout=30)
conforms("GET /api/v1/voter", "/api/v1/voter", "GET", voter)
check("the voter endpoint sets the cookie", "verdicts_voter" in browser.cookies, voter.headers)
csrf = voter.json()["csrf_token"]
response = browser.post(base + vote_path, json={"choice": "skip"}, headers={"X-CSRF-Token": csrf}, timeout=30)
conforms(f"POST {vote_path} (cookie)", "/api/v1/tools/{slug}/votes", "POST", response)
check("a reader votes with cookie and CSRF token", response.status_code == 200 and response.json()["community"]["total"] == before + 3, response.text)
response = browser.post(base + vote_path, json={"choice": "skip"}, headers={"X-CSRF-Token": "0" * 32}, timeout=30)
check("a wrong CSRF token is 403", response.status_code == 403, response.text)
answer_path = f"/api/v1/compare/{second}/{first}/answers"
answer = call("POST", "/api/v1/compare/{a}/{b}/answers", answer_path, 200, headers=auth, json={"choice": "a", "voter": "contract-1"}).json()
check("an answer counts for the first slug of its address", answer["a"] == second and answer["head_to_head"]["a"] >= 1, answer)
after = read("/api/v1/compare/{a}/{b}", f"/api/v1/compare/{first}/{second}")
check("the comparison shows the answer", after["head_to_head"]["b"] >= 1, after["head_to_head"])
popular = read("/api/v1/highlights", "/api/v1/highlights")["popular_comparisons"]
check("an answered pair is a popular comparison", any(p["a"] == first and p["b"] == second for p in popular), popular)

# Every operation the document lists was answered with a conforming success.
operations = {(method.upper(), path) for path, item in document["paths"].items() for method in item if method in ("get", "post")}
check("every documented operation was exercised", operations <= exercised, sorted(operations - exercised))
# Counted per operation, as the schemathesis run is, so the suite's tally counts tests, not assertions;
# any failed check fails the walk as a whole.
if failed:
    print(f"api: 0 passed, 1 failed (the walk: {failed} of {passed + failed} checks failed, listed above)")
else:
    print(f"api: {len(operations)} passed, 0 failed (the walk, one per operation: {passed} checks)")
sys.exit(1 if failed else 0)
