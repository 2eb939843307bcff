"""What each scenario did, recorded where it ran (the runner's process, or an xdist worker) and
carried to the runner on the test report (``user_properties``), so one merged report shows every
scenario's steps, its failing step and assertion, and the HTTP exchange that led there.

Loaded with ``-p connsim.harness.conformance.recording`` by the conformance runner only."""

from __future__ import annotations

import json
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from connsim.harness.bdd.lint import template_of
from connsim.harness.catalogue import CATALOGUE, PROFILE_TAGS
from connsim.harness.conformance.exchange import scenario_exchange

#: the key of the user property that carries a scenario's record
PROPERTY = "connsim-scenario"
_STEPS = pytest.StashKey[list[dict[str, Any]]]()
_FAILURE = pytest.StashKey[dict[str, Any]]()


def describe(item: Any) -> dict[str, Any]:
    """Tags, feature, scenario name with the example's values, and the remote mode of one item."""
    markers = {m.name for m in item.iter_markers()}
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec else {}
    doc = getattr(item.function, "__doc__", "") or item.name
    feature, _, scenario = doc.partition(": ")
    if feature.endswith(".feature"):  # pytest-bdd names the feature by its file: keep area/name
        path = Path(feature)
        feature = f"{path.parent.name}/{path.stem}"
    example = params.get("_pytest_bdd_example") or {}
    name = scenario or doc
    for key, value in example.items():  # an outline: show the example's values
        name = name.replace(f"<{key}>", str(value))
    return {"nodeid": item.nodeid, "name": name, "feature": feature,
            "ids": sorted(m for m in markers if m in CATALOGUE),
            "profile": next((p for p, tag in PROFILE_TAGS.items() if tag in markers), None),
            "mode": params.get("remote_mode"),
            "example": {k: str(v) for k, v in example.items()}}


def pytest_bdd_before_scenario(request: Any, feature: Any, scenario: Any) -> None:
    request.node.stash[_STEPS] = [{"keyword": s.keyword, "text": s.name, "outcome": "not run"}
                                  for s in scenario.steps]


def _step(request: Any, step: Any) -> dict[str, Any] | None:
    for entry in request.node.stash.get(_STEPS, []):
        if entry["text"] == step.name and entry["outcome"] == "not run":
            return entry
    return None


def pytest_bdd_after_step(request: Any, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any) -> None:
    entry = _step(request, step)
    if entry:
        entry["outcome"] = "passed"


def pytest_bdd_step_error(request: Any, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: Exception) -> None:
    _failed(request, step, f"{type(exception).__name__}: {exception}")


def pytest_bdd_step_func_lookup_error(request: Any, feature: Any, scenario: Any, step: Any,
                                      exception: Exception) -> None:
    _failed(request, step, "no step definition matches this step (see `connsim steps`)")


def _failed(request: Any, step: Any, error: str) -> None:
    entry = _step(request, step)
    if entry:
        entry["outcome"] = "failed"
    request.node.stash[_FAILURE] = {"failing_step": f"{step.keyword} {step.name}", "error": error.strip(),
                                    "exchange": scenario_exchange(request)}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Generator[None, Any, Any]:
    report: Any = yield
    if template_of(item) is None:
        return report
    if report.when == "call" or (report.when != "call" and not report.passed):
        record = describe(item)
        record["steps"] = item.stash.get(_STEPS, [])
        record.update(item.stash.get(_FAILURE, {}))
        if report.failed and not record.get("error"):
            text = (report.longreprtext or "failed").strip().splitlines()
            record["error"] = text[-1] if text else "failed"
        report.user_properties.append((PROPERTY, json.dumps(record)))
    return report
