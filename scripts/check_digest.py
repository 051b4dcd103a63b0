"""Checks the newest digest in a mail spool folder: valid MIME with a text and an HTML part, RFC 8058
one-click headers, and an unsubscribe link that works against the running site (POST)."""
import email
import email.policy
import glob
import os
import sys
import urllib.request

outbox = sys.argv[1]
newest = sorted(glob.glob(os.path.join(outbox, "*.eml")))[-1]
with open(newest, "rb") as handle:
    message = email.message_from_binary_file(handle, policy=email.policy.default)
parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
failed = 0


def check(what, condition):
    global failed
    print(("  ok   " if condition else "  FAIL ") + what)
    failed += 0 if condition else 1


check("the digest is multipart/alternative with text and HTML", set(parts) == {"text/plain", "text/html"})
check("its subject names the week", message["Subject"].startswith("Weekly AI Tool Verdicts "))
check("it carries List-Unsubscribe-Post: List-Unsubscribe=One-Click", message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
link = message["List-Unsubscribe"].strip("<>")
request = urllib.request.Request(link, data=b"List-Unsubscribe=One-Click", method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
with urllib.request.urlopen(request, timeout=10) as response:
    check("the one-click unsubscribe POST works against the site", response.status == 200 and b"You are unsubscribed" in response.read())
print(f"digest: {4 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
