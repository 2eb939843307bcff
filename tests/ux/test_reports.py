"""One real failing conformance run (a deliberately broken engine, one scenario) and everything a
person or a CI server reads from it: the exit status, the piped terminal report with the whole
assertion, JUnit, Cucumber JSON, and the HTML report opened in a real browser, where the failing
scenario unfolds the HTTP exchange from the simulator's journal."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "tests.harness.broken_engines:IgnoresLockDates"


def conformance(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "connsim", "conformance", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("reports")
    files = {name: out / name for name in ("report.html", "junit.xml", "cucumber.json", "verdicts.json")}
    proc = conformance("--adapter", BROKEN, "--profile", "costs", "-k", "locked_wip_period",
                       "--html", str(files["report.html"]), "--junit", str(files["junit.xml"]),
                       "--cucumber-json", str(files["cucumber.json"]), "--json", str(files["verdicts.json"]))
    return {"proc": proc, **files}


def test_a_failure_exits_1_and_prints_the_whole_assertion_unwrapped(failing_run: dict[str, Any]) -> None:
    proc = failing_run["proc"]
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    error = next(line for line in lines if "AssertionError: expected Error tab" in line)
    # the engine's view, reason and error included, on one line: nothing cut, nothing wrapped
    assert "'reason': 'Remote Error'" in error and "locked WIP period" in error and error.rstrip().endswith("}")
    assert any(line.strip().startswith('at: Then "October software" shows "Sync Error"') for line in lines)
    verdicts = {v["id"]: v["status"] for v in json.loads(failing_run["verdicts.json"].read_text())["verdicts"]}
    assert verdicts["PC-LOCK"] == "fail" and verdicts["PH-EXPIRE"] == "not selected"


def test_junit_names_feature_scenario_and_ids(failing_run: dict[str, Any]) -> None:
    case = ET.parse(failing_run["junit.xml"]).getroot().find(".//testcase")
    assert case is not None
    assert case.get("classname") == "costs/lock_dates"
    assert case.get("name", "").startswith("PC-LOCK A cost in a locked WIP period")
    assert [p.get("value") for p in case.iter("property") if p.get("name") == "catalogue_id"] == ["PC-LOCK"]
    failure = case.find("failure")
    assert failure is not None
    message = failure.get("message", "")
    assert message.startswith('Then "October software" shows "Sync Error" with reason "Lock Dates"')
    assert "AssertionError: expected Error tab" in message and "_pytest" not in (failure.text or "")


def test_cucumber_json_has_the_feature_scenario_and_step_results(failing_run: dict[str, Any]) -> None:
    [feature] = json.loads(failing_run["cucumber.json"].read_text())
    [scenario] = feature["elements"]
    outcomes = [s["result"]["status"] for s in scenario["steps"]]
    assert feature["name"] == "costs/lock_dates" and {"name": "@PC-LOCK", "line": 0} in scenario["tags"]
    assert "failed" in outcomes and outcomes[0] == "passed"
    assert outcomes[outcomes.index("failed") + 1:] == ["skipped"] * (len(outcomes) - outcomes.index("failed") - 1)


def test_nothing_selected_is_an_error() -> None:
    proc = conformance("-k", "no_scenario_has_this_name")
    assert proc.returncode == 2
    assert "nothing selected: -k no_scenario_has_this_name matched no scenario" in proc.stderr


def test_html_report_in_a_browser_unfolds_the_failing_exchange(failing_run: dict[str, Any], chromium: Any) -> None:
    chromium.get(failing_run["report.html"].as_uri())
    summary = chromium.find_element(By.ID, "summary").text
    for label in ("catalogue IDs", "connsim version", "engine", BROKEN, "remote", "in-process", "duration", "date"):
        assert label in summary
    scenario = chromium.find_element(By.CSS_SELECTOR, "details.scenario.failed")
    exchange_table = scenario.find_element(By.CSS_SELECTOR, "table.exchange")
    assert not exchange_table.is_displayed(), "folded until asked"
    scenario.find_element(By.TAG_NAME, "summary").click()
    steps = scenario.find_elements(By.CSS_SELECTOR, "ul.steps li")
    assert [s.get_attribute("class") for s in steps][:1] == ["passed"] and any(
        s.get_attribute("class") == "failed" for s in steps)
    assert "expected Error tab" in scenario.find_element(By.CSS_SELECTOR, ".error").text
    scenario.find_element(By.CSS_SELECTOR, "details.exchange > summary").click()
    assert exchange_table.is_displayed()
    rows = exchange_table.text
    assert "POST /practicemanager/3.1/job.api/cost" in rows and "POST /connect/token" in rows
    assert "connsim-xero-secret" not in chromium.page_source, "client secrets never reach the report"
