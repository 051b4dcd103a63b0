"""What the sections of scripts/hostile_input.py share: the catalog's known names, an API token,
form posts with raw bodies, and refusals judged the same way everywhere: a status from the allowed
set, a body that says something, and no payload echoed back as markup."""
import json
import subprocess


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


def post_raw(site, path, body):
    """A form post whose body is given whole, with a real cookie and token prepended."""
    cookie, token = site.reader()
    data = (f"csrf={token}&").encode() + (body.encode() if isinstance(body, str) else body)
    return site.send("POST", path, body=data, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})


def unescape(text):
    return text.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
