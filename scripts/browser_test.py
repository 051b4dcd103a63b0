"""End-to-end checks in a real browser (Debian's headless chromium through chromium-driver).

Run by scripts/browser-test against a running site: vote on a comparison page and see the count
change in place, answer the head-to-head question, bookmark a tool and find it after a reload,
search as you type, and subscribe to the newsletter and confirm from the email that the SMTP server
received (parsed as MIME by Python's email package). Screenshots are kept in the output folder.
"""
import email
import email.policy
import glob
import os
import re
import sys
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait
from chromium import headless_chromium

base, shots, outbox = sys.argv[1], sys.argv[2], sys.argv[3]
browser = headless_chromium()
# A script may replace an element while a wait reads it; the wait then simply reads again.
wait = WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,))
passed = failed = 0


def texts(selector):
    """The text of each element matching `selector`; elements a script replaces meanwhile are read again."""
    for _ in range(20):
        try:
            return [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]
        except StaleElementReferenceException:
            continue
    return []


def check(what, condition):
    global passed, failed
    if condition:
        passed += 1
        print(f"  ok   {what}")
    else:
        failed += 1
        print(f"  FAIL {what}")


try:
    browser.get(base + "/compare/claude-4-sonnet-vs-gpt-4o")
    forms = browser.find_elements(By.CSS_SELECTOR, "form[data-vote]")
    check("the comparison page has two vote forms and the head-to-head question", len(forms) == 3)
    count = forms[0].find_element(By.CSS_SELECTOR, "[data-vote-count]")
    check("no votes before voting", count.text == "No community votes yet")
    forms[0].find_element(By.CSS_SELECTOR, "button[value=ship]").click()
    wait.until(lambda _: "1 vote" in count.text)
    check("the vote count changes in place", count.text.startswith("100% ship") and "1 vote" in count.text)
    check("the page did not reload", browser.current_url.endswith("/compare/claude-4-sonnet-vs-gpt-4o"))
    tally = forms[2].find_element(By.CSS_SELECTOR, "[data-vote-count]")
    forms[2].find_element(By.CSS_SELECTOR, "button[value=b]").click()
    wait.until(lambda _: "GPT-4o 1" in tally.text)
    check("the head-to-head answer is counted", "Claude Sonnet 4 0 · GPT-4o 1" in tally.text)
    browser.save_screenshot(f"{shots}/compare-after-vote.png")

    browser.get(base + "/compare/claude-4-sonnet-vs-gpt-4o")
    count = browser.find_elements(By.CSS_SELECTOR, "form[data-vote] [data-vote-count]")[0]
    check("the vote is still there after a reload", "1 vote" in count.text)

    browser.get(base + "/tools/gpt-4o")
    browser.find_element(By.CSS_SELECTOR, "[data-bookmark='gpt-4o']").click()
    browser.get(base + "/tools/gpt-4o")
    check("the bookmark survives a reload", browser.find_element(By.CSS_SELECTOR, "[data-bookmark='gpt-4o']").text.startswith("Bookmarked"))
    check("the bookmarks panel counts it", browser.find_element(By.CSS_SELECTOR, "[data-bookmarks-count]").text == "1")
    browser.get(base + "/bookmarks")
    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "main [data-bookmarks-list] li")]
    check("the bookmarks page lists it", items == ["GPT-4o"])
    browser.save_screenshot(f"{shots}/bookmarks.png")

    browser.get(base + "/search")
    browser.find_element(By.ID, "q").send_keys("vec")
    results = browser.find_element(By.ID, "search-results")
    wait.until(lambda _: "match" in results.text)
    check("search shows results as you type", "pgvector" in results.text)
    browser.save_screenshot(f"{shots}/search.png")

    browser.get(base + "/compare/claude-4-sonnet-vs-gpt-4o")
    box = browser.find_element(By.CSS_SELECTOR, "form.newsletter")
    box.find_element(By.NAME, "email").send_keys("reader@example.com")
    box.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda _: "Check your inbox" in browser.page_source)
    check("signing up from a comparison page asks to check the inbox", True)
    files = sorted(glob.glob(os.path.join(outbox, "*.eml")))
    check("one confirmation message reached the SMTP server", len(files) == 1)
    with open(files[-1], "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    check("it is multipart/alternative", message.get_content_type() == "multipart/alternative")
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    check("with a plain-text and an HTML part", set(parts) == {"text/plain", "text/html"})
    check("addressed to the reader, with Date and Message-ID", message["To"] == "reader@example.com" and message["Date"] and message["Message-ID"])
    link = re.search(r"(http\S+/newsletter/confirm\?token=\S+)", parts.get("text/plain", ""))
    check("the plain-text part carries the confirmation link", link is not None)
    browser.get(link.group(1))
    check("following the link confirms the subscription", "You are subscribed" in browser.page_source)
    browser.save_screenshot(f"{shots}/newsletter-confirmed.png")

    # Sign in with an emailed link (scripts/browser-test made this address an admin beforehand).
    mails_before = len(glob.glob(os.path.join(outbox, "*.eml")))
    browser.get(base + "/signin")
    form = browser.find_element(By.CSS_SELECTOR, "main form[action='/signin']")
    form.find_element(By.NAME, "email").send_keys("editor@example.com")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda _: "a sign-in link is on its way" in browser.page_source)
    WebDriverWait(browser, 20).until(lambda _: len(glob.glob(os.path.join(outbox, "*.eml"))) > mails_before)
    with open(sorted(glob.glob(os.path.join(outbox, "*.eml")))[-1], "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    text = {part.get_content_type(): part.get_content() for part in message.iter_parts()}.get("text/plain", "")
    link = re.search(r"(http\S+/signin/confirm\?token=[0-9a-f]+)", text)
    check("the sign-in link arrives by email", message["Subject"] == "Your sign-in link for Verdicts" and link is not None)
    browser.get(link.group(1))
    browser.find_element(By.CSS_SELECTOR, "main form[action='/signin/confirm'] button").click()
    wait.until(lambda _: browser.current_url.endswith("/bookmarks"))
    check("signed in, the bookmark kept in the browser is now the account's", texts("main [data-bookmarks-list] li") == ["GPT-4o"])
    check("the header names the account and offers to sign out", "editor@example.com" in browser.find_element(By.CSS_SELECTOR, "header").text)
    browser.get(base + "/tools/ollama")
    browser.find_element(By.CSS_SELECTOR, "[data-bookmark='ollama']").click()
    wait.until(lambda _: browser.find_element(By.CSS_SELECTOR, "[data-bookmark='ollama']").text.startswith("Bookmarked"))
    browser.execute_script("window.localStorage.clear();")
    browser.get(base + "/bookmarks")
    check("an account's bookmarks come from the server, not the browser", texts("main [data-bookmarks-list] li") == ["GPT-4o", "Ollama"])
    browser.save_screenshot(f"{shots}/bookmarks-signed-in.png")

    # The admin desk: edit a tool, then void this account's votes.
    browser.get(base + "/admin/tools/gpt-4o")
    tagline = browser.find_element(By.ID, "f-tagline")
    tagline.clear()
    tagline.send_keys("Edited from the admin desk in a real browser.")
    browser.find_element(By.CSS_SELECTOR, "main form.stack-form button[type=submit]").click()
    wait.until(lambda _: "Saved." in browser.page_source)
    browser.get(base + "/tools/gpt-4o")
    check("an admin's edit shows on the tool page", "Edited from the admin desk in a real browser." in browser.page_source)
    browser.get(base + "/admin/votes")
    mine = [f for f in browser.find_elements(By.CSS_SELECTOR, "form.inline")
            if f.find_elements(By.CSS_SELECTOR, "input[name=voter][value^='u:']")]
    mine[0].find_element(By.CSS_SELECTOR, "button[value=void]").click()
    wait.until(lambda _: "Voided" in browser.page_source)
    browser.save_screenshot(f"{shots}/admin-votes.png")
    browser.get(base + "/compare/claude-4-sonnet-vs-gpt-4o")
    count = browser.find_elements(By.CSS_SELECTOR, "form[data-vote] [data-vote-count]")[0]
    check("voiding the voter takes their vote out of the count", count.text == "No community votes yet")
except Exception as error:  # a timeout or a missing element is a failed check, with its reason
    failed += 1
    print(f"  FAIL {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
finally:
    browser.quit()

print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
