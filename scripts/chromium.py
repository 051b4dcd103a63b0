"""Debian's headless chromium through chromium-driver, as the browser checks start it."""
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def headless_chromium(height=1000):
    options = Options()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size=1280,{height}"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    # The driver path is given so selenium never tries to download one.
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.set_page_load_timeout(30)
    return browser
