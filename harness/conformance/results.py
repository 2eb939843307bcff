"""Collecting scenario outcomes while pytest runs (in one process or across xdist workers), and
folding them into a verdict per catalogue ID.

The verdict words are kept apart on purpose: an ID the run did not select is *not selected*, one
whose profile the engine does not implement is *not applicable*, and one no feature file covers is
*not covered*; only *pass* and *fail* say anything about the engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from connsim.harness.catalogue import CATALOGUE
from connsim.harness.conformance.recording import PROPERTY

PASS, FAIL, NA, NOT_SELECTED, MISSING = "pass", "fail", "not applicable", "not selected", "not covered"
STATUSES = (PASS, FAIL, NA, NOT_SELECTED, MISSING)
LABELS = {PASS: "pass", FAIL: "fail", NA: "not applicable (profile not implemented)",
          NOT_SELECTED: "not selected", MISSING: "not covered"}


@dataclass
class ScenarioResult:
    nodeid: str
    name: str
    feature: str
    ids: list[str]
    profile: str | None
    mode: str | None
    example: dict[str, str] = field(default_factory=dict)
    outcome: str = "pending"          # passed | failed | skipped
    steps: list[dict[str, Any]] = field(default_factory=list)
    failing_step: str | None = None
    error: str | None = None
    exchange: list[dict[str, Any]] = field(default_factory=list)
    skip_reason: str | None = None
    duration: float = 0.0


@dataclass
class IdVerdict:
    id: str
    title: str
    profile: str
    status: str
    passed: int = 0
    total: int = 0
    failures: list[ScenarioResult] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.status]


class Collector:
    """A pytest plugin object in the runner's process: turns each test report (local, or sent by an
    xdist worker) carrying a scenario record into a ScenarioResult."""

    def __init__(self, on_result: Callable[[ScenarioResult], None] | None = None) -> None:
        self.results: dict[str, ScenarioResult] = {}
        self.on_result = on_result

    def pytest_runtest_logreport(self, report: Any) -> None:
        record = next((json.loads(v) for k, v in report.user_properties if k == PROPERTY), None)
        if record is None:
            if report.when == "teardown" and report.failed and report.nodeid in self.results:
                result = self.results[report.nodeid]
                result.outcome = "failed"
                result.error = result.error or _last_line(report)
            return
        result = ScenarioResult(**{k: v for k, v in record.items() if k in ScenarioResult.__dataclass_fields__})
        result.duration = report.duration
        if report.skipped:
            result.outcome = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            result.skip_reason = reason.replace("Skipped: ", "")
        else:
            result.outcome = "passed" if report.passed else "failed"
        self.results[report.nodeid] = result
        if self.on_result:
            self.on_result(result)


def _last_line(report: Any) -> str:
    lines = (report.longreprtext or "failed").strip().splitlines()
    return lines[-1] if lines else "failed"


def verdicts(results: list[ScenarioResult], covered: dict[str, int]) -> list[IdVerdict]:
    """One verdict per catalogue ID. ``covered`` counts the scenarios tagged with each ID in the
    feature files graded, whether this run selected them or not."""
    out: list[IdVerdict] = []
    for cid, (profile, title) in CATALOGUE.items():
        tagged = [r for r in results if cid in r.ids]
        ran = [r for r in tagged if r.outcome in ("passed", "failed")]
        failures = [r for r in ran if r.outcome == "failed"]
        if failures:
            status = FAIL
        elif ran:
            status = PASS
        elif tagged:
            status = NA
        elif covered.get(cid):
            status = NOT_SELECTED
        else:
            status = MISSING
        out.append(IdVerdict(cid, title, profile, status, passed=len(ran) - len(failures), total=len(ran),
                             failures=failures))
    return out


def counts(outcome: list[IdVerdict]) -> dict[str, int]:
    return {status: sum(1 for v in outcome if v.status == status) for status in STATUSES}
