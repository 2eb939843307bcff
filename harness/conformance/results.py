"""Collecting scenario outcomes while pytest runs, and folding them into a verdict per catalogue ID."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connsim.harness.catalogue import CATALOGUE, PROFILE_TAGS

PASS, FAIL, NA, MISSING = "pass", "fail", "not applicable", "not covered"


@dataclass
class ScenarioResult:
    nodeid: str
    name: str
    feature: str
    ids: list[str]
    profile: str | None
    mode: str | None
    outcome: str = "pending"          # passed | failed | skipped
    failing_step: str | None = None
    error: str | None = None
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


class Collector:
    """A pytest plugin object: records each scenario's tags, outcome, failing step and error."""

    def __init__(self, on_result: Any = None) -> None:
        self.results: dict[str, ScenarioResult] = {}
        self.on_result = on_result

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        for item in items:
            markers = {m.name for m in item.iter_markers()}
            ids = sorted(m for m in markers if m in CATALOGUE)
            profile = next((p for p, tag in PROFILE_TAGS.items() if tag in markers), None)
            callspec = getattr(item, "callspec", None)
            mode = callspec.params.get("remote_mode") if callspec else None
            doc = (getattr(item.function, "__doc__", "") or item.name)
            feature, _, scenario = doc.partition(": ")
            if feature.endswith(".feature"):  # pytest-bdd names the feature by its file: keep area/name
                path = Path(feature)
                feature = f"{path.parent.name}/{path.stem}"
            example = callspec.params.get("_pytest_bdd_example") if callspec else None
            name = scenario or doc
            for key, value in (example or {}).items():  # outline: show the example's values
                name = name.replace(f"<{key}>", str(value))
            self.results[item.nodeid] = ScenarioResult(item.nodeid, name, feature, ids, profile, mode)

    def pytest_bdd_step_error(self, request: Any, feature: Any, scenario: Any, step: Any, step_func: Any,
                              step_func_args: Any, exception: Exception) -> None:
        result = self.results.get(request.node.nodeid)
        if result is not None:
            result.failing_step = f"{step.keyword} {step.name}"
            result.error = f"{type(exception).__name__}: {exception}"

    def pytest_bdd_step_func_lookup_error(self, request: Any, feature: Any, scenario: Any, step: Any,
                                          exception: Exception) -> None:
        result = self.results.get(request.node.nodeid)
        if result is not None:
            result.failing_step = f"{step.keyword} {step.name}"
            result.error = f"no step definition matches this step ({exception})"

    def pytest_runtest_logreport(self, report: Any) -> None:
        result = self.results.get(report.nodeid)
        if result is None:
            return
        if report.when == "call" or (report.when == "setup" and not report.passed):
            result.duration += report.duration
            if report.skipped:
                result.outcome = "skipped"
                reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
                result.skip_reason = reason.replace("Skipped: ", "")
            else:
                result.outcome = "passed" if report.passed else "failed"
                if report.failed and not result.error:
                    result.error = (report.longreprtext or "").strip().splitlines()[-1:][0] if report.longreprtext else "failed"
            if self.on_result:
                self.on_result(result)


def verdicts(results: list[ScenarioResult], selected_profiles: set[str] | None = None) -> list[IdVerdict]:
    out: list[IdVerdict] = []
    for cid, (profile, title) in CATALOGUE.items():
        tagged = [r for r in results if cid in r.ids]
        ran = [r for r in tagged if r.outcome in ("passed", "failed")]
        failures = [r for r in ran if r.outcome == "failed"]
        if failures:
            status = FAIL
        elif ran:
            status = PASS
        elif tagged or (selected_profiles and profile not in selected_profiles and profile != "*"):
            status = NA
        else:
            status = MISSING
        out.append(IdVerdict(cid, title, profile, status, passed=len(ran) - len(failures), total=len(ran),
                             failures=failures))
    return out
