"""The dashboard in a real browser (headless chromium, tests/browser.py): a tester logs in with
the admin token, locks a WIP period and completes a job through the page, and XPM's API then
refuses a cost for each of those reasons, in XPM's own words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from connsim.simulator.client import ControlClient
from connsim.simulator.pytest_plugin import ServerProcess

ADMIN = "dashboard-admin-token"


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    running = ServerProcess(extra=["--admin-token", ADMIN])
    yield running
    running.stop()


def cost_xml(job: str, date: str) -> bytes:
    """An XPM v3.1 job cost as reference/xero.md §4 documents it."""
    cost = Element("Cost")
    for name, value in (("Job", job), ("Date", date), ("Description", "Company search"), ("Code", "SEARCH"),
                        ("Quantity", "1"), ("UnitCost", "9.00"), ("UnitPrice", "25.00"), ("Billable", "true")):
        SubElement(cost, name).text = value
    return tostring(cost, encoding="utf-8")


def add_cost(server: ServerProcess, token: str, practice: str, job: str, date: str) -> str | None:
    answer = requests.post(f"{server.url}/practicemanager/3.1/job.api/cost", data=cost_xml(job, date), timeout=30,
                           headers={"Authorization": f"Bearer {token}", "Xero-Tenant-Id": practice,
                                    "Content-Type": "text/xml"})
    root = SafeET.fromstring(answer.content)
    return None if root.findtext("Status") == "OK" else root.findtext("ErrorDescription")


def wait_text(driver: Any, css: str, text: str) -> None:
    """Until the element shows ``text``. Read in one script call: the page reloads after each action,
    and a node found before the reload and read after it is an inspector error, not a stale one."""
    read = "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';"
    WebDriverWait(driver, 20).until(lambda d: text in (d.execute_script(read, css) or ""))


def test_tester_locks_a_period_and_completes_a_job_then_xpm_refuses_costs(server: ServerProcess,
                                                                         chromium: Any) -> None:
    control = ControlClient(server.url, admin_token=ADMIN)
    control.reset()
    practice = control.create_tenant("xpm-practice", "Browser Practice")["id"]
    client = control.action("xpm", f"{practice}/clients", {"name": "Nguyen Family Trust"})["UUID"]
    job = control.action("xpm", f"{practice}/jobs", {"client_uuid": client, "name": "Trust tax return"})["ID"]
    token = control.issue_tokens("xero", [practice], scopes=["practicemanager", "offline_access"])["access_token"]
    assert add_cost(server, token, practice, job, "20261015") is None  # open period, job Planned: accepted

    chromium.get(f"{server.url}/_connsim/ui/tenants/{practice}")
    # beyond the control API's JSON 401, a browser is sent to the login form
    WebDriverWait(chromium, 20).until(ec.presence_of_element_located((By.ID, "token")))
    chromium.find_element(By.ID, "token").send_keys(ADMIN)
    chromium.find_element(By.ID, "login").click()
    wait_text(chromium, "#wip-lock", "nothing (unlocked)")

    date_input = chromium.find_element(By.ID, "wip-lock-date")
    chromium.execute_script("arguments[0].value = '2026-10-31'", date_input)
    chromium.find_element(By.ID, "wip-lock-set").click()
    wait_text(chromium, "#wip-lock", "2026-10-31")
    wait_text(chromium, "#flash", "POST /_connsim/xpm/")

    row = chromium.find_element(By.ID, f"job-{job}")
    Select(row.find_element(By.NAME, "state")).select_by_visible_text("Completed")
    row.find_element(By.CSS_SELECTOR, "form.job-state-form button").click()
    wait_text(chromium, f"#job-{job} .job-state", "Completed")

    assert add_cost(server, token, practice, job, "20261015") == (
        "The cost date 2026-10-15 falls within a locked WIP period (WIP is locked up to 2026-10-31)")
    assert add_cost(server, token, practice, job, "20261115") == (
        f"Costs cannot be added to job {job} because its state Completed does not accept new costs")
    state = control.tenant_state(practice)
    assert state["wipLockDate"] == "2026-10-31" and state["jobs"][job]["StateCode"] == "COMPLETED"
    assert len(state["jobs"][job]["Costs"]) == 1

    # the live journal page shows those refused requests with their bodies
    chromium.get(f"{server.url}/_connsim/ui/journal?tenant={practice}")
    WebDriverWait(chromium, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "details.entry")) >= 3)
    newest = chromium.find_elements(By.CSS_SELECTOR, "details.entry")[0]
    newest.click()
    assert "job.api/cost" in newest.text and "<Date>20261115</Date>" in newest.text
    assert "Bearer [REDACTED]" in newest.text and token not in chromium.page_source
