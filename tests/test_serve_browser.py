"""The reading room in a real browser: Debian's Chromium, driven by Selenium through its
chromedriver, against ``gazette serve`` run as a user runs it. Screenshots go to
``$GAZETTE_SCREENSHOTS`` (else the test's temporary folder), to be looked at."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from test_serve import make_archive

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_archive(tmp_path_factory.mktemp("browser"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "main.py", "--archive", str(root), "serve", "--port", str(port)],
                              cwd=ROOT, stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(address)
            break
        except httpx.ConnectError:
            time.sleep(0.1)
    yield address
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='gazette-chromium-')}",
                     "--window-size=1280,1400"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("GAZETTE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_open_the_article_see_the_hit_and_the_page(served, browser, shots):
    browser.get(served)
    assert browser.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").text == "检索"
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("交城")
    browser.find_element(By.CSS_SELECTOR, "form.search select[name=sort] option[value=date]").click()
    browser.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    marks = browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert marks and {mark.text for mark in marks} == {"交城"}
    browser.save_screenshot(str(shots / "1-search.png"))

    browser.find_element(By.CSS_SELECTOR, "li.hit a.title").click()  # oldest first: the PDF page
    assert browser.find_element(By.TAG_NAME, "h1").text == "“改革攻坚”与“民生提质”双轮驱动"
    hits = browser.find_elements(By.CSS_SELECTOR, "article .text mark")
    assert hits and all(mark.text == "交城" for mark in hits)
    assert hits[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"  # shown marked
    copy = browser.find_element(By.CSS_SELECTOR, "button.copy")
    assert copy.is_displayed()  # the script shows it where JavaScript runs
    assert "吕梁日报, 2025-04-03(8)." in browser.find_element(By.ID, "citation").text
    browser.save_screenshot(str(shots / "2-article.png"))

    browser.find_element(By.CSS_SELECTOR, "nav.crumbs a:last-child").click()
    picture = browser.find_element(By.CSS_SELECTOR, ".scan img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", picture) > 0
    assert browser.find_elements(By.CSS_SELECTOR, ".scan rect.hitbox")
    assert browser.find_elements(By.CSS_SELECTOR, ".scan svg a rect.region")
    browser.save_screenshot(str(shots / "3-page.png"))


def test_english_when_the_browser_asks(served, browser, shots):
    browser.get(served + "/language/en?next=/search%3Fq%3D%E4%BA%A4%E5%9F%8E")
    assert "results" in browser.find_element(By.CSS_SELECTOR, "p.count").text
    browser.save_screenshot(str(shots / "4-english.png"))
    browser.get(served + "/language/zh?next=/")
