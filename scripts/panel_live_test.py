"""A panel run on the local model, watched live in a real browser (run by scripts/panel-live-test).

Queues a run for one demo tool, opens its page, and checks that persona text appears while the
model writes it (streamed over server-sent events, with no page reload), that the finished run
becomes the panel verdict labelled with the model that wrote it, and that the run history and the
comparison with the editorial run show it. Then opens a comparison page, which queues a pairwise
run, and checks the same of it: each persona's answer in each order appears as it is written, and
the page reloads into the panel's order-checked pick.
"""
import subprocess
import sys
import time
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.support.ui import WebDriverWait
from chromium import headless_chromium

base, shots, verdicts, database = sys.argv[1:5]
slug = "ollama"
browser = headless_chromium(height=1400)
passed = failed = 0


def check(what, condition):
    global passed, failed
    if condition:
        passed += 1
        print(f"  ok   {what}")
    else:
        failed += 1
        print(f"  FAIL {what}")


def waiting(seconds, poll):
    """A wait that reads again when the page replaces an element it was reading: the live panel
    rewrites itself and the page reloads when the run completes, so any element may go stale."""
    return WebDriverWait(browser, seconds, poll_frequency=poll, ignored_exceptions=(StaleElementReferenceException,))


def live_texts():
    return [p.text for p in browser.find_elements(By.CSS_SELECTOR, "[data-live-text]")]


try:
    queued = subprocess.run([verdicts, "panel", "run", slug, "--queue-only", "--database", database],
                            capture_output=True, text=True, check=True).stdout
    check("the command line queues a run", "Queued panel run" in queued)
    started = time.time()
    browser.get(f"{base}/tools/{slug}")
    check("the tool page shows the run in progress", len(browser.find_elements(By.CSS_SELECTOR, "[data-live-panel]")) == 1)
    browser.execute_script("window.notReloaded = true;")
    waiting(240, 0.2).until(lambda _: any(len(t) > 20 for t in live_texts()))
    check("persona text appears while it is written, without a reload",
          browser.execute_script("return window.notReloaded === true;"))
    browser.save_screenshot(f"{shots}/panel-live.png")
    # When the run completes the page reloads itself and shows the new verdict.
    waiting(480, 1).until(
        lambda _: not browser.find_elements(By.CSS_SELECTOR, "[data-live-panel]")
        and "Written by smollm2-135m-instruct" in browser.page_source)
    elapsed = time.time() - started
    reviews = browser.find_elements(By.CSS_SELECTOR, "section.card[aria-label$=' review']")
    check("four model-written reviews are the panel verdict", len(reviews) == 4
          and all("Written by smollm2-135m-instruct" in r.text for r in reviews))
    check("each review names its prompt version", all("prompt v1" in r.text for r in reviews))
    browser.save_screenshot(f"{shots}/panel-complete.png")
    print(f"  (the four-persona panel took {elapsed:.0f} s from queueing to the new verdict)")

    browser.get(f"{base}/tools/{slug}/runs")
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    check("the run history lists the model run as complete and the editorial run",
          len(rows) == 2 and "Complete" in rows[0].text and "smollm2" in rows[0].text and "Editorial" in rows[1].text)
    browser.find_element(By.CSS_SELECTOR, "form[action$='/runs/compare'] button").click()
    # A click that submits a form does not wait for the next page, so wait for the diff's heading
    # rather than reading the run history that may still be on screen; its heading can go stale
    # between finding it and reading its text as the diff arrives.
    def diff_shown(_):
        try:
            headings = browser.find_elements(By.TAG_NAME, "h1")
            return bool(headings) and "→" in headings[0].text
        except StaleElementReferenceException:
            return False
    try:
        waiting(30, 0.2).until(diff_shown)
    except TimeoutException:
        pass
    check("what changed between the runs is shown per persona",
          len(browser.find_elements(By.CSS_SELECTOR, ".diff ins")) >= 4 and diff_shown(None))
    browser.save_screenshot(f"{shots}/panel-diff.png")

    # A reader opening a comparison queues the pair's pairwise run (within the daily budget).
    started = time.time()
    browser.get(f"{base}/compare/llama-cpp-vs-ollama")
    slots = browser.find_elements(By.CSS_SELECTOR, "[data-live-panel] [data-persona]")
    check("the comparison page follows the pairwise run it queued, one slot per persona and order", len(slots) == 8)
    browser.execute_script("window.notReloaded = true;")
    waiting(240, 0.2).until(lambda _: any(len(t) > 20 for t in live_texts()))
    check("pairwise answers appear while they are written, without a reload",
          browser.execute_script("return window.notReloaded === true;"))
    browser.execute_script("document.getElementById('live-panel').scrollIntoView();")
    browser.save_screenshot(f"{shots}/pairwise-live.png")
    waiting(480, 1).until(
        lambda _: not browser.find_elements(By.CSS_SELECTOR, "[data-live-panel]")
        and browser.find_elements(By.ID, "panel-pick"))
    picks = browser.find_elements(By.CSS_SELECTOR, "section.card[aria-label$=\"'s pick\"]")
    check("the finished run is the panel's pick, one per persona, with its provenance",
          len(picks) == 4 and all("Written by smollm2-135m-instruct" in p.text for p in picks))
    summary = browser.find_element(By.XPATH, "//h2[@id='panel-pick']/following-sibling::p[@class='lede']").text
    check("the pick says how the order-checked answers fell",
          any(summary.startswith(s) for s in ("The panel picks", "Split:", "No clear pick")))
    print(f"  (the pairwise run took {time.time() - started:.0f} s; {summary})")
    browser.execute_script("document.getElementById('panel-pick').scrollIntoView();")
    browser.save_screenshot(f"{shots}/pairwise-complete.png")
finally:
    browser.quit()

print(f"panel: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
