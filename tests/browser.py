"""A real browser for tests (shared: the dashboard's tests and the HTML report's): Debian's
chromium, headless, driven by selenium through /usr/bin/chromedriver. `.ci/run` installs both
(``apt-get install chromium chromium-driver``); a machine without them fails the test loudly
rather than skipping it.

    def test_page(chromium):
        chromium.get(url)
        assert chromium.find_element(By.ID, "x").text == "..."
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: flags that work in a container as root, with no GPU and no network beyond the simulator
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


def start_chromium() -> tuple[Any, str]:
    """A headless chromium WebDriver with a fresh profile, and that profile's folder."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(path) is None:
            raise RuntimeError(f"{path} is missing: apt-get install -y chromium chromium-driver (.ci/run does)")
    profile = tempfile.mkdtemp(prefix="connsim-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    return driver, profile


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    driver, profile = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
